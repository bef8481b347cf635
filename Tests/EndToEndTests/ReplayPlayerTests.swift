import Testing
import WarRoomEngine
@testable import warroom

@Suite("The replay clock")
struct ReplayPlayerTests {
    let t0 = Instant(iso8601: "2026-11-24T03:00:00.000Z") ?? Instant(milliseconds: 0)

    private var events: [Event] {
        [Event(sequence: 1, at: t0, operator: "ada", kind: .incidentDeclared(title: "t", severity: "SEV1")),
         Event(sequence: 2, at: t0.adding(seconds: 60), operator: "ada", kind: .noteAdded(text: "one")),
         Event(sequence: 3, at: t0.adding(seconds: 600), operator: "ada", kind: .noteAdded(text: "two"))]
    }

    @Test func playsAtItsSpeedAndStopsAtTheEnd() {
        var player = ReplayPlayer(events: events, start: t0, speed: 60)
        #expect(player.shown.count == 1)
        player.advance(realMilliseconds: 1_000)          // one real second = one minute
        #expect(player.now == t0.adding(seconds: 60) && player.shown.count == 2)
        player.advance(realMilliseconds: 60_000)         // past the end: stops there, paused
        #expect(player.now == player.end && player.paused && player.shown.count == 3)
    }

    @Test func pauseStepAndSeek() {
        var player = ReplayPlayer(events: events, start: t0, speed: 10)
        player.paused = true
        player.advance(realMilliseconds: 5_000)
        #expect(player.now == t0, "a paused replay does not move")
        player.stepToNextEvent()
        #expect(player.now == t0.adding(seconds: 60) && player.shown.count == 2)
        player.seek(by: 120)
        #expect(player.now == t0.adding(seconds: 180) && player.shown.count == 2)
        player.seek(by: -150)
        #expect(player.now == t0.adding(seconds: 30) && player.shown.count == 1, "seeking back folds again")
        #expect(player.state.notes.isEmpty)
        player.seek(by: -3_600)
        #expect(player.now == t0)
    }
}
