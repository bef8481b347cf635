import Testing
import WarRoomEngine
import WarRoomTestSupport
@testable import WarRoomConsole

/// A tired commander at the keyboard: 10,000 random keys (pastes with control bytes
/// among them) on each runbook, against the pure console model and the real engine.
/// Nothing crashes, and every event written is one the key table maps to the key pressed,
/// in the pane focused, after any confirmation the action requires.
@Suite("Random keys never write what their key does not mean")
struct RandomKeysPropertyTests {
    static let runbooks = ["dentalcare-migration", "dr-amal-clinical-os", "syncwell-contingency", "unifiedhealth-platform", "whitecross-platform"]

    /// Keys a person could press, the likely ones (confirm, Enter, step keys) more often.
    static let alphabet: [Key] = {
        var keys: [Key] = [.up, .down, .left, .right, .home, .end, .pageUp, .pageDown, .enter, .enter, .enter, .escape, .tab, .backTab,
                           .backspace, .delete, .function(1), .function(2), .control("s"), .control("c"), .control("u"), .control("a")]
        keys += KeyMap.standard.bindings.flatMap(\.keys)
        keys += "yyyyyyoonnDRAOUCx  abcdefghijklmnopqrstuvwxyz0123456789[]:/?.,;'\"\\-=+éß中".map { .character($0) }
        keys += [.paste("pasted from chat \u{1B}xxxx"), .paste("line one\r\nline two\u{7F}\u{1B}[A\u{9B}2J"),
                 .paste("health verified by ALB already"), .paste("\u{1B}[201~y\u{3}q"), .paste("SEV1 Checkout \u{202E}evil")]
        return keys
    }()

    @Test("10,000 random keys on each runbook", arguments: runbooks)
    func randomKeys(runbook name: String) throws {
        var fixture = try ConsoleFixture(runbook: name)
        var model = ConsoleModel()
        // Seeded from the name's bytes (not `hashValue`, which changes every run).
        var random = SeededGenerator(state: name.utf8.reduce(0xC0FFEE) { $0 &* 31 &+ UInt64($1) })
        // Whether the prompt now open was reached by confirming a question.
        var confirmedChain = false
        var written: [String: Int] = [:]
        for press in 0..<10_000 {
            let key = Self.alphabet[Int(random.next() % UInt64(Self.alphabet.count))]
            let context = fixture.context
            let before = model
            // What the key means here, from the key table, the open prompt or the question.
            var origin: ConsoleAction?
            var confirming = false
            if let confirmation = before.confirmation {
                if key == .character(confirmation.confirmKey) { origin = confirmation.origin; confirming = true }
            } else if let entry = before.entry {
                let submits = key == .control("s") || key == .function(2) || (key == .enter && !entry.isMultiline)
                if submits { origin = before.entryOrigin }
            } else if !before.showingHelp {
                origin = KeyMap.standard.binding(for: key, in: before.focus, replaying: false)?.action
            }
            let otherRunning = context.status.plans.filter { $0.state == .running }.map(\.id)
            let effects = ConsoleInput.handle(key, model: &model, context: context)
            let count = fixture.events.count
            _ = fixture.apply(effects.filter { $0 != .quit })
            model.wantsToQuit = false
            for event in fixture.events[count...] {
                let type = event.kind.typeName
                written[type, default: 0] += 1
                let action = try #require(origin, "press \(press): \(key.label) wrote \(type) but means nothing here (pane \(before.focus))")
                #expect(action.recordedEvents.contains(type), "press \(press): \(key.label) (\(action)) in \(before.focus) wrote \(type)")
                if action.confirmedEvents.contains(type) {
                    #expect(confirming || confirmedChain, "press \(press): \(type) written without confirmation")
                }
                if case .procedureStarted(let id) = event.kind, action != .commandLine, otherRunning.contains(where: { $0 != id }) {
                    #expect(confirming || confirmedChain, "press \(press): \(id) started beside \(otherRunning) without confirmation")
                }
            }
            if confirming { confirmedChain = model.entry != nil }
            if model.entry == nil && model.confirmation == nil { confirmedChain = false }
            if press % 97 == 0 { fixture.wait(minutes: 0, seconds: Int(random.next() % 300)) }
            if press % 250 == 0 {
                let frame = ConsoleRenderer.render(context: fixture.context, model: model, width: press % 500 == 0 ? 80 : 200,
                                                   height: press % 500 == 0 ? 24 : 60)
                #expect(frame.width > 0)
            }
        }
        print("\(name): \(written.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))")
        // The walk must have done something, or it proves nothing.
        #expect(written.values.reduce(0, +) >= 20, "only \(written) written")
        #expect(written["incident_declared"] == 1)
    }
}
