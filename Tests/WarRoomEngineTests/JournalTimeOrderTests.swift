import Foundation
import Testing
import WarRoomTestSupport
@testable import WarRoomEngine

/// Event times never go backwards in a journal: a virtual clock behind the last event is
/// refused, a real clock behind it stamps the last event's instant.
@Suite struct JournalTimeOrderTests {
    @Test func aVirtualClockBeforeTheLastEventIsRefused() throws {
        let fixture = try JournalFixture()
        let first = try fixture.session(clock: VirtualClock(start: Fixtures.t0.adding(milliseconds: 600_000)))
        first.expectAccepted(.declare(title: "x", severity: "SEV1"))
        first.expectAccepted(.note("at ten past"))
        let earlier = try fixture.session(clock: VirtualClock(start: Fixtures.t0), create: false)
        guard case .refused(let refusal) = earlier.submit(.note("back in time"), operator: "bob") else {
            Issue.record("a note stamped before the journal's last event was not refused")
            return
        }
        #expect(refusal.reason.contains("before the journal's last event (#2 at "))
        #expect(try fixture.lines().filter { !$0.isEmpty }.count == 3, "header and two events, nothing more")
        // At or after the last event is fine.
        let later = try fixture.session(clock: VirtualClock(start: Fixtures.t0.adding(milliseconds: 600_000)), create: false)
        #expect(later.expectAccepted(.note("same instant"))?.at == Fixtures.t0.adding(milliseconds: 600_000))
    }

    @Test func aRealClockBehindTheLastEventStampsTheLastInstant() throws {
        let fixture = try JournalFixture()
        let future = Instant(iso8601: "2099-01-01T00:00:00Z") ?? Fixtures.t0
        let ahead = try fixture.session(clock: VirtualClock(start: future))
        ahead.expectAccepted(.declare(title: "x", severity: "SEV1"))
        let live = try IncidentSession(journal: fixture.path, runbook: fixture.runbook, runbookPath: "drill.yaml",
                                       runbookBytes: fixture.bytes, operator: "alice", clock: SystemClock(), create: false)
        #expect(live.expectAccepted(.note("from a clock behind"))?.at == future)
    }
}
