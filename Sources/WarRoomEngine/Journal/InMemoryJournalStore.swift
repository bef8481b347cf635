#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// One incident's journal held in memory, shared by any number of `InMemoryJournalStore`
/// handles (each one a participant, as separate processes are on a file): the test double of
/// the `JournalStore` seam, as swift-nio's embedded event loop is of a real one. Appends are
/// serialised by one lock, so the handles see one order, and `reachable` makes the store
/// fail as a shared store does when the network goes (`.unreachable`).
public final class InMemoryJournal: Sendable {
    fileprivate struct Storage {
        var header: JournalHeader?
        var events: [Event] = []
        var reachable = true
        var losesNextAnswer: LostAnswer?
    }

    /// What happens to an append whose answer is lost (`loseNextAnswer`).
    public enum LostAnswer: Sendable {
        /// The event is recorded, and the answer lost: as a COMMIT that committed.
        case recorded
        /// Nothing is recorded, and the answer lost: as a COMMIT the server never got.
        case notRecorded
    }

    private let storage = Mutex(Storage())
    /// Where the journal is, in messages.
    public let name: String

    /// An empty journal named `name` in messages (`memory:NAME`).
    public init(name: String = "incident") {
        self.name = "memory:" + name
    }

    /// Whether handles can reach the journal; false makes every read and append throw
    /// `.unreachable` (nothing is written) until it is true again.
    public var reachable: Bool {
        get { storage.withLock { $0.reachable } }
        set { storage.withLock { $0.reachable = newValue } }
    }

    /// Every event, in order.
    public var events: [Event] { storage.withLock { $0.events } }

    /// The next append (by any handle) records its event or not, as `loss` says, and then
    /// the store becomes unreachable and the append throws `.unreachable` with
    /// `outcomeUnknown`: the network going while a COMMIT's answer is on its way.
    public func loseNextAnswer(_ loss: LostAnswer) {
        storage.withLock { $0.losesNextAnswer = loss }
    }

    /// The header, once a writer opened the journal.
    public var header: JournalHeader? { storage.withLock { $0.header } }

    fileprivate func withStorage<T>(_ body: (inout Storage) throws(JournalError) -> T) throws(JournalError) -> T {
        try storage.withLock { (storage: inout Storage) throws(JournalError) -> T in
            guard storage.reachable else {
                throw JournalError(.unreachable, path: name, "the store cannot be reached (the test made it unreachable)")
            }
            return try body(&storage)
        }
    }

    fileprivate var count: Int { storage.withLock { $0.events.count } }
}

/// One participant's handle on an `InMemoryJournal`: a `JournalStore` with no file, for
/// tests of the session and the console over several participants and store faults.
public final class InMemoryJournalStore: JournalStore {
    public let journal: InMemoryJournal
    public var location: String { journal.name }
    public var issues: [JournalIssue] { [] }

    /// A handle on `journal`.
    public init(_ journal: InMemoryJournal) {
        self.journal = journal
    }

    public func open(creating fresh: (() -> JournalHeader)?) throws(JournalError) -> JournalOpening {
        let location = self.location
        let opening = try journal.withStorage { (storage: inout InMemoryJournal.Storage) throws(JournalError) -> JournalOpening in
            if storage.header == nil, let fresh { storage.header = fresh() }
            guard let header = storage.header else {
                throw JournalError(.invalid, path: location, line: 1, "the journal is empty; expected a header line ({\"journal\":\"warroom\",\"format\":1,…})")
            }
            return JournalOpening(header: header, events: storage.events)
        }
        delivered = opening.events.last?.sequence ?? 0
        return opening
    }

    public func read(after sequence: Int) throws(JournalError) -> [Event] {
        let fresh = try journal.withStorage { storage in Array(storage.events.drop { $0.sequence <= sequence }) }
        // A read from where this handle left off moves it on; any other read does not.
        if sequence == delivered, let last = fresh.last { delivered = last.sequence }
        return fresh
    }

    public func append(_ decide: ([Event]) -> Result<Event, Refusal>) throws(JournalError) -> JournalAppend {
        try journal.withStorage { (storage: inout InMemoryJournal.Storage) throws(JournalError) -> JournalAppend in
            let fresh = Array(storage.events.drop { $0.sequence <= delivered })
            delivered = storage.events.last?.sequence ?? 0
            let event: Event
            switch decide(fresh) {
            case .success(let decided): event = decided
            case .failure(let refusal): return .refused(refusal)
            }
            if case .failure(let refusal) = JournalLine.encode(event) { return .refused(refusal) }
            if let loss = storage.losesNextAnswer {
                storage.losesNextAnswer = nil
                if loss == .recorded { storage.events.append(event) }
                storage.reachable = false
                var lost = JournalError(.unreachable, path: journal.name, "the answer to the append was lost (the test lost it)")
                lost.outcomeUnknown = true
                throw lost
            }
            storage.events.append(event)
            delivered = event.sequence
            return .written(stored: event)
        }
    }

    /// The last sequence number this handle delivered through `append`.
    private var delivered = 0

    /// Polls the journal every millisecond.
    public func waitForAppend(milliseconds: Int) -> Bool {
        let start = journal.count
        for _ in 0..<max(0, milliseconds) {
            if journal.count != start { return true }
            usleep(1_000)
        }
        return journal.count != start
    }

    public func fault(for error: JournalError, acknowledged events: Int) -> JournalFault? {
        error.kind == .unreachable ? JournalFault.unreachable(error, events: events) : nil
    }
}
