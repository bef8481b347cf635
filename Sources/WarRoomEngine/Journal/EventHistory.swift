/// A journal's events, oldest first, as one collection: the console's timeline. Either every
/// event is held (a store that hands them all over: PostgreSQL, the in-memory store, a replay),
/// or the journal file's events are read back when shown: then the history holds an index of
/// where every `blockSize`th event's line starts (`TimelineIndex`, a few bytes per block), the
/// blocks last read (`JournalRows`), and only the events folded since the index was last
/// extended. A value: a copy (a console's frame) keeps the events it had.
public struct EventHistory: RandomAccessCollection, Sendable, Equatable {
    /// Events per block of the index: a row shown costs reading at most this many lines.
    public static let blockSize = 64
    /// Events held before the index is extended over them.
    static let heldBeforeIndexing = 4 * blockSize

    /// The journal's events on file, when they are read back from it.
    private var onFile: (rows: JournalRows, index: TimelineIndex)?
    /// The positions in the index of the events on file this history has, when it has only
    /// some of them (a filtered timeline: `filter(key:narrowing:_:)`).
    private var selected: [Int]?
    /// The events after the index (all of them when there is no file).
    private var held: [Event]
    /// For a filtered history whose filter has not yet tested every event on file (`filter`
    /// with a limit): how far it got, from 0 to 1.
    public private(set) var filterProgress: Double?

    /// How many of the events are on file.
    private var onFileCount: Int { selected?.count ?? onFile?.index.count ?? 0 }

    /// Every event of `events`, held.
    public init(_ events: [Event] = []) {
        held = events
    }

    /// The events of the open journal read by `rows` that `index` covers, then `held`.
    init(rows: JournalRows, index: TimelineIndex, held: [Event] = []) {
        onFile = (rows, index)
        self.held = held
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { onFileCount + held.count }

    /// The event at `position`; one read back from the journal file that cannot be read as
    /// it was (the file changed under the console: a fault the session reports) reads as a
    /// note saying so.
    public subscript(position: Int) -> Event {
        guard let onFile, position < onFileCount else { return held[position - onFileCount] }
        let onFilePosition = selected?[position] ?? position
        let block = onFilePosition / Self.blockSize
        let events = onFile.rows.events(of: onFile.index, block: block)
        let offset = onFilePosition - block * Self.blockSize
        guard offset < events.count else {
            return Event(sequence: 0, at: Instant(milliseconds: 0), operator: "warroom",
                         kind: .noteAdded(text: "(event \(onFilePosition + 1) of the journal could not be read again: the file changed)"))
        }
        return events[offset]
    }

    /// Adds `event`, the journal's next one; the index is extended over the held events
    /// once there are `heldBeforeIndexing` of them.
    public mutating func append(_ event: Event) {
        held.append(event)
        if onFile != nil, selected == nil, held.count >= Self.heldBeforeIndexing { index() }
    }

    public mutating func append<S: Sequence>(contentsOf events: S) where S.Element == Event {
        for event in events { append(event) }
    }

    /// Extends the index over every held event (found again in the journal after the index's
    /// end); true when nothing is held after it. The held events stay held when the journal
    /// no longer has them where they were (it changed under the session).
    @discardableResult
    mutating func index() -> Bool {
        guard var file = onFile, selected == nil, !held.isEmpty else { return held.isEmpty }
        guard let lines = file.rows.locate(held.map(\.sequence), after: file.index) else { return false }
        for (event, line) in zip(held, lines) { file.index.add(sequence: event.sequence, line: line) }
        onFile = file
        held = []
        return true
    }

    /// Whether the first and the last block of the index read back as the index says they
    /// are (a checkpoint's index is checked so before it is used).
    var readsBack: Bool {
        guard let onFile, selected == nil else { return true }
        let blocks = onFile.index.starts.count
        return blocks == 0 || [0, blocks - 1].allSatisfy { onFile.rows.events(of: onFile.index, block: $0).count == onFile.index.block($0)?.events }
    }

    /// The index of the events on file when every event is on it (none held), for a checkpoint.
    var completeIndex: TimelineIndex? {
        guard held.isEmpty, selected == nil else { return nil }
        return onFile?.index
    }

    /// The same events in the same order (however they are kept).
    public static func == (lhs: EventHistory, rhs: EventHistory) -> Bool {
        lhs.count == rhs.count && lhs.elementsEqual(rhs)
    }

    /// The events matching `isMatch`, each tested once: a later call with the same `key`
    /// tests only the events added since, and a new key that `narrows` says matches only
    /// events an earlier key matched (a filter one key longer) tests only those. `key` names
    /// the predicate (a filter's text). The matches on file are kept as positions, and read
    /// back from the journal when shown, as the whole history's are.
    ///
    /// With `limit`, at most that many events on file are tested by this call: the answer is
    /// then the matches so far (`filterProgress` says how far), and the next call with the
    /// same key goes on, its matches the same ones and more after them.
    public func filter(key: String, narrowing narrows: (String) -> Bool = { _ in false }, limit: Int? = nil,
                       _ isMatch: (Event) -> Bool) -> EventHistory {
        guard let onFile, selected == nil else { return EventHistory(Array(self.lazy.filter(isMatch))) }
        var matched = EventHistory(rows: onFile.rows, index: onFile.index, held: held.filter(isMatch))
        let found = onFile.rows.matches(key: key, narrowing: narrows, count: onFile.index.count, limit: limit) { isMatch(self[$0]) }
        matched.selected = found.positions
        if let progress = found.progress {
            // The events held after the file's are shown only once the file's are all tested,
            // so the matches only ever grow at the end.
            matched.held = []
            matched.filterProgress = progress
        }
        return matched
    }
}

/// Where the journal file's events are: the byte offset of the line of every `blockSize`th
/// event, and the sequence number of the event before it, so a block can be read and
/// checked on its own. Kept in the session checkpoint (`JournalCheckpoint.Kind.session`).
struct TimelineIndex: Sendable, Hashable, Codable {
    /// The byte offset of event `i * blockSize`'s line.
    var starts: [Int] = []
    /// The sequence number of the event before event `i * blockSize` (0 for the first).
    var sequencesBefore: [Int] = []
    /// Events indexed.
    var count = 0
    /// The byte offset after the last indexed event's line.
    var end = 0
    /// The sequence number of the last indexed event (0 before any).
    var lastSequence = 0

    /// Adds the next event, whose line is `line`.
    mutating func add(sequence: Int, line: Range<Int>) {
        if count % EventHistory.blockSize == 0 {
            starts.append(line.lowerBound)
            sequencesBefore.append(lastSequence)
        }
        count += 1
        end = line.upperBound
        lastSequence = sequence
    }

    /// Whether the blocks follow one another in the file and in sequence, before `end`.
    var isOrdered: Bool {
        for index in starts.indices.dropFirst() where starts[index] <= starts[index - 1] || sequencesBefore[index] <= sequencesBefore[index - 1] {
            return false
        }
        return (starts.last.map { $0 < end } ?? (end == 0 || count == 0)) && (sequencesBefore.last ?? 0) < max(lastSequence, 1)
    }

    /// Where block `block`'s lines are, the sequence numbers of the events before and at
    /// its end, and how many events it holds.
    func block(_ block: Int) -> (bytes: Range<Int>, after: Int, last: Int, events: Int)? {
        guard block >= 0, block < starts.count else { return nil }
        let next = block + 1 < starts.count ? starts[block + 1] : end
        guard starts[block] <= next else { return nil }
        let last = block + 1 < starts.count ? sequencesBefore[block + 1] : lastSequence
        return (starts[block]..<next, sequencesBefore[block], last, min(EventHistory.blockSize, count - block * EventHistory.blockSize))
    }
}
