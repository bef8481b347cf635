import Testing
import WarRoomEngine
@testable import WarRoomConsole

@Suite("Prompts, pastes, confirmations and corrections on keys")
struct SafeInputTests {
    private func press(_ keys: [Key], _ model: inout ConsoleModel, _ fixture: inout ConsoleFixture) {
        for key in keys { _ = fixture.apply(ConsoleInput.handle(key, model: &model, context: fixture.context)) }
    }

    private func type(_ text: String) -> [Key] { text.map { .character($0) } }

    @Test func pastedTextIsCleaned() {
        #expect(PastedText.clean("a\u{1B}[31mb\r\nc\rd\te\u{7F}\u{202E}") == "a^[[31mb\nc\nd e^?U+202E")
        #expect(PastedText.clean("漢字 ✓") == "漢字 ✓")
    }

    @Test("a paste in a prompt is text; outside one it is ignored")
    func pastesAreText() throws {
        var fixture = try ConsoleFixture.dentalcareMidIncident()
        var model = ConsoleModel()
        let before = fixture.events.count
        press([.paste("xxxx")], &model, &fixture)
        #expect(fixture.events.count == before && model.message?.text.hasPrefix("paste ignored") == true)
        press([.character("n"), .paste("pasted from chat \u{1B}xxxx\nsecond line"), .enter], &model, &fixture)
        #expect(fixture.events.last?.kind == .noteAdded(text: "pasted from chat ^[xxxx second line"))
        #expect(fixture.events.count == before + 1)
    }

    @Test("approval: who, then for what (the shown procedure by default)")
    func approvalHasTwoFields() throws {
        var fixture = try ConsoleFixture.unifiedhealthMidIncident()
        var model = ConsoleModel()
        press([.character("a")] + type("James Ortiz, VP Engineering") + [.enter], &model, &fixture)
        #expect(model.entry?.string == "method-4-database-schema-rollback")
        press([.enter], &model, &fixture)
        #expect(fixture.events.last?.kind == .approvalRecorded(approver: "James Ortiz, VP Engineering", subject: "method-4-database-schema-rollback"))
        let plan = try #require(fixture.runbook.plan("method-4-database-schema-rollback"))
        #expect(fixture.state.missingApprovals(for: plan) == ["DBA"])
    }

    @Test("Esc in the update composer keeps the draft; u reopens it")
    func composerKeepsTheDraft() throws {
        var fixture = try ConsoleFixture.dentalcareMidIncident()
        var model = ConsoleModel()
        press([.character("4"), .character("u")] + type(" DRAFT"), &model, &fixture)
        let draft = try #require(model.entry?.string)
        press([.escape], &model, &fixture)
        #expect(model.entry == nil && model.message?.text == "draft kept: u reopens it")
        press([.character("u")], &model, &fixture)
        #expect(model.entry?.string == draft)
        press([.control("s")], &model, &fixture)
        #expect(model.drafts.isEmpty)
    }

    @Test("R asks; Enter, n and Esc cancel; y then the outcome resolves")
    func resolveIsConfirmed() throws {
        var fixture = try ConsoleFixture(runbook: "syncwell-contingency")
        var model = ConsoleModel()
        press([.character("D")] + type("Sync down") + [.enter], &model, &fixture)
        for cancel in [Key.enter, .character("n"), .escape, .character("Y")] {
            press([.character("R"), cancel], &model, &fixture)
            if cancel == .character("Y") { press([.escape], &model, &fixture) }
            #expect(fixture.state.resolution == nil && model.confirmation == nil, "\(cancel.label) must not resolve")
        }
        press([.character("R"), .character("y"), .enter], &model, &fixture)
        #expect(fixture.state.resolution?.outcome == "Service restored")
        // O reopens, with a reason.
        press([.character("O"), .character("y")] + type("errors again") + [.enter], &model, &fixture)
        #expect(fixture.state.isActive && fixture.events.last?.kind == .incidentReopened(reason: "errors again"))
    }

    @Test("U on the timeline retracts the selected entry")
    func retractOnTheTimeline() throws {
        var fixture = try ConsoleFixture.dentalcareMidIncident()
        var model = ConsoleModel()
        let note = try #require(fixture.events.last)
        press([.character("6"), .character("U")] + type("wrong incident") + [.enter], &model, &fixture)
        #expect(fixture.events.last?.kind == .eventRetracted(sequence: note.sequence, reason: "wrong incident"))
        #expect(fixture.state.notes.isEmpty)
        let frame = ConsoleRenderer.render(context: fixture.context, model: model, width: 120, height: 40).text
        #expect(frame.contains("[VOID: retracted by #\(note.sequence + 1)]"))
    }

    @Test("completing the last step offers C; the next step starts when one completes")
    func lifecycleOnKeys() throws {
        var fixture = try ConsoleFixture(runbook: "syncwell-contingency")
        var model = ConsoleModel()
        press([.character("D")] + type("Insights down") + [.enter], &model, &fixture)
        model.planID = "plan-b-ai-insights-failure"
        press([.enter], &model, &fixture)
        #expect(fixture.state.plans["plan-b-ai-insights-failure"]?.step(1).state == .running)
        fixture.wait(minutes: 2)
        press([.character("x")], &model, &fixture)
        #expect(fixture.state.plans["plan-b-ai-insights-failure"]?.step(2).state == .running)
        press([.character("x"), .character("x")], &model, &fixture)
        #expect(KeyAvailability.disabledReason(.completeProcedure, context: fixture.context, model: model) == nil)
        let frame = ConsoleRenderer.render(context: fixture.context, model: model, width: 80, height: 24).text
        #expect(frame.contains("all steps finished: C completes the procedure"))
        press([.character("C")], &model, &fixture)
        #expect(fixture.state.plans["plan-b-ai-insights-failure"]?.state == .completed)
    }

    @Test("with startsNextStep off (--no-start-next), completing a step starts nothing else")
    func nextStepSetting() throws {
        var fixture = try ConsoleFixture(runbook: "syncwell-contingency")
        var model = ConsoleModel()
        model.startsNextStep = false
        press([.character("D")] + type("Insights down") + [.enter], &model, &fixture)
        model.planID = "plan-b-ai-insights-failure"
        press([.enter], &model, &fixture)
        #expect(fixture.state.plans["plan-b-ai-insights-failure"]?.step(1).state == .pending)
        press([.enter, .character("x")], &model, &fixture)
        #expect(fixture.state.plans["plan-b-ai-insights-failure"]?.step(1).state == .done)
        #expect(fixture.state.plans["plan-b-ai-insights-failure"]?.step(2).state == .pending)
    }
}
