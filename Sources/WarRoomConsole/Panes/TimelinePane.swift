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
                            (EventText.describe(event, runbook: context.runbook), event.kind.isNote ? .note : .normal)])
            if index == selected, model.selection[.timeline] != nil { canvas.select(y) }
        }
    }
}

extension EventKind {
    var isNote: Bool {
        if case .noteAdded = self { return true }
        return false
    }
}
