import WarRoomEngine

/// Every event, newest at the bottom, one row each: time, who, verb, then the object.
/// Enter opens the selected event whole.
enum TimelinePane {
    static func draw(_ canvas: inout PaneCanvas, context: ConsoleContext, model: ConsoleModel) {
        let events = PaneItems.events(context, model)
        if events.isEmpty {
            let filtered = model.filters[.timeline].map { !$0.isEmpty } ?? false
            canvas.line(0, [(filtered ? "No event matches the filter (Esc clears it)." : "Nothing recorded yet.", .dim)])
            return
        }
        // Follow the newest event unless the operator moved the selection up.
        let selected = model.selection[.timeline].map { min($0, events.count - 1) } ?? events.count - 1
        let whoWidth = min(12, max(3, events.map { DisplayWidth.of(TextSanitizer.line($0.operator)) }.max() ?? 3))
        canvas.list(count: events.count, selected: selected, height: canvas.inner.height) { canvas, index, y in
            let event = events[index]
            let (verb, role, object) = TimelineRow.parts(event, runbook: context.runbook)
            let who = DisplayWidth.pad(DisplayWidth.truncate(TextSanitizer.line(event.operator), to: whoWidth), to: whoWidth)
            canvas.line(y, [(String(event.at.timeOfDay.prefix(8)) + " ", .timestamp), (who + " ", .operatorName),
                            (DisplayWidth.pad(verb, to: TimelineRow.verbWidth) + " ", role),
                            (object, event.kind.isNote ? .note : .normal)])
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
