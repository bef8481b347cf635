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
    static func due(_ seconds: Int) -> (String, StyleRole) {
        if seconds < 0 { return ("OVERDUE +\(DurationText.clock(-seconds))", .overdue) }
        if seconds <= 300 { return ("due in \(DurationText.clock(seconds))", .due) }
        return ("in \(DurationText.clock(seconds))", .onTime)
    }

    static func estimate(_ timing: Timing?) -> String { timing?.description ?? "" }
}
