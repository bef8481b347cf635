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
        try Self.show(journal: journal, tmux: tmux, at: at, runbook: runbook)
    }

    /// Prints the status line of `journal` at `at` (now when nil).
    static func show(journal: String, tmux: Bool, at: String?, runbook: String?) throws {
        // With --at the journal is read only up to that instant, so phase, severity and every
        // other figure are those of that instant, not of the journal's end.
        // Without --at, only the events after the journal's status-line checkpoint are folded
        // (a state compacted for the status line at `now`, and good for nothing else), and the
        // runbook may be the parts of it the status line reads, cached beside the journal.
        let now = SystemClock().now()
        let (source, contents, instant): (Runbook, JournalReader.Contents, Instant)
        if let at {
            let found = try JournalInput.load(journal: journal, runbook: runbook, at: at)
            (source, contents, instant) = (found.loaded.source.runbook, found.loaded.contents, found.at ?? now)
        } else {
            let found = try JournalInput.loadForStatusLine(journal: journal, runbook: runbook, at: now)
            (source, contents, instant) = (found.runbook, found.contents, now)
        }
        let status = Status(runbook: source, state: contents.state, at: instant)
        print(StatusLine.render(status, incidentID: contents.header.incident, tmux: tmux))
    }
}

/// `warroom status …` read without ArgumentParser, for the common forms only: tmux runs the
/// command every second for each client, and parsing the command tree (reflection over every
/// option of the command) cost about a quarter of its CPU. Anything else (help, an unknown
/// option, a missing value, two journals) is left to ArgumentParser, which reports it as for
/// every other command.
struct StatusFastPath: Equatable {
    var journal: String
    var tmux = false
    var at: String?
    var runbook: String?

    init(journal: String, tmux: Bool = false, at: String? = nil, runbook: String? = nil) {
        self.journal = journal
        self.tmux = tmux
        self.at = at
        self.runbook = runbook
    }

    /// The arguments after the program's name, when they are `status` with options this
    /// reads; nil otherwise.
    init?(_ arguments: [String]) {
        guard arguments.first == "status" else { return nil }
        var journal: String?, index = 1
        func value(_ argument: String, _ name: String) -> String?? {
            if argument == name {
                guard index + 1 < arguments.count, !arguments[index + 1].hasPrefix("-") else { return .some(nil) }
                index += 1
                return arguments[index]
            }
            if argument.hasPrefix(name + "=") { return String(argument.dropFirst(name.count + 1)) }
            return nil
        }
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--tmux" {
                tmux = true
            } else if let found = value(argument, "--at") {
                guard let found, at == nil else { return nil }
                at = found
            } else if let found = value(argument, "--runbook") {
                guard let found, runbook == nil else { return nil }
                runbook = found
            } else if argument.hasPrefix("-") || journal != nil {
                return nil
            } else {
                journal = argument
            }
            index += 1
        }
        guard let journal, !journal.isEmpty else { return nil }
        self.journal = journal
    }
}
