import Dispatch
import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO
import Synchronization
import WarRoomEngine

/// One connection to PostgreSQL used synchronously: every call blocks the calling thread on
/// the connection's event loop future, with a timeout, so the synchronous session and
/// commands need no concurrency of their own (and never block a Swift concurrency thread
/// waiting for another task). A lost connection (the server restarted, the network went, a
/// timeout) is closed and reported as `.unreachable`; the next call connects again, and
/// `onConnect` runs first on the new connection (the store's `LISTEN`).
///
/// A class because it owns the connection; use it from one task at a time.
public final class PostgresLink {
    public let url: PostgresURL
    /// How long a statement may take before the connection is given up as lost.
    public var statementTimeout: TimeAmount = .seconds(5)
    /// How long a reconnect may take once a connection was lost (the first connect takes the
    /// URL's `connect_timeout`): a console waits on it, so it is short.
    public var reconnectTimeout = 2
    /// Whether a connection was ever made (later ones are reconnects).
    private var everConnected = false
    /// Runs on each new connection before anything else.
    var onConnect: ((PostgresConnection) throws(JournalError) -> Void)?
    /// Asked ten times a second while a call waits for the server: an error gives the call up
    /// at once as that error (a follower's watcher finding the store lost), instead of waiting
    /// for the statement timeout. Called on the waiting thread.
    var abandon: (() -> JournalError?)?
    /// Set by the event loop when the connection closes.
    private let lost = SharedFlag()
    /// Woken when the connection closes (and by the store's notifications).
    let wake = WakePipe()
    private var connection: PostgresConnection?
    private let password: String?
    private let logger = Logger(label: "warroom.postgres") { _ in SwiftLogNoOpLogHandler() }
    private var nextID = 1
    /// When the last attempt to connect failed (monotonic milliseconds), to try at most once a second.
    private var failedAt: Int64?
    private var lastFailure: JournalError?

    /// A link to `url` (nothing is connected until the first call); a password not in the URL
    /// or the environment comes from `.pgpass`, and `warn` hears about a pass file ignored.
    public init(url: PostgresURL, warn: (String) -> Void = { _ in }) {
        self.url = url
        password = url.password ?? PostgresPassFile.password(for: url, warn: warn)
    }

    deinit {
        if let connection { Self.close(connection) }
        wake.close()
    }

    /// Whether a connection is open now (nothing is tried).
    public var isConnected: Bool { connection != nil && !lost.isSet }

    /// Closes the connection (the next call opens a new one).
    public func disconnect() {
        if let connection { Self.close(connection) }
        connection = nil
    }

    /// The open connection, connecting first when there is none.
    func connected() throws(JournalError) -> PostgresConnection {
        if let connection, !lost.isSet { return connection }
        if let connection {
            Self.close(connection)
            self.connection = nil
        }
        if let failedAt, let lastFailure, Self.monotonicMilliseconds() - failedAt < 1_000 { throw lastFailure }
        do throws(JournalError) {
            let connection = try open()
            failedAt = nil
            lastFailure = nil
            return connection
        } catch {
            failedAt = Self.monotonicMilliseconds()
            lastFailure = error
            throw error
        }
    }

    /// How to connect to `url`: its socket or host, the login, TLS and `application_name`;
    /// the connect timeout is the URL's `connect_timeout`.
    func configuration() throws(JournalError) -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        if url.isUnixSocket {
            configuration = .init(unixSocketPath: url.socketPath, username: url.user, password: password, database: url.database)
        } else {
            configuration = .init(host: url.host, port: url.port, username: url.user, password: password, database: url.database, tls: try tls())
        }
        configuration.options.connectTimeout = .seconds(Int64(url.connectTimeout))
        if let name = url.applicationName { configuration.options.additionalStartupParameters = [("application_name", name)] }
        return configuration
    }

    private func open() throws(JournalError) -> PostgresConnection {
        var configuration = try configuration()
        let timeout = everConnected ? min(url.connectTimeout, reconnectTimeout) : url.connectTimeout
        configuration.options.connectTimeout = .seconds(Int64(timeout))
        let id = nextID
        nextID += 1
        let future = PostgresConnection.connect(on: PostgresConnection.defaultEventLoopGroup.any(), configuration: configuration,
                                                id: id, logger: logger)
        let connection: PostgresConnection
        do {
            connection = try wait(future, timeout: .seconds(Int64(timeout) + 1))
        } catch {
            throw failure(error, doing: "connecting")
        }
        lost.set(false)
        everConnected = true
        let lost = self.lost
        let wake = self.wake
        connection.closeFuture.whenComplete { _ in
            lost.set(true)
            wake.wake()
        }
        self.connection = connection
        do throws(JournalError) {
            try onConnect?(connection)
        } catch {
            self.connection = nil
            Self.close(connection)
            throw error
        }
        return connection
    }

    /// The TLS of `sslmode` (libpq's meaning: `prefer`/`allow` try TLS and go on without it;
    /// `require` insists but checks no certificate; `verify-ca` checks the chain, `verify-full`
    /// the host name too).
    private func tls() throws(JournalError) -> PostgresConnection.Configuration.TLS {
        var configuration = TLSConfiguration.makeClientConfiguration()
        switch url.sslMode {
        case .disable: return .disable
        case .allow, .prefer, .require: configuration.certificateVerification = .none
        case .verifyCA: configuration.certificateVerification = .noHostnameVerification
        case .verifyFull: configuration.certificateVerification = .fullVerification
        }
        if let file = url.sslRootCertificate { configuration.trustRoots = .file(file) }
        let context: NIOSSLContext
        do {
            context = try NIOSSLContext(configuration: configuration)
        } catch {
            throw JournalError(.invalid, path: url.description, "cannot set up TLS (sslmode=\(url.sslMode.rawValue)): \(error)")
        }
        return url.sslMode == .allow || url.sslMode == .prefer ? .prefer(context) : .require(context)
    }

    /// Runs `query` and returns its rows.
    @discardableResult
    public func query(_ query: PostgresQuery, doing what: String) throws(JournalError) -> [PostgresRow] {
        let connection = try connected()
        return try run(query, on: connection, doing: what)
    }

    /// Runs `query` on `connection` (the one being set up by `onConnect`, say).
    @discardableResult
    func run(_ query: PostgresQuery, on connection: PostgresConnection, doing what: String) throws(JournalError) -> [PostgresRow] {
        do {
            return try wait(connection.query(query, logger: logger), timeout: statementTimeout).rows
        } catch {
            let failure = failure(error, doing: what)
            if failure.kind == .unreachable {
                // A timeout leaves the statement's outcome open: drop the connection, so a
                // half-done transaction is rolled back by the server and never reused.
                if self.connection === connection { self.connection = nil }
                Self.close(connection)
            }
            throw failure
        }
    }

    /// Runs `body` inside `BEGIN` … `COMMIT` on one connection; returns once COMMIT has
    /// returned (postgres-nio completes a statement at CommandComplete, before the implicit
    /// commit of an unbracketed statement, so the explicit COMMIT is what makes an
    /// acknowledgement safe). A failure rolls back (or drops the connection).
    public func transaction<T>(doing what: String, _ body: (PostgresConnection) throws(JournalError) -> T) throws(JournalError) -> T {
        let connection = try connected()
        try run("BEGIN", on: connection, doing: what)
        let result: T
        do throws(JournalError) {
            result = try body(connection)
        } catch {
            if error.kind != .unreachable { _ = try? run("ROLLBACK", on: connection, doing: what) }
            throw error
        }
        do throws(JournalError) {
            try run("COMMIT", on: connection, doing: what)
        } catch {
            // COMMIT was sent: the server may have committed and the answer been lost.
            var unknown = error
            unknown.outcomeUnknown = error.kind == .unreachable
            throw unknown
        }
        return result
    }

    /// Blocks until `future` completes, `timeout` passes or `abandon` gives the call up.
    func wait<T: Sendable>(_ future: EventLoopFuture<T>, timeout: TimeAmount) throws -> T {
        let promise = future.eventLoop.makePromise(of: T.self)
        future.cascade(to: promise)
        let timer = future.eventLoop.scheduleTask(in: timeout) { promise.fail(Timeout(after: timeout)) }
        future.whenComplete { _ in timer.cancel() }
        if let abandon {
            let done = DispatchSemaphore(value: 0)
            promise.futureResult.whenComplete { _ in done.signal() }
            while done.wait(timeout: .now() + .milliseconds(100)) == .timedOut {
                guard let error = abandon() else { continue }
                // Completed on the event loop, as the timer completes it (a second completion is ignored there).
                future.eventLoop.execute { promise.fail(Abandoned(error: error)) }
                break
            }
        }
        return try promise.futureResult.wait()
    }

    /// A call given up by `abandon`, with its reason.
    struct Abandoned: Error {
        var error: JournalError
    }

    /// A statement or connection that took longer than its timeout.
    struct Timeout: Error, CustomStringConvertible {
        var after: TimeAmount
        var description: String { "no answer within \(after.nanoseconds / 1_000_000_000) s" }
    }

    /// `error` as a journal error: the server's own errors are bad input or I/O; anything to do
    /// with the connection (refused, closed, timed out, the server shutting down) is
    /// `.unreachable`. The password is never part of a message.
    func failure(_ error: any Error, doing what: String) -> JournalError {
        Self.failure(error, doing: what, url: url)
    }

    /// `failure(_:doing:)` for a connection to `url` (the watcher's, on its event loop).
    static func failure(_ error: any Error, doing what: String, url: PostgresURL) -> JournalError {
        if let abandoned = error as? Abandoned { return abandoned.error }
        let location = url.description
        let place = url.place
        // Trying again cannot mend a certificate nothing vouches for, or one for another name.
        let cause = (error as? PSQLError)?.underlying ?? error
        if let tls = cause as? NIOSSLError, "\(tls)".contains("CERTIFICATE_VERIFY_FAILED") {
            let root = url.sslRootCertificate.map { "the root certificate \($0)" } ?? "the system's trusted roots (name the server's root with sslrootcert=FILE)"
            return JournalError(.invalid, path: location, "the certificate of \(place) cannot be verified against \(root) "
                + "(sslmode=\(url.sslMode.rawValue)): \(tls)")
        }
        if let tls = cause as? NIOSSLExtraError, tls == .failedToValidateHostname || tls == .serverHostnameImpossibleToMatch {
            return JournalError(.invalid, path: location, "the certificate of \(place) is not for the host name \(url.host) "
                + "(sslmode=verify-full checks it; connect by a name the certificate holds, or use verify-ca): \(tls)")
        }
        if let psql = error as? PSQLError {
            if psql.code == .server, let info = psql.serverInfo {
                let state = info[.sqlState] ?? ""
                let message = info[.message] ?? "an error with no message"
                switch state {
                case "42P01":
                    return JournalError(.invalid, path: location, "the database has no warroom tables (\(message)); run: warroom db init '\(location)'")
                case "3D000":
                    return JournalError(.invalid, path: location, "\(message): create it first (createdb \(url.database))")
                case _ where state.hasPrefix("28"):
                    return JournalError(.invalid, path: location, "PostgreSQL refused the login: \(message)")
                case _ where state.hasPrefix("08") || state.hasPrefix("57P") || state == "53300":
                    return JournalError(.unreachable, path: location, "PostgreSQL at \(place) is not available (\(message)) while \(what)")
                default:
                    return JournalError(.io, path: location, "PostgreSQL refused \(what): \(message) (SQLSTATE \(state))")
                }
            }
            let reason = psql.underlying.map(plainReason) ?? "\(psql.code)"
            switch psql.code {
            case .sslUnsupported:
                return JournalError(.invalid, path: location, "sslmode=\(url.sslMode.rawValue) asks for TLS, and the server at \(place) does not offer it")
            case .authMechanismRequiresPassword:
                return JournalError(.invalid, path: location, "the server asks for a password: give it in the URL, PGPASSWORD or ~/.pgpass")
            case .unsupportedAuthMechanism, .saslError:
                return JournalError(.invalid, path: location, "cannot log in to \(place): \(reason)")
            default:
                return JournalError(.unreachable, path: location, "cannot reach PostgreSQL at \(place) while \(what): \(reason)")
            }
        }
        if error is NIOSSLError {
            return JournalError(.unreachable, path: location, "TLS with \(place) failed while \(what): \(error)")
        }
        return JournalError(.unreachable, path: location, "cannot reach PostgreSQL at \(place) while \(what): \(plainReason(error))")
    }

    /// What went wrong with a connection, in words: the system's reason ("connection
    /// refused", "no such file or directory") rather than the library's account of its attempts.
    static func plainReason(_ error: any Error) -> String {
        if let psql = error as? PSQLError, let underlying = psql.underlying { return plainReason(underlying) }
        if let connection = error as? NIOConnectionError {
            if let first = connection.connectionErrors.first { return plainReason(first.error) }
            if let lookup = connection.dnsAError ?? connection.dnsAAAAError {
                return "the host name \(connection.host) cannot be resolved (\(plainReason(lookup)))"
            }
            return "no address to connect to for \(connection.host)"
        }
        if let io = error as? IOError {
            let text = String(cString: strerror(io.errnoCode))
            return text.prefix(1).lowercased() + text.dropFirst()
        }
        if let channel = error as? ChannelError, case .connectTimeout(let after) = channel {
            return "no answer within \(after.nanoseconds / 1_000_000_000) s"
        }
        return "\(error)"
    }

    /// Closes `connection`, waiting (at most 2 s) until it is closed: postgres-nio asserts
    /// that a connection is closed before it is released.
    static func close(_ connection: PostgresConnection) {
        let closed: EventLoopFuture<Void> = connection.close()
        _ = try? closed.wait()
    }

    static func monotonicMilliseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Int64(now.tv_sec) * 1_000 + Int64(now.tv_nsec) / 1_000_000
    }
}
