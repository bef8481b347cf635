import ArgumentParser
import Foundation
import WarRoomEngine

/// `warroom status JOURNAL [--tmux]`: a one-line summary of the incident now, for a tmux
/// `status-right` (`INC-42 SEV1 ▶ 4/8 steps · execs due in 3m12s · RTO 41m left`).
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "One-line summary of an incident, for a tmux status line.",
        discussion: "In tmux: set -g status-right '#(warroom status --tmux /path/to/incident.jsonl)'"
    )

    @Argument(help: "The incident journal: a JSON Lines file, or postgres://…?incident=INC-… (or INC-… with WARROOM_DATABASE_URL).")
    var journal: String

    @Flag(help: "Colour overdue parts with tmux #[fg=…] codes and escape # for tmux.")
    var tmux = false

    @Option(help: "The instant instead of now: a UTC time or +DURATION after the declaration (events after it are left out).")
    var at: String?

    @Option(help: "The runbook to use instead of the one the journal names.")
    var runbook: String?

    func run() throws {
        // With --at the journal is read only up to that instant, so phase, severity and every
        // other figure are those of that instant, not of the journal's end.
        // Without --at, only the events after the journal's status-line checkpoint are folded
        // (a state compacted for the status line at `now`, and good for nothing else).
        let now = SystemClock().now()
        let (loaded, at) = try at == nil
            ? (JournalInput.load(journal: journal, runbook: runbook, statusLineAt: now), nil) : JournalInput.load(journal: journal, runbook: runbook, at: at)
        let status = Status(runbook: loaded.source.runbook, state: loaded.contents.state, at: at ?? now)
        print(StatusLine.render(status, incidentID: loaded.contents.header.incident, tmux: tmux))
    }
}
