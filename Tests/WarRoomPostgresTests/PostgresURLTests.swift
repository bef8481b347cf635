import Foundation
import Testing
@testable import WarRoomPostgres

/// URLs read as libpq reads them, without a server: defaults from the environment, Unix
/// sockets, percent-decoding, `sslmode`, refusals, and a password never shown.
@Suite struct PostgresURLTests {
    let none: [String: String] = [:]

    @Test func theFullFormAndItsParts() throws {
        let url = try PostgresURL("postgresql://ada:s%40cret@db.example.org:6543/war%20room?sslmode=verify-full&incident=INC-20261124-0900&connect_timeout=1",
                                  environment: none)
        #expect(url.host == "db.example.org" && url.port == 6543 && url.user == "ada" && url.password == "s@cret")
        #expect(url.database == "war room" && url.sslMode == .verifyFull && url.incident == "INC-20261124-0900")
        #expect(url.connectTimeout == 2, "libpq: below 2 s is 2 s")
        #expect(!url.isUnixSocket)
        #expect(url.description == "postgres://ada:***@db.example.org:6543/war%20room?incident=INC-20261124-0900")
    }

    @Test func aHostThatIsADirectoryIsAUnixSocket() throws {
        let query = try PostgresURL("postgres://nobody@/warroom?host=/tmp/pg&port=5433", environment: none)
        #expect(query.isUnixSocket && query.socketPath == "/tmp/pg/.s.PGSQL.5433")
        let encoded = try PostgresURL("postgres://nobody@%2Frun%2Fpg/warroom", environment: none)
        #expect(encoded.isUnixSocket && encoded.socketPath == "/run/pg/.s.PGSQL.5432")
        let bare = try PostgresURL("postgres:///warroom", environment: ["USER": "ada"])
        #expect(bare.socketPath == "/var/run/postgresql/.s.PGSQL.5432" && bare.user == "ada")
    }

    @Test func whatTheURLLeavesOutComesFromTheEnvironmentThenTheDefaults() throws {
        let environment = ["PGHOST": "pg.internal", "PGPORT": "5544", "PGUSER": "grace", "PGPASSWORD": "pw", "PGDATABASE": "ops", "PGSSLMODE": "require"]
        let url = try PostgresURL("postgres://", environment: environment)
        #expect(url.host == "pg.internal" && url.port == 5544 && url.user == "grace" && url.password == "pw")
        #expect(url.database == "ops" && url.sslMode == .require)
        let defaults = try PostgresURL("postgres://db", environment: ["USER": "ada"])
        #expect(defaults.port == 5432 && defaults.database == "ada" && defaults.sslMode == .prefer && defaults.password == nil)
        let ipv6 = try PostgresURL("postgres://ada@[::1]:5433/x", environment: none)
        #expect(ipv6.host == "::1" && ipv6.port == 5433)
    }

    @Test(arguments: [
        ("mysql://ada@db/x", "expected a URL starting postgres://"),
        ("postgres://ada@db/x?sslmode=sometimes", "sslmode must be one of disable, allow, prefer, require, verify-ca, verify-full"),
        ("postgres://ada@db/x?colour=red", "invalid URI query parameter 'colour'"),
        ("postgres://ada@db:99999/x", "the port must be a number from 1 to 65535"),
        ("postgres://ada@db/x%zz", "bad percent-escape"),
        ("postgres://ada@db1,db2/x", "several hosts are not supported"),
        ("postgres://ada:hunter2@db/x?bogus", "expected NAME=VALUE"),
    ])
    func badURLsSayWhatWasExpected(text: String, message: String) {
        do {
            _ = try PostgresURL(text, environment: ["USER": "ada"])
            Issue.record("\(text) was accepted")
        } catch {
            #expect(error.message.contains(message), "\(error.message)")
            #expect(!error.message.contains("hunter2"), "a password was shown: \(error.message)")
        }
    }

    @Test func redactingHidesAPasswordInTheUserPartOrAParameter() {
        #expect(PostgresURL.redacting("postgres://ada:hunter2@db/x") == "postgres://ada:***@db/x")
        #expect(PostgresURL.redacting("postgres:/ada:hunter2@db/x") == "postgres:/ada:***@db/x")
        #expect(PostgresURL.redacting("mysql://ada:hunter2@db/x") == "mysql://ada:***@db/x")
        #expect(PostgresURL.redacting("postgres://db/x?user=ada&password=hunter2&sslmode=require") == "postgres://db/x?user=ada&password=***&sslmode=require")
        #expect(PostgresURL.redacting("postgres://ada@db/x") == "postgres://ada@db/x")
    }

    @Test func thePassFileMatchesLikeLibpq() throws {
        let text = """
        # comment
        other:5432:*:ada:wrong
        db.example.org:5432:war\\:room:ada:first
        *:*:*:ada:fallback
        localhost:5432:warroom:nobody:socket
        """
        #expect(PostgresPassFile.lookup(text, host: "db.example.org", port: 5432, database: "war:room", user: "ada") == "first")
        #expect(PostgresPassFile.lookup(text, host: "elsewhere", port: 6000, database: "x", user: "ada") == "fallback")
        #expect(PostgresPassFile.lookup(text, host: "elsewhere", port: 6000, database: "x", user: "bob") == nil)
        // A file group or others can read is ignored, with a warning.
        let path = NSTemporaryDirectory() + "warroom-pgpass-" + UUID().uuidString
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let url = try PostgresURL("postgres://nobody@/warroom?passfile=\(path)", environment: none)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        var warnings: [String] = []
        #expect(PostgresPassFile.password(for: url, warn: { warnings.append($0) }) == nil)
        #expect(warnings.count == 1 && warnings[0].contains("chmod 0600"))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        #expect(PostgresPassFile.password(for: url) == "socket", "a socket in the default directory matches localhost")
    }
}
