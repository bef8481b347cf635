import Foundation
import Testing
@testable import WarRoomEngine

/// Corrections are events: a retraction voids an earlier entry for every reader while it
/// stays in the journal; a reopen undoes a resolve; an override starts a plan without its
/// approvals on purpose. Severities are the runbook's.
@Suite("Corrections, approvals and severities")
struct CorrectionTests {
    @Test func aRetractedEventIsVoidButKept() throws {
        var drill = try Drill()
        drill.ok(.declare(title: "x", severity: "SEV2"))
        drill.ok(.note("wrong incident"))
        drill.ok(.startProcedure("app-rollback"))
        drill.ok(.startStep(procedure: "app-rollback", step: 1))
        drill.ok(.completeStep(procedure: "app-rollback", step: 1))
        #expect(drill.state.notes.count == 1)
        drill.ok(.retract(sequence: 2, reason: "typed in the wrong window"))
        drill.ok(.retract(sequence: 5, reason: "not done yet"))
        #expect(drill.state.notes.isEmpty)
        #expect(drill.state.plans["app-rollback"]?.step(1).state == .running, "the step is back to running, its start kept")
        #expect(drill.state.retractions.map(\.sequence) == [2, 5])
        #expect(drill.state.retractions.first?.reason == "typed in the wrong window" && drill.state.retractions.first?.by == "alice")
        #expect(drill.state.eventCount == 7, "a void event is still counted")
        // The same fold from scratch, as replay and report do it.
        #expect(IncidentState.reduce(drill.events) == drill.state)
        let report = IncidentReport(runbook: drill.engine.runbook, header: try header(drill), state: drill.state, events: drill.events)
        #expect(report.log.first { $0.0 == 2 }?.3.hasPrefix("[VOID: retracted by #6] note: wrong incident") == true)
        #expect(report.log.last?.3 == "retracted event #5 (not done yet)")
    }

    @Test func whatCannotBeRetracted() throws {
        var drill = try Drill()
        drill.ok(.declare(title: "x", severity: "SEV2"))
        drill.ok(.note("n"))
        drill.ok(.retract(sequence: 2, reason: "r"))
        #expect(drill.run(.retract(sequence: 1, reason: "r"))?.reason.contains("declaration cannot be retracted") == true)
        #expect(drill.run(.retract(sequence: 2, reason: "r"))?.reason == "event 2 was already retracted")
        #expect(drill.run(.retract(sequence: 3, reason: "r"))?.reason.contains("retractions cannot be taken back") == true)
        #expect(drill.run(.retract(sequence: 9, reason: "r"))?.reason == "there is no event 9: the journal's events are 1 to 3")
        drill.ok(.note("m"))
        #expect(drill.run(.retract(sequence: 4, reason: " "))?.reason.contains("a reason for the retraction") == true)
        drill.ok(.resolve(outcome: "done"))
        #expect(drill.run(.retract(sequence: 5, reason: "r"))?.reason == "event 5 resolved the incident: reopen the incident instead")
        // After the resolve a mistaken note can still be taken back.
        drill.ok(.retract(sequence: 4, reason: "r"))
    }

    @Test func reopenUndoesAResolve() throws {
        var drill = try Drill()
        drill.ok(.declare(title: "x", severity: "SEV1"))
        #expect(drill.run(.reopenIncident(reason: "r"))?.reason == "the incident is not resolved: there is nothing to reopen")
        drill.ok(.resolve(outcome: "Service restored"))
        #expect(drill.run(.note("after")) == nil)
        #expect(drill.run(.startProcedure("app-rollback")) != nil, "resolved: no more procedures")
        drill.ok(.reopenIncident(reason: "errors are back"))
        #expect(drill.state.isActive && drill.state.resolution == nil)
        #expect(drill.state.reopenings.first?.resolution?.outcome == "Service restored")
        drill.ok(.fireTrigger("error-rate"))
        drill.ok(.resolve(outcome: "really restored"))
        #expect(drill.state.resolution?.outcome == "really restored")
    }

    @Test func approvalsMeetTheRolesTheyName() throws {
        var drill = try Drill()
        drill.ok(.declare(title: "x", severity: "SEV1"))
        let plan = try #require(drill.engine.runbook.plan("app-rollback"))
        #expect(drill.state.missingApprovals(for: plan) == ["Incident Commander"])
        drill.ok(.approve(approver: "Kim Lee, Incident Commander", subject: "db-rollback"))
        #expect(drill.state.missingApprovals(for: plan) == ["Incident Commander"], "an approval for another plan does not count")
        drill.ok(.approve(approver: "Kim Lee", subject: "app-rollback"))
        #expect(drill.state.missingApprovals(for: plan) == ["Incident Commander"], "who approved must name the role")
        drill.ok(.approve(approver: "Kim Lee (incident commander)", subject: "the app-rollback"))
        #expect(drill.state.missingApprovals(for: plan).isEmpty)
        #expect(drill.run(.overrideApprovals(procedure: "app-rollback", reason: "r"))?.reason == "'app-rollback' has no missing approval to override")
    }

    @Test func anOverrideIsJournaledWithWhatWasMissing() throws {
        var drill = try Drill()
        drill.ok(.declare(title: "x", severity: "SEV1"))
        #expect(drill.run(.overrideApprovals(procedure: "app-rollback", reason: " "))?.reason.contains("a reason") == true)
        drill.ok(.overrideApprovals(procedure: "app-rollback", reason: "IC unreachable, site down"))
        #expect(drill.events.last?.kind == .approvalOverridden(procedure: "app-rollback", missing: ["Incident Commander"], reason: "IC unreachable, site down"))
        let plan = try #require(drill.engine.runbook.plan("app-rollback"))
        #expect(drill.state.missingApprovals(for: plan).isEmpty)
    }

    @Test func severitiesAreTheRunbooks() throws {
        var drill = try Drill()
        let refusal = drill.run(.declare(title: "x", severity: "banana"))
        #expect(refusal?.reason == "'banana' is not a severity of this runbook; expected one of: SEV1, SEV2, SEV3, SEV4, SEV5, SEV#1")
        drill.ok(.declare(title: "x", severity: "sev2"))
        #expect(drill.state.severity == "SEV2", "written as the runbook spells it")
        #expect(drill.run(.changeSeverity("P1"))?.reason.contains("expected one of") == true)
        // Without a `severities` key: SEV1 to SEV5.
        let plain = try RunbookLoader.load(text: "format: 1\nid: p\ntitle: P\nprocedures: [{id: a, title: A, steps: [{action: go}]}]\n", file: "p.yaml")
        #expect(plain.allowedSeverities == ["SEV1", "SEV2", "SEV3", "SEV4", "SEV5"])
        let listed = try RunbookLoader.load(text: "format: 1\nid: p\ntitle: P\nseverities: [Critical, High]\nprocedures: [{id: a, title: A, steps: [{action: go}]}]\n", file: "p.yaml")
        var other = Drill(runbook: listed)
        #expect(other.run(.declare(title: "x", severity: "SEV1"))?.reason == "'SEV1' is not a severity of this runbook; expected one of: Critical, High")
        other.ok(.declare(title: "x", severity: "critical"))
        #expect(other.state.severity == "Critical")
    }

    @Test func aJournalWithRetractionsReadsVoidInEveryReader() throws {
        let fixture = try JournalFixture()
        let session = try fixture.session()
        session.expectAccepted(.declare(title: "x", severity: "SEV1"))
        session.expectAccepted(.approve(approver: "Kim", subject: "app-rollback"))
        session.expectAccepted(.retract(sequence: 2, reason: "wrong person"))
        #expect(session.state.approvals.isEmpty)
        // A second process catches up; a reader reads it from the file.
        let other = try fixture.session()
        #expect(other.state.approvals.isEmpty && other.state.retractions.count == 1)
        let contents = try JournalReader.read(path: fixture.path)
        #expect(contents.state.approvals.isEmpty && contents.state.isVoid(2))
        #expect(contents.state == session.state)
    }

    @Test func headlessSyntaxForCorrections() throws {
        #expect(try HeadlessParser.parse("retract 12 typed in the wrong window") == .command(.retract(sequence: 12, reason: "typed in the wrong window"), operator: nil))
        #expect(try HeadlessParser.parse("reopen errors are back") == .command(.reopenIncident(reason: "errors are back"), operator: nil))
        #expect(try HeadlessParser.parse("override app-rollback IC unreachable") == .command(.overrideApprovals(procedure: "app-rollback", reason: "IC unreachable"), operator: nil))
        #expect(try HeadlessParser.parse(#"{"command":"retract","seq":3,"reason":"r"}"#) == .command(.retract(sequence: 3, reason: "r"), operator: nil))
        for command in [Command.retract(sequence: 3, reason: "r"), .reopenIncident(reason: "r"), .overrideApprovals(procedure: "p", reason: "r")] {
            #expect(try CommandJSON.command(from: CommandJSON.value(command)) == command)
        }
    }

    private func header(_ drill: Drill) throws -> JournalHeader {
        JournalHeader(incident: "INC-1", runbook: drill.engine.runbook, path: "drill.yaml", bytes: Array(Fixtures.yaml.utf8),
                      openedAt: Fixtures.t0, openedBy: "alice")
    }
}
