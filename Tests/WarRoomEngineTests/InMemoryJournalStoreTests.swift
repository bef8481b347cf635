import Testing
@testable import WarRoomEngine

/// The session over the `JournalStore` seam with the in-memory store: several participants,
/// one order, refusals against the latest state, and a store that goes away and comes back.
@Suite struct InMemoryJournalStoreTests {
    let runbook: Runbook
    let bytes = Array(Fixtures.yaml.utf8)

    init() throws {
        runbook = try Fixtures.runbook()
    }

    func session(_ journal: InMemoryJournal, as name: String = "alice", create: Bool = true) throws(JournalError) -> IncidentSession {
        try IncidentSession(store: InMemoryJournalStore(journal), runbook: runbook, runbookPath: "drill.yaml", runbookBytes: bytes,
                            operator: name, clock: VirtualClock(start: Fixtures.t0), create: create)
    }

    @Test func participantsShareOneOrderAndSeeEachOther() throws {
        let journal = InMemoryJournal()
        let alice = try session(journal)
        let bob = try session(journal, as: "bob")
        #expect(alice.header == bob.header && alice.header.incident == "INC-20261124-0900")
        alice.expectAccepted(.declare(title: "Checkout errors", severity: "SEV1"))
        #expect(bob.expectAccepted(.note("bob was here"))?.sequence == 2)
        #expect(try alice.refresh().map(\.sequence) == [2])
        #expect(alice.expectAccepted(.startProcedure("app-rollback"))?.sequence == 3)
        _ = try bob.refresh()
        #expect(alice.events == bob.events && journal.events.map(\.sequence) == [1, 2, 3])
        #expect(alice.state == bob.state)
    }

    @Test func aCommandMadeStaleByAnotherParticipantIsRefused() throws {
        let journal = InMemoryJournal()
        let alice = try session(journal)
        let bob = try session(journal, as: "bob")
        alice.expectAccepted(.declare(title: "x", severity: "SEV1"))
        alice.expectAccepted(.overrideApprovals(procedure: "app-rollback", reason: "drill"))
        alice.expectAccepted(.startProcedure("app-rollback"))
        alice.expectAccepted(.startStep(procedure: "app-rollback", step: 1))
        alice.expectAccepted(.completeStep(procedure: "app-rollback", step: 1))
        // Bob has not read any of it: the store hands it to him under the hold, and the engine refuses.
        guard case .refused = bob.submit(.declare(title: "again", severity: "SEV2"), operator: "bob") else {
            Issue.record("a second declaration was not refused")
            return
        }
        #expect(bob.events.count == 5 && journal.events.count == 5)
    }

    @Test func aReaderThatDidNotCreateNeedsAHeader() {
        #expect(throws: JournalError.self) { try session(InMemoryJournal(), create: false) }
    }

    @Test func anOverlongEventIsRefusedAsTheFileStoreRefusesIt() throws {
        let journal = InMemoryJournal()
        let alice = try session(journal)
        alice.expectAccepted(.declare(title: "x", severity: "SEV1"))
        guard case .refused(let refusal) = alice.submit(.note(String(repeating: "a", count: JournalLine.maximumLength)), operator: "alice") else {
            Issue.record("an overlong note was not refused")
            return
        }
        #expect(refusal.reason.contains("over the limit of 1048576 bytes (1 MiB)"))
        #expect(journal.events.count == 1)
    }

    @Test func anUnreachableStoreMakesTheSessionReadOnlyUntilItIsBack() throws {
        let journal = InMemoryJournal()
        let alice = try session(journal)
        let bob = try session(journal, as: "bob")
        alice.expectAccepted(.declare(title: "x", severity: "SEV1"))
        journal.reachable = false
        guard case .failed(let error) = alice.submit(.note("lost"), operator: "alice") else {
            Issue.record("a command to an unreachable store was acknowledged")
            return
        }
        #expect(error.kind == .unreachable)
        let fault = try #require(alice.fault)
        #expect(fault.headline == "STORE UNREACHABLE" && fault.readOnly && fault.reconnects && alice.fatal == nil)
        // Refreshing while it is away is quiet and keeps the fault.
        #expect(try alice.refresh().isEmpty && alice.fault != nil)
        journal.reachable = true
        bob.expectAccepted(.note("while alice was away"))
        // Back: the first refresh catches up on what was missed and clears the fault.
        #expect(try alice.refresh().map(\.sequence) == [2])
        #expect(alice.fault == nil)
        #expect(alice.expectAccepted(.note("back"))?.sequence == 3)
        #expect(journal.events.map(\.sequence) == [1, 2, 3])
        #expect(!journal.events.contains { event in if case .noteAdded("lost") = event.kind { return true } else { return false } })
    }

    @Test(arguments: [InMemoryJournal.LostAnswer.recorded, .notRecorded])
    func aCommandWhoseAnswerWasLostIsSettledOnceTheStoreIsBack(loss: InMemoryJournal.LostAnswer) throws {
        let journal = InMemoryJournal()
        let alice = try session(journal)
        let bob = try session(journal, as: "bob")
        alice.expectAccepted(.declare(title: "x", severity: "SEV1"))
        journal.loseNextAnswer(loss)
        guard case .failed(let error) = alice.submit(.note("in flight"), operator: "alice") else {
            Issue.record("a command whose answer was lost was acknowledged")
            return
        }
        #expect(error.kind == .unreachable && error.outcomeUnknown)
        #expect(alice.unsettled?.sequence == 2 && alice.fault != nil)
        // Nothing is known while the store is away.
        #expect((try? alice.refresh()) != nil && alice.takeSettlements().isEmpty && alice.unsettled != nil)
        journal.reachable = true
        if loss == .notRecorded {
            guard case .accepted = bob.submit(.note("took the number"), operator: "bob") else {
                Issue.record("bob's note was not recorded")
                return
            }
        }
        try alice.refresh()
        let settled = alice.takeSettlements()
        #expect(alice.unsettled == nil && alice.takeSettlements().isEmpty, "said once")
        switch (loss, settled.first) {
        case (.recorded, .recorded(let event)?):
            #expect(event.sequence == 2 && event.operator == "alice" && settled.count == 1)
        case (.notRecorded, .notRecorded(let event)?):
            #expect(event.sequence == 2 && settled.count == 1)
            #expect(journal.events.map(\.operator) == ["alice", "bob"])
        default:
            Issue.record("lost \(loss), settled as \(settled)")
        }
    }

    @Test func headlessSaysAnOutcomeIsUnknownAndLaterWhatBecameOfIt() throws {
        let journal = InMemoryJournal()
        var driver = HeadlessDriver(session: try session(journal), operator: "ic", virtualClock: VirtualClock(start: Fixtures.t0))
        #expect(driver.handle("declare SEV1 Checkout down")?.contains(#""ok":true"#) == true)
        journal.loseNextAnswer(.recorded)
        let lostLine = driver.handle("note in flight")
        let lost = try JSONParser.parse(try #require(lostLine))
        #expect(lost["ok"]?.bool == false && lost["outcome"]?.string == "unknown" && lost["sequence"]?.int == 2)
        #expect(lost["settled"] == nil)
        journal.reachable = true
        let statusLine = driver.handle("status")
        let status = try JSONParser.parse(try #require(statusLine))
        guard case .array(let settled)? = status["settled"] else {
            Issue.record("no settled in \(status)")
            return
        }
        #expect(settled.count == 1 && settled.first?["sequence"]?.int == 2 && settled.first?["recorded"]?.bool == true)
        let again = driver.handle("status")
        #expect(try JSONParser.parse(try #require(again))["settled"] == nil, "said once")
    }

    @Test func aCommandWhileUnreachableTriesTheStoreFirst() throws {
        let journal = InMemoryJournal()
        let alice = try session(journal)
        alice.expectAccepted(.declare(title: "x", severity: "SEV1"))
        journal.reachable = false
        _ = alice.submit(.note("lost"), operator: "alice")
        journal.reachable = true
        // No refresh in between (headless): the next command reconnects, catches up and is recorded.
        #expect(alice.expectAccepted(.note("recorded"))?.sequence == 2)
        #expect(alice.fault == nil)
    }

    @Test func waitingWakesOnAnotherParticipantsAppend() throws {
        let journal = InMemoryJournal()
        let alice = try session(journal)
        let bob = try session(journal, as: "bob")
        alice.expectAccepted(.declare(title: "x", severity: "SEV1"))
        #expect(try bob.waitAndRefresh(milliseconds: 1_000).map(\.sequence) == [1])
        #expect(try bob.waitAndRefresh(milliseconds: 20).isEmpty)
    }
}
