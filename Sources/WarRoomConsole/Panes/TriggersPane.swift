import WarRoomEngine

/// Automatic and manual triggers with their thresholds; fired ones are marked with when.
enum TriggersPane {
    static func draw(_ canvas: inout PaneCanvas, context: ConsoleContext, model: ConsoleModel) {
        let triggers = PaneItems.triggers(context, model)
        if triggers.isEmpty {
            canvas.line(0, [(model.filters[.triggers] == nil ? "No triggers in this runbook." : "No trigger matches the filter.", .dim)])
            return
        }
        let fired = Dictionary(context.state.triggersFired.map { ($0.trigger, $0.at) }, uniquingKeysWith: { first, _ in first })
        let selected = min(model.selected(.triggers), triggers.count - 1)
        let height = canvas.inner.height
        let offset = PaneCanvas.scrollOffset(selected: selected, count: triggers.count, height: height)
        for (row, trigger) in triggers.enumerated().dropFirst(offset).prefix(height) {
            let y = row - offset
            let badge = trigger.kind == .automatic ? ("AUTO ", StyleRole.automatic) : ("MANL ", StyleRole.manual)
            var text = trigger.condition
            if let threshold = trigger.threshold, canvas.inner.width >= 90 { text += "  [\(threshold)]" }
            canvas.line(y, [badge, (text, .normal)])
            if let at = fired[trigger.id] { canvas.right(y, " ⚑ fired \(at.timeOfDay.prefix(5)) ", role: .overrun) }
            if row == selected { canvas.select(y) }
        }
    }
}
