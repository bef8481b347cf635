/// Reads a whole journal without writing to it: for replay, status and report.
public enum JournalReader {
    /// What a read found.
    public struct Contents: Sendable {
        public var header: JournalHeader
        public var state: IncidentState
        /// Lines skipped, with their numbers.
        public var issues: [JournalIssue]
        /// Events read (including any after `until`).
        public var eventCount: Int
    }

    /// Reads only the header (line 1).
    public static func header(path: String) throws(JournalError) -> JournalHeader {
        let file = try JournalFile(path: path, access: .read)
        var scanner = JournalScanner()
        try file.read(from: 0, chunkSize: 64 * 1_024) { chunk in
            // Events of the first chunk are parsed and dropped; reading stops after line 1.
            scanner.feed(chunk) { _ in }
            return scanner.header == nil && scanner.headerProblem == nil
        }
        scanner.finish()
        return try checkedHeader(scanner, path: path)
    }

    /// Reads every event, folding those at or before `until` (all when nil) into the state.
    /// `onEvent` sees each of those events, in order.
    public static func read(path: String, until: Instant? = nil, onEvent: (Event) -> Void = { _ in }) throws(JournalError) -> Contents {
        let file = try JournalFile(path: path, access: .read)
        try file.lock(exclusive: false)
        defer { file.unlock() }
        var scanner = JournalScanner()
        var state = IncidentState()
        try file.read(from: 0) { chunk in
            scanner.feed(chunk) { event in
                if let until, event.at > until { return }
                state.apply(event)
                onEvent(event)
            }
            return true
        }
        scanner.finish()
        let header = try checkedHeader(scanner, path: path)
        if !state.retractions.isEmpty {
            // Retracted events were folded before their retraction was read: fold again
            // with them void (a second pass, so no event has to be held in memory).
            var again = IncidentState(voiding: Set(state.retractions.map(\.sequence)))
            var rescan = JournalScanner()
            try file.read(from: 0) { chunk in
                rescan.feed(chunk) { event in
                    if let until, event.at > until { return }
                    again.apply(event)
                }
                return true
            }
            state = again
        }
        return Contents(header: header, state: state, issues: scanner.issues, eventCount: scanner.events)
    }

    /// Checks `runbook` against a journal's header and events: a warning naming what differs
    /// when its SHA-256 changed, and an error for every event that no longer fits.
    public static func check(path: String, header: JournalHeader, runbook: Runbook, sha256: String) throws(JournalError) -> [String] {
        guard header.runbookSHA256 != sha256 else { return [] }
        let warning = RunbookFit.changeWarning(header: header, runbook: runbook, sha256: sha256)
        let file = try JournalFile(path: path, access: .read)
        var scanner = JournalScanner()
        var misfits: [String] = []
        try file.read(from: 0) { chunk in
            scanner.feed(chunk) { event in
                if let problem = RunbookFit.problem(event, runbook) { misfits.append("event \(event.sequence) (\(event.kind.typeName)): \(problem)") }
            }
            return true
        }
        guard misfits.isEmpty else {
            let shown = misfits.prefix(10).joined(separator: "; ") + (misfits.count > 10 ? "; and \(misfits.count - 10) more" : "")
            throw JournalError(.invalid, path: path, "\(warning). Events no longer fit it: \(shown)")
        }
        return [warning]
    }

    static func checkedHeader(_ scanner: JournalScanner, path: String) throws(JournalError) -> JournalHeader {
        if let problem = scanner.headerProblem { throw JournalError(.invalid, path: path, line: problem.line, problem.message) }
        guard let header = scanner.header else {
            if let torn = scanner.issues.first { throw JournalError(.invalid, path: path, line: torn.line, "expected the journal header; \(torn.message)") }
            throw JournalError(.invalid, path: path, line: 1, "the journal is empty; expected a header line ({\"journal\":\"warroom\",\"format\":1,…})")
        }
        return header
    }
}
