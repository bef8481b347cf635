import Foundation
import Testing
import WarRoomTestSupport
@testable import WarRoomEngine

/// What the fault-injection tests compare: the events a journal holds, read back by the
/// reader every command uses, as (sequence, note text) in file order.
struct ReadBack {
    var events: [(sequence: Int, text: String)]
    var issues: [JournalIssue]

    init(_ path: String) throws {
        var events: [(Int, String)] = []
        let contents = try JournalReader.read(path: path) { event in
            if case .noteAdded(let text) = event.kind { events.append((event.sequence, text)) } else { events.append((event.sequence, "")) }
        }
        self.events = events
        issues = contents.issues
    }

    /// Checks the durability promise against what writers acknowledged (sequence → text):
    /// every acknowledged event is read back exactly once, with its text, in sequence order;
    /// every event read back was sent; and at most `inFlight` events were read back that no
    /// one acknowledged (a writer killed after its fsync but before its answer reached the pipe).
    func expectKeeps(_ acknowledged: [Int: String], sent: Set<String>, inFlight: Int = 0, _ what: String,
                     sourceLocation: SourceLocation = #_sourceLocation) {
        let sequences = events.map(\.sequence)
        #expect(sequences == sequences.sorted() && Set(sequences).count == sequences.count,
                "\(what): sequence numbers are not unique and increasing", sourceLocation: sourceLocation)
        let found = Dictionary(events.map { ($0.sequence, $0.text) }, uniquingKeysWith: { first, _ in first })
        let lost = acknowledged.filter { found[$0.key] != $0.value }
        #expect(lost.isEmpty, "\(what): acknowledged events lost or changed: \(lost.keys.sorted())", sourceLocation: sourceLocation)
        let texts = events.map(\.text).filter { !$0.isEmpty }
        #expect(Set(texts).count == texts.count, "\(what): an event was read back twice", sourceLocation: sourceLocation)
        let strangers = texts.filter { !sent.contains($0) }
        #expect(strangers.isEmpty, "\(what): read back events never sent: \(strangers.prefix(3))", sourceLocation: sourceLocation)
        let unacknowledged = events.filter { acknowledged[$0.sequence] == nil && !$0.text.isEmpty }
        #expect(unacknowledged.count <= inFlight, "\(what): \(unacknowledged.count) unacknowledged events read back (at most \(inFlight) may be in flight)",
                sourceLocation: sourceLocation)
    }
}

/// A journal made by `warroom headless` with a declared incident, in a fresh directory.
func declaredJournal(named name: String = "incident.jsonl", in directory: String? = nil) throws -> String {
    let path = try (directory ?? RepoPaths.temporaryDirectory()) + "/" + name
    let setup = try ProcessRunner.run(["headless", "--journal", path, "--operator", "setup"], input: "declare SEV1 fault drill\n")
    #expect(setup.status == 0, "setup: \(setup.stderr)")
    return path
}

/// The note text that makes the next event's line (newline included) exactly `length` bytes,
/// for an event with `sequence` and `operator` at a millisecond timestamp.
func noteText(lineLength length: Int, sequence: Int, operator name: String, prefix: String) -> String {
    let empty = Event(sequence: sequence, at: Instant(seconds: 1_795_510_800), operator: name, kind: .noteAdded(text: prefix))
    let base = EventJSON.line(empty).utf8.count + 1
    return prefix + String(repeating: "p", count: max(0, length - base))
}

/// The injected fsync: the real one, except that the calls numbered (from 0) in `failing`
/// fail with EIO. A session's creation syncs twice (file, directory), then each append once.
func fsyncFailing(_ failing: @escaping @Sendable (Int) -> Bool) -> JournalFile.Sync {
    let calls = Counter()
    return { fd in
        guard !failing(calls.next()) else { errno = EIO; return -1 }
        return fsync(fd)
    }
}

/// The file's size in bytes.
func fileSize(_ path: String) -> Int {
    ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? -1
}

/// Runs a command line through /bin/sh (mount, chattr); returns its exit status.
@discardableResult
func shell(_ command: String) -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command + " >/dev/null 2>&1"]
    guard (try? process.run()) != nil else { return -1 }
    process.waitUntilExit()
    return process.terminationStatus
}

/// A small tmpfs mounted on a private folder for one test (root only), unmounted after.
final class SmallTmpfs {
    let directory: String

    /// Whether this machine lets the tests mount a tmpfs (CI runs as root; elsewhere skipped).
    static let available: Bool = {
        guard getuid() == 0, let probe = try? SmallTmpfs(kilobytes: 64) else { return false }
        _ = probe
        return true
    }()

    init(kilobytes: Int) throws {
        directory = try RepoPaths.temporaryDirectory()
        guard shell("mount -t tmpfs -o size=\(kilobytes)k,mode=0700 tmpfs '\(directory)'") == 0 else {
            throw CocoaError(.fileWriteNoPermission)
        }
    }

    /// Fills every free page with a filler file; returns its path.
    @discardableResult
    func fill() -> String {
        let path = directory + "/filler"
        // O_CLOEXEC: a process another test spawns while the filler is open must not inherit
        // it, or unfill's unlink frees no space until that process exits (a flaky full disk).
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        defer { close(fd) }
        let chunk = [UInt8](repeating: 0x46, count: 4_096)
        while chunk.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) > 0 {}
        var byte: UInt8 = 0x46
        while write(fd, &byte, 1) > 0 {}
        return path
    }

    /// Removes the filler and waits (up to 3 s) until the space is free again: a process
    /// another test is spawning at that moment can hold a copy of the filler's descriptor
    /// until it execs, and the pages come back only then.
    func unfill() {
        unlink(directory + "/filler")
        for _ in 0..<300 {
            var info = statvfs()
            if statvfs(directory, &info) == 0, UInt64(info.f_bavail) * UInt64(info.f_frsize) >= 64 * 1_024 { return }
            usleep(10_000)
        }
    }

    deinit {
        shell("umount -l '\(directory)'")
        rmdir(directory)
    }
}
