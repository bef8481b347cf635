import WarRoomConsole

/// The bytes that take a terminal from showing one frame to showing the next, built from the
/// terminal's own control strings (terminfo) and sent in one write.
///
/// ncurses' own update sends a frame in one write per change of style (it empties its buffer
/// before each one) and compares its whole screen again after ours; the console already
/// knows which cells changed (`Frame.forEachCell(changedSince:)`), so it sends them itself:
/// a move only where the next cell is not where the cursor stands (column- or row-only moves
/// where the terminal has them), each role's whole style (reset, attributes, colours) only when
/// the role changes, then the text.
///
/// Pure: the control strings come in `Controls`, so tests can read the bytes.
struct TerminalOutput {
    /// The terminal's control strings, resolved for this session.
    struct Controls {
        /// Clears the screen (and homes the cursor).
        var clear: [UInt8]
        /// Leaves every attribute and colour (sgr0).
        var reset: [UInt8]
        /// Moves to row, column (0-based).
        var move: (_ row: Int, _ column: Int) -> [UInt8]
        /// Moves to a column in the same row, where the terminal has it (hpa).
        var column: ((Int) -> [UInt8])?
        /// Moves to a row in the same column, where the terminal has it (vpa).
        var row: ((Int) -> [UInt8])?
        /// Each role's whole style: a reset, its attributes, its colours.
        var styles: [StyleRole: [UInt8]]
        /// Writing the last column of the last row would scroll the screen (auto margins
        /// without the newline glitch): that cell is left alone.
        var lastCellScrolls: Bool
        /// Whether text is sent as UTF-8; otherwise as ASCII stand-ins.
        var utf8: Bool
    }

    let controls: Controls

    /// The bytes that show `frame` on a terminal showing `previous` (nil: unknown, so the
    /// screen is cleared and every cell written).
    func bytes(for frame: Frame, after previous: Frame?) -> [UInt8] {
        var rows: [Int] = []
        return bytes(for: frame, after: previous, changedRows: &rows)
    }

    /// The same, and in `changedRows` every row where `frame` differs from `previous`, in order
    /// (a row that differs always has a cell to write: the changed one, or the wide one left of it).
    func bytes(for frame: Frame, after previous: Frame?, changedRows: inout [Int]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(previous == nil ? frame.width * frame.height * 2 : 512)
        let known = previous.flatMap { $0.width == frame.width && $0.height == frame.height ? $0 : nil }
        var cursor: (x: Int, y: Int)?
        var role: StyleRole?
        if known == nil {
            out += controls.reset
            out += controls.clear
        }
        frame.forEachCell(changedSince: known) { x, y, cell in
            if changedRows.last != y { changedRows.append(y) }
            if controls.lastCellScrolls, y == frame.height - 1, x + max(1, cell.width) >= frame.width { return }
            if let at = cursor, at.x == x, at.y == y {
                // Already there.
            } else if let at = cursor, at.y == y, let column = controls.column {
                out += column(x)
            } else if let at = cursor, at.x == x, let row = controls.row {
                out += row(y)
            } else {
                out += controls.move(y, x)
            }
            if role != cell.role {
                out += controls.styles[cell.role] ?? controls.reset
                role = cell.role
            }
            let columns = Self.append(cell, to: &out, utf8: controls.utf8)
            // At the right edge the cursor's place depends on the terminal: say it is unknown.
            cursor = x + columns < frame.width ? (x + columns, y) : nil
        }
        if role != nil { out += controls.reset }
        return out
    }

    /// Appends a cell's text; returns the columns it takes.
    private static func append(_ cell: Cell, to out: inout [UInt8], utf8: Bool) -> Int {
        let columns = max(1, cell.width)
        if utf8 || cell.isASCII {
            let values = cell.scalarValues
            appendUTF8(values.0, to: &out)
            if values.1 != 0 {
                appendUTF8(values.1, to: &out)
                if values.2 != 0 {
                    appendUTF8(values.2, to: &out)
                    if values.3 != 0 { appendUTF8(values.3, to: &out) }
                }
            }
            return columns
        }
        let standIn = ASCIIGlyphs.fallback(cell.grapheme, width: cell.width)
        out += Array(standIn.utf8.prefix(columns))
        return columns
    }

    /// Appends one scalar value as UTF-8 (the cell keeps only valid scalars).
    private static func appendUTF8(_ value: UInt32, to out: inout [UInt8]) {
        switch value {
        case 0..<0x80:
            out.append(UInt8(value))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (value >> 6)))
            out.append(UInt8(0x80 | (value & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (value >> 12)))
            out.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (value & 0x3F)))
        default:
            out.append(UInt8(0xF0 | ((value >> 18) & 0x07)))
            out.append(UInt8(0x80 | ((value >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (value & 0x3F)))
        }
    }
}
