#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import WarRoomEngine

/// A screen's worth of cells: what rendering produces and what the terminal draws.
///
/// Rendering is a function into a `Frame`; only the terminal layer turns a frame into
/// ncurses calls. Everything written through `put` is sanitised first, so no control
/// character from a runbook or journal can reach the terminal, and wide graphemes keep
/// columns aligned.
public struct Frame: Sendable, Hashable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, role: StyleRole = .normal) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank(role), count: self.width * self.height)
    }

    /// The whole frame as a rectangle.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        cells[y * width + x]
    }

    /// Writes `text` at (x, y) in `role`, clipped to `limit` columns (and the frame), and
    /// returns the columns used. A wide grapheme that would straddle the limit is dropped.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, role: StyleRole, limit: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let end = min(width, limit.map { x + max(0, $0) } ?? width)
        // Printable ASCII, most of any screen: one cell a byte, no Unicode segmentation.
        if DisplayWidth.isPrintableASCII(text) {
            var column = x
            for byte in text.utf8 {
                guard column < end else { break }
                if column >= 0 { set(Cell(scalar: Unicode.Scalar(byte), width: 1, role: role), at: column, y: y) }
                column += 1
            }
            return max(0, column - x)
        }
        let clean = TextSanitizer.line(text)
        // Symbols and Latin letters that are graphemes on their own (·, ✓, ▶, █, é): one
        // cell a scalar, no grapheme segmentation.
        if clean.unicodeScalars.allSatisfy(DisplayWidth.standsAlone) {
            var column = x
            for scalar in clean.unicodeScalars {
                let columns = DisplayWidth.of(scalar)
                guard column + columns <= end else { break }
                if column >= 0 { set(Cell(scalar: scalar, width: columns, role: role), at: column, y: y) }
                column += columns
            }
            return max(0, column - x)
        }
        var column = x
        for character in clean {
            let columns = DisplayWidth.of(character)
            if columns == 0 {
                // A stray combining mark or zero-width character: attach it to the previous cell.
                if column > max(0, x), column - 1 < width, column - 1 >= 0 {
                    let index = lead(of: y * width + column - 1)
                    for scalar in character.unicodeScalars { cells[index].append(scalar) }
                }
                continue
            }
            guard column + columns <= end else { break }
            if column >= 0 { set(Cell(grapheme: character.unicodeScalars, width: columns, role: role), at: column, y: y) }
            column += columns
        }
        return max(0, column - x)
    }

    /// Repeats one single-column glyph (a border's `─`, `│`) along a row or a column. The
    /// glyph is the program's own, not untrusted text, so it is written without sanitising.
    public mutating func line(_ glyph: Character, x: Int, y: Int, count: Int, vertical: Bool = false, role: StyleRole) {
        let cell = Cell(grapheme: glyph.unicodeScalars, width: 1, role: role)
        for offset in 0..<max(0, count) {
            let (column, row) = vertical ? (x, y + offset) : (x + offset, y)
            guard column >= 0, column < width, row >= 0, row < height else { continue }
            set(cell, at: column, y: row)
        }
    }

    /// Fills a rectangle with blanks of a role. A wide grapheme the rectangle cuts in half
    /// loses its other half too, as `put` does.
    public mutating func fill(_ rect: Rect, role: StyleRole) {
        let left = max(0, rect.x), right = min(width, rect.maxX)
        guard left < right else { return }
        let blank = Cell.blank(role)
        for row in max(0, rect.y)..<min(height, rect.maxY) {
            let start = row * width
            if left > 0, cells[start + left - 1].width == 2 { cells[start + left - 1] = .blank(cells[start + left - 1].role) }
            if right < width, cells[start + right].width == 0 { cells[start + right] = .blank(cells[start + right].role) }
            for index in (start + left)..<(start + right) { cells[index] = blank }
        }
    }

    /// Changes the role of every cell in a rectangle (a selection highlight), keeping text.
    public mutating func restyle(_ rect: Rect, role: StyleRole) {
        for row in max(0, rect.y)..<min(height, rect.maxY) {
            for column in max(0, rect.x)..<min(width, rect.maxX) { cells[row * width + column].role = role }
        }
    }

    /// Copies `rows` of `other` (a frame of the same size) into this frame's own buffer; with
    /// every row where the two differ, this frame is then equal to `other`.
    public mutating func copy(rows: [Int], from other: Frame) {
        guard width == other.width, height == other.height else {
            self = other
            return
        }
        let width = self.width, height = self.height
        other.cells.withUnsafeBufferPointer { source in
            cells.withUnsafeMutableBufferPointer { target in
                for row in rows where row >= 0 && row < height {
                    for index in (row * width)..<((row + 1) * width) { target[index] = source[index] }
                }
            }
        }
    }

    /// Moves the frame out, leaving an empty one: lets a pane draw into it without a
    /// copy-on-write of every cell (the caller's variable no longer shares the buffer).
    public mutating func take() -> Frame {
        let taken = self
        self = Frame(width: 0, height: 0)
        return taken
    }

    /// Calls `body` with each cell a terminal showing `previous` must write to show this
    /// frame: every cell but continuations when there is no previous frame of this size;
    /// otherwise the cells that differ, and any cell whose right neighbour differs (a wide
    /// grapheme there may have been cut by it). Rows that are equal cost one comparison of
    /// their bytes and no call.
    public func forEachCell(changedSince previous: Frame?, _ body: (_ x: Int, _ y: Int, _ cell: Cell) -> Void) {
        let last = previous.flatMap { $0.width == width && $0.height == height ? $0 : nil }
        cells.withUnsafeBufferPointer { now in
            guard let last else {
                for index in now.indices where now[index].width > 0 { body(index % width, index / width, now[index]) }
                return
            }
            last.cells.withUnsafeBufferPointer { before in
                let rowBytes = width * MemoryLayout<Cell>.stride
                for row in 0..<height {
                    let start = row * width, end = start + width
                    // An unchanged row, the most of any frame, costs one comparison of its bytes
                    // (a cell has no padding: `Cell.reserved`).
                    if let nowBase = now.baseAddress, let beforeBase = before.baseAddress,
                       memcmp(nowBase + start, beforeBase + start, rowBytes) == 0 { continue }
                    var index = start
                    while index < end, now[index] == before[index] { index += 1 }
                    guard index < end else { continue }
                    // A cell is written when it, or its right neighbour, changed.
                    for column in max(start, index - 1)..<end where now[column].width > 0 {
                        let next = column + 1
                        if now[column] == before[column], next >= end || now[next] == before[next] { continue }
                        body(column - start, row, now[column])
                    }
                }
            }
        }
    }

    /// The text of each row, wide graphemes once, trailing spaces kept: what golden files hold.
    public var lines: [String] {
        (0..<height).map { row in
            (0..<width).reduce(into: "") { line, column in line += cells[row * width + column].grapheme }
        }
    }

    /// The rows joined by newlines, with trailing spaces trimmed from each row.
    public var text: String {
        lines.map { line in
            var trimmed = Substring(line)
            while trimmed.last == " " { trimmed = trimmed.dropLast() }
            return String(trimmed)
        }.joined(separator: "\n")
    }

    /// Each row's style roles, run-length encoded (`headerBar×34 budgetAlarm×6 normal×40`):
    /// what golden files hold under each row of text, as ratatui's buffer debug output does.
    public var styleLines: [String] {
        (0..<height).map { row in
            var runs: [String] = []
            var current: StyleRole?
            var count = 0
            for column in 0..<width {
                let role = cells[row * width + column].role
                if role == current { count += 1; continue }
                if let current { runs.append("\(current.rawValue)×\(count)") }
                current = role
                count = 1
            }
            if let current { runs.append("\(current.rawValue)×\(count)") }
            return runs.joined(separator: " ")
        }
    }

    /// The text of each row (trailing spaces trimmed) with, under it, its style roles
    /// (`styleLines`, marked `  ¦ `): the golden-file form of a frame.
    public var textWithStyles: String {
        zip(text.split(separator: "\n", omittingEmptySubsequences: false), styleLines).map { "\($0)\n  ¦ \($1)" }.joined(separator: "\n")
    }

    /// The index of the cell a continuation belongs to (itself for any other cell).
    private func lead(of index: Int) -> Int {
        cells[index].width == 0 && index > 0 ? index - 1 : index
    }

    /// Sets one cell, repairing any wide grapheme it cuts in half.
    private mutating func set(_ cell: Cell, at x: Int, y: Int) {
        let index = y * width + x
        // Most cells: one column over one column, so no wide grapheme on either side is cut.
        if cell.width == 1, cells[index].width == 1 {
            cells[index] = cell
            return
        }
        let span = cell.width == 2 && x + 1 < width ? 2 : 1
        for offset in 0..<span {
            let target = index + offset
            if cells[target].width == 0, target > 0, x + offset > 0, cells[target - 1].width == 2, offset == 0 {
                cells[target - 1] = .blank(cells[target - 1].role)
            }
            if cells[target].width == 2, x + offset + 1 < width {
                cells[target + 1] = .blank(cells[target + 1].role)
            }
        }
        if cell.width == 2, x + 1 >= width {
            cells[index] = .blank(cell.role)
            return
        }
        cells[index] = cell
        if cell.width == 2 { cells[index + 1] = .continuation(cell.role) }
    }
}
