import Foundation
import Testing
import WarRoomTestSupport
@testable import WarRoomEngine

/// Opens sessions on a journal in a fresh temporary directory.
struct JournalFixture {
    let directory: String
    let path: String
    let runbook: Runbook
    let bytes = Array(Fixtures.yaml.utf8)

    init() throws {
        directory = try RepoPaths.temporaryDirectory()
        path = directory + "/incident.jsonl"
        runbook = try Fixtures.runbook()
    }

    func session(clock: VirtualClock = VirtualClock(start: Fixtures.t0), create: Bool = true,
                 sync: @escaping JournalFile.Sync = JournalFile.defaultSync) throws(JournalError) -> IncidentSession {
        try IncidentSession(journal: path, runbook: runbook, runbookPath: "drill.yaml", runbookBytes: bytes,
                            operator: "alice", clock: clock, create: create, sync: sync)
    }

    func lines() throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    func append(_ text: String) throws {
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }
}

extension IncidentSession {
    @discardableResult
    func expectAccepted(_ command: Command, sourceLocation: SourceLocation = #_sourceLocation) -> Event? {
        switch submit(command, operator: "alice") {
        case .accepted(let event): return event
        case .refused(let refusal): Issue.record("refused: \(refusal)", sourceLocation: sourceLocation)
        case .failed(let error): Issue.record("failed: \(error)", sourceLocation: sourceLocation)
        }
        return nil
    }
}

@Suite struct JournalTests {
    @Test func createsWithHeaderMode0600AndAppendsNumberedEvents() throws {
        let fixture = try JournalFixture()
        let session = try fixture.session()
        session.expectAccepted(.declare(title: "Checkout errors", severity: "SEV1"))
        session.expectAccepted(.note("first \"quoted\"\nline"))
        let attributes = try FileManager.default.attributesOfItem(atPath: fixture.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let lines = try fixture.lines()
        #expect(lines.count == 4 && lines[3] == "")
        let header = try JSONParser.parse(lines[0])
        #expect(header["journal"]?.string == "warroom" && header["format"]?.int == 1)
        #expect(header["incident"]?.string == "INC-20261124-0900")
        #expect(header["runbook"]?["path"]?.string == "drill.yaml")
        #expect(header["runbook"]?["sha256"]?.string == SHA256.hex(fixture.bytes))
        #expect(header["opened_at"]?.string == "2026-11-24T09:00:00.000Z" && header["opened_by"]?.string == "alice")
        #expect(lines[1] == #"{"seq":1,"at":"2026-11-24T09:00:00.000Z","operator":"alice","type":"incident_declared","payload":{"title":"Checkout errors","severity":"SEV1"}}"#)
        #expect(lines[2].contains(#""seq":2"#) && lines[2].contains(#""text":"first \"quoted\"\nline""#))
    }

    @Test func reopeningRestoresTheState() throws {
        let fixture = try JournalFixture()
        var clock = VirtualClock(start: Fixtures.t0)
        do {
            let session = try fixture.session(clock: clock)
            session.expectAccepted(.declare(title: "x", severity: "SEV1"))
            clock.advance(by: 60)
            session.clock = clock
            session.expectAccepted(.startProcedure("app-rollback"))
            session.expectAccepted(.startStep(procedure: "app-rollback", step: 1))
        }
        let again = try fixture.session(clock: clock)
        #expect(again.state.plans["app-rollback"]?.step(1).state == .running)
        #expect(again.state.lastSequence == 3 && again.issues.isEmpty && again.warnings.isEmpty)
        #expect(again.expectAccepted(.completeStep(procedure: "app-rollback", step: 1))?.sequence == 4)
    }

    @Test func refusedCommandsWriteNothing() throws {
        let fixture = try JournalFixture()
        let session = try fixture.session()
        let before = try fixture.lines()
        guard case .refused(let refusal) = session.submit(.completeStep(procedure: "app-rollback", step: 1), operator: "bob") else {
            Issue.record("expected a refusal"); return
        }
        #expect(refusal.reason.contains("no incident has been declared"))
        #expect(try fixture.lines() == before)
    }

    @Test func truncatedLastLineIsReportedAndSkipped() throws {
        let fixture = try JournalFixture()
        do {
            let session = try fixture.session()
            session.expectAccepted(.declare(title: "x", severity: "SEV1"))
            session.expectAccepted(.note("kept"))
        }
        try fixture.append(#"{"seq":3,"at":"2026-11-24T09:00:00.000Z","oper"#)
        let session = try fixture.session()
        #expect(session.state.eventCount == 2)
        // Opening under the exclusive lock, no writer can be mid-line: the tail is torn.
        #expect(session.issues.map(\.line) == [4] && session.issues[0].message.contains("torn last line"))
        let contents = try JournalReader.read(path: fixture.path)
        #expect(contents.issues.count == 1 && contents.issues[0].line == 4)
        #expect(contents.issues[0].message.contains("torn last line"))
        // The next append removes the torn tail first (it was never acknowledged): its event
        // takes line 4 and sequence 3, and no reader sees the torn bytes again.
        #expect(session.expectAccepted(.note("after the crash"))?.sequence == 3)
        let reread = try JournalReader.read(path: fixture.path)
        #expect(reread.state.notes.map(\.text) == ["kept", "after the crash"])
        #expect(reread.issues.isEmpty)
        #expect(try fixture.lines().count == 5 && !(try fixture.lines().joined().contains("oper\"{")))
    }

    @Test func garbageInTheMiddleIsReportedAndEverythingAfterKept() throws {
        let fixture = try JournalFixture()
        let session = try fixture.session()
        session.expectAccepted(.declare(title: "x", severity: "SEV1"))
        try fixture.append("this is not json \u{1B}[31m\n{\"seq\":9}\n\n")
        session.expectAccepted(.note("after garbage"))
        let contents = try JournalReader.read(path: fixture.path)
        #expect(contents.issues.map(\.line) == [3, 4])
        #expect(contents.issues[0].message.hasPrefix("not valid JSON (column 1"))
        #expect(contents.issues[1].message.contains("expected \"at\""))
        #expect(contents.state.notes.map(\.text) == ["after garbage"])
        #expect(contents.state.lastSequence == 2)
    }

    @Test func hostileLinesAreSkippedWithoutHarm() throws {
        let fixture = try JournalFixture()
        let session = try fixture.session()
        session.expectAccepted(.declare(title: "x", severity: "SEV1"))
        var junk = Data(repeating: 0x41, count: 2 * 1_024 * 1_024)   // line 3: 2 MiB, no JSON
        junk.append(0x0A)
        junk.append(contentsOf: [0x00, 0xFF, 0xFE, 0x0A])                // line 4: binary
        junk.append(contentsOf: Array(#"{"seq":5,"at":"2026-11-24T09:00:00.000Z","operator":"\#u{FF}","type":"note_added","payload":{"text":"x"}}"#.utf8))
        junk.append(0x0A)                                                  // line 5: fine
        junk.append(contentsOf: Array(#"{"seq":6,"at":"2026-11-24T09:00:00.000Z","operator":"a","type":"note_added","payload":{"text":"\#u{1}"}}"#.utf8) + [0x0A])
        var invalid = Array(#"{"seq":7,"at":"2026-11-24T09:00:00.000Z","operator":""#.utf8)
        invalid += [0xC3, 0x28] + Array(#"","type":"note_added","payload":{"text":"x"}}"#.utf8) + [0x0A]
        junk.append(contentsOf: invalid)                                   // line 7: invalid UTF-8
        junk.append(contentsOf: Array((String(repeating: "[", count: 10_000) + "\n").utf8))   // line 8: deep nesting
        let handle = try #require(FileHandle(forWritingAtPath: fixture.path))
        try handle.seekToEnd()
        try handle.write(contentsOf: junk)
        try handle.close()
        session.expectAccepted(.note("still here"))
        let contents = try JournalReader.read(path: fixture.path)
        #expect(contents.issues.map(\.line) == [3, 4, 6, 7, 8])
        #expect(contents.issues[0].message.contains("longer than 1048576 bytes"))
        #expect(contents.issues[4].message.contains("nested more than 64 deep"))
        #expect(contents.state.notes.map(\.text) == ["x", "still here"])
        #expect(contents.state.lastSequence == 6)
    }

    @Test func outOfOrderSequenceIsSkipped() throws {
        let fixture = try JournalFixture()
        let session = try fixture.session()
        session.expectAccepted(.declare(title: "x", severity: "SEV1"))
        try fixture.append(#"{"seq":1,"at":"2026-11-24T09:00:00.000Z","operator":"eve","type":"note_added","payload":{"text":"dup"}}"# + "\n")
        let contents = try JournalReader.read(path: fixture.path)
        #expect(contents.issues.map(\.description) == ["line 3: sequence 1 does not follow 1; skipped"])
    }

    @Test func emptyFileIsRefusedForReadingAndInitialisedForWriting() throws {
        let fixture = try JournalFixture()
        _ = FileManager.default.createFile(atPath: fixture.path, contents: Data())
        #expect(throws: JournalError.self) { try JournalReader.read(path: fixture.path) }
        do {
            _ = try JournalReader.read(path: fixture.path)
        } catch {
            #expect(error.kind == .invalid && error.line == 1 && error.message.contains("the journal is empty"))
        }
        let session = try fixture.session()
        #expect(session.header.incident == "INC-20261124-0900")
        #expect(try JournalReader.read(path: fixture.path).header.incident == "INC-20261124-0900")
    }

    @Test func aTornHeaderIsStartedAgainByAWriterAndRefusedByAReader() throws {
        let fixture = try JournalFixture()
        _ = FileManager.default.createFile(atPath: fixture.path, contents: Data(#"{"journal":"warroom","form"#.utf8))
        do {
            _ = try JournalReader.read(path: fixture.path)
            Issue.record("read a journal with a torn header")
        } catch {
            #expect(error.line == 1 && error.message.contains("expected the journal header; torn last line"))
        }
        let session = try fixture.session()
        #expect(session.header.incident == "INC-20261124-0900" && session.issues.isEmpty)
        #expect(try fixture.lines().count == 2)
    }

    @Test func headerFromAFutureVersionIsRefused() throws {
        let fixture = try JournalFixture()
        let header = #"{"journal":"warroom","format":2,"incident":"INC-1","runbook":{"path":"x","sha256":"0"},"opened_at":"2026-11-24T09:00:00.000Z","opened_by":"zed"}"#
        _ = FileManager.default.createFile(atPath: fixture.path, contents: Data((header + "\n").utf8))
        do {
            _ = try fixture.session()
            Issue.record("opened a future journal")
        } catch {
            #expect(error.kind == .invalid && error.line == 1)
            #expect(error.message.contains("format 2, newer than this warroom reads (format 1)"))
            #expect(error.description.hasPrefix(fixture.path + ":1: error:"))
        }
        #expect(try fixture.lines().count == 2)   // nothing was written
    }

    @Test func notAJournalIsRefused() throws {
        let fixture = try JournalFixture()
        _ = FileManager.default.createFile(atPath: fixture.path, contents: Data("format: 1\nid: x\n".utf8))
        #expect(throws: JournalError.self) { try JournalReader.read(path: fixture.path) }
    }

    @Test func creationSyncsTheFileAndItsDirectoryAndEveryAppendSyncs() throws {
        let fixture = try JournalFixture()
        let syncs = Counter()
        let session = try fixture.session(sync: { fd in _ = syncs.next(); return fsync(fd) })
        #expect(syncs.next() == 2)   // the header, then the directory
        session.expectAccepted(.declare(title: "x", severity: "SEV1"))
        session.expectAccepted(.note("y"))
        #expect(syncs.next() == 5)   // one per acknowledged command (the probe above counted one)
        let reopened = Counter()
        _ = try fixture.session(sync: { fd in _ = reopened.next(); return fsync(fd) })
        #expect(reopened.next() == 0)   // opening an existing journal writes nothing
    }

    @Test func failedFsyncIsFatalToTheSession() throws {
        let fixture = try JournalFixture()
        // The header, its directory and the first event sync; every sync after that fails.
        let session = try fixture.session(sync: fsyncFailing { $0 >= 3 })
        session.expectAccepted(.declare(title: "x", severity: "SEV1"))
        guard case .failed(let error) = session.submit(.note("lost?"), operator: "alice") else {
            Issue.record("expected a failure"); return
        }
        #expect(error.kind == .syncFailed && error.message.contains("fsync failed (Input/output error): the command was NOT recorded"))
        #expect(session.fatal != nil && session.fault?.headline == "FSYNC FAILED" && session.fault?.readOnly == true)
        // The line the operator was told had failed is gone from the file.
        #expect(try JournalReader.read(path: fixture.path).state.notes.isEmpty)
        guard case .failed(let later) = session.submit(.note("later"), operator: "alice") else {
            Issue.record("expected the session to have stopped"); return
        }
        #expect(later.message.hasPrefix("this session is read-only: fsync failed"))
        #expect(later.message.contains("warroom resume \(fixture.path)"))
    }

    @Test func changedRunbookWarnsAndRefusesOnlyMisfits() throws {
        let fixture = try JournalFixture()
        do {
            let session = try fixture.session()
            session.expectAccepted(.declare(title: "x", severity: "SEV1"))
            session.expectAccepted(.startProcedure("app-rollback"))
            session.expectAccepted(.startStep(procedure: "app-rollback", step: 4))
        }
        // Same procedures, different bytes: a warning.
        let edited = Fixtures.yaml + "\n# edited\n"
        let warned = try IncidentSession(journal: fixture.path, runbook: fixture.runbook, runbookPath: "drill.yaml",
                                         runbookBytes: Array(edited.utf8), operator: "bob", clock: VirtualClock(start: Fixtures.t0))
        #expect(warned.warnings.count == 1)
        #expect(warned.warnings[0].contains("changed since the journal was opened") && warned.warnings[0].contains("procedures and step counts are the same"))
        // Step 3 removed: the event no longer fits.
        let shorter = Fixtures.yaml.replacingOccurrences(of: "      - action: Verify\n        duration: within 30m\n", with: "")
        let runbook = try RunbookLoader.load(text: shorter, file: "drill.yaml")
        do {
            _ = try IncidentSession(journal: fixture.path, runbook: runbook, runbookPath: "drill.yaml",
                                    runbookBytes: Array(shorter.utf8), operator: "bob", clock: VirtualClock(start: Fixtures.t0))
            Issue.record("opened a journal whose events no longer fit")
        } catch {
            #expect(error.kind == .invalid)
            #expect(error.message.contains("'app-rollback' has 3 steps (was 4)"))
            #expect(error.message.contains("event 3 (step_started): 'app-rollback' now has 3 steps; there is no step 4"))
        }
    }

    @Test func twoSessionsShareOneJournal() throws {
        let fixture = try JournalFixture()
        let commander = try fixture.session()
        let scribe = try fixture.session()
        commander.expectAccepted(.declare(title: "x", severity: "SEV1"))
        // The scribe has not refreshed, but submit catches up under the lock first.
        #expect(scribe.expectAccepted(.note("from the scribe"))?.sequence == 2)
        #expect(scribe.state.declaration != nil)
        let fresh = try commander.refresh()
        #expect(fresh.map(\.sequence) == [2] && commander.state.notes.count == 1)
        // A command made stale by the other process is refused against the current state.
        commander.expectAccepted(.startProcedure("app-rollback"))
        scribe.expectAccepted(.abandonProcedure("app-rollback", reason: "wrong plan"))
        guard case .refused(let refusal) = commander.submit(.startStep(procedure: "app-rollback", step: 1), operator: "alice") else {
            Issue.record("expected a refusal"); return
        }
        #expect(refusal.reason.contains("abandoned, not running"))
        // Each session's events are the journal's, its own included, in sequence order (the
        // refused command caught the commander up with the scribe's abandonment first).
        let reopened = try fixture.session()
        #expect(commander.events.map(\.sequence) == [1, 2, 3, 4])
        #expect(scribe.events.map(\.sequence) == [1, 2, 3, 4])
        #expect(reopened.events == scribe.events)
    }
}

@Suite struct JSONTests {
    @Test func writerAndParserRoundTrip() throws {
        let value = JSONValue.object([
            ("text", .string("quote \" backslash \\ newline \n tab \t esc \u{1B} nul \u{0} ls \u{2028} é 🚨")),
            ("n", .int(-42)), ("d", .double(1.5)), ("b", .bool(true)), ("z", .null),
            ("a", .array([.int(1), .object([])])),
        ])
        let line = JSONWriter.encode(value)
        #expect(!line.contains("\n") && !line.contains("\u{1B}") && !line.contains("\u{2028}"))
        #expect(JSONWriter.encode(.string("a\u{202E}b\u{85}")) == #""a\u202eb\u0085""#)
        #expect(try JSONParser.parse(line) == value)
    }

    @Test(arguments: ["", "{", "{\"a\":}", "[1,]", "{\"a\":1} x", "\"\\ud800\"", "01", "{\"a\":\"\u{1}\"}", String(repeating: "[", count: 100)])
    func parserRefusesMalformedJSON(text: String) {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(text) }
    }

    @Test func sha256KnownVectors() {
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(Array(String(repeating: "a", count: 1_000).utf8)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    @Test func everyEventKindRoundTrips() throws {
        let kinds: [EventKind] = [
            .incidentDeclared(title: "t", severity: "SEV1"), .severityChanged(from: "SEV1", to: "SEV2"),
            .triggerFired(trigger: "x"), .decisionAnswered(tree: "t", node: "n", answer: "Yes", leadsTo: "o", outcome: true),
            .decisionReverted(tree: "t", node: "n"),
            .procedureStarted(procedure: "p"), .procedureCompleted(procedure: "p"), .procedureAbandoned(procedure: "p", reason: "r"),
            .stepStarted(procedure: "p", step: 1), .stepDone(procedure: "p", step: 2), .stepSkipped(procedure: "p", step: 3, reason: "r"),
            .stepFailed(procedure: "p", step: 4, reason: "r"), .stepReopened(procedure: "p", step: 5),
            .checklistTicked(procedure: "p", step: 1, item: 2), .approvalRecorded(approver: "a", subject: "s"),
            .communicationSent(audience: "a", channel: "c", text: "t"), .contactPaged(contact: "c", target: .backup, person: "p"),
            .pageAcknowledged(contact: "c", person: "p"),
            .noteAdded(text: "n"), .incidentResolved(outcome: "o"),
            .incidentRetitled(title: "t2"),
            .recoveryPointRecorded(at: Fixtures.t0.adding(seconds: -21_600), note: "6-hour-old copy"),
            .roleAssigned(role: "Scribe", person: "Grace"),
            .eventRetracted(sequence: 3, reason: "by mistake"), .incidentReopened(reason: "too early"),
            .approvalOverridden(procedure: "p", missing: ["DBA", "VP Engineering"], reason: "VP unreachable"),
        ]
        #expect(kinds.map(\.typeName) == EventKind.typeNames)
        for (offset, kind) in kinds.enumerated() {
            let event = Event(sequence: offset + 1, at: Fixtures.t0.adding(milliseconds: 123), operator: "op", kind: kind)
            #expect(try EventJSON.event(from: JSONParser.parse(EventJSON.line(event))) == event)
        }
    }

    @Test("approval_overridden with a non-string in \"missing\" is refused, not read with the item dropped")
    func overrideMissingMustBeStrings() throws {
        let good = try JSONParser.parse(#"{"procedure":"p","missing":["DBA"],"reason":"r"}"#)
        #expect(try EventJSON.kind(type: "approval_overridden", payload: good) == .approvalOverridden(procedure: "p", missing: ["DBA"], reason: "r"))
        let bad = try JSONParser.parse(#"{"procedure":"p","missing":["DBA",7],"reason":"r"}"#)
        #expect(throws: EventJSON.Failure.self) { try EventJSON.kind(type: "approval_overridden", payload: bad) }
    }
}

@Suite struct CodableTests {
    static let commands: [Command] = [
        .declare(title: "t", severity: "SEV1"), .changeSeverity("SEV2"), .fireTrigger("x"),
        .answer(tree: "t", node: "n", answer: "Yes"), .startProcedure("p"), .completeProcedure("p"),
        .abandonProcedure("p", reason: "r"), .startStep(procedure: "p", step: 1), .completeStep(procedure: "p", step: 2),
        .skipStep(procedure: "p", step: 3, reason: "r"), .failStep(procedure: "p", step: 4, reason: "r"),
        .reopenStep(procedure: "p", step: 5), .tick(procedure: "p", step: 1, item: 2), .approve(approver: "a", subject: "s"),
        .communicate(audience: "a", channel: "c", text: "t"), .communicate(audience: "a", channel: nil, text: "t"),
        .page(contact: "c", target: .backup), .note("n"), .resolve(outcome: "o"),
    ]

    @Test func commandsRoundTripThroughJSONEncoderWithTheHeadlessNames() throws {
        for command in Self.commands {
            let data = try JSONEncoder().encode(command)
            #expect(try JSONDecoder().decode(Command.self, from: data) == command)
            let line = JSONWriter.encode(CommandJSON.value(command))
            #expect(try HeadlessParser.parse(line) == .command(command, operator: nil), "\(line)")
        }
        #expect(JSONWriter.encode(CommandJSON.value(.completeStep(procedure: "app-rollback", step: 3)))
            == #"{"command":"step_done","procedure":"app-rollback","step":3}"#)
    }

    @Test func eventsRoundTripThroughJSONEncoderAsJournalLines() throws {
        let event = Event(sequence: 7, at: Fixtures.t0, operator: "ada", kind: .stepSkipped(procedure: "p", step: 2, reason: "done by hand"))
        let data = try JSONEncoder().encode(event)
        #expect(try JSONDecoder().decode(Event.self, from: data) == event)
        let reparsed = try JSONParser.parse(String(decoding: data, as: UTF8.self))
        #expect(reparsed["type"]?.string == "step_skipped" && reparsed["payload"]?["reason"]?.string == "done by hand")
        #expect(reparsed["at"]?.string == "2026-11-24T09:00:00.000Z")
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Event.self, from: Data(#"{"seq":1}"#.utf8)) }
    }
}
