import ArgumentParser
import Foundation
import WarRoomEngine

extension JournalInput {
    /// What the status line at `now` is derived from: the runbook and the journal's state, the
    /// state good only for the status line (`JournalReader.readForStatusLine`). For a journal
    /// file whose runbook is the one its header records and is cached beside it as it is now
    /// (`StatusRunbookCache`), the runbook is the cached `StatusRunbook`, not loaded: only
    /// `StatusLine` may read it. Anything else (PostgreSQL, a runbook changed or not found,
    /// no cache) goes through `load`, with its errors and warnings, and caches the runbook
    /// for the next time.
    static func loadForStatusLine(journal path: String, runbook override: String?, at now: Instant) throws -> (runbook: Runbook, contents: JournalReader.Contents) {
        guard let location = try? JournalLocation.parse(path), location.url == nil,
              let header = try? JournalReader.header(path: path),
              let runbookPath = try? RunbookSource.resolve(header: header, journalPath: path, override: override, exists: { FileManager.default.fileExists(atPath: $0) })
        else {
            let loaded = try load(journal: path, runbook: override, statusLineAt: now)
            return (loaded.source.runbook, loaded.contents)
        }
        if let cached = StatusRunbookCache.load(journal: path, runbookPath: runbookPath, sha256: header.runbookSHA256) {
            do {
                let contents = try JournalReader.readForStatusLine(path: path, at: now)
                for issue in contents.issues { warn("\(path):\(issue.line): warning: \(issue.message)") }
                return (cached.runbook, contents)
            } catch {
                warn(error.description)
                throw error.isBadInput ? ExitStatus.invalidInput : ExitCode.failure
            }
        }
        let loaded = try load(journal: path, runbook: override, statusLineAt: now)
        let sha = SHA256.hex(loaded.source.bytes)
        if sha == header.runbookSHA256, loaded.source.path == runbookPath {
            StatusRunbookCache.store(loaded.source.runbook, journal: path, runbookPath: runbookPath, sha256: sha)
        }
        return (loaded.source.runbook, loaded.contents)
    }
}
