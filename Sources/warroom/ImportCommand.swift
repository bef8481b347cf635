import ArgumentParser
import Foundation
import WarRoomEngine

/// `warroom import DOC [-o FILE] [--report FILE]`: turn a Markdown or text runbook into the
/// YAML runbook format, with a report of what was placed and what was not.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn a Markdown or text runbook into a structured YAML runbook.",
        discussion: """
            Writes the runbook to FILE (only if the import succeeded; a regular file is replaced
            atomically, a device or pipe such as /dev/null written directly) or to standard
            output, and the report of what was placed and what was not to standard
            error or --report FILE. Exits 2 when the document cannot be imported: not text,
            empty, larger than 32 MiB, or without any recognisable runbook structure; a document
            that was read but refused still gets its report (to --report FILE or standard error).
            """
    )

    @Argument(help: "The Markdown or text document to import.")
    var document: String

    @Option(name: .shortAndLong, help: "Write the runbook here instead of standard output.")
    var output: String?

    @Option(name: .long, help: "Write the import report here instead of standard error.")
    var report: String?

    @Flag(name: .long, help: "Load the written runbook back with the validator before writing it (slower on large documents).")
    var verify = false

    func run() throws {
        let result: ImportResult
        do {
            result = try RunbookImport.run(path: document, verify: verify)
        } catch {
            // A document read but refused still gets its report: what was found, and why it made no runbook.
            var message = error.message
            if let refused = error.report {
                if let report {
                    do {
                        try OutputFile.write(Data(refused.text.utf8), to: report)
                        message += "; the report of what was found is in \(report)"
                    } catch {
                        message += "; the report could not be written to \(report): \(error.localizedDescription)"
                    }
                } else {
                    FileHandle.standardError.write(Data(refused.text.utf8))
                    message += "; the report of what was found is above, on standard error (--report FILE writes it to a file)"
                }
            }
            FileHandle.standardError.write(Data(("error: " + TextSanitizer.line(message) + "\n").utf8))
            throw ExitStatus.invalidInput
        }
        if let output {
            do {
                try OutputFile.write(Data(result.yaml.utf8), to: output)
            } catch {
                FileHandle.standardError.write(Data("error: cannot write \(TextSanitizer.line(output)): \(error.localizedDescription)\n".utf8))
                throw ExitCode.failure
            }
        } else {
            FileHandle.standardOutput.write(Data(result.yaml.utf8))
        }
        if let report {
            do {
                try OutputFile.write(Data(result.report.text.utf8), to: report)
            } catch {
                FileHandle.standardError.write(Data("error: cannot write \(TextSanitizer.line(report)): \(error.localizedDescription)\n".utf8))
                throw ExitCode.failure
            }
        } else {
            FileHandle.standardError.write(Data(result.report.text.utf8))
        }
    }
}
