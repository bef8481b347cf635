import Foundation
import Testing
import WarRoomEngine
@testable import WarRoomConsole

/// What a commander reads (issue 11), frame by frame: each numbered problem of the issue
/// has a check here that fails on the screen as it was.
@Suite("The screen a commander reads")
struct ScreenTests {
    private func render(_ context: ConsoleContext, _ model: ConsoleModel = ConsoleModel(), _ width: Int, _ height: Int) -> Frame {
        ConsoleRenderer.render(context: context, model: model, width: width, height: height)
    }

    /// Problem 1: with a procedure running, the overdue update stays on screen at 80–100
    /// columns, and the checklist tab says an update is overdue.
    @Test(arguments: [80, 90, 100])
    func overdueUpdateNeverDropsOut(width: Int) throws {
        var fixture = try ConsoleFixture.dentalcareMidIncident()
        fixture.wait(minutes: 10)
        let frame = render(fixture.context, ConsoleModel(), width, 24)
        #expect(frame.lines[2].contains("Executive Leadership update OVERDUE"))
        #expect(frame.lines[3].contains("4 Comms ⚠1"))
        #expect(fixture.context.status.attention.first?.kind == .updateOverdue)
    }

    /// Problem 2: 80×23 and 79×24 are whole consoles; 60×18 is the compact one.
    @Test(arguments: [(80, 23), (79, 24), (60, 18)])
    func smallTerminalsAreUsable(size: (Int, Int)) throws {
        let fixture = try ConsoleFixture.dentalcareMidIncident()
        let text = render(fixture.context, ConsoleModel(), size.0, size.1).text
        #expect(!text.contains("too small"))
        #expect(text.contains("3 Checklist") && text.contains("? help"))
        #expect(text.contains("⚠ "))
    }

    /// Problem 3: a prose step is readable whole in the detail; lists say more is below.
    @Test func longStepsAreReadableWhole() throws {
        var fixture = try ConsoleFixture(runbook: "syncwell-contingency")
        fixture.run(.declare(title: "Region down", severity: "SEV1"))
        fixture.run(.startProcedure("plan-a-regional-outage"))
        var model = ConsoleModel()
        model.selection[.checklist] = 1
        let step = try #require(fixture.runbook.plan("plan-a-regional-outage")?.step(2))
        for (width, height) in [(80, 24), (120, 40), (200, 60)] {
            let text = render(fixture.context, model, width, height).text
            let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "│" })
            // Every word of the action is on screen, in order, in the detail.
            var rest = words[...]
            for word in step.action.split(separator: " ") {
                guard let found = rest.firstIndex(where: { $0.contains(word) }) else {
                    Issue.record("'\(word)' of step 2 is not shown at \(width)x\(height)")
                    break
                }
                rest = rest[(found + 1)...]
            }
        }
        let small = render(fixture.context, model, 80, 23).text
        #expect(small.contains("▼ 1 more"))
    }

    /// Problem 3: at 200 columns the checklist is wider than 80.
    @Test func checklistGrowsAtWideSizes() throws {
        let layout = ConsoleLayout(width: 200, height: 60, focus: .checklist)
        #expect((layout.panes[.checklist]?.width ?? 0) > 80)
        #expect((ConsoleLayout(width: 300, height: 80, focus: .checklist).panes[.checklist]?.width ?? 0) >= 150)
    }

    /// Problem 4: the cursor is drawn where the next character goes, and a long line wraps
    /// so typed text stays visible.
    @Test func composerCursorIsWhereTextGoes() throws {
        let fixture = try ConsoleFixture.dentalcareMidIncident()
        var model = ConsoleModel()
        var entry = TextEntry(.compose(audience: "it-team"), text: String(repeating: "word ", count: 40) + "END")
        entry.cursor = 2
        model.entry = entry
        var frame = render(fixture.context, model, 80, 24)
        let cursor = try #require(cells(of: frame, role: .selection).first)
        #expect(frame[cursor.x, cursor.y].grapheme == "r")             // "wo|rd": the cursor on the 'r'
        #expect(frame.text.contains("END"))                              // the end of a 200-column line is shown
        _ = ConsoleInput.handle(.character("X"), model: &model, context: fixture.context)
        #expect(model.entry?.string.hasPrefix("woXrd") == true)
        frame = render(fixture.context, model, 80, 24)
        let moved = try #require(cells(of: frame, role: .selection).first)
        #expect(moved.x == cursor.x + 1 && frame[moved.x - 1, moved.y].grapheme == "X")
    }

    /// Problem 5: an abandoned procedure is not shown as running; other plans do not count
    /// the shown one.
    @Test func headerTellsAnAbandonedProcedure() throws {
        var fixture = try ConsoleFixture.dentalcareMidIncident()
        fixture.run(.abandonProcedure("app-rollback", reason: "wrong plan"))
        let frame = render(fixture.context, ConsoleModel(), 200, 60)
        #expect(frame.lines[1].contains("■ Application-Level Rollback (Blue/Green Deployment) 3/8 abandoned"))
        #expect(frame.text.contains("[ ] 6 other plans"))
        #expect(!frame.text.contains("other plans (7)"))
    }

    /// Problem 6: a replay says so, with its speed, pause, position and instant; no live hint.
    @Test func replayIsUnmistakable() throws {
        var fixture = try ConsoleFixture(runbook: "dentalcare-migration")
        fixture.run(.declare(title: "x", severity: "SEV1"))
        var context = fixture.context
        context.replay = ReplayInfo(speed: 60, paused: true, position: 1, total: 9)
        let text = render(context, ConsoleModel(), 80, 24).text
        #expect(text.contains("REPLAY ×60 PAUSED"))
        #expect(text.contains("event 1 of 9 · 2026-11-24 03:00:00Z"))
        #expect(text.contains("Space resume"))
        #expect(!text.contains("Enter starts it") && !text.contains("press D"))
    }

    /// Problem 7: attention shows as badges on pane titles in the wide layouts; an alert
    /// sounds once when an item appears, never for what was there at start.
    @Test func badgesAndAlertsOnNewItems() throws {
        var fixture = try ConsoleFixture.dentalcareMidIncident()
        fixture.wait(minutes: 10)
        let text = render(fixture.context, ConsoleModel(), 200, 60).text
        #expect(text.contains("4 Comms ⚠1") && text.contains("3 Checklist ⚠"))
        var watch = AttentionWatch()
        let atStart = watch.somethingNew(in: fixture.context.status.attention)
        let unchanged = watch.somethingNew(in: fixture.context.status.attention)
        #expect(!atStart && !unchanged)
        fixture.run(.startStep(procedure: "app-rollback", step: 5))
        fixture.wait(minutes: 4)
        let appeared = watch.somethingNew(in: fixture.context.status.attention)   // step 5 (3m) now over
        #expect(appeared)
        #expect(AttentionAlert.choose(flag: nil, environment: [:]) == .off)
        #expect(AttentionAlert.choose(flag: nil, environment: ["WARROOM_ALERT": "bell"]) == .bell)
        #expect(AttentionAlert.choose(flag: "flash", environment: ["WARROOM_ALERT": "bell"]) == .flash)
        #expect(AttentionAlert.choose(flag: "loud", environment: [:]) == nil)
    }

    /// Problem 8: look-alike audiences show channel and cadence; timeline rows put the verb
    /// before the object; Enter opens the event.
    @Test func linesThatLookAlikeTellApart() throws {
        let fixture = try ConsoleFixture.unifiedhealthMidIncident()
        var model = ConsoleModel()
        model.focus = .comms
        let comms = render(fixture.context, model, 80, 24).text
        for audience in fixture.runbook.communications.prefix(4) {
            if let channel = audience.channel { #expect(comms.contains(String(channel.prefix(20))), "\(audience.id): no channel") }
        }
        model.focus = .timeline
        let timeline = render(fixture.context, model, 80, 24).text
        #expect(timeline.contains("ada started   step 2 of method-4"))
        model.selection[.timeline] = 0
        _ = ConsoleInput.handle(.enter, model: &model, context: fixture.context)
        #expect(model.openedEvent == 0)
        let opened = render(fixture.context, model, 80, 24).text
        #expect(opened.contains("Event — Esc closes") && opened.contains("incident_declared") && opened.contains("Appointments writing bad rows"))
        _ = ConsoleInput.handle(.escape, model: &model, context: fixture.context)
        #expect(model.openedEvent == nil)
    }

    /// Problem 9: an "immediate" outcome reads act now, not EXCEEDED; a placeholder left in
    /// an update is flagged and ^S asks once.
    @Test func timersThatCanBeMetAndPlaceholders() throws {
        var fixture = try ConsoleFixture(runbook: "dr-amal-clinical-os")
        fixture.run(.declare(title: "x", severity: "SEV1"))
        fixture.run(.answer(tree: "rollback-decision", node: "production-broken", answer: "Yes"))
        fixture.run(.answer(tree: "rollback-decision", node: "hotfixable", answer: "No"))
        fixture.wait(minutes: 1)
        var model = ConsoleModel()
        model.focus = .tree
        let tree = render(fixture.context, model, 80, 24).text
        #expect(tree.contains("immediate: act now") && !tree.contains("EXCEEDED"))
        model.focus = .comms
        model.entry = TextEntry(.compose(audience: "team-slack"), text: "Root cause: {{what_broke}}")
        #expect(render(fixture.context, model, 80, 24).text.contains("⚠ 1 placeholder unfilled"))
        #expect(ConsoleInput.handle(.control("s"), model: &model, context: fixture.context).isEmpty)
        #expect(model.entry != nil && model.entry?.error?.contains("placeholder") == true)
        let effects = ConsoleInput.handle(.control("s"), model: &model, context: fixture.context)
        #expect(effects.count == 1 && model.entry == nil)
    }

    /// Problem 10: the operator is in the header; `/` filters the checklist and the title
    /// says so; Esc clears it; a comms filter with no match says "no match".
    @Test func identityAndFilters() throws {
        let fixture = try ConsoleFixture.dentalcareMidIncident()
        var model = ConsoleModel()
        #expect(render(fixture.context, model, 80, 24).lines[0].contains("● ada"))
        for key in [Key.character("/"), .character("D"), .character("N"), .character("S"), .enter] {
            _ = ConsoleInput.handle(key, model: &model, context: fixture.context)
        }
        var text = render(fixture.context, model, 80, 24).text
        #expect(text.contains("3 Checklist ⚠1 /DNS"))
        #expect(text.contains("DNS cache flush") && !text.contains("Smoke tests"))
        _ = ConsoleInput.handle(.escape, model: &model, context: fixture.context)
        text = render(fixture.context, model, 80, 24).text
        #expect(!text.contains("/DNS") && text.contains("Smoke tests"))
        model.focus = .comms
        model.filters[.comms] = "nobody-by-this-name"
        text = render(fixture.context, model, 80, 24).text
        #expect(text.contains("No audience matches the filter") && !text.contains("No communication plan"))
    }

    private func cells(of frame: Frame, role: StyleRole) -> [(x: Int, y: Int)] {
        var found: [(Int, Int)] = []
        for y in 0..<frame.height { for x in 0..<frame.width where frame[x, y].role == role { found.append((x, y)) } }
        return found
    }
}

@Suite struct TextWrapTests {
    @Test func wrapsByDisplayWidthKeepingGraphemes() {
        #expect(DisplayWidth.wrap("one two three", to: 7) == ["one two", "three"])
        #expect(DisplayWidth.wrap("漢字漢字漢", to: 4) == ["漢字", "漢字", "漢"])
        #expect(DisplayWidth.wrap("e\u{301}e\u{301}e\u{301}", to: 2) == ["e\u{301}e\u{301}", "e\u{301}"])
        #expect(DisplayWidth.wrap("a\nb", to: 5) == ["a", "b"])
        #expect(DisplayWidth.wrap("abcdefgh", to: 3) == ["abc", "def", "gh"])
    }

    @Test func positionsForAnEditor() {
        let text = Array("hello world again")
        let lines = TextWrap.lines(text, columns: 6)
        #expect(lines.map(\.text) == ["hello", "world", "again"])
        #expect(TextWrap.position(of: 8, in: lines, characters: text) == (1, 2))
        #expect(TextWrap.position(of: 17, in: lines, characters: text) == (2, 5))
        #expect(TextWrap.offset(row: 2, column: 1, in: lines, characters: text) == 13)
    }
}

extension TextWrapTests {
    @Test func asciiFastPathWrapsLikeTheGeneralOne() {
        let samples = ["one two three four five", "averyveryverylongword and more", "a\n\nb c d e f g", "  leading  and  double  spaces ",
                       "exactly ten", "Public Communication: Post a message to the public status page: \"We are currently experiencing\""]
        for text in samples {
            for columns in [1, 3, 7, 10, 40] {
                let fast = TextWrap.lines(text, columns: columns)
                let general = TextWrap.lines(Array(text), columns: columns)
                #expect(fast == general, "\(text) at \(columns)")
            }
        }
    }
}
