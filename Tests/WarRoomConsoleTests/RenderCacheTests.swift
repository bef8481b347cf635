import Foundation
import Testing
import WarRoomTestSupport
import WarRoomEngine
@testable import WarRoomConsole

/// A frame built with a `RenderCache` must be the frame built without one, whatever
/// happened in between: ticks, events, keys, overlays, resizes. And on an idle tick the
/// cache must really leave the clock-free regions alone.
@Suite("Render cache")
struct RenderCacheTests {
    static let runbooks = ["dentalcare-migration", "whitecross-platform", "dr-amal-clinical-os", "syncwell-contingency", "unifiedhealth-platform"]

    @Test("an idle tick redraws only the regions that read the clock, and the frame is the uncached one")
    func idleTick() throws {
        var fixture = try ConsoleFixture.dentalcareMidIncident()
        var cache = RenderCache()
        let model = ConsoleModel()
        _ = ConsoleRenderer.render(context: fixture.context, model: model, width: 200, height: 60, cache: &cache)
        #expect(cache.redrawn.count == 8, "the first frame draws the header, six panes and the footer")
        fixture.now = fixture.now.adding(milliseconds: 1_000)
        let cached = ConsoleRenderer.render(context: fixture.context, model: model, width: 200, height: 60, cache: &cache)
        // Contacts too: the fixture's page to the DBA waits for an answer.
        #expect(cache.redrawn == [.header, .pane(.tree), .pane(.checklist), .pane(.comms), .pane(.contacts)])
        let same = cached == ConsoleRenderer.render(context: fixture.context, model: model, width: 200, height: 60)
        #expect(same, "the cached frame must be the uncached one")
        // Nothing changed at all: nothing is drawn.
        _ = ConsoleRenderer.render(context: fixture.context, model: model, width: 200, height: 60, cache: &cache)
        #expect(cache.redrawn.isEmpty)
        // An event redraws everything (the timeline shows it).
        fixture.run(.note("a scribe's note"), by: "scribe")
        let afterNote = ConsoleRenderer.render(context: fixture.context, model: model, width: 200, height: 60, cache: &cache)
        #expect(cache.redrawn.count == 8)
        #expect(afterNote.text.contains("a scribe's note"))
    }

    @Test("a waiting page keeps Contacts on the clock: its wait and its ⚠ move with the seconds")
    func waitingPageRedrawsContacts() throws {
        var fixture = try ConsoleFixture.dentalcareMidIncident()   // the DBA was paged 2m10s ago
        var cache = RenderCache()
        var model = ConsoleModel()
        model.focus = .contacts
        _ = ConsoleRenderer.render(context: fixture.context, model: model, width: 200, height: 60, cache: &cache)
        for _ in 0..<3 {
            fixture.wait(minutes: 1)                                 // past five minutes on the last round
            let cached = ConsoleRenderer.render(context: fixture.context, model: model, width: 200, height: 60, cache: &cache)
            #expect(cache.redrawn.contains(.pane(.contacts)))
            #expect(cached == ConsoleRenderer.render(context: fixture.context, model: model, width: 200, height: 60))
        }
        #expect(ConsoleRenderer.render(context: fixture.context, model: model, width: 200, height: 60, cache: &cache).text.contains("Contacts ⚠1"))
        // Answered, nothing on Contacts reads the clock any more.
        fixture.run(.acknowledgePage(contact: "dba"))
        _ = ConsoleRenderer.render(context: fixture.context, model: model, width: 200, height: 60, cache: &cache)
        fixture.now = fixture.now.adding(milliseconds: 1_000)
        _ = ConsoleRenderer.render(context: fixture.context, model: model, width: 200, height: 60, cache: &cache)
        #expect(!cache.redrawn.contains(.pane(.contacts)))
    }

    @Test("seeded random sessions: every cached frame equals the uncached frame", arguments: runbooks)
    func randomSessions(runbook name: String) throws {
        var fixture = try ConsoleFixture(runbook: name)
        var random = SeededGenerator(state: 7 &+ UInt64(name.utf8.count))
        var cache = RenderCache()
        var model = ConsoleModel()
        let sizes = [(200, 60), (120, 40), (80, 24), (165, 50), (60, 15)]
        var size = sizes[0]
        // Keys an operator may press: every key of the table, moves, text, Enter and Esc.
        let keys = Array(Set(KeyMap.standard.bindings.flatMap(\.keys))).sorted { $0.label < $1.label }
            + [.enter, .escape, .down, .up, .character("a"), .character("1"), .backspace]
        fixture.run(.declare(title: "Random session", severity: "SEV2"))
        for step in 0..<400 {
            switch random.next() % 10 {
            case 0...3:
                fixture.now = fixture.now.adding(milliseconds: Int64(random.next() % 2_500))
            case 4...7:
                let key = keys[Int(random.next() % UInt64(keys.count))]
                let effects = ConsoleInput.handle(key, model: &model, context: fixture.context)
                _ = fixture.apply(effects)
            case 8:
                size = sizes[Int(random.next() % UInt64(sizes.count))]
            default:
                if model.entry != nil { model.entry = nil } else { model.focus = PaneKind.allCases[Int(random.next() % 6)] }
            }
            let cached = ConsoleRenderer.render(context: fixture.context, model: model, width: size.0, height: size.1, cache: &cache)
            let fresh = ConsoleRenderer.render(context: fixture.context, model: model, width: size.0, height: size.1)
            guard cached == fresh else {
                Issue.record("step \(step) at \(size.0)x\(size.1): the cached frame differs\n\(cached.text)\n---\n\(fresh.text)")
                return
            }
        }
        #expect(fixture.events.count > 1, "the session recorded something")
    }

    @Test("an hour of idle seconds with a step running: every cached frame equals the uncached one", arguments: runbooks)
    func idleHour(runbook name: String) throws {
        var fixture = try ConsoleFixture(runbook: name)
        let plans = fixture.runbook.plans
        let plan = try #require(plans.first { !$0.approvals.isEmpty } ?? plans.first)
        fixture.run(.declare(title: "An hour on the clock", severity: "SEV1"))
        if !plan.approvals.isEmpty { fixture.run(.overrideApprovals(procedure: plan.id, reason: "test")) }
        fixture.run(.startProcedure(plan.id))
        fixture.run(.startStep(procedure: plan.id, step: 1))
        var model = ConsoleModel()
        model.focus = .checklist
        for (width, height) in [(200, 60), (120, 40), (80, 24)] {
            var cache = RenderCache()
            var clock = fixture
            // Every second of the first minute and a half, every 7 s to twelve minutes (elapsed
            // times grow a column at 1m and 10m, estimates are overrun, countdowns fall due),
            // then a minute at a time.
            for second in 0..<(90 + 90 + 40) {
                clock.now = clock.now.adding(milliseconds: second < 90 ? 1_000 : second < 180 ? 7_000 : 60_000)
                let cached = ConsoleRenderer.render(context: clock.context, model: model, width: width, height: height, cache: &cache)
                let fresh = ConsoleRenderer.render(context: clock.context, model: model, width: width, height: height)
                guard cached == fresh else {
                    Issue.record("\(name) at \(width)x\(height), tick \(second): the cached frame differs\n\(cached.text)\n---\n\(fresh.text)")
                    return
                }
            }
        }
    }

    @Test("an idle tick redraws only the checklist rows whose text moved with the clock")
    func idleTickRedrawsChangedRows() throws {
        var fixture = try ConsoleFixture.dentalcareMidIncident()
        var cache = RenderCache()
        let model = ConsoleModel()
        _ = ConsoleRenderer.render(context: fixture.context, model: model, width: 200, height: 60, cache: &cache)
        let first = try #require(cache.retained[.checklist])
        let drawnRows = first.calls.filter { !$0.items.isEmpty }.count
        #expect(first.drawn == drawnRows, "the first frame draws every row that has something on it")
        fixture.now = fixture.now.adding(milliseconds: 1_000)
        _ = ConsoleRenderer.render(context: fixture.context, model: model, width: 200, height: 60, cache: &cache)
        let tick = try #require(cache.retained[.checklist])
        #expect(tick.drawn >= 1, "the running step's elapsed time moved")
        #expect(tick.drawn * 4 <= drawnRows, "an idle tick redrew \(tick.drawn) of \(drawnRows) rows")
    }
}

