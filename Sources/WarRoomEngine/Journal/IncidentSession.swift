/// A live incident on a journal file: the engine, the state and the journal together.
///
/// `submit` takes the journal's lock, reads what other processes appended since the last
/// read, checks the command against that up-to-date state, appends the event with the next
/// sequence number by the append rule of `JournalLine` (`JournalFile.append`), `fsync`s, and
/// only then returns it as acknowledged. A fault of the journal (it vanished or was replaced,
/// fsync or a write failed, the disk is full) is kept in `fault`; all but a full disk make the
/// session read-only: that command and every later one are refused.
///
/// A class because it owns the open journal; use it from one task at a time.
public final class IncidentSession {
    /// What became of a submitted command.
    public enum Outcome: Sendable {
        /// Written and synced: acknowledged.
        case accepted(Event)
        /// Refused by the engine (or too long for a journal line); nothing was written.
        case refused(Refusal)
        /// The journal could not be written; nothing of the command is in it (see `fault`).
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
        guard let torn = tornOnOpen else { return scanner.issues }
        return (scanner.issues + [torn]).sorted { $0.line < $1.line }
    }
    /// A torn last line found on opening (removed by this session's first append).
    private var tornOnOpen: JournalIssue?
    /// Warnings from opening (a runbook that changed since the journal was opened).
    public private(set) var warnings: [String] = []
    /// The journal's fault, once one happened (cleared by the next success for a full disk).
    public private(set) var fault: JournalFault?
    /// The error that made the session read-only, if one did.
    public var fatal: JournalError? { fault.flatMap { $0.readOnly ? $0.error : nil } }
    /// Where time comes from.
    public var clock: any Clock

    private let file: JournalFile
    private var scanner = JournalScanner()
    /// Bytes after the last complete line at the last read: a torn tail.
    private var tornTail = 0
    /// Events read when this session opened or last wrote the journal's checkpoint.
    private var eventsAtCheckpoint = 0

    /// Opens (with `create`, creating when missing or empty) the journal at `path` for
    /// `runbook`, whose file is `runbookPath` with bytes `runbookBytes`.
    public init(journal path: String, runbook: Runbook, runbookPath: String, runbookBytes: [UInt8], operator: String,
                clock: any Clock, create: Bool = true, sync: @escaping JournalFile.Sync = JournalFile.defaultSync) throws(JournalError) {
        self.path = path
        self.engine = Engine(runbook: runbook)
        self.clock = clock
        let file = try JournalFile(path: path, access: .write(create: create), sync: sync)
        self.file = file
        try file.lock(exclusive: true)
        defer { file.unlock() }
        let sha = SHA256.hex(runbookBytes)
        // An empty file, or one whose creator was killed while writing the header (no
        // complete line, so nothing in it was ever acknowledged), gets a fresh header.
        if create, try !file.hasCompleteLine() {
            let now = clock.now()
            let fresh = JournalHeader(incident: JournalHeader.incidentID(at: now), runbook: runbook, path: runbookPath,
                                      bytes: runbookBytes, openedAt: now, openedBy: `operator`)
            try file.append(Array((fresh.line + "\n").utf8), after: 0)
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
        var ended = scanner
        ended.finish()
        header = try JournalReader.checkedHeader(ended, path: path)
        // We hold the exclusive lock, so no writer is mid-line: an unfinished last line is torn.
        tornTail = scanner.endRead()
        if tornTail > 0 {
            tornOnOpen = JournalScanner.tornTail(line: scanner.lines + 1, bytes: tornTail, then: "skipped, and removed before the next append")
        }
        self.state = state
        self.events = events
        self.scanner = scanner
        warnings = try JournalReader.check(path: path, header: header, runbook: runbook, sha256: sha)
        // Not on opening (that would delay the first frame): after the next refreshAfter events.
        eventsAtCheckpoint = scanner.events
    }

    /// Writes the journal's checkpoint (`JournalCheckpoint`) once this session has read
    /// `JournalCheckpoint.refreshAfter` events since it last did, so other readers fold only
    /// what came after. Called with no lock held and the scanner at a complete line.
    private func writeCheckpointIfDue() {
        guard fatal == nil, tornTail == 0, scanner.events - eventsAtCheckpoint >= JournalCheckpoint.refreshAfter else { return }
        eventsAtCheckpoint = scanner.events
        JournalCheckpoint.make(file: file, scanner: scanner, state: state)?.write(to: JournalCheckpoint.path(forJournal: path))
    }

    /// Checks `command` against the journal as it is now and, if it is accepted, appends and
    /// syncs its event before returning it.
    public func submit(_ command: Command, operator: String) -> Outcome {
        if let fault, fault.readOnly {
            return .failed(JournalError(fault.error.kind, path: path, "this session is read-only: \(fault.error.message). \(fault.advice)"))
        }
        do throws(JournalError) {
            try file.lock(exclusive: true)
            defer { file.unlock() }
            try catchUp()
            let now: Instant
            switch journalTime() {
            case .success(let instant): now = instant
            case .failure(let refusal): return .refused(refusal)
            }
            let event: Event
            switch engine.decide(command, in: state, at: now, operator: `operator`) {
            case .success(let decided): event = decided
            case .failure(let refusal): return .refused(refusal)
            }
            let line: [UInt8]
            switch JournalLine.encode(event) {
            case .success(let bytes): line = bytes
            case .failure(let refusal): return .refused(refusal)
            }
            try file.append(line, after: scanner.consumed)
            tornTail = 0
            // We hold the lock and had read to the end: what we wrote is what follows.
            line.withUnsafeBufferPointer { buffer in
                scanner.feed(buffer) { event in
                    state.apply(event, after: events)
                    events.append(event)
                }
            }
            if fault != nil { fault = nil }
            file.unlock()
            writeCheckpointIfDue()
            return .accepted(event)
        } catch {
            note(error)
            return .failed(error)
        }
    }

    /// The instant a new event is stamped with: event times never go backwards. A real clock
    /// behind the journal's last event (stepped back, or another writer's clock ahead) stamps
    /// the last event's instant; a virtual clock set before it is refused, since a drill or a
    /// transcription that goes back in time is a mistake in its script.
    private func journalTime() -> Result<Instant, Refusal> {
        let now = clock.now()
        guard let last = events.last, now < last.at else { return .success(now) }
        guard clock is SystemClock else {
            return .failure(Refusal("the clock reads \(InstantNotation.dateAndTime(now)), before the journal's last event "
                + "(#\(last.sequence) at \(InstantNotation.dateAndTime(last.at))): events are recorded in time order; "
                + "move the clock past it (advance, or a later --virtual-clock)"))
        }
        return .success(last.at)
    }

    /// Reads events other processes appended since the last read; returns them. Checks that
    /// the path still names the open journal (a journal deleted or replaced is a fault that
    /// makes the session read-only, thrown once).
    @discardableResult
    public func refresh() throws(JournalError) -> [Event] {
        if fatal != nil { return [] }
        do throws(JournalError) {
            let size = try file.checkIdentity()
            // The common case when polling: nothing was appended. No lock, no read.
            if tornTail == 0, size == scanner.consumed { return [] }
            try file.lock(exclusive: false)
            defer { file.unlock() }
            let fresh = try catchUp()
            file.unlock()
            writeCheckpointIfDue()
            return fresh
        } catch {
            if error.kind == .vanished { note(error) }
            throw error
        }
    }

    /// The status at the clock's instant.
    public func status() -> Status { Status(runbook: engine.runbook, state: state, at: clock.now()) }

    /// Keeps the fault `error` is, if it is one (saving a copy of a journal that vanished).
    private func note(_ error: JournalError) {
        let length = scanner.consumed
        if let fault = JournalFault.from(error, events: events.count, saveCopy: { () throws(JournalError) -> String in try file.saveCopy(length: length) }) {
            self.fault = fault
        }
    }

    @discardableResult
    private func catchUp() throws(JournalError) -> [Event] {
        var fresh: [Event] = []
        var state = self.state
        var scanner = self.scanner
        try file.read(from: scanner.consumed) { chunk in
            scanner.feed(chunk) { event in
                state.apply(event, after: self.events + fresh)
                fresh.append(event)
            }
            return true
        }
        tornTail = scanner.endRead()
        self.state = state
        self.scanner = scanner
        events += fresh
        return fresh
    }
}
