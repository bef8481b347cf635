import Foundation
import Testing
@testable import WarRoomEngine

/// Documents built to hurt the importer: pathological lines, deep nesting, escape
/// sequences. Each must import (or fail cleanly) quickly and give a valid runbook.
@Suite("Hostile documents for the importer")
struct ImportHostileTests {
    private func importText(_ text: String) throws -> (runbook: Runbook, yaml: String) {
        let result = try RunbookImport.run(ImportDocument.parse(bytes: Array(text.utf8), name: "hostile.md"))
        let check = RunbookLoader.loadReporting(bytes: Array(result.yaml.utf8), file: "hostile.yaml")
        #expect(check.diagnostics.isEmpty, "\(check.diagnostics.map(\.description))")
        return (result.runbook, result.yaml)
    }

    private let procedure = "## Rollback Procedure\n\n| Step | Action | Owner |\n|---|---|---|\n| 1 | Stop writes | DBA |\n"

    @Test("a 1 MB line of brackets, angle brackets and mojibake-like pairs stays linear", .timeLimit(.minutes(1)))
    func pathologicalLines() throws {
        let brackets = String(repeating: "[", count: 500_000) + "]"
        let angles = String(repeating: "<", count: 500_000)
        let pairs = String(repeating: "éé ", count: 200_000)
        let (runbook, _) = try importText("# T\n\n\(brackets)\n\n\(angles)\n\n\(pairs)\n\n" + procedure)
        #expect(runbook.procedures.count == 1)
    }

    @Test("lists nested twenty deep are cut to the format's eight levels")
    func deepNesting() throws {
        var text = "# T\n\n## Post-Rollback Procedures\n\n### Immediate (0-4 hours)\n\n"
        for depth in 0..<20 { text += String(repeating: "  ", count: depth) + "- level \(depth + 1)\n" }
        let (runbook, _) = try importText(text + "\n" + procedure)
        var depth = 0
        var items = runbook.postIncident.first?.items ?? []
        while let first = items.first { depth += 1; items = first.items }
        #expect(depth == 8)
        #expect(runbook.postIncident.first?.items.first?.flattened.count == 20, "no item is dropped")
    }

    @Test("escape sequences and control characters in the source are escaped in the YAML")
    func escapeSequences() throws {
        let action = "Stop \u{1B}[2J writes\u{07}"
        let (runbook, yaml) = try importText("# T\n\n## Rollback Procedure\n\n| Step | Action | Owner |\n|---|---|---|\n| 1 | \(action) | DBA |\n")
        #expect(runbook.procedures.first?.steps.first?.action == action)
        #expect(!yaml.contains("\u{1B}") && !yaml.contains("\u{07}"))
    }

    @Test("template placeholders the format does not accept are rewritten or the template is left out, never written invalid")
    func placeholders() throws {
        let text = "# T\n\n## Communication\n\n### Customers (hourly)\n\n```\nDear {{Customer Name}}, ETA {{ eta }}, {{ok_name}}\n```\n\n"
            + "### Staff (every 30 minutes)\n\n```\nBroken {{ placeholder\n```\n"
        let result = try RunbookImport.run(ImportDocument.parse(bytes: Array(text.utf8), name: "t.md"))
        let check = RunbookLoader.loadReporting(bytes: Array(result.yaml.utf8), file: "t.yaml")
        #expect(check.diagnostics.isEmpty, "\(check.diagnostics.map(\.description))")
        #expect(result.runbook.templates.map(\.body) == ["Dear {{customer_name}}, ETA {{eta}}, {{ok_name}}"])
        #expect(result.runbook.communications.map(\.cadence) == [.every(seconds: 3_600), .every(seconds: 1_800)])
        #expect(result.report.notes.count == 2)
        #expect(result.report.unplaced.map(\.line) == [13], "the broken template is reported")
    }

    @Test("documents cut and shuffled from the seeds and fixtures import to valid runbooks or fail cleanly", arguments: 0..<60)
    func shuffledDocuments(_ seed: Int) throws {
        var files = ImportFixtures.seeds.map { ImportFixtures.seedPath($0.file) }
        files += ["kubernetes-platform.md", "payments-db-migration.txt", "onprem-dr-plan.md"].map(ImportFixtures.importPath)
        var lines: [String] = []
        for file in files {
            lines += try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
        // A small linear congruential generator: the same cases on every run.
        var state = UInt64(seed) &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var document: [String] = []
        for _ in 0..<(20 + next(40)) {
            let start = next(lines.count)
            document += lines[start..<min(lines.count, start + 1 + next(60))]
        }
        let bytes = Array(document.joined(separator: "\n").utf8)
        do {
            let result = try RunbookImport.run(ImportDocument.parse(bytes: bytes, name: "shuffled-\(seed).md"))
            let check = RunbookLoader.loadReporting(bytes: Array(result.yaml.utf8), file: "shuffled-\(seed).yaml")
            #expect(check.diagnostics.isEmpty, "\(check.diagnostics.prefix(3).map(\.description))")
        } catch {
            #expect(error.message.contains("no recognisable runbook structure"), "\(error.message)")
        }
    }

    @Test("a document whose YAML would exceed the runbook size limit is refused")
    func tooMuchYAML() throws {
        var text = "# T\n\n## Rollback Procedure\n\n| Step | Action | Owner | Duration |\n|---|---|---|---|\n"
        let row = "| 1 | " + String(repeating: "x", count: 2_000) + " \" | DBA | 1 min |\n"
        for _ in 0..<9_000 { text += row }
        do {
            _ = try RunbookImport.run(ImportDocument.parse(bytes: Array(text.utf8), name: "big.md"))
            Issue.record("expected a failure")
        } catch {
            #expect(error.message.contains("MiB of YAML"))
        }
    }
}
