import WarRoomEngine

/// Drawing helpers for one pane inside a frame: the border with its title, lines of text
/// in the inside, and lists that scroll to keep the selection in view.
///
/// A canvas made with `retaining:` keeps each row's drawing calls (`RetainedRows`). Over a
/// blank inside it draws as it goes; over the rows the frame holds from the last frame it
/// draws at `finish`, and only the rows whose calls differ, so an idle tick redraws only the
/// rows whose text moved with the clock. The frame is the same either way.
struct PaneCanvas {
    var frame: Frame
    let outer: Rect
    let inner: Rect
    let focused: Bool
    /// This frame's drawing calls on each row of the inside, when drawing is retained.
    private var recorded: RetainedRows?
    /// The rows the inside holds from the last frame, when the calls wait for `finish`.
    private var kept: RetainedRows?
    private var deferred: Bool { kept != nil }

    init(frame: Frame, rect: Rect, title: String, focused: Bool, number: Int?) {
        self.frame = frame
        outer = rect
        inner = rect.inset(by: 1)
        self.focused = focused
        drawBorder(title: title, number: number)
    }

    /// A canvas that keeps its rows' drawing calls. `kept`: the rows the frame holds from the
    /// last frame (drawn at `finish`, where they changed); nil when the inside is blank.
    init(frame: Frame, rect: Rect, title: String, focused: Bool, number: Int?, retaining kept: RetainedRows?) {
        self.init(frame: frame, rect: rect, title: title, focused: focused, number: number)
        recorded = RetainedRows(rect: inner)
        self.kept = kept
        // Kept rows of another inside say nothing of these: start them blank.
        if let kept, kept.rect != inner { self.frame.fill(inner, role: .normal) }
    }

    /// Draws the rows whose calls differ from the kept ones (given at `init`) and returns
    /// this frame's rows, to be kept for the next one.
    mutating func finish() -> RetainedRows? {
        guard var recorded else { return nil }
        self.recorded = nil
        guard let kept else {
            recorded.drawn = recorded.calls.filter { !$0.items.isEmpty }.count
            return recorded
        }
        self.kept = nil
        let previous = kept.rect == recorded.rect ? kept : nil
        for row in 0..<inner.height {
            let calls = recorded.calls[row]
            if let previous, previous.calls[row] == calls { continue }
            if previous != nil || !calls.items.isEmpty { recorded.drawn += 1 }
            if previous != nil { frame.fill(Rect(x: inner.x, y: inner.y + row, width: inner.width, height: 1), role: .normal) }
            for call in calls.items {
                switch call {
                case .line(let indent, let segments): draw(row, segments, indent: indent)
                case .select(let width): highlight(row, width: width)
                }
            }
        }
        return recorded
    }

    private mutating func drawBorder(title: String, number: Int?) {
        guard outer.width >= 2, outer.height >= 2 else { return }
        let role: StyleRole = focused ? .borderFocused : .border
        frame.line("╭", x: outer.x, y: outer.y, count: 1, role: role)
        frame.line("─", x: outer.x + 1, y: outer.y, count: outer.width - 2, role: role)
        frame.line("╮", x: outer.maxX - 1, y: outer.y, count: 1, role: role)
        frame.line("╰", x: outer.x, y: outer.maxY - 1, count: 1, role: role)
        frame.line("─", x: outer.x + 1, y: outer.maxY - 1, count: outer.width - 2, role: role)
        frame.line("╯", x: outer.maxX - 1, y: outer.maxY - 1, count: 1, role: role)
        frame.line("│", x: outer.x, y: outer.y + 1, count: outer.height - 2, vertical: true, role: role)
        frame.line("│", x: outer.maxX - 1, y: outer.y + 1, count: outer.height - 2, vertical: true, role: role)
        let label = " \(number.map { "\($0) " } ?? "")\(title) "
        frame.put(label, x: outer.x + 2, y: outer.y, role: focused ? .borderFocused : .heading, limit: outer.width - 4)
    }

    /// Writes a line of segments at row `row` of the inside, `indent` columns in, clipped to it.
    mutating func line(_ row: Int, _ segments: [(String, StyleRole)], indent: Int = 0) {
        guard row >= 0, row < inner.height else { return }
        if recorded != nil { recorded?.calls[row].items.append(.line(indent: indent, segments: segments)) }
        if !deferred { draw(row, segments, indent: indent) }
    }

    private mutating func draw(_ row: Int, _ segments: [(String, StyleRole)], indent: Int) {
        var x = inner.x + indent
        for (text, role) in segments where x < inner.maxX {
            x += frame.put(text, x: x, y: inner.y + row, role: role, limit: inner.maxX - x)
        }
    }

    /// Writes text right-aligned on row `row` of the inside.
    mutating func right(_ row: Int, _ text: String, role: StyleRole) {
        let width = DisplayWidth.of(TextSanitizer.line(text))
        line(row, [(text, role)], indent: max(0, inner.width - width))
    }

    /// Highlights `rows` rows from row `row` of the inside (an item drawn on two rows takes
    /// both) as the selection.
    /// `width`: how many columns from the left (the whole inside when nil).
    mutating func select(_ row: Int, rows: Int = 1, width: Int? = nil) {
        for line in row..<(row + rows) where line >= 0 && line < inner.height {
            if recorded != nil { recorded?.calls[line].items.append(.select(width: width)) }
            if !deferred { highlight(line, width: width) }
        }
    }

    private mutating func highlight(_ row: Int, width: Int?) {
        frame.restyle(Rect(x: inner.x, y: inner.y + row, width: min(inner.width, width ?? inner.width), height: 1), role: focused ? .selection : .dim)
    }

    /// Says on the border how many items of a list are above and below the rows shown:
    /// "▲ 3 more" at the top right, "▼ 5 more" at the bottom right.
    mutating func scrollMarks(above: Int, below: Int) {
        guard outer.width >= 16, outer.height >= 2 else { return }
        let role: StyleRole = focused ? .borderFocused : .hintText
        if above > 0 {
            let text = " ▲ \(above) more "
            frame.put(text, x: outer.maxX - 2 - DisplayWidth.of(text), y: outer.y, role: role)
        }
        if below > 0 {
            let text = " ▼ \(below) more "
            frame.put(text, x: outer.maxX - 2 - DisplayWidth.of(text), y: outer.maxY - 1, role: role)
        }
    }

    /// Draws `count` items in `height` rows from row `top`, `rowsPer` rows each, scrolled so
    /// `selected` is in view, with the more-above/more-below marks; `draw` gets each item's
    /// index and first row. Returns the first index shown.
    @discardableResult
    mutating func list(count: Int, selected: Int, top: Int = 0, height: Int, rowsPer: Int = 1, marks: Bool = true,
                       draw: (inout PaneCanvas, _ index: Int, _ row: Int) -> Void) -> Int {
        let visible = max(1, height / max(1, rowsPer))
        let offset = Self.scrollOffset(selected: selected, count: count, height: visible)
        let end = min(count, offset + visible)
        for index in offset..<max(offset, end) { draw(&self, index, top + (index - offset) * rowsPer) }
        if marks { scrollMarks(above: offset, below: count - end) }
        return offset
    }

    /// The first item to show so that `selected` is visible in `height` rows.
    static func scrollOffset(selected: Int, count: Int, height: Int) -> Int {
        guard count > height, height > 0 else { return 0 }
        return min(max(0, selected - height / 2), count - height)
    }
}
