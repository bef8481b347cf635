import Foundation

/// A finished import: the runbook, its YAML text and the report.
public struct ImportResult: Sendable {
    public var runbook: Runbook
    public var yaml: String
    public var report: ImportReport
}

/// The whole import of one document: read, recognise, write YAML and, when asked, load the
/// YAML back with `RunbookLoader` so that nothing invalid is handed out. (The tests load
/// every imported runbook back; `verify` makes the command do it too, at the loader's cost.)
public enum RunbookImport {
    /// Imports the document at `path`.
    public static func run(path: String, verify: Bool = false) throws(ImportFailure) -> ImportResult {
        try run(ImportDocument.read(path: path), verify: verify)
    }

    /// Imports a document already read.
    public static func run(_ document: ImportDocument, verify: Bool = false) throws(ImportFailure) -> ImportResult {
        let (runbook, report) = try RunbookImporter.run(document)
        let yaml = RunbookYAMLWriter.yaml(runbook, importedFrom: (document.name as NSString).lastPathComponent)
        guard yaml.utf8.count <= RunbookLoader.maximumFileSize else {
            throw ImportFailure(message: "\(document.name): the runbook would be \(yaml.utf8.count / 1_048_576) MiB of YAML, more than the \(RunbookLoader.maximumFileSize / 1_048_576) MiB a runbook may be; split the document")
        }
        guard verify else { return ImportResult(runbook: runbook, yaml: yaml, report: report) }
        let check = RunbookLoader.loadReporting(bytes: Array(yaml.utf8), file: "<imported>")
        let errors = check.diagnostics.filter { $0.severity == .error }
        guard check.runbook != nil, errors.isEmpty else {
            let first = errors.prefix(5).map(\.description).joined(separator: "\n")
            throw ImportFailure(message: "\(document.name): the imported runbook does not validate (an importer bug; please report it):\n\(first)")
        }
        return ImportResult(runbook: runbook, yaml: yaml, report: report)
    }
}
