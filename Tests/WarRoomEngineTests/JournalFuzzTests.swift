import Foundation
import Testing
import WarRoomTestSupport
@testable import WarRoomEngine

/// Seeded, bounded fuzzing of the journal reader and the headless parser: random bytes,
/// mutated real journals, a real journal cut at every byte offset and fed in random chunks.
/// Nothing may crash or hang, and every line the reader does not take is named.
/// WARROOM_FUZZ_SEED runs other seeds by hand; CI uses the fixed one.
@Suite(.timeLimit(.minutes(1))) struct JournalFuzzTests {
    static let seed = ProcessInfo.processInfo.environment["WARROOM_FUZZ_SEED"].flatMap(UInt64.init) ?? 2_026

    /// A real journal: a header and 24 events of every common kind, from the engine.
    static func realJournal() throws -> [UInt8] {
        let fixture = try JournalFixture()
        let session = try fixture.session()
        session.expectAccepted(.declare(title: "Checkout \"errors\" é 🚨", severity: "SEV1"))
        session.expectAccepted(.startProcedure("app-rollback"))
        for step in 1...3 {
            session.expectAccepted(.startStep(procedure: "app-rollback", step: step))
            session.expectAccepted(.note("step \(step) \u{1B}[31m\\ note"))
            session.expectAccepted(.completeStep(procedure: "app-rollback", step: step))
        }
        for index in 0..<13 { session.expectAccepted(.note("note \(index)")) }
        return Array(try Data(contentsOf: URL(fileURLWithPath: fixture.path)))
    }

    /// What a scan of `bytes` in chunks of the given sizes finds.
    struct Scan: Equatable {
        var sequences: [Int] = []
        var issues: [JournalIssue] = []
        var headerOK = false
        var lines = 0
    }

    static func scan(_ bytes: [UInt8], chunks: [Int] = []) -> Scan {
        var scanner = JournalScanner()
        var result = Scan()
        var offset = 0
        var sizes = chunks.makeIterator()
        bytes.withUnsafeBufferPointer { buffer in
            while offset < buffer.count {
                let size = min(buffer.count - offset, max(1, sizes.next() ?? buffer.count))
                scanner.feed(UnsafeBufferPointer(rebasing: buffer[offset..<offset + size])) { result.sequences.append($0.sequence) }
                offset += size
            }
        }
        scanner.finish()
        result.issues = scanner.issues
        result.headerOK = scanner.header != nil
        result.lines = scanner.lines
        return result
    }

    /// Every line of `bytes` the scan did not take as the header or an event is blank, or named
    /// in an issue with its number (once); a torn tail is named too. A bad header refuses the
    /// journal as a whole (with a located error), so there is nothing more to account for.
    static func expectEveryLineAccounted(_ bytes: [UInt8], _ scan: Scan, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        guard scan.headerOK else { return }
        func blank(_ line: ArraySlice<UInt8>) -> Bool { line.allSatisfy { $0 == 0x20 || $0 == 0x0D || $0 == 0x09 } }
        // The last piece is what follows the last newline: nothing, or a torn tail.
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        let complete = lines.count - 1
        let nonBlank = complete > 1 ? (1..<complete).filter { !blank(lines[$0]) }.count : 0
        let named = scan.issues.map(\.line).filter { $0 >= 2 && $0 <= complete }
        #expect(Set(named).count == named.count, "\(what): a line named twice", sourceLocation: sourceLocation)
        #expect(scan.sequences.count + named.count == nonBlank,
                "\(what): \(nonBlank) lines, \(scan.sequences.count) events, \(named.count) named", sourceLocation: sourceLocation)
        if let tail = lines.last, !tail.isEmpty {
            #expect(scan.issues.contains { $0.line == complete + 1 && $0.message.contains("torn last line") },
                    "\(what): the torn tail is not named", sourceLocation: sourceLocation)
        }
    }

    @Test("a real journal cut at every byte offset: the events kept are exactly those of its complete lines")
    func truncationAtEveryOffset() throws {
        let journal = try Self.realJournal()
        let whole = Self.scan(journal)
        #expect(whole.sequences == Array(1...24) && whole.issues.isEmpty)
        // Where each event's line ends (its newline included).
        var ends: [Int] = []
        for (index, byte) in journal.enumerated() where byte == 0x0A { ends.append(index + 1) }
        var random = SeededGenerator(state: Self.seed)
        for cut in 0...journal.count {
            let prefix = Array(journal[0..<cut])
            let chunks = (0..<8).map { _ in Int.random(in: 1...700, using: &random) }
            let scan = Self.scan(prefix, chunks: chunks)
            let complete = ends.filter { $0 <= cut }.count
            #expect(scan.sequences == Array(1..<max(1, complete)), "cut at \(cut)")
            if cut > 0, cut < journal.count, journal[cut - 1] != 0x0A, scan.headerOK {
                #expect(scan.issues.last?.message.contains("torn last line") == true, "cut at \(cut): \(scan.issues)")
            }
            if cut % 3 == 0 { #expect(scan == Self.scan(prefix), "cut at \(cut): chunking changed the result") }
        }
    }

    /// Bytes JSON and UTF-8 act on, and texts that test a parser's limits.
    static let interesting: [UInt8] = Array("{}[]\":,\\0123456789-.eE \n\t".utf8) + [0x00, 0x0D, 0x1B, 0x7F, 0xC3, 0xEF, 0xBB, 0xBF, 0xFF, 0xED, 0xA0]
    static let snippets = ["9223372036854775807", "-1", "1e999", "\"\\ud800\"", "null", String(repeating: "[", count: 100), "\u{FEFF}", "\\u0000"]

    /// Damages `bytes` a number of times in `times`: a byte replaced, removed or inserted, a
    /// snippet inserted, a stretch of up to 200 bytes cut out.
    static func mutate(_ bytes: inout [UInt8], times: ClosedRange<Int>, _ random: inout SeededGenerator) {
        for _ in 0..<Int.random(in: times, using: &random) {
            guard !bytes.isEmpty else { break }
            let index = Int.random(in: 0..<bytes.count, using: &random)
            switch Int.random(in: 0..<6, using: &random) {
            case 0: bytes[index] = interesting.randomElement(using: &random) ?? 0
            case 1: bytes.remove(at: index)
            case 2: bytes.insert(interesting.randomElement(using: &random) ?? 0, at: index)
            case 3: bytes.insert(contentsOf: Array((snippets.randomElement(using: &random) ?? "").utf8), at: index)
            case 4: bytes[index] = UInt8.random(in: 0...255, using: &random)
            default:
                let end = min(bytes.count, index + Int.random(in: 1...200, using: &random))
                bytes.removeSubrange(index..<end)
            }
        }
    }

    @Test("2,000 seeded mutations of a real journal: no crash, every line accounted for, chunking changes nothing")
    func mutatedJournals() throws {
        let journal = try Self.realJournal()
        var random = SeededGenerator(state: Self.seed &+ 1)
        for round in 0..<2_000 {
            var bytes = journal
            Self.mutate(&bytes, times: 1...6, &random)
            let scan = Self.scan(bytes)
            Self.expectEveryLineAccounted(bytes, scan, "mutation \(round)")
            #expect(scan.sequences == scan.sequences.sorted() && Set(scan.sequences).count == scan.sequences.count)
            #expect(scan.sequences.allSatisfy(JournalLine.isValidSequence))
            if round % 10 == 0 {
                let chunks = (0..<16).map { _ in Int.random(in: 1...300, using: &random) }
                #expect(Self.scan(bytes, chunks: chunks) == scan, "mutation \(round): chunking changed the result")
            }
        }
    }

    @Test("1,000 buffers of random bytes, with and without a real header: no crash, every line named")
    func randomBytes() throws {
        let header = Array(try Self.realJournal().prefix { $0 != 0x0A }) + [0x0A]
        var random = SeededGenerator(state: Self.seed &+ 2)
        for round in 0..<1_000 {
            let count = Int.random(in: 0...2_000, using: &random)
            var bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }
            // Make lines likely: every byte a newline with probability 1/40.
            for index in bytes.indices where Int.random(in: 0..<40, using: &random) == 0 { bytes[index] = 0x0A }
            if round % 2 == 0 { bytes = header + bytes }
            let scan = Self.scan(bytes)
            if round % 2 == 0 { #expect(scan.headerOK) }
            Self.expectEveryLineAccounted(bytes, scan, "random \(round)")
        }
    }

    @Test("the headless parser and driver take 1,500 mutated and random lines without a crash; every refusal says why")
    func headlessParser() throws {
        let fixture = try JournalFixture()
        // fsync is the one injectable operation; here a no-op keeps thousands of appends fast.
        let session = try fixture.session(sync: { _ in 0 })
        var driver = HeadlessDriver(session: session, operator: "fuzz", virtualClock: VirtualClock(start: Fixtures.t0))
        let valid = [
            "declare SEV1 Checkout errors", "severity SEV2", "trigger api-errors", "answer pick q1 Yes", "back pick",
            "procedure start app-rollback", "step start app-rollback 1", "step done app-rollback 1", "tick app-rollback 1 1",
            "step skip app-rollback 2 \"done by hand\"", "approve cto \"the rollback\"", "comms execs via Email Rolling back",
            "page dba backup", "note \"quoted \\\" text\"", "status", "advance 5m", "as grace", "resolve rolled back",
            #"{"command":"step_done","procedure":"app-rollback","step":3}"#, #"{"command":"note","text":"json note","operator":"ada"}"#,
            #"{"command":"advance","duration":"90s"}"#,
        ]
        var random = SeededGenerator(state: Self.seed &+ 3)
        let alphabet = Array("aAz09 \"\\{}[]:,-#\t\u{1B}é🚨\u{0}".unicodeScalars)
        var answered = 0
        for round in 0..<1_500 {
            var scalars = Array((valid.randomElement(using: &random) ?? "").unicodeScalars)
            if round % 3 == 0 {
                scalars = (0..<Int.random(in: 0...80, using: &random)).compactMap { _ in alphabet.randomElement(using: &random) }
            } else {
                for _ in 0..<Int.random(in: 0...4, using: &random) where !scalars.isEmpty {
                    let index = Int.random(in: 0..<scalars.count, using: &random)
                    switch Int.random(in: 0..<4, using: &random) {
                    case 0: scalars[index] = alphabet.randomElement(using: &random) ?? " "
                    case 1: scalars.remove(at: index)
                    case 2: scalars.insert(alphabet.randomElement(using: &random) ?? " ", at: index)
                    default: scalars.removeSubrange(index...)
                    }
                }
            }
            var line = String(String.UnicodeScalarView(scalars))
            if round % 97 == 0 { line = "note " + String(repeating: "9", count: Int.random(in: 1...40, using: &random)) }
            if round % 211 == 0 { line = "step done app-rollback 99999999999999999999" }
            do throws(HeadlessParser.Failure) {
                _ = try HeadlessParser.parse(line)
            } catch {
                #expect(!error.message.isEmpty, "round \(round): a refusal with no reason for \(line)")
            }
            guard let response = driver.handle(line) else { continue }
            answered += 1
            let value = try JSONParser.parse(response)
            #expect(value["ok"]?.bool != nil, "round \(round): \(response)")
            if value["ok"]?.bool == false {
                let reason = value["error"]?.string ?? value["refused"]?.string ?? value["fatal"]?.string ?? ""
                #expect(!reason.isEmpty, "round \(round): no reason in \(response)")
            }
        }
        #expect(answered > 500)
        // Whatever was acknowledged reads back from the journal without a skipped line.
        let back = try ReadBack(fixture.path)
        #expect(back.issues.isEmpty && back.events.count == session.events.count)
    }
}
