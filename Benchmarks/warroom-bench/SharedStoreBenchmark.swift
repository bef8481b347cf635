#if canImport(Glibc)
import Glibc
#endif
import Foundation
import PostgresNIO
import Synchronization
import WarRoomEngine
import WarRoomPostgres

// warroom-bench shared --url postgres://… [--events N] [--dir DIR]
//
// Beside each other in one run (docs/shared-store.md):
//   - acknowledged appends through IncidentSession on the journal file (fsync per command) and
//     on PostgreSQL, events/s and p50/p99 latency;
//   - the baseline: a plain `BEGIN; INSERT …; COMMIT` loop of the same rows on the same
//     connection settings (synchronous_commit as the server has it, printed);
//   - the time from a writer's submit to another session (its own connection) having the
//     event, p50/p99, for both stores;
//   - the CPU a following session spends per second while another appends 50 events/s.

/// The elapsed microseconds of `body`.
private func timed(_ body: () throws -> Void) rethrows -> UInt64 {
    let start = monotonicNanoseconds()
    try body()
    return (monotonicNanoseconds() - start) / 1_000
}

private func threadCPUNanoseconds() -> UInt64 {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
}

/// Submit instants by sequence number, shared between the writer and the follower thread.
private final class SentAt: Sendable {
    let instants = Mutex([Int: UInt64]())
    let seen = Mutex([UInt64]())
    let done = Atomic(false)
    let followerCPU = Atomic(UInt64(0))
    let followerWall = Atomic(UInt64(0))
}

private struct StoreFigures {
    var rate: Double
    var p50: Double
    var p99: Double
    var seenP50: Double
    var seenP99: Double
    var followerCPUPercent: Double
}

private func session(_ store: any JournalStore, create: Bool) throws -> IncidentSession {
    let runbook = try DefaultRunbook.load()
    return try IncidentSession(store: store, runbook: runbook, runbookPath: RunbookSource.embeddedPrefix + DefaultRunbook.fileName,
                               runbookBytes: DefaultRunbook.bytes, operator: "bench", clock: SystemClock(), create: create)
}

/// Appends `count` notes through a session on `makeStore()`'s store, then measures how soon a
/// second session on another handle has each of 200 more (one every 20 ms).
/// With `follow`, the second session follows as a console does (`JournalStore.follow()`: for
/// PostgreSQL, the watcher's connection).
private func measureStore(count: Int, follow: Bool = false, makeStore: @escaping @Sendable () throws -> any JournalStore) throws -> StoreFigures {
    let writer = try session(makeStore(), create: true)
    guard case .accepted = writer.submit(.declare(title: "shared-store benchmark", severity: "SEV1"), operator: "bench") else { fail("declare refused") }
    let text = "replica lag 120 ms, error rate 0.4%, all steps on track"
    var latencies: [UInt64] = []
    latencies.reserveCapacity(count)
    let start = monotonicNanoseconds()
    for _ in 0..<count {
        latencies.append(timed { guard case .accepted = writer.submit(.note(text), operator: "bench") else { fail("append failed") } })
    }
    let seconds = Double(monotonicNanoseconds() - start) / 1e9
    latencies.sort()

    let shared = SentAt()
    let follower = try session(makeStore(), create: false)
    if follow { _ = follower.store.follow() }
    let followerBox = UncheckedBox(follower)
    let thread = Thread {
        let follower = followerBox.value
        let cpuStart = threadCPUNanoseconds(), wallStart = monotonicNanoseconds()
        while !shared.done.load(ordering: .acquiring) {
            guard let fresh = try? follower.waitAndRefresh(milliseconds: 100) else { continue }
            let now = monotonicNanoseconds()
            for event in fresh {
                if let sent = shared.instants.withLock({ $0[event.sequence] }) { shared.seen.withLock { $0.append((now - sent) / 1_000) } }
            }
        }
        shared.followerCPU.store(threadCPUNanoseconds() - cpuStart, ordering: .releasing)
        shared.followerWall.store(monotonicNanoseconds() - wallStart, ordering: .releasing)
    }
    thread.start()
    usleep(200_000)
    for _ in 0..<200 {
        let sequence = writer.state.lastSequence + 1
        shared.instants.withLock { $0[sequence] = monotonicNanoseconds() }
        guard case .accepted = writer.submit(.note(text), operator: "bench") else { fail("append failed") }
        usleep(20_000)
    }
    usleep(500_000)
    shared.done.store(true, ordering: .releasing)
    while shared.followerWall.load(ordering: .acquiring) == 0 { usleep(10_000) }
    let seen = shared.seen.withLock { $0.sorted() }
    if seen.count < 200 { fail("the follower saw only \(seen.count) of 200 events") }
    let cpu = Double(shared.followerCPU.load(ordering: .acquiring)) / Double(shared.followerWall.load(ordering: .acquiring)) * 100
    return StoreFigures(rate: Double(count) / seconds, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99),
                        seenP50: percentile(seen, 0.5), seenP99: percentile(seen, 0.99), followerCPUPercent: cpu)
}

/// A plain `BEGIN; INSERT …; COMMIT` loop of `count` rows like the events' (events/s, p50, p99).
private func plainInsertLoop(_ link: PostgresLink, count: Int) throws -> (rate: Double, p50: Double, p99: Double) {
    _ = try link.query("CREATE TABLE IF NOT EXISTS warroom_bench_plain (incident text, seq bigint, at timestamptz, operator text, type text, payload jsonb)",
                   doing: "creating the baseline table")
    try link.query("TRUNCATE warroom_bench_plain", doing: "emptying the baseline table")
    let payload = #"{"text":"replica lag 120 ms, error rate 0.4%, all steps on track"}"#
    var latencies: [UInt64] = []
    let start = monotonicNanoseconds()
    for seq in 1...count {
        latencies.append(try timed { () throws(JournalError) in
            try link.transaction(doing: "the baseline insert") { _ throws(JournalError) in
                _ = try link.query("""
                    INSERT INTO warroom_bench_plain VALUES ('INC-BENCH', \(seq), now(), 'bench', 'note_added', \(payload)::jsonb)
                    """, doing: "the baseline insert")
            }
        })
    }
    let seconds = Double(monotonicNanoseconds() - start) / 1e9
    latencies.sort()
    try link.query("DROP TABLE warroom_bench_plain", doing: "dropping the baseline table")
    return (Double(count) / seconds, percentile(latencies, 0.5), percentile(latencies, 0.99))
}

func sharedStoreBenchmark(_ arguments: [String]) throws {
    guard let text = option("--url", in: arguments) ?? ProcessInfo.processInfo.environment["WARROOM_DATABASE_URL"] else {
        fail("usage: warroom-bench shared --url postgres://USER@HOST/DB [--events N] [--dir DIR] (or WARROOM_DATABASE_URL)")
    }
    let count = Int(option("--events", in: arguments) ?? "") ?? 2_000
    let directory = option("--dir", in: arguments) ?? "/tmp"
    let url = try PostgresURL(text)
    let link = PostgresLink(url: url)
    _ = try PostgresAdmin.initialise(link)
    let setting = try link.query("SELECT current_setting('synchronous_commit'), current_setting('fsync')", doing: "reading the settings")
    let (synchronous, fsyncSetting) = (try? setting.first?.decode((String, String).self)) ?? ("?", "?")

    let journal = "\(directory)/warroom-bench-shared-\(getpid()).jsonl"
    defer { unlink(journal); unlink(JournalCheckpoint.path(forJournal: journal)) }
    let fileFigures = try measureStore(count: count) { try JournalFileStore(path: journal) }
    let incident = "INC-BENCH-\(getpid())-\(monotonicNanoseconds() % 100_000)"
    let target = url.with(incident: incident)
    let postgresFigures = try measureStore(count: count) { PostgresJournalStore(url: target) }
    let consoleFigures = try measureStore(count: count, follow: true) { PostgresJournalStore(url: url.with(incident: incident + "-W")) }
    let plain = try plainInsertLoop(link, count: count)

    print("shared store: \(formatted(Double(count))) acknowledged appends each, to \(url) (synchronous_commit=\(synchronous), fsync=\(fsyncSetting)); file in \(directory)")
    print("")
    print("| | appends/s | p50 µs | p99 µs | another session has it: p50 µs | p99 µs | follower CPU at 50 events/s |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for (name, figures) in [("journal file (flock, catch-up, write, fsync)", fileFigures),
                            ("PostgreSQL (BEGIN, lock, catch-up, INSERT + NOTIFY, COMMIT)", postgresFigures),
                            ("PostgreSQL, followed as a console follows (the watcher's connection)", consoleFigures)] {
        print("| \(name) | \(formatted(figures.rate)) | \(formatted(figures.p50)) | \(formatted(figures.p99)) | \(formatted(figures.seenP50)) | \(formatted(figures.seenP99)) | \(formatted(figures.followerCPUPercent, 1)) % |")
    }
    print("| plain BEGIN; INSERT; COMMIT loop | \(formatted(plain.rate)) | \(formatted(plain.p50)) | \(formatted(plain.p99)) | | | |")
    print("")
    let ratio = postgresFigures.rate / plain.rate * 100
    print("PostgreSQL appends / plain loop = \(formatted(ratio, 1)) % (target: >= 50 %): \(ratio >= 50 ? "met" : "NOT met")")
    let worst = max(postgresFigures.seenP99, consoleFigures.seenP99)
    print("another session has a PostgreSQL event within \(formatted(worst / 1_000, 1)) ms p99, following either way (target: <= 50 ms): "
        + (worst <= 50_000 ? "met" : "NOT met"))
    print("(the file follower polls every 10 ms here; the console waits on inotify. Follower CPU is the following thread's own, not the event loop's, where the watcher runs.)")
}

/// Carries a non-Sendable value to the one thread that uses it from then on.
private final class UncheckedBox<Value>: @unchecked Sendable {
    // Sound: the creating thread hands `value` over and never touches it again; only the
    // follower thread uses it after that.
    let value: Value
    init(_ value: Value) { self.value = value }
}
