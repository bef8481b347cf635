import WarRoomEngine

/// The footer: the last message (what a command did, or why it was refused) or a notice,
/// then the keys that do something now in the focused pane, from the key table, always
/// ending with `? help` and `q quit`.
enum FooterView {
    static func draw(_ frame: inout Frame, rect: Rect, context: ConsoleContext, model: ConsoleModel, keys: KeyMap) {
        if let message = model.message {
            frame.put(message.text, x: rect.x + 1, y: rect.y, role: message.kind == .error ? .error : .done, limit: rect.width - 2)
        } else if let notice = context.notices.first {
            frame.put("⚠ " + notice, x: rect.x + 1, y: rect.y, role: .due, limit: rect.width - 2)
        }
        guard rect.height > 1 else { return }
        let y = rect.maxY - 1
        let hints = keys.footerHints(for: model.focus, context: context, model: model).map {
            ($0.keyLabel, $0.action == .togglePause && context.replay?.paused == true ? "resume" : $0.hint)
        }
        let width = { (hint: (String, String)) in DisplayWidth.of(hint.0) + DisplayWidth.of(hint.1) + 3 }
        // `? help` and `q quit` are the last two and always shown: the others give way first.
        let fixed = hints.suffix(2)
        var room = rect.width - 1 - fixed.map(width).reduce(0, +)
        var shown: [(String, String)] = []
        for hint in hints.dropLast(2) {
            guard width(hint) <= room else { break }
            room -= width(hint)
            shown.append(hint)
        }
        var x = rect.x + 1
        for (label, hint) in shown + fixed {
            x += frame.put(label, x: x, y: y, role: .hintKey)
            x += frame.put(" " + hint + "  ", x: x, y: y, role: .hintText)
        }
    }
}
