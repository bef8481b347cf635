import Foundation
import Testing
import WarRoomTestSupport
@testable import WarRoomEngine

/// `ScanAhead`: a journal read and decoded on a second thread gives the caller exactly what a
/// scanner of its own would, in order (every event, its line, the issues, the counts), for
/// damaged journals too, at any batch size; and a long journal's fold through it (as the
/// report reads) is the fold of its events.
@Suite struct ScanAheadTests {
    /// The events with their lines and the scanner at the end, scanned on this thread.
    static func scannedHere(_ path: String) throws -> ([ScanAhead.Scanned], JournalScanner) {
        let file = try JournalFile(path: path, access: .read)
        var scanner = JournalScanner(), seen: [ScanAhead.Scanned] = []
        try file.read(from: 0, chunkSize: 4_096) { chunk in
            scanner.feed(chunk) { seen.append(ScanAhead.Scanned(event: $0, line: $1)) }
            return true
        }
        return (seen, scanner)
    }

    static func same(_ a: JournalScanner, _ b: JournalScanner) -> Bool {
        a.header == b.header && a.headerProblem == b.headerProblem && a.issues == b.issues && a.lines == b.lines
            && a.consumed == b.consumed && a.lastSequence == b.lastSequence && a.events == b.events
    }

    @Test func scanningAheadGivesWhatAScannerOfOnesOwnGives() throws {
        var random = SeededGenerator(state: 31)
        let directory = try RepoPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var damaged = 0
        for round in 0..<30 {
            let lines = try StatusLineCheckpointTests.randomLines(count: Int.random(in: 1...600, using: &random), &random)
            var bytes = Array((lines.joined(separator: "\n") + (round % 5 == 0 ? "" : "\n")).utf8)
            if round % 2 == 1 {
                JournalFuzzTests.mutate(&bytes, times: 1...8, &random)
                damaged += 1
            }
            let path = "\(directory)/j\(round).jsonl"
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let (expected, expectedScanner) = try Self.scannedHere(path)
            for batchSize in [1, 7, 4_096] {
                let file = try JournalFile(path: path, access: .read)
                try file.lock(exclusive: false)
                defer { file.unlock() }
                var seen: [ScanAhead.Scanned] = []
                let scanner = try #require(try ScanAhead.scan(file, minimumBytes: 0, batchSize: batchSize) { seen.append(ScanAhead.Scanned(event: $0, line: $1)) })
                #expect(seen.map(\.event) == expected.map(\.event) && seen.map(\.line) == expected.map(\.line), "round \(round), batches of \(batchSize)")
                #expect(Self.same(scanner, expectedScanner), "round \(round), batches of \(batchSize)")
            }
        }
        #expect(damaged == 15)
    }

    @Test func aShortJournalIsLeftToTheCaller() throws {
        let directory = try RepoPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var random = SeededGenerator(state: 5)
        try CheckpointTests.write(try StatusLineCheckpointTests.randomLines(count: 50, &random), to: directory + "/j.jsonl")
        let file = try JournalFile(path: directory + "/j.jsonl", access: .read)
        var seen = 0
        #expect(try ScanAhead.scan(file) { _, _ in seen += 1 } == nil)
        #expect(seen == 0)
    }

    @Test func aLongJournalFoldsThroughItAsItsEventsDo() throws {
        let directory = try RepoPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var random = SeededGenerator(state: 8)
        // Past ScanAhead.minimumBytes, retractions included (the fold's second pass scans ahead too).
        var lines = try StatusLineCheckpointTests.randomLines(count: 400, &random)
        let path = directory + "/long.jsonl"
        while lines.reduce(0, { $0 + $1.utf8.count + 1 }) < ScanAhead.minimumBytes + 100_000 {
            let last = lines.count
            lines += try StatusLineCheckpointTests.randomLines(count: 4_000, &random).dropFirst().map { line in
                // Renumber the appended events so they follow on.
                guard var event = try? EventJSON.event(from: JSONParser.parse(line)) else { return line }
                event.sequence += last * 2
                return EventJSON.line(event)
            }
        }
        try CheckpointTests.write(lines, to: path)
        let (events, scanner) = try Self.scannedHere(path)
        var seen: [ScanAhead.Scanned] = []
        let contents = try JournalReader.read(path: path, scanningAhead: true) { seen.append(ScanAhead.Scanned(event: $0, line: $1)) }
        #expect(contents.state == IncidentState.reduce(events.map(\.event)))
        #expect(contents.state == (try JournalReader.read(path: path)).state)
        #expect(contents.eventCount == scanner.events && contents.issues == scanner.issues)
        #expect(!contents.state.retractions.isEmpty, "the journal has retractions, so the second pass ran")
        #expect(seen.map(\.event) == events.map(\.event) && seen.map(\.line) == events.map(\.line))
    }
}
