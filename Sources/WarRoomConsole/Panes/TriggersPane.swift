import WarRoomEngine

/// Automatic and manual triggers with their thresholds; fired ones are marked with when.
enum TriggersPane {
    static func draw(_ canvas: inout PaneCanvas, context: ConsoleContext, model: ConsoleModel) {
        let triggers = PaneItems.triggers(context, model)
        if triggers.isEmpty {
            canvas.line(0, [(context.runbook.triggers.isEmpty ? "No triggers in this runbook." : "No trigger matches the filter (Esc clears it).", .dim)])
            return
        }
        let fired = Dictionary(context.state.triggersFired.map { ($0.trigger, $0.at) }, uniquingKeysWith: { first, _ in first })
        let selected = min(model.selected(.triggers), triggers.count - 1)
        let instants = context.instants
        canvas.list(count: triggers.count, selected: selected, height: canvas.inner.height) { canvas, index, y in
            let trigger = triggers[index]
            let badge = trigger.kind == .automatic ? ("AUTO ", StyleRole.automatic) : ("MANL ", StyleRole.manual)
            var text = trigger.condition
            if let threshold = trigger.threshold, canvas.inner.width >= 90 { text += "  [\(threshold)]" }
            canvas.line(y, [badge, (text, .normal)])
            if let at = fired[trigger.id] { canvas.right(y, " ⚑ fired \(instants.compact(at, seconds: false)) ", role: .overrun) }
            if index == selected { canvas.select(y) }
        }
    }
}
