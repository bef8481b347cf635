import WarRoomEngine

/// The footer: the last message (what a command did, or why it was refused) or a notice,
/// then the keys that work in the focused pane, from the key table.
enum FooterView {
    static func draw(_ frame: inout Frame, rect: Rect, context: ConsoleContext, model: ConsoleModel, keys: KeyMap) {
        if let message = model.message {
            frame.put(message.text, x: rect.x + 1, y: rect.y, role: message.kind == .error ? .error : .done, limit: rect.width - 2)
        } else if let notice = context.notices.first {
            frame.put("⚠ " + notice, x: rect.x + 1, y: rect.y, role: .due, limit: rect.width - 2)
        }
        guard rect.height > 1 else { return }
        let y = rect.maxY - 1
        var x = rect.x + 1
        var hints = keys.footerHints(for: model.focus, replaying: context.isReplaying).map {
            ($0.keyLabel, $0.action == .togglePause && context.replay?.paused == true ? "resume" : $0.hint)
        }
        if !context.isReplaying {
            if context.state.declaration == nil { hints.insert(("D", "declare"), at: 0) }
            else if context.state.isActive { hints.append(("R", "resolve")) }
        }
        for (label, hint) in hints {
            let width = DisplayWidth.of(label) + DisplayWidth.of(hint) + 3
            guard x + width <= rect.maxX else { break }
            x += frame.put(label, x: x, y: y, role: .hintKey)
            x += frame.put(" " + hint + "  ", x: x, y: y, role: .hintText)
        }
    }
}
