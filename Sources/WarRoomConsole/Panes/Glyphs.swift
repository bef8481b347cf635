import WarRoomEngine

/// The glyphs and roles the panes use for states, so every pane draws them alike.
enum Glyphs {
    static func step(_ state: StepProgress.State) -> (String, StyleRole) {
        let symbol = StepGlyph.symbol(state)
        switch state {
        case .pending: return (symbol, .pending)
        case .running: return (symbol, .running)
        case .done: return (symbol, .done)
        case .skipped: return (symbol, .skipped)
        case .failed: return (symbol, .failed)
        }
    }

    /// A countdown to a communication: plain far off, underlined when due within 5 minutes,
    /// reversed and marked OVERDUE once late. Readable without colour.
    /// Far off (over ten minutes) the countdown moves by the minute, so a calm screen does
    /// not flicker; close to due, and once late, by the second.
    static func due(_ seconds: Int) -> (String, StyleRole) {
        if seconds < 0 { return ("OVERDUE +\(DurationNotation.text(-seconds))", .overdue) }
        if seconds <= 300 { return ("due in \(DurationNotation.text(seconds))", .due) }
        if seconds <= 600 { return ("in \(DurationNotation.text(seconds))", .onTime) }
        return ("in \(minutesUp(seconds))", .onTime)
    }

    /// An ETA, best–worst, in whole minutes rounded up: estimates are not second-accurate.
    static func eta(_ eta: (best: Int, worst: Int)) -> String {
        let best = minutesUp(eta.best), worst = minutesUp(eta.worst)
        if best == worst { return best }
        // The best case already reached: "0s–2m" reads as a typo.
        return eta.best <= 0 ? "up to \(worst)" : "\(best)–\(worst)"
    }

    /// Seconds as whole minutes rounded up, in the one notation: `14m`, `1h5m`.
    static func minutesUp(_ seconds: Int) -> String {
        DurationNotation.text((max(0, seconds) + 59) / 60 * 60)
    }

    static func estimate(_ timing: Timing?) -> String { timing?.description ?? "" }
}
