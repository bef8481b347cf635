import WarRoomEngine

/// The banner that takes the header's place while the journal has a fault (it vanished or was
/// replaced, fsync or a write failed, the disk is full, a shared store cannot be reached):
/// what happened to which journal, whether anything is still being recorded, and the command
/// that goes on with the incident (or that it reconnects by itself). Drawn
/// over the header in the alarm role, so no one looking at the screen can miss it.
enum JournalFaultBanner {
    static func draw(_ frame: inout Frame, rect: Rect, fault: JournalFault) {
        guard rect.height > 0, rect.width > 0 else { return }
        frame.fill(rect, role: .budgetAlarm)
        let width = rect.width - 2
        let state = fault.reconnects ? "read-only until it is back: NOTHING IS RECORDED"
            : fault.readOnly ? "read-only: NOTHING IS RECORDED" : "the last command was NOT recorded"
        let lead = "⚠ \(fault.headline) · \(state) · "
        let room = width - DisplayWidth.of(lead)
        let shown = room >= 12 ? tail(fault.error.path, to: room) : ""
        frame.put(lead + shown, x: rect.x + 1, y: rect.y, role: .budgetAlarm, limit: width)
        guard rect.height > 1 else { return }
        let saved = fault.savedCopy.map { _ in "events saved · " } ?? ""
        // A store that went away: nothing to do but wait (or quit); the session reconnects.
        var next = fault.reconnects ? "→ reconnecting by itself every second; it catches up on everything missed when the store is back"
            : "→ \(saved)quit (q), then: \(fault.nextCommand)"
        if DisplayWidth.of(next) > width { next = "→ " + fault.nextCommand }
        // Still too wide: keep the command's start and the end of the path it names.
        let path = fault.savedCopy ?? fault.error.path
        if DisplayWidth.of(next) > width, next.hasSuffix(path) {
            let before = String(next.dropLast(path.count))
            let room = width - DisplayWidth.of(before)
            if room >= 12 { next = before + tail(path, to: room) }
        }
        frame.put(next, x: rect.x + 1, y: rect.y + 1, role: .error, limit: width)
    }

    /// The end of `text` in `columns`, with `…` in front when it was cut (a path's file name
    /// matters more than its first folders).
    static func tail(_ text: String, to columns: Int) -> String {
        guard DisplayWidth.of(text) > columns else { return text }
        var kept = ""
        var used = 1
        for character in text.reversed() {
            let next = DisplayWidth.of(character)
            guard used + next <= columns else { break }
            kept.insert(character, at: kept.startIndex)
            used += next
        }
        return "…" + kept
    }
}
