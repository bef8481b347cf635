import WarRoomEngine

/// One timeline event opened whole over the panes (Enter on a timeline row): every field,
/// wrapped by display width, scrolling when longer than the box.
enum EventOverlay {
    static func draw(_ frame: inout Frame, in bounds: Rect, event: Event, context: ConsoleContext, scroll: Int) {
        let width = min(bounds.width - 2, 100)
        let labelWidth = 10
        var lines: [(String, String)] = []
        for (label, value) in TimelineRow.fields(event, runbook: context.runbook) {
            let wrapped = DisplayWidth.wrap(TextSanitizer.block(value), to: max(1, width - 3 - labelWidth))
            for (index, line) in wrapped.enumerated() { lines.append((index == 0 ? label : "", line)) }
        }
        let height = min(bounds.height, lines.count + 2)
        let box = Rect(x: bounds.x + (bounds.width - width) / 2, y: bounds.y + (bounds.height - height) / 2, width: width, height: height)
        frame.fill(box, role: .normal)
        var canvas = PaneCanvas(frame: frame.take(), rect: box, title: "Event — Esc closes, j/k scroll", focused: true, number: nil)
        let rows = canvas.inner.height
        let offset = min(max(0, scroll), max(0, lines.count - rows))
        for (row, line) in lines.dropFirst(offset).prefix(rows).enumerated() {
            canvas.line(row, [(DisplayWidth.pad(line.0, to: labelWidth), .heading), (line.1, .normal)], indent: 1)
        }
        canvas.scrollMarks(above: offset, below: max(0, lines.count - offset - rows))
        frame = canvas.frame
    }
}
