/// Finds and loads the runbook a command names, or the embedded default, keeping the bytes
/// (for the journal header's SHA-256) and the path as journals record it.
public struct RunbookSource: Sendable {
    public var runbook: Runbook
    public var bytes: [UInt8]
    /// The path as given, or `<embedded>/…` for the embedded runbook.
    public var path: String

    /// The prefix journal headers use for the embedded runbook.
    public static let embeddedPrefix = "<embedded>/"

    /// Loads `path`, or the embedded runbook when it is nil or names the embedded one.
    public static func load(path: String?) throws(LoadFailure) -> RunbookSource {
        guard let path, !path.hasPrefix(embeddedPrefix) else {
            return RunbookSource(runbook: try DefaultRunbook.load(), bytes: DefaultRunbook.bytes, path: embeddedPrefix + DefaultRunbook.fileName)
        }
        let bytes = try RunbookLoader.readBytes(path: path)
        return RunbookSource(runbook: try RunbookLoader.load(bytes: bytes, file: path), bytes: bytes, path: path)
    }

    /// The runbook a journal header names: `override` when given; else the header's path as
    /// it is, then relative to the journal's folder, then the embedded one for `<embedded>/…`.
    public static func forJournal(header: JournalHeader, journalPath: String, override: String?,
                                  exists: (String) -> Bool) throws(LoadFailure) -> RunbookSource {
        try load(path: resolve(header: header, journalPath: journalPath, override: override, exists: exists))
    }

    /// The path `forJournal` loads the runbook from, `<embedded>/…` for the embedded one.
    public static func resolve(header: JournalHeader, journalPath: String, override: String?,
                               exists: (String) -> Bool) throws(LoadFailure) -> String {
        if let override { return override.hasPrefix(embeddedPrefix) ? embeddedPrefix + DefaultRunbook.fileName : override }
        let recorded = header.runbookPath
        if recorded.hasPrefix(embeddedPrefix) { return embeddedPrefix + DefaultRunbook.fileName }
        if exists(recorded) { return recorded }
        if !recorded.hasPrefix("/") {
            let beside = JournalFile.directory(of: journalPath) + "/" + recorded
            if exists(beside) { return beside }
        }
        throw LoadFailure([Diagnostic(file: journalPath, mark: SourceMark(line: 1, column: 1),
                                      message: "cannot find the journal's runbook '\(recorded)' (as given, or beside the journal); pass --runbook FILE")])
    }
}
