import Foundation
import Synchronization
import Testing
import WarRoomEngine
import WarRoomPostgres
import WarRoomTestSupport

/// The database the PostgreSQL tests use: `WARROOM_TEST_DATABASE_URL`, set by `.ci/run` to a
/// throwaway cluster (`.ci/pg-cluster`). Without it those tests are skipped, saying why.
enum TestDatabase {
    static let variable = "WARROOM_TEST_DATABASE_URL"
    static let text = ProcessInfo.processInfo.environment[variable].flatMap { $0.isEmpty ? nil : $0 }
    static var available: Bool {
        if text == nil { skipNotice }
        return text != nil
    }
    static let skipReason: Comment = "\(variable) is not set (run .ci/run, or .ci/pg-cluster start DIR and export its URL)"
    /// Printed once, so a run without the variable says plainly that these tests did not run.
    static let skipNotice: Void = {
        FileHandle.standardError.write(Data("warroom: PostgreSQL tests skipped: \(skipReason)\n".utf8))
    }()

    /// The URL with the schema initialised (once per process).
    static func url() throws -> PostgresURL {
        let url = try PostgresURL(try #require(text))
        try initialised.withLock { (done: inout Bool) throws(JournalError) in
            if !done {
                _ = try PostgresAdmin.initialise(PostgresLink(url: url))
                done = true
            }
        }
        return url
    }

    private static let initialised = Mutex(false)

    /// A fresh incident id, so tests sharing the database never meet.
    static func incident() -> String {
        "INC-TEST-" + UUID().uuidString.prefix(12)
    }
}

/// The embedded default runbook, which every test of this target runs on.
enum DrillRunbook {
    static let t0 = Instant(iso8601: "2026-11-24T09:00:00Z") ?? Instant(milliseconds: 0)

    static func source() throws -> RunbookSource {
        try RunbookSource.load(path: nil)
    }

    /// A session on `store` for the default runbook.
    static func session(_ store: any JournalStore, as name: String = "alice", clock: any Clock = VirtualClock(start: t0),
                        create: Bool = true, incident: String? = nil) throws -> IncidentSession {
        let source = try source()
        return try IncidentSession(store: store, runbook: source.runbook, runbookPath: source.path, runbookBytes: source.bytes,
                                   operator: name, clock: clock, create: create, incident: incident)
    }
}

extension IncidentSession {
    /// Submits `command`; records an issue and returns nil unless it is acknowledged.
    @discardableResult
    func expectAccepted(_ command: Command, as name: String = "alice", sourceLocation: SourceLocation = #_sourceLocation) -> Event? {
        switch submit(command, operator: name) {
        case .accepted(let event): return event
        case .refused(let refusal): Issue.record("refused: \(refusal)", sourceLocation: sourceLocation)
        case .failed(let error): Issue.record("failed: \(error)", sourceLocation: sourceLocation)
        }
        return nil
    }
}

/// A PostgreSQL cluster of a test's own (`.ci/pg-cluster`), for tests that stop, kill and
/// restart the server. Stopped when the value goes away.
final class ThrowawayCluster: Sendable {
    let directory: String
    let url: PostgresURL

    /// Whether this machine has the server binaries.
    static var available: Bool {
        (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql"))?
            .contains { FileManager.default.isExecutableFile(atPath: "/usr/lib/postgresql/\($0)/bin/pg_ctl") } ?? false
    }

    /// A cluster on its Unix socket, and on 127.0.0.1:`port` too when one is given (offering
    /// TLS there with `tls`: its certificate, for the name localhost only, is `certificate`).
    init(port: Int? = nil, tls: Bool = false) throws {
        directory = "/tmp/warroom-pg-" + UUID().uuidString.prefix(8)
        let started = try Spawn.run([RepoPaths.root + "/.ci/pg-cluster", "start", directory] + (port.map { [String($0)] } ?? [])
                                    + (tls ? ["tls"] : []))
        guard started.status == 0, let line = started.output.split(separator: "\n").last else {
            throw Spawn.SpawnError(message: "cannot start a cluster in \(directory): \(started.output)")
        }
        url = try PostgresURL(String(line))
        _ = try PostgresAdmin.initialise(PostgresLink(url: url))
    }

    /// Kills the server as a crash would (immediate shutdown: no checkpoint).
    func kill() throws {
        _ = try Spawn.run([RepoPaths.root + "/.ci/pg-cluster", "kill", directory])
    }

    /// The self-signed certificate of a cluster started with `tls`.
    var certificate: String { directory + "/server.crt" }

    /// Stops every server process (SIGSTOP): connections stay open and nothing answers, as
    /// when the network goes quiet. `thaw` lets them go on.
    func freeze() throws {
        let frozen = try Spawn.run([RepoPaths.root + "/.ci/pg-cluster", "freeze", directory])
        guard frozen.status == 0 else { throw Spawn.SpawnError(message: "cannot freeze the cluster in \(directory): \(frozen.output)") }
    }

    func thaw() throws {
        _ = try Spawn.run([RepoPaths.root + "/.ci/pg-cluster", "thaw", directory])
    }

    func start() throws {
        let started = try Spawn.run([RepoPaths.root + "/.ci/pg-cluster", "start", directory])
        guard started.status == 0 else { throw Spawn.SpawnError(message: "cannot restart the cluster in \(directory): \(started.output)") }
    }

    deinit {
        _ = try? Spawn.run([RepoPaths.root + "/.ci/pg-cluster", "stop", directory])
        try? FileManager.default.removeItem(atPath: directory)
    }
}

/// Runs `body` on a thread of its own and waits for it: the store blocks its thread while
/// it waits for the server, and a Swift concurrency thread should not be the one blocked.
@discardableResult
func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
            do { continuation.resume(returning: try body()) } catch { continuation.resume(throwing: error) }
        }
        thread.stackSize = 4 << 20
        thread.start()
    }
}
