import ArgumentParser
import Foundation
import WarRoomEngine

/// `warroom validate [FILE...]`: check runbooks, reporting every error like a compiler.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check runbook files; print every error as file:line:col: error: message.",
        discussion: "Exits 0 when every file is valid and 2 otherwise. With no FILE, checks the embedded default runbook."
    )

    @Argument(help: "Runbook files (YAML).")
    var files: [String] = []

    @Flag(name: .shortAndLong, help: "Print nothing for valid files.")
    var quiet = false

    func run() throws {
        var failed = false
        let inputs: [(name: String, bytes: () throws(LoadFailure) -> [UInt8])] = files.isEmpty
            ? [("<embedded>/" + DefaultRunbook.fileName, { DefaultRunbook.bytes })]
            : files.map { path in (path, { () throws(LoadFailure) -> [UInt8] in try RunbookLoader.readBytes(path: path) }) }
        for input in inputs {
            let diagnostics: [Diagnostic]
            var runbook: Runbook?
            do {
                let result = RunbookLoader.loadReporting(bytes: try input.bytes(), file: input.name)
                diagnostics = result.diagnostics
                runbook = result.runbook
            } catch {
                diagnostics = error.diagnostics
            }
            for diagnostic in diagnostics {
                FileHandle.standardError.write(Data((TextSanitizer.line(diagnostic.description) + "\n").utf8))
            }
            if let runbook {
                if !quiet {
                    let steps = runbook.procedures.reduce(0) { $0 + $1.steps.count }
                    print("\(TextSanitizer.line(input.name)): ok (\(runbook.procedures.count) procedures, \(steps) steps, \(runbook.triggers.count) triggers, \(runbook.decisionTrees.count) trees, \(runbook.contacts.count) contacts)")
                }
            } else {
                failed = true
            }
        }
        if failed { throw ExitStatus.invalidInput }
    }
}
