import Foundation
import Testing
import WarRoomTestSupport

/// The database of the shared-store tests, when `.ci/run` (or you) set one.
let sharedTestDatabase = ProcessInfo.processInfo.environment["WARROOM_TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }

/// A war room across machines, in real terminals: three consoles (tmux) and two headless
/// writers on one incident in PostgreSQL (`WARROOM_TEST_DATABASE_URL`, set by `.ci/run`), each
/// seeing the others' events within a second.
@Suite(.serialized, .enabled(if: TmuxSession.available && sharedTestDatabase != nil,
                             "needs tmux and WARROOM_TEST_DATABASE_URL (run .ci/run)"))
struct SharedStoreEndToEndTests {
    static let database = sharedTestDatabase
    let binary: String
    let url: String

    init() throws {
        binary = try #require(RepoPaths.warroom, "warroom is not built; run swift build first")
        let database = try #require(Self.database)
        #expect(try Self.run(binary, ["db", "init", database]).status == 0)
        url = database + (database.contains("?") ? "&" : "?") + "incident=INC-E2E-" + UUID().uuidString.prefix(8)
    }

    /// Runs the binary to its end with `input` on standard input.
    static func run(_ binary: String, _ arguments: [String], input: String = "") throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        try stdin.fileHandleForWriting.write(contentsOf: Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    /// Waits until every console shows `text`; each must within a second of `since`.
    private func expectSeen(_ text: String, on consoles: [(String, TmuxSession)], since: Date,
                            sourceLocation: SourceLocation = #_sourceLocation) throws {
        for (name, console) in consoles {
            try console.waitFor(text, seconds: 5, sourceLocation: sourceLocation)
            let took = Date().timeIntervalSince(since)
            // The screen is read every 100 ms (and three screens in turn): allow for that.
            #expect(took < 1.3, "\(name) showed '\(text)' after \(took) s", sourceLocation: sourceLocation)
        }
    }

    @Test("three consoles and two headless writers on one incident see each other within a second")
    func threeConsolesAndTwoWriters() throws {
        let ada = try TmuxSession(command: "\(binary) open --journal '\(url)' --operator ada", width: 200, height: 50)
        try ada.waitFor("press D to declare")
        try ada.send("D")
        try ada.type("Shared bridge")
        try ada.send("Enter")
        try ada.waitFor("Shared bridge")
        let bob = try TmuxSession(command: "\(binary) open --journal '\(url)' --operator bob", width: 200, height: 50)
        let cy = try TmuxSession(command: "\(binary) open --journal '\(url)' --operator cy", width: 200, height: 50)
        try bob.waitFor("Shared bridge")
        try cy.waitFor("Shared bridge")
        let consoles = [("ada", ada), ("bob", bob), ("cy", cy)]

        for writer in ["w1", "w2"] {
            let answer = try Self.run(binary, ["headless", "--journal", url, "--operator", writer], input: "note from \(writer)\n")
            let acknowledged = Date()
            #expect(answer.status == 0 && answer.output.contains(#""ok":true"#), "\(answer.output)")
            try expectSeen("note      from \(writer)", on: consoles, since: acknowledged)
        }
        try bob.send("n")
        try bob.type("from bob")
        try bob.send("Enter")
        try bob.waitFor("✓ note")
        let acknowledged = Date()
        try expectSeen("bob note      from bob", on: [("ada", ada), ("cy", cy)], since: acknowledged)

        // Every event once, in order, in the database: the export says so.
        let exported = try Self.run(binary, ["journal", "export", url])
        let lines = exported.output.split(separator: "\n").dropFirst()
        #expect(lines.count == 4, "\(exported.output)")
        for (offset, line) in lines.enumerated() { #expect(line.hasPrefix("{\"seq\":\(offset + 1),"), "\(line)") }
        for (_, console) in consoles { try console.send("q") }
        try ada.waitFor("Incident journal: postgres://")
    }
}

/// A console whose PostgreSQL server is killed under it, in a real terminal, on a cluster of
/// the test's own (`.ci/pg-cluster`): the header says so within a second, a note is NOT
/// RECORDED, and once the server is back the banner goes and what another writer recorded
/// meanwhile shows.
@Suite(.serialized, .enabled(if: TmuxSession.available && sharedTestDatabase != nil
                                 && FileManager.default.fileExists(atPath: "/usr/lib/postgresql"),
                             "needs tmux, PostgreSQL's server and WARROOM_TEST_DATABASE_URL (run .ci/run)"))
struct SharedStoreOutageEndToEndTests {
    @Test("the server killed under a console: read-only at once, caught up when it is back")
    func serverKilledUnderTheConsole() throws {
        let outage = try OutageConsole(incident: "INC-OUTAGE", declaring: "Before the outage")
        defer { outage.stop() }
        let (binary, cluster, script, url, ada) = (outage.binary, outage.cluster, outage.script, outage.url, outage.ada)
        #expect(try Spawn.run([script, "kill", cluster]).status == 0)
        let killed = Date()
        try ada.waitFor(all: ["⚠ STORE UNREACHABLE · read-only until it is back: NOTHING IS RECORDED", "reconnecting by itself"], seconds: 5)
        #expect(Date().timeIntervalSince(killed) < 1.3, "the banner came after \(Date().timeIntervalSince(killed)) s")
        try ada.send("n")
        try ada.waitFor("Note: ")
        try ada.type("lost?")
        try ada.send("Enter")
        try ada.waitFor("NOT RECORDED")
        #expect(try Spawn.run([script, "start", cluster]).status == 0)
        let answer = try SharedStoreEndToEndTests.run(binary, ["headless", "--journal", url, "--operator", "bob"], input: "note while ada was away\n")
        #expect(answer.output.contains(#""ok":true"#), "\(answer.output)")
        try ada.waitFor(all: ["bob note      while ada was away"], absent: ["STORE UNREACHABLE"], seconds: 5)
        try ada.send("n")
        try ada.waitFor("Note: ")
        try ada.type("back again")
        try ada.send("Enter")
        try ada.waitFor("ada note      back again")
        let exported = try SharedStoreEndToEndTests.run(binary, ["journal", "export", url]).output
        #expect(exported.contains("back again") && !exported.contains("lost?"))
        try ada.send("q")
    }

    @Test("the server goes quiet under a console: the header says so in seconds, keys answer at once, caught up after")
    func serverQuietUnderTheConsole() throws {
        let outage = try OutageConsole(incident: "INC-QUIET", declaring: "Before the silence")
        defer { outage.stop() }
        let (binary, cluster, script, url, ada) = (outage.binary, outage.cluster, outage.script, outage.url, outage.ada)
        // Every server process stopped: no connection closes, nothing answers.
        #expect(try Spawn.run([script, "freeze", cluster]).status == 0)
        let frozen = Date()
        try ada.waitFor(all: ["⚠ STORE UNREACHABLE · read-only until it is back: NOTHING IS RECORDED", "has not answered"], seconds: 10)
        #expect(Date().timeIntervalSince(frozen) < 5, "the banner came after \(Date().timeIntervalSince(frozen)) s")
        // The console does not wait for the server: a note is refused as soon as it is entered.
        let pressed = Date()
        try ada.send("n")
        try ada.waitFor("Note: ", seconds: 2)
        try ada.type("lost?")
        try ada.send("Enter")
        try ada.waitFor("NOT RECORDED", seconds: 2)
        #expect(Date().timeIntervalSince(pressed) < 2, "the console took \(Date().timeIntervalSince(pressed)) s to refuse a note")
        #expect(try Spawn.run([script, "thaw", cluster]).status == 0)
        let answer = try SharedStoreEndToEndTests.run(binary, ["headless", "--journal", url, "--operator", "bob"], input: "note while it was quiet\n")
        #expect(answer.output.contains(#""ok":true"#), "\(answer.output)")
        try ada.waitFor(all: ["bob note      while it was quiet"], absent: ["STORE UNREACHABLE"], seconds: 8)
        try ada.send("n")
        try ada.waitFor("Note: ")
        try ada.type("after the silence")
        try ada.send("Enter")
        try ada.waitFor("ada note      after the silence")
        let exported = try SharedStoreEndToEndTests.run(binary, ["journal", "export", url]).output
        #expect(exported.contains("after the silence") && !exported.contains("lost?"))
        try ada.send("q")
    }
}

/// What both outage tests start from: a cluster of the test's own (`.ci/pg-cluster`) with the
/// schema, and ada's console (200×50) on `incident`, declared as `title` and recorded.
private struct OutageConsole {
    let binary: String
    let script = RepoPaths.root + "/.ci/pg-cluster"
    let cluster = "/tmp/warroom-e2e-pg-" + UUID().uuidString.prefix(8)
    let url: String
    let ada: TmuxSession

    init(incident: String, declaring title: String) throws {
        binary = try #require(RepoPaths.warroom, "warroom is not built; run swift build first")
        let started = try Spawn.run([script, "start", cluster])
        do {
            let database = try #require(started.output.split(separator: "\n").last.map(String.init), "\(started.output)")
            #expect(try SharedStoreEndToEndTests.run(binary, ["db", "init", database]).status == 0)
            url = database + "&incident=" + incident
            ada = try TmuxSession(command: "\(binary) open --journal '\(url)' --operator ada", width: 200, height: 50)
            try ada.waitFor("press D to declare")
            try ada.send("D")
            try ada.type(title)
            try ada.send("Enter")
            // The header's severity: the declaration is recorded (the typed title alone shows in the prompt).
            try ada.waitFor("\(incident)  SEV1")
        } catch {
            Self.stop(script: script, cluster: cluster)
            throw error
        }
    }

    /// Stops the cluster and removes its folder.
    func stop() { Self.stop(script: script, cluster: cluster) }

    private static func stop(script: String, cluster: String) {
        _ = try? Spawn.run([script, "stop", cluster])
        try? FileManager.default.removeItem(atPath: cluster)
    }
}
