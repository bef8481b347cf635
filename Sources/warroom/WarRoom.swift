import ArgumentParser

/// The `warroom` command line: a terminal war-room console for production rollbacks.
@main
struct WarRoom: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "warroom",
        abstract: "A terminal war-room console for production rollbacks and incidents.",
        discussion: """
            With no subcommand, shows the embedded default runbook.
            Runbook format: docs/runbook-format.md.
            """,
        version: "0.1.0",
        subcommands: [ShowCommand.self, ValidateCommand.self, ImportCommand.self],
        defaultSubcommand: ShowCommand.self
    )
}

/// Exit codes shared by the subcommands.
enum ExitStatus {
    /// Input was invalid: a runbook or journal with errors.
    static let invalidInput = ExitCode(2)
}
