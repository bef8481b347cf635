// warroom-bench: the figures behind the issue's performance targets, printed side by side
// with a baseline measured in the same run. Not a test: it only prints.
//
//   warroom-bench replay  [--events N] [--warroom PATH] [--keep FILE]
//       generates a journal of N events (default 1,000,000), then times
//       `warroom replay FILE --no-timeline --format json` (events/s, peak RSS)
//       beside `jq -c . FILE > /dev/null` on the same file.
//   warroom-bench generate --events N FILE
//       writes the replay benchmark's journal of N events to FILE and nothing else.
//   warroom-bench append  [--events N] [--dir DIR]
//       N commands (default 5,000) through IncidentSession with fsync per command
//       (events/s, p50/p99 latency per acknowledged command) beside a plain
//       write+fsync loop of the same line size.
//   warroom-bench shared  --url postgres://… [--events N] [--dir DIR]
//       acknowledged appends on the journal file and on PostgreSQL beside a plain
//       BEGIN; INSERT; COMMIT loop, and how soon another session has an event
//       (SharedStoreBenchmark.swift).
//   warroom-bench render  [--runbook FILE] [--frames N]
//       the console's 200x60 frame for a runbook mid-incident (median, p99), beside an
//       empty frame; and the pure part of a keystroke and of a resize.
#if canImport(Glibc)
import Glibc
#endif
import WarRoomEngine

func monotonicNanoseconds() -> UInt64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
}

func option(_ name: String, in arguments: [String]) -> String? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

func fail(_ message: String) -> Never {
    let text = Array("warroom-bench: \(message)\n".utf8)
    _ = text.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    exit(2)
}

func formatted(_ value: Double, _ decimals: Int = 0) -> String {
    let text = String(Int(value.rounded()))
    if decimals > 0 {
        // Rounded as a whole first, so 365.96 reads 366.0 (not 365.10).
        let scale = Int(pow(10.0, Double(decimals)))
        let scaled = Int((abs(value) * Double(scale)).rounded())
        let fraction = String(scaled % scale)
        return (value < 0 ? "-" : "") + String(scaled / scale) + "." + String(repeating: "0", count: max(0, decimals - fraction.count)) + fraction
    }
    // Thousands separators.
    var out = ""
    for (index, character) in text.reversed().enumerated() {
        if index > 0, index % 3 == 0, character != "-" { out.append(",") }
        out.append(character)
    }
    return String(out.reversed())
}

/// Runs a command through /bin/sh, returning wall seconds and the child's peak RSS in MiB.
func measure(_ command: String) -> (seconds: Double, peakMiB: Double, status: Int32) {
    let start = monotonicNanoseconds()
    var pid: pid_t = 0
    var argv: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/sh"), strdup("-c"), strdup(command), nil]
    defer { for pointer in argv { free(pointer) } }
    guard posix_spawn(&pid, "/bin/sh", nil, nil, &argv, environ) == 0 else { fail("cannot run \(command)") }
    var status: Int32 = 0
    var usage = rusage()
    _ = wait4(pid, &status, 0, &usage)
    let seconds = Double(monotonicNanoseconds() - start) / 1e9
    return (seconds, Double(usage.ru_maxrss) / 1024, (status >> 8) & 0xFF)
}

// MARK: - Replay

func generateJournal(path: String, events: Int) throws {
    let runbook = try DefaultRunbook.load()
    let start = Instant(seconds: 1_795_510_800)
    let header = JournalHeader(incident: "INC-BENCH", runbook: runbook, path: RunbookSource.embeddedPrefix + DefaultRunbook.fileName,
                               bytes: DefaultRunbook.bytes, openedAt: start, openedBy: "bench")
    guard let file = fopen(path, "w") else { fail("cannot create \(path)") }
    defer { fclose(file) }
    var line = header.line + "\n"
    fputs(line, file)
    let procedure = "method-4-database-schema-rollback"
    var sequence = 0
    func emit(_ kind: EventKind, _ op: String = "ic") {
        sequence += 1
        line = EventJSON.line(Event(sequence: sequence, at: start.adding(milliseconds: Int64(sequence) * 250), operator: op, kind: kind))
        line.append("\n")
        fputs(line, file)
    }
    emit(.incidentDeclared(title: "Benchmark incident: database rollback", severity: "SEV1"))
    emit(.triggerFired(trigger: "database-corruption-detected"))
    emit(.decisionAnswered(tree: "select-rollback-method", node: "schema-change", answer: "YES", leadsTo: "data-corrupted", outcome: false))
    emit(.decisionAnswered(tree: "select-rollback-method", node: "data-corrupted", answer: "YES", leadsTo: "use-database-rollback-data-corrupted", outcome: true))
    emit(.procedureStarted(procedure: procedure))
    var cycle = 0
    while sequence < events {
        let step = cycle % 7 + 1
        emit(.stepStarted(procedure: procedure, step: step), "dba")
        emit(.checklistTicked(procedure: procedure, step: step, item: cycle % 3 + 1), "dba")
        emit(.stepDone(procedure: procedure, step: step), "dba")
        emit(.communicationSent(audience: "rollback-progress-updates", channel: "Slack #incidents", text: "Status: on track, step \(step) done, cycle \(cycle)"), "comms")
        emit(.noteAdded(text: "cycle \(cycle): replica lag 120 ms, error rate 0.4%"), "scribe")
        emit(.stepReopened(procedure: procedure, step: step), "dba")
        cycle += 1
    }
}

func replayBenchmark(_ arguments: [String]) throws {
    let events = Int(option("--events", in: arguments) ?? "") ?? 1_000_000
    let warroom = option("--warroom", in: arguments) ?? ".build/release/warroom"
    guard access(warroom, X_OK) == 0 else { fail("no warroom binary at \(warroom); build it with swift build -c release, or pass --warroom PATH") }
    let path = option("--keep", in: arguments) ?? "/tmp/warroom-bench-\(getpid()).jsonl"
    let generated = monotonicNanoseconds()
    try generateJournal(path: path, events: events)
    var info = stat()
    stat(path, &info)
    let written = events
    print("journal: \(path), \(formatted(Double(written))) events, \(formatted(Double(info.st_size) / 1_048_576, 1)) MiB, generated in \(formatted(Double(monotonicNanoseconds() - generated) / 1e9, 2)) s")
    // Warm the page cache for both readers alike.
    _ = measure("cat '\(path)' > /dev/null")
    let replay = measure("'\(warroom)' replay '\(path)' --no-timeline --format json > /dev/null")
    let jq = measure("jq -c . '\(path)' > /dev/null")
    if replay.status != 0 { fail("warroom replay exited \(replay.status)") }
    print("")
    print("| replay of \(formatted(Double(written))) events | wall s | events/s | peak RSS MiB |")
    print("|---|---:|---:|---:|")
    print("| warroom replay --no-timeline --format json | \(formatted(replay.seconds, 2)) | \(formatted(Double(written) / replay.seconds)) | \(formatted(replay.peakMiB, 1)) |")
    print("| jq -c . > /dev/null | \(formatted(jq.seconds, 2)) | \(formatted(Double(written) / jq.seconds)) | \(formatted(jq.peakMiB, 1)) |")
    print("")
    print("target: >= 500,000 events/s and < 200 MiB peak RSS: \(Double(written) / replay.seconds >= 500_000 && replay.peakMiB < 200 ? "met" : "NOT met")")
    let speedup = jq.seconds / replay.seconds
    print("warroom replay / jq -c . = \(formatted(speedup, 2))× faster (target: >= 4×): \(speedup >= 4 ? "met" : "NOT met")")
    if option("--keep", in: arguments) == nil { unlink(path) }
}

// MARK: - Durable appends

func percentile(_ sorted: [UInt64], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    let index = min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))
    return Double(sorted[index])
}

func appendBenchmark(_ arguments: [String]) throws {
    let count = Int(option("--events", in: arguments) ?? "") ?? 5_000
    let directory = option("--dir", in: arguments) ?? "/tmp"
    let journal = "\(directory)/warroom-bench-append-\(getpid()).jsonl"
    let raw = "\(directory)/warroom-bench-raw-\(getpid()).jsonl"
    defer { unlink(journal); unlink(JournalCheckpoint.path(forJournal: journal)); unlink(raw) }
    let runbook = try DefaultRunbook.load()
    let session = try IncidentSession(journal: journal, runbook: runbook, runbookPath: RunbookSource.embeddedPrefix + DefaultRunbook.fileName,
                                      runbookBytes: DefaultRunbook.bytes, operator: "bench", clock: SystemClock())
    guard case .accepted = session.submit(.declare(title: "append benchmark", severity: "SEV1"), operator: "bench") else { fail("declare refused") }
    let text = "replica lag 120 ms, error rate 0.4%, all steps on track"
    var lineBytes = 0
    if case .accepted(let event) = session.submit(.note(text), operator: "bench") { lineBytes = EventJSON.line(event).utf8.count + 1 }
    let fd = open(raw, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
    guard fd >= 0 else { fail("cannot create \(raw)") }
    let line = [UInt8](repeating: 0x61, count: lineBytes - 1) + [0x0A]
    var latencies: [UInt64] = [], rawLatencies: [UInt64] = []
    latencies.reserveCapacity(count)
    rawLatencies.reserveCapacity(count)
    var engineNanoseconds: UInt64 = 0, rawNanoseconds: UInt64 = 0
    // Alternate rounds of the two, so both see the same disk and the same neighbours.
    let rounds = 10
    for _ in 0..<rounds {
        let engineStart = monotonicNanoseconds()
        for _ in 0..<(count / rounds) {
            let start = monotonicNanoseconds()
            guard case .accepted = session.submit(.note(text), operator: "bench") else { fail("append failed") }
            latencies.append((monotonicNanoseconds() - start) / 1_000)
        }
        engineNanoseconds += monotonicNanoseconds() - engineStart
        // Baseline: plain write + fsync of a line of the same size.
        let rawStart = monotonicNanoseconds()
        for _ in 0..<(count / rounds) {
            let start = monotonicNanoseconds()
            _ = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard fsync(fd) == 0 else { fail("fsync failed") }
            rawLatencies.append((monotonicNanoseconds() - start) / 1_000)
        }
        rawNanoseconds += monotonicNanoseconds() - rawStart
    }
    let engineSeconds = Double(engineNanoseconds) / 1e9, rawSeconds = Double(rawNanoseconds) / 1e9
    close(fd)
    latencies.sort()
    rawLatencies.sort()
    let done = Double(latencies.count)
    let engineRate = done / engineSeconds, rawRate = done / rawSeconds
    print("durable appends: \(formatted(Double(latencies.count))) commands of \(lineBytes)-byte lines, fsync per command, in \(directory)")
    print("")
    print("| | events/s | p50 µs | p99 µs | max µs |")
    print("|---|---:|---:|---:|---:|")
    print("| engine (IncidentSession.submit: flock, catch-up, validate, write, fsync) | \(formatted(engineRate)) | \(formatted(percentile(latencies, 0.5))) | \(formatted(percentile(latencies, 0.99))) | \(formatted(percentile(latencies, 1))) |")
    print("| plain write + fsync loop | \(formatted(rawRate)) | \(formatted(percentile(rawLatencies, 0.5))) | \(formatted(percentile(rawLatencies, 0.99))) | \(formatted(percentile(rawLatencies, 1))) |")
    print("")
    print("engine / plain = \(formatted(engineRate / rawRate * 100, 1)) % (target: >= 85 %): \(engineRate >= 0.85 * rawRate ? "met" : "NOT met")")
}

let arguments = Array(CommandLine.arguments.dropFirst())
do {
    switch arguments.first {
    case "replay": try replayBenchmark(arguments)
    case "generate":
        guard let path = arguments.dropFirst().last, !path.hasPrefix("--") else { fail("usage: warroom-bench generate --events N FILE") }
        try generateJournal(path: path, events: Int(option("--events", in: arguments) ?? "") ?? 1_000_000)
    case "append": try appendBenchmark(arguments)
    case "render": try renderBenchmark(arguments)
    case "shared": try sharedStoreBenchmark(arguments)
    default: fail("usage: warroom-bench generate --events N FILE | replay [--events N] [--warroom PATH] [--keep FILE] | append [--events N] [--dir DIR] | render [--runbook FILE] [--frames N] | shared --url URL [--events N] [--dir DIR]")
    }
} catch {
    fail("\(error)")
}
