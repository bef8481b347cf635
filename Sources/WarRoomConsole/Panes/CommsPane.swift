import WarRoomEngine

/// Each audience: channel, cadence, last sent, and a countdown that turns due then overdue.
enum CommsPane {
    /// Text truncated to `width - 1` and padded to `width`, so columns keep a space between them.
    private static func cell(_ text: String, _ width: Int) -> String {
        guard width > 1 else { return "" }
        return DisplayWidth.pad(DisplayWidth.truncate(TextSanitizer.line(text), to: width - 1), to: width)
    }

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
        let rights = audiences.map { audience -> (last: String, countdown: String, role: StyleRole) in
            let status = context.status.audience(audience.id)
            let (countdown, role) = status?.dueIn.map(Glyphs.due) ?? ("—", .dim)
            return (status?.lastSent.map { "sent \($0.timeOfDay.prefix(5))" } ?? "not sent", countdown, role)
        }
        // One width for the right-hand column, so the other columns line up on every row.
        let rightWidth = rights.map { DisplayWidth.of("\($0.last)  \($0.countdown)") }.max() ?? 0
        for (index, audience) in audiences.enumerated().dropFirst(offset).prefix(visible) {
            let y = (index - offset) * rowsPer
            var cadence = audience.cadence?.description ?? ""
            if !audience.hooks.isEmpty { cadence += (cadence.isEmpty ? "" : "+") + "on " + audience.hooks.map(\.rawValue).joined(separator: ",") }
            if let condition = audience.condition { cadence += " if \(condition)" }
            let (last, countdown, role) = rights[index]
            let scope = audience.scope == .external ? "ext " : "int "
            if wide {
                let right = "\(last)  \(countdown)"
                let available = canvas.inner.width - 4 - rightWidth - 1
                let audienceWidth = available * 4 / 10, channelWidth = available * 3 / 10
                let cadenceWidth = available - audienceWidth - channelWidth
                canvas.line(y, [(scope, .dim),
                                (cell(audience.audience, audienceWidth), .normal),
                                (cell(audience.channel ?? "", channelWidth), .dim),
                                (cell(cadence, cadenceWidth), .dim)])
                canvas.right(y, right, role: .dim)
                canvas.right(y, countdown, role: role)
            } else {
                canvas.line(y, [(scope, .dim), (audience.audience, .normal)])
                canvas.right(y, countdown, role: role)
                canvas.line(y + 1, [("    " + [audience.channel ?? "", cadence, last].filter { !$0.isEmpty }.joined(separator: " · "), .dim)])
            }
            if index == selected { canvas.select(y, rows: rowsPer) }
        }
    }
}
