import ArgumentParser
import Foundation
import WarRoomEngine

/// `warroom replay JOURNAL [--at TIME|+DURATION] [--format text|json]`: rebuild an incident
/// from its journal and print the timeline and the status at the end (or at an instant).
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Rebuild an incident from its journal: the timeline and the status at the end.",
        discussion: "The status is at the last event (or at --at: a UTC time, or +DURATION after the declaration). Journal format: docs/journal-format.md."
    )

    /// Output formats of replay.
    enum Format: String, ExpressibleByArgument { case text, json }

    @Argument(help: "The incident journal: a JSON Lines file, or postgres://…?incident=INC-… (or INC-… with WARROOM_DATABASE_URL).")
    var journal: String

    @Option(help: "The instant: a UTC time (2026-11-24T09:30:00Z) or +DURATION after the declaration (+25m).")
    var at: String?

    @Option(help: "text or json.")
    var format: Format = .text

    @Option(help: "The runbook to use instead of the one the journal names.")
    var runbook: String?

    @Flag(inversion: .prefixedNo, help: "Print the timeline of events (not only the status).")
    var timeline = true

    @Flag(help: "Play the incident back in the console (Space pause, . next event, ←/→ seek a minute, q quit).")
    var tui = false

    @Option(help: "With --tui: how many seconds of the incident pass each second (1, 10, 60…).")
    var speed: Double = 10

    @Option(help: "With --tui: theme (default, light, high-contrast, monochrome, or a file).")
    var theme: String = "default"

    func run() throws {
        if tui { return try playInConsole() }
        var events: [Event] = []
        let keep = timeline
        let (loaded, at) = try JournalInput.load(journal: journal, runbook: runbook, at: at, onEvent: { if keep { events.append($0) } })
        let state = loaded.contents.state
        let header = loaded.contents.header
        let instant = at ?? state.lastEventAt ?? header.openedAt
        let status = Status(runbook: loaded.source.runbook, state: state, at: instant)
        switch format {
        case .json:
            var members: [(String, JSONValue)] = [
                ("incident", .string(header.incident)),
                ("runbook", .string(header.runbookPath)),
                ("events", .int(state.eventCount)),
                ("skipped_lines", .array(loaded.contents.issues.map { .object([("line", .int($0.line)), ("message", .string($0.message))]) })),
            ]
            if timeline { members.append(("timeline", .array(events.map(EventJSON.value)))) }
            members.append(("status", StatusJSON.value(status, incidentID: header.incident)))
            FileHandle.standardOutput.write(Data((JSONWriter.encode(.object(members)) + "\n").utf8))
        case .text:
            var out = "\(TextSanitizer.line(header.incident)) — journal \(TextSanitizer.line(JournalInput.shown(journal))), runbook \(TextSanitizer.line(header.runbookPath)), opened \(header.openedAt.iso8601) by \(TextSanitizer.line(header.openedBy))\n"
            if timeline {
                out += "\nTimeline (\(CountNotation.count(events.count, "event")))\n"
                let start = state.declaration?.at ?? header.openedAt
                let notation = InstantNotation(from: start, to: instant)
                let retractions = EventText.retractionsBySequence(state)
                for event in events {
                    let since = DurationNotation.signed(event.at.seconds(since: start))
                    out += "  \(notation.text(event.at))  \(since)  #\(event.sequence)  \(TextSanitizer.line(event.operator)): \(EventText.describe(event, runbook: loaded.source.runbook, retractions: retractions))\n"
                }
            }
            out += "\n" + StatusText.render(status, incidentID: header.incident)
            FileHandle.standardOutput.write(Data(out.utf8))
        }
    }

    private func playInConsole() throws {
        guard speed > 0, speed <= 3_600 else {
            JournalInput.warn("--speed: expected a factor from above 0 to 3600; found \(speed)")
            throw ExitStatus.invalidInput
        }
        let theme = try ConsolePaths.theme(theme)
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            JournalInput.warn("warroom: replay --tui needs a terminal; without --tui, replay prints the timeline and status")
            throw ExitStatus.invalidInput
        }
        var events: [Event] = []
        let loaded = try JournalInput.load(journal: journal, runbook: runbook, onEvent: { events.append($0) })
        try ReplayConsoleRunner(source: loaded.source, header: loaded.contents.header, events: events, speed: speed,
                                theme: theme).run()
    }
}
