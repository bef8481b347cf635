import Testing
import WarRoomEngine
@testable import WarRoomConsole

/// The banner of a shared store that cannot be reached, from a real session on the in-memory
/// store: read-only until it is back, which store, and that it reconnects by itself; gone
/// once the store answers again.
@Suite struct StoreUnreachableBannerTests {
    @Test(arguments: [(80, 24), (200, 60)])
    func theHeaderSaysTheStoreIsGoneUntilItIsBack(width: Int, height: Int) throws {
        let fixture = try ConsoleFixture(runbook: "dentalcare-migration")
        let journal = InMemoryJournal(name: "INC-20261124-0900")
        let session = try IncidentSession(store: InMemoryJournalStore(journal), runbook: fixture.runbook, runbookPath: "r.yaml",
                                          runbookBytes: Array("r".utf8), operator: "ada", clock: VirtualClock(start: ConsoleFixture.start))
        journal.reachable = false
        _ = session.submit(.note("lost"), operator: "ada")
        var context = fixture.context
        context.journalFault = session.fault
        let rows = ConsoleRenderer.render(context: context, model: ConsoleModel(), width: width, height: height).lines
        #expect(rows[0].hasPrefix(" ⚠ STORE UNREACHABLE · read-only until it is back: NOTHING IS RECORDED"), "\(rows[0])")
        if width >= 200 {
            #expect(rows[0].contains("memory:INC-20261124-0900"))
            #expect(rows[1].contains("reconnecting by itself every second"), "\(rows[1])")
        } else {
            #expect(rows[1].contains("reconnects by itself"), "\(rows[1])")
        }
        journal.reachable = true
        _ = try session.refresh()
        #expect(session.fault == nil)
    }
}
