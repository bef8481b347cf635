import ArgumentParser
import Foundation
import WarRoomEngine

extension JournalInput {
    /// What the status line at `now` is derived from: the runbook and the journal's state, the
    /// state good only for the status line (`JournalReader.readForStatusLine`). For a journal
    /// file whose runbook is the one its header records and is cached beside it as it is now
    /// (`StatusRunbookCache`), the runbook is the cached `StatusRunbook`, not loaded: only
    /// `StatusLine` may read it. The journal is read first (its header once) and the runbook
    /// found from the header read; a journal that cannot be read, and PostgreSQL, go through
    /// `load`, which reports what is wrong as every command does. A runbook not cached is
    /// loaded, checked and warned about as `load` does, and cached for the next time.
    static func loadForStatusLine(journal path: String, runbook override: String?, at now: Instant) throws -> (runbook: Runbook, contents: JournalReader.Contents) {
        guard let location = try? JournalLocation.parse(path), location.url == nil,
              let contents = try? JournalReader.readForStatusLine(path: path, at: now) else {
            let loaded = try load(journal: path, runbook: override, statusLineAt: now)
            return (loaded.source.runbook, loaded.contents)
        }
        let header = contents.header
        let exists = { (candidate: String) in access(candidate, F_OK) == 0 }
        let runbook: Runbook
        if let runbookPath = try? RunbookSource.resolve(header: header, journalPath: path, override: override, exists: exists),
           let cached = StatusRunbookCache.load(journal: path, runbookPath: runbookPath, sha256: header.runbookSHA256) {
            runbook = cached.runbook
        } else {
            let source: RunbookSource
            do {
                source = try RunbookSource.forJournal(header: header, journalPath: path, override: override, exists: exists)
            } catch {
                for diagnostic in error.diagnostics { warn(diagnostic.description) }
                throw ExitStatus.invalidInput
            }
            let sha = SHA256.hex(source.bytes)
            do {
                for warning in try JournalReader.check(path: path, header: header, runbook: source.runbook, sha256: sha) {
                    warn("\(path):1: warning: \(warning)")
                }
            } catch {
                warn(error.description)
                throw error.isBadInput ? ExitStatus.invalidInput : ExitCode.failure
            }
            if sha == header.runbookSHA256 {
                StatusRunbookCache.store(source.runbook, journal: path, runbookPath: source.path, sha256: sha)
            }
            runbook = source.runbook
        }
        for issue in contents.issues { warn("\(path):\(issue.line): warning: \(issue.message)") }
        return (runbook, contents)
    }
}
