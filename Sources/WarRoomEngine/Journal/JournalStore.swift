/// Where an incident's events are kept: the one seam between the engine and its storage
/// (DESIGN.md). The JSON Lines file (`JournalFileStore`), PostgreSQL (the `WarRoomPostgres`
/// module) and an in-memory store for tests (`InMemoryJournalStore`) are its stores.
///
/// A value is one participant's handle on one incident's journal (a console, a headless
/// writer, a reader), used from one task at a time. It remembers the last event it delivered,
/// so `read(after:)` at that sequence number returns only what others appended since.
///
/// Every store keeps these rules (docs/journal-format.md, docs/shared-store.md):
/// - **Acknowledged only once durable.** `append` returns `.written` only after the event is
///   durable (its line written and fsynced, its transaction committed). When it throws, the
///   event must not be reported as recorded.
/// - **One order.** Sequence numbers start at 1, increase by one with each event (the file
///   store: strictly increasing line by line) and are in the order the events became durable.
/// - **Checked against the latest state.** `append` hands `decide` every event appended by
///   others since this handle's last read, while it holds the incident's exclusive hold (the
///   file's `flock`, PostgreSQL's per-incident row lock), so the engine's checks run against
///   the state the new event will follow. A store may call `decide` again with more events
///   when it found that another writer got in first; nothing is written in between.
/// - **The same refusals.** An event longer than `JournalLine.maximumLength` as a line, or a
///   sequence number past `JournalLine.maximumSequence`, is refused by every store
///   (`JournalLine.encode`), so any journal can be exported as a file.
public protocol JournalStore: AnyObject {
    /// The journal as people read it in messages: a path, or a URL without its password.
    var location: String { get }

    /// Opens the journal for this handle: reads its header and every event, in order. With
    /// `fresh` (a writer that may create), a journal that has no header yet gets the one
    /// `fresh` returns. Throws `.invalid` for what cannot be a journal.
    func open(creating fresh: (() -> JournalHeader)?) throws(JournalError) -> JournalOpening

    /// Opens the journal for a console, which keeps only the compacted state (`LiveState`)
    /// and reads its timeline when shown (`EventHistory`): reads the header and folds every
    /// event, as `open` does, into the state and the history it returns. A store may fold
    /// from a cache of its own (the file store's session checkpoint) and hand over a history
    /// that reads its events back from the journal; the default holds every event.
    func openLive(creating fresh: (() -> JournalHeader)?) throws(JournalError) -> LiveOpening

    /// Every event with a sequence number above `sequence`, in order. Reading from the last
    /// sequence number this handle delivered is the cheap, common case (a poll).
    func read(after sequence: Int) throws(JournalError) -> [Event]

    /// Appends one event by the rules above: with the incident's exclusive hold, delivers the
    /// events appended since this handle's last read to `decide`, which returns the event to
    /// write (its sequence number one above the last event's) or a refusal.
    func append(_ decide: (_ caughtUp: [Event]) -> Result<Event, Refusal>) throws(JournalError) -> JournalAppend

    /// Waits up to `milliseconds` for a sign that another participant appended; true when
    /// there may be new events (read them with `read(after:)`). A wake-up only: it may be
    /// early or spurious, and a reader reads after it either way.
    func waitForAppend(milliseconds: Int) -> Bool

    /// Starts following the journal for a `poll` loop such as the console's, which must never
    /// wait on the network: returns a descriptor that becomes readable when another participant
    /// may have appended or the store's reachability changed, or nil when the caller should
    /// watch `location` as a file (or poll). A shared store then watches its server on its own
    /// connection, so `read(after:)` and `append` fail at once while it does not answer.
    func follow() -> Int32?

    /// Lines or rows skipped so far (torn, not an event), with their numbers.
    var issues: [JournalIssue] { get }

    /// The fault `error` from an append or a read is for a session holding `events`
    /// acknowledged events, or nil when it is none (bad input).
    func fault(for error: JournalError, acknowledged events: Int) -> JournalFault?

    /// Told the state folded so far, with no hold taken, after each append or read that
    /// delivered events: a store may cache it (the file store's checkpoint).
    func didFold(_ state: IncidentState)

    /// `didFold` for a console's session (opened with `openLive`): told its state (compacted
    /// as `LiveFold` keeps it) and its history, which a store may index further.
    func didFold(live state: LiveState, history: inout EventHistory)
}

extension JournalStore {
    public func follow() -> Int32? { nil }
    public func didFold(_ state: IncidentState) {}
    public func didFold(live state: LiveState, history: inout EventHistory) {}

    public func openLive(creating fresh: (() -> JournalHeader)?) throws(JournalError) -> LiveOpening {
        LiveOpening(holding: try open(creating: fresh))
    }
}

/// What opening a journal for a console found: its header, the compacted state of every
/// event so far, and the events (the timeline).
public struct LiveOpening: Sendable {
    public var header: JournalHeader
    public var live: LiveState
    public var history: EventHistory

    public init(header: JournalHeader, live: LiveState, history: EventHistory) {
        self.header = header
        self.live = live
        self.history = history
    }

    /// Every event of `opening` folded, and held as the history (a store that cannot read
    /// them back).
    public init(holding opening: JournalOpening) {
        self.init(header: opening.header, live: LiveFold.fold(opening.events), history: EventHistory(opening.events))
    }
}

/// What opening a journal found: its header and every event so far.
public struct JournalOpening: Sendable {
    public var header: JournalHeader
    /// Every event, in sequence order.
    public var events: [Event]

    public init(header: JournalHeader, events: [Event]) {
        self.header = header
        self.events = events
    }
}

/// What became of `JournalStore.append`.
public enum JournalAppend: Sendable {
    /// The event is durable: acknowledged. `stored` is the event as the store holds it (read
    /// back from its line for the file store).
    case written(stored: Event)
    /// `decide` refused, or the store refused the event (too long, last sequence number);
    /// nothing was written.
    case refused(Refusal)
}
