import ArgumentParser
import Foundation
import WarRoomEngine

/// `warroom status JOURNAL [--tmux]`: a one-line summary of the incident now, for a tmux
/// `status-right` (`INC-42 SEV1 ▶ 4/8 steps · execs due 03:12 · RTO 41m left`).
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "One-line summary of an incident, for a tmux status line.",
        discussion: "In tmux: set -g status-right '#(warroom status --tmux /path/to/incident.jsonl)'"
    )

    @Argument(help: "The incident journal (JSON Lines).")
    var journal: String

    @Flag(help: "Colour overdue parts with tmux #[fg=…] codes and escape # for tmux.")
    var tmux = false

    @Option(help: "The instant instead of now: a UTC time or +DURATION after the declaration.")
    var at: String?

    @Option(help: "The runbook to use instead of the one the journal names.")
    var runbook: String?

    func run() throws {
        let loaded = try JournalInput.load(journal: journal, runbook: runbook)
        let state = loaded.contents.state
        let instant = try at.map { try JournalInput.instant($0, declaredAt: state.declaration?.at, openedAt: loaded.contents.header.openedAt) }
            ?? SystemClock().now()
        let status = Status(runbook: loaded.source.runbook, state: state, at: instant)
        print(StatusLine.render(status, incidentID: loaded.contents.header.incident, tmux: tmux))
    }
}
