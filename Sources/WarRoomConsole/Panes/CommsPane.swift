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
            canvas.line(0, [(context.runbook.communications.isEmpty ? "No communication plan in this runbook." : "No audience matches the filter (Esc clears it).", .dim)])
            return
        }
        let selected = min(model.selected(.comms), audiences.count - 1)
        // One row per audience only where name, channel and cadence all have room.
        let wide = canvas.inner.width >= 100
        let rowsPer = wide ? 1 : 2
        let instants = context.instants
        let rights = audiences.map { audience -> (last: String, countdown: String, role: StyleRole) in
            let status = context.status.audience(audience.id)
            let (countdown, role) = status?.dueIn.map(Glyphs.due) ?? ("—", .dim)
            return (status?.lastSent.map { "sent \(instants.compact($0, seconds: false))" } ?? "not sent", countdown, role)
        }
        // One width for the right-hand column, so the other columns line up on every row.
        let rightWidth = rights.map { DisplayWidth.of("\($0.last)  \($0.countdown)") }.max() ?? 0
        canvas.list(count: audiences.count, selected: selected, height: canvas.inner.height, rowsPer: rowsPer) { canvas, index, y in
            let audience = audiences[index]
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
                // The countdown keeps its room; the audience's name is cut before it.
                let nameWidth = max(4, canvas.inner.width - 4 - DisplayWidth.of(countdown) - 1)
                canvas.line(y, [(scope, .dim), (DisplayWidth.truncate(TextSanitizer.line(audience.audience), to: nameWidth), .normal)])
                canvas.right(y, countdown, role: role)
                // Channel and cadence first, so audiences of one name tell apart.
                canvas.line(y + 1, [("    " + [audience.channel ?? "no channel", cadence.isEmpty ? "no cadence" : cadence, last].joined(separator: " · "), .dim)])
            }
            if index == selected { canvas.select(y, rows: rowsPer) }
        }
    }
}
