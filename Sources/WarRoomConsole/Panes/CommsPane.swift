import WarRoomEngine

/// Each audience: channel, cadence, last sent, and a countdown that turns due then overdue.
enum CommsPane {
    static func draw(_ canvas: inout PaneCanvas, context: ConsoleContext, model: ConsoleModel) {
        let audiences = PaneItems.audiences(context, model)
        if audiences.isEmpty {
            canvas.line(0, [("No communication plan in this runbook.", .dim)])
            return
        }
        let selected = min(model.selected(.comms), audiences.count - 1)
        let wide = canvas.inner.width >= 70
        let rowsPer = wide ? 1 : 2
        let visible = max(1, canvas.inner.height / rowsPer)
        let offset = PaneCanvas.scrollOffset(selected: selected, count: audiences.count, height: visible)
        for (index, audience) in audiences.enumerated().dropFirst(offset).prefix(visible) {
            let y = (index - offset) * rowsPer
            let status = context.status.audience(audience.id)
            var cadence = audience.cadence?.description ?? ""
            if !audience.hooks.isEmpty { cadence += (cadence.isEmpty ? "" : "+") + "on " + audience.hooks.map(\.rawValue).joined(separator: ",") }
            if let condition = audience.condition { cadence += " if \(condition)" }
            let last = status?.lastSent.map { "sent \($0.timeOfDay.prefix(5))" } ?? "not sent"
            let (countdown, role) = status?.dueIn.map(Glyphs.due) ?? ("—", .dim)
            let scope = audience.scope == .external ? "ext " : "int "
            if wide {
                canvas.line(y, [(scope, .dim), (ChecklistPane.pad(DisplayWidth.truncate(TextSanitizer.line(audience.audience), to: 22), 23), .normal),
                                (ChecklistPane.pad(DisplayWidth.truncate(TextSanitizer.line(audience.channel ?? ""), to: 20), 21), .dim),
                                (DisplayWidth.truncate(cadence, to: 18), .dim)])
                canvas.right(y, "\(last)  \(countdown)", role: role)
            } else {
                canvas.line(y, [(scope, .dim), (audience.audience, .normal)])
                canvas.right(y, countdown, role: role)
                canvas.line(y + 1, [("    " + [audience.channel ?? "", cadence, last].filter { !$0.isEmpty }.joined(separator: " · "), .dim)])
            }
            if index == selected {
                canvas.select(y)
                if !wide { canvas.select(y + 1) }
            }
        }
    }
}
