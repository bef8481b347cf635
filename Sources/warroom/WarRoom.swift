import ArgumentParser

/// The `warroom` command line: a terminal war-room console for production rollbacks.
@main
struct WarRoom: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "warroom",
        abstract: "A terminal war-room console for production rollbacks and incidents.",
        discussion: """
            With no subcommand, opens the console on the embedded default runbook.
            Runbook format: docs/runbook-format.md.
            """,
        version: "0.1.0",
        subcommands: [OpenCommand.self, ResumeCommand.self, ShowCommand.self, ValidateCommand.self, ImportCommand.self,
                      HeadlessCommand.self, ReplayCommand.self, StatusCommand.self, ReportCommand.self, DatabaseCommand.self,
                      JournalCommand.self],
        defaultSubcommand: OpenCommand.self
    )

    /// The command line parsed and run; `status` in its common forms without ArgumentParser
    /// (`StatusFastPath`), which then only reports its errors.
    static func main() {
        guard let status = StatusFastPath(Array(CommandLine.arguments.dropFirst())) else {
            main(nil)
            return
        }
        do {
            try StatusCommand.show(journal: status.journal, tmux: status.tmux, at: status.at, runbook: status.runbook)
        } catch {
            exit(withError: error)
        }
    }
}

/// Exit codes shared by the subcommands.
enum ExitStatus {
    /// Input was invalid: a runbook or journal with errors.
    static let invalidInput = ExitCode(2)
}
