import Foundation
import Testing
import WarRoomEngine
@testable import WarRoomConsole

/// Golden frames: each layout of two source runbooks mid-incident, at 80×24, 120×40 and
/// 200×60, compared as text with files in `Golden/`. Record them anew (and review the diff
/// like code) with `WARROOM_RECORD_GOLDENS=1 swift test --filter GoldenFrameTests`.
@Suite("Golden frames")
struct GoldenFrameTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static let recording = ProcessInfo.processInfo.environment["WARROOM_RECORD_GOLDENS"] == "1"

    static let sizes = [(80, 24), (120, 40), (200, 60)]

    private func check(_ frame: Frame, name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = Self.folder.appendingPathComponent(name + ".txt")
        let text = frame.text + "\n"
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

    @Test("DentalCare mid-incident, checklist focused, at each size", arguments: sizes.map { "\($0.0)x\($0.1)" })
    func dentalcare(size: String) throws {
        let fixture = try ConsoleFixture.dentalcareMidIncident()
        let (width, height) = try dimensions(size)
        var model = ConsoleModel()
        model.selection[.checklist] = 3
        try check(ConsoleRenderer.render(context: fixture.context, model: model, width: width, height: height), name: "dentalcare-checklist-\(size)")
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

    @Test("UnifiedHealth mid-incident, two and three columns", arguments: ["120x40", "200x60"])
    func unifiedhealthWide(size: String) throws {
        let fixture = try ConsoleFixture.unifiedhealthMidIncident()
        let (width, height) = try dimensions(size)
        var model = ConsoleModel()
        model.focus = .tree
        try check(ConsoleRenderer.render(context: fixture.context, model: model, width: width, height: height), name: "unifiedhealth-\(size)")
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

    @Test func overlaysAndTooSmall() throws {
        let fixture = try ConsoleFixture.dentalcareMidIncident()
        var model = ConsoleModel()
        model.showingHelp = true
        try check(ConsoleRenderer.render(context: fixture.context, model: model, width: 120, height: 40), name: "help-120x40")
        model.showingHelp = false
        model.entry = TextEntry(.skipReason(procedure: "app-rollback", step: 5), text: "CloudFront already purged")
        try check(ConsoleRenderer.render(context: fixture.context, model: model, width: 80, height: 24), name: "skip-reason-80x24")
        try check(ConsoleRenderer.render(context: fixture.context, model: ConsoleModel(), width: 60, height: 15), name: "too-small-60x15")
    }

    private func dimensions(_ size: String) throws -> (Int, Int) {
        let parts = size.split(separator: "x").compactMap { Int($0) }
        return (try #require(parts.first), try #require(parts.last))
    }
}
