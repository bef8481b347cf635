import Foundation
import Testing
import WarRoomTestSupport
@testable import WarRoomEngine

/// The status-line checkpoint (`JOURNAL.status-checkpoint`) holds a compacted state: the
/// status line derived from it and the lines after it is the full fold's at every instant it
/// covers (and `readForStatusLine` folds in full at any other), and a checkpoint that does
/// not match the journal, or is not a status-line one, is never used.
@Suite struct StatusLineCheckpointTests {
    /// A random event of the fixture runbook's plans, trees, audiences and triggers.
    static func randomKind(_ random: inout SeededGenerator) -> EventKind {
        let plan = ["app-rollback", "db-rollback", "app-rollback"].randomElement(using: &random)!
        let step = Int.random(in: 1...4, using: &random)
        let audience = ["execs", "staff", "status-page", "patients"].randomElement(using: &random)!
        let text = ["on track", "é 🚨 \"quoted\" #1", ""].randomElement(using: &random)! + String(Int.random(in: 0...99, using: &random))
        let contact = ["ic", "dba"].randomElement(using: &random)!
        switch Int.random(in: 0..<27, using: &random) {
        case 0: return .severityChanged(from: "SEV1", to: ["SEV1", "SEV2", "SEV#1"].randomElement(using: &random)!)
        case 1: return .triggerFired(trigger: ["error-rate", "data-loss"].randomElement(using: &random)!)
        case 2: return .decisionAnswered(tree: "choose", node: "schema", answer: "Yes", leadsTo: "corrupted", outcome: false)
        case 3: return .decisionAnswered(tree: "choose", node: "corrupted", answer: "No", leadsTo: ["app", "db"].randomElement(using: &random)!, outcome: true)
        case 4: return .decisionReverted(tree: "choose", node: "corrupted")
        case 5, 6: return .procedureStarted(procedure: plan)
        case 7: return .procedureCompleted(procedure: plan)
        case 8: return .procedureAbandoned(procedure: plan, reason: text)
        case 9, 10: return .stepStarted(procedure: plan, step: step)
        case 11: return .stepDone(procedure: plan, step: step)
        case 12: return .stepSkipped(procedure: plan, step: step, reason: text)
        case 13: return .stepFailed(procedure: plan, step: step, reason: text)
        case 14: return .stepReopened(procedure: plan, step: step)
        case 15: return .checklistTicked(procedure: plan, step: 2, item: Int.random(in: 1...3, using: &random))
        case 16: return .approvalRecorded(approver: "Ada, Incident Commander", subject: plan)
        case 17, 18, 19: return .communicationSent(audience: audience, channel: "Slack", text: text)
        case 20: return .noteAdded(text: text)
        case 21: return Int.random(in: 0..<3, using: &random) == 0 ? .incidentResolved(outcome: text) : .noteAdded(text: text)
        case 22: return .incidentRetitled(title: text)
        case 23: return .contactPaged(contact: contact, target: step % 2 == 0 ? .primary : .backup, person: "Ada")
        case 24: return .pageAcknowledged(contact: contact, person: "Ada")
        default: return .roleAssigned(role: "IC", person: text)
        }
    }

    /// A random journal of the fixture runbook: mostly a declaration first, events 40 s apart
    /// on average but sometimes stamped up to two minutes early (another writer's clock), now
    /// and then a correction (retraction, reopening) or a line no reader takes.
    static func randomLines(count: Int, _ random: inout SeededGenerator) throws -> [String] {
        let runbook = try Fixtures.runbook()
        let start = Fixtures.t0
        var lines = [JournalHeader(incident: "INC-#STATUS", runbook: runbook, path: "drill.yaml", bytes: Array(Fixtures.yaml.utf8),
                                   openedAt: start, openedBy: "test").line]
        var sequence = 0
        func event(_ kind: EventKind) -> String {
            sequence += 1
            let at = start.adding(seconds: sequence * 40 - Int.random(in: 0...120, using: &random) * (sequence > 3 ? 1 : 0))
            return EventJSON.line(Event(sequence: sequence, at: at, operator: ["ada", "bob"].randomElement(using: &random)!, kind: kind))
        }
        if Int.random(in: 0..<10, using: &random) > 0 { lines.append(event(.incidentDeclared(title: "Drill", severity: "SEV1"))) }
        for _ in 0..<count {
            switch Int.random(in: 0..<400, using: &random) {
            case 0: lines.append("{not json")
            case 1: lines.append(event(.eventRetracted(sequence: Int.random(in: 1...max(1, sequence), using: &random), reason: "wrong")))
            case 2...5: lines.append(event(.incidentReopened(reason: "not fixed")))
            default: lines.append(event(randomKind(&random)))
            }
        }
        return lines
    }

    /// What the status derived at `now` shows: the line (plain and for tmux), and the figures
    /// behind it (every audience's schedule, the plans, the attention list).
    static func shown(_ contents: JournalReader.Contents, _ runbook: Runbook, at now: Instant) -> [String] {
        let status = Status(runbook: runbook, state: contents.state, at: now)
        var shown = [StatusLine.render(status, incidentID: contents.header.incident),
                     StatusLine.render(status, incidentID: contents.header.incident, tmux: true)]
        for audience in status.audiences {
            shown.append("\(audience.id) last \(String(describing: audience.lastSent)) next \(String(describing: audience.nextDue)) "
                         + "in \(String(describing: audience.dueIn)) \(audience.reason ?? "-")")
        }
        shown.append("\(status.incident.phase) \(String(describing: status.incident.elapsed)) \(String(describing: status.incident.decidedProcedure))")
        shown += status.plans.map { "\($0.id) \($0.state) \($0.done)/\($0.total) \($0.steps.map { "\($0.state)\($0.overrun ?? -1)" })" }
        shown += status.attention.map(\.text)
        return shown
    }

    static func statusCheckpoint(_ journal: String) -> String { JournalCheckpoint.Kind.statusLine.path(forJournal: journal) }

    static func loadStatusCheckpoint(_ journal: String) throws -> JournalCheckpoint? {
        let file = try JournalFile(path: journal, access: .read)
        return JournalCheckpoint.load(path: statusCheckpoint(journal), for: file, kind: .statusLine)
    }

    @Test func statusFromTheCompactCheckpointEqualsTheFullFoldAtRandomCutsAndInstants() throws {
        var random = SeededGenerator(state: 1_414)
        let runbook = try Fixtures.runbook()
        let directory = try RepoPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var fromCheckpoint = 0, instants = 0
        for round in 0..<60 {
            let lines = try Self.randomLines(count: Int.random(in: 5...400, using: &random), &random)
            let journal = "\(directory)/j\(round).jsonl"
            let cut = Int.random(in: 2...lines.count, using: &random)
            try CheckpointTests.write(lines.prefix(cut), to: journal)
            let late = Fixtures.t0.adding(seconds: lines.count * 40 + 3_600)
            // The first reader folds the journal and writes the status-line checkpoint.
            let first = try JournalReader.readForStatusLine(path: journal, at: late, refreshAfter: 0, fullRefreshAfter: .max)
            #expect(Self.shown(first, runbook, at: late) == Self.shown(try JournalReader.read(path: journal), runbook, at: late), "round \(round), first read")
            let checkpoint = try Self.loadStatusCheckpoint(journal)
            #expect(checkpoint != nil, "round \(round): a checkpoint after \(cut) lines")
            #expect(!FileManager.default.fileExists(atPath: JournalCheckpoint.path(forJournal: journal)), "round \(round): no whole-state checkpoint asked for")
            // Other processes append the rest; every status line from the checkpoint is the full fold's.
            try CheckpointTests.write(lines.dropFirst(cut), to: journal, append: true)
            let full = try JournalReader.read(path: journal)
            var times = [Fixtures.t0, Fixtures.t0.adding(seconds: Int.random(in: 0...(lines.count * 40), using: &random)), late,
                         late.adding(seconds: Int.random(in: -7_200...7_200, using: &random)), late.adding(seconds: 30 * 3_600)]
            if let from = checkpoint?.validFrom { times += [from, from.adding(seconds: -1), from.adding(seconds: 1)] }
            for now in times {
                let cached = try JournalReader.readForStatusLine(path: journal, at: now, refreshAfter: .max, fullRefreshAfter: .max)
                #expect(Self.shown(cached, runbook, at: now) == Self.shown(full, runbook, at: now), "round \(round), cut \(cut), at \(now)")
                #expect(cached.eventCount == full.eventCount && cached.issues == full.issues && cached.header == full.header, "round \(round)")
                instants += 1
                if cached.state != full.state { fromCheckpoint += 1 }
            }
        }
        // The comparison above is of a compacted state in most cases, not of two full folds.
        #expect(fromCheckpoint > instants / 3, "\(fromCheckpoint) of \(instants) status lines came from a compacted state")
    }

    @Test func compactingKeepsTheStatusLineAndDropsTheHistory() throws {
        var random = SeededGenerator(state: 99)
        let runbook = try Fixtures.runbook()
        let lines = try Self.randomLines(count: 3_000, &random)
        let events = lines.dropFirst().compactMap { line -> Event? in
            guard let value = try? JSONParser.parse(line), let event = try? EventJSON.event(from: value) else { return nil }
            return event
        }
        let full = IncidentState.reduce(events)
        let compact = StatusLineState(compacting: full)
        #expect(compact.state.notes.isEmpty && full.notes.count > 20)
        #expect(compact.state.communications.values.allSatisfy { $0.count == 1 })
        #expect(compact.state.pages.count == Set(full.pages.map(\.contact)).count && full.pages.count > 20)
        let latest = try #require(events.map(\.at).max())
        for seconds in [0, 60, 3_600, 86_400] {
            let now = latest.adding(seconds: seconds)
            #expect(compact.covers(now))
            let contents = { (state: IncidentState) in
                JournalReader.Contents(header: try JournalHeader.parse(JSONParser.parse(lines[0])), state: state, issues: [], eventCount: 0)
            }
            #expect(Self.shown(try contents(compact.state), runbook, at: now) == Self.shown(try contents(full), runbook, at: now), "+\(seconds) s")
        }
        // Compacting again (a checkpoint folded on and written anew) keeps the earlier bound.
        #expect(StatusLineState(compacting: compact.state, validFrom: compact.validFrom).validFrom == compact.validFrom)
        #expect(StatusLineStateEncoding.decode(try #require(StatusLineStateEncoding.encode(compact.state, validFrom: compact.validFrom))[...]) == compact)
    }

    @Test func staleForgedOrForeignStatusCheckpointsAreIgnoredAndRebuilt() throws {
        let runbook = try Fixtures.runbook()
        let directory = try RepoPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let late = Fixtures.t0.adding(seconds: 400 * 40)
        /// A journal with a status-line checkpoint after its first 200 lines and the rest appended.
        func journal(_ name: String, seed: UInt64) throws -> (String, [String]) {
            var random = SeededGenerator(state: seed)
            let lines = try Self.randomLines(count: 300, &random).filter { !$0.contains("event_retracted") }
            let journal = "\(directory)/\(name).jsonl"
            try CheckpointTests.write(lines.prefix(200), to: journal)
            _ = try JournalReader.readForStatusLine(path: journal, at: late, refreshAfter: 0, fullRefreshAfter: 0)
            try CheckpointTests.write(lines.dropFirst(200), to: journal, append: true)
            #expect(try Self.loadStatusCheckpoint(journal) != nil, "\(name): written")
            return (journal, lines)
        }
        func replaceState(_ journal: String, _ change: (inout String) -> Void) throws {
            let path = Self.statusCheckpoint(journal)
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let meta = try #require(text.firstIndex(of: "\n"))
            var state = String(text[meta...])
            change(&state)
            try (String(text[..<meta]) + state).write(toFile: path, atomically: false, encoding: .utf8)
        }
        let faults: [(String, (String, [String]) throws -> Void)] = [
            ("the whole-state checkpoint in its place", { journal, _ in
                try #require(rename(JournalCheckpoint.path(forJournal: journal), Self.statusCheckpoint(journal)) == 0)
            }),
            ("another journal's status checkpoint (same bytes, other inode)", { journal, _ in
                let other = journal + ".copy"
                try FileManager.default.copyItem(atPath: journal, toPath: other)
                _ = try JournalReader.readForStatusLine(path: other, at: late, refreshAfter: 0)
                try #require(rename(Self.statusCheckpoint(other), Self.statusCheckpoint(journal)) == 0)
            }),
            ("the journal replaced by a copy (new inode)", { journal, _ in
                try Data(contentsOf: URL(fileURLWithPath: journal)).write(to: URL(fileURLWithPath: journal + ".new"))
                try #require(rename(journal + ".new", journal) == 0)
            }),
            ("other bytes in the last folded line", { journal, lines in
                let handle = try #require(FileHandle(forUpdatingAtPath: journal))
                handle.seek(toFileOffset: UInt64(lines.prefix(199).map { $0.utf8.count + 1 }.reduce(0, +)))
                handle.write(Data("{\"x\":1".utf8))
                try handle.close()
            }),
            ("the journal cut short", { journal, lines in
                try #require(truncate(journal, off_t(lines.prefix(100).map { $0.utf8.count + 1 }.reduce(0, +))) == 0)
            }),
            ("another compaction version", { journal, _ in
                let path = Self.statusCheckpoint(journal)
                var text = try String(contentsOfFile: path, encoding: .utf8)
                text = text.replacingOccurrences(of: "status-v\(StatusLineStateEncoding.version)/", with: "status-v0/")
                try text.write(toFile: path, atomically: false, encoding: .utf8)
            }),
            ("a forged valid-from (checksum left)", { journal, _ in
                try replaceState(journal) { state in
                    let forged = state.replacingOccurrences(of: "\"validFrom\":1", with: "\"validFrom\":9")
                    #expect(forged != state, "the checkpoint has a valid-from to forge")
                    state = forged
                }
            }),
            ("a forged send (checksum left)", { journal, _ in
                try replaceState(journal) { state in state = state.replacingOccurrences(of: "\"staff\"", with: "\"stafg\"") }
            }),
            ("a checkpoint cut short", { journal, _ in
                let path = Self.statusCheckpoint(journal)
                let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
                try bytes.prefix(bytes.count - 10).write(to: URL(fileURLWithPath: path))
            }),
        ]
        for (index, (name, fault)) in faults.enumerated() {
            let (journal, lines) = try journal("fault\(index)", seed: UInt64(500 + index))
            try fault(journal, lines)
            #expect(try Self.loadStatusCheckpoint(journal) == nil, "\(name): detected")
            let full = try JournalReader.read(path: journal)
            for now in [late, late.adding(seconds: 5_400)] {
                let read = try JournalReader.readForStatusLine(path: journal, at: now, refreshAfter: 0, fullRefreshAfter: .max)
                #expect(Self.shown(read, runbook, at: now) == Self.shown(full, runbook, at: now), "\(name): the full fold's status line")
            }
            // Rebuilt: the fresh checkpoint matches and gives the same status line again.
            #expect(try Self.loadStatusCheckpoint(journal) != nil, "\(name): rebuilt")
            let again = try JournalReader.readForStatusLine(path: journal, at: late, refreshAfter: .max, fullRefreshAfter: .max)
            #expect(again.state != full.state, "\(name): the rebuilt checkpoint is used")
            #expect(Self.shown(again, runbook, at: late) == Self.shown(full, runbook, at: late), "\(name): from the rebuilt checkpoint")
        }
    }
}
