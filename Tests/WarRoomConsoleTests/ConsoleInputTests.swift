import Testing
import WarRoomEngine
@testable import WarRoomConsole

@Suite("Key handling: keys to commands, against real engine states")
struct ConsoleInputTests {
    private func press(_ keys: [Key], _ model: inout ConsoleModel, _ fixture: inout ConsoleFixture) -> [Refusal] {
        var refusals: [Refusal] = []
        for key in keys {
            let effects = ConsoleInput.handle(key, model: &model, context: fixture.context)
            refusals += fixture.apply(effects)
        }
        return refusals
    }

    private func type(_ text: String) -> [Key] { text.map { .character($0) } }

    @Test("declare, walk the tree, start the outcome, work the steps")
    func commanderFlow() throws {
        var fixture = try ConsoleFixture(runbook: "unifiedhealth-platform")
        var model = ConsoleModel()
        #expect(press([.character("D")] + type("Checkout errors") + [.enter], &model, &fixture).isEmpty)
        #expect(fixture.state.declaration?.title == "Checkout errors")
        #expect(fixture.state.declaration?.severity == "SEV1")
        // Decision pane: NO (schema change), then NO (feature flag) → Kubernetes rollback.
        #expect(press([.character("2"), .enter, .character("j"), .enter], &model, &fixture).isEmpty)
        let tree = try #require(fixture.state.trees["select-rollback-method"])
        #expect(tree.path.map(\.answer) == ["NO", "NO"])
        #expect(tree.outcome == "use-kubernetes-rollback-no-schema-change")
        // b takes the last answer back; answering again reaches the same outcome.
        #expect(press([.character("b")], &model, &fixture).isEmpty)
        #expect(fixture.state.trees["select-rollback-method"]?.path.map(\.answer) == ["NO"])
        #expect(fixture.state.trees["select-rollback-method"]?.outcome == nil)
        #expect(press([.character("j"), .enter], &model, &fixture).isEmpty)
        #expect(press([.character("o")], &model, &fixture).isEmpty)
        #expect(model.focus == .checklist)
        #expect(fixture.state.plans["method-1-kubernetes-rollback"]?.state == .running)
        #expect(fixture.state.plans["method-1-kubernetes-rollback"]?.step(1).state == .running, "starting a plan starts its first step")
        // x on a step with unticked sub-items asks first; y completes it, the next step starts.
        fixture.wait(minutes: 2)
        #expect(press([.character("x")], &model, &fixture).isEmpty)
        #expect(model.confirmation != nil && fixture.state.plans["method-1-kubernetes-rollback"]?.step(1).state == .running)
        #expect(press([.character("y")], &model, &fixture).isEmpty)
        #expect(fixture.state.plans["method-1-kubernetes-rollback"]?.step(1).state == .done)
        #expect(fixture.state.plans["method-1-kubernetes-rollback"]?.step(2).state == .running)
        #expect(model.selected(.checklist) == 1)
        // s asks a reason, then skips (the next step starts); f fails the running step.
        #expect(press([.character("s")] + type("done by hand") + [.enter], &model, &fixture).isEmpty)
        #expect(fixture.state.plans["method-1-kubernetes-rollback"]?.step(2).reason == "done by hand")
        #expect(press([.character("f")] + type("pods crashloop") + [.enter], &model, &fixture).isEmpty)
        #expect(fixture.state.plans["method-1-kubernetes-rollback"]?.step(3).state == .failed)
        // r reopens it; i ticks its first sub-item once it runs again.
        #expect(press([.character("r")], &model, &fixture).isEmpty)
        #expect(fixture.state.plans["method-1-kubernetes-rollback"]?.step(3).state != .failed)
        #expect(press([.enter, .character("i")], &model, &fixture).isEmpty)
        #expect(fixture.state.plans["method-1-kubernetes-rollback"]?.step(3).ticked == [1])
    }

    @Test("a question made moot by another operator's event is withdrawn, saying why")
    func staleConfirmationIsWithdrawn() throws {
        var fixture = try ConsoleFixture(runbook: "unifiedhealth-platform")
        var model = ConsoleModel()
        #expect(press([.character("D")] + type("Checkout errors") + [.enter], &model, &fixture).isEmpty)
        #expect(press([.character("2"), .enter, .character("j"), .enter, .character("o")], &model, &fixture).isEmpty)
        fixture.wait(minutes: 2)
        // x on a step with unticked sub-items asks first ...
        #expect(press([.character("x")], &model, &fixture).isEmpty)
        #expect(model.confirmation != nil)
        #expect(!ConsoleInput.withdrawStaleConfirmation(model: &model, context: fixture.context), "still possible: kept")
        #expect(model.confirmation != nil)
        // ... and bob marks the step done meanwhile, from another terminal.
        fixture.run(.completeStep(procedure: "method-1-kubernetes-rollback", step: 1), by: "bob")
        #expect(ConsoleInput.withdrawStaleConfirmation(model: &model, context: fixture.context))
        #expect(model.confirmation == nil)
        #expect(model.message?.text.contains("no longer possible") == true, "\(String(describing: model.message))")
    }

    @Test func emptyReasonsRecordNothing() throws {
        var fixture = try ConsoleFixture.dentalcareMidIncident()
        var model = ConsoleModel()
        let before = fixture.events.count
        model.selection[.checklist] = 3   // step 4, running
        #expect(press([.character("s"), .enter], &model, &fixture).isEmpty)
        #expect(fixture.events.count == before)
        #expect(model.entry?.error == "an answer is required (Esc cancels); nothing was recorded", "the prompt stays open, saying why")
        #expect(press([.escape, .character("n"), .character(" "), .escape], &model, &fixture).isEmpty)
        #expect(fixture.events.count == before && model.entry == nil)
    }

    @Test func commsContactsNotesAndTheCommandLine() throws {
        var fixture = try ConsoleFixture.dentalcareMidIncident()
        var model = ConsoleModel()
        // Comms: c records the selected audience as updated.
        #expect(press([.character("4"), .character("j"), .character("c")], &model, &fixture).isEmpty)
        #expect(fixture.state.communications["clinical-staff"]?.count == 1)
        // u composes from the template and the live state; ^S records the edited text.
        _ = press([.character("u")], &model, &fixture)
        let draft = try #require(model.entry?.string)
        #expect(draft.contains("Completed") || draft.contains("✓"))
        #expect(draft.contains("Decision to rollback communicated"))
        _ = press(type(" (edited)") + [.control("s")], &model, &fixture)
        #expect(fixture.state.communications["clinical-staff"]?.count == 2)
        #expect(fixture.state.communications["clinical-staff"]?.last?.text.hasSuffix("(edited)") == true)
        // Contacts: filter by typing, page the match.
        #expect(press([.character("5"), .character("/")] + type("compliance") + [.enter, .character("p")], &model, &fixture).isEmpty)
        #expect(fixture.state.pages.last?.contact == "compliance-officer")
        #expect(press([.character("B")], &model, &fixture).isEmpty)
        #expect(fixture.state.pages.last?.target == .backup && fixture.state.pages.last?.person == "Patricia Gomez")
        // Notes and the command line (the headless syntax).
        #expect(press([.character("n")] + type("Vendor on the bridge") + [.enter], &model, &fixture).isEmpty)
        #expect(press([.character(":")] + type("severity SEV2") + [.enter], &model, &fixture).isEmpty)
        #expect(fixture.state.severity == "SEV2")
        _ = press([.character(":")] + type("bogus thing") + [.enter], &model, &fixture)
        #expect(model.entry?.error?.contains("unknown command") == true, "the command line stays open with the error")
    }

    @Test func refusalsComeBackFromTheEngine() throws {
        var fixture = try ConsoleFixture.dentalcareMidIncident()
        var model = ConsoleModel()
        model.selection[.checklist] = 2   // step 3, skipped
        // The key is disabled: it says the engine's reason and opens nothing.
        #expect(press([.character("f")], &model, &fixture).isEmpty)
        #expect(model.entry == nil)
        #expect(model.message?.text.contains("skipped, not running") == true)
        // Through the command line, the engine's refusal stays in the prompt.
        let before = fixture.events.count
        #expect(press([.character(":")] + type("step fail app-rollback 3 nope") + [.enter], &model, &fixture).isEmpty)
        #expect(fixture.events.count == before && model.entry?.error?.contains("only a running step can fail") == true)
    }

    @Test("replay binds no key that writes, and says so")
    func replayIsReadOnly() throws {
        let fixture = try ConsoleFixture.dentalcareMidIncident()
        var context = fixture.context
        context.replay = ReplayInfo(speed: 10, paused: false, position: 5, total: 12)
        var model = ConsoleModel()
        #expect(ConsoleInput.handle(.character("x"), model: &model, context: context).isEmpty)
        #expect(model.message?.text.contains("read-only") == true)
        #expect(ConsoleInput.handle(.character("n"), model: &model, context: context).isEmpty)
        #expect(model.entry == nil)
        #expect(ConsoleInput.handle(.character(" "), model: &model, context: context) == [.replay(.togglePause)])
        #expect(ConsoleInput.handle(.right, model: &model, context: context) == [.replay(.seek(seconds: 60))])
        #expect(ConsoleInput.handle(.character("D"), model: &model, context: context).isEmpty)
        #expect(model.entry == nil)
    }

    @Test func navigationAndHelp() throws {
        var fixture = try ConsoleFixture.dentalcareMidIncident()
        var model = ConsoleModel()
        _ = press([.tab], &model, &fixture)
        #expect(model.focus == .comms)
        _ = press([.backTab, .backTab], &model, &fixture)
        #expect(model.focus == .tree)
        _ = press([.character("3"), .character("G")], &model, &fixture)
        #expect(model.selected(.checklist) == 7)
        _ = press([.character("j")], &model, &fixture)
        #expect(model.selected(.checklist) == 7, "selection stops at the last step")
        _ = press([.character("g")], &model, &fixture)
        #expect(model.selected(.checklist) == 0)
        _ = press([.character("]")], &model, &fixture)
        #expect(model.planID != nil && model.planID != "app-rollback")
        _ = press([.character("?")], &model, &fixture)
        #expect(model.showingHelp)
        _ = press([.character("j")], &model, &fixture)
        #expect(model.showingHelp && model.helpScroll == 1)
        _ = press([.character("x")], &model, &fixture)
        #expect(!model.showingHelp)
        #expect(ConsoleInput.handle(.character("q"), model: &model, context: fixture.context) == [.quit])
    }

    @Test("a typed q in a text entry is text, not quit")
    func typingIsNotCommanding() throws {
        var fixture = try ConsoleFixture.dentalcareMidIncident()
        var model = ConsoleModel()
        _ = press([.character("n")] + type("quick sync"), &model, &fixture)
        #expect(model.entry?.string == "quick sync")
        #expect(!model.wantsToQuit)
    }

    @Test func composerFillsListsLineByLine() throws {
        let fixture = try ConsoleFixture.dentalcareMidIncident()
        // IT Team has a template without a body, so the default body is used.
        let audience = try #require(fixture.runbook.communications.first { $0.id == "it-team" })
        let text = StatusUpdateComposer.compose(for: audience, context: fixture.context)
        #expect(text.contains("✓ Decision to rollback communicated\n✓ ALB target group switched from green to blue"))
        #expect(text.contains("▶ Green (new version) ECS tasks stopped"))
        #expect(text.contains("- Health checks verified on blue (old version) skipped: health checks already green"))
        #expect(text.contains("INC-20261124-0300 SEV1 — Checkout 5xx after Pro cutover"))
    }
}
