import Testing
import WarRoomConsole
import WarRoomTestSupport
@testable import WarRoomTerminal

/// The console's own terminal output, read back by a small terminal emulator that understands
/// made-up control strings: whatever frames follow one another, the screen ends up showing
/// the last one, cell by cell and style by style.
@Suite("Terminal output: the bytes that show a frame")
struct TerminalOutputTests {
    /// Control strings a test can read: `<M row col>`, `<H col>`, `<V row>`, `<S role>`, `<R>`, `<CLR>`.
    static func controls(lastCellScrolls: Bool = false, utf8: Bool = true) -> TerminalOutput.Controls {
        TerminalOutput.Controls(
            clear: Array("<CLR>".utf8), reset: Array("<R>".utf8),
            move: { row, column in Array("<M \(row) \(column)>".utf8) },
            column: { column in Array("<H \(column)>".utf8) },
            row: { row in Array("<V \(row)>".utf8) },
            styles: Dictionary(uniqueKeysWithValues: StyleRole.allCases.map { ($0, Array("<S \($0)>".utf8)) }),
            lastCellScrolls: lastCellScrolls, utf8: utf8)
    }

    /// A screen that applies those control strings and UTF-8 text.
    struct Screen {
        let width: Int, height: Int
        var text: [String], roles: [StyleRole?]
        var x = 0, y = 0
        var role: StyleRole?

        init(width: Int, height: Int) {
            self.width = width
            self.height = height
            text = Array(repeating: "?", count: width * height)   // unknown until cleared or written
            roles = Array(repeating: nil, count: width * height)
        }

        mutating func apply(_ bytes: [UInt8]) throws {
            let string = try #require(String(validating: bytes, as: UTF8.self))
            var rest = Substring(string)
            while let first = rest.first {
                if first == "<", let close = rest.firstIndex(of: ">") {
                    let words = rest[rest.index(after: rest.startIndex)..<close].split(separator: " ")
                    rest = rest[rest.index(after: close)...]
                    switch words.first {
                    case "M": y = Int(words[1]) ?? -1; x = Int(words[2]) ?? -1
                    case "H": x = Int(words[1]) ?? -1
                    case "V": y = Int(words[1]) ?? -1
                    case "S": role = StyleRole.allCases.first { "\($0)" == words[1] }
                    case "R": role = nil
                    case "CLR":
                        text = Array(repeating: " ", count: width * height)
                        roles = Array(repeating: nil, count: width * height)
                        x = 0
                        y = 0
                    default: Issue.record("unknown control \(words)")
                    }
                    continue
                }
                rest = rest.dropFirst()
                let columns = first == "漢" || first == "字" ? 2 : 1
                #expect(x >= 0 && x + columns <= width && y >= 0 && y < height, "text written off the screen at \(x),\(y)")
                guard x >= 0, x + columns <= width, y >= 0, y < height else { return }
                text[y * width + x] = String(first)
                roles[y * width + x] = role
                if columns == 2 {
                    text[y * width + x + 1] = ""
                    roles[y * width + x + 1] = role
                }
                x += columns
            }
        }

        /// Where the screen differs from `frame` (a blank frame cell may show as a cleared cell).
        func differences(from frame: Frame) -> [String] {
            var found: [String] = []
            for index in 0..<(width * height) {
                let cell = frame.cells[index]
                let blankAndCleared = cell.grapheme == " " && cell.role == .normal && text[index] == " " && roles[index] == nil
                if blankAndCleared { continue }
                if cell.width == 0 { if text[index] != "" { found.append("\(index % width),\(index / width): continuation") }; continue }
                if text[index] != cell.grapheme || roles[index] != cell.role {
                    found.append("\(index % width),\(index / width): shows \(text[index]) \(String(describing: roles[index])), frame \(cell.grapheme) \(cell.role)")
                }
            }
            return found
        }
    }

    private static func randomFrame(width: Int, height: Int, using generator: inout some RandomNumberGenerator) -> Frame {
        var frame = Frame(width: width, height: height)
        let words = ["ok", "OVERDUE", "漢字", "é", "·", "12m34s", "▶", " "]
        for _ in 0..<Int.random(in: 0...12, using: &generator) {
            let text = (0..<Int.random(in: 1...4, using: &generator)).map { _ in words.randomElement(using: &generator) ?? "" }.joined()
            let role = StyleRole.allCases.randomElement(using: &generator) ?? .normal
            frame.put(text, x: Int.random(in: -2..<width, using: &generator), y: Int.random(in: 0..<height, using: &generator), role: role)
        }
        return frame
    }

    @Test func everyFrameInASequenceEndsUpOnTheScreen() throws {
        var generator = SeededGenerator(state: 42)
        let output = TerminalOutput(controls: Self.controls())
        for _ in 0..<40 {
            let width = Int.random(in: 4...30, using: &generator), height = Int.random(in: 1...8, using: &generator)
            var screen = Screen(width: width, height: height)
            var previous: Frame?
            // The terminal's own copy of what it shows, kept by copying only the changed rows.
            var kept = Frame(width: width, height: height)
            for _ in 0..<8 {
                let frame = Self.randomFrame(width: width, height: height, using: &generator)
                var rows: [Int] = []
                try screen.apply(output.bytes(for: frame, after: previous, changedRows: &rows))
                #expect(screen.differences(from: frame).isEmpty, "\(screen.differences(from: frame).prefix(3))")
                if previous != nil {
                    kept.copy(rows: rows, from: frame)
                    #expect(kept.cells == frame.cells, "a changed row was not reported")
                } else {
                    kept = frame
                }
                previous = frame
            }
        }
    }

    @Test func anUnchangedFrameSendsNothingAndOneChangeSendsOneMoveStyleAndText() {
        let output = TerminalOutput(controls: Self.controls())
        var frame = Frame(width: 20, height: 3)
        frame.put("elapsed 41s", x: 2, y: 1, role: .running)
        #expect(output.bytes(for: frame, after: frame).isEmpty)
        var next = frame
        next.put("42s", x: 10, y: 1, role: .running)
        // The "4" goes too: a cell is written when its right neighbour changed (it may have cut a wide one).
        #expect(String(decoding: output.bytes(for: next, after: frame), as: UTF8.self) == "<M 1 10><S running>42<R>")
    }

    @Test func movesAlongARowByColumnAndStylesOnlyWhenTheRoleChanges() {
        let output = TerminalOutput(controls: Self.controls())
        let before = Frame(width: 20, height: 2)
        var after = before
        after.put("ab", x: 1, y: 0, role: .due)
        after.put("cd", x: 8, y: 0, role: .due)
        after.put("e", x: 12, y: 0, role: .overdue)
        #expect(String(decoding: output.bytes(for: after, after: before), as: UTF8.self)
                == "<M 0 0><S normal> <S due>ab<H 7><S normal> <S due>cd<H 11><S normal> <S overdue>e<R>")
    }

    @Test func withoutAKnownScreenItClearsFirst() {
        let output = TerminalOutput(controls: Self.controls())
        let frame = Frame(width: 3, height: 1)
        #expect(String(decoding: output.bytes(for: frame, after: nil), as: UTF8.self).hasPrefix("<R><CLR>"))
        // A frame of another size is not a known screen either.
        #expect(String(decoding: output.bytes(for: frame, after: Frame(width: 4, height: 1)), as: UTF8.self).hasPrefix("<R><CLR>"))
    }

    @Test func theLastCellIsLeftAloneWhereWritingItWouldScroll() {
        let output = TerminalOutput(controls: Self.controls(lastCellScrolls: true))
        let before = Frame(width: 5, height: 2)
        var after = before
        after.put("xxxxx", x: 0, y: 1, role: .normal)
        #expect(String(decoding: output.bytes(for: after, after: before), as: UTF8.self) == "<M 1 0><S normal>xxxx<R>")
    }

    @Test func withoutUTF8GlyphsGoOutAsASCIIStandIns() {
        let output = TerminalOutput(controls: Self.controls(utf8: false))
        let before = Frame(width: 10, height: 1)
        var after = before
        after.put("▶ 漢", x: 0, y: 0, role: .normal)
        #expect(String(decoding: output.bytes(for: after, after: before), as: UTF8.self) == "<M 0 0><S normal>> ??<R>")
    }
}
