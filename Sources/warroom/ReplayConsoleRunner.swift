import ArgumentParser
import Foundation
import WarRoomConsole
import WarRoomEngine
import WarRoomTerminal

/// Plays a past incident back in the console on a virtual clock: at a speed factor, with
/// pause, step to the next event and seek. Nothing can be written: the key table binds no
/// writing key while replaying.
struct ReplayConsoleRunner {
    var source: RunbookSource
    var header: JournalHeader
    var events: [Event]
    var speed: Double
    var theme: Theme

    func run() throws {
        let terminal = try ConsolePaths.startTerminal(theme: theme)
        defer { terminal.stop() }
        var player = ReplayPlayer(events: events, start: header.openedAt, speed: speed)
        var model = ConsoleModel()
        var renderCache = RenderCache()
        let localOffset = TimeZone.current.secondsFromGMT()
        var lastTick = SystemClock().now()
        var statusMemo = Status.Memo()
        while true {
            let tick = SystemClock().now()
            player.advance(realMilliseconds: tick.milliseconds - lastTick.milliseconds)
            lastTick = tick
            let context = ConsoleContext(runbook: source.runbook, state: player.state, events: player.shown, incidentID: header.incident,
                                         operatorName: header.openedBy, now: player.now, localOffset: localOffset,
                                         replay: ReplayInfo(speed: player.speed, paused: player.paused, position: player.shown.count, total: events.count),
                                         status: Status(runbook: source.runbook, state: player.state, at: player.now, memo: &statusMemo))
            let size = terminal.size
            terminal.draw(ConsoleRenderer.render(context: context, model: model, width: size.width, height: size.height, cache: &renderCache))
            guard let key = terminal.readKey(timeout: 100) else { continue }
            if key == .resize {
                terminal.invalidate()
                continue
            }
            if key == .control("c") { return }
            for effect in ConsoleInput.handle(key, model: &model, context: context, screen: (size.width, size.height)) {
                switch effect {
                case .quit: return
                case .replay(.togglePause): player.paused.toggle()
                case .replay(.stepForward): player.stepToNextEvent()
                case .replay(.seek(let seconds)): player.seek(by: seconds)
                case .submit: break   // unreachable: replay binds no writing key
                }
            }
        }
    }
}

/// The replay's virtual clock and the state folded up to it. Pure, so it is tested alone.
struct ReplayPlayer {
    let events: [Event]
    let start: Instant
    private(set) var now: Instant
    var speed: Double
    var paused = false
    /// The events at or before `now`, and their fold.
    private(set) var shown: [Event] = []
    private(set) var state = IncidentState()

    init(events: [Event], start: Instant, speed: Double) {
        self.events = events
        self.start = events.first.map { min($0.at, start) } ?? start
        now = self.start
        self.speed = speed
        catchUp()
    }

    /// The instant of the last event: where the replay stops.
    var end: Instant { events.last?.at ?? start }

    mutating func advance(realMilliseconds: Int64) {
        guard !paused, realMilliseconds > 0 else { return }
        move(to: now.adding(milliseconds: Int64(Double(realMilliseconds) * speed)))
        if now >= end { paused = true }
    }

    /// Jumps to the next event and pauses there.
    mutating func stepToNextEvent() {
        guard let next = events.dropFirst(shown.count).first else { return }
        paused = true
        move(to: next.at)
    }

    mutating func seek(by seconds: Int) { move(to: now.adding(seconds: seconds)) }

    private mutating func move(to instant: Instant) {
        let target = max(start, min(end, instant))
        if target < now {
            // Going back: fold again from the start.
            shown = []
            state = IncidentState()
        }
        now = target
        catchUp()
    }

    private mutating func catchUp() {
        for event in events.dropFirst(shown.count) where event.at <= now {
            state.apply(event, after: shown)
            shown.append(event)
        }
    }
}
