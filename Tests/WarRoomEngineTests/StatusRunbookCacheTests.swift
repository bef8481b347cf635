import Foundation
import Testing
import WarRoomTestSupport
@testable import WarRoomEngine

/// `JOURNAL.status-runbook`, the status line's cache of the runbook's parts it reads: used
/// only while the runbook resolves to the same file, unchanged, with the SHA-256 the journal
/// records; ignored when it or its file changed, damaged or of another runbook; never written
/// for a file changed moments ago; and `warroom status` prints the same with it or without.
@Suite(.serialized) struct StatusRunbookCacheTests {
    let directory: String
    let source = RepoPaths.root + "/runbooks/syncwell-contingency.yaml"

    init() throws { directory = try RepoPaths.temporaryDirectory() }

    /// A copy of the runbook and a journal of a drill run with it.
    func drill() throws -> (runbook: String, journal: String) {
        let runbook = directory + "/r.yaml", journal = directory + "/inc.jsonl"
        try? FileManager.default.removeItem(atPath: runbook)
        try FileManager.default.copyItem(atPath: source, toPath: runbook)
        let result = try ProcessRunner.run(["headless", "--runbook", runbook, "--journal", journal, "--operator", "ada",
                                            "--virtual-clock", "2026-11-24T09:00:00Z"], input: """
            declare SEV1 Sync outage
            advance 2m
            """)
        #expect(result.status == 0, "\(result.stderr)")
        return (runbook, journal)
    }

    func status(_ journal: String, _ extra: [String] = []) throws -> ProcessRunner.Result {
        try ProcessRunner.run(["status", journal, "--tmux"] + extra)
    }

    func header(_ journal: String) throws -> JournalHeader { try JournalReader.header(path: journal) }

    @Test func storedPartsLoadOnlyForTheSameRunbookFileAndDigest() throws {
        let (runbook, journal) = try drill()
        let loaded = try RunbookLoader.load(path: runbook)
        let sha = try header(journal).runbookSHA256
        // Moments after the file was written it is not cached (its times could repeat).
        #expect(!StatusRunbookCache.store(loaded, journal: journal, runbookPath: runbook, sha256: sha))
        #expect(StatusRunbookCache.store(loaded, journal: journal, runbookPath: runbook, sha256: sha, settledAfter: 0))
        #expect(StatusRunbookCache.load(journal: journal, runbookPath: runbook, sha256: sha) == StatusRunbook(loaded))
        #expect(StatusRunbookCache.load(journal: journal, runbookPath: runbook, sha256: String(repeating: "0", count: 64)) == nil)
        #expect(StatusRunbookCache.load(journal: journal, runbookPath: directory + "/./r.yaml", sha256: sha) == nil)
        // The file touched (same bytes, new times) or replaced by a copy: not used.
        #expect(utimensat(AT_FDCWD, runbook, nil, 0) == 0)
        #expect(StatusRunbookCache.load(journal: journal, runbookPath: runbook, sha256: sha) == nil)
        #expect(StatusRunbookCache.store(loaded, journal: journal, runbookPath: runbook, sha256: sha, settledAfter: 0))
        try FileManager.default.removeItem(atPath: runbook)
        try FileManager.default.copyItem(atPath: source, toPath: runbook)
        #expect(StatusRunbookCache.load(journal: journal, runbookPath: runbook, sha256: sha) == nil)
        // The embedded runbook stands on the identity of the executable that holds it.
        let embedded = RunbookSource.embeddedPrefix + DefaultRunbook.fileName
        #expect(StatusRunbookCache.identityPath(embedded) == "/proc/self/exe")
        #expect(StatusRunbookCache.store(try DefaultRunbook.load(), journal: journal, runbookPath: embedded, sha256: sha, settledAfter: 0))
        #expect(StatusRunbookCache.load(journal: journal, runbookPath: embedded, sha256: sha) == StatusRunbook(try DefaultRunbook.load()))
        #expect(StatusRunbookCache.load(journal: journal, runbookPath: runbook, sha256: sha) == nil)
    }

    @Test func damagedCachesAreIgnored() throws {
        let (runbook, journal) = try drill()
        let loaded = try RunbookLoader.load(path: runbook)
        let sha = try header(journal).runbookSHA256
        let path = StatusRunbookCache.path(forJournal: journal)
        #expect(StatusRunbookCache.store(loaded, journal: journal, runbookPath: runbook, sha256: sha, settledAfter: 0))
        let good = try Data(contentsOf: URL(fileURLWithPath: path))
        let newline = try #require(good.firstIndex(of: 0x0A))
        var random = SeededGenerator(state: 77)
        for round in 0..<40 {
            var bytes = Array(good)
            switch round % 3 {
            case 0: bytes[Int.random(in: (newline + 1)..<bytes.count, using: &random)] ^= UInt8.random(in: 1...255, using: &random)
            case 1: bytes.removeLast(Int.random(in: 1...(bytes.count - newline - 1), using: &random))
            default: bytes[Int.random(in: 0..<newline, using: &random)] ^= 0x01
            }
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let read = StatusRunbookCache.load(journal: journal, runbookPath: runbook, sha256: sha)
            #expect(read == nil || read == StatusRunbook(loaded), "round \(round)")
        }
    }

    @Test func statusPrintsTheSameWithTheCacheOrWithout() throws {
        let (runbook, journal) = try drill()
        let cache = StatusRunbookCache.path(forJournal: journal)
        let truth = try status(journal)
        #expect(truth.status == 0 && truth.stdout.contains("RTO"), "\(truth.stdout) \(truth.stderr)")
        // The runbook file is seconds old: the status line did not cache it.
        #expect(!FileManager.default.fileExists(atPath: cache))
        let loaded = try RunbookLoader.load(path: runbook)
        let sha = try header(journal).runbookSHA256
        #expect(StatusRunbookCache.store(loaded, journal: journal, runbookPath: runbook, sha256: sha, settledAfter: 0))
        let cached = try status(journal)
        #expect(cached.stdout == truth.stdout && cached.stderr == truth.stderr && cached.status == truth.status)
        // The cache is what it read: parts of another RTO under this file's identity show that RTO…
        var other = loaded
        other.objectives?.rto = 60
        #expect(StatusRunbookCache.store(other, journal: journal, runbookPath: runbook, sha256: sha, settledAfter: 0))
        let forged = try status(journal)
        #expect(forged.stdout != truth.stdout && forged.stdout.contains("RTO"), "\(forged.stdout)")
        // …until the file changes: then the runbook is read again, and its warning printed.
        var text = try String(contentsOfFile: runbook, encoding: .utf8)
        text += "\n# edited during the incident\n"
        try text.write(toFile: runbook, atomically: false, encoding: .utf8)
        let edited = try status(journal)
        let uncached = try { () throws -> ProcessRunner.Result in
            try FileManager.default.removeItem(atPath: cache)
            return try status(journal)
        }()
        #expect(edited.stdout == truth.stdout && edited.stdout == uncached.stdout && edited.stderr == uncached.stderr)
        #expect(edited.stderr.contains("warning"), "\(edited.stderr)")
        // With --runbook the cache is of that file, and the answer the same.
        let override = try status(journal, ["--runbook", source])
        #expect(override.stdout == truth.stdout, "\(override.stderr)")
    }
}
