import Testing
@testable import WarRoomConsole

@Suite("One key table drives handling, footer and help")
struct KeyMapTests {
    let keys = KeyMap.standard

    @Test func noKeyIsBoundTwiceWhereBothApply() {
        #expect(keys.conflicts() == [])
    }

    @Test func everyActionHasAKey() {
        let bound = Set(keys.bindings.map(\.action))
        #expect(Set(ConsoleAction.allCases).subtracting(bound).isEmpty)
    }

    @Test func paneKeysWinOverGlobalOnes() {
        #expect(keys.binding(for: .character("x"), in: .checklist)?.action == .completeStep)
        #expect(keys.binding(for: .character(" "), in: .checklist)?.action == .completeStep)
        #expect(keys.binding(for: .enter, in: .comms)?.action == .communicationSent)
        #expect(keys.binding(for: .enter, in: .contacts)?.action == .pageContact)
        #expect(keys.binding(for: .enter, in: .tree)?.action == .activate)
        #expect(keys.binding(for: .character("x"), in: .contacts) == nil)
        #expect(keys.binding(for: .character("j"), in: .timeline)?.action == .moveDown)
        #expect(keys.binding(for: .character("3"), in: .comms)?.action == .focusChecklist)
        #expect(keys.binding(for: .backTab, in: .tree)?.action == .previousPane)
        #expect(keys.binding(for: .character("q"), in: .checklist)?.action == .quit)
    }

    @Test("replay binds no key that writes")
    func replayIsReadOnly() throws {
        #expect(keys.binding(for: .character("x"), in: .checklist, replaying: true) == nil)
        #expect(keys.binding(for: .character("n"), in: .timeline, replaying: true) == nil)
        #expect(keys.binding(for: .character(" "), in: .checklist, replaying: true)?.action == .togglePause)
        #expect(keys.binding(for: .right, in: .timeline, replaying: true)?.action == .seekForward)
        #expect(keys.binding(for: .right, in: .timeline, replaying: false) == nil)
        var replay = try ConsoleFixture.dentalcareMidIncident().context
        replay.replay = ReplayInfo(speed: 10, paused: false, position: 1, total: 2)
        #expect(keys.footerHints(for: .checklist, context: replay, model: ConsoleModel()).allSatisfy { !$0.writes })
        // Help lists the writing keys in replay too, each saying why it does nothing.
        let writing = keys.helpSections(context: replay, model: ConsoleModel()).flatMap(\.bindings).filter { $0.binding.writes }
        #expect(!writing.isEmpty && writing.allSatisfy { $0.disabled == "replay is read-only" })
    }

    @Test func footerShowsThePaneFirstAndEndsWithHelpAndQuit() throws {
        let context = try ConsoleFixture.dentalcareMidIncident().context
        var model = ConsoleModel()
        model.selection[.checklist] = 3   // step 4, running
        let hints = keys.footerHints(for: .checklist, context: context, model: model).map(\.hint)
        #expect(Array(hints.prefix(3)) == ["done", "skip", "fail"])
        #expect(Array(hints.suffix(2)) == ["help", "quit"])
        #expect(!hints.contains("start"), "step 4 already runs: Enter would be refused, so it is not offered")
        #expect(!hints.contains("declare"), "declared already")
        #expect(!keys.footerHints(for: .contacts, context: context, model: model).map(\.hint).contains("done"))
    }

    @Test func helpSaysWhyADisabledKeyDoesNothing() throws {
        let context = try ConsoleFixture.dentalcareMidIncident().context
        var model = ConsoleModel()
        model.selection[.checklist] = 3
        let listed = keys.helpSections(context: context, model: model).flatMap(\.bindings)
        let declare = try #require(listed.first { $0.binding.action == .declareIncident })
        #expect(declare.disabled == "the incident is already declared")
        let resolve = try #require(listed.first { $0.binding.action == .resolveIncident })
        #expect(resolve.disabled?.contains("still running") == true)
        #expect(listed.first { $0.binding.action == .completeStep }?.disabled == nil)
    }

    @Test("[ is previous and ] is next, in the tree and the checklist")
    func bracketsGoBothWays() {
        for pane in [PaneKind.tree, .checklist] {
            #expect(keys.binding(for: .character("["), in: pane)?.action == .previousGroup)
            #expect(keys.binding(for: .character("]"), in: pane)?.action == .nextGroup)
        }
    }

    @Test func helpListsEveryBindingOnce() throws {
        let sections = keys.helpSections(context: try ConsoleFixture.dentalcareMidIncident().context, model: ConsoleModel()).map {
            (title: $0.title, bindings: $0.bindings.map(\.binding))
        }
        #expect(sections.first?.title == "Everywhere")
        #expect(sections.map(\.title).contains("Checklist"))
        let listed = sections.flatMap(\.bindings)
        for binding in keys.bindings where binding.scope != .replay {
            #expect(listed.contains(binding), "\(binding.action) missing from help")
        }
    }
}
