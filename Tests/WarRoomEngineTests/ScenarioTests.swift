import Foundation
import Testing
import WarRoomTestSupport
@testable import WarRoomEngine

/// Complete scripted incidents, one per source runbook, driven through the headless protocol
/// onto a real journal on a virtual clock, then read back and reported; figures checked.
@Suite struct ScenarioTests {
    struct Run {
        var report: IncidentReport
        var markdown: String
        var responses: [String]
    }

    /// Runs `script` (headless text syntax) against `runbook` from 09:00 UTC.
    /// The Markdown report (with its event log) is compared with `Snapshots/scenario-NAME.md`.
    func run(_ runbookFile: String, snapshot: String? = nil, _ script: String) throws -> Run {
        let source = try RunbookSource.load(path: RepoPaths.root + "/runbooks/" + runbookFile)
        let path = try RepoPaths.temporaryDirectory() + "/incident.jsonl"
        let clock = VirtualClock(start: Fixtures.t0)
        let session = try IncidentSession(journal: path, runbook: source.runbook, runbookPath: source.path,
                                          runbookBytes: source.bytes, operator: "ic", clock: clock)
        var driver = HeadlessDriver(session: session, operator: "ic", virtualClock: clock)
        var responses: [String] = []
        for line in script.split(separator: "\n") {
            guard let response = driver.handle(String(line)) else { continue }
            responses.append(response)
            let value = try JSONParser.parse(response)
            #expect(value["ok"]?.bool == true, "\(line) → \(response)")
        }
        var events: [Event] = []
        let contents = try JournalReader.read(path: path, onEvent: { events.append($0) })
        #expect(contents.issues.isEmpty)
        let report = IncidentReport(runbook: source.runbook, header: contents.header, state: contents.state)
        if let snapshot {
            let whole = IncidentReport(runbook: source.runbook, header: contents.header, state: contents.state, events: events)
            try Snapshot.check(MarkdownReport.render(whole), "scenario-\(snapshot).md")
        }
        return Run(report: report, markdown: MarkdownReport.render(report), responses: responses)
    }

    func at(_ minutes: Int, _ seconds: Int = 0) -> Instant { Fixtures.t0.adding(seconds: minutes * 60 + seconds) }

    func comms(_ report: IncidentReport) -> [String] {
        report.communications.map { "\($0.audience) \($0.due.timeOfDay) \($0.sent?.timeOfDay ?? "-") \($0.late)" }
    }

    @Test func dentalcareApplicationRollback() throws {
        let run = try run("dentalcare-migration.yaml", snapshot: "dentalcare", """
            declare SEV1 Appointments failing after the migration
            advance 2m
            trigger api-error-rate
            advance 3m
            procedure start app-rollback
            step start app-rollback 1
            advance 1m
            step done app-rollback 1
            step start app-rollback 2
            comms executive-leadership "Rolling back the migration"
            advance 4m
            step done app-rollback 2
            step start app-rollback 3
            advance 2m
            step done app-rollback 3
            step start app-rollback 4
            advance 1m
            step done app-rollback 4
            step start app-rollback 5
            advance 3m
            step done app-rollback 5
            step start app-rollback 6
            advance 5m
            step done app-rollback 6
            step start app-rollback 7
            advance 2m
            step done app-rollback 7
            step start app-rollback 8
            advance 7m
            comms clinical-staff Service restored, monitoring
            advance 2m
            comms front-desk-staff Service restored
            page incident-commander
            procedure complete app-rollback
            resolve Rolled back to blue
            """)
        let report = run.report
        #expect(report.timeToDecision == 5 * 60)
        #expect(report.timeToRestore == 32 * 60)
        #expect(report.rto == nil)
        #expect(report.overruns.map { "\($0.number) +\($0.overrun ?? 0)" } == ["2 +120"])
        #expect(report.steps.map(\.actual) == [60, 240, 120, 60, 180, 300, 120, 540])
        #expect(comms(report) == [
            "executive-leadership 09:07:00 09:06:00 0",
            "clinical-staff 09:30:00 09:30:00 0",
            "front-desk-staff 09:30:00 09:32:00 120",
        ])
        // Detected is the earlier of the first trigger (09:02) and the declaration (09:00).
        #expect(report.milestones.map { "\($0.name) \($0.at?.timeOfDay ?? "-")" } == [
            "Detected 09:00:00", "Declared 09:00:00", "Decided procedure started (app-rollback) 09:05:00",
            "Decided procedure completed (app-rollback) 09:32:00", "Restored (resolved) 09:32:00",
        ])
        #expect(report.firstAttempt == nil)
        #expect(report.pages.count == 1 && report.pages[0].contact == "incident-commander")
        #expect(run.markdown.contains("| 2 | ALB target group switched from green to blue | ✓ done | 2m | 4m | **+2m** |"))
        #expect(run.markdown.contains("| Front Desk Staff | 09:30:00Z | every 30m | 09:32:00Z | **late by 2m** |"))
        #expect(run.markdown.contains("| Communications | 3 due: 2 on time, 1 late, 0 never sent |"))
        #expect(run.markdown.contains("(the runbook sets no RTO)"))
    }

    @Test func drAmalVercelRollbackOverRTO() throws {
        let run = try run("dr-amal-clinical-os.yaml", snapshot: "dr-amal", """
            declare SEV1 Login broken
            trigger auth-broken
            advance 1m
            answer rollback-decision production-broken Yes
            answer rollback-decision hotfixable No
            advance 1m
            procedure start vercel-rollback
            comms team-slack Rolling back via Vercel
            step start vercel-rollback 1
            advance 30s
            step done vercel-rollback 1
            step start vercel-rollback 2
            advance 30s
            step done vercel-rollback 2
            step start vercel-rollback 3
            advance 30s
            step done vercel-rollback 3
            step start vercel-rollback 4
            advance 30s
            step done vercel-rollback 4
            step start vercel-rollback 5
            advance 30s
            step done vercel-rollback 5
            step start vercel-rollback 6
            advance 30s
            step done vercel-rollback 6
            step skip vercel-rollback 7 used the dashboard route
            step start vercel-rollback 8
            advance 1m
            step done vercel-rollback 8
            procedure complete vercel-rollback
            advance 3m
            comms team-slack Rollback complete
            resolve Promoted the previous deployment
            advance 1m
            comms users-status-page Resolved
            """)
        let report = run.report
        #expect(report.timeToDecision == 120)
        #expect(report.timeToRestore == 9 * 60)
        #expect(report.rto == 300)
        #expect(report.decisions.count == 1)
        #expect(report.decisions[0].answers.map(\.answer) == ["Yes", "No"])
        #expect(report.decisions[0].outcome == "ROLLBACK IMMEDIATELY")
        #expect(report.decisions[0].timeSpent == 120 && report.decisions[0].timeLimit == 0)
        #expect(report.steps.map(\.state) == [.done, .done, .done, .done, .done, .done, .skipped, .done])
        #expect(report.overruns.isEmpty)
        #expect(comms(report) == [
            "team-slack 09:07:00 09:02:00 0",
            "team-slack 09:11:00 09:09:00 0",
            "users-status-page 09:14:00 09:10:00 0",
        ])
        #expect(run.markdown.contains("against RTO 5m: **RTO exceeded by 4m**"))
        #expect(run.markdown.contains("against a limit of 0s — **over by 2m**"))
    }

    @Test func syncwellContingencyWithinRTO() throws {
        let run = try run("syncwell-contingency.yaml", snapshot: "syncwell", """
            declare SEV1 iOS crash-free rate dropped
            comms public-status-page Investigating
            advance 5m
            trigger crash-free-rate-drop
            advance 5m
            comms on-call-engineer Paging you
            procedure start plan-c-critical-release-bug
            step start plan-c-critical-release-bug 1
            advance 10m
            step done plan-c-critical-release-bug 1
            step start plan-c-critical-release-bug 2
            advance 10m
            step done plan-c-critical-release-bug 2
            step start plan-c-critical-release-bug 3
            advance 10m
            step done plan-c-critical-release-bug 3
            step start plan-c-critical-release-bug 4
            advance 10m
            step done plan-c-critical-release-bug 4
            step start plan-c-critical-release-bug 5
            advance 10m
            step done plan-c-critical-release-bug 5
            step start plan-c-critical-release-bug 6
            advance 10m
            step done plan-c-critical-release-bug 6
            procedure complete plan-c-critical-release-bug
            resolve Hotfix released
            advance 2m
            comms public-status-page Resolved
            """)
        let report = run.report
        #expect(report.timeToDecision == 600)
        #expect(report.timeToRestore == 4_200)
        #expect(report.rto == 14_400)
        #expect(report.steps.allSatisfy { $0.actual == 600 && $0.estimate == nil && $0.overrun == nil })
        #expect(comms(report) == [
            "public-status-page 09:05:00 09:00:00 0",
            "on-call-engineer 09:10:00 09:10:00 0",
            "public-status-page 10:15:00 10:12:00 0",
        ])
        #expect(run.markdown.contains("within RTO by 2h50m"))
    }

    @Test func unifiedHealthKubernetesRollbackViaTheTree() throws {
        let run = try run("unifiedhealth-platform.yaml", snapshot: "unifiedhealth", """
            declare SEV2 Pods crash-looping after the release
            trigger api-error-rate-critical
            advance 1m
            severity SEV1
            answer select-rollback-method schema-change YES
            advance 1m
            answer select-rollback-method data-corrupted NO
            answer select-rollback-method keep-new-schema 1
            advance 2m
            approve "Dana (VP Engineering)" method-1-kubernetes-rollback
            procedure start method-1-kubernetes-rollback
            advance 1m
            comms initial-rollback-notification Rollback started
            step start method-1-kubernetes-rollback 1
            tick method-1-kubernetes-rollback 1 1
            tick method-1-kubernetes-rollback 1 2
            advance 3m
            step done method-1-kubernetes-rollback 1
            step start method-1-kubernetes-rollback 2
            advance 4m
            step done method-1-kubernetes-rollback 2
            comms rollback-progress-updates On track
            step start method-1-kubernetes-rollback 3
            advance 4m
            step done method-1-kubernetes-rollback 3
            step start method-1-kubernetes-rollback 4
            advance 2m
            step fail method-1-kubernetes-rollback 4 error rate still at 3%
            step reopen method-1-kubernetes-rollback 4
            step start method-1-kubernetes-rollback 4
            advance 3m
            step done method-1-kubernetes-rollback 4
            advance 1m
            comms rollback-progress-updates Completed
            procedure complete method-1-kubernetes-rollback
            comms rollback-complete-notification Rolled back
            note error rate back to 0.1%
            resolve Rolled back to the previous release
            """)
        let report = run.report
        #expect(report.severity == "SEV1" && report.severityChanges.count == 1)
        #expect(report.timeToDecision == 240)
        #expect(report.timeToRestore == 22 * 60)
        #expect(report.decisions[0].answers.map(\.answer) == ["YES", "NO", "YES"])
        #expect(report.decisions[0].timeSpent == 240 && report.decisions[0].timeLimit == nil)
        #expect(report.overruns.map { "\($0.number) +\($0.overrun ?? 0)" } == ["1 +60", "3 +60"])
        #expect(report.steps.map(\.actual) == [180, 240, 240, 180])
        #expect(report.approvals.map(\.approver) == ["Dana (VP Engineering)"])
        #expect(comms(report) == [
            "initial-rollback-notification 09:09:00 09:05:00 0",
            "rollback-progress-updates 09:10:00 09:12:00 120",
            "rollback-progress-updates 09:22:00 09:22:00 0",
            "rollback-complete-notification 09:27:00 09:22:00 0",
        ])
        #expect(run.markdown.contains("### "))   // the runbook's RCA skeleton
        #expect(report.rca?.sections.isEmpty == false)
    }

    /// Every source runbook present (a fifth may arrive) declares, runs its first plan and resolves.
    @Test func everySourceRunbookRunsToResolution() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: RepoPaths.root + "/runbooks").filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(files.count >= 4)
        for file in files {
            let runbook = try RunbookLoader.load(path: RepoPaths.root + "/runbooks/" + file)
            let plan = try #require(runbook.plans.first)
            var script = "declare SEV1 Drill\nprocedure start \(plan.id)\n"
            for step in plan.steps {
                script += "step start \(plan.id) \(step.number)\nadvance \((step.duration?.estimate?.worst ?? 60) + 60)s\nstep done \(plan.id) \(step.number)\n"
            }
            script += "procedure complete \(plan.id)\nresolve drill over\n"
            let report = try run(file, snapshot: "drill-" + file.replacingOccurrences(of: ".yaml", with: ""), script).report
            #expect(report.resolvedAt != nil, "\(file)")
            #expect(report.overruns.count == plan.steps.filter { $0.duration?.estimate != nil }.count, "\(file)")
        }
    }
}
