import Foundation
import Testing
import WarRoomTestSupport
@testable import WarRoomEngine

/// `IncidentStateJSON`, the status-line checkpoint's hand-written encoding of a state: every
/// state folded from a random journal (whole or compacted) reads back equal, every field of
/// the state is written, and anything but what it writes is refused.
@Suite struct IncidentStateJSONTests {
    static func roundTrip(_ state: IncidentState) throws -> IncidentState {
        try IncidentStateJSON.decode(try JSONParser.parse(JSONWriter.encode(IncidentStateJSON.encode(state))))
    }

    @Test func everyFoldedStateReadsBackEqual() throws {
        var random = SeededGenerator(state: 2_718)
        var checked = 0, voided = 0, pagesAcknowledged = 0
        for round in 0..<40 {
            // Journals of every event kind, corrections included, folded as a reader folds them.
            let lines = try StatusLineCheckpointTests.randomLines(count: Int.random(in: 5...300, using: &random), &random)
            let directory = try RepoPaths.temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            try CheckpointTests.write(lines, to: directory + "/j.jsonl")
            let state = try JournalReader.read(path: directory + "/j.jsonl").state
            #expect(try Self.roundTrip(state) == state, "round \(round)")
            let compact = StatusLineState(compacting: state).state
            #expect(try Self.roundTrip(compact) == compact, "round \(round), compacted")
            checked += 1
            if !state.voided.isEmpty { voided += 1 }
            if state.pages.contains(where: { $0.acknowledgedAt != nil }) { pagesAcknowledged += 1 }
        }
        for name in StatusRunbookTests.runbooks {
            let runbook = try StatusRunbookTests.load(name)
            for (state, _) in StatusRunbookTests.randomStates(runbook, count: 60, &random) {
                #expect(try Self.roundTrip(state) == state, "\(name)")
                checked += 1
            }
        }
        #expect(checked > 100 && voided > 0 && pagesAcknowledged > 0, "\(checked) states, \(voided) with void events, \(pagesAcknowledged) with acknowledged pages")
    }

    /// A field added to the state must be written: the members are the state's stored
    /// properties, in order, and a state with every list and optional filled reads back equal.
    @Test func everyFieldOfTheStateIsWritten() throws {
        let labels = Mirror(reflecting: IncidentState()).children.compactMap(\.label)
        guard case .object(let members) = IncidentStateJSON.encode(IncidentState()) else {
            Issue.record("not an object")
            return
        }
        #expect(members.map(\.0) == labels)
        let t = Fixtures.t0
        var state = IncidentState(voiding: [7, 3])
        state.declaration = Declaration(title: "T", severity: "SEV1", at: t, by: "ada")
        state.severity = "SEV2"
        state.severityChanges = [SeverityChange(from: "SEV1", to: "SEV2", at: t, by: "bob")]
        state.triggersFired = [Fired(trigger: "x", at: t, by: "ada")]
        var tree = TreeProgress()
        tree.path = [Answered(node: "n", answer: "Yes", leadsTo: "o", at: t, by: "ada")]
        tree.current = "o"
        tree.outcome = "o"
        tree.decidedAt = t
        state.trees = ["choose": tree, "other": TreeProgress()]
        state.treeOrder = ["choose", "other"]
        var plan = PlanProgress()
        plan.state = .abandoned
        plan.startedAt = t
        plan.firstStart = t.adding(seconds: -60)
        plan.startedBy = "ada"
        plan.endedAt = t.adding(seconds: 60)
        plan.reason = "wrong plan"
        var step = StepProgress()
        step.state = .failed
        step.startedAt = t
        step.endedAt = t.adding(seconds: 5)
        step.reason = "timeout"
        step.ticked = [1, 3]
        step.reopened = 2
        step.failures = [StepFailure(reason: "timeout", at: t)]
        plan.steps = [2: step, 1: StepProgress()]
        state.plans = ["p": plan, "q": PlanProgress()]
        state.planOrder = ["p", "q"]
        state.approvals = [Approval(approver: "Ada", subject: "p", at: t, by: "ada")]
        state.communications = ["execs": [Sent(at: t, channel: "Slack", text: "é 🚨 \"q\"", by: "ada")], "staff": []]
        state.pages = [Page(contact: "ic", target: .backup, person: "Bo", at: t, by: "ada", acknowledgedAt: t, acknowledgedBy: "Bo")]
        state.notes = [Note(text: "n", at: t, by: "ada")]
        state.resolution = Resolution(outcome: "fixed", at: t, by: "ada")
        state.retitles = [Retitle(title: "U", at: t, by: "ada")]
        state.recoveryPoint = RecoveryPoint(dataUpTo: t, note: "wal", at: t, by: "ada")
        state.roles = [RoleAssignment(role: "IC", person: "Ada", at: t, by: "ada")]
        state.participants = ["ada", "bob"]
        state.retractions = [Retraction(sequence: 3, reason: "wrong", retractedBy: 8, at: t, by: "ada")]
        state.reopenings = [Reopening(reason: "again", resolution: Resolution(outcome: "fixed", at: t, by: "ada"), at: t, by: "bob")]
        state.approvalOverrides = [ApprovalOverride(procedure: "p", missing: ["CTO"], reason: "urgent", at: t, by: "ada")]
        state.declarationSequence = 1
        state.resolutionSequence = 9
        state.lastSequence = 12
        state.eventCount = 11
        state.lastEventAt = t.adding(seconds: 99)
        #expect(try Self.roundTrip(state) == state)
        // Every record's row holds each of the record's stored properties.
        guard case .object(let filled) = IncidentStateJSON.encode(state) else { return }
        func rowCount(_ name: String) -> Int? {
            guard case .array(let rows)? = filled.first(where: { $0.0 == name })?.1, case .array(let row)? = rows.first else { return nil }
            return row.count
        }
        let records: [(String, Any)] = [("severityChanges", state.severityChanges[0]), ("triggersFired", state.triggersFired[0]),
                                         ("approvals", state.approvals[0]), ("pages", state.pages[0]), ("notes", state.notes[0]),
                                         ("retitles", state.retitles[0]), ("roles", state.roles[0]), ("retractions", state.retractions[0]),
                                         ("reopenings", state.reopenings[0]), ("approvalOverrides", state.approvalOverrides[0])]
        for (name, record) in records {
            #expect(rowCount(name) == Mirror(reflecting: record).children.count, "\(name)")
        }
        #expect(Mirror(reflecting: PlanProgress()).children.count == 7 && Mirror(reflecting: StepProgress()).children.count == 7
                && Mirror(reflecting: TreeProgress()).children.count == 4, "a progress record gained a field: write it in IncidentStateJSON")
    }

    @Test func anythingButWhatItWritesIsRefused() throws {
        var random = SeededGenerator(state: 9)
        let lines = try StatusLineCheckpointTests.randomLines(count: 200, &random)
        let directory = try RepoPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try CheckpointTests.write(lines, to: directory + "/j.jsonl")
        let state = try JournalReader.read(path: directory + "/j.jsonl").state
        let text = JSONWriter.encode(IncidentStateJSON.encode(state))
        let broken = [
            text.replacingOccurrences(of: "\"lastSequence\":", with: "\"lastSeq\":"),
            text.replacingOccurrences(of: "\"running\"", with: "\"runnin\""),
            text.replacingOccurrences(of: "\"declaration\":[", with: "\"declaration\":[1,"),
            text.replacingOccurrences(of: "\"eventCount\":", with: "\"eventCount\":\"1\",\"x\":"),
            text.replacingOccurrences(of: "\"planOrder\":[\"", with: "\"planOrder\":[1,\""),
        ]
        for (index, text) in broken.enumerated() {
            #expect(text != JSONWriter.encode(IncidentStateJSON.encode(state)), "mutation \(index) changed nothing")
            #expect(throws: IncidentStateJSON.Malformed.self, "mutation \(index)") { try IncidentStateJSON.decode(try JSONParser.parse(text)) }
        }
    }
}
