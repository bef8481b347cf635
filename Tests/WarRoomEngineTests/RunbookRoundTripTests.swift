import Foundation
import Testing
import WarRoomTestSupport
@testable import WarRoomEngine

/// Load → write → load keeps everything: the YAML writer writes every key the decoder
/// reads, for each of the runbooks in `runbooks/`.
@Suite struct RunbookRoundTripTests {
    static let folder = (RepoPaths.root as NSString).appendingPathComponent("runbooks")
    static var runbooks: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted()
    }

    @Test("every runbook in runbooks/ reads back the same after the YAML writer", arguments: runbooks)
    func roundTrip(_ name: String) throws {
        let path = (Self.folder as NSString).appendingPathComponent(name)
        let first = RunbookLoader.loadReporting(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: path))), file: path)
        let original = try #require(first.runbook, "\(first.diagnostics.map { $0.description })")
        let yaml = RunbookYAMLWriter.yaml(original)
        let second = RunbookLoader.loadReporting(bytes: Array(yaml.utf8), file: name)
        let errors = second.diagnostics.filter { $0.severity == .error }.map { $0.description }
        #expect(errors.isEmpty, "\(errors)")
        let reloaded = try #require(second.runbook)
        var lost: [String] = []
        if original.document != reloaded.document { lost.append("document") }
        if original.objectives != reloaded.objectives { lost.append("objectives") }
        if original.triggers != reloaded.triggers { lost.append("triggers") }
        if original.decisionTrees != reloaded.decisionTrees { lost.append("decision_trees") }
        if original.decisionMatrices != reloaded.decisionMatrices { lost.append("decision_matrices") }
        if original.authority != reloaded.authority { lost.append("authority") }
        if original.procedures != reloaded.procedures { lost.append("procedures") }
        if original.contingencies != reloaded.contingencies { lost.append("contingencies") }
        if original.communications != reloaded.communications { lost.append("communications") }
        if original.templates != reloaded.templates { lost.append("templates") }
        if original.contacts != reloaded.contacts { lost.append("contacts") }
        if original.checklists != reloaded.checklists { lost.append("checklists") }
        if original.postIncident != reloaded.postIncident { lost.append("post_incident") }
        if original.rca != reloaded.rca { lost.append("rca") }
        if original.tests != reloaded.tests { lost.append("tests") }
        if original.lastKnownGood != reloaded.lastKnownGood { lost.append("last_known_good") }
        if original.severities != reloaded.severities { lost.append("severities") }
        #expect(lost.isEmpty, "lost on the round trip: \(lost)")
        #expect(original == reloaded)
    }
}

extension RunbookRoundTripTests {
    @Test("keys no runbook in runbooks/ uses survive the round trip too: severities")
    func severitiesRoundTrip() throws {
        var runbook = try RunbookLoader.load(path: (Self.folder as NSString).appendingPathComponent("dentalcare-migration.yaml"))
        runbook.severities = ["SEV1", "SEV2 — degraded"]
        let reloaded = try RunbookLoader.load(text: RunbookYAMLWriter.yaml(runbook), file: "severities.yaml")
        #expect(reloaded.severities == runbook.severities)
        #expect(reloaded == runbook)
    }
}

/// `show --json` speaks the same schema: every key of its runbook, procedure, step, trigger
/// and contact objects is a key of `RunbookSchema` (the JSON adds only its version and a
/// step's number, its position; timings and cadences are normalised inside their keys).
@Suite struct RunbookJSONSchemaTests {
    @Test("show --json's keys are the schema's keys", arguments: RunbookRoundTripTests.runbooks)
    func jsonKeysAreSchemaKeys(_ name: String) throws {
        let path = (RunbookRoundTripTests.folder as NSString).appendingPathComponent(name)
        let runbook = try RunbookLoader.load(path: path)
        let json = try #require(try JSONSerialization.jsonObject(with: RunbookJSON.encode(runbook)) as? [String: Any])
        func outside(_ object: [String: Any]?, _ part: RunbookSchema.Part, extra: Set<String> = []) -> [String] {
            (object?.keys.map { $0 } ?? []).filter { !RunbookSchema.keys(part).contains($0) && !extra.contains($0) }.sorted()
        }
        let first = { (key: String) in (json[key] as? [[String: Any]])?.first }
        var wrong: [String] = []
        wrong += outside(json, .runbook, extra: ["json_version"]).map { "runbook.\($0)" }
        wrong += outside(first("procedures"), .procedure).map { "procedure.\($0)" }
        wrong += outside((first("procedures")?["steps"] as? [[String: Any]])?.first, .step, extra: ["number"]).map { "step.\($0)" }
        wrong += outside(first("triggers"), .trigger).map { "trigger.\($0)" }
        wrong += outside(first("contacts"), .contact).map { "contact.\($0)" }
        wrong += outside(first("communications"), .communication).map { "communication.\($0)" }
        #expect(wrong.isEmpty, "keys of show --json outside RunbookSchema: \(wrong)")
    }
}
