import Foundation
import Testing
import WarRoomTestSupport
@testable import WarRoomEngine

/// Imports each of the five source documents and compares the result with the hand-made
/// runbook of the same source (the answer key), printing the figures per seed.
@Suite("Importing the five seeds reproduces the hand-made runbooks")
struct ImportComparisonTests {
    /// What is compared.
    enum Criterion: String { case procedures, steps, contacts, audiences, trees }

    /// Where the hand-made runbook made a judgment call the importer cannot reproduce from
    /// the text without guessing. Each is a known issue: the test fails if one stops
    /// failing, so this table stays true. Empty: each one found so far was settled, either by
    /// making the hand-made runbook follow the source or by an importer rule the source supports.
    static let judgmentCalls: [String: [Criterion: String]] = [:]

    @Test("each seed imports, validates and matches its hand-made runbook", arguments: ImportFixtures.seeds.map(\.seed))
    func seedMatchesHandMadeRunbook(_ seed: String) throws {
        let entry = try #require(ImportFixtures.seeds.first { $0.seed == seed })
        let (result, imported) = try ImportFixtures.importAndReload(ImportFixtures.seedPath(entry.file))
        let expected = try RunbookLoader.load(path: RepoPaths.runbook(entry.runbook))
        let comparison = SeedComparison(imported: imported, expected: expected)
        print("import comparison seed \(seed) (\(entry.runbook)): \(comparison)")
        for miss in comparison.misses { print("  seed \(seed) unmatched: \(miss)") }
        #expect(result.runbook == imported, "the YAML must read back as the runbook the importer built")

        let calls = Self.judgmentCalls[seed] ?? [:]
        check(.procedures, calls, comparison.proceduresFound == comparison.proceduresExpected, "procedures \(comparison.proceduresFound)/\(comparison.proceduresExpected)")
        check(.steps, calls, comparison.stepPercent >= 95, "steps \(comparison.stepPercent)%")
        check(.contacts, calls, comparison.contactsFound == comparison.contactsExpected, "contacts \(comparison.contactsFound)/\(comparison.contactsExpected)")
        check(.audiences, calls, comparison.audiencesFound == comparison.audiencesExpected, "audiences \(comparison.audiencesFound)/\(comparison.audiencesExpected)")
        check(.trees, calls, comparison.treesSame == comparison.treesExpected, "trees \(comparison.treesSame)/\(comparison.treesExpected)")
    }

    private func check(_ criterion: Criterion, _ calls: [Criterion: String], _ holds: Bool, _ figure: String) {
        if let reason = calls[criterion] {
            withKnownIssue("hand-made judgment call: \(reason)") { #expect(holds, "\(criterion.rawValue): \(figure)") }
        } else {
            #expect(holds, "\(criterion.rawValue): \(figure)")
        }
    }

    /// Post-incident groups the hand-made runbooks drew from places that are not horizon
    /// headings with lists.
    static let horizonJudgmentCalls: [String: String] = [:]

    @Test("contingency plans and post-incident horizons match the hand-made runbook", arguments: ImportFixtures.seeds.map(\.seed))
    func plansAndHorizons(_ seed: String) throws {
        let entry = try #require(ImportFixtures.seeds.first { $0.seed == seed })
        let imported = try RunbookImport.run(path: ImportFixtures.seedPath(entry.file)).runbook
        let expected = try RunbookLoader.load(path: RepoPaths.runbook(entry.runbook))
        let plans = expected.contingencies.filter { want in
            imported.contingencies.contains { $0.source == want.source && $0.actions.count == want.actions.count }
        }.count
        let horizons = expected.postIncident.filter { want in
            imported.postIncident.contains { $0.horizon == want.horizon && $0.items.count == want.items.count }
        }.count
        print("import comparison seed \(seed): contingency plans \(plans)/\(expected.contingencies.count), post-incident horizons \(horizons)/\(expected.postIncident.count), triggers \(imported.triggers.count) (hand-made \(expected.triggers.count))")
        #expect(plans == expected.contingencies.count)
        if let reason = Self.horizonJudgmentCalls[seed] {
            withKnownIssue("hand-made judgment call: \(reason)") { #expect(horizons == expected.postIncident.count) }
        } else {
            #expect(horizons == expected.postIncident.count)
        }
    }

    @Test("seed 001's threshold table: thresholds pulled out, and 'Manual decision' rows are manual")
    func whiteCrossTriggers() throws {
        let runbook = try RunbookImport.run(path: ImportFixtures.seedPath("001_16916295a71bea32.txt")).runbook
        let automatic = runbook.triggers.filter { $0.group == "Automatic Rollback Triggers" }
        #expect(automatic.map(\.threshold?.description) == [
            "error_rate > 5 % for 5m", "response_time > 1000 ms for 10m", "failed_health_checks > 50 %", nil, nil,
            "database_connection_failures > 25 %", "memory_cpu > 95 % for 10m",
        ])
        #expect(automatic.map(\.kind) == [.automatic, .manual, .automatic, .automatic, .automatic, .automatic, .manual])
        #expect(automatic.map(\.timeToDecision) == [.immediate, .exact(seconds: 900), .immediate, .immediate, .immediate, .exact(seconds: 300), .exact(seconds: 900)])
        let manual = runbook.triggers.filter { $0.group == "Manual Rollback Criteria" }
        #expect(manual.map(\.severity) == ["Critical", "High", "Medium", "Low"])
        #expect(manual.map(\.decidedBy) == ["CTO or VP Engineering", "Engineering Manager", "Tech Lead", "Team consensus"])
    }

    @Test("every imported item carries the source line it came from", arguments: ImportFixtures.seeds.map(\.seed))
    func everyItemHasASourceLine(_ seed: String) throws {
        let entry = try #require(ImportFixtures.seeds.first { $0.seed == seed })
        let runbook = try RunbookImport.run(path: ImportFixtures.seedPath(entry.file)).runbook
        let lineCount = try String(contentsOfFile: ImportFixtures.seedPath(entry.file), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).count
        var sources: [Int?] = runbook.procedures.map(\.source) + runbook.procedures.flatMap { $0.steps.map(\.source) }
        sources += runbook.triggers.map(\.source) + runbook.contacts.map(\.source) + runbook.communications.map(\.source)
        sources += runbook.contingencies.map(\.source) + runbook.contingencies.flatMap { $0.actions.map(\.source) }
        sources += runbook.decisionTrees.flatMap { [$0.source] + $0.nodes.map(\.source) + $0.outcomes.map(\.source) }
        sources += runbook.templates.map(\.source) + runbook.postIncident.map(\.source)
        #expect(!sources.isEmpty)
        #expect(sources.allSatisfy { $0 != nil }, "an item without a source line")
        #expect(sources.compactMap { $0 }.allSatisfy { (1...lineCount).contains($0) }, "a source line outside the document")
    }

    @Test("importing twice gives the same YAML: ids are stable", arguments: ImportFixtures.seeds.map(\.seed))
    func importIsDeterministic(_ seed: String) throws {
        let entry = try #require(ImportFixtures.seeds.first { $0.seed == seed })
        let first = try RunbookImport.run(path: ImportFixtures.seedPath(entry.file))
        let second = try RunbookImport.run(path: ImportFixtures.seedPath(entry.file))
        #expect(first.yaml == second.yaml)
        let ids = first.runbook.procedures.map(\.id)
        #expect(Set(ids).count == ids.count)
    }

    @Test("the seed copies are byte for byte the source documents")
    func seedCopiesAreExact() throws {
        let shared = URL(fileURLWithPath: "/work/shared/seeds")
        for entry in ImportFixtures.seeds {
            let original = shared.appendingPathComponent(entry.file)
            // The shared folder is not there on CI; the check runs where it is.
            guard FileManager.default.fileExists(atPath: original.path) else { continue }
            let copy = try Data(contentsOf: URL(fileURLWithPath: ImportFixtures.seedPath(entry.file)))
            #expect(copy == (try Data(contentsOf: original)), "\(entry.file) differs from the source")
        }
    }
}
