import ArgumentParser
import Foundation
import WarRoomEngine

/// `warroom report JOURNAL [--format md|json]`: the post-incident report.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the post-incident report of a journal: Markdown or JSON.",
        discussion: "Summary (time to decision, time to restore against RTO, data lost against RPO, communications due / on time / late / never sent), people and roles, timeline, decision path, steps against estimates with their history, communications by audience, pages, approvals, the event log, and the runbook's RCA skeleton. Durations and instants: docs/notation.md."
    )

    /// Output formats of the report.
    enum Format: String, ExpressibleByArgument { case md, json }

    @Argument(help: "The incident journal: a JSON Lines file, or postgres://…?incident=INC-… (or INC-… with WARROOM_DATABASE_URL).")
    var journal: String

    @Option(help: "md or json.")
    var format: Format = .md

    @Option(help: "The runbook to use instead of the one the journal names.")
    var runbook: String?

    @Flag(inversion: .prefixedNo, help: "Include the log of every event (Markdown: a section of its own).")
    var eventLog = true

    func run() throws {
        // Markdown with its event log: while the journal is folded (counting the events), a
        // second thread renders each event's row into a temporary file (`EventLogSpool`), so
        // the journal is parsed once and no event is held; the rows follow the other sections.
        // From PostgreSQL, or when the temporary file cannot be made or written, the journal is
        // read a second time to write the log row by row instead.
        // Without the event log the events are not counted either (participants without counts), as before.
        var tally = EventTally()
        let keep = eventLog
        var spool: EventLogSpool?
        let loaded = try JournalInput.load(journal: journal, runbook: runbook, onEvent: { if keep { tally.add($0) } }, lineSink: { source in
            guard keep, format == .md, let made = EventLogSpool(runbook: source.runbook) else { return nil }
            spool = made
            return { made.add($0, line: $1) }
        })
        let report = IncidentReport(runbook: loaded.source.runbook, header: loaded.contents.header, state: loaded.contents.state, tally: tally)
        var out = StandardOutputSink()
        switch format {
        case .md:
            do {
                if let spool {
                    try MarkdownReport.write(report, log: spool.log(state: loaded.contents.state, journal: journal), to: &out)
                } else {
                    let path = journal, count = tally.count
                    let log = eventLog ? StreamedEventLog(runbook: loaded.source.runbook, state: loaded.contents.state, count: count) { (body: (Event) -> Void) throws(JournalError) in
                        try JournalInput.events(journal: path, limit: count, onEvent: body)
                    } : nil
                    try MarkdownReport.write(report, log: log, to: &out)
                }
            } catch {
                JournalInput.warn(error.description)
                throw error.isBadInput ? ExitStatus.invalidInput : ExitCode.failure
            }
        case .json:
            out.write(JSONWriter.encode(ReportJSON.value(report)))
            out.write("\n")
        }
        try out.flush()
    }
}
