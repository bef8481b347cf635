import Foundation
import Testing
@testable import WarRoomEngine

/// Structure first: lists, headings and prose read by their shape and content, never
/// inventing and never dropping silently.
@Suite struct ImportStructureTests {
    static func imported(_ text: String) throws -> (runbook: Runbook, report: ImportReport) {
        let document = try ImportDocument.parse(bytes: Array(text.utf8), name: "test.md")
        let result = try RunbookImport.run(document, verify: true)
        return (result.runbook, result.report)
    }

    @Test("a numbered list under a neutral heading is a procedure, whatever its heading says")
    func neutralHeading() throws {
        let (runbook, report) = try Self.imported("# Template for IC\n\n## Checklist\n\n1. Page the on-call engineer\n2. Open the bridge\n3. Post the first update\n")
        #expect(runbook.procedures.map(\.title) == ["Checklist"])
        #expect(runbook.procedures.first?.steps.map(\.action) == ["Page the on-call engineer", "Open the bridge", "Post the first update"])
        #expect(report.notes.contains { $0.hasPrefix("line 3:") && $0.contains("ordered list of 3 items") && $0.contains("confidence high") }, "\(report.notes)")
    }

    @Test("headings that name actions are the steps of their parent; a heading's own ordered list is its steps")
    func actionHeadings() throws {
        let text = "# Upgrade\n\n## Worker nodes\n\n### Drain the node\n\n```shell\nkubectl drain n1\n```\n\n### Upgrade packages\n\n1. Upgrade the kubelet:\n\n   ```shell\n   apt-get install kubelet\n   ```\n\n1. Restart the kubelet\n\n### Uncordon the node\n\n```shell\nkubectl uncordon n1\n```\n"
        let (runbook, _) = try Self.imported(text)
        let steps = try #require(runbook.procedures.first).steps
        #expect(steps.map(\.action) == ["Drain the node", "Upgrade the kubelet", "Restart the kubelet", "Uncordon the node"])
        #expect(steps[0].commands == "kubectl drain n1")
        #expect(steps[1].commands == "apt-get install kubelet")
    }

    @Test("example output is left out of a step's commands and reported")
    func exampleOutput() throws {
        let text = "# Change\n\n## Steps\n\n1. List the volumes:\n\n    ```bash\n    kubectl get pv\n    ```\n\n    The output is similar to this:\n\n    ```\n    NAME  STATUS\n    pv-1  Bound\n    ```\n\n1. Patch the volume\n"
        let (runbook, report) = try Self.imported(text)
        let first = try #require(runbook.procedures.first?.steps.first)
        #expect(first.commands == "kubectl get pv")
        #expect(first.notes?.contains("NAME  STATUS") == true)
        #expect(report.notes.contains { $0.contains("example output") }, "\(report.notes)")
    }

    @Test("wrapped items keep their continuation lines; placeholders and link text are kept, URLs left out")
    func wrappedPlaceholdersLinks() throws {
        let text = "# Restore\n\n## Procedure\n\n1. Replace <environment> throughout and stop\n   the writers first.\n2. [Decommission the old node](../node-decommission.md)\n"
        let (runbook, report) = try Self.imported(text)
        let steps = try #require(runbook.procedures.first).steps
        #expect(steps.map(\.action) == ["Replace <environment> throughout and stop the writers first.", "Decommission the old node"])
        #expect(!report.unplaced.contains { $0.line == 6 }, "the continuation line is placed with its item")
    }

    @Test("a shell block's flags are no SQL step comments")
    func shellFlags() throws {
        let block = CodeBlock(info: "bash", lines: [SourceLine(number: 2, text: "aws rds restore-db-instance \\"), SourceLine(number: 3, text: "  --db-instance-identifier 1. mydb"),
                                                   SourceLine(number: 4, text: "  --db-snapshot-identifier 2. snap")], line: 1)
        #expect(CodeSteps.numberedSteps(block) == nil)
        #expect(CodeSteps.comment("-- 2. Verify", info: "sql") == "2. Verify")
        #expect(CodeSteps.comment("--port 5432") == nil)
        #expect(CodeSteps.comment("# 1. Stop", info: "sql") == nil)
    }

    @Test("contacts from an HTML table and from Name — phone lines")
    func htmlContacts() throws {
        let text = "# DR\n\n## Contacts\n\n<table>\n<tr><th>Role</th><th>Primary</th><th>Phone</th></tr>\n<tr><td>DBA</td><td>Jane Doe</td><td>+1 555 0100</td></tr>\n</table>\n\n- Jo Bloggs — +44 20 7946 0000\n"
        let (runbook, _) = try Self.imported(text)
        #expect(runbook.contacts.map(\.role) == ["DBA", "Jo Bloggs"])
        #expect(runbook.contacts.map(\.primary.phone) == ["+1 555 0100", "+44 20 7946 0000"])
        #expect(runbook.contacts.first?.source == 7)
    }

    @Test("cadences, alert rules, opening conditions and RTO written in prose")
    func proseFacts() throws {
        let text = "# Runbook\n\nIf the primary database stops accepting writes:\n\n## Alert Rule\n\n| Tier | Definition |\n|---|---|\n| CRITICAL | free disk space is less than 10% for 1 hour |\n\n## Response\n\n1. Post status updates every 20-30 minutes\n2. Fail over to the replica\n\n**Target RTO: 2 hours**\n"
        let (runbook, report) = try Self.imported(text)
        #expect(runbook.triggers.map(\.condition) == ["free disk space is less than 10% for 1 hour", "If the primary database stops accepting writes:"])
        #expect(runbook.triggers.first?.severity == "CRITICAL")
        #expect(runbook.communications.first?.cadence == .every(seconds: 1_200))
        #expect(report.notes.contains { $0.contains("the shorter is taken") })
        #expect(runbook.objectives?.rto == 7_200)
        #expect(runbook.procedures.first?.steps.count == 2)
    }

    @Test("prose without an instruction is still refused, and every block is reported with its line")
    func proseRefused() throws {
        let document = try ImportDocument.parse(bytes: Array("# Notes\n\nThe cluster is healthy.\nNothing else happened.\n".utf8), name: "notes.md")
        do {
            _ = try RunbookImport.run(document)
            Issue.record("a document of prose made a runbook")
        } catch {
            let report = try #require(error.report)
            #expect(report.refusal != nil)
            #expect(report.unplaced.map(\.line) == [3, 4])
        }
    }

    @Test("Windows-1254 mojibake is repaired")
    func turkishMojibake() {
        #expect(MojibakeRepair.repair("ğŸš¨ CRITICAL") == "🚨 CRITICAL")
        #expect(MojibakeRepair.repair("Çalışma") == "Çalışma", "correct Turkish text is left alone")
    }

    @Test("a task list under a rollback heading is its steps; a numbered list under a communication heading is a procedure")
    func taskListsAndCommunicationHeadings() throws {
        let text = "# Service\n\n## Application Rollback\n\n- [ ] Freeze deploys\n- [ ] Roll back the release\n- [ ] Verify the health checks\n\n## Stakeholder Communication\n\n1. Publish the first update within 15 minutes\n2. Continue updates roughly every 30mins while active\n"
        let (runbook, _) = try Self.imported(text)
        #expect(runbook.procedures.map(\.title) == ["Application Rollback", "Stakeholder Communication"])
        #expect(runbook.procedures.first?.steps.map(\.action) == ["Freeze deploys", "Roll back the release", "Verify the health checks"])
        #expect(runbook.communications.map(\.cadence) == [.every(seconds: 1_800)])
    }

    @Test("many unclosed <table lines and rows without </tr> import without a quadratic scan or a crash")
    func hostileHTMLTables() throws {
        let unclosed = String(repeating: "<table>\n", count: 20_000) + "## Steps\n\n1. Stop writes\n2. Restore\n"
        let (runbook, _) = try Self.imported("# Restore\n\n" + unclosed)
        #expect(runbook.procedures.first?.steps.count == 2)
        let ragged = "# DR\n\n## Contacts\n\n<table><tr><th>Role<th>Primary</th><tr><td>DBA</td><td>Jane Doe</td><td>+1 555 0100\n</table>\n"
        let document = try ImportDocument.parse(bytes: Array(ragged.utf8), name: "ragged.md")
        _ = try? RunbookImport.run(document, verify: true)
    }
}
