import Testing
@testable import WarRoomEngine

/// Retitling, the recovery point and roles: what the engine accepts, what it refuses, and
/// what the report makes of them.
@Suite struct PostmortemEventTests {
    func header() -> JournalHeader {
        JournalHeader(incident: "INC-1", runbookPath: "drill.yaml", runbookSHA256: "0", openedAt: Fixtures.t0, openedBy: "ada")
    }

    @Test func retitleRecoveryPointAndRolesReachTheReport() throws {
        var drill = try Drill()
        #expect(drill.run(.retitle("too early"))?.reason.contains("no incident has been declared") == true)
        drill.ok(.declare(title: "Errors on checkout", severity: "SEV2"))
        #expect(drill.run(.retitle("Errors on checkout"))?.reason == "the title is already 'Errors on checkout'")
        drill.ok(.assignRole(role: "commander", person: "Ada"))            // a word of "Incident Commander"
        drill.ok(.assignRole(role: "SCRIBE", person: "Grace"))             // a default role, any case
        drill.ok(.assignRole(role: "database administrator", person: "Edgar"))   // the runbook's contact role
        #expect(drill.run(.assignRole(role: "astronaut", person: "Neil"))?.reason.hasPrefix("no role 'astronaut'; expected one of: Incident Commander, Database administrator, Scribe") == true)
        #expect(drill.run(.assignRole(role: "lead", person: "X"))?.reason.hasPrefix("'lead' could be any of: Communications Lead, Operations Lead") == true)
        drill.op = "grace"
        drill.wait(45)
        drill.ok(.resolve(outcome: "restored"))
        // After resolution the postmortem's facts can still be settled.
        drill.ok(.retitle("Checkout down: a bad schema change, restored from the 08:00 snapshot"))
        drill.ok(.recordRecoveryPoint(at: Fixtures.t0.adding(seconds: -3_600), note: "08:00 snapshot"))
        drill.ok(.assignRole(role: "scribe", person: "Linus"))             // replaces Grace as scribe

        let report = IncidentReport(runbook: drill.engine.runbook, header: header(), state: drill.state, events: drill.events)
        #expect(report.title == "Checkout down: a bad schema change, restored from the 08:00 snapshot")
        #expect(report.declaredTitle == "Errors on checkout")
        #expect(report.roles.map { "\($0.role)=\($0.person)" } == ["Incident Commander=Ada", "Scribe=Linus", "Database administrator=Edgar"])
        #expect(report.participants.map(\.name) == ["alice", "grace"])
        #expect(report.participants.map(\.events) == [4, 4])
        // Detected 09:00 (the declaration), newest data kept 08:00: 1h lost; the drill sets no RPO.
        #expect(report.dataLost == 3_600 && report.rpo == nil)
        let md = MarkdownReport.render(report)
        #expect(md.contains("| Data lost (newest data kept 08:00:00Z → detected) | 1h (the runbook sets no RPO) |"))
        #expect(md.contains("Declared as “Errors on checkout”, since retitled."))
        #expect(md.contains("| Scribe | Linus | 09:45:00Z |"))
        #expect(md.contains("Everyone who acted: alice (4 events), grace (4 events)."))
    }

    @Test func statusTakesTheTitleAtItsInstant() throws {
        var drill = try Drill()
        drill.ok(.declare(title: "First guess", severity: "SEV2"))
        drill.wait(10)
        drill.ok(.retitle("Better title"))
        #expect(drill.status().incident.title == "Better title")
        let before = IncidentState.reduce(drill.events.filter { $0.at <= Fixtures.t0.adding(seconds: 300) })
        #expect(Status(runbook: drill.engine.runbook, state: before, at: Fixtures.t0.adding(seconds: 300)).incident.title == "First guess")
    }
}
