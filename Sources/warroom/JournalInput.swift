import ArgumentParser
import Foundation
import WarRoomEngine
import WarRoomPostgres

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

    /// Loads the runbook named by the journal's header (or `runbook`) from a journal file or an
    /// incident in PostgreSQL (`JournalLocation`), checks it against the journal, and folds the events up to `until`
    /// (`until(header, state)` may depend on the header).
    /// With `statusLineAt` (and no `until`, no `onEvent`) only the lines after the journal's
    /// status-line checkpoint are folded, and the state is good only for the status line at
    /// that instant (`JournalReader.readForStatusLine`).
    /// When `lineSink(source)` gives a sink (asked once the runbook is loaded, before the fold;
    /// a journal file only), each event also goes to it with its line in the journal.
    static func load(journal path: String, runbook: String?, until: ((JournalHeader) throws -> Instant?)? = nil,
                     statusLineAt: Instant? = nil, onEvent: (Event) -> Void = { _ in },
                     lineSink: (RunbookSource) -> ((Event, Range<Int>) -> Void)? = { _ in nil }) throws -> Loaded {
        guard let location = try JournalLocation.parse(path) else {
            warn("warroom: expected a journal: a file, or an incident in PostgreSQL (postgres://…?incident=INC-…)")
            throw ExitStatus.invalidInput
        }
        let shown = location.description
        do {
            let header = try location.header()
            let source: RunbookSource
            do {
                source = try RunbookSource.forJournal(header: header, journalPath: location.url == nil ? path : "./", override: runbook) { FileManager.default.fileExists(atPath: $0) }
            } catch {
                for diagnostic in error.diagnostics { warn(diagnostic.description) }
                throw ExitStatus.invalidInput
            }
            let contents: JournalReader.Contents
            if let store = location.reader() {
                let instant = try until?(header)
                contents = try JournalReader.read(store: store, until: instant, onEvent: onEvent)
                let sha = SHA256.hex(source.bytes)
                if header.runbookSHA256 != sha {
                    let every = try location.reader().map { reader throws(JournalError) in try reader.read(after: 0) } ?? []
                    for warning in try RunbookFit.check(location: shown, header: header, runbook: source.runbook, sha256: sha, events: every) {
                        warn("\(shown):1: warning: \(warning)")
                    }
                }
            } else {
                for warning in try JournalReader.check(path: path, header: header, runbook: source.runbook, sha256: SHA256.hex(source.bytes)) {
                    warn("\(path):1: warning: \(warning)")
                }
                let instant = try until?(header)
                if let now = statusLineAt, instant == nil {
                    contents = try JournalReader.readForStatusLine(path: path, at: now)
                } else if let onEventLine = lineSink(source) {
                    contents = try JournalReader.read(path: path, until: instant, scanningAhead: true) { event, line in
                        onEvent(event)
                        onEventLine(event, line)
                    }
                } else {
                    contents = try JournalReader.read(path: path, until: instant, onEvent: onEvent)
                }
            }
            for issue in contents.issues { warn("\(shown):\(issue.line): warning: \(issue.message)") }
            return Loaded(contents: contents, source: source)
        } catch let error as JournalError {
            warn(error.description)
            throw error.isBadInput ? ExitStatus.invalidInput : ExitCode.failure
        }
    }

    /// Reads the first `limit` events of the journal again, in order (the report's event log).
    static func events(journal path: String, limit: Int, onEvent: (Event) -> Void) throws(JournalError) {
        if PostgresURL.isURL(path) || !FileManager.default.fileExists(atPath: path), let location = try? JournalLocation.parse(path),
           let store = location.reader() {
            var seen = 0
            _ = try JournalReader.read(store: store) { event in
                guard seen < limit else { return }
                seen += 1
                onEvent(event)
            }
            return
        }
        try JournalReader.events(path: path, limit: limit, onEvent: onEvent)
    }

    /// The whole journal folded, from a file or PostgreSQL, with no warnings printed.
    static func fold(journal path: String) throws -> JournalReader.Contents {
        if let location = try? JournalLocation.parse(path), let store = location.reader() { return try JournalReader.read(store: store) }
        return try JournalReader.read(path: path, until: nil)
    }

    /// A journal argument as messages show it: a URL's password is never printed.
    static func shown(_ journal: String) -> String {
        PostgresURL.isURL(journal) || JournalLocation.looksLikeURL(journal) ? PostgresURL.redacting(journal) : journal
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
