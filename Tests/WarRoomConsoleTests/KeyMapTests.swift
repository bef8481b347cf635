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
    func replayIsReadOnly() {
        #expect(keys.binding(for: .character("x"), in: .checklist, replaying: true) == nil)
        #expect(keys.binding(for: .character("n"), in: .timeline, replaying: true) == nil)
        #expect(keys.binding(for: .character(" "), in: .checklist, replaying: true)?.action == .togglePause)
        #expect(keys.binding(for: .right, in: .timeline, replaying: true)?.action == .seekForward)
        #expect(keys.binding(for: .right, in: .timeline, replaying: false) == nil)
        #expect(keys.footerHints(for: .checklist, replaying: true).allSatisfy { !$0.writes })
        #expect(keys.helpSections(replaying: true).flatMap(\.bindings).allSatisfy { !$0.writes })
    }

    @Test func footerShowsThePaneFirst() {
        let hints = keys.footerHints(for: .checklist).map(\.hint)
        #expect(Array(hints.prefix(3)) == ["done", "start", "skip"])
        #expect(hints.contains("help") && hints.contains("quit"))
        #expect(!keys.footerHints(for: .contacts).map(\.hint).contains("done"))
        #expect(keys.footerHints(for: .checklist).first?.keyLabel == "Space/x")
    }

    @Test func helpListsEveryBindingOnce() {
        let sections = keys.helpSections()
        #expect(sections.first?.title == "Everywhere")
        #expect(sections.map(\.title).contains("Checklist"))
        let listed = sections.flatMap(\.bindings)
        for binding in keys.bindings where binding.scope != .replay {
            #expect(listed.contains(binding), "\(binding.action) missing from help")
        }
    }
}
