import Foundation
import Testing
@testable import WarRoomEngine

/// The hand count of one corpus document: its `.count` sidecar, one fact a line
/// (`step: …`, `contact: …`, `cadence: …`, `objective: rto 55m`, `trigger: …`), each naming
/// text that the imported item must hold.
struct CorpusHandCount {
    var source = ""
    var steps: [String] = []
    var contacts: [String] = []
    var cadences: [String] = []
    var objectives: [String] = []
    var triggers: [String] = []

    init(text: String) {
        for raw in text.split(separator: "\n") {
            let line = String(raw)
            guard !line.hasPrefix("#"), let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch key {
            case "source": source = value
            case "step": steps.append(value)
            case "contact": contacts.append(value)
            case "cadence": cadences.append(value)
            case "objective": objectives.append(value)
            case "trigger": triggers.append(value)
            default: break
            }
        }
    }
}

/// How one kind of item of an import compares with the hand count.
struct CorpusScore {
    var expected = 0
    var imported = 0
    /// Hand-counted items that an imported item holds.
    var matched = 0
    /// Imported items that hold some hand-counted item.
    var correct = 0

    static func + (lhs: CorpusScore, rhs: CorpusScore) -> CorpusScore {
        CorpusScore(expected: lhs.expected + rhs.expected, imported: lhs.imported + rhs.imported,
                    matched: lhs.matched + rhs.matched, correct: lhs.correct + rhs.correct)
    }

    /// Compares imported texts with hand-counted phrases: a phrase is matched when an
    /// imported text holds it (after Markdown and case normalisation); each imported text
    /// counts once as correct when it holds any phrase.
    init(expected phrases: [String], imported texts: [String]) {
        let wanted = phrases.map(ImportCorpusTests.normal)
        let got = texts.map(ImportCorpusTests.normal)
        expected = wanted.count
        imported = got.count
        var taken = Set<Int>()
        for phrase in wanted {
            if let hit = got.indices.first(where: { !taken.contains($0) && got[$0].contains(phrase) }) ?? got.firstIndex(where: { $0.contains(phrase) }) {
                matched += 1
                taken.insert(hit)
            }
        }
        correct = got.filter { text in wanted.contains { text.contains($0) } }.count
    }

    init(expected: Int = 0, imported: Int = 0, matched: Int = 0, correct: Int = 0) {
        self.expected = expected; self.imported = imported; self.matched = matched; self.correct = correct
    }

    var recall: Double { expected == 0 ? 1 : Double(matched) / Double(expected) }
    var precision: Double { imported == 0 ? 1 : Double(correct) / Double(imported) }
}

/// Imports every document of the development corpus (`Fixtures/import-corpus/`, real public
/// runbooks with a hand count beside each) and measures the importer against the hand
/// counts, printing recall and precision per document.
@Suite struct ImportCorpusTests {
    static let folder = ImportFixtures.folder.appendingPathComponent("import-corpus")

    static func normal(_ text: String) -> String {
        MarkdownText.normalized(MarkdownText.plain(text)).lowercased()
    }

    static var documents: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasSuffix(".count") && names.contains($0 + ".count") }.sorted()
    }

    struct Row {
        var name: String
        var refused: Bool
        var steps: CorpusScore
        var contacts: CorpusScore
        var cadences: CorpusScore
        var objectives: CorpusScore
        var triggers: CorpusScore
        var invented: [String]
    }

    static func measure(_ name: String) throws -> Row {
        let path = folder.appendingPathComponent(name).path
        let count = CorpusHandCount(text: try String(contentsOfFile: path + ".count", encoding: .utf8))
        let source = normal(try String(contentsOfFile: path, encoding: .utf8))
        let runbook: Runbook?
        do { runbook = try ImportFixtures.importAndReload(path).imported.runbook } catch { runbook = nil }
        let steps = runbook?.procedures.flatMap(\.steps) ?? []
        let cadences = runbook?.communications.compactMap { audience in audience.cadence.map { _ in audience.timing ?? audience.audience } } ?? []
        var objectives: [String] = []
        if let rto = runbook?.objectives?.rto { objectives.append("rto \(DurationText.compact(rto))") }
        if let rpo = runbook?.objectives?.rpo { objectives.append("rpo \(DurationText.compact(rpo))") }
        // Invented: an imported step whose action is not in the source.
        let invented = steps.map(\.action).filter { !source.contains(normal($0)) }
        return Row(name: name, refused: runbook == nil,
                   // A step is found by its action or its commands ("SSH into the hosts and execute:" over `consul operator …`).
                   steps: CorpusScore(expected: count.steps, imported: steps.map { $0.action + " " + ($0.commands ?? "") }),
                   contacts: CorpusScore(expected: count.contacts, imported: runbook?.contacts.map(\.role) ?? []),
                   cadences: CorpusScore(expected: count.cadences, imported: cadences),
                   objectives: CorpusScore(expected: count.objectives, imported: objectives),
                   triggers: CorpusScore(expected: count.triggers, imported: runbook?.triggers.map(\.condition) ?? []),
                   invented: invented)
    }

    static func percent(_ value: Double) -> String { String(format: "%5.1f%%", value * 100) }

    @Test func corpusMeetsTheTargets() throws {
        let names = Self.documents
        #expect(names.count >= 20, "the development set holds \(names.count) documents")
        var rows: [Row] = []
        for name in names { rows.append(try Self.measure(name)) }
        var lines = ["document | steps hand/imported/matched/invented | contacts | cadences | RTO/RPO | triggers"]
        for row in rows {
            func cell(_ score: CorpusScore) -> String { "\(score.expected)/\(score.imported)/\(score.matched)" }
            lines.append("\(row.name)\(row.refused ? " (REFUSED)" : "") | \(row.steps.expected)/\(row.steps.imported)/\(row.steps.matched)/\(row.invented.count) recall \(Self.percent(row.steps.recall)) precision \(Self.percent(row.steps.precision)) | \(cell(row.contacts)) | \(cell(row.cadences)) | \(cell(row.objectives)) | \(cell(row.triggers))")
        }
        let steps = rows.map(\.steps).reduce(CorpusScore(), +)
        let contacts = rows.map(\.contacts).reduce(CorpusScore(), +)
        let cadences = rows.map(\.cadences).reduce(CorpusScore(), +)
        let objectives = rows.map(\.objectives).reduce(CorpusScore(), +)
        let triggers = rows.map(\.triggers).reduce(CorpusScore(), +)
        let invented = rows.flatMap(\.invented)
        lines.append("total: steps \(steps.matched)/\(steps.expected) recall \(Self.percent(steps.recall)), precision \(Self.percent(steps.precision)) (\(steps.correct)/\(steps.imported)), invented \(invented.count); contacts \(contacts.matched)/\(contacts.expected); cadences \(cadences.matched)/\(cadences.expected); RTO/RPO \(objectives.matched)/\(objectives.expected); triggers \(triggers.matched)/\(triggers.expected); refused \(rows.filter(\.refused).count)")
        print(lines.joined(separator: "\n"))
        #expect(steps.recall >= 0.90, "step recall \(Self.percent(steps.recall))")
        #expect(steps.precision >= 0.95, "step precision \(Self.percent(steps.precision))")
        #expect(invented.isEmpty, "invented step text: \(invented)")
        // A document whose hand count holds steps holds an ordered list of actions: never refused.
        let refused = rows.filter { $0.refused && $0.steps.expected > 0 }.map(\.name)
        #expect(refused.isEmpty, "refused: \(refused)")
        for (kind, score) in [("contacts", contacts), ("cadences", cadences), ("RTO/RPO", objectives), ("triggers", triggers)] {
            #expect(score.recall >= 0.80, "\(kind): \(score.matched) of \(score.expected)")
        }
    }
}
