import Foundation
import Testing
import WarRoomEngine
@testable import WarRoomConsole

/// Golden frames: every source runbook mid-incident at 60×18, 80×23, 80×24, 120×40, 200×60
/// and 300×80, each pane of two runbooks at 80×24, and the overlays; compared with files in
/// `Golden/` as text, each row followed by its style roles run-length encoded (`  ¦ `
/// lines), so a colour or a selection that moves fails too. Record them anew (and review
/// the diff like code) with `WARROOM_RECORD_GOLDENS=1 swift test --filter GoldenFrameTests`.
@Suite("Golden frames")
struct GoldenFrameTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static let recording = ProcessInfo.processInfo.environment["WARROOM_RECORD_GOLDENS"] == "1"

    static let sizes = [(60, 18), (80, 23), (80, 24), (120, 40), (200, 60), (300, 80)]
    static let sizeNames = sizes.map { "\($0.0)x\($0.1)" }
    static let runbooks = ["dentalcare-migration", "unifiedhealth-platform", "syncwell-contingency", "dr-amal-clinical-os", "whitecross-platform"]

    private func check(_ frame: Frame, name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = Self.folder.appendingPathComponent(name + ".txt")
        let text = frame.textWithStyles + "\n"
        if Self.recording {
            try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let golden = try String(contentsOf: url, encoding: .utf8)
        if golden != text {
            let expected = golden.split(separator: "\n", omittingEmptySubsequences: false)
            let actual = text.split(separator: "\n", omittingEmptySubsequences: false)
            let firstDifference = zip(expected, actual).enumerated().first { $0.element.0 != $0.element.1 }
            Issue.record("frame differs from \(name).txt at line \((firstDifference?.offset ?? 0) + 1):\n- \(firstDifference?.element.0 ?? "")\n+ \(firstDifference?.element.1 ?? "")", sourceLocation: sourceLocation)
        }
    }

    @Test("every runbook mid-incident, checklist focused, at every size", arguments: runbooks)
    func runbookAtEverySize(runbook: String) throws {
        let fixture = try ConsoleFixture.midIncident(runbook)
        var model = ConsoleModel()
        model.selection[.checklist] = 1
        for (width, height) in Self.sizes {
            try check(ConsoleRenderer.render(context: fixture.context, model: model, width: width, height: height), name: "\(runbook)-\(width)x\(height)")
        }
    }

    @Test("DentalCare mid-incident, each pane focused at 80x24 (one pane at a time)", arguments: PaneKind.allCases)
    func dentalcarePanes(pane: PaneKind) throws {
        let fixture = try ConsoleFixture.dentalcareMidIncident()
        var model = ConsoleModel()
        model.focus = pane
        try check(ConsoleRenderer.render(context: fixture.context, model: model, width: 80, height: 24), name: "dentalcare-pane-\(pane.rawValue)-80x24")
    }

    @Test("UnifiedHealth mid-incident, each pane focused at 80x24 (one pane at a time)", arguments: PaneKind.allCases)
    func unifiedhealthPanes(pane: PaneKind) throws {
        let fixture = try ConsoleFixture.unifiedhealthMidIncident()
        var model = ConsoleModel()
        model.focus = pane
        model.selection[.checklist] = 1
        try check(ConsoleRenderer.render(context: fixture.context, model: model, width: 80, height: 24), name: "unifiedhealth-\(pane.rawValue)-80x24")
    }

    @Test("every contact's phone numbers are shown whole, at every size, scrolling through the list",
          arguments: ["dentalcare-migration", "whitecross-platform", "dr-amal-clinical-os"])
    func phonesAreNeverCut(runbook: String) throws {
        let fixture = try ConsoleFixture(runbook: runbook)
        let phones = fixture.runbook.contacts.flatMap { [$0.primary.phone, $0.backup?.phone].compactMap { $0 } }
        #expect(!phones.isEmpty)
        for (width, height) in Self.sizes {
            var model = ConsoleModel()
            model.focus = .contacts
            var seen = ""
            for index in fixture.runbook.contacts.indices {
                model.selection[.contacts] = index
                seen += ConsoleRenderer.render(context: fixture.context, model: model, width: width, height: height).text
            }
            for phone in phones {
                #expect(seen.contains(phone), "\(phone) is cut at \(width)x\(height)")
            }
        }
    }

    @Test func overlaysReplayAndTooSmall() throws {
        let fixture = try ConsoleFixture.dentalcareMidIncident()
        var model = ConsoleModel()
        model.showingHelp = true
        try check(ConsoleRenderer.render(context: fixture.context, model: model, width: 120, height: 40), name: "help-120x40")
        model.showingHelp = false
        model.entry = TextEntry(.skipReason(procedure: "app-rollback", step: 5), text: "CloudFront already purged")
        try check(ConsoleRenderer.render(context: fixture.context, model: model, width: 80, height: 24), name: "skip-reason-80x24")
        // The composer with the cursor inside the text, a long line wrapped, a placeholder left.
        var entry = TextEntry(.compose(audience: "executive-leadership"),
                              text: "Checkout is failing for {{affected_share}} of patients since 03:00 UTC; we are rolling back to the blue environment and expect recovery by 03:25.\nNext update in 30 minutes.")
        entry.cursor = 40
        model.entry = entry
        try check(ConsoleRenderer.render(context: fixture.context, model: model, width: 80, height: 24), name: "composer-80x24")
        model.entry = nil
        model.focus = .timeline
        model.selection[.timeline] = 5
        model.openedEvent = 5
        try check(ConsoleRenderer.render(context: fixture.context, model: model, width: 80, height: 24), name: "timeline-event-80x24")
        var replay = fixture.context
        replay.replay = ReplayInfo(speed: 60, paused: true, position: fixture.events.count, total: fixture.events.count + 4)
        try check(ConsoleRenderer.render(context: replay, model: ConsoleModel(), width: 80, height: 24), name: "replay-paused-80x24")
        try check(ConsoleRenderer.render(context: fixture.context, model: ConsoleModel(), width: 59, height: 17), name: "too-small-59x17")
    }
}
