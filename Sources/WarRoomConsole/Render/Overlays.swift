import WarRoomEngine

/// Boxes drawn over the panes: the help generated from the key table, and text entry.
enum Overlays {
    static func help(_ frame: inout Frame, in bounds: Rect, keys: KeyMap, context: ConsoleContext, model: ConsoleModel) {
        var lines: [(String, String, StyleRole?)] = []
        for section in keys.helpSections(context: context, model: model) {
            lines.append((section.title, "", .heading))
            for (binding, disabled) in section.bindings {
                lines.append((binding.keyLabel, binding.help + (disabled.map { " — now: \($0)" } ?? ""), disabled == nil ? nil : .dim))
            }
        }
        lines.append(("Prompts", "", .heading))
        lines.append(("Enter", "Records (a refused answer keeps the prompt open and says why); Esc cancels", nil))
        lines.append(("y / o", "Confirms a question; Esc, n or Enter cancels (the safe default)", nil))
        let width = min(bounds.width - 4, 90)
        let height = min(bounds.height - 2, lines.count + 2)
        let box = Rect(x: bounds.x + (bounds.width - width) / 2, y: bounds.y + (bounds.height - height) / 2, width: width, height: height)
        frame.fill(box, role: .normal)
        let rows = max(1, height - 2)
        let offset = min(max(0, model.helpScroll), max(0, lines.count - rows))
        let more = lines.count > rows ? " — j/k scroll (\(offset + 1)-\(min(lines.count, offset + rows)) of \(lines.count))," : ""
        var canvas = PaneCanvas(frame: frame.take(), rect: box, title: "Keys\(more) any other key closes", focused: true, number: nil)
        for (row, line) in lines.dropFirst(offset).prefix(rows).enumerated() {
            if line.2 == .heading {
                canvas.line(row, [(line.0, .heading)])
            } else {
                canvas.line(row, [(ChecklistPane.pad(line.0, 10), line.2 ?? .hintKey), (line.1, line.2 ?? .normal)], indent: 1)
            }
        }
        frame = canvas.frame
    }

    /// A question before something irreversible: what will happen, then the two keys.
    static func confirmation(_ frame: inout Frame, in bounds: Rect, confirmation: Confirmation) {
        let width = min(bounds.width - 4, 90)
        let height = min(bounds.height - 2, confirmation.lines.count + 4)
        let box = Rect(x: bounds.x + (bounds.width - width) / 2, y: bounds.y + (bounds.height - height) / 2, width: width, height: height)
        frame.fill(box, role: .input)
        var canvas = PaneCanvas(frame: frame.take(), rect: box, title: TextSanitizer.line(confirmation.title), focused: true, number: nil)
        for (row, line) in confirmation.lines.prefix(max(0, canvas.inner.height - 2)).enumerated() {
            canvas.line(row, [(TextSanitizer.line(line), .input)])
        }
        canvas.line(canvas.inner.height - 1, [(String(confirmation.confirmKey), .hintKey), (" " + confirmation.confirmLabel + "   ", .input),
                                              ("Esc/n", .hintKey), (" cancel (default)", .input)])
        frame = canvas.frame
    }

    static func entry(_ frame: inout Frame, in bounds: Rect, entry: TextEntry) {
        let textLines = entry.string.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let height = entry.isMultiline ? min(bounds.height - 2, max(8, textLines.count + 3)) : 3
        let width = min(bounds.width - 4, entry.isMultiline ? 100 : 90)
        let box = Rect(x: bounds.x + (bounds.width - width) / 2, y: entry.isMultiline ? bounds.y + 1 : bounds.maxY - height - 1, width: width, height: height)
        frame.fill(box, role: .input)
        var canvas = PaneCanvas(frame: frame.take(), rect: box, title: entry.isMultiline ? entry.prompt : entry.title, focused: true, number: nil)
        if entry.isMultiline {
            // Keep the cursor's line in view.
            let before = entry.text.prefix(entry.cursor).filter { $0 == "\n" }.count
            let offset = PaneCanvas.scrollOffset(selected: before, count: textLines.count, height: canvas.inner.height)
            for (row, line) in textLines.enumerated().dropFirst(offset).prefix(canvas.inner.height) {
                canvas.line(row - offset, [(line + (row == before ? "▏" : ""), .input)])
            }
        } else {
            let text = entry.string
            let shown = DisplayWidth.of(text) > canvas.inner.width - DisplayWidth.of(entry.prompt) - 2 ? "…" + String(text.suffix(canvas.inner.width / 2)) : text
            canvas.line(0, [(entry.prompt, .heading), (shown, .input), ("▏", .hintKey)])
        }
        if let error = entry.error {
            // The refusal inside the prompt, over its bottom border: the prompt stays open.
            frame = canvas.frame
            frame.put(" ✗ " + TextSanitizer.line(error) + " ", x: box.x + 1, y: box.maxY - 1, role: .error, limit: box.width - 2)
            return
        }
        frame = canvas.frame
    }
}
