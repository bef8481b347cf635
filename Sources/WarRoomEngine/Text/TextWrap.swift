/// The one wrapping routine: text broken into lines of at most a number of terminal
/// columns, by display width, at spaces where it can and between graphemes where a word is
/// longer than a line (a grapheme is never split). Used by the console's detail pane, help,
/// composer and messages, and by `DisplayWidth.wrap`.
///
/// Each line knows which characters (graphemes) of the text it holds, so an editor can put
/// its cursor on the right row and column.
public enum TextWrap {
    /// One line of wrapped text.
    public struct Line: Sendable, Hashable {
        /// The characters of the text this line holds (offsets into the text's characters),
        /// without the space or newline it was broken at.
        public var range: Range<Int>
        /// The line's text.
        public var text: String
    }

    /// `text` as lines of at most `columns` columns (hard newlines kept).
    public static func lines(_ text: String, columns: Int) -> [Line] {
        // Printable ASCII and newlines (most runbook text, wrapped on every tick): a byte is a
        // character and a column, so break by bytes without grapheme segmentation.
        let bytes = Array(text.utf8)
        if bytes.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x0A }) { return asciiLines(bytes, columns: max(1, columns)) }
        return lines(Array(text), columns: columns)
    }

    /// The same rules as `lines(_:columns:)` over printable ASCII bytes and newlines.
    private static func asciiLines(_ bytes: [UInt8], columns: Int) -> [Line] {
        var lines: [Line] = []
        var start = 0, index = 0, lastSpace: Int?
        func emit(_ end: Int, next: Int) {
            lines.append(Line(range: start..<end, text: String(decoding: bytes[start..<end], as: UTF8.self)))
            start = next
            index = next
            lastSpace = nil
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A { emit(index, next: index + 1); continue }
            if index - start + 1 > columns, index > start {
                if byte == 0x20 {
                    emit(index, next: index + 1)
                } else if let space = lastSpace, space > start {
                    emit(space, next: space + 1)
                } else {
                    emit(index, next: index)
                }
                continue
            }
            if byte == 0x20 { lastSpace = index }
            index += 1
        }
        lines.append(Line(range: start..<bytes.count, text: String(decoding: bytes[start..<bytes.count], as: UTF8.self)))
        return lines
    }

    /// The same, of text as characters (what an editor holds).
    public static func lines(_ characters: [Character], columns: Int) -> [Line] {
        let columns = max(1, columns)
        var lines: [Line] = []
        var start = 0
        var index = 0
        var used = 0
        // The last space on the current line: where to break when a word does not fit.
        var lastSpace: Int?
        func emit(_ end: Int, next: Int) {
            lines.append(Line(range: start..<end, text: String(characters[start..<end])))
            start = next
            index = next
            used = 0
            lastSpace = nil
        }
        while index < characters.count {
            let character = characters[index]
            if character == "\n" {
                emit(index, next: index + 1)
                continue
            }
            let width = DisplayWidth.of(character)
            if used + width > columns, index > start {
                if character == " " {
                    emit(index, next: index + 1)   // break at this space
                } else if let space = lastSpace, space > start {
                    emit(space, next: space + 1)   // break at the last space, the word moves down
                } else {
                    emit(index, next: index)       // a word longer than the line: cut between graphemes
                }
                continue
            }
            if character == " " { lastSpace = index }
            used += width
            index += 1
        }
        lines.append(Line(range: start..<characters.count, text: String(characters[start..<characters.count])))
        return lines
    }

    /// The row and column (in display columns) of character offset `offset` in `lines`.
    public static func position(of offset: Int, in lines: [Line], characters: [Character]) -> (row: Int, column: Int) {
        for (row, line) in lines.enumerated() {
            let isLast = row == lines.count - 1
            let nextStart = isLast ? Int.max : lines[row + 1].range.lowerBound
            if offset >= line.range.lowerBound, offset <= line.range.upperBound, offset < nextStart || isLast {
                let column = characters[line.range.lowerBound..<offset].reduce(0) { $0 + DisplayWidth.of($1) }
                return (row, column)
            }
        }
        return (max(0, lines.count - 1), 0)
    }

    /// The character offset at display column `column` of row `row` (the nearest before it).
    public static func offset(row: Int, column: Int, in lines: [Line], characters: [Character]) -> Int {
        guard let line = lines[safeIndex: row] else { return characters.count }
        var used = 0
        for index in line.range {
            let width = DisplayWidth.of(characters[index])
            if used + width > column { return index }
            used += width
        }
        return line.range.upperBound
    }
}

extension Array {
    fileprivate subscript(safeIndex index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
