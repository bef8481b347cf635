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
        try header(of: JournalFile(path: path, access: .read))
    }

    /// Reads only the header of the open `file`.
    static func header(of file: JournalFile) throws(JournalError) -> JournalHeader {
        var scanner = JournalScanner()
        try file.read(from: 0, chunkSize: 64 * 1_024) { chunk in
            // Only line 1 is fed; reading stops after it.
            let end = chunk.firstIndex(of: JournalLine.terminator).map { $0 + 1 } ?? chunk.count
            scanner.feed(UnsafeBufferPointer(rebasing: chunk[..<end])) { _ in }
            return scanner.header == nil && scanner.headerProblem == nil
        }
        scanner.finish()
        return try checkedHeader(scanner, path: file.path)
    }

    /// Reads every event, folding those at or before `until` (all when nil) into the state.
    /// `onEvent` sees each of those events, in order.
    public static func read(path: String, until: Instant? = nil, onEvent: (Event) -> Void = { _ in }) throws(JournalError) -> Contents {
        try read(path: path, until: until) { event, _ in onEvent(event) }
    }

    /// `read(path:until:onEvent:)`, with each event's line in the journal (its bytes with the
    /// newline, counted from the journal's start). With `scanningAhead`, a long journal is read
    /// and decoded on a second thread while this one folds (`ScanAhead`): worth it when the
    /// caller does much with each event (the report hands it to its row renderer), not for a
    /// fold alone, which is about as fast as the decoding and would only spend more CPU.
    public static func read(path: String, until: Instant? = nil, scanningAhead: Bool = false,
                            onEventLine: (Event, Range<Int>) -> Void) throws(JournalError) -> Contents {
        let file = try JournalFile(path: path, access: .read)
        try file.lock(exclusive: false)
        defer { file.unlock() }
        var (scanner, state) = try foldAll(file, until: until, scanningAhead: scanningAhead, onEvent: onEventLine)
        scanner.finish()
        let header = try checkedHeader(scanner, path: path)
        return Contents(header: header, state: state, issues: scanner.issues, eventCount: scanner.events)
    }

    /// Folds every event of `file` at or before `until`, with retracted events void; returns
    /// the scanner at the end of the last complete line (not finished) and the state.
    private static func foldAll(_ file: JournalFile, until: Instant? = nil, scanningAhead: Bool = false,
                                onEvent: (Event, Range<Int>) -> Void = { _, _ in }) throws(JournalError) -> (JournalScanner, IncidentState) {
        var state = IncidentState()
        let scanner = try scan(file, ahead: scanningAhead) { event, line in
            if let until, event.at > until { return }
            state.apply(event)
            onEvent(event, line)
        }
        if !state.retractions.isEmpty {
            // Retracted events were folded before their retraction was read: fold again
            // with them void (a second pass, so no event has to be held in memory).
            var again = IncidentState(voiding: Set(state.retractions.map(\.sequence)))
            _ = try scan(file, ahead: scanningAhead) { event, _ in
                if let until, event.at > until { return }
                again.apply(event)
            }
            state = again
        }
        return (scanner, state)
    }

    /// Scans `file` from its start (`ahead`: on a second thread when it is long, `ScanAhead`),
    /// giving each event and its line to `onEvent` in order; returns the scanner at the end.
    private static func scan(_ file: JournalFile, ahead: Bool, onEvent: (Event, Range<Int>) -> Void) throws(JournalError) -> JournalScanner {
        if ahead, let scanner = try ScanAhead.scan(file, onEvent: onEvent) { return scanner }
        var scanner = JournalScanner()
        try file.read(from: 0) { chunk in
            scanner.feed(chunk, onEvent: onEvent)
            return true
        }
        return scanner
    }

    /// The state at the journal's end, folding only the lines after a checkpoint that matches
    /// the journal (`JournalCheckpoint`), or the whole journal when none does; after folding
    /// `JournalCheckpoint.refreshAfter` events or more it writes a fresh checkpoint (when the
    /// folder allows). The answer is the same as `read(path:)`'s.
    /// `checkpoint` is the checkpoint's path (default: beside the journal).
    public static func readLatest(path: String, checkpoint: String? = nil,
                                  refreshAfter: Int = JournalCheckpoint.refreshAfter) throws(JournalError) -> Contents {
        let file = try JournalFile(path: path, access: .read)
        try file.lock(exclusive: false)
        defer { file.unlock() }
        return finished(try latest(file, checkpointPath: checkpoint ?? JournalCheckpoint.path(forJournal: path), refreshAfter: refreshAfter))
    }

    /// What the status line at `now` needs: the state folded from the journal's status-line
    /// checkpoint (`JournalCheckpoint.Kind.statusLine`, a `StatusLineState`) and the lines
    /// after it, when one matches the journal and covers `now`; else `readLatest`'s answer.
    /// Either way `Status(runbook:state:at: now)` of the state renders the `StatusLine` of the
    /// full fold, but only that: the state may be a compacted one. After folding
    /// `refreshAfter` events or more it writes a fresh status-line checkpoint (when the folder
    /// allows). `checkpoint` and `fullCheckpoint` are the two checkpoints' paths (default:
    /// beside the journal).
    public static func readForStatusLine(path: String, at now: Instant, checkpoint: String? = nil, fullCheckpoint: String? = nil,
                                         refreshAfter: Int = JournalCheckpoint.statusLineRefreshAfter,
                                         fullRefreshAfter: Int = JournalCheckpoint.refreshAfter) throws(JournalError) -> Contents {
        let checkpointPath = checkpoint ?? JournalCheckpoint.Kind.statusLine.path(forJournal: path)
        let file = try JournalFile(path: path, access: .read)
        try file.lock(exclusive: false)
        defer { file.unlock() }
        let found = JournalCheckpoint.load(path: checkpointPath, for: file, kind: .statusLine)
        if let found, found.covers(now), let folded = try foldTail(file, from: found) {
            if folded.scanner.events - found.events >= refreshAfter {
                writeStatusLine(file, folded, validFrom: found.validFrom, to: checkpointPath)
            }
            return finished(folded)
        }
        let folded = try latest(file, checkpointPath: fullCheckpoint ?? JournalCheckpoint.path(forJournal: path), refreshAfter: fullRefreshAfter)
        // A checkpoint that matches but does not cover `now` (a clock behind the journal's) is
        // left as it is: a fresh one would not cover it either.
        if folded.scanner.events >= refreshAfter, found.map({ $0.covers(now) }) ?? true {
            writeStatusLine(file, folded, validFrom: nil, to: checkpointPath)
        }
        return finished(folded)
    }

    /// A fold that stopped at the end of the last complete line: the scanner (not finished),
    /// the state and the header.
    private typealias Folded = (scanner: JournalScanner, state: IncidentState, header: JournalHeader)

    /// The contents of `folded`, its scanner finished.
    private static func finished(_ folded: Folded) -> Contents {
        var scanner = folded.scanner
        scanner.finish()
        return Contents(header: folded.header, state: folded.state, issues: scanner.issues, eventCount: scanner.events)
    }

    /// `readLatest` on the open `file`.
    private static func latest(_ file: JournalFile, checkpointPath: String, refreshAfter: Int) throws(JournalError) -> Folded {
        if let found = JournalCheckpoint.load(path: checkpointPath, for: file), let folded = try foldTail(file, from: found) {
            if folded.scanner.events - found.events >= refreshAfter {
                JournalCheckpoint.make(file: file, scanner: folded.scanner, state: folded.state)?.write(to: checkpointPath)
            }
            return folded
        }
        let (scanner, state) = try foldAll(file)
        let header = try checkedHeader(scanner, path: file.path)
        if scanner.events >= refreshAfter {
            JournalCheckpoint.make(file: file, scanner: scanner, state: state)?.write(to: checkpointPath)
        }
        return (scanner, state, header)
    }

    /// Writes the status-line checkpoint of `folded` (its state compacted) to `path`.
    private static func writeStatusLine(_ file: JournalFile, _ folded: Folded, validFrom: Instant?, to path: String) {
        let compact = StatusLineState(compacting: folded.state, validFrom: validFrom)
        JournalCheckpoint.make(file: file, scanner: folded.scanner, state: compact.state, kind: .statusLine, validFrom: compact.validFrom)?
            .write(to: path)
    }

    /// Folds the lines after `checkpoint`; nil when an event there needs the history the
    /// checkpoint folded away (the caller then folds the whole journal).
    private static func foldTail(_ file: JournalFile, from checkpoint: JournalCheckpoint) throws(JournalError) -> Folded? {
        let header = try Self.header(of: file)
        var scanner = checkpoint.resumedScanner(header: header)
        var state = checkpoint.state
        var needsHistory = false
        try file.read(from: checkpoint.end) { chunk in
            scanner.feed(chunk) { event in
                if JournalCheckpoint.needsHistory(event) { needsHistory = true }
                state.apply(event)
            }
            return !needsHistory
        }
        guard !needsHistory else { return nil }
        return (scanner, state, header)
    }

    /// Checks `runbook` against a journal's header and events: a warning naming what differs
    /// when its SHA-256 changed, and an error for every event that no longer fits.
    public static func check(path: String, header: JournalHeader, runbook: Runbook, sha256: String) throws(JournalError) -> [String] {
        guard header.runbookSHA256 != sha256 else { return [] }
        let file = try JournalFile(path: path, access: .read)
        var scanner = JournalScanner()
        var fit = RunbookFit.Check(header: header, runbook: runbook, sha256: sha256)
        try file.read(from: 0) { chunk in
            scanner.feed(chunk) { fit.add($0) }
            return true
        }
        return try fit.finish(location: path)
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
