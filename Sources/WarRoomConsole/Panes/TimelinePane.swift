import WarRoomEngine

/// Every event with its time and operator, newest at the bottom.
enum TimelinePane {
    static func draw(_ canvas: inout PaneCanvas, context: ConsoleContext, model: ConsoleModel) {
        let events = PaneItems.events(context, model)
        if events.isEmpty {
            canvas.line(0, [("Nothing recorded yet.", .dim)])
            return
        }
        let height = canvas.inner.height
        // Follow the newest event unless the operator moved the selection up.
        let selected = model.selection[.timeline].map { min($0, events.count - 1) } ?? events.count - 1
        let offset = PaneCanvas.scrollOffset(selected: selected, count: events.count, height: height)
        for (index, event) in events.enumerated().dropFirst(offset).prefix(height) {
            let y = index - offset
            canvas.line(y, [(String(event.at.timeOfDay.prefix(8)) + " ", .timestamp), (event.operator + " ", .operatorName),
                            TimelinePane.entry(event, context)])
            if index == selected, model.selection[.timeline] != nil { canvas.select(y) }
        }
    }
}

extension TimelinePane {
    /// An event's text and role; a retracted one is marked "[VOID …]" (no colour needed)
    /// and struck through.
    static func entry(_ event: Event, _ context: ConsoleContext) -> (String, StyleRole) {
        let text = EventText.describe(event, runbook: context.runbook, in: context.state)
        guard context.state.isVoid(event.sequence) else { return (text, event.kind.isNote ? .note : .normal) }
        // The mark stays plain; the entry's own words get a combining long stroke overlay.
        let mark = context.state.retractions.first { $0.sequence == event.sequence }.map(EventText.voidMark) ?? ""
        let words = text.dropFirst(mark.count).map { $0 == " " ? " " : String($0) + "\u{0336}" }.joined()
        return (mark + words, .skipped)
    }
}

extension EventKind {
    var isNote: Bool {
        if case .noteAdded = self { return true }
        return false
    }
}
