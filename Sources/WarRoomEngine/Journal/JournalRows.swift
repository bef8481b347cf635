import Synchronization

/// Reads a journal file's events back by block for an `EventHistory`: its own read-only open
/// of the journal (checked to be the same file as the session's), the last `cachedBlocks`
/// blocks read, and the matches of the timeline's filters so far. Shared by every copy of a
/// history (a console's frames); the file's complete lines never change while the session
/// holds it, so a block read once is the same block later.
final class JournalRows: Sendable {
    /// Blocks kept decoded: a screenful of rows and the screens either side of it.
    static let cachedBlocks = 32

    private struct Reader {
        var file: JournalFile
        var header: JournalHeader
        /// Decoded blocks by the offset of their first line and their event count.
        var blocks: [BlockKey: [Event]] = [:]
        /// Keys in the order they were read (oldest first), for eviction.
        var order: [BlockKey] = []
    }

    private struct BlockKey: Hashable {
        var start: Int
        var events: Int
    }

    /// Filters whose matches are kept: the one typed now and the shorter ones typed before it
    /// (a backspace finds its matches again, a key typed tests only the earlier matches).
    static let keptFilters = 4

    /// The positions of one filter's matches among the first `tested` events on file. One
    /// begun on the matches of a wider filter (`narrowing`) holds those of the wider filter's
    /// positions tested so far, the first `next` of `source`; the events after `tested` are
    /// tested once `source` is done.
    private struct Matches {
        var tested = 0
        var positions: [Int] = []
        var narrowing: (source: [Int], next: Int)?
        /// When it was last used, for eviction.
        var used = 0

        /// How far the testing of the first `count` events is, 0 to 1; nil once it is done.
        func progress(_ count: Int) -> Double? {
            if let narrowing { return Double(narrowing.next) / Double(max(1, narrowing.source.count)) }
            return tested >= count ? nil : Double(tested) / Double(max(1, count))
        }
    }

    /// The kept filters' matches by key, and a counter for `Matches.used`.
    private struct Filters {
        var matches: [String: Matches] = [:]
        var clock = 0
    }

    private let reader: Mutex<Reader>
    private let filters = Mutex(Filters())

    /// Reads the journal at `path`, which must be the file with identity `identity` (the
    /// session's own), whose header is `header`; nil when it cannot be opened or is not that file.
    init?(path: String, identity: (device: UInt64, inode: UInt64), header: JournalHeader) {
        guard let file = try? JournalFile(path: path, access: .read),
              file.deviceAndInode.device == identity.device, file.deviceAndInode.inode == identity.inode else { return nil }
        reader = Mutex(Reader(file: file, header: header))
    }

    /// The events of block `block` of `index`: none when the journal does not hold them
    /// where the index says (the caller says so).
    func events(of index: TimelineIndex, block: Int) -> [Event] {
        guard let place = index.block(block) else { return [] }
        let key = BlockKey(start: place.bytes.lowerBound, events: place.events)
        return reader.withLock { reader -> [Event] in
            if let kept = reader.blocks[key] { return kept }
            let events = Self.read(place.bytes, after: place.after, file: reader.file, header: reader.header).map(\.event)
            // The block the index names, or none of it.
            guard events.count == place.events, events.last?.sequence == place.last else { return [] }
            reader.blocks[key] = events
            reader.order.append(key)
            if reader.order.count > Self.cachedBlocks { reader.blocks[reader.order.removeFirst()] = nil }
            return events
        }
    }

    /// The lines of the events numbered `sequences`, in order, read from `index.end` on; nil
    /// when the journal does not hold exactly those events next.
    func locate(_ sequences: [Int], after index: TimelineIndex) -> [Range<Int>]? {
        reader.withLock { reader -> [Range<Int>]? in
            var lines: [Range<Int>] = []
            var scanner = JournalScanner(resuming: reader.header, lines: 1, consumed: index.end, lastSequence: index.lastSequence,
                                         events: 0, issues: [])
            var matches = true
            do {
                try reader.file.read(from: index.end, chunkSize: 64 * 1_024) { chunk in
                    scanner.feed(chunk) { event, line in
                        guard matches, lines.count < sequences.count else { return }
                        if event.sequence == sequences[lines.count] { lines.append(line) } else { matches = false }
                    }
                    return matches && lines.count < sequences.count
                }
            } catch {
                return nil
            }
            return matches && lines.count == sequences.count ? lines : nil
        }
    }

    /// The positions among the first `count` events on file that `isMatch` accepts, testing
    /// only those after the ones tested for `key` before. A filter never tested before is
    /// tested on the matches of a kept one that `narrows` accepts (one whose matches hold all
    /// of `key`'s: the filter typed one key ago), not on every event.
    ///
    /// With `limit`, at most that many events are tested in this call (none for 0), and the
    /// answer may be the matches among the events tested so far, with how far it got (0 to 1;
    /// nil once every event is tested): the next call with the same key goes on from there,
    /// so a console tests a long journal a slice per frame and keeps answering keys. The
    /// positions of later answers only add to those of earlier ones.
    func matches(key: String, narrowing narrows: (String) -> Bool, count: Int, limit: Int? = nil,
                 _ isMatch: (Int) -> Bool) -> (positions: [Int], progress: Double?) {
        let (same, wider) = filters.withLock { filters -> (Matches?, Matches?) in
            if let same = filters.matches[key], same.tested <= count { return (same, nil) }
            let wider = filters.matches.filter { $0.key != key && $0.value.tested <= count && $0.value.narrowing == nil && narrows($0.key) }
                .min { $0.value.positions.count < $1.value.positions.count }?.value
            return (nil, wider)
        }
        var found = same ?? wider.map { Matches(tested: $0.tested, narrowing: ($0.positions, 0)) } ?? Matches()
        var budget = limit.map { max(0, $0) } ?? Int.max
        if var narrowing = found.narrowing {
            while budget > 0, narrowing.next < narrowing.source.count {
                let position = narrowing.source[narrowing.next]
                if isMatch(position) { found.positions.append(position) }
                narrowing.next += 1
                budget -= 1
            }
            found.narrowing = narrowing.next < narrowing.source.count ? narrowing : nil
        }
        if found.narrowing == nil {
            while budget > 0, found.tested < count {
                if isMatch(found.tested) { found.positions.append(found.tested) }
                found.tested += 1
                budget -= 1
            }
        }
        let result = found
        filters.withLock { filters in
            filters.clock += 1
            var kept = result
            kept.used = filters.clock
            filters.matches[key] = kept
            while filters.matches.count > Self.keptFilters, let oldest = filters.matches.min(by: { $0.value.used < $1.value.used })?.key {
                filters.matches[oldest] = nil
            }
        }
        return (result.positions, result.progress(count))
    }

    /// The events of the complete lines in `bytes` of `file`, each with its line, read with
    /// a scanner that takes the event before them to be number `after`.
    static func read(_ bytes: Range<Int>, after: Int, file: JournalFile, header: JournalHeader) -> [(event: Event, line: Range<Int>)] {
        var events: [(event: Event, line: Range<Int>)] = []
        guard !bytes.isEmpty else { return events }
        var scanner = JournalScanner(resuming: header, lines: 1, consumed: bytes.lowerBound, lastSequence: after, events: 0, issues: [])
        var remaining = bytes.count
        try? file.read(from: bytes.lowerBound, chunkSize: min(bytes.count, 1 << 20)) { chunk in
            let taken = UnsafeBufferPointer(rebasing: chunk.prefix(remaining))
            remaining -= taken.count
            scanner.feed(taken) { events.append(($0, $1)) }
            return remaining > 0
        }
        return events
    }
}
