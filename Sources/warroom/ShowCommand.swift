import ArgumentParser
import Foundation
import WarRoomEngine

/// `warroom show [FILE] [--json]`: a readable summary of a runbook, or its JSON model.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a runbook: objectives, triggers, trees, procedures, comms, contacts.",
        discussion: "With no FILE, shows the embedded default runbook. --json prints the whole model (docs/runbook-format.md, \"The JSON model\")."
    )

    @Argument(help: "The runbook file (YAML). Default: the embedded runbook.")
    var file: String?

    @Flag(help: "Print the whole model as JSON instead of text.")
    var json = false

    @Option(help: "Width to fit the text into (default: the terminal's, or 100).")
    var width: Int?

    func run() throws {
        let runbook: Runbook
        do throws(LoadFailure) {
            if let file {
                runbook = try RunbookLoader.load(path: file)
            } else {
                runbook = try DefaultRunbook.load()
            }
        } catch {
            for diagnostic in error.diagnostics {
                FileHandle.standardError.write(Data((TextSanitizer.line(diagnostic.description) + "\n").utf8))
            }
            throw ExitStatus.invalidInput
        }
        if json {
            var data = try RunbookJSON.encode(runbook)
            data.append(0x0A)
            FileHandle.standardOutput.write(data)
        } else {
            let summary = RunbookSummary(runbook: runbook, width: width ?? TerminalSize.columns() ?? 100)
            FileHandle.standardOutput.write(Data(summary.render().utf8))
        }
    }
}
