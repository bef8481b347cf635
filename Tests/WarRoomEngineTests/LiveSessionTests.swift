import Foundation
import Testing
import WarRoomTestSupport
@testable import WarRoomEngine

/// A console's session (`live`) keeps a compacted state and reads its timeline back from the
/// journal: opened from its session checkpoint and the lines after it, or from the journal's
/// start, it has the same events, the engine decides the same, and its status is the full
/// session's at every instant it covers (but for the whole-history communications tally);
/// a session checkpoint that does not match the journal, or whose index does not, is ignored.
@Suite struct LiveSessionTests {
    /// What a status shows, but for the figures over the whole communications history.
    static func shown(_ status: Status, incident: String) -> [String] {
        var shown = [StatusLine.render(status, incidentID: incident), StatusLine.render(status, incidentID: incident, tmux: true)]
        for audience in status.audiences {
            shown.append("\(audience.id) last \(String(describing: audience.lastSent)) next \(String(describing: audience.nextDue)) "
                         + "in \(String(describing: audience.dueIn)) \(audience.reason ?? "-")")
        }
        var incident = status.incident
        incident.communications = CommsTally([])
        shown.append(String(describing: incident))
        shown += status.plans.map(String.init(describing:))
        shown += status.trees.map(String.init(describing:))
        shown += status.pages.map(String.init(describing:))
        shown += status.attention.map(String.init(describing:))
        shown.append(String(describing: status.forecast))
        return shown
    }

    /// Commands of every kind, for the fixture runbook, some of which the engine refuses.
    static func commands(lastSequence: Int, _ random: inout SeededGenerator) -> [Command] {
        let plans = ["app-rollback", "db-rollback"]
        var commands: [Command] = [.note("x"), .resolve(outcome: "ok"), .reopenIncident(reason: "again"), .retitle("t"),
                                   .acknowledgePage(contact: "dba"), .acknowledgePage(contact: "ic"), .page(contact: "dba", target: .primary),
                                   .communicate(audience: "execs", channel: nil, text: "u"), .fireTrigger("error-rate"),
                                   .answer(tree: "choose", node: "schema", answer: "Yes"), .backUp(tree: "choose"),
                                   .declare(title: "again", severity: "SEV1"), .changeSeverity("SEV2")]
        for plan in plans {
            commands += [.startProcedure(plan), .completeProcedure(plan), .overrideApprovals(procedure: plan, reason: "now")]
            for step in 1...4 {
                commands += [.startStep(procedure: plan, step: step), .completeStep(procedure: plan, step: step),
                             .reopenStep(procedure: plan, step: step), .tick(procedure: plan, step: step, item: 1)]
            }
        }
        for _ in 0..<6 { commands.append(.retract(sequence: Int.random(in: 1...max(1, lastSequence + 1), using: &random), reason: "wrong")) }
        return commands
    }

    static func session(_ journal: String, live: Bool, checkpointAfter: Int = .max, at now: Instant) throws -> IncidentSession {
        try IncidentSession(store: JournalFileStore(path: journal, create: false, checkpointAfter: checkpointAfter), runbook: Fixtures.runbook(),
                            runbookPath: "drill.yaml", runbookBytes: Array(Fixtures.yaml.utf8), operator: "ada",
                            clock: VirtualClock(start: now), create: false, live: live)
    }

    static func sessionCheckpoint(_ journal: String) -> String { JournalCheckpoint.Kind.session.path(forJournal: journal) }

    /// Everything a console reads from its session is the full session's.
    static func expectSame(_ live: IncidentSession, _ full: IncidentSession, _ times: [Instant], _ what: String,
                           _ random: inout SeededGenerator, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(Array(live.events) == Array(full.events), "\(what): the timeline", sourceLocation: sourceLocation)
        #expect(live.events.count == full.events.count && live.events.last == full.events.last, "\(what)", sourceLocation: sourceLocation)
        #expect(live.issues == full.issues && live.header == full.header, "\(what): issues and header", sourceLocation: sourceLocation)
        #expect(live.state.lastSequence == full.state.lastSequence && live.state.eventCount == full.state.eventCount, "\(what)",
                sourceLocation: sourceLocation)
        let runbook = try Fixtures.runbook()
        let engine = Engine(runbook: runbook)
        for now in times where live.validFrom.map({ now >= $0 }) ?? true {
            #expect(shown(Status(runbook: runbook, state: live.state, at: now), incident: live.header.incident)
                    == shown(Status(runbook: runbook, state: full.state, at: now), incident: full.header.incident),
                    "\(what), at \(now)", sourceLocation: sourceLocation)
            for command in commands(lastSequence: full.state.lastSequence, &random) {
                let a = engine.decide(command, in: live.state, at: now, operator: "ada"), b = engine.decide(command, in: full.state, at: now, operator: "ada")
                #expect(String(describing: a) == String(describing: b), "\(what): \(command) at \(now)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func aLiveSessionIsTheFullSessionAtRandomCutsFromItsCheckpointOrWithout() throws {
        var random = SeededGenerator(state: 2_112)
        let directory = try RepoPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var resumed = 0, compacted = 0
        for round in 0..<40 {
            let lines = try StatusLineCheckpointTests.randomLines(count: Int.random(in: 5...700, using: &random), &random)
            let journal = "\(directory)/j\(round).jsonl"
            let cut = Int.random(in: 2...lines.count, using: &random)
            try CheckpointTests.write(lines.prefix(cut), to: journal)
            let late = Fixtures.t0.adding(seconds: lines.count * 40 + 60)
            // The first console folds the head and writes the session checkpoint.
            let first = try Self.session(journal, live: true, checkpointAfter: 1, at: late)
            try Self.expectSame(first, try Self.session(journal, live: false, at: late), [late], "round \(round), first", &random)
            let wrote = FileManager.default.fileExists(atPath: Self.sessionCheckpoint(journal))
            #expect(wrote == (first.events.count >= 1), "round \(round): a session checkpoint after \(first.events.count) events")
            // Other processes append the rest; the next console folds only those.
            try CheckpointTests.write(lines.dropFirst(cut), to: journal, append: true)
            let full = try Self.session(journal, live: false, at: late)
            let live = try Self.session(journal, live: true, at: late)
            let times = [late, late.adding(seconds: Int.random(in: 0...7_200, using: &random)), late.adding(seconds: 30 * 3_600)]
                + (live.validFrom.map { [$0, $0.adding(seconds: 1)] } ?? [])
            try Self.expectSame(live, full, times, "round \(round), cut \(cut)", &random)
            if wrote { resumed += 1 }
            if live.state != full.state { compacted += 1 }
            // Without the checkpoint, from the journal's start.
            try FileManager.default.removeItem(atPath: Self.sessionCheckpoint(journal))
            try Self.expectSame(try Self.session(journal, live: true, at: late), full, times, "round \(round), no checkpoint", &random)
        }
        #expect(resumed > 30 && compacted > 20, "\(resumed) sessions resumed from a checkpoint, \(compacted) of 40 with a compacted state")
    }

    @Test func aLiveSessionThatWritesStaysTheFullSessionAndRetractsWithTheHistoryFromTheFile() throws {
        var random = SeededGenerator(state: 77)
        let directory = try RepoPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let journal = "\(directory)/j.jsonl"
        // Long enough that the history reads most events back from the file.
        var lines = try StatusLineCheckpointTests.randomLines(count: 1_500, &random)
        lines.removeAll { $0.contains("\"event_retracted\"") }
        try CheckpointTests.write(lines, to: journal)
        let late = Fixtures.t0.adding(seconds: lines.count * 40 + 60)
        let live = try Self.session(journal, live: true, checkpointAfter: 500, at: late)
        #expect(live.state.notes.isEmpty && live.events.count > 1_000)
        // Its own commands, a retraction of an early note (the fold again reads the journal), more notes.
        let early = try #require(live.events.first { if case .noteAdded = $0.kind { return true } else { return false } })
        for index in 0..<700 {
            let command: Command = index == 350 ? .retract(sequence: early.sequence, reason: "wrong") : .note("note \(index)")
            guard case .accepted = live.submit(command, operator: "ada") else {
                Issue.record("\(command) refused")
                return
            }
        }
        #expect(live.state.isVoid(early.sequence))
        let full = try Self.session(journal, live: false, at: late)
        try Self.expectSame(live, full, [late, late.adding(seconds: 3_600)], "after writing", &random)
        // What it wrote is in its session checkpoint: the next console resumes from it.
        let next = try Self.session(journal, live: true, at: late)
        try Self.expectSame(next, full, [late], "resumed after writing", &random)
    }

    @Test func aSessionCheckpointThatDoesNotMatchTheJournalOrWhoseIndexDoesNotIsIgnored() throws {
        var random = SeededGenerator(state: 5)
        let directory = try RepoPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let journal = "\(directory)/j.jsonl"
        let lines = try StatusLineCheckpointTests.randomLines(count: 600, &random).filter { !$0.contains("\"event_retracted\"") }
        try CheckpointTests.write(lines, to: journal)
        let late = Fixtures.t0.adding(seconds: lines.count * 40 + 60)
        _ = try Self.session(journal, live: true, checkpointAfter: 1, at: late)
        let file = try JournalFile(path: journal, access: .read)
        let found = try #require(JournalCheckpoint.load(path: Self.sessionCheckpoint(journal), for: file, kind: .session))
        let index = try #require(found.timeline)
        let full = try Self.session(journal, live: false, at: late)

        // Forged: an index whose blocks start one line late (ordered, and checksummed as the real one).
        var forged = found
        var shifted = index
        shifted.starts = index.starts.map { start in
            let bytes = (try? Data(contentsOf: URL(fileURLWithPath: journal))) ?? Data()
            return (bytes[start...].firstIndex(of: 0x0A) ?? start) + 1
        }
        shifted.starts[shifted.starts.count - 1] = min(shifted.starts[shifted.starts.count - 1], index.end - 1)
        forged.timeline = shifted
        // And a state that is not the journal's (no declaration): used, it would show.
        forged.state = IncidentState()
        forged.state.lastSequence = found.state.lastSequence
        forged.state.eventCount = found.state.eventCount
        #expect(forged.write(to: Self.sessionCheckpoint(journal)))
        #expect(JournalCheckpoint.load(path: Self.sessionCheckpoint(journal), for: file, kind: .session) != nil, "the forged checkpoint loads")
        let fromForged = try Self.session(journal, live: true, at: late)
        try Self.expectSame(fromForged, full, [late], "forged index", &random)
        #expect(fromForged.state.declaration != nil || full.state.declaration == nil, "the forged state is not used")

        // Stale: the journal's last folded line rewritten (same length, other bytes).
        _ = try Self.session(journal, live: true, checkpointAfter: 1, at: late)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: journal))
        let lastLine = try #require(bytes.dropLast().lastIndex(of: 0x0A)) + 1
        let at = try #require(bytes[lastLine...].firstIndex(of: UInt8(ascii: "o")))
        bytes[at] = UInt8(ascii: "O")
        try bytes.write(to: URL(fileURLWithPath: journal))
        let rewritten = try JournalFile(path: journal, access: .read)
        #expect(JournalCheckpoint.load(path: Self.sessionCheckpoint(journal), for: rewritten, kind: .session) == nil)
        try Self.expectSame(try Self.session(journal, live: true, at: late), try Self.session(journal, live: false, at: late), [late],
                            "stale", &random)

        // Not a session checkpoint: the whole-state and the status-line ones are never read as one.
        try FileManager.default.removeItem(atPath: Self.sessionCheckpoint(journal))
        _ = try JournalReader.readLatest(path: journal, checkpoint: Self.sessionCheckpoint(journal), refreshAfter: 0)
        #expect(JournalCheckpoint.load(path: Self.sessionCheckpoint(journal), for: rewritten, kind: .session) == nil)
        try Self.expectSame(try Self.session(journal, live: true, at: late), try Self.session(journal, live: false, at: late), [late],
                            "a whole-state checkpoint in its place", &random)
    }

    @Test func aLongJournalsHistoryHoldsOnlyItsIndexAndAFewBlocks() throws {
        var random = SeededGenerator(state: 8)
        let directory = try RepoPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let journal = "\(directory)/j.jsonl"
        let lines = try StatusLineCheckpointTests.randomLines(count: 5_000, &random).filter { !$0.contains("\"event_retracted\"") }
        try CheckpointTests.write(lines, to: journal)
        let late = Fixtures.t0.adding(seconds: lines.count * 40 + 60)
        let live = try Self.session(journal, live: true, at: late)
        let full = try Self.session(journal, live: false, at: late)
        #expect(live.events.completeIndex?.count == full.events.count, "every event is on file, none held")
        // Rows read in any order are the journal's.
        for _ in 0..<300 {
            let position = Int.random(in: 0..<full.events.count, using: &random)
            #expect(live.events[position] == full.events[position])
        }
        // The compacted state holds no note and at most the last ten minutes of updates and pages.
        #expect(live.state.notes.isEmpty && full.state.notes.count > 300)
        let kept = live.state.communications.values.reduce(0) { $0 + $1.count }, all = full.state.communications.values.reduce(0) { $0 + $1.count }
        #expect(kept < all / 20, "\(kept) of \(all) updates sent kept")
    }

    /// A filtered history on file is the filtered array, however the filter was typed: key by
    /// key (each key tested on the matches of the one before), backspaced (the kept matches of
    /// an earlier key), another filter between, and events added after the first filtering.
    @Test func aFilteredHistoryOnFileIsTheFilteredArrayHoweverTheFilterIsTyped() throws {
        var random = SeededGenerator(state: 9)
        let directory = try RepoPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let journal = "\(directory)/j.jsonl"
        let lines = try StatusLineCheckpointTests.randomLines(count: 3_000, &random).filter { !$0.contains("\"event_retracted\"") }
        try CheckpointTests.write(lines, to: journal)
        let late = Fixtures.t0.adding(seconds: lines.count * 40 + 60)
        let live = try Self.session(journal, live: true, at: late)
        let all = Array(live.events)
        #expect(live.events.completeIndex != nil, "the events are read back from the file")
        // A filter is the text of the event's kind and its operator containing every word.
        func isMatch(_ filter: String) -> (Event) -> Bool {
            let words = filter.split(separator: " ")
            return { event in words.allSatisfy { "\(event.kind) \(event.operator)".contains($0) } }
        }
        func narrows(_ filter: String) -> (String) -> Bool { { filter.hasPrefix($0) } }
        var typed: [String] = []
        for filter in ["s", "st", "ste", "step", "step ", "step d", "ste", "note", "step d", "stepD", "s"] {
            let found = live.events.filter(key: filter, narrowing: narrows(filter), isMatch(filter))
            #expect(Array(found) == all.filter(isMatch(filter)), "\(typed + [filter])")
            typed.append(filter)
        }
        // A narrowing that is wrong (it claims a new key's matches lie within those of "s",
        // kept) shows that the earlier matches are what is tested, not every event.
        let wrong = live.events.filter(key: "note, again", narrowing: { $0 == "s" }, isMatch("note"))
        #expect(Array(wrong) == all.filter { isMatch("s")($0) && isMatch("note")($0) })
        #expect(all.filter(isMatch("note")).count > Array(wrong).count, "some notes have no s in their text")
        // Events added after filtering are tested too; a copy is a value.
        var grown = live.events
        let extra = Event(sequence: (all.last?.sequence ?? 0) + 1, at: late, operator: "ada", kind: .noteAdded(text: "step by step"))
        grown.append(extra)
        let filteredGrown = grown.filter(key: "step", narrowing: narrows("step"), isMatch("step"))
        #expect(Array(filteredGrown) == (all + [extra]).filter(isMatch("step")))
        #expect(filteredGrown.completeIndex == nil, "a selection is never written as a checkpoint's index")
    }
}
