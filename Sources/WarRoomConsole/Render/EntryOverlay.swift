import WarRoomEngine

/// Text being typed, drawn over the panes: a one-line prompt at the bottom, or the
/// composer — a multi-line editor box whose text wraps by display width (`TextWrap`), scrolls
/// to keep the cursor in view, and shows the cursor where the next character goes. Unfilled
/// template placeholders (`{{what_broke}}`) are highlighted and counted in the title.
enum EntryOverlay {
    static func draw(_ frame: inout Frame, in bounds: Rect, entry: TextEntry) {
        let box = entry.isMultiline ? drawEditor(&frame, in: bounds, entry: entry) : drawLine(&frame, in: bounds, entry: entry)
        if let error = entry.error {
            // The refusal inside the prompt, over its bottom border: the prompt stays open.
            frame.put(" ✗ " + TextSanitizer.line(error) + " ", x: box.x + 1, y: box.maxY - 1, role: .error, limit: box.width - 2)
        }
    }

    /// The composer's width on a screen `screenWidth` wide, borders included.
    static func editorWidth(screenWidth: Int) -> Int { min(screenWidth - 2, 100) }

    /// The columns the composer wraps its text to on a screen `screenWidth` wide.
    static func editorColumns(screenWidth: Int) -> Int { max(1, editorWidth(screenWidth: screenWidth) - 2) }

    @discardableResult
    private static func drawEditor(_ frame: inout Frame, in bounds: Rect, entry: TextEntry) -> Rect {
        let width = editorWidth(screenWidth: bounds.width)
        let lines = TextWrap.lines(entry.text, columns: editorColumns(screenWidth: bounds.width))
        let height = max(3, min(bounds.height - 1, max(8, lines.count + 2)))
        let box = Rect(x: bounds.x + (bounds.width - width) / 2, y: bounds.y + max(0, (bounds.height - height) / 2), width: width, height: height)
        frame.fill(box, role: .input)
        let placeholders = entry.unfilledPlaceholders
        var canvas = PaneCanvas(frame: frame.take(), rect: box, title: TextSanitizer.line(entry.prompt), focused: true, number: nil)
        let cursor = TextWrap.position(of: entry.cursor, in: lines, characters: entry.text)
        let rows = canvas.inner.height
        let offset = PaneCanvas.scrollOffset(selected: cursor.row, count: lines.count, height: rows)
        for (row, line) in lines.enumerated().dropFirst(offset).prefix(rows) {
            canvas.line(row - offset, segments(of: line, placeholders: placeholders, characters: entry.text))
        }
        canvas.scrollMarks(above: offset, below: max(0, lines.count - offset - rows))
        frame = canvas.frame
        let status = " line \(cursor.row + 1)/\(lines.count) "
        var x = box.x + 2
        x += frame.put(status, x: x, y: box.maxY - 1, role: .hintText, limit: box.width - 4)
        if !placeholders.isEmpty {
            let warning = " ⚠ \(CountNotation.count(placeholders.count, "placeholder")) unfilled {{…}} "
            frame.put(warning, x: x + 1, y: box.maxY - 1, role: .due, limit: box.maxX - x - 3)
        }
        markCursor(&frame, x: canvas.inner.x + min(cursor.column, canvas.inner.width - 1), y: canvas.inner.y + cursor.row - offset)
        return box
    }

    /// A line's text in pieces: plain, and placeholders in the `due` role.
    private static func segments(of line: TextWrap.Line, placeholders: [Range<Int>], characters: [Character]) -> [(String, StyleRole)] {
        var segments: [(String, StyleRole)] = []
        var index = line.range.lowerBound
        while index < line.range.upperBound {
            if let placeholder = placeholders.first(where: { $0.contains(index) }) {
                let end = min(placeholder.upperBound, line.range.upperBound)
                segments.append((String(characters[index..<end]), .due))
                index = end
            } else {
                let next = placeholders.map(\.lowerBound).filter { $0 > index }.min() ?? line.range.upperBound
                let end = min(next, line.range.upperBound)
                segments.append((String(characters[index..<end]), .input))
                index = end
            }
        }
        return segments
    }

    @discardableResult
    private static func drawLine(_ frame: inout Frame, in bounds: Rect, entry: TextEntry) -> Rect {
        let width = min(bounds.width - 2, 90)
        let box = Rect(x: bounds.x + (bounds.width - width) / 2, y: bounds.maxY - 4, width: width, height: 3)
        frame.fill(box, role: .input)
        var canvas = PaneCanvas(frame: frame.take(), rect: box, title: entry.title, focused: true, number: nil)
        let prompt = TextSanitizer.line(entry.prompt)
        let room = max(1, canvas.inner.width - DisplayWidth.of(prompt) - 1)
        // Scroll sideways so the cursor stays in view: start where the cursor is less than a
        // line from the right edge.
        let widths = entry.text.map { DisplayWidth.of($0) }
        var start = 0
        while widths[start..<entry.cursor].reduce(0, +) >= room, start < entry.cursor { start += 1 }
        var end = start, used = 0
        while end < entry.text.count, used + widths[end] <= room { used += widths[end]; end += 1 }
        let shown = String(entry.text[start..<end])
        canvas.line(0, [(prompt, .heading), (start > 0 ? "…" : "", .dim), (start > 0 ? String(shown.dropFirst()) : shown, entry.isSuggestion ? .dim : .input)])
        frame = canvas.frame
        let column = widths[start..<entry.cursor].reduce(0, +)
        markCursor(&frame, x: canvas.inner.x + DisplayWidth.of(prompt) + column, y: canvas.inner.y)
        return box
    }

    /// Shows the cursor as the selection role (reverse video in every theme) on the cell
    /// where the next character goes.
    private static func markCursor(_ frame: inout Frame, x: Int, y: Int) {
        guard x >= 0, x < frame.width, y >= 0, y < frame.height else { return }
        frame.restyle(Rect(x: x, y: y, width: 1, height: 1), role: .selection)
    }
}
