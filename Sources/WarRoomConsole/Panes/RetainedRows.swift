/// The drawing calls one frame made on each row of a pane's inside, in order: what a
/// retaining `PaneCanvas` compares the next frame's calls with, to redraw only the rows
/// that changed.
struct RetainedRows: Sendable {
    /// One drawing call on a row.
    enum Call: Sendable {
        case line(indent: Int, segments: [(String, StyleRole)])
        case select(width: Int?)
    }

    /// A row's calls. Two rows with the same calls hold the same cells.
    struct Row: Sendable, Equatable {
        var items: [Call] = []

        static func == (lhs: Row, rhs: Row) -> Bool {
            guard lhs.items.count == rhs.items.count else { return false }
            for (left, right) in zip(lhs.items, rhs.items) {
                switch (left, right) {
                case let (.line(leftIndent, leftSegments), .line(rightIndent, rightSegments)):
                    guard leftIndent == rightIndent, leftSegments.count == rightSegments.count else { return false }
                    for (a, b) in zip(leftSegments, rightSegments) where a.0 != b.0 || a.1 != b.1 { return false }
                case let (.select(leftWidth), .select(rightWidth)):
                    guard leftWidth == rightWidth else { return false }
                default:
                    return false
                }
            }
            return true
        }
    }

    /// The inside the rows belong to, in frame coordinates.
    let rect: Rect
    var calls: [Row]
    /// How many of the rows the frame that made them had to draw (the others it held already).
    var drawn = 0

    init(rect: Rect) {
        self.rect = rect
        calls = Array(repeating: Row(), count: max(0, rect.height))
    }
}
