import Foundation

/// A PostgreSQL connection URL read as libpq reads one
/// (`postgresql://[user[:password]@][host][:port][/dbname][?param=value&…]`), plus warroom's
/// own `incident` parameter naming the incident in the database.
///
/// - `postgres://` and `postgresql://` are both accepted; every part is percent-decoded.
/// - A host that starts with `/` (given as `?host=/dir` or percent-encoded, `%2Fdir`) is the
///   directory of a Unix socket (`DIR/.s.PGSQL.PORT`); no host at all is the Unix socket in
///   `/var/run/postgresql`, as libpq built for Debian does.
/// - What the URL leaves out comes from the environment as libpq takes it (`PGHOST`,
///   `PGPORT`, `PGUSER`, `PGPASSWORD`, `PGDATABASE`, `PGSSLMODE`, `PGPASSFILE`,
///   `PGCONNECT_TIMEOUT`), then the defaults: port 5432, user the login name, database the
///   user's name, `sslmode=prefer`. A password not in the URL or `PGPASSWORD` is looked up
///   in `.pgpass` (`PostgresPassFile`) when the connection is made.
/// - Query parameters other than those listed in `Parameter` are refused, as libpq refuses
///   them ("invalid URI query parameter").
///
/// The password is never part of `description` or any message.
public struct PostgresURL: Sendable, Hashable, CustomStringConvertible {
    /// How TLS is used: libpq's `sslmode`.
    public enum SSLMode: String, Sendable, Hashable, CaseIterable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    /// Why a URL could not be read.
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// The parameters accepted after `?`.
    public static let parameters = ["host", "port", "user", "password", "dbname", "sslmode", "sslrootcert", "connect_timeout",
                                    "application_name", "passfile", "incident"]

    /// The host name or address; or, when it starts with `/`, the Unix socket's directory.
    public var host: String
    public var port: Int
    public var user: String
    /// The password, if the URL or `PGPASSWORD` gave one.
    public var password: String?
    public var database: String
    public var sslMode: SSLMode
    /// A file of CA certificates for `verify-ca` / `verify-full` (default: the system's).
    public var sslRootCertificate: String?
    /// Seconds to wait for a connection.
    public var connectTimeout: Int
    /// Where `.pgpass` is (`passfile`, `PGPASSFILE`, else `~/.pgpass`).
    public var passFile: String?
    public var applicationName: String?
    /// The incident (`?incident=INC-…`), when the URL names one.
    public var incident: String?

    /// Whether `text` is a PostgreSQL URL rather than a file path.
    public static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Whether the host is a Unix socket's directory.
    public var isUnixSocket: Bool { host.hasPrefix("/") }

    /// The Unix socket's path, for a socket host.
    public var socketPath: String { "\(host)/.s.PGSQL.\(port)" }
    /// Where the server is, as messages name it: its socket, or `host:port`.
    public var place: String { isUnixSocket ? "the socket \(socketPath)" : "\(host):\(port)" }

    /// The default socket directory of Debian's libpq.
    public static let defaultSocketDirectory = "/var/run/postgresql"

    /// Reads `text`, filling what it leaves out from `environment` and the login `userName`.
    public init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment,
                userName: String? = nil) throws(Failure) {
        let shown = PostgresURL.redacting(text)
        func fail(_ why: String) -> Failure { Failure(message: "\(shown): \(why)") }
        let rest: Substring
        if text.hasPrefix("postgresql://") {
            rest = text.dropFirst("postgresql://".count)
        } else if text.hasPrefix("postgres://") {
            rest = text.dropFirst("postgres://".count)
        } else {
            throw fail("expected a URL starting postgres:// or postgresql:// (postgres://USER@HOST/DB?incident=INC-…)")
        }
        var authorityAndPath = rest
        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            authorityAndPath = rest[..<mark]
            query = rest[rest.index(after: mark)...]
        }
        var authority = authorityAndPath
        var path: Substring?
        if let slash = authorityAndPath.firstIndex(of: "/") {
            authority = authorityAndPath[..<slash]
            path = authorityAndPath[authorityAndPath.index(after: slash)...]
        }
        var userPart: Substring?
        var hostPart = authority
        if let at = authority.lastIndex(of: "@") {
            userPart = authority[..<at]
            hostPart = authority[authority.index(after: at)...]
        }
        var values: [String: String] = [:]
        func decoded(_ part: Substring, _ what: String) throws(Failure) -> String {
            guard let value = PostgresURL.percentDecoded(part) else { throw fail("the \(what) has a bad percent-escape (expected %XX with two hex digits)") }
            return value
        }
        if let userPart {
            if let colon = userPart.firstIndex(of: ":") {
                values["user"] = try decoded(userPart[..<colon], "user name")
                values["password"] = try decoded(userPart[userPart.index(after: colon)...], "password")
            } else {
                values["user"] = try decoded(userPart, "user name")
            }
        }
        // host[:port], or [v6-address][:port]
        var hostText = hostPart
        if hostPart.hasPrefix("[") {
            guard let close = hostPart.firstIndex(of: "]") else { throw fail("an IPv6 address in [ ] has no closing ]") }
            values["host"] = String(hostPart[hostPart.index(after: hostPart.startIndex)..<close])
            hostText = hostPart[hostPart.index(after: close)...]
            if !hostText.isEmpty {
                guard hostText.hasPrefix(":") else { throw fail("expected :PORT after the IPv6 address") }
                values["port"] = try decoded(hostText.dropFirst(), "port")
            }
        } else {
            if hostText.contains(",") { throw fail("several hosts are not supported; give one host") }
            if let colon = hostText.lastIndex(of: ":") {
                values["port"] = try decoded(hostText[hostText.index(after: colon)...], "port")
                hostText = hostText[..<colon]
            }
            if !hostText.isEmpty { values["host"] = try decoded(hostText, "host") }
        }
        if let path, !path.isEmpty { values["dbname"] = try decoded(path, "database name") }
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            guard let equals = pair.firstIndex(of: "=") else { throw fail("expected NAME=VALUE in the query; found '\(pair)'") }
            let name = try decoded(pair[..<equals], "parameter name")
            guard PostgresURL.parameters.contains(name) else {
                throw fail("invalid URI query parameter '\(name)'; expected one of \(PostgresURL.parameters.joined(separator: ", "))")
            }
            values[name] = try decoded(pair[pair.index(after: equals)...], "value of \(name)")
        }
        func setting(_ name: String, _ variable: String) -> String? {
            if let value = values[name], !value.isEmpty { return value }
            if let value = environment[variable], !value.isEmpty { return value }
            return nil
        }
        host = setting("host", "PGHOST") ?? PostgresURL.defaultSocketDirectory
        let portText = setting("port", "PGPORT") ?? "5432"
        guard let port = Int(portText), (1...65_535).contains(port) else { throw fail("the port must be a number from 1 to 65535; found '\(portText)'") }
        self.port = port
        guard let user = setting("user", "PGUSER") ?? userName ?? environment["USER"] ?? environment["LOGNAME"], !user.isEmpty else {
            throw fail("no user name: give one in the URL (postgres://USER@HOST/DB) or PGUSER")
        }
        self.user = user
        password = values["password"] ?? environment["PGPASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
        database = setting("dbname", "PGDATABASE") ?? user
        let modeText = setting("sslmode", "PGSSLMODE") ?? SSLMode.prefer.rawValue
        guard let mode = SSLMode(rawValue: modeText) else {
            throw fail("sslmode must be one of \(SSLMode.allCases.map(\.rawValue).joined(separator: ", ")); found '\(modeText)'")
        }
        sslMode = mode
        sslRootCertificate = setting("sslrootcert", "PGSSLROOTCERT")
        let timeoutText = setting("connect_timeout", "PGCONNECT_TIMEOUT") ?? "10"
        guard let timeout = Int(timeoutText), timeout >= 0 else { throw fail("connect_timeout must be a whole number of seconds; found '\(timeoutText)'") }
        // libpq: 0 waits for ever, and anything below 2 is 2.
        connectTimeout = timeout == 0 ? 3_600 : max(2, timeout)
        passFile = setting("passfile", "PGPASSFILE")
        applicationName = values["application_name"]
        incident = values["incident"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The URL for messages: every part but the password, which shows as `***` when given.
    public var description: String {
        var text = "postgres://\(PostgresURL.encoded(user))\(password == nil ? "" : ":***")@"
        if isUnixSocket {
            text += "/\(PostgresURL.encoded(database))?host=\(host)" + (port == 5432 ? "" : "&port=\(port)")
        } else {
            text += (host.contains(":") ? "[\(host)]" : host) + (port == 5432 ? "" : ":\(port)") + "/\(PostgresURL.encoded(database))"
        }
        if let incident { text += (isUnixSocket ? "&" : "?") + "incident=\(PostgresURL.encoded(incident))" }
        return text
    }

    /// The same URL naming `incident`.
    public func with(incident: String?) -> PostgresURL {
        var copy = self
        copy.incident = incident
        return copy
    }

    /// `text` with any password between `://user:` (or a mistyped `:/user:`) and `@` replaced
    /// by `***`, for messages about a URL that could not be read.
    public static func redacting(_ text: String) -> String {
        var shown = text
        // After the scheme's `:` and its slashes (`://`, or a mistyped `:/`).
        if let scheme = shown.range(of: ":/") {
            let rest = shown[scheme.upperBound...].drop { $0 == "/" }
            let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
            if let at = rest[..<authorityEnd].lastIndex(of: "@"), let colon = rest[..<at].firstIndex(of: ":") {
                shown.replaceSubrange(shown.index(after: colon)..<at, with: "***")
            }
        }
        // A password given as a parameter.
        if let range = shown.range(of: "password=") {
            let end = shown[range.upperBound...].firstIndex(of: "&") ?? shown.endIndex
            shown.replaceSubrange(range.upperBound..<end, with: "***")
        }
        return shown
    }

    static func percentDecoded(_ text: Substring) -> String? {
        guard text.contains("%") else { return String(text) }
        let utf8 = Array(text.utf8)
        var bytes: [UInt8] = []
        var index = 0
        while index < utf8.count {
            if utf8[index] == UInt8(ascii: "%") {
                guard index + 2 < utf8.count,
                      let high = hex(utf8[index + 1]), let low = hex(utf8[index + 2]) else { return nil }
                bytes.append(high << 4 | low)
                index += 3
            } else {
                bytes.append(utf8[index])
                index += 1
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    static func encoded(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
