import Testing
import WarRoomEngine
@testable import WarRoomConsole

/// While the terminal is too small to show anything but its message, keys pressed blind
/// record nothing (a QA run at 60×18 recorded four steps and a note it never showed).
@Suite struct TooSmallInputTests {
    @Test func keysDoNothingWhileTheScreenIsTooSmall() throws {
        var fixture = try ConsoleFixture(runbook: "dr-amal-clinical-os")
        fixture.run(.declare(title: "small", severity: "SEV1"))
        var model = ConsoleModel()
        let small = (width: 59, height: 17)
        for key: Key in [.character("3"), .character("x"), .character("x"), .character("n"), .character("d"), .enter,
                         .character("R"), .character("y"), .character("u"), .paste("text")] {
            let effects = ConsoleInput.handle(key, model: &model, context: fixture.context, screen: small)
            #expect(effects.isEmpty, "\(key.label) acted on a screen that shows nothing")
            #expect(fixture.apply(effects).isEmpty)
        }
        #expect(fixture.events.count == 1, "only the declaration")
        #expect(model.entry == nil && model.confirmation == nil, "no prompt opened blind")
        #expect(ConsoleInput.handle(.character("q"), model: &model, context: fixture.context, screen: small) == [.quit])
        // At the smallest usable size the same keys act again.
        let effects = ConsoleInput.handle(.character("n"), model: &model, context: fixture.context, screen: (60, 18))
        #expect(effects.isEmpty && model.entry != nil, "n opens the note prompt at 60×18")
    }
}

/// A console opened on an incident in progress starts on the step in hand.
@Suite struct ResumeSelectionTests {
    @Test func theRunningStepIsSelectedOnOpen() throws {
        var fixture = try ConsoleFixture(runbook: "dr-amal-clinical-os")
        fixture.run(.declare(title: "resumed", severity: "SEV1"))
        let plan = try #require(fixture.context.plans.first)
        fixture.run(.startProcedure(plan.id))
        fixture.run(.startStep(procedure: plan.id, step: 1))
        fixture.run(.completeStep(procedure: plan.id, step: 1))
        fixture.run(.startStep(procedure: plan.id, step: 2))
        var model = ConsoleModel()
        model.selectCurrentStep(in: fixture.context)
        #expect(model.selected(.checklist) == 1, "step 2, the running one")
        fixture.run(.completeStep(procedure: plan.id, step: 2))
        var fresh = ConsoleModel()
        fresh.selectCurrentStep(in: fixture.context)
        #expect(fresh.selected(.checklist) == 2, "with none running, the first step not yet finished")
    }
}

/// A suggested answer is replaced by what is typed, not added to (the resolve prompt recorded
/// "Service restoredRolled back").
@Suite struct SuggestedAnswerTests {
    @Test func typingReplacesTheSuggestedOutcome() {
        var entry = TextEntry(.resolve, text: "Service restored", suggested: true)
        for character in "Rolled back" { _ = entry.edit(.character(character)) }
        #expect(entry.string == "Rolled back" && !entry.isSuggestion)
        var pasted = TextEntry(.resolve, text: "Service restored", suggested: true)
        pasted.insert("Rolled back")
        #expect(pasted.string == "Rolled back")
        var kept = TextEntry(.resolve, text: "Service restored", suggested: true)
        _ = kept.edit(.end)
        _ = kept.edit(.character("!"))
        #expect(kept.string == "Service restored!", "moving the cursor first makes the suggestion text to edit")
        var erased = TextEntry(.resolve, text: "Service restored", suggested: true)
        _ = erased.edit(.backspace)
        #expect(erased.string.isEmpty)
    }

    @Test func enterTakesTheSuggestion() throws {
        var fixture = try ConsoleFixture(runbook: "dr-amal-clinical-os")
        fixture.run(.declare(title: "done", severity: "SEV1"))
        var model = ConsoleModel()
        for key: Key in [.character("R"), .character("y")] { _ = fixture.apply(ConsoleInput.handle(key, model: &model, context: fixture.context)) }
        #expect(model.entry?.string == "Service restored" && model.entry?.isSuggestion == true)
        for key: Key in "Rolled back".map({ .character($0) }) + [.enter] {
            _ = fixture.apply(ConsoleInput.handle(key, model: &model, context: fixture.context))
        }
        #expect(fixture.state.resolution?.outcome == "Rolled back")
    }
}

/// The console's timeline says which day an event was once the incident crosses midnight.
@Suite struct ConsoleDatesTests {
    @Test func timelineRowsCarryTheDateAcrossMidnight() throws {
        var fixture = try ConsoleFixture(runbook: "dr-amal-clinical-os")
        fixture.run(.declare(title: "long night", severity: "SEV1"))
        var model = ConsoleModel()
        model.focus = .timeline
        let sameDay = ConsoleRenderer.render(context: fixture.context, model: model, width: 80, height: 24).text
        #expect(sameDay.contains("03:00:00 ada") && !sameDay.contains("11-24 03:00:00"))
        fixture.wait(minutes: 22 * 60)
        fixture.run(.note("still going"))
        let nextDay = ConsoleRenderer.render(context: fixture.context, model: model, width: 80, height: 24).text
        #expect(nextDay.contains("11-24 03:00:00 ada") && nextDay.contains("11-25 01:00:00 ada"), "\(nextDay)")
    }
}
