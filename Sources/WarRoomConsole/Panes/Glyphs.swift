import WarRoomEngine

/// The glyphs and roles the panes use for states, so every pane draws them alike.
enum Glyphs {
    static func step(_ state: StepProgress.State) -> (String, StyleRole) {
        switch state {
        case .pending: return ("○", .pending)
        case .running: return ("▶", .running)
        case .done: return ("✓", .done)
        case .skipped: return ("»", .skipped)
        case .failed: return ("✗", .failed)
        }
    }

    /// A countdown to a communication: plain far off, underlined when due within 5 minutes,
    /// reversed and marked OVERDUE once late. Readable without colour.
    /// Far off (over ten minutes) the countdown moves by the minute, so a calm screen does
    /// not flicker; close to due, and once late, by the second.
    static func due(_ seconds: Int) -> (String, StyleRole) {
        if seconds < 0 { return ("OVERDUE +\(DurationText.clock(-seconds))", .overdue) }
        if seconds <= 300 { return ("due in \(DurationText.clock(seconds))", .due) }
        if seconds <= 600 { return ("in \(DurationText.clock(seconds))", .onTime) }
        return ("in \(minutesUp(seconds))", .onTime)
    }

    /// An ETA, best–worst, in whole minutes rounded up: estimates are not second-accurate.
    static func eta(_ eta: (best: Int, worst: Int)) -> String {
        let best = minutesUp(eta.best), worst = minutesUp(eta.worst)
        return best == worst ? best : "\(best)–\(worst)"
    }

    /// Seconds as whole minutes rounded up: `14m`, `1h05m`.
    static func minutesUp(_ seconds: Int) -> String {
        let minutes = (max(0, seconds) + 59) / 60
        guard minutes >= 60 else { return "\(minutes)m" }
        let rest = minutes % 60
        return rest == 0 ? "\(minutes / 60)h" : "\(minutes / 60)h\(rest < 10 ? "0" : "")\(rest)m"
    }

    static func estimate(_ timing: Timing?) -> String { timing?.description ?? "" }
}
