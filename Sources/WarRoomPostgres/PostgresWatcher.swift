import Logging
import NIOCore
import PostgresNIO
import Synchronization
import WarRoomEngine

/// A follower's second connection, run entirely on its event loop, that knows whether the
/// store answers without the follower ever waiting on the network (docs/shared-store.md).
///
/// It `LISTEN`s, and once a second asks for the incident's last sequence number. An answer
/// or a notification that moves it on, or a change between answering and not answering,
/// wakes the link's `WakePipe`. A question not answered within `probeTimeout` (a network that went
/// quiet: no reset, nothing) or a connection that closed makes the store *lost* at once; it
/// connects again every second and is *live* again when a connection has `LISTEN`ed and
/// answered (so nothing committed meanwhile is missed: what came before the `LISTEN` is in the
/// last sequence number, what came after is notified).
///
/// The console's loop reads `state` (a lock, no I/O): while lost, its reads and appends fail
/// at once as `.unreachable` instead of each waiting for a statement timeout.
///
/// Sendable: every mutable field is behind `state`'s Mutex, and the event loop only ever
/// touches them through it.
final class PostgresWatcher: Sendable {
    /// What the watcher knows about the store.
    enum Health: Sendable, Equatable {
        /// Not yet connected: nothing known (a follower goes on as if it answers).
        case starting
        /// Answered within the timeout; `lastSequence` is the incident's last sequence number then.
        case live(lastSequence: Int)
        /// Not answering: why, as a journal error to report.
        case lost(JournalError)
    }

    private struct State {
        var health: Health = .starting
        var connection: PostgresConnection?
        var stopped = false
        var nextID = 1_000_000
    }

    private let state = Mutex(State())
    private let configuration: PostgresConnection.Configuration
    private let incident: String
    private let url: PostgresURL
    private let wake: WakePipe
    private let loop: any EventLoop
    private let logger = Logger(label: "warroom.postgres.watch") { _ in SwiftLogNoOpLogHandler() }
    /// How long a question may go unanswered before the store is lost.
    let probeTimeout: TimeAmount
    /// How often the store is asked (and, while lost, connected to again).
    let interval: TimeAmount

    init(configuration: PostgresConnection.Configuration, url: PostgresURL, incident: String, wake: WakePipe,
         probeTimeout: TimeAmount = .milliseconds(2_000), interval: TimeAmount = .seconds(1)) {
        self.configuration = configuration
        self.url = url
        self.incident = incident
        self.wake = wake
        self.probeTimeout = probeTimeout
        self.interval = interval
        loop = PostgresConnection.defaultEventLoopGroup.any()
        loop.execute { self.connect() }
    }

    /// What is known now.
    var health: Health { state.withLock { $0.health } }

    /// Stops watching and closes the connection (waiting for it to close: postgres-nio
    /// asserts that a connection is closed before it is released). Not on the event loop.
    func stop() {
        let connection = state.withLock { state -> PostgresConnection? in
            state.stopped = true
            defer { state.connection = nil }
            return state.connection
        }
        if let connection { _ = try? connection.close().wait() }
    }

    // MARK: On the event loop

    private func connect() {
        let id = state.withLock { state -> Int? in
            guard !state.stopped else { return nil }
            state.nextID += 1
            return state.nextID
        }
        guard let id else { return }
        var configuration = self.configuration
        configuration.options.connectTimeout = probeTimeout
        PostgresConnection.connect(on: loop, configuration: configuration, id: id, logger: logger).whenComplete { result in
            switch result {
            case .success(let connection):
                self.listen(on: connection)
            case .failure(let error):
                self.lose(nil, PostgresLink.failure(error, doing: "watching for new events", url: self.url))
            }
        }
    }

    private func listen(on connection: PostgresConnection) {
        let keep = state.withLock { state -> Bool in
            guard !state.stopped else { return false }
            state.connection = connection
            return true
        }
        guard keep else {
            let closing: EventLoopFuture<Void> = connection.close()
            _ = closing
            return
        }
        let wake = self.wake
        connection.closeFuture.whenComplete { _ in
            self.lose(connection, JournalError(.unreachable, path: self.url.description,
                                               "the connection to PostgreSQL at \(self.url.place) closed (watching for new events)"))
        }
        guard !connection.isClosed else { return }
        connection.addListener(channel: PostgresSchema.channel) { _, notification in
            if self.heard(notification.payload, on: connection) { wake.wake() }
        }
        ask(connection, "LISTEN \(unescaped: PostgresSchema.channel)") { _ in self.probe(connection) }
    }

    /// A notification `INCIDENT:SEQ`: true when it is this incident's and moves the last
    /// sequence number on (another incident's, or an old one, wakes nobody).
    private func heard(_ payload: String, on connection: PostgresConnection) -> Bool {
        guard let colon = payload.lastIndex(of: ":"), payload[..<colon] == incident,
              let sequence = Int(payload[payload.index(after: colon)...]) else { return false }
        return state.withLock { state -> Bool in
            guard state.connection === connection else { return false }
            switch state.health {
            case .live(let last) where last >= sequence: return false
            case .starting, .live: state.health = .live(lastSequence: sequence)
            case .lost: return false
            }
            return true
        }
    }

    /// Asks for the last sequence number, then again after `interval`, for as long as `connection` is the watcher's.
    private func probe(_ connection: PostgresConnection) {
        ask(connection, "SELECT last_seq FROM warroom_incidents WHERE incident = \(incident)") { rows in
            let asked = (try? rows.first?.decode(Int.self)) ?? 0
            let changed = self.state.withLock { state -> Bool? in
                guard state.connection === connection else { return nil }
                // A notification may have told of a later event than the answer holds.
                var last = asked
                if case .live(let heard) = state.health { last = max(last, heard) }
                defer { state.health = .live(lastSequence: last) }
                return state.health != .live(lastSequence: last)
            }
            // A connection no longer the watcher's (lost, or stopped) is asked nothing more.
            guard let changed else { return }
            if changed { self.wake.wake() }
            self.loop.scheduleTask(in: self.interval) { self.probe(connection) }
        }
    }

    /// Runs `query` on `connection`; `answered` gets its rows when they come within
    /// `probeTimeout`, and the store is lost otherwise.
    private func ask(_ connection: PostgresConnection, _ query: PostgresQuery, answered: @escaping @Sendable ([PostgresRow]) -> Void) {
        let timer = loop.scheduleTask(in: probeTimeout) {
            self.lose(connection, JournalError(.unreachable, path: self.url.description,
                                               "PostgreSQL at \(self.url.place) has not answered for \(self.probeTimeout.nanoseconds / 1_000_000_000) s"))
        }
        connection.query(query, logger: logger).whenComplete { result in
            timer.cancel()
            switch result {
            case .success(let answer): answered(answer.rows)
            case .failure(let error): self.lose(connection, PostgresLink.failure(error, doing: "watching for new events", url: self.url))
            }
        }
    }

    /// The store is lost (`connection` is the watcher's, or nil when connecting failed): says
    /// so, closes the connection and tries again after `interval`.
    private func lose(_ connection: PostgresConnection?, _ error: JournalError) {
        let outcome = state.withLock { state -> (wasLost: Bool, retry: Bool)? in
            guard !state.stopped, connection == nil || state.connection === connection else { return nil }
            state.connection = nil
            if case .lost = state.health { return (true, true) }
            state.health = .lost(error)
            return (false, true)
        }
        if let connection, !connection.isClosed { let closing: EventLoopFuture<Void> = connection.close(); _ = closing }
        guard let outcome else { return }
        if !outcome.wasLost { wake.wake() }
        loop.scheduleTask(in: interval) { self.connect() }
    }
}
