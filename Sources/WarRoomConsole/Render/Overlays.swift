import WarRoomEngine

/// Boxes drawn over the panes: the help generated from the key table, and text entry.
enum Overlays {
    static func help(_ frame: inout Frame, in bounds: Rect, keys: KeyMap, replaying: Bool, scroll: Int) {
        var lines: [(String, String, Bool)] = []
        let width = min(bounds.width - 4, 90)
        for section in keys.helpSections(replaying: replaying) {
            lines.append((section.title, "", true))
            for binding in section.bindings {
                // Long help wraps under itself (the keys column stays clear).
                for (index, part) in DisplayWidth.wrap(binding.help, to: max(10, width - 14)).enumerated() {
                    lines.append((index == 0 ? binding.keyLabel : "", part, false))
                }
            }
        }
        if !replaying {
            lines.append(("Incident", "", true))
            lines.append(("D", "Declare the incident (severity and title)", false))
            lines.append(("R", "Resolve the incident (asks the outcome)", false))
        }
        let height = min(bounds.height - 2, lines.count + 2)
        let box = Rect(x: bounds.x + (bounds.width - width) / 2, y: bounds.y + (bounds.height - height) / 2, width: width, height: height)
        frame.fill(box, role: .normal)
        let rows = max(1, height - 2)
        let offset = min(max(0, scroll), max(0, lines.count - rows))
        let more = lines.count > rows ? " — j/k scroll (\(offset + 1)-\(min(lines.count, offset + rows)) of \(lines.count))," : ""
        var canvas = PaneCanvas(frame: frame.take(), rect: box, title: "Keys\(more) any other key closes", focused: true, number: nil)
        for (row, line) in lines.dropFirst(offset).prefix(rows).enumerated() {
            if line.2 {
                canvas.line(row, [(line.0, .heading)])
            } else {
                canvas.line(row, [(ChecklistPane.pad(line.0, 10), .hintKey), (line.1, .normal)], indent: 1)
            }
        }
        frame = canvas.frame
    }

    static func entry(_ frame: inout Frame, in bounds: Rect, entry: TextEntry) {
        EntryOverlay.draw(&frame, in: bounds, entry: entry)
    }
}
