import Testing
@testable import WarRoomEngine
import WarRoomTestSupport

/// A base clock the test moves, to drive a virtual clock's speed factor deterministically.
struct SteppedClock: Clock {
    let instants: [Instant]
    let counter = Counter()
    func now() -> Instant { instants[min(counter.next(), instants.count - 1)] }
}

/// A thread-safe counter for `SteppedClock`.
final class Counter: Sendable {
    private let value = Mutex(0)
    func next() -> Int { value.withLock { current in defer { current += 1 }; return current } }
}

import Synchronization

@Suite struct ClockTests {
    @Test func virtualClockMovesOnlyByHand() {
        var clock = VirtualClock(start: Fixtures.t0)
        #expect(clock.now() == Fixtures.t0)
        clock.advance(by: 90)
        #expect(clock.now() == Fixtures.t0.adding(seconds: 90))
        clock.advance(milliseconds: 250)
        #expect(clock.now().milliseconds == Fixtures.t0.milliseconds + 90_250)
        clock.set(to: Fixtures.t0)
        #expect(clock.now() == Fixtures.t0)
    }

    @Test func virtualClockRunsAtASpeedFactor() {
        let base = Instant(seconds: 1_000)
        // Base readings: at init, then at each now().
        let stepped = SteppedClock(instants: [base, base.adding(seconds: 1), base.adding(seconds: 2)])
        let clock = VirtualClock(start: Fixtures.t0, speed: 60, base: stepped)
        #expect(clock.now() == Fixtures.t0.adding(seconds: 60))
        #expect(clock.now() == Fixtures.t0.adding(seconds: 120))
    }

    @Test func virtualClockChangesSpeedWithoutJumping() {
        let base = Instant(seconds: 1_000)
        // Readings: init, now (+1s), setSpeed's now (+2s), setSpeed's re-anchor (+2s), now (+3s).
        let stepped = SteppedClock(instants: [base, base.adding(seconds: 1), base.adding(seconds: 2), base.adding(seconds: 2), base.adding(seconds: 3)])
        var clock = VirtualClock(start: Fixtures.t0, speed: 10, base: stepped)
        #expect(clock.now() == Fixtures.t0.adding(seconds: 10))
        clock.setSpeed(60)                         // at virtual +20s
        #expect(clock.now() == Fixtures.t0.adding(seconds: 80))
    }

    @Test func systemClockIsNow() {
        let now = SystemClock().now()
        #expect(now > Instant(iso8601: "2020-01-01T00:00:00Z") ?? now)
    }

    @Test(arguments: ["2026-11-24T09:00:00.000Z", "1970-01-01T00:00:00.000Z", "2000-02-29T23:59:59.999Z", "1969-12-31T23:59:59.500Z"])
    func iso8601RoundTrips(text: String) throws {
        let instant = try #require(Instant(iso8601: text))
        #expect(instant.iso8601 == text)
        #expect(instant.timeOfDay == String(text.dropFirst(11).prefix(8)))
        #expect(instant.dateAndTimeText == String(text.prefix(10)) + " " + String(text.dropFirst(11).prefix(8)) + "Z")
    }

    @Test func theDateAndTimeIsTheISOFormsDateAndSecond() {
        var random = SeededGenerator(state: 20_261_204)
        for _ in 0..<10_000 {
            // From 1900 to 2100, before the epoch too, with every millisecond of a day.
            let instant = Instant(milliseconds: Int64.random(in: -2_208_988_800_000...4_102_444_800_000, using: &random))
            let iso = instant.iso8601
            #expect(instant.dateAndTimeText == String(iso.prefix(10)) + " " + String(iso.dropFirst(11).prefix(8)) + "Z", "\(iso)")
        }
    }

    @Test func iso8601RefusesOtherForms() {
        for text in ["2026-11-24 09:00:00Z", "2026-13-01T00:00:00Z", "2026-11-24T09:00:00+01:00", "", "garbage"] {
            #expect(Instant(iso8601: text) == nil, "\(text)")
        }
        #expect(Instant(iso8601: "2026-11-24T09:00:00Z")?.milliseconds == 1_795_510_800_000)
    }
}
