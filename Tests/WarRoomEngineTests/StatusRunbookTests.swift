import Foundation
import Testing
import WarRoomTestSupport
@testable import WarRoomEngine

/// The parts of a runbook the status line reads (`StatusRunbook`), as `StatusRunbookCache`
/// stores them: the status line from them is the full runbook's for any state and instant,
/// on every source runbook, and they read back from their JSON exactly, refusing anything else.
@Suite struct StatusRunbookTests {
    static let folder = RepoPaths.root + "/runbooks"
    static var runbooks: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
    }

    static func load(_ name: String) throws -> Runbook {
        try RunbookLoader.load(path: folder + "/" + name)
    }

    /// A random event of `runbook`'s own plans, steps, audiences, trees, triggers and contacts
    /// (and now and then of ones it does not have).
    static func randomKind(_ runbook: Runbook, _ random: inout SeededGenerator) -> EventKind {
        let plans = runbook.plans.map { ($0.id, $0.steps.count) } + [("no-such-plan", 2)]
        let (plan, steps) = plans.randomElement(using: &random) ?? ("none", 1)
        let step = Int.random(in: 1...max(1, steps + 1), using: &random)
        let audience = (runbook.communications.map(\.id) + ["nobody"]).randomElement(using: &random) ?? "nobody"
        let trigger = (runbook.triggers.map(\.id) + ["other"]).randomElement(using: &random) ?? "other"
        let contact = (runbook.contacts.map(\.id) + ["ghost"]).randomElement(using: &random) ?? "ghost"
        let tree = runbook.decisionTrees.randomElement(using: &random)
        switch Int.random(in: 0..<22, using: &random) {
        case 0: return .severityChanged(from: "SEV1", to: ["SEV1", "SEV2", "SEV#1"].randomElement(using: &random) ?? "SEV2")
        case 1: return .triggerFired(trigger: trigger)
        case 2:
            guard let tree, let outcome = tree.outcomes.randomElement(using: &random) else { return .noteAdded(text: "no tree") }
            return .decisionAnswered(tree: tree.id, node: tree.root, answer: "Yes", leadsTo: outcome.id, outcome: true)
        case 3, 4, 5: return .procedureStarted(procedure: plan)
        case 6: return .procedureCompleted(procedure: plan)
        case 7: return .procedureAbandoned(procedure: plan, reason: "x")
        case 8, 9, 10: return .stepStarted(procedure: plan, step: step)
        case 11, 12: return .stepDone(procedure: plan, step: step)
        case 13: return .stepSkipped(procedure: plan, step: step, reason: "n/a")
        case 14: return .stepFailed(procedure: plan, step: step, reason: "timeout")
        case 15: return .stepReopened(procedure: plan, step: step)
        case 16, 17: return .communicationSent(audience: audience, channel: "Slack", text: "update")
        case 18: return .contactPaged(contact: contact, target: .primary, person: "Ada")
        case 19: return Int.random(in: 0..<4, using: &random) == 0 ? .incidentResolved(outcome: "fixed") : .noteAdded(text: "n")
        case 20: return .incidentReopened(reason: "not fixed")
        default: return .approvalRecorded(approver: "Ada", subject: plan)
        }
    }

    /// The states after every event of a random incident of `runbook`, with a late instant each.
    static func randomStates(_ runbook: Runbook, count: Int, _ random: inout SeededGenerator) -> [(IncidentState, Instant)] {
        var state = IncidentState()
        var out: [(IncidentState, Instant)] = []
        var at = Fixtures.t0
        if Int.random(in: 0..<8, using: &random) > 0 {
            state.apply(Event(sequence: 1, at: at, operator: "ada", kind: .incidentDeclared(title: "Drill", severity: "SEV1")))
        }
        for sequence in 2...(count + 1) {
            at = at.adding(seconds: Int.random(in: 0...900, using: &random))
            state.apply(Event(sequence: sequence, at: at, operator: "ada", kind: randomKind(runbook, &random)))
            out.append((state, at))
        }
        return out
    }

    static func lines(_ runbook: Runbook, _ state: IncidentState, at now: Instant) -> [String] {
        let status = Status(runbook: runbook, state: state, at: now)
        return [StatusLine.render(status, incidentID: "INC-1"), StatusLine.render(status, incidentID: "INC-1", tmux: true)]
    }

    @Test("the status line from the cached parts is the full runbook's", arguments: runbooks)
    func statusLineFromThePartsIsTheFullRunbooks(_ name: String) throws {
        let full = try Self.load(name)
        let json = StatusRunbook(full).json
        let parts = try #require(StatusRunbook(json: try JSONParser.parse(JSONWriter.encode(json))))
        #expect(parts == StatusRunbook(full))
        let reduced = parts.runbook
        var random = SeededGenerator(state: UInt64(name.utf8.count) * 7_919)
        var compared = 0, overrunOrDue = 0
        for _ in 0..<12 {
            for (state, last) in Self.randomStates(full, count: Int.random(in: 1...80, using: &random), &random) {
                for now in [last, last.adding(seconds: Int.random(in: 0...7_200, using: &random)), last.adding(seconds: 86_400),
                            last.adding(seconds: -Int.random(in: 0...600, using: &random))] {
                    let expected = Self.lines(full, state, at: now)
                    #expect(Self.lines(reduced, state, at: now) == expected, "\(name) at \(now)")
                    compared += 1
                    if expected[0].contains("over by") || expected[0].contains("due") { overrunOrDue += 1 }
                }
            }
        }
        // The lines compared show the parts that depend on the runbook, not only headings.
        #expect(compared > 500 && overrunOrDue > compared / 4, "\(overrunOrDue) of \(compared) lines with a countdown or an overrun")
    }

    @Test func partsFromAnyOtherJSONAreRefused() throws {
        let parts = StatusRunbook(try Self.load("unifiedhealth-platform.yaml"))
        let text = JSONWriter.encode(parts.json)
        #expect(StatusRunbook(json: try JSONParser.parse(text)) == parts)
        // Every member changed to something of another shape, or dropped, is refused.
        let broken = [
            text.replacingOccurrences(of: "\"procedures\"", with: "\"procedure\""),
            text.replacingOccurrences(of: "[\"range\",", with: "[\"span\","),
            text.replacingOccurrences(of: "[\"exact\",120]", with: "[\"exact\",\"120\"]"),
            text.replacingOccurrences(of: "[\"exact\",120]", with: "[\"exact\",120,1]"),
            text.replacingOccurrences(of: "\"on\":[\"", with: "\"on\":[\"x-"),
            text.replacingOccurrences(of: "\"cadence\":[\"every\"", with: "\"cadence\":[\"often\""),
            text.replacingOccurrences(of: "\"steps\":[", with: "\"steps\":{\"a\":1},\"x\":["),
            text.replacingOccurrences(of: "\"rto\":", with: "\"rto\":\"1h\",\"old\":"),
        ]
        for (index, text) in broken.enumerated() {
            #expect(text != JSONWriter.encode(parts.json), "mutation \(index) changed nothing")
            #expect(StatusRunbook(json: try JSONParser.parse(text)) == nil, "mutation \(index)")
        }
    }
}
