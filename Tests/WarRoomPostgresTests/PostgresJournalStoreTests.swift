import Foundation
import Synchronization
import Testing
import WarRoomEngine
import WarRoomPostgres

/// The journal on a real PostgreSQL server (`WARROOM_TEST_DATABASE_URL`): the same
/// guarantees as the file, over several writers and readers.
@Suite(.enabled(if: TestDatabase.available, TestDatabase.skipReason))
struct PostgresJournalStoreTests {
    @Test func initialisingTwiceIsHarmless() throws {
        let url = try TestDatabase.url()
        let again = try PostgresAdmin.initialise(PostgresLink(url: url))
        #expect(again == PostgresAdmin.Migration(from: PostgresSchema.currentVersion, to: PostgresSchema.currentVersion))
    }

    @Test func aSessionRecordsAndAnotherReopensTheSameState() async throws {
        let url = try TestDatabase.url().with(incident: TestDatabase.incident())
        try await onThread {
            let alice = try DrillRunbook.session(PostgresJournalStore(url: url))
            #expect(alice.header.incident == url.incident)
            alice.expectAccepted(.declare(title: "Checkout errors", severity: "SEV1"))
            alice.expectAccepted(.note("first \"quoted\"\nline ✓"))
            let again = try DrillRunbook.session(PostgresJournalStore(url: url), as: "bob", create: false)
            #expect(again.events == alice.events && again.state == alice.state && again.header == alice.header)
            #expect(again.events.map(\.sequence) == [1, 2])
            #expect(again.issues.isEmpty && again.warnings.isEmpty)
        }
    }

    @Test func aReaderOfAnIncidentNotThereIsToldSo() async throws {
        let url = try TestDatabase.url().with(incident: "INC-NOT-THERE")
        let error = try await onThread { () -> JournalError? in
            do {
                _ = try DrillRunbook.session(PostgresJournalStore(url: url), create: false)
                return nil
            } catch let error as JournalError {
                return error
            }
        }
        #expect(error?.kind == .invalid)
        #expect(error?.message.contains("no incident INC-NOT-THERE in the database") == true)
    }

    @Test func theSameRefusalsAsTheFileStore() async throws {
        let url = try TestDatabase.url().with(incident: TestDatabase.incident())
        try await onThread {
            let alice = try DrillRunbook.session(PostgresJournalStore(url: url))
            let bob = try DrillRunbook.session(PostgresJournalStore(url: url), as: "bob")
            alice.expectAccepted(.declare(title: "x", severity: "SEV1"))
            // Bob has not read Alice's declaration: it reaches him under the lock, and the engine refuses.
            guard case .refused = bob.submit(.declare(title: "again", severity: "SEV2"), operator: "bob") else {
                Issue.record("a second declaration was not refused")
                return
            }
            guard case .refused(let refusal) = alice.submit(.note(String(repeating: "a", count: JournalLine.maximumLength)), operator: "alice") else {
                Issue.record("an overlong note was not refused")
                return
            }
            #expect(refusal.reason.contains("over the limit of 1048576 bytes (1 MiB)"))
            let reader = try DrillRunbook.session(PostgresJournalStore(url: url), create: false)
            #expect(reader.events.count == 1)
        }
    }

    @Test func anotherReaderSeesAnEventWithinASecond() async throws {
        let url = try TestDatabase.url().with(incident: TestDatabase.incident())
        try await onThread {
            let writer = try DrillRunbook.session(PostgresJournalStore(url: url), clock: SystemClock())
            writer.expectAccepted(.declare(title: "x", severity: "SEV1"))
            let reader = try DrillRunbook.session(PostgresJournalStore(url: url), as: "bob", clock: SystemClock(), create: false)
            for round in 1...5 {
                let sent = ContinuousClock.now
                writer.expectAccepted(.note("round \(round)"))
                var seen: [Event] = []
                while seen.isEmpty, ContinuousClock.now - sent < .seconds(2) { seen = try reader.waitAndRefresh(milliseconds: 100) }
                let took = ContinuousClock.now - sent
                #expect(seen.map(\.sequence) == [round + 1])
                #expect(took < .seconds(1), "round \(round): the reader saw the event after \(took)")
            }
        }
    }

    @Test func fourWritersOfFiveThousandEventsLeaveNoGapsOrDuplicates() async throws {
        let url = try TestDatabase.url().with(incident: TestDatabase.incident())
        let perWriter = 5_000
        try await onThread {
            let first = try DrillRunbook.session(PostgresJournalStore(url: url), clock: SystemClock())
            first.expectAccepted(.declare(title: "load", severity: "SEV2"))
        }
        let acknowledged = try await withThrowingTaskGroup(of: [Int].self) { group in
            for writer in 0..<4 {
                group.addTask {
                    try await onThread {
                        let session = try DrillRunbook.session(PostgresJournalStore(url: url), as: "w\(writer)", clock: SystemClock(), create: false)
                        var sequences: [Int] = []
                        for index in 0..<perWriter {
                            if let event = session.expectAccepted(.note("w\(writer) \(index)"), as: "w\(writer)") { sequences.append(event.sequence) }
                        }
                        return sequences
                    }
                }
            }
            var all: [Int] = []
            for try await sequences in group { all += sequences }
            return all
        }
        #expect(acknowledged.count == 4 * perWriter)
        #expect(Set(acknowledged).count == acknowledged.count)
        try await onThread {
            let reader = try DrillRunbook.session(PostgresJournalStore(url: url), create: false)
            #expect(reader.events.map(\.sequence) == Array(1...(4 * perWriter + 1)))
            // Each writer's notes are all there, in its own order.
            for writer in 0..<4 {
                let texts = reader.events.compactMap { event -> String? in
                    guard event.operator == "w\(writer)", case .noteAdded(let text) = event.kind else { return nil }
                    return text
                }
                #expect(texts == (0..<perWriter).map { "w\(writer) \($0)" })
            }
            #expect(Set(acknowledged) == Set(2...(4 * perWriter + 1)))
        }
    }

    @Test func anIncidentMovesToTheFileAndBackByteForByte() async throws {
        let url = try TestDatabase.url().with(incident: "INC-20261124-0900-" + UUID().uuidString.prefix(6))
        let directory = NSTemporaryDirectory() + "warroom-export-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let script = [
            "declare SEV1 Checkout errors", "note first \"quoted\" ✓ \\u0007 tab\there", "advance 90s", "severity SEV2",
            "note second", "retract 3 mistaken", "as grace", "note from grace", "advance 10m", "resolve rolled back",
        ]
        try await onThread {
            // The same commands through the file store and through PostgreSQL, under the same incident id.
            let file = directory + "/incident.jsonl"
            try drive(IncidentSession(journal: file, runbook: DrillRunbook.source().runbook, runbookPath: DrillRunbook.source().path,
                                      runbookBytes: DrillRunbook.source().bytes, operator: "ada", clock: VirtualClock(start: DrillRunbook.t0)),
                      script, incident: url.incident)
            let store = PostgresJournalStore(url: url)
            let session = try DrillRunbook.session(store, as: "ada", incident: url.incident)
            try drive(session, script, incident: nil)
            var exported = ""
            let count = try PostgresAdmin.export(PostgresJournalStore(url: url)) { exported += $0 }
            #expect(count == 7)
            var fileText = try String(contentsOfFile: file, encoding: .utf8)
            // The file's header names the incident of its opening instant; give it the database's name.
            fileText = fileText.replacingOccurrences(of: "\"incident\":\"INC-20261124-0900\"", with: "\"incident\":\"\(url.incident ?? "")\"")
            #expect(exported == fileText)
            // And back: the exported file imported under another name exports the same lines.
            let copy = directory + "/exported.jsonl"
            try exported.write(toFile: copy, atomically: true, encoding: .utf8)
            let other = TestDatabase.incident()
            let imported = try PostgresAdmin.importFile(copy, into: PostgresLink(url: url), incident: other)
            #expect(imported.events == 7 && imported.issues.isEmpty)
            var again = ""
            try PostgresAdmin.export(PostgresJournalStore(url: url.with(incident: other))) { again += $0 }
            #expect(again == exported.replacingOccurrences(of: "\"incident\":\"\(url.incident ?? "")\"", with: "\"incident\":\"\(other)\""))
            // Importing the same incident twice is refused, nothing written.
            #expect(throws: JournalError.self) { try PostgresAdmin.importFile(copy, into: PostgresLink(url: url), incident: other) }
        }
    }

    /// Feeds headless lines to `session`; every one must be accepted.
    private func drive(_ session: IncidentSession, _ lines: [String], incident: String?) throws {
        var driver = HeadlessDriver(session: session, operator: "ada", virtualClock: VirtualClock(start: DrillRunbook.t0))
        for line in lines {
            let answer = driver.handle(line) ?? ""
            #expect(answer.contains(#""ok":true"#), "\(line): \(answer)")
        }
    }
}
