/// A live incident on a journal file: the engine, the state and the journal together.
///
/// `submit` takes the journal's lock, reads what other processes appended since the last
/// read, checks the command against that up-to-date state, appends the event with the next
/// sequence number, `fsync`s, and only then returns it as acknowledged. A failed `fsync`
/// stops the session: that command and every later one are refused.
///
/// A class because it owns the open journal; use it from one task at a time.
public final class IncidentSession {
    /// What became of a submitted command.
    public enum Outcome: Sendable {
        /// Written and synced: acknowledged.
        case accepted(Event)
        /// Refused by the engine; nothing was written.
        case refused(Refusal)
        /// The journal could not be written; the session may have stopped (see `fatal`).
        case failed(JournalError)
    }

    public let engine: Engine
    public let path: String
    public private(set) var header: JournalHeader
    public private(set) var state = IncidentState()
    /// Every event read so far, in sequence order (the console's timeline).
    public private(set) var events: [Event] = []
    /// Lines of the journal skipped so far (torn, garbage), with their numbers.
    public var issues: [JournalIssue] {
        guard let torn = tornOnOpen, !scanner.issues.contains(where: { $0.line == torn.line }) else { return scanner.issues }
        return (scanner.issues + [torn]).sorted { $0.line < $1.line }
    }
    /// A torn last line found on opening (it becomes a bad line of its own at the next append).
    private var tornOnOpen: JournalIssue?
    /// Warnings from opening (a runbook that changed since the journal was opened).
    public private(set) var warnings: [String] = []
    /// Set once an `fsync` failed: the session acknowledges nothing after it.
    public private(set) var fatal: JournalError?
    /// Where time comes from.
    public var clock: any Clock

    private let file: JournalFile
    private var scanner = JournalScanner()

    /// Opens (with `create`, creating when missing or empty) the journal at `path` for
    /// `runbook`, whose file is `runbookPath` with bytes `runbookBytes`.
    public init(journal path: String, runbook: Runbook, runbookPath: String, runbookBytes: [UInt8], operator: String,
                clock: any Clock, create: Bool = true, sync: @escaping JournalFile.Sync = JournalFile.defaultSync) throws(JournalError) {
        self.path = path
        self.engine = Engine(runbook: runbook)
        self.clock = clock
        let file = try JournalFile(path: path, create: create, sync: sync)
        self.file = file
        try file.lock(exclusive: true)
        defer { file.unlock() }
        let sha = SHA256.hex(runbookBytes)
        // A creator killed while writing the header leaves a file with no complete line:
        // nothing in it was ever acknowledged, so it starts again from an empty file.
        if create, try file.size() > 0, try !file.hasCompleteLine() {
            try file.truncate()
        }
        if try file.size() == 0 {
            guard create else { throw JournalError(.invalid, path: path, line: 1, "the journal is empty; expected a header line") }
            let now = clock.now()
            let fresh = JournalHeader(incident: JournalHeader.incidentID(at: now), runbook: runbook, path: runbookPath,
                                      bytes: runbookBytes, openedAt: now, openedBy: `operator`)
            try file.append(Array((fresh.line + "\n").utf8))
            if file.created { try file.syncDirectory() }
        }
        var state = IncidentState()
        var scanner = JournalScanner()
        var events: [Event] = []
        try file.read(from: 0) { chunk in
            scanner.feed(chunk) { event in
                state.apply(event, after: events)
                events.append(event)
            }
            return true
        }
        // We hold the exclusive lock, so no writer is mid-line: an unfinished last line is torn.
        if scanner.hasPartialLine {
            tornOnOpen = JournalIssue(line: scanner.lines + 1, message: "torn last line (no newline at the end: the write was cut short); skipped")
        }
        header = try JournalReader.checkedHeader(scanner, path: path)
        self.state = state
        self.events = events
        self.scanner = scanner
        warnings = try JournalReader.check(path: path, header: header, runbook: runbook, sha256: sha)
    }

    /// Checks `command` against the journal as it is now and, if it is accepted, appends and
    /// syncs its event before returning it.
    public func submit(_ command: Command, operator: String) -> Outcome {
        if let fatal {
            return .failed(JournalError(.syncFailed, path: path, "the session stopped after an earlier fsync failure (\(fatal.message)); nothing more is acknowledged. Reopen the journal once the disk is healthy"))
        }
        do throws(JournalError) {
            try file.lock(exclusive: true)
            defer { file.unlock() }
            try catchUp()
            let event: Event
            switch engine.decide(command, in: state, at: clock.now(), operator: `operator`) {
            case .success(let decided): event = decided
            case .failure(let refusal): return .refused(refusal)
            }
            let written = try file.append(Array((EventJSON.line(event) + "\n").utf8), endsMidLine: scanner.hasPartialLine)
            // We hold the lock and had read to the end: what we wrote is what follows.
            written.withUnsafeBufferPointer { buffer in
                scanner.feed(buffer) { event in
                    state.apply(event, after: events)
                    events.append(event)
                }
            }
            return .accepted(event)
        } catch {
            if error.kind == .syncFailed { fatal = error }
            return .failed(error)
        }
    }

    /// Reads events other processes appended since the last read; returns them.
    @discardableResult
    public func refresh() throws(JournalError) -> [Event] {
        // The common case when polling: nothing was appended. One fstat, no lock, no read.
        if try file.size() == scanner.fed { return [] }
        try file.lock(exclusive: false)
        defer { file.unlock() }
        return try catchUp()
    }

    /// The status at the clock's instant.
    public func status() -> Status { Status(runbook: engine.runbook, state: state, at: clock.now()) }

    @discardableResult
    private func catchUp() throws(JournalError) -> [Event] {
        var fresh: [Event] = []
        var state = self.state
        var scanner = self.scanner
        try file.read(from: scanner.fed) { chunk in
            scanner.feed(chunk) { event in
                state.apply(event, after: self.events + fresh)
                fresh.append(event)
            }
            return true
        }
        self.state = state
        self.scanner = scanner
        events += fresh
        return fresh
    }
}
