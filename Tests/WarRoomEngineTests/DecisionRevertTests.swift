import Testing
import WarRoomTestSupport
@testable import WarRoomEngine

@Suite("Backing up a decision")
struct DecisionRevertTests {
    let engine: Engine
    let t0 = Instant(iso8601: "2026-11-24T09:00:00.000Z") ?? Instant(milliseconds: 0)

    init() throws {
        engine = Engine(runbook: try RunbookLoader.load(path: RepoPaths.runbook("unifiedhealth-platform")))
    }

    private func run(_ commands: [Command]) throws -> IncidentState {
        var state = IncidentState()
        for (index, command) in commands.enumerated() {
            let kind = try engine.event(for: command, in: state)
            state.apply(Event(sequence: index + 1, at: t0.adding(seconds: index * 60), operator: "ada", kind: kind))
        }
        return state
    }

    @Test func backingUpTakesBackTheLastAnswerAndItsOutcome() throws {
        let tree = "select-rollback-method"
        let state = try run([
            .declare(title: "t", severity: "SEV1"),
            .answer(tree: tree, node: "schema-change", answer: "NO"),
            .answer(tree: tree, node: "feature-flagged", answer: "YES"),
            .backUp(tree: tree),
        ])
        let progress = try #require(state.trees[tree])
        #expect(progress.path.map(\.answer) == ["NO"])
        #expect(progress.current == "feature-flagged")
        #expect(progress.outcome == nil && progress.decidedAt == nil)
        // The question can be answered again, differently.
        let again = try engine.event(for: .answer(tree: tree, node: "feature-flagged", answer: "NO"), in: state)
        #expect(again == .decisionAnswered(tree: tree, node: "feature-flagged", answer: "NO", leadsTo: "use-kubernetes-rollback-no-schema-change", outcome: true))
    }

    @Test func nothingToTakeBackIsRefused() throws {
        let state = try run([.declare(title: "t", severity: "SEV1")])
        #expect(throws: Refusal("tree 'select-rollback-method' has no answer to take back: it is at its first question")) {
            try engine.event(for: .backUp(tree: "select-rollback-method"), in: state)
        }
        #expect(throws: Refusal.self) { try engine.event(for: .backUp(tree: "nope"), in: state) }
    }

    @Test func theEventRoundTripsThroughTheJournalAndHeadlessSyntax() throws {
        let event = Event(sequence: 3, at: t0, operator: "ada", kind: .decisionReverted(tree: "select-rollback-method", node: "schema-change"))
        let line = EventJSON.line(event)
        #expect(line.contains(#""type":"decision_reverted""#))
        #expect(try EventJSON.event(from: JSONParser.parse(line)) == event)
        #expect(try HeadlessParser.parse("back select-rollback-method") == .command(.backUp(tree: "select-rollback-method"), operator: nil))
        #expect(try HeadlessParser.parse(#"{"command":"back","tree":"t"}"#) == .command(.backUp(tree: "t"), operator: nil))
        #expect(EventKind.typeNames.contains("decision_reverted"))
    }
}
