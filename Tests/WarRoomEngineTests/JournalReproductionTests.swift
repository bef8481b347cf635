import Foundation
import Testing
import WarRoomTestSupport
@testable import WarRoomEngine

/// The seven ways the journal broke (issue 9), each reproduced as it was found: with the
/// built `warroom`, real files and real commands.
@Suite(.serialized) struct JournalReproductionTests {
    /// 1. A torn last line that is complete JSON (`truncate -s -1`), then an append and a replay.
    @Test func tornTailThatIsCompleteJSONIsNeverAnEvent() throws {
        let journal = try declaredJournal()
        let first = try ProcessRunner.run(["headless", "--journal", journal], input: "note kept\nnote torn\n")
        #expect(first.status == 0)
        #expect(truncate(journal, off_t(fileSize(journal) - 1)) == 0)   // the last newline is gone
        let append = try ProcessRunner.run(["headless", "--journal", journal], input: "note acknowledged\n")
        #expect(append.stderr.contains(":4: warning: torn last line"), "\(append.stderr)")
        let ack = try #require(acknowledged(append.stdout.trimmingCharacters(in: .newlines)))
        #expect(ack.sequence == 3 && ack.text == "acknowledged")
        let replay = try ProcessRunner.run(["replay", journal, "--format", "json"])
        #expect(replay.status == 0 && replay.stderr.isEmpty, "\(replay.stderr)")
        let back = try ReadBack(journal)
        back.expectKeeps([1: "", 2: "kept", 3: "acknowledged"], sent: ["kept", "torn", "acknowledged"], "torn tail")
        #expect(back.events.map(\.text) == ["", "kept", "acknowledged"] && back.issues.isEmpty)
    }

    /// 2. An event longer than the readers' line limit is refused before it is written.
    @Test func overLongEventIsRefusedWithTheLimit() throws {
        let journal = try declaredJournal()
        let before = fileSize(journal)
        let result = try ProcessRunner.run(["headless", "--journal", journal], input: "note " + String(repeating: "x", count: 2_000_000) + "\nnote short\n")
        let answers = result.stdout.split(separator: "\n").map(String.init)
        #expect(answers.count == 2)
        #expect(answers.first?.contains(#""ok":false"#) == true && answers.first?.contains("over the limit of 1048576 bytes (1 MiB)") == true, "\(answers.first?.prefix(300) ?? "")")
        #expect(acknowledged(answers.last ?? "")?.sequence == 2)
        #expect(fileSize(journal) < before + 1_000)
        // A line of exactly the limit is written and read back; one byte more is refused.
        let fixture = try JournalFixture()
        let session = try fixture.session()
        session.expectAccepted(.declare(title: "x", severity: "SEV1"))
        let exact = noteText(lineLength: JournalLine.maximumLength + 1, sequence: 2, operator: "alice", prefix: "exact-")
        #expect(session.expectAccepted(.note(exact))?.sequence == 2)
        guard case .refused(let refusal) = session.submit(.note(exact + "y"), operator: "alice") else {
            Issue.record("a line one byte over the limit was not refused"); return
        }
        #expect(refusal.reason.contains("journal line of 1048577 bytes") && refusal.reason.contains("by at least 1 bytes"))
        #expect(try ReadBack(fixture.path).events.last?.text == exact)
    }

    /// 3. A failed fsync leaves nothing readable as an event (see also FaultInjectionTests).
    @Test func failedFsyncLeavesNothingReadable() throws {
        let fixture = try JournalFixture()
        let session = try fixture.session(sync: fsyncFailing { $0 >= 3 })
        session.expectAccepted(.declare(title: "x", severity: "SEV1"))
        let before = fileSize(fixture.path)
        guard case .failed = session.submit(.note("told it failed"), operator: "alice") else { Issue.record("expected a failure"); return }
        #expect(fileSize(fixture.path) == before)
        try Fixtures.yaml.write(toFile: fixture.directory + "/drill.yaml", atomically: false, encoding: .utf8)
        let replay = try ProcessRunner.run(["replay", fixture.path])
        #expect(replay.status == 0 && replay.stdout.contains("Timeline (1 events)") && !replay.stdout.contains("told it failed"), "\(replay.stdout) \(replay.stderr)")
        #expect(try ReadBack(fixture.path).events.count == 1)
    }

    /// 4. The journal deleted under a session: it notices on refresh, stops acknowledging,
    /// and saves what it had (headless and console: FaultInjectionTests, the end-to-end tests).
    @Test func deletedJournalIsNoticedOnRefreshAndSaved() throws {
        let fixture = try JournalFixture()
        let session = try fixture.session()
        session.expectAccepted(.declare(title: "x", severity: "SEV1"))
        session.expectAccepted(.note("acknowledged"))
        try FileManager.default.removeItem(atPath: fixture.path)
        #expect(throws: JournalError.self) { try session.refresh() }
        let fault = try #require(session.fault)
        #expect(fault.readOnly && fault.headline == "JOURNAL DELETED OR MOVED")
        let copy = try #require(fault.savedCopy)
        #expect(copy == fixture.directory + "/incident.recovered.jsonl" && fault.nextCommand == "warroom resume \(copy)")
        #expect(try ReadBack(copy).events.map(\.text) == ["", "acknowledged"])
        let mode = try FileManager.default.attributesOfItem(atPath: copy)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        guard case .failed(let error) = session.submit(.note("after"), operator: "alice") else { Issue.record("acknowledged into a deleted journal"); return }
        #expect(error.kind == .vanished && error.message.contains("this session is read-only"))
        #expect(!FileManager.default.fileExists(atPath: fixture.path))
        // The copy resumes: a new session on it appends the next event.
        let resumed = try IncidentSession(journal: copy, runbook: fixture.runbook, runbookPath: "drill.yaml", runbookBytes: fixture.bytes,
                                          operator: "alice", clock: VirtualClock(start: Fixtures.t0))
        #expect(resumed.expectAccepted(.note("resumed"))?.sequence == 3)
    }

    /// 5. A symbolic link as the journal is refused and its target never touched; readers may follow it.
    @Test func symlinksAreNeverWrittenThrough() throws {
        let directory = try RepoPaths.temporaryDirectory()
        let journal = try declaredJournal(in: directory)
        let targets: [(String, Data?)] = [
            ("notes.txt", Data("precious, not a journal".utf8)),   // not a journal, no newline
            ("empty.txt", Data()),                                 // empty: would be given a header
            ("journal.jsonl", try Data(contentsOf: URL(fileURLWithPath: journal))),
            ("missing.jsonl", nil),                                // a dangling link
        ]
        for (name, contents) in targets {
            let target = directory + "/" + name
            if let contents, name != "journal.jsonl" { #expect(FileManager.default.createFile(atPath: target, contents: contents, attributes: [.posixPermissions: 0o644])) }
            let link = directory + "/link-" + name
            let destination = name == "journal.jsonl" ? journal : target
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: destination)
            let result = try ProcessRunner.run(["headless", "--journal", link, "--operator", "eve"], input: "note through the link\n")
            #expect(result.status == 2, "\(name): exit \(result.status)")
            #expect(result.stderr.contains("is a symbolic link; warroom does not write a journal through a link"), "\(result.stderr)")
            if let contents { #expect(try Data(contentsOf: URL(fileURLWithPath: destination)) == contents, "\(name) was changed") }
            else { #expect(!FileManager.default.fileExists(atPath: target), "a file was created at the link's target") }
        }
        // Reading through a link is harmless: replay follows it.
        let replay = try ProcessRunner.run(["replay", directory + "/link-journal.jsonl"])
        #expect(replay.status == 0 && replay.stdout.contains("fault drill"))
        let created = try declaredJournal(named: "created.jsonl", in: directory)
        #expect(try FileManager.default.attributesOfItem(atPath: created)[.posixPermissions] as? Int == 0o600)
    }

    /// 6. A sequence number near 2^63 never crashes a writer or a reader.
    @Test(arguments: ["9223372036854775807", "9223372036854775806", "9007199254740992", "99999999999999999999", "1e300"])
    func hugeSequenceNumbersAreRefusedAtParse(sequence: String) throws {
        let journal = try declaredJournal()
        let line = #"{"seq":\#(sequence),"at":"2026-11-24T09:00:00.000Z","operator":"eve","type":"note_added","payload":{"text":"hostile"}}"# + "\n"
        let handle = try #require(FileHandle(forWritingAtPath: journal))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(line.utf8))
        try handle.close()
        let append = try ProcessRunner.run(["headless", "--journal", journal], input: "note after\n")
        #expect(append.status == 0, "\(append.stderr)")
        #expect(append.stderr.contains(":3: warning:") && append.stderr.contains("\"seq\""), "\(append.stderr)")
        #expect(acknowledged(append.stdout.trimmingCharacters(in: .newlines))?.sequence == 2)
        for command in [["replay", journal], ["status", journal], ["report", journal]] {
            let result = try ProcessRunner.run(command)
            #expect(result.status == 0, "\(command[0]) exited \(result.status): \(result.stderr)")
        }
        #expect(try ReadBack(journal).events.map(\.text) == ["", "after"])
        // The largest allowed number is kept, and a writer then stops before passing it.
        let fixture = try JournalFixture()
        let session = try fixture.session()
        session.expectAccepted(.declare(title: "x", severity: "SEV1"))
        try fixture.append(#"{"seq":\#(JournalLine.maximumSequence),"at":"2026-11-24T09:00:00.000Z","operator":"eve","type":"note_added","payload":{"text":"last"}}"# + "\n")
        guard case .refused(let refusal) = session.submit(.note("one too many"), operator: "alice") else {
            Issue.record("a writer passed the largest sequence number"); return
        }
        #expect(refusal.reason.contains("used its last sequence number"))
    }

    /// 7a. A directory as the journal exits 2, for writers and readers.
    @Test func aDirectoryIsBadInput() throws {
        let directory = try RepoPaths.temporaryDirectory()
        for command in [["headless", "--journal", directory], ["replay", directory], ["status", directory]] {
            let result = try ProcessRunner.run(command, input: "declare SEV1 x\n")
            #expect(result.status == 2, "\(command[0]): \(result.status)")
            #expect(result.stderr.contains("is a directory; expected a journal file"), "\(result.stderr)")
        }
        // A named pipe neither hangs a reader nor a writer.
        let pipe = directory + "/pipe.jsonl"
        #expect(mkfifo(pipe, 0o600) == 0)
        for command in [["replay", pipe], ["headless", "--journal", pipe]] {
            let result = try ProcessRunner.run(command, input: "note x\n")
            #expect(result.status == 2 && result.stderr.contains("is not a regular file; expected a journal file"), "\(command[0]): \(result.stderr)")
        }
    }

    /// 7b. A read-only journal (a read-only mount; root ignores file modes) and an immutable
    /// one: writers say so at open and point to replay; readers read them.
    @Test(.enabled(if: SmallTmpfs.available, "needs root to mount a read-only tmpfs and set the immutable flag; skipped"))
    func readOnlyAndImmutableJournals() throws {
        let disk = try SmallTmpfs(kilobytes: 256)
        let journal = try declaredJournal(in: disk.directory)
        #expect(shell("mount -o remount,ro '\(disk.directory)'") == 0)
        defer { shell("mount -o remount,rw '\(disk.directory)'") }
        try expectReadOnly(journal, reason: "Read-only file system")
        #expect(shell("mount -o remount,rw '\(disk.directory)'") == 0)
        // chattr +i needs a file system that has the flag (not tmpfs): the test directory.
        let immutable = try declaredJournal()
        guard shell("chattr +i '\(immutable)'") == 0 else { return }
        defer { shell("chattr -i '\(immutable)'") }
        try expectReadOnly(immutable, reason: "Operation not permitted")
    }

    private func expectReadOnly(_ journal: String, reason: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let write = try ProcessRunner.run(["headless", "--journal", journal], input: "note x\n")
        #expect(write.status == 2 && write.stdout.isEmpty, sourceLocation: sourceLocation)
        #expect(write.stderr.contains("the journal is read-only (\(reason))") && write.stderr.contains("warroom replay \(journal)"), "\(write.stderr)",
                sourceLocation: sourceLocation)
        for command in [["replay", journal], ["status", journal], ["report", journal]] {
            let read = try ProcessRunner.run(command)
            #expect(read.status == 0, "\(command[0]) on a read-only journal: \(read.stderr)", sourceLocation: sourceLocation)
        }
    }

    /// 7c. A UTF-8 byte order mark before the header is named (and ignored).
    @Test func byteOrderMarkIsNamed() throws {
        let journal = try declaredJournal()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: journal))
        try (Data([0xEF, 0xBB, 0xBF]) + bytes).write(to: URL(fileURLWithPath: journal))
        let replay = try ProcessRunner.run(["replay", journal])
        #expect(replay.status == 0)
        #expect(replay.stderr.contains(":1: warning: a UTF-8 byte order mark (EF BB BF) before the header; ignored"), "\(replay.stderr)")
        try (bytes + Data([0xEF, 0xBB, 0xBF]) + Data("{}\n".utf8)).write(to: URL(fileURLWithPath: journal))
        let inside = try ProcessRunner.run(["replay", journal])
        #expect(inside.stderr.contains(":3: warning: not valid JSON (column 1: expected a value) (it starts with a UTF-8 byte order mark, EF BB BF); skipped"), "\(inside.stderr)")
    }

    /// 7d. Raw control bytes in a runbook are located by line and column.
    @Test func controlBytesInARunbookAreLocated() throws {
        let runbook = "format: 1\nid: ctl\ntitle: Control\nprocedures:\n  - id: p\n    title: P\n    steps:\n      - action: Re\u{1}start\n"
        let failure = #expect(throws: LoadFailure.self) { try RunbookLoader.load(text: runbook, file: "ctl.yaml") }
        let message = failure?.description ?? ""
        #expect(message.hasPrefix("ctl.yaml:8:19: error: YAML reader error: control characters are not allowed (byte 0x01 at line 8, column 19)"), "\(message)")
        #expect(!message.contains("at byte"))
    }
}
