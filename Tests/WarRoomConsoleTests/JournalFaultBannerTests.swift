import Foundation
import Testing
import WarRoomTestSupport
import WarRoomEngine
@testable import WarRoomConsole

/// The fault banner over the header, from a real fault (a journal deleted under a session),
/// at the smallest and a large size: what happened, to which file, and the command to go on.
@Suite struct JournalFaultBannerTests {
    /// A fault made for real: a session's journal deleted, then a refresh.
    static func deletedJournalFault(runbook: Runbook, path: String) throws -> JournalFault? {
        let session = try IncidentSession(journal: path, runbook: runbook, runbookPath: "r.yaml", runbookBytes: Array("r".utf8),
                                          operator: "ada", clock: VirtualClock(start: ConsoleFixture.start))
        try FileManager.default.removeItem(atPath: path)
        _ = try? session.refresh()
        return session.fault
    }

    @Test(arguments: [(80, 24), (200, 60)])
    func bannerReplacesTheHeader(width: Int, height: Int) throws {
        let fixture = try ConsoleFixture(runbook: "dentalcare-migration")
        let directory = try RepoPaths.temporaryDirectory()
        let fault = try #require(try Self.deletedJournalFault(runbook: fixture.runbook, path: directory + "/incident.jsonl"))
        var context = fixture.context
        context.journalFault = fault
        let frame = ConsoleRenderer.render(context: context, model: ConsoleModel(), width: width, height: height)
        let rows = frame.lines
        #expect(rows[0].hasPrefix(" ⚠ JOURNAL DELETED OR MOVED · read-only: NOTHING IS RECORDED · "), "\(rows[0])")
        #expect(rows[0].contains("incident.jsonl"))
        #expect(rows[1].contains("warroom resume ") && rows[1].contains("incident.recovered.jsonl"), "\(rows[1])")
        #expect(!rows[0].contains("no incident declared"), "the header shows through the banner")
        #expect(frame[1, 0].role == .budgetAlarm && frame[1, 1].role == .error)
        if width >= 200 { #expect(rows[1].contains("quit (q), then: warroom resume \(directory)/incident.recovered.jsonl")) }
        // Without a fault the header is back.
        let healthy = ConsoleRenderer.render(context: fixture.context, model: ConsoleModel(), width: width, height: height)
        #expect(!healthy.lines[0].contains("⚠"))
    }
}
