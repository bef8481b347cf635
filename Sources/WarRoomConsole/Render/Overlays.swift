import WarRoomEngine

/// Boxes drawn over the panes: the help generated from the key table, and text entry.
enum Overlays {
    static func help(_ frame: inout Frame, in bounds: Rect, keys: KeyMap, context: ConsoleContext, model: ConsoleModel) {
        var lines: [(String, String, StyleRole?)] = []
        let wrapWidth = max(10, min(bounds.width - 4, 90) - 14)
        for section in keys.helpSections(context: context, model: model) {
            lines.append((section.title, "", .heading))
            for (binding, disabled) in section.bindings {
                // Long help wraps under itself (the keys column stays clear): the one wrapping routine.
                let help = binding.help + (disabled.map { " — now: \($0)" } ?? "")
                for (index, part) in DisplayWidth.wrap(help, to: wrapWidth).enumerated() {
                    lines.append((index == 0 ? binding.keyLabel : "", part, disabled == nil ? nil : .dim))
                }
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
        EntryOverlay.draw(&frame, in: bounds, entry: entry)
    }
}
