import Foundation
import Testing
import WarRoomTestSupport
@testable import WarRoomEngine

/// The event log rendered while the journal is folded (`EventLogSpool`, as `warroom report`
/// does) is the report rendered from the events held in memory, byte for byte: retracted rows
/// marked void, times in the notation of the whole incident, over any number of hand-overs;
/// and a spool that cannot be written makes the log read the journal again.
@Suite struct EventLogSpoolTests {
    /// The report of `path` rendered from events in memory, and the one written with a spooled log.
    private func reports(_ path: String, batchSize: Int) throws -> (whole: String, spooled: String) {
        let runbook = try DefaultRunbook.load()
        var events: [Event] = []
        var tally = EventTally()
        let spool = try #require(EventLogSpool(runbook: runbook, batchSize: batchSize))
        let contents = try JournalReader.read(path: path) { event, line in
            events.append(event)
            tally.add(event)
            spool.add(event, line: line)
        }
        let whole = MarkdownReport.render(IncidentReport(runbook: runbook, header: contents.header, state: contents.state, events: events))
        let log = spool.log(state: contents.state, journal: path)
        #expect(log.count == events.count)
        var spooled = ""
        try MarkdownReport.write(IncidentReport(runbook: runbook, header: contents.header, state: contents.state, tally: tally), log: log, to: &spooled)
        return (whole, spooled)
    }

    @Test(arguments: [1, 7, 4096])
    func aSpooledReportIsTheInMemoryOne(batchSize: Int) throws {
        var random = SeededGenerator(state: 21)
        let path = try ReportStreamingTests.journal(events: 2_000, &random)
        let (whole, spooled) = try reports(path, batchSize: batchSize)
        #expect(spooled == whole)
        #expect(whole.contains("[VOID: retracted by #"))
        #expect(whole.contains("## Event log\n\n2000 events from the journal."))
    }

    @Test func anIncidentOverSeveralDaysWritesEveryRowsDate() throws {
        var random = SeededGenerator(state: 22)
        // 30,000 events 7 s apart: 58 hours, so every instant carries its date.
        let path = try ReportStreamingTests.journal(events: 30_000, &random)
        let (whole, spooled) = try reports(path, batchSize: 1000)
        #expect(spooled == whole)
        #expect(whole.contains("| 30000 | 2026-"))
    }

    @Test func aSpoolThatCannotBeWrittenReadsTheJournalAgain() throws {
        let runbook = try DefaultRunbook.load()
        #expect(EventLogSpool(runbook: runbook, directory: "/nonexistent/warroom") == nil)
        var random = SeededGenerator(state: 23)
        let path = try ReportStreamingTests.journal(events: 300, &random)
        let full = open("/dev/full", O_WRONLY)
        try #require(full >= 0)
        let spool = EventLogSpool(runbook: runbook, descriptor: full, batchSize: 16)
        var events: [Event] = []
        let contents = try JournalReader.read(path: path) { event, line in
            events.append(event)
            spool.add(event, line: line)
        }
        #expect(spool.count == contents.eventCount)
        #expect(spool.finishWriting() == nil, "every write to /dev/full fails")
        var tally = EventTally()
        for event in events { tally.add(event) }
        var spooled = ""
        try MarkdownReport.write(IncidentReport(runbook: runbook, header: contents.header, state: contents.state, tally: tally),
                                 log: spool.log(state: contents.state, journal: path), to: &spooled)
        #expect(spooled == MarkdownReport.render(IncidentReport(runbook: runbook, header: contents.header, state: contents.state, events: events)))
        #expect(spooled.contains("[VOID: retracted by #"))
    }

    @Test func aRetractedLineChangedUnderTheReportIsAnErrorNotAWrongRow() throws {
        var random = SeededGenerator(state: 24)
        let path = try ReportStreamingTests.journal(events: 200, &random)
        let runbook = try DefaultRunbook.load()
        let spool = try #require(EventLogSpool(runbook: runbook))
        let contents = try JournalReader.read(path: path) { event, line in spool.add(event, line: line) }
        let log = spool.log(state: contents.state, journal: path)
        // Every event line replaced by one as long that says something else.
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let mangled = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { index, line in
            index == 0 ? String(line) : String(repeating: " ", count: line.utf8.count)
        }.joined(separator: "\n")
        try Data(mangled.utf8).write(to: URL(fileURLWithPath: path))
        var out = ""
        #expect(throws: JournalError.self) {
            try MarkdownReport.write(IncidentReport(runbook: runbook, header: contents.header, state: contents.state, tally: EventTally()), log: log, to: &out)
        }
    }

    /// `warroom report` spools its event log in TMPDIR, leaves nothing there, and writes the
    /// same report when TMPDIR cannot hold the spool (the journal is read twice instead).
    @Test func theCommandWritesTheSameReportWithOrWithoutASpool() throws {
        var random = SeededGenerator(state: 25)
        let path = try ReportStreamingTests.journal(events: 5_000, &random)
        let spoolDirectory = try RepoPaths.temporaryDirectory()
        let spooled = try ProcessRunner.run(["report", path], environment: ["TMPDIR": spoolDirectory])
        let twice = try ProcessRunner.run(["report", path], environment: ["TMPDIR": "/nonexistent/warroom"])
        #expect(spooled.status == 0 && twice.status == 0)
        #expect(spooled.stdout == twice.stdout)
        #expect(spooled.stdout.contains("[VOID: retracted by #") && spooled.stdout.contains("| 5000 | "))
        #expect(try FileManager.default.contentsOfDirectory(atPath: spoolDirectory).isEmpty)
    }
}
