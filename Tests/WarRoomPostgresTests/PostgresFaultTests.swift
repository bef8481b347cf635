import Foundation
import PostgresNIO
import Synchronization
import Testing
import WarRoomEngine
import WarRoomPostgres

/// The server killed and restarted under the writers, on a cluster of the test's own: every
/// acknowledged event is kept, nothing unacknowledged is reported as recorded, and the
/// sessions say the store is gone, then catch up once it is back.
@Suite(.serialized, .enabled(if: TestDatabase.available && ThrowawayCluster.available, TestDatabase.skipReason))
struct PostgresFaultTests {
    @Test func theServerKilledUnderLoadKeepsEveryAcknowledgedEvent() async throws {
        let cluster = try ThrowawayCluster()
        let url = cluster.url.with(incident: "INC-RESTART")
        try await onThread {
            try DrillRunbook.session(PostgresJournalStore(url: url), clock: SystemClock()).expectAccepted(.declare(title: "x", severity: "SEV1"))
        }
        let shared = LoadFlags()
        let writers = (0..<2).map { writer in
            Task {
                try await onThread { () -> [Int: String] in
                    let session = try DrillRunbook.session(PostgresJournalStore(url: url), as: "w\(writer)", clock: SystemClock(), create: false)
                    var acknowledged: [Int: String] = [:]
                    var index = 0
                    while !shared.stop.load(ordering: .relaxed) || acknowledged.count < 50 {
                        let text = "w\(writer) \(index)"
                        index += 1
                        switch session.submit(.note(text), operator: "w\(writer)") {
                        case .accepted(let event):
                            if acknowledged.isEmpty { shared.writing.add(1, ordering: .relaxed) }
                            acknowledged[event.sequence] = text
                        case .refused(let refusal): Issue.record("refused: \(refusal)")
                        case .failed(let error):
                            #expect(error.kind == .unreachable, "\(error)")
                            #expect(session.fault?.reconnects == true && session.fatal == nil)
                            shared.failures.add(1, ordering: .relaxed)
                            usleep(50_000)
                        }
                        if index > 100_000 { break }
                    }
                    return acknowledged
                }
            }
        }
        // Both writers under way (their sessions open, appending) before the server goes.
        let start = ContinuousClock.now
        while shared.writing.load(ordering: .relaxed) < 2, ContinuousClock.now - start < .seconds(30) {
            try await Task.sleep(for: .milliseconds(20))
        }
        try await Task.sleep(for: .milliseconds(300))
        try await onThread { try cluster.kill() }
        try await Task.sleep(for: .milliseconds(500))
        try await onThread { try cluster.start() }
        try await Task.sleep(for: .milliseconds(1_500))
        shared.stop.store(true, ordering: .relaxed)
        var acknowledged: [Int: String] = [:]
        for writer in writers {
            for (sequence, text) in try await writer.value {
                #expect(acknowledged[sequence] == nil, "sequence \(sequence) acknowledged twice")
                acknowledged[sequence] = text
            }
        }
        let kept = acknowledged
        #expect(shared.failures.load(ordering: .relaxed) > 0, "no command failed while the server was down: the test did not test it")
        try await onThread {
            let reader = try DrillRunbook.session(PostgresJournalStore(url: url), create: false)
            let sequences = reader.events.map(\.sequence)
            #expect(sequences == Array(1...(sequences.last ?? 0)))
            var texts: [Int: String] = [:]
            for event in reader.events { if case .noteAdded(let text) = event.kind { texts[event.sequence] = text } }
            for (sequence, text) in kept {
                #expect(texts[sequence] == text, "acknowledged event \(sequence) (\(text)) lost after the restart")
            }
        }
    }

    @Test func aSessionThatLosesTheStoreIsReadOnlyAndCatchesUpWhenItIsBack() async throws {
        let cluster = try ThrowawayCluster()
        let url = cluster.url.with(incident: "INC-OUTAGE")
        try await onThread {
            let alice = try DrillRunbook.session(PostgresJournalStore(url: url), clock: SystemClock())
            alice.expectAccepted(.declare(title: "x", severity: "SEV1"))
            try cluster.kill()
            // The loss is noticed without a command (the connection closed), and said once.
            #expect(throws: JournalError.self) { try alice.waitAndRefresh(milliseconds: 1_000) }
            let fault = try #require(alice.fault)
            #expect(fault.headline == "STORE UNREACHABLE" && fault.readOnly && fault.reconnects)
            guard case .failed(let error) = alice.submit(.note("not recorded"), operator: "alice") else {
                Issue.record("a command was acknowledged while the server was down")
                return
            }
            #expect(error.kind == .unreachable && error.message.contains("NOT RECORDED"))
            #expect(!error.message.contains("password"))
            try cluster.start()
            let bob = try DrillRunbook.session(PostgresJournalStore(url: url), as: "bob", clock: SystemClock(), create: false)
            bob.expectAccepted(.note("while alice was away"), as: "bob")
            // Alice reconnects by herself (at most a second between tries) and catches up.
            var caughtUp: [Event] = []
            let start = ContinuousClock.now
            while alice.fault != nil, ContinuousClock.now - start < .seconds(10) {
                caughtUp += try alice.waitAndRefresh(milliseconds: 200)
                usleep(100_000)
            }
            #expect(alice.fault == nil)
            #expect(caughtUp.map(\.sequence) == [2])
            #expect(alice.expectAccepted(.note("back"))?.sequence == 3)
        }
    }

    @Test func aFollowerWhoseServerGoesQuietIsReadOnlyAtOnceAndNeverWaitsForIt() async throws {
        let cluster = try ThrowawayCluster()
        let url = cluster.url.with(incident: "INC-QUIET")
        try await onThread {
            let store = PostgresJournalStore(url: url)
            let alice = try DrillRunbook.session(store, clock: SystemClock())
            #expect(store.follow() != nil)
            alice.expectAccepted(.declare(title: "x", severity: "SEV1"))
            try cluster.freeze()
            defer { try? cluster.thaw() }
            let frozen = ContinuousClock.now
            // A command given as the network goes quiet waits on a statement the server will
            // not answer: it is given up when the watcher finds the store lost (its message),
            // not at the statement's own 5 s timeout ("no answer within 5 s").
            let inFlight = alice.submit(.note("in flight"), operator: "alice")
            if case .failed(let error) = inFlight {
                #expect(error.kind == .unreachable && error.message.contains("has not answered for 2 s"), "\(error)")
            } else {
                Issue.record("a command was acknowledged by a server that does not answer: \(inFlight)")
            }
            // No connection closes: only the watcher's unanswered question (asked every
            // second, 2 s to answer) can tell, and it wakes the follower when it does.
            while alice.fault == nil, ContinuousClock.now - frozen < .seconds(10) {
                _ = try? alice.waitAndRefresh(milliseconds: 250)
            }
            let noticed = ContinuousClock.now - frozen
            let fault = try #require(alice.fault, "a server that stopped answering was not noticed in 10 s")
            #expect(fault.headline == "STORE UNREACHABLE" && fault.readOnly && fault.reconnects)
            #expect(noticed < .seconds(5), "the silence was noticed after \(noticed), not within the watcher's 3 s")
            // While it is quiet, nothing waits for it (a statement would wait 5 s): every refresh
            // and command answers at once, and nothing is acknowledged.
            for attempt in 0..<4 {
                let asked = ContinuousClock.now
                _ = try? alice.refresh()
                guard case .failed(let error) = alice.submit(.note("lost \(attempt)"), operator: "alice") else {
                    Issue.record("a command was acknowledged while the server did not answer")
                    return
                }
                #expect(error.kind == .unreachable && error.message.contains("NOT RECORDED"), "\(error)")
                #expect(ContinuousClock.now - asked < .milliseconds(500), "a refresh and a command took \(ContinuousClock.now - asked)")
                usleep(300_000)
            }
            try cluster.thaw()
            let bob = try DrillRunbook.session(PostgresJournalStore(url: url), as: "bob", clock: SystemClock(), create: false)
            bob.expectAccepted(.note("after the silence"), as: "bob")
            var caughtUp: [Event] = []
            let thawed = ContinuousClock.now
            while alice.fault != nil || caughtUp.isEmpty, ContinuousClock.now - thawed < .seconds(10) {
                caughtUp += (try? alice.waitAndRefresh(milliseconds: 250)) ?? []
                usleep(50_000)
            }
            #expect(alice.fault == nil)
            #expect(caughtUp.map(\.sequence) == [2])
            #expect(alice.expectAccepted(.note("back"))?.sequence == 3)
            let everything = try PostgresJournalStore(url: url).open(creating: nil).events
            #expect(everything.map(\.operator) == ["alice", "bob", "alice"])
        }
    }

    @Test func tlsIsVerifiedWithTheURLsRootCertificateOnAServerThatOffersIt() async throws {
        let port = Int.random(in: 30_000...39_999)
        let cluster = try ThrowawayCluster(port: port, tls: true)
        try await onThread {
            let base = "postgres://\(cluster.url.user)@127.0.0.1:\(port)/warroom?incident=INC-TLS"
            let byName = "postgres://\(cluster.url.user)@localhost:\(port)/warroom?incident=INC-TLS"
            let root = "&sslrootcert=\(cluster.certificate)"
            for url in [base + "&sslmode=require", base + "&sslmode=verify-ca" + root, byName + "&sslmode=verify-full" + root] {
                let link = PostgresLink(url: try PostgresURL(url))
                let rows = try link.query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", doing: "asking about TLS")
                #expect(try rows.first?.decode(Bool.self) == true, "\(url) did not use TLS")
                link.disconnect()
            }
            // A session over verified TLS.
            let session = try DrillRunbook.session(PostgresJournalStore(url: PostgresURL(byName + "&sslmode=verify-full" + root)))
            session.expectAccepted(.declare(title: "x", severity: "SEV1"))
            // A certificate nothing vouches for, or one for another name, is refused as bad
            // input that trying again cannot mend.
            for (url, says) in [(base + "&sslmode=verify-full", "cannot be verified"), (base + "&sslmode=verify-full" + root, "not for the host name 127.0.0.1")] {
                do {
                    _ = try DrillRunbook.session(PostgresJournalStore(url: PostgresURL(url)), create: false)
                    Issue.record("\(url) connected")
                } catch let error as JournalError {
                    #expect(error.isBadInput && error.message.contains(says), "\(error)")
                }
            }
        }
    }

    @Test func tlsIsUsedWhenTheURLAsksAndRefusedClearlyWhenTheServerHasNone() async throws {
        let port = Int.random(in: 20_000...29_999)
        let cluster = try ThrowawayCluster(port: port)
        try await onThread {
            let tcp = "postgres://\(cluster.url.user)@127.0.0.1:\(port)/warroom?incident=INC-TLS"
            // prefer (the default) goes on without TLS when the server offers none.
            let plain = try DrillRunbook.session(PostgresJournalStore(url: PostgresURL(tcp + "&sslmode=prefer")))
            plain.expectAccepted(.declare(title: "x", severity: "SEV1"))
            // require insists: a clear refusal, nothing written, no password in it.
            do {
                _ = try DrillRunbook.session(PostgresJournalStore(url: PostgresURL(tcp.replacingOccurrences(of: "@", with: ":hunter2@") + "&sslmode=require")),
                                             create: false)
                Issue.record("sslmode=require connected to a server without TLS")
            } catch let error as JournalError {
                #expect(error.message.contains("sslmode=require asks for TLS") && error.isBadInput, "\(error)")
                #expect(!error.description.contains("hunter2"))
            }
        }
    }
}

/// What the writers of the restart test share with it.
final class LoadFlags: Sendable {
    let stop = Atomic(false)
    let failures = Atomic(0)
    /// Writers that have had a first event acknowledged.
    let writing = Atomic(0)
}
