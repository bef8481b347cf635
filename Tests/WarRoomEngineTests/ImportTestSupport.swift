import Foundation
import Testing
import WarRoomTestSupport
@testable import WarRoomEngine

/// Fixture paths and helpers for the importer's tests.
enum ImportFixtures {
    static let folder = URL(fileURLWithPath: RepoPaths.root).appendingPathComponent("Tests/WarRoomEngineTests/Fixtures")

    /// The five source documents, copied byte for byte, and the hand-made runbook of each.
    static let seeds: [(seed: String, file: String, runbook: String)] = [
        ("000", "000_9e9940f7bb1f4c75.txt", "dentalcare-migration"),
        ("001", "001_16916295a71bea32.txt", "whitecross-platform"),
        ("002", "002_58f2486999c0bed2.txt", "dr-amal-clinical-os"),
        ("003", "003_98d0d75a7fb0147f.txt", "syncwell-contingency"),
        ("004", "004_66ec005c8e6f206a.txt", "unifiedhealth-platform"),
    ]

    static func seedPath(_ file: String) -> String { folder.appendingPathComponent("seeds/\(file)").path }
    static func importPath(_ file: String) -> String { folder.appendingPathComponent("import/\(file)").path }

    /// Imports a document and loads the written YAML back, failing the test on any error.
    static func importAndReload(_ path: String) throws -> (imported: ImportResult, reloaded: Runbook) {
        let result = try RunbookImport.run(path: path)
        let check = RunbookLoader.loadReporting(bytes: Array(result.yaml.utf8), file: path)
        #expect(check.diagnostics.isEmpty, "\(check.diagnostics.map(\.description))")
        let reloaded = try #require(check.runbook)
        return (result, reloaded)
    }

    /// Text compared after whitespace and Markdown normalisation.
    static func same(_ lhs: String?, _ rhs: String?) -> Bool {
        MarkdownText.normalized(lhs ?? "") == MarkdownText.normalized(rhs ?? "")
    }

    /// A decision tree's shape: each node's answer labels and where they lead, from the root.
    static func shape(_ tree: DecisionTree) -> String {
        func walk(_ id: String, depth: Int) -> String {
            guard depth < 64, let node = tree.node(id) else { return "O" }
            return "(" + node.answers.map { "\($0.label.lowercased()):\(walk($0.goto, depth: depth + 1))" }.joined(separator: ",") + ")"
        }
        return walk(tree.root, depth: 0)
    }
}

/// How an imported runbook compares with the hand-made one of the same source.
struct SeedComparison: CustomStringConvertible {
    var proceduresFound = 0, proceduresExpected = 0
    var stepsMatched = 0, stepsExpected = 0
    var contactsFound = 0, contactsExpected = 0
    var audiencesFound = 0, audiencesExpected = 0
    var treesSame = 0, treesExpected = 0
    /// The expected steps that did not match, for the log.
    var misses: [String] = []

    var stepPercent: Double { stepsExpected == 0 ? 100 : 100 * Double(stepsMatched) / Double(stepsExpected) }

    var description: String {
        "procedures \(proceduresFound)/\(proceduresExpected), steps matched \(stepsMatched)/\(stepsExpected) ("
            + String(format: "%.1f", stepPercent) + "%), contacts \(contactsFound)/\(contactsExpected), "
            + "audiences with cadence \(audiencesFound)/\(audiencesExpected), trees same shape \(treesSame)/\(treesExpected)"
    }

    /// Compares by the rule of the import issue: procedures by title or source line; steps by
    /// procedure and step position, same action after normalisation, owner and duration
    /// (as parsed timings) equal where the hand-made one has them; contacts by role;
    /// audiences with a cadence by equal cadence and audience name or source line; trees
    /// by shape.
    init(imported: Runbook, expected: Runbook) {
        proceduresExpected = expected.procedures.count
        proceduresFound = expected.procedures.filter { want in
            imported.procedures.contains { ImportFixtures.same($0.title, want.title) || ($0.source != nil && $0.source == want.source) }
        }.count
        for (position, want) in expected.procedures.enumerated() {
            let got = position < imported.procedures.count ? imported.procedures[position] : nil
            for (index, step) in want.steps.enumerated() {
                stepsExpected += 1
                let candidate = got.flatMap { index < $0.steps.count ? $0.steps[index] : nil }
                var ok = candidate.map { ImportFixtures.same($0.action, step.action) } ?? false
                if ok, let owner = step.owner { ok = ImportFixtures.same(candidate?.owner, owner) }
                if ok, let duration = step.duration { ok = candidate?.duration == duration }
                if ok { stepsMatched += 1 } else {
                    misses.append("\(want.id) step \(index + 1): expected '\(step.action)' / \(step.owner ?? "-") / \(step.duration?.description ?? "-"); got '\(candidate?.action ?? "nothing")' / \(candidate?.owner ?? "-") / \(candidate?.duration?.description ?? "-")")
                }
            }
        }
        contactsExpected = expected.contacts.count
        contactsFound = expected.contacts.filter { want in imported.contacts.contains { ImportFixtures.same($0.role, want.role) } }.count
        let withCadence = expected.communications.filter { $0.cadence != nil }
        audiencesExpected = withCadence.count
        audiencesFound = withCadence.filter { want in
            imported.communications.contains { got in
                got.cadence == want.cadence && (ImportFixtures.same(got.audience, want.audience) || (got.source != nil && got.source == want.source))
            }
        }.count
        treesExpected = expected.decisionTrees.count
        let shapes = imported.decisionTrees.map(ImportFixtures.shape)
        treesSame = expected.decisionTrees.filter { shapes.contains(ImportFixtures.shape($0)) }.count
    }
}
