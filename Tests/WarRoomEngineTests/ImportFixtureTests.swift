import Foundation
import Testing
@testable import WarRoomEngine

/// Runbooks of our own in shapes the seeds do not have, with their expected structure.
@Suite("Importing runbooks of other shapes")
struct ImportFixtureTests {
    /// Steps as (action, owner, duration) for compact comparisons.
    private func steps(_ procedure: Procedure?) -> [String] {
        (procedure?.steps ?? []).map { "\($0.action) | \($0.owner ?? "-") | \($0.duration?.description ?? "-")" }
    }

    @Test("a Kubernetes platform runbook: reordered Who/Step/ETA/What table, bulleted steps with owners, ├── tree")
    func kubernetesPlatform() throws {
        let (result, runbook) = try ImportFixtures.importAndReload(ImportFixtures.importPath("kubernetes-platform.md"))
        #expect(runbook.title == "Orbit Kubernetes Platform — Release Rollback Runbook")
        #expect(runbook.objectives?.rto == 1_200)
        #expect(runbook.objectives?.rpo == 0)
        #expect(runbook.procedures.map(\.title) == ["Cluster Release Rollback", "Service Rollback"])
        #expect(steps(runbook.procedures.first) == [
            "Freeze deploys in Argo CD | Incident Commander | 2m",
            "Sync the previous release tag to all clusters | SRE On-Call | 5m",
            "Watch rollout status until every deployment is ready | SRE On-Call | 5-10m",
            "Run the smoke suite against production | QA On-Call | 5m",
        ])
        #expect(runbook.procedures.first?.estimate == .range(low: 900, high: 1_500))
        #expect(runbook.procedures.first?.risk == "Medium")
        #expect(steps(runbook.procedures.last) == [
            "Identify the failing service on the SLO dashboard | SRE On-Call | 2m",
            "Roll the service back with kubectl rollout undo | SRE On-Call | 3m",
            "Confirm error budget burn has stopped | Incident Commander | 5m",
        ])
        #expect(runbook.procedures.last?.steps[1].checklist.map(\.text) == ["Previous ReplicaSet scaled up", "New ReplicaSet scaled to zero"])
        #expect(runbook.triggers.map(\.threshold?.description) == [
            "p99_latency > 800 ms for 10m", "pod_crash_loop_rate > 20 % for 3m", "m_5xx_ratio >= 2 % for 5m", nil, nil,
        ])
        #expect(runbook.triggers.map(\.kind) == [.automatic, .automatic, .automatic, .manual, .manual])
        #expect(runbook.triggers.compactMap(\.decidedBy) == ["Incident Commander", "Platform Lead"])
        let tree = try #require(runbook.decisionTrees.first)
        #expect(ImportFixtures.shape(tree) == "(no:(yes:O,no:O),yes:O)")
        #expect(tree.outcomes.map(\.procedure) == ["service-rollback", "cluster-release-rollback", nil])
        #expect(runbook.communications.map(\.audience) == ["Engineering", "Customer Success", "Status page"])
        #expect(runbook.communications.map(\.cadence) == [.every(seconds: 1_200), .every(seconds: 3_600), .every(seconds: 3_600)])
        #expect(runbook.communications.last?.hooks == [.trigger])
        #expect(runbook.contacts.map(\.role) == ["Incident Commander", "SRE On-Call"])
        #expect(runbook.contacts.first?.backup?.phone == "+44 20 7946 0102")
        #expect(result.report.unplaced.isEmpty, "\(result.report.unplaced)")
    }

    @Test("a payments database migration in plain text: numbered headings, tab tables named #/Task/Owner/ETA, mojibake")
    func paymentsMigration() throws {
        let (result, runbook) = try ImportFixtures.importAndReload(ImportFixtures.importPath("payments-db-migration.txt"))
        #expect(runbook.procedures.map(\.title) == ["Application Rollback", "Database Rollback"])
        #expect(steps(runbook.procedures.last) == [
            "Stop the payment intake queue | Payments SRE | 2m",
            "Restore PG12 from the pre-cutover snapshot | DBA | 1h30m",
            "Replay post-cutover payments from the outbox | DBA | 30-45m",
            "Reconcile balances against the bank statement | Finance Controller | next day",
        ])
        let database = try #require(runbook.procedures.last)
        #expect(database.estimate == .range(low: 7_200, high: 10_800))
        #expect(database.dataImpact == "Payments written after cutover must be replayed")
        #expect(database.when == "Reconciliation fails after cutover")
        #expect(runbook.triggers.map(\.level) == [.mandatory, .mandatory, .discretionary])
        #expect(runbook.triggers.first?.threshold?.description == "ledger_balance_drift > 0.01 USD")
        #expect(runbook.triggers.last?.decidedBy == "Head of Payments Ops")
        let plan = try #require(runbook.contingencies.first)
        #expect(plan.title == "Contingency: Bank Connectivity Lost")
        #expect(plan.actions.map(\.duration) == [.immediate, .within(seconds: 1_800)])
        #expect(runbook.communications.map(\.cadence) == [.every(seconds: 1_800), .every(seconds: 3_600)])
        #expect(runbook.communications.first?.scope == .external)
        // The template name went through Windows-1252 and lost its closing quote's last byte.
        #expect(runbook.communications.first?.notes == "Template: “Payments maintenance notice”")
        #expect(runbook.postIncident.map(\.horizon) == [.range(low: 0, high: 14_400), .range(low: 1_209_600 / 2, high: 1_209_600)])
        #expect(runbook.contacts.map(\.role) == ["Incident Commander", "DBA"])
        #expect(runbook.contacts.last?.backup == nil)
        #expect(result.report.unplaced.map(\.line) == [2], "only the overview paragraph is left over")
    }

    @Test("an on-prem DR plan: Step headings with phase windows, box-drawn tree in Mac Roman mojibake, scenarios, authority")
    func onPremDisasterRecovery() throws {
        let (result, runbook) = try ImportFixtures.importAndReload(ImportFixtures.importPath("onprem-dr-plan.md"))
        #expect(result.report.repairedLines > 0)
        #expect(runbook.objectives?.rto == 14_400)
        #expect(runbook.objectives?.rpo == 900)
        #expect(runbook.authority.map(\.approvalTime) == [.immediate, .within(seconds: 900)])
        let failover = try #require(runbook.procedures.first)
        #expect(failover.title == "Site Failover")
        #expect(steps(failover) == [
            // (0-10), (10-40), (40-55) minutes: windows from the start, so deadlines.
            "Declare the disaster | DR Manager | within 10m",
            "Promote the replica | Storage Lead | within 40m",
            "Re-point DNS | Network Engineer | within 55m",
        ])
        #expect(failover.steps[0].checklist.map(\.text) == ["Bridge opened", "Facilities informed"])
        #expect(failover.steps[1].commands?.contains("srmctl promote --group core-db") == true)
        let tree = try #require(runbook.decisionTrees.first)
        #expect(tree.nodes.map(\.question) == ["Primary site usable?", "Replica lag < 15 min?"])
        #expect(ImportFixtures.shape(tree) == "(yes:O,no:(yes:O,no:O))")
        #expect(tree.outcomes.map(\.procedure) == [nil, "site-failover", nil])
        let scenario = try #require(runbook.contingencies.first)
        #expect(scenario.trigger == "Hall temperature above 35 °C for 10 minutes")
        #expect(scenario.actions.map(\.action) == ["Shed non-critical load", "Move critical VMs to hall B"])
        #expect(runbook.communications.map(\.cadence) == [.every(seconds: 3_600), .every(seconds: 1_800)])
        #expect(runbook.templates.count == 1)
        #expect(runbook.tests.map(\.test) == ["Tape restore", "Full site failover"])
        #expect(runbook.lastKnownGood.first?.commit == "9f1c2ab")
        #expect(runbook.contacts.first?.backup?.name == "Kim Sørensen")
        #expect(runbook.warnings == ["⚠️ WARNING: never fail back without the DR Manager's sign-off."])
        #expect(result.report.unplaced.isEmpty, "\(result.report.unplaced)")
    }

    @Test("a ledger rollback: post-incident horizons as keys of a YAML block with the horizon in a comment")
    func ledgerHorizonBlock() throws {
        let (result, runbook) = try ImportFixtures.importAndReload(ImportFixtures.importPath("ledger-rollback.md"))
        #expect(runbook.postIncident.map(\.title) == ["This week", "Next quarter"])
        #expect(runbook.postIncident.map(\.horizon) == [.within(seconds: 7 * 86_400), .within(seconds: 90 * 86_400)])
        #expect(runbook.postIncident.map(\.source) == [17, 23])
        #expect(runbook.postIncident.first?.items.map(\.text) == [
            "Write the incident timeline (owner: Incident Commander)",
            "Add a reconciliation alert (owner: SRE Team; due date: 5 days)",
        ])
        #expect(runbook.postIncident.last?.items.map(\.source) == [24])
        #expect(result.report.notes.contains { $0.hasPrefix("line 15:") && $0.contains("horizon") })
        #expect(result.report.unplaced.isEmpty, "\(result.report.unplaced)")
    }

    @Test("a ledger rollback: an immediate notification script's numbered parts are one audience each; a notice names its moment; no timing, no cadence")
    func ledgerNotifications() throws {
        let (result, runbook) = try ImportFixtures.importAndReload(ImportFixtures.importPath("ledger-rollback.md"))
        let comms = runbook.communications
        #expect(comms.map(\.audience) == ["Slack message to #ledger-incident", "Email notification to finance", "Finance Team", "Rollback Completed Notice"])
        #expect(comms.map(\.source) == [33, 36, 40, 47])
        // "Immediate Notifications (0-2 minutes)": one message each; "Rollback Completed Notice": once, when a procedure completes.
        #expect(comms.map(\.cadence) == [.once, .once, nil, .once], "the Finance Team section states no timing, so it gets none")
        #expect(comms.map(\.hooks) == [[], [], [], [.procedureComplete]])
        #expect(result.report.notes.contains { $0.hasPrefix("line 47:") && $0.contains("procedure_complete") })
        #expect(comms.prefix(2).allSatisfy { $0.timing == "Immediate Notifications (0-2 minutes)" })
        let slack = try #require(runbook.templates.first { $0.id == comms.first?.template })
        #expect(slack.body == "# 1. Slack message to #ledger-incident\nslack-notify \"#ledger-incident\" \"Ledger rollback started by $USER\"")
        #expect(result.report.notes.contains { $0.hasPrefix("line 29:") && $0.contains("once") })
        #expect(result.report.notes.contains { $0.hasPrefix("line 31:") && $0.contains("one audience each") })
    }

    @Test("a notification heading's moment: completion, start, resolution; none for tasks or headings without one")
    func notificationMoments() {
        #expect(NotificationReading.moment("Rollback Complete Notification") == .procedureComplete)
        #expect(NotificationReading.moment("Rollback Initiated Alert") == .procedureStart)
        #expect(NotificationReading.moment("Resolution Notice") == .resolve)
        #expect(NotificationReading.moment("Completion Checklist") == nil, "no message")
        #expect(NotificationReading.moment("Internal Stakeholders") == nil)
        #expect(NotificationReading.moment("Initial Rollback Notification") == nil, "'initial' names no moment")
    }

    @Test("a Version: line under last-known-good versions is not the document's version; it is reported unplaced")
    func knownGoodVersionIsNoDocumentVersion() throws {
        let text = "# T\n\n## Last Known Good Versions\n\n**Version:** 2.0.0-beta\n\n## Rollback\n\n| Step | Action |\n|---|---|\n| 1 | Stop writes |\n"
            + "\n---\n\n**Document Version:** 1.0\n"
        let result = try RunbookImport.run(ImportDocument.parse(bytes: Array(text.utf8), name: "versions.md"))
        #expect(result.runbook.document?.version == "1.0")
        #expect(result.report.unplaced.map(\.line) == [5])
    }

    @Test("a numbered script in a communication part whose steps are no messages stays unplaced")
    func numberedScriptOfTasks() throws {
        let text = "# T\n\n## Communication\n\n### Status Updates (every 30 minutes)\n\n```bash\n# 1. Check queue depth\nq depth\n# 2. Drain the queue\nq drain\n```\n"
            + "\n## Rollback\n\n| Step | Action |\n|---|---|\n| 1 | Stop writes |\n"
        let result = try RunbookImport.run(ImportDocument.parse(bytes: Array(text.utf8), name: "tasks.md"))
        #expect(result.runbook.communications.map(\.audience) == ["Status Updates"])
        #expect(result.runbook.templates.isEmpty)
        #expect(result.report.unplaced.map(\.line) == [7])
    }

    @Test("a notification script with commands before its first numbered part is not split (they belong to no message)")
    func notificationScriptWithPreamble() throws {
        let script = "#!/bin/bash\n# Notify everyone\nsource ./incident.env\n# 1. Slack notification\nslack-post hi\n# 2. Email notification\nmail -s hi ops\n"
        let block = CodeBlock(info: "bash", lines: script.split(separator: "\n").enumerated().map { SourceLine(number: $0.offset + 2, text: String($0.element)) }, line: 1)
        #expect(NotificationReading.parts(block) == nil)
        let titled = CodeBlock(info: "bash", lines: block.lines.filter { !$0.text.hasPrefix("source") }, line: 1)
        let parts = try #require(NotificationReading.parts(titled))
        #expect(parts.title == "Notify everyone")
        #expect(parts.parts.map(\.action) == ["Slack notification", "Email notification"])
    }

    /// Horizon blocks with more than entries of fields under horizon keys.
    static let unreadableHorizonBlocks = [
        "plan:\n  soon: # Within 1 week\n    - task: Fix it\n  someday:\n    - task: Think about it",   // an entry outside every horizon
        "soon: # Within 1 week\n    - task: Fix it\nlater: # Within 1 month",                          // a horizon without entries
        "soon: # Within 1 week\n  - task: Fix it\n    steps:\n      - Patch\n      - Deploy",       // a nested list
        "soon: # Within 1 week\n  - task: |\n      Fix it\n      properly",                          // a block scalar
        "soon: # Within 1 week\n  owner: QA\n  - task: Fix it",                                        // a field before any entry
    ]

    @Test("a horizon block that holds more than entries under horizon keys is not read at all, and is reported", arguments: unreadableHorizonBlocks)
    func unreadableHorizonBlock(_ body: String) throws {
        let text = "# T\n\n## Post-Incident\n\n```yaml\n\(body)\n```\n\n## Rollback\n\n| Step | Action |\n|---|---|\n| 1 | Stop writes |\n"
        let result = try RunbookImport.run(ImportDocument.parse(bytes: Array(text.utf8), name: "horizons.md"))
        #expect(result.runbook.postIncident.isEmpty)
        #expect(result.report.unplaced.map(\.line) == [5])
    }

    @Test("a horizon entry's first key stays in its text unless it names the entry")
    func horizonEntryKeys() {
        let block = CodeBlock(info: "yaml", lines: [
            SourceLine(number: 1, text: "soon: # Within 2 days"),
            SourceLine(number: 2, text: "  - Fix: the login bug"),
            SourceLine(number: 3, text: "  - task: 'Rotate keys' # security"),
            SourceLine(number: 4, text: "    owner: SecOps"),
            SourceLine(number: 5, text: "  - Plain entry"),
        ], line: 0)
        let groups = HorizonCodeBlock.groups(block)
        #expect(groups.map(\.title) == ["Soon"])
        #expect(groups.first?.horizon == .within(seconds: 172_800))
        #expect(groups.first?.items.map(\.text) == ["Fix: the login bug", "Rotate keys (owner: SecOps)", "Plain entry"])
        #expect(groups.first?.items.map(\.source) == [2, 3, 5])
    }
}
