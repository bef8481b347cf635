import Testing
@testable import WarRoomConsole

@Suite("Frame: cells, clipping, wide graphemes, sanitising")
struct FrameTests {
    @Test func putsAndClips() {
        var frame = Frame(width: 10, height: 2)
        #expect(frame.put("hello world", x: 2, y: 0, role: .title) == 8)
        #expect(frame.put("abc", x: 0, y: 1, role: .normal, limit: 2) == 2)
        #expect(frame.lines == ["  hello wo", "ab        "])
        #expect(frame[2, 0].role == .title)
        #expect(frame.put("off screen", x: 0, y: 5, role: .normal) == 0)
        // Starting left of the frame: the hidden column still counts, so callers can chain.
        #expect(frame.put("neg", x: -1, y: 1, role: .normal) == 3)
        #expect(frame.lines[1] == "eg        ")
    }

    @Test func wideGraphemesTakeTwoColumns() {
        var frame = Frame(width: 6, height: 1)
        #expect(frame.put("漢字x", x: 0, y: 0, role: .normal) == 5)
        #expect(frame[0, 0].width == 2 && frame[1, 0].width == 0)
        #expect(frame.lines == ["漢字x "])
        // A wide grapheme that would straddle the edge is dropped, not split.
        var edge = Frame(width: 3, height: 1)
        #expect(edge.put("a漢字", x: 0, y: 0, role: .normal) == 3)
        #expect(edge.lines == ["a漢"])
        var clipped = Frame(width: 3, height: 1)
        #expect(clipped.put("ab漢", x: 0, y: 0, role: .normal) == 2)
        #expect(clipped.lines == ["ab "])
    }

    @Test func overwritingHalfAWideGraphemeBlanksTheOtherHalf() {
        var frame = Frame(width: 4, height: 1)
        frame.put("漢字", x: 0, y: 0, role: .normal)
        frame.put("x", x: 1, y: 0, role: .normal)
        #expect(frame.lines == [" x字"])
        frame.put("y", x: 2, y: 0, role: .normal)
        #expect(frame.lines == [" xy "])
        #expect(frame.cells.allSatisfy { $0.width == 1 })
    }

    @Test func controlCharactersNeverReachACell() {
        var frame = Frame(width: 40, height: 1)
        frame.put("a\u{1B}[2J\r\u{8}\u{202E}b\n", x: 0, y: 0, role: .normal)
        #expect(frame.text == "a^[[2J^M^H<U+202E>b^J")
        #expect(!frame.cells.contains { $0.grapheme.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || (0x80...0x9F).contains($0.value) } })
    }

    @Test func combiningMarksStayWithTheirLetter() {
        var frame = Frame(width: 4, height: 1)
        #expect(frame.put("e\u{301}x", x: 0, y: 0, role: .normal) == 2)
        #expect(frame[0, 0].grapheme == "e\u{301}")
        #expect(frame.text == "e\u{301}x")
    }

    @Test func fillAndRestyle() {
        var frame = Frame(width: 4, height: 2)
        frame.put("ab", x: 0, y: 0, role: .normal)
        frame.restyle(Rect(x: 0, y: 0, width: 4, height: 1), role: .selection)
        #expect(frame[1, 0].grapheme == "b" && frame[1, 0].role == .selection)
        frame.fill(Rect(x: 0, y: 1, width: 10, height: 5), role: .headerBar)
        #expect((0..<4).allSatisfy { frame[$0, 1].role == .headerBar })
    }

    @Test func rectangles() {
        let rect = Rect(x: 0, y: 0, width: 100, height: 30)
        #expect(rect.columns([1, 1, 1]).map(\.width) == [33, 33, 34])
        #expect(rect.columns([2, 1]).map(\.x) == [0, 66])
        #expect(rect.rows([1, 2]).map(\.height) == [10, 20])
        let (header, rest) = rect.top(1)
        #expect(header.height == 1 && rest.y == 1 && rest.height == 29)
        let (footer, body) = rest.bottom(1)
        #expect(footer.y == 29 && body.height == 28)
        #expect(Rect(x: 0, y: 0, width: 1, height: 1).inset(by: 1).isEmpty)
    }
}

/// Rows of cells compare as bytes only while a cell has no padding.
@Suite struct CellLayoutTests {
    @Test func aCellHasNoPadding() {
        #expect(MemoryLayout<Cell>.size == MemoryLayout<Cell>.stride)
        #expect(MemoryLayout<Cell>.size == 20)
    }
}
