import Testing
import WarRoomTestSupport
@testable import WarRoomEngine

/// `MarkdownReport.cell`, the one-pass form of `inline(joinedLines(text))`, gives what the
/// three passes give for any text: plain ASCII, text to escape, spaces at the ends, line
/// breaks, control characters, other scripts.
@Suite struct MarkdownCellTests {
    @Test func cellIsInlineOfJoinedLinesForAnyText() {
        var random = SeededGenerator(state: 404)
        let pieces = ["a", "Z", "9", " ", "_", "snake_case", "|", "*", "`", "<", ">", "\\", "[", "]", "(", "#", "~", "&", "\t", "\n", "\r\n",
                      "\u{7F}", "\u{1B}[31m", "\u{85}", "\u{2028}", "é", "🚨", "日本", "\u{200B}", "\u{FEFF}", "", "  "]
        var kept = 0
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...8, using: &random)).map { _ in pieces.randomElement(using: &random) ?? "" }.joined()
            let cell = MarkdownReport.cell(text)
            #expect(cell == MarkdownReport.inline(MarkdownReport.joinedLines(text)), "\(text.debugDescription)")
            if cell == text { kept += 1 }
        }
        #expect(kept > 1_000 && kept < 19_000, "\(kept) kept as they were")
    }
}
