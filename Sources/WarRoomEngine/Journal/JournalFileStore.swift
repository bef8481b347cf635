#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The JSON Lines journal file as a `JournalStore` (docs/journal-format.md): the append rule
/// of `JournalLine` carried out by `JournalFile` under an exclusive `flock`, new lines read
/// under a shared one, a torn tail read again at every poll and removed before the next
/// append, and the checkpoint beside the journal refreshed as events are folded.
///
/// A class because it owns the open file; use it from one task at a time.
public final class JournalFileStore: JournalStore {
    public let path: String
    public var location: String { path }
    private let file: JournalFile
    private let create: Bool
    private var scanner = JournalScanner()
    /// Bytes after the last complete line at the last read: a torn tail.
    private var tornTail = 0
    /// A torn last line found on opening (removed by this handle's first append).
    private var tornOnOpen: JournalIssue?
    /// Events read when this handle opened or last wrote the journal's checkpoint.
    private var eventsAtCheckpoint = 0
    /// Events folded since the last checkpoint before the next is written.
    private let checkpointAfter: Int
    /// Set once a fault made the session read-only: no checkpoint is written after it.
    private var stopped = false

    /// Opens the journal file at `path` for writing (with `create`, creating it 0600 when
    /// missing); `sync` is how it is fsynced.
    /// `checkpointAfter` is how many events it folds between writing checkpoints.
    public init(path: String, create: Bool = true, sync: @escaping JournalFile.Sync = JournalFile.defaultSync,
                checkpointAfter: Int = JournalCheckpoint.refreshAfter) throws(JournalError) {
        self.path = path
        self.create = create
        self.checkpointAfter = checkpointAfter
        file = try JournalFile(path: path, access: .write(create: create), sync: sync)
    }

    public var issues: [JournalIssue] {
        guard let torn = tornOnOpen else { return scanner.issues }
        return (scanner.issues + [torn]).sorted { $0.line < $1.line }
    }

    public func open(creating fresh: (() -> JournalHeader)?) throws(JournalError) -> JournalOpening {
        try file.lock(exclusive: true)
        defer { file.unlock() }
        try writeHeaderIfNeeded(fresh)
        return try readAll()
    }

    /// Reads every event from the start (the exclusive lock held).
    private func readAll() throws(JournalError) -> JournalOpening {
        var scanner = JournalScanner()
        var events: [Event] = []
        try file.read(from: 0) { chunk in
            scanner.feed(chunk) { events.append($0) }
            return true
        }
        let header = try opened(scanner)
        // Not on opening (that would delay the first frame): after the next refreshAfter events.
        eventsAtCheckpoint = scanner.events
        return JournalOpening(header: header, events: events)
    }

    /// An empty file, or one whose creator was killed while writing the header (no complete
    /// line, so nothing in it was ever acknowledged), gets a fresh header (the lock held).
    private func writeHeaderIfNeeded(_ fresh: (() -> JournalHeader)?) throws(JournalError) {
        if create, let fresh, try !file.hasCompleteLine() {
            try file.append(Array((fresh().line + "\n").utf8), after: 0)
            if file.created { try file.syncDirectory() }
        }
    }

    /// Takes `scanner`, which read the whole journal, as this handle's: returns the header
    /// and notes a torn tail (the exclusive lock held, so no writer is mid-line).
    private func opened(_ scanner: JournalScanner) throws(JournalError) -> JournalHeader {
        var ended = scanner
        ended.finish()
        let header = try JournalReader.checkedHeader(ended, path: path)
        var scanner = scanner
        tornTail = scanner.endRead()
        if tornTail > 0 {
            tornOnOpen = JournalScanner.tornTail(line: scanner.lines + 1, bytes: tornTail, then: "skipped, and removed before the next append")
        }
        self.scanner = scanner
        return header
    }

    /// Folds from the session checkpoint (`JournalCheckpoint.Kind.session`) when one matches
    /// the journal, else from the journal's start, into the compacted state, indexing every
    /// event's line for the history, which reads them back from the journal. Writes a fresh
    /// session checkpoint when it folded `checkpointAfter` events or more.
    public func openLive(creating fresh: (() -> JournalHeader)?) throws(JournalError) -> LiveOpening {
        try file.lock(exclusive: true)
        defer { file.unlock() }
        try writeHeaderIfNeeded(fresh)
        let checkpointPath = JournalCheckpoint.Kind.session.path(forJournal: path)
        let header = try JournalReader.header(of: file)
        guard let rows = JournalRows(path: path, identity: file.deviceAndInode, header: header) else {
            // The journal cannot be opened a second time: the history holds every event.
            return LiveOpening(holding: try readAll())
        }
        var resumed: Folded?
        if let found = JournalCheckpoint.load(path: checkpointPath, for: file, kind: .session), let timeline = found.timeline,
           EventHistory(rows: rows, index: timeline).readsBack {
            var tail = Folded(scanner: found.resumedScanner(header: header), fold: LiveFold(from: LiveState(state: found.state, validFrom: found.validFrom)),
                              index: timeline, from: found.events)
            // A retraction needs the whole history: then the journal is folded from its start.
            if try fold(from: found.end, into: &tail, stoppingAtHistory: true) { resumed = tail }
        }
        var folded: Folded
        if let resumed {
            folded = resumed
        } else {
            folded = Folded(scanner: JournalScanner(), fold: LiveFold(), index: TimelineIndex(), from: 0)
            _ = try fold(from: 0, into: &folded, stoppingAtHistory: false)
            // With retractions, a second pass over the journal, read back through the index.
            folded.fold = folded.fold.voidingRetracted(EventHistory(rows: rows, index: folded.index))
        }
        let opened = try opened(folded.scanner)
        eventsAtCheckpoint = folded.from
        let history = EventHistory(rows: rows, index: folded.index), live = folded.fold.live
        if tornTail == 0, scanner.events - folded.from >= checkpointAfter { writeSessionCheckpoint(live, history) }
        return LiveOpening(header: opened, live: live, history: history)
    }

    /// A fold for `openLive`: the scanner, the compacted state, the index of every event's
    /// line, and how many events the checkpoint it started from held (0 from the start).
    private struct Folded {
        var scanner: JournalScanner
        var fold: LiveFold
        var index: TimelineIndex
        var from: Int
    }

    /// Folds and indexes the journal's lines from byte `offset` into `folded`; with
    /// `stoppingAtHistory`, stops at an event that needs the whole history and returns false.
    private func fold(from offset: Int, into folded: inout Folded, stoppingAtHistory: Bool) throws(JournalError) -> Bool {
        var needsHistory = false
        try file.read(from: offset) { chunk in
            folded.scanner.feed(chunk) { event, line in
                if stoppingAtHistory, JournalCheckpoint.needsHistory(event) { needsHistory = true }
                folded.fold.apply(event)
                folded.index.add(sequence: event.sequence, line: line)
            }
            return !needsHistory
        }
        return !needsHistory
    }

    public func read(after sequence: Int) throws(JournalError) -> [Event] {
        guard sequence == scanner.lastSequence else {
            var all: [Event] = []
            var rescan = JournalScanner()
            try file.read(from: 0) { chunk in
                rescan.feed(chunk) { if $0.sequence > sequence { all.append($0) } }
                return true
            }
            return all
        }
        let size = try file.checkIdentity()
        // The common case when polling: nothing was appended. No lock, no read.
        if tornTail == 0, size == scanner.consumed { return [] }
        try file.lock(exclusive: false)
        defer { file.unlock() }
        return try catchUp()
    }

    public func append(_ decide: ([Event]) -> Result<Event, Refusal>) throws(JournalError) -> JournalAppend {
        try file.lock(exclusive: true)
        defer { file.unlock() }
        let fresh = try catchUp()
        let event: Event
        switch decide(fresh) {
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
        var stored = event
        line.withUnsafeBufferPointer { buffer in scanner.feed(buffer) { stored = $0 } }
        return .written(stored: stored)
    }

    /// Polls the file's size every 10 ms (the console watches the path with inotify instead).
    public func waitForAppend(milliseconds: Int) -> Bool {
        var waited = 0
        while waited < milliseconds {
            if let size = try? file.checkIdentity(), size != scanner.consumed || tornTail != 0 { return true }
            let step = min(10, milliseconds - waited)
            var pause = timespec(tv_sec: 0, tv_nsec: step * 1_000_000)
            nanosleep(&pause, nil)
            waited += step
        }
        return false
    }

    public func fault(for error: JournalError, acknowledged events: Int) -> JournalFault? {
        let length = scanner.consumed
        let fault = JournalFault.from(error, events: events, saveCopy: { () throws(JournalError) -> String in try file.saveCopy(length: length) })
        if fault?.readOnly == true { stopped = true }
        return fault
    }

    /// Writes the journal's checkpoint (`JournalCheckpoint`) once this handle has read
    /// `checkpointAfter` events (`JournalCheckpoint.refreshAfter` unless told) since it last did, so other readers fold only
    /// what came after. Called with no lock held and the scanner at a complete line.
    public func didFold(_ state: IncidentState) {
        guard !stopped, tornTail == 0, scanner.events - eventsAtCheckpoint >= checkpointAfter else { return }
        eventsAtCheckpoint = scanner.events
        JournalCheckpoint.make(file: file, scanner: scanner, state: state)?.write(to: JournalCheckpoint.path(forJournal: path))
    }

    /// Writes the session checkpoint (`JournalCheckpoint.Kind.session`) as `didFold` writes
    /// the whole one, with `history` indexed to its end first.
    public func didFold(live state: LiveState, history: inout EventHistory) {
        guard !stopped, tornTail == 0, scanner.events - eventsAtCheckpoint >= checkpointAfter else { return }
        eventsAtCheckpoint = scanner.events
        history.index()
        writeSessionCheckpoint(state, history)
    }

    /// Writes `state`, compacted, with the index of `history` when it indexes every event the
    /// state folded (lines after the last event that are none may follow it).
    private func writeSessionCheckpoint(_ state: LiveState, _ history: EventHistory) {
        guard let index = history.completeIndex, index.end <= scanner.consumed, index.count == scanner.events,
              state.state.eventCount == scanner.events else { return }
        let compacted = LiveState(compacting: state.state, validFrom: state.validFrom)
        JournalCheckpoint.make(file: file, scanner: scanner, state: compacted.state, kind: .session, validFrom: compacted.validFrom,
                               timeline: index)?
            .write(to: JournalCheckpoint.Kind.session.path(forJournal: path))
    }

    /// Reads the complete lines appended since the last read (the lock held by the caller).
    private func catchUp() throws(JournalError) -> [Event] {
        var fresh: [Event] = []
        var scanner = self.scanner
        try file.read(from: scanner.consumed) { chunk in
            scanner.feed(chunk) { fresh.append($0) }
            return true
        }
        tornTail = scanner.endRead()
        self.scanner = scanner
        return fresh
    }
}
