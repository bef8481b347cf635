import ArgumentParser
import Foundation
import WarRoomEngine
import WarRoomPostgres

/// `warroom headless --runbook FILE --journal FILE`: drive the engine with one command a
/// line on standard input (docs/headless.md); one JSON line answers each.
struct HeadlessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "headless",
        abstract: "Drive an incident from standard input, one command a line; answer each with a JSON line.",
        discussion: """
            Text syntax: \(HeadlessParser.syntax.joined(separator: "; ")).
            The same as JSON: {"command":"step_done","procedure":"app-rollback","step":3}. See docs/headless.md.
            Exits 2 on a bad runbook or journal, 1 if the journal could not be written (fsync failed).
            """
    )

    @Option(help: "The runbook (YAML). Default: the one an existing journal names, else the embedded runbook.")
    var runbook: String?

    @Option(help: "The incident journal: a file, created (mode 0600) when missing, or postgres://…?incident=INC-… (default: $WARROOM_DATABASE_URL).")
    var journal: String?

    @Option(name: .customLong("operator"), help: "Who is giving the commands (default: $USER).")
    var operatorName: String?

    @Option(help: "Run on a virtual clock starting at this UTC time (moved by 'advance 5m'), for drills and tests.")
    var virtualClock: String?

    func run() throws {
        guard let location = try JournalLocation.parse(journal) else {
            JournalInput.warn("warroom headless: give --journal FILE or --journal postgres://…?incident=INC-… (or set \(JournalLocation.databaseVariable))")
            throw ExitStatus.invalidInput
        }
        let journal = location.description
        let source: RunbookSource
        do {
            // Continuing an existing journal without --runbook: use the runbook it names.
            if runbook == nil, location.mayExist, let header = try? location.header() {
                source = try RunbookSource.forJournal(header: header, journalPath: location.url == nil ? journal : "./", override: nil) { FileManager.default.fileExists(atPath: $0) }
            } else {
                source = try RunbookSource.load(path: runbook)
            }
        } catch {
            for diagnostic in error.diagnostics { JournalInput.warn(diagnostic.description) }
            throw ExitStatus.invalidInput
        }
        var clock: VirtualClock?
        if let virtualClock {
            guard let start = Instant(iso8601: virtualClock) else {
                JournalInput.warn("--virtual-clock: expected a UTC time such as 2026-11-24T09:00:00Z; found '\(virtualClock)'")
                throw ExitStatus.invalidInput
            }
            clock = VirtualClock(start: start)
        }
        let name = operatorName ?? ProcessInfo.processInfo.environment["USER"] ?? "operator"
        let session: IncidentSession
        do {
            session = try IncidentSession(store: location.writer(create: true), runbook: source.runbook, runbookPath: source.path,
                                          runbookBytes: source.bytes, operator: name, clock: clock ?? SystemClock(), incident: location.url?.incident)
        } catch {
            JournalInput.warn(error.description)
            throw error.isBadInput ? ExitStatus.invalidInput : ExitCode.failure
        }
        let shown = session.path
        if location.url != nil, location.url?.incident == nil { JournalInput.warn("warroom: recording to \(shown)") }
        for warning in session.warnings { JournalInput.warn("\(shown):1: warning: \(warning)") }
        for issue in session.issues { JournalInput.warn("\(shown):\(issue.line): warning: \(issue.message)") }
        var driver = HeadlessDriver(session: session, operator: name, virtualClock: clock)
        while let line = readLine(strippingNewline: true) {
            guard let response = driver.handle(line) else { continue }
            FileHandle.standardOutput.write(Data((response + "\n").utf8))
        }
        // A command whose COMMIT answer was lost: one more read may settle it.
        if session.unsettled != nil { _ = try? session.refresh() }
        for settlement in session.takeSettlements() {
            switch settlement {
            case .recorded(let event): JournalInput.warn("\(shown): event \(event.sequence), whose outcome was unknown, was recorded after all")
            case .notRecorded(let event): JournalInput.warn("\(shown): event \(event.sequence), whose outcome was unknown, was not recorded")
            }
        }
        if let pending = session.unsettled {
            JournalInput.warn("\(shown): the outcome of event \(pending.sequence) (\(EventText.describe(pending, runbook: source.runbook))) is unknown: "
                + "the store went away as it was committing; look for it (warroom journal export) before giving it again")
        }
        if let fault = session.fault {
            JournalInput.warn(fault.error.description)
            JournalInput.warn("\(shown): \(fault.readOnly && fault.atExit == nil ? "read-only since this fault. " : "")\(fault.atExit ?? fault.advice)")
            if fault.readOnly { throw ExitCode.failure }
        }
    }
}
