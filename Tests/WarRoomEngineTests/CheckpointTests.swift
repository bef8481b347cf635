import Foundation
import Testing
import WarRoomTestSupport
@testable import WarRoomEngine

/// The journal checkpoint is a cache: folding from it plus the tail gives exactly the full
/// fold's answer, and a checkpoint that does not match the journal (stale, damaged, forged,
/// another file) is never used.
@Suite struct CheckpointTests {
    /// A random event of any kind (ids from small sets, so plans, steps and trees repeat).
    static func randomKind(_ random: inout SeededGenerator) -> EventKind {
        let plan = ["app-rollback", "db-restore", "failover"].randomElement(using: &random)!
        let step = Int.random(in: 1...6, using: &random)
        let text = ["on track", "é 🚨 \"quoted\"", "replica lag 120 ms", ""].randomElement(using: &random)! + String(Int.random(in: 0...99, using: &random))
        switch Int.random(in: 0..<22, using: &random) {
        case 0: return .incidentDeclared(title: text, severity: "SEV\(step % 3 + 1)")
        case 1: return .severityChanged(from: "SEV1", to: "SEV\(step % 3 + 1)")
        case 2: return .triggerFired(trigger: "trigger-\(step)")
        case 3: return .decisionAnswered(tree: "tree-\(step % 2)", node: "n\(step)", answer: "YES", leadsTo: "n\(step + 1)", outcome: step == 6)
        case 4: return .decisionReverted(tree: "tree-\(step % 2)", node: "n\(step)")
        case 5: return .procedureStarted(procedure: plan)
        case 6: return .procedureCompleted(procedure: plan)
        case 7: return .procedureAbandoned(procedure: plan, reason: text)
        case 8: return .stepStarted(procedure: plan, step: step)
        case 9: return .stepDone(procedure: plan, step: step)
        case 10: return .stepSkipped(procedure: plan, step: step, reason: text)
        case 11: return .stepFailed(procedure: plan, step: step, reason: text)
        case 12: return .stepReopened(procedure: plan, step: step)
        case 13: return .checklistTicked(procedure: plan, step: step, item: step % 3 + 1)
        case 14: return .approvalRecorded(approver: "cto", subject: plan)
        case 15: return .communicationSent(audience: "audience-\(step % 2)", channel: "Slack", text: text)
        case 16: return .contactPaged(contact: "dba", target: step % 2 == 0 ? .primary : .backup, person: "Ada")
        case 17: return .noteAdded(text: text)
        case 18: return .incidentResolved(outcome: text)
        case 19: return .incidentRetitled(title: text)
        case 20: return .recoveryPointRecorded(at: Instant(seconds: 1_795_500_000 + Int64(step)), note: text)
        default: return .roleAssigned(role: ["IC", "scribe"].randomElement(using: &random)!, person: text)
        }
    }

    /// The lines of a random journal: a header, then events, with now and then a line no
    /// reader takes (garbage, a sequence out of order, a blank line).
    static func randomLines(count: Int, _ random: inout SeededGenerator) throws -> [String] {
        let runbook = try DefaultRunbook.load()
        let start = Instant(seconds: 1_795_510_800)
        var lines = [JournalHeader(incident: "INC-CHECKPOINT", runbook: runbook, path: RunbookSource.embeddedPrefix + DefaultRunbook.fileName,
                                   bytes: DefaultRunbook.bytes, openedAt: start, openedBy: "test").line]
        var sequence = 0
        for _ in 0..<count {
            switch Int.random(in: 0..<40, using: &random) {
            case 0: lines.append("{not json")
            case 1: lines.append(EventJSON.line(Event(sequence: max(1, sequence), at: start, operator: "x", kind: .noteAdded(text: "again"))))
            case 2: lines.append("")
            case 3...5:
                // Corrections: a retraction of an earlier event (before or after the checkpoint), a reopening, an override.
                sequence += 1
                let kinds: [EventKind] = [.eventRetracted(sequence: Int.random(in: 1...sequence, using: &random), reason: "wrong"),
                                          .incidentReopened(reason: "not fixed"),
                                          .approvalOverridden(procedure: "db-restore", missing: ["cto"], reason: "outage")]
                lines.append(EventJSON.line(Event(sequence: sequence, at: start.adding(seconds: sequence * 7), operator: "ada",
                                                  kind: kinds[Int.random(in: 0..<3, using: &random)])))
            default:
                sequence += 1
                let op = ["ada", "bob", "cy"].randomElement(using: &random)!
                lines.append(EventJSON.line(Event(sequence: sequence, at: start.adding(seconds: sequence * 7), operator: op, kind: randomKind(&random))))
            }
        }
        return lines
    }

    static func write(_ lines: some Sequence<String>, to path: String, append: Bool = false) throws {
        let text = lines.map { $0 + "\n" }.joined()
        if append, let handle = FileHandle(forWritingAtPath: path) {
            handle.seekToEndOfFile()
            handle.write(Data(text.utf8))
            try handle.close()
        } else {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        }
    }

    static func expectSame(_ cached: JournalReader.Contents, _ full: JournalReader.Contents, _ comment: Comment) {
        #expect(cached.state == full.state, comment)
        #expect(cached.issues == full.issues, comment)
        #expect(cached.eventCount == full.eventCount, comment)
        #expect(cached.header == full.header, comment)
    }

    static func checkpointLoads(journal: String) throws -> Bool {
        let file = try JournalFile(path: journal, access: .read)
        return JournalCheckpoint.load(path: JournalCheckpoint.path(forJournal: journal), for: file) != nil
    }

    @Test func checkpointPlusTailEqualsFullFoldAtRandomCuts() throws {
        var random = SeededGenerator(state: 14)
        let directory = try RepoPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for round in 0..<30 {
            let lines = try Self.randomLines(count: Int.random(in: 5...200, using: &random), &random)
            let journal = "\(directory)/j\(round).jsonl"
            let cut = Int.random(in: 2...lines.count, using: &random)
            try Self.write(lines.prefix(cut), to: journal)
            // A reader that has just folded writes the checkpoint; the answer is the full fold's.
            let first = try JournalReader.readLatest(path: journal, refreshAfter: 0)
            Self.expectSame(first, try JournalReader.read(path: journal), "round \(round), cut \(cut), first read")
            // Cut at a line that holds no event (the header only, say): there may be no checkpoint.
            let written = try Self.checkpointLoads(journal: journal)
            #expect(written == (cut >= 2), "round \(round): checkpoint after \(cut) lines")
            // Other processes append the rest (sometimes with a torn last line); the reader folds
            // only the tail and must get the full fold's answer.
            try Self.write(lines.dropFirst(cut), to: journal, append: true)
            if round % 5 == 0, let handle = FileHandle(forWritingAtPath: journal) {
                handle.seekToEndOfFile()
                handle.write(Data("{\"seq\":".utf8))
                try handle.close()
            }
            #expect(try Self.checkpointLoads(journal: journal) == written, "round \(round): the checkpoint still matches after appends")
            let cached = try JournalReader.readLatest(path: journal, refreshAfter: .max)
            Self.expectSame(cached, try JournalReader.read(path: journal), "round \(round), cut \(cut), from the checkpoint")
        }
    }

    /// A journal with a checkpoint after its first `cut` lines and the rest appended.
    static func journalWithCheckpoint(_ directory: String, _ name: String, seed: UInt64) throws -> (journal: String, lines: [String]) {
        var random = SeededGenerator(state: seed)
        let lines = try randomLines(count: 120, &random)
        let journal = "\(directory)/\(name).jsonl"
        try write(lines.prefix(80), to: journal)
        _ = try JournalReader.readLatest(path: journal, refreshAfter: 0)
        try write(lines.dropFirst(80), to: journal, append: true)
        #expect(try checkpointLoads(journal: journal))
        return (journal, lines)
    }

    /// Rewrites the checkpoint's first (identity) line through `change`, keeping its state.
    static func editMeta(_ journal: String, _ change: (inout [(String, JSONValue)]) -> Void) throws {
        let path = JournalCheckpoint.path(forJournal: journal)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let newline = try #require(bytes.firstIndex(of: 0x0A))
        guard case .object(var members) = try JSONParser.parse(String(decoding: bytes[..<newline], as: UTF8.self)) else {
            Issue.record("the checkpoint's first line is not an object")
            return
        }
        change(&members)
        let edited = Array(JSONWriter.encode(.object(members)).utf8) + bytes[newline...]
        try Data(edited).write(to: URL(fileURLWithPath: path))
    }

    static func set(_ key: String, _ value: JSONValue) -> (inout [(String, JSONValue)]) -> Void {
        { members in
            guard let index = members.firstIndex(where: { $0.0 == key }) else { return }
            members[index].1 = value
        }
    }

    @Test func staleOrForgedCheckpointsAreIgnoredAndRebuilt() throws {
        let directory = try RepoPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let checkpointPath = { (journal: String) in JournalCheckpoint.path(forJournal: journal) }
        let faults: [(String, (String, [String]) throws -> Void)] = [
            ("another file at the path (new inode, same bytes)", { journal, _ in
                // Written beside and renamed over, so the inode is a new one (not the old one reused).
                try Data(contentsOf: URL(fileURLWithPath: journal)).write(to: URL(fileURLWithPath: journal + ".new"))
                try #require(rename(journal + ".new", journal) == 0)
            }),
            ("other bytes in the last folded line, same inode", { journal, lines in
                let handle = try #require(FileHandle(forUpdatingAtPath: journal))
                let offset = lines.prefix(79).map { $0.utf8.count + 1 }.reduce(0, +)
                handle.seek(toFileOffset: UInt64(offset))
                handle.write(Data("{\"x\":1".utf8))
                try handle.close()
            }),
            ("the journal cut short before the checkpoint's end", { journal, lines in
                let length = lines.prefix(40).map { $0.utf8.count + 1 }.reduce(0, +)
                try #require(truncate(journal, off_t(length)) == 0)
            }),
            ("another header (other incident)", { journal, lines in
                var edited = lines
                edited[0] = edited[0].replacingOccurrences(of: "INC-CHECKPOINT", with: "INC-CHECKPOINX")
                let handle = try #require(FileHandle(forUpdatingAtPath: journal))
                handle.write(Data((edited[0] + "\n").utf8))
                try handle.close()
            }),
            ("another format", { journal, _ in try Self.editMeta(journal, Self.set("format", .int(JournalCheckpoint.format + 1))) }),
            ("another state schema", { journal, _ in try Self.editMeta(journal, Self.set("schema", .string("v0:declaration"))) }),
            ("another inode named", { journal, _ in try Self.editMeta(journal, Self.set("inode", .string("1"))) }),
            ("an end moved to another line", { journal, lines in
                try Self.editMeta(journal, Self.set("end", .int(lines.prefix(60).map { $0.utf8.count + 1 }.reduce(0, +))))
            }),
            ("a forged state (a note changed, checksum left)", { journal, _ in
                let path = checkpointPath(journal)
                var text = try String(contentsOfFile: path, encoding: .utf8)
                let meta = try #require(text.firstIndex(of: "\n"))
                let forged = text[meta...].replacingOccurrences(of: "on track", with: "ON TRACK")
                text = String(text[..<meta]) + forged
                try text.write(toFile: path, atomically: false, encoding: .utf8)
            }),
            ("a checkpoint cut short", { journal, _ in
                let path = checkpointPath(journal)
                let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
                try bytes.prefix(bytes.count * 2 / 3).write(to: URL(fileURLWithPath: path))
            }),
            ("garbage", { journal, _ in try Data("garbage\n{}".utf8).write(to: URL(fileURLWithPath: checkpointPath(journal))) }),
        ]
        for (index, (name, fault)) in faults.enumerated() {
            let (journal, lines) = try Self.journalWithCheckpoint(directory, "fault\(index)", seed: UInt64(100 + index))
            try fault(journal, lines)
            #expect(try !Self.checkpointLoads(journal: journal), "\(name): detected")
            let full = try JournalReader.read(path: journal)
            Self.expectSame(try JournalReader.readLatest(path: journal, refreshAfter: 0), full, "\(name): the full fold's answer")
            // Rebuilt: the fresh checkpoint matches and gives the same answer again.
            #expect(try Self.checkpointLoads(journal: journal), "\(name): rebuilt")
            Self.expectSame(try JournalReader.readLatest(path: journal, refreshAfter: .max), full, "\(name): from the rebuilt checkpoint")
        }
    }

    /// The schema a checkpoint names is written out (reflection was slow); it must still
    /// name every stored field, or a build with other fields would decode an older state.
    @Test func writtenSchemaNamesEveryStoredField() {
        #expect(IncidentStateEncoding.schema == IncidentStateEncoding.reflectedSchema)
    }

    @Test func encodedStateRoundTrips() throws {
        var random = SeededGenerator(state: 7)
        var state = IncidentState()
        for sequence in 1...200 {
            state.apply(Event(sequence: sequence, at: Instant(seconds: Int64(sequence)), operator: "ada", kind: Self.randomKind(&random)))
        }
        let bytes = try IncidentStateEncoding.encode(state)
        #expect(IncidentStateEncoding.decode(bytes[...]) == state)
        #expect(IncidentStateEncoding.decode(bytes.dropLast(3)) == nil)
    }
}
