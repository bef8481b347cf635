import ArgumentParser
import Foundation
import WarRoomEngine

/// Reading a journal and its runbook for the read-only subcommands (replay, status, report),
/// reporting problems on standard error and mapping bad input to exit status 2.
enum JournalInput {
    /// A journal read to the end (or to `until`), with the runbook it names.
    struct Loaded {
        var contents: JournalReader.Contents
        var source: RunbookSource
    }

    /// Writes one line to standard error, sanitised.
    static func warn(_ text: String) {
        FileHandle.standardError.write(Data((TextSanitizer.line(text) + "\n").utf8))
    }

    /// Loads the runbook named by the journal's header (or `runbook`), checks it against the
    /// journal, and folds the events up to `until` (`until(header, state)` may depend on the header).
    /// With `statusLineAt` (and no `until`, no `onEvent`) only the lines after the journal's
    /// status-line checkpoint are folded, and the state is good only for the status line at
    /// that instant (`JournalReader.readForStatusLine`).
    static func load(journal path: String, runbook: String?, until: ((JournalHeader) throws -> Instant?)? = nil,
                     statusLineAt: Instant? = nil, onEvent: (Event) -> Void = { _ in }) throws -> Loaded {
        do {
            let header = try JournalReader.header(path: path)
            let source: RunbookSource
            do {
                source = try RunbookSource.forJournal(header: header, journalPath: path, override: runbook) { FileManager.default.fileExists(atPath: $0) }
            } catch {
                for diagnostic in error.diagnostics { warn(diagnostic.description) }
                throw ExitStatus.invalidInput
            }
            for warning in try JournalReader.check(path: path, header: header, runbook: source.runbook, sha256: SHA256.hex(source.bytes)) {
                warn("\(path):1: warning: \(warning)")
            }
            let instant = try until?(header)
            let contents: JournalReader.Contents
            if let now = statusLineAt, instant == nil {
                contents = try JournalReader.readForStatusLine(path: path, at: now)
            } else {
                contents = try JournalReader.read(path: path, until: instant, onEvent: onEvent)
            }
            for issue in contents.issues { warn("\(path):\(issue.line): warning: \(issue.message)") }
            return Loaded(contents: contents, source: source)
        } catch let error as JournalError {
            warn(error.description)
            throw error.isBadInput ? ExitStatus.invalidInput : ExitCode.failure
        }
    }

    /// Parses `--at`: a UTC timestamp, or `+DURATION` after the declaration (or the opening).
    static func instant(_ text: String, declaredAt: Instant?, openedAt: Instant) throws -> Instant {
        if text.hasPrefix("+") {
            switch DurationText.parseLength(String(text.dropFirst())) {
            case .success(let seconds): return (declaredAt ?? openedAt).adding(seconds: seconds)
            case .failure(let error):
                warn("--at: \(error.message)")
                throw ExitStatus.invalidInput
            }
        }
        guard let instant = Instant(iso8601: text) else {
            warn("--at: expected a UTC timestamp such as 2026-11-24T09:30:00Z or +DURATION such as +25m; found '\(text)'")
            throw ExitStatus.invalidInput
        }
        return instant
    }
}
