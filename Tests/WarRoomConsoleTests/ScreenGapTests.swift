import Foundation
import Testing
import WarRoomEngine
@testable import WarRoomConsole

/// The smaller gaps of issue 11 left after stop 16: Up/Down in the composer by wrapped row,
/// a long footer message wrapped instead of cut, and "decided in" only for a decision the
/// tree made.
@Suite("Screen gaps: composer rows, footer wrap, decision wording")
struct ScreenGapTests {
    /// A single typed line that wraps over several rows: Up goes to the row above at the same
    /// column, Down back; at the first row Up stays put.
    @Test func composerMovesByWrappedRow() throws {
        let fixture = try ConsoleFixture.dentalcareMidIncident()
        var model = ConsoleModel()
        let text = String(repeating: "word ", count: 40) + "END"
        model.entry = TextEntry(.compose(audience: "it-team"), text: text)
        let columns = EntryOverlay.editorColumns(screenWidth: 80)
        let lines = TextWrap.lines(Array(text), columns: columns)
        #expect(lines.count >= 3)
        let end = TextWrap.position(of: text.count, in: lines, characters: Array(text))

        _ = ConsoleInput.handle(.up, model: &model, context: fixture.context, screen: (80, 24))
        let entry = try #require(model.entry)
        let up = TextWrap.position(of: entry.cursor, in: lines, characters: entry.text)
        #expect(up.row == end.row - 1)
        #expect(up.column == end.column)

        _ = ConsoleInput.handle(.down, model: &model, context: fixture.context, screen: (80, 24))
        #expect(model.entry?.cursor == text.count)

        for _ in 0..<(lines.count + 2) { _ = ConsoleInput.handle(.up, model: &model, context: fixture.context, screen: (80, 24)) }
        let top = try #require(model.entry)
        let topPosition = TextWrap.position(of: top.cursor, in: lines, characters: top.text)
        #expect(topPosition.row == 0)
        #expect(topPosition.column == end.column)
        // Typed text is unchanged by moving.
        #expect(top.string == text)
    }

    /// Without a known screen (a test, a headless caller) Up and Down still move by typed line.
    @Test func composerWithoutAWidthMovesByTypedLine() {
        var entry = TextEntry(.compose(audience: "it-team"), text: "first line\nsecond")
        let handled = entry.edit(.up)
        #expect(handled)
        #expect(entry.cursor == 6)   // "second" is 6 long: the same column on the line above
    }

    /// A refusal longer than the footer's row wraps onto the keys' row, whole, and the keys
    /// come back once the message is gone.
    @Test func longFooterMessageWraps() throws {
        let fixture = try ConsoleFixture.dentalcareMidIncident()
        var model = ConsoleModel()
        let words = (1...14).map { "word\($0)" }.joined(separator: " ")
        model.message = .init(.error, "refused: " + words + " LAST")
        let frame = ConsoleRenderer.render(context: fixture.context, model: model, width: 60, height: 18)
        let footer = frame.lines.suffix(2).joined(separator: "\n")
        #expect(footer.contains("refused: word1"))
        #expect(footer.contains("LAST"))
        #expect(!footer.contains("q quit"))

        model.message = nil
        let after = ConsoleRenderer.render(context: fixture.context, model: model, width: 60, height: 18)
        #expect(after.lines.last?.contains("q quit") == true)
    }

    /// A message too long even for two rows is cut with "…" at the end of the second.
    @Test func veryLongFooterMessageIsCutVisibly() throws {
        let fixture = try ConsoleFixture.dentalcareMidIncident()
        var model = ConsoleModel()
        model.message = .init(.error, String(repeating: "overflow ", count: 40) + "LAST")
        let frame = ConsoleRenderer.render(context: fixture.context, model: model, width: 80, height: 24)
        let lastRow = try #require(frame.lines.last)
        #expect(lastRow.trimmingCharacters(in: .whitespaces).hasSuffix("…"))
        #expect(!frame.text.contains("LAST"))
    }

    /// "decided in" when the tree's outcome led to the procedure; "started in", and that the
    /// tree went unanswered, when a procedure was started without it.
    @Test func decisionWordingFollowsTheTree() throws {
        let decided = try ConsoleFixture.unifiedhealthMidIncident()
        let decidedHeader = ConsoleRenderer.render(context: decided.context, model: ConsoleModel(), width: 200, height: 60).lines[1]
        #expect(decidedHeader.contains("decided in 3m"))
        #expect(decided.context.status.incident.decidedByTree)

        let started = try ConsoleFixture.midIncident("dr-amal-clinical-os")
        let startedHeader = ConsoleRenderer.render(context: started.context, model: ConsoleModel(), width: 200, height: 60).lines[1]
        #expect(startedHeader.contains("started in 2m, tree unanswered"))
        #expect(!startedHeader.contains("decided in"))
    }
}

/// An idle second redraws only what shows the seconds: the wall clock reads to the minute and
/// the selected step's heading says since when it runs, so neither changes from one second to
/// the next (the step's row and the elapsed time beside ⏱ do).
@Suite("Idle seconds: what changes")
struct IdleSecondTests {
    @Test func titleLineAndStepHeadingStayStillForASecond() throws {
        var fixture = try ConsoleFixture.dentalcareMidIncident()
        var model = ConsoleModel()
        model.selectCurrentStep(in: fixture.context)
        let before = ConsoleRenderer.render(context: fixture.context, model: model, width: 120, height: 40).lines
        fixture.wait(minutes: 0, seconds: 1)
        let after = ConsoleRenderer.render(context: fixture.context, model: model, width: 120, height: 40).lines
        #expect(before[0] == after[0])
        #expect(before[0].contains("03:11Z"))
        let heading = try #require(before.firstIndex { $0.contains("Step 4 · running since 03:09:30") })
        #expect(after[heading] == before[heading])
        // The elapsed time still ticks.
        #expect(before[1] != after[1])
    }
}
