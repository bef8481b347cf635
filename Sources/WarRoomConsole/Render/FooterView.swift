import WarRoomEngine

/// The footer: the last message (what a command did, or why it was refused) or a notice,
/// then the keys that do something now in the focused pane, from the key table, always
/// ending with `? help` and `q quit`. A message too long for its row wraps onto the keys'
/// row (they come back with the next key), and is cut with "…" only beyond that.
enum FooterView {
    static func draw(_ frame: inout Frame, rect: Rect, context: ConsoleContext, model: ConsoleModel, keys: KeyMap) {
        let message: (text: String, role: StyleRole)? = model.message.map { ($0.text, $0.kind == .error ? .error : .done) }
            ?? context.notices.first.map { ("⚠ " + $0, .due) }
        if let message {
            let columns = max(1, rect.width - 2)
            var lines = DisplayWidth.wrap(TextSanitizer.line(message.text), to: columns)
            if lines.count > rect.height {
                lines = Array(lines.prefix(rect.height))
                let last = lines[lines.count - 1]
                lines[lines.count - 1] = DisplayWidth.of(last) < columns ? last + "…" : DisplayWidth.truncate(last + "…", to: columns)
            }
            for (index, line) in lines.enumerated() {
                frame.put(line, x: rect.x + 1, y: rect.y + index, role: message.role, limit: columns)
            }
            if lines.count > 1 { return }
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
