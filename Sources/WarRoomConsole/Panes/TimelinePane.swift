import WarRoomEngine

/// Every event, newest at the bottom, one row each: time, who, verb, then the object.
/// Enter opens the selected event whole.
enum TimelinePane {
    /// The widest name of the incident's participants (everyone whose event is folded),
    /// kept from frame to frame so a frame measures only those who joined since: the
    /// timeline's rows are read back from the journal when shown, so they are not walked.
    struct Memo: Sendable {
        var participants: [String] = []
        var widestOperator = 0

        mutating func widestOperator(of participants: [String]) -> Int {
            if participants.count < self.participants.count || participants.first != self.participants.first { self = Memo() }
            for name in participants[self.participants.count...] {
                widestOperator = max(widestOperator, DisplayWidth.of(TextSanitizer.line(name)))
            }
            self.participants = participants
            return widestOperator
        }
    }

    static func draw(_ canvas: inout PaneCanvas, context: ConsoleContext, model: ConsoleModel) {
        var memo = Memo()
        draw(&canvas, context: context, model: model, memo: &memo)
    }

    static func draw(_ canvas: inout PaneCanvas, context: ConsoleContext, model: ConsoleModel, memo: inout Memo) {
        let events = PaneItems.events(context, model)
        if events.isEmpty {
            let filtered = model.filters[.timeline].map { !$0.isEmpty } ?? false
            let text = events.filterProgress != nil ? "Searching the journal… (Esc clears the filter)"
                : filtered ? "No event matches the filter (Esc clears it)." : "Nothing recorded yet."
            canvas.line(0, [(text, .dim)])
            return
        }
        // Follow the newest event unless the operator moved the selection up.
        let selected = model.selection[.timeline].map { min($0, events.count - 1) } ?? events.count - 1
        let instants = context.instants
        // Filtered too, the column is as wide as the widest participant's name: measuring the
        // matches would read every one back from the journal at every frame.
        let whoWidth = min(12, max(3, memo.widestOperator(of: context.state.participants)))
        canvas.list(count: events.count, selected: selected, height: canvas.inner.height) { canvas, index, y in
            let event = events[index]
            let (verb, role, object) = TimelineRow.parts(event, runbook: context.runbook)
            let who = DisplayWidth.pad(DisplayWidth.truncate(TextSanitizer.line(event.operator), to: whoWidth), to: whoWidth)
            canvas.line(y, [(instants.compact(event.at) + " ", .timestamp), (who + " ", .operatorName),
                            (DisplayWidth.pad(verb, to: TimelineRow.verbWidth) + " ", role),
                            // A retracted event keeps its row, marked void and struck through.
                            context.state.isVoid(event.sequence) ? TimelinePane.entry(event, context) : (object, event.kind.isNote ? .note : .normal)])
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
