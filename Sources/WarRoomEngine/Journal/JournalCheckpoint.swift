#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A cache beside a journal (`JOURNAL.checkpoint`): the state folded from the journal's
/// first `end` bytes, so a reader folds only the lines after them. The journal stays the only
/// record; a checkpoint is trusted only while everything it names still matches the journal
/// (format, state schema, device and inode, the header line's bytes, the bytes of the last line
/// it folded and their position, its own checksum); any mismatch and it is ignored, the
/// journal folded from its start, and a fresh checkpoint written (docs/journal-format.md,
/// "Checkpoint").
///
/// The file is one JSON line of identity and position, then the encoded state
/// (`IncidentStateEncoding`); it is written to a temporary file and renamed over the old one,
/// so a reader sees a whole checkpoint or none.
public struct JournalCheckpoint: Sendable {
    /// The checkpoint file's format.
    public static let format = 1

    /// What a checkpoint holds: the whole state (`JOURNAL.checkpoint`), the state compacted
    /// for the status line (`JOURNAL.status-checkpoint`, `StatusLineState`), or the state
    /// compacted for a console with the index of its timeline (`JOURNAL.session-checkpoint`,
    /// `LiveState` and `TimelineIndex`). The files name themselves differently, so one is
    /// never read as another.
    public enum Kind: Sendable {
        case full, statusLine, session

        /// The value of the identity line's `checkpoint` member.
        var marker: String {
            switch self {
            case .full: "warroom"
            case .statusLine: "warroom-status"
            case .session: "warroom-session"
            }
        }

        /// The state encoding's schema.
        var schema: String {
            switch self {
            case .full: IncidentStateEncoding.schema
            case .statusLine: StatusLineStateEncoding.schema
            case .session: SessionStateEncoding.schema
            }
        }

        /// The checkpoint's path for the journal at `journal`.
        public func path(forJournal journal: String) -> String {
            switch self {
            case .full: journal + ".checkpoint"
            case .statusLine: journal + ".status-checkpoint"
            case .session: journal + ".session-checkpoint"
            }
        }

        func encode(_ state: IncidentState, validFrom: Instant?, timeline: TimelineIndex?) -> [UInt8]? {
            switch self {
            case .full: try? IncidentStateEncoding.encode(state)
            case .statusLine: StatusLineStateEncoding.encode(state, validFrom: validFrom)
            case .session: timeline.flatMap { SessionStateEncoding.encode(state, validFrom: validFrom, timeline: $0) }
            }
        }

        func decode(_ bytes: ArraySlice<UInt8>) -> (state: IncidentState, validFrom: Instant?, timeline: TimelineIndex?)? {
            switch self {
            case .full: IncidentStateEncoding.decode(bytes).map { ($0, nil, nil) }
            case .statusLine: StatusLineStateEncoding.decode(bytes).map { ($0.state, $0.validFrom, nil) }
            case .session: SessionStateEncoding.decode(bytes).map { ($0.state, $0.validFrom, $0.timeline) }
            }
        }
    }
    /// A reader writes a fresh checkpoint when it folded at least this many events after the
    /// one it found (or without one).
    public static let refreshAfter = 2_000
    /// `refreshAfter` for the status-line checkpoint, which is small and cheap to write: the
    /// status line runs every second or so, and folds at most this many events more than it must.
    public static let statusLineRefreshAfter = 200

    /// What the checkpoint holds.
    public var kind: Kind
    /// The state after every event in the journal's first `end` bytes (compacted, for a
    /// `statusLine` checkpoint).
    public var state: IncidentState
    /// For a `statusLine` or `session` checkpoint, the compacted state's `validFrom` (stored
    /// with the state).
    public var validFrom: Instant?
    /// For a `session` checkpoint, where the events folded into the state are in the journal.
    var timeline: TimelineIndex?
    /// Bytes of complete lines folded: where the tail starts.
    public var end: Int
    /// Where the last folded line starts.
    var lastLineStart: Int
    var lastLineSHA256: String
    var headerLength: Int
    var headerSHA256: String
    var device: UInt64
    var inode: UInt64
    /// The scanner's counts at `end`, so line numbers and sequence checks go on exactly.
    var lines: Int
    var lastSequence: Int
    var events: Int
    var issues: [JournalIssue]

    /// The checkpoint's path for the journal at `journal`.
    public static func path(forJournal journal: String) -> String { Kind.full.path(forJournal: journal) }

    /// Whether the state gives the status line at `now` (`StatusLineState.covers`; a whole
    /// state covers every instant).
    func covers(_ now: Instant) -> Bool { validFrom.map { now >= $0 } ?? true }

    /// A scanner that reads on from `end` as if it had read the journal from its start.
    func resumedScanner(header: JournalHeader) -> JournalScanner {
        JournalScanner(resuming: header, lines: lines, consumed: end, lastSequence: lastSequence, events: events, issues: issues)
    }

    /// Whether folding `event` onto a checkpoint needs events the checkpoint no longer holds,
    /// so the reader must fold the whole journal instead. A retraction does: its target was
    /// already folded, into the checkpoint's state or earlier in the tail, and only a fold
    /// with the target void from the start (`JournalReader.read`'s second pass) is right.
    /// Every kind is listed, so a new event kind must decide here.
    static func needsHistory(_ event: Event) -> Bool {
        switch event.kind {
        case .eventRetracted:
            return true
        case .incidentDeclared, .severityChanged, .triggerFired, .decisionAnswered, .decisionReverted, .procedureStarted,
             .procedureCompleted, .procedureAbandoned, .stepStarted, .stepDone, .stepSkipped, .stepFailed, .stepReopened,
             .checklistTicked, .approvalRecorded, .communicationSent, .contactPaged, .pageAcknowledged, .noteAdded, .incidentResolved,
             .incidentRetitled, .recoveryPointRecorded, .roleAssigned, .incidentReopened, .approvalOverridden:
            return false
        }
    }

    // MARK: - Making and writing

    /// The checkpoint of `state`, folded by `scanner` from the start of `file` (nil when the
    /// journal has no complete line after its header, or cannot be read).
    static func make(file: JournalFile, scanner: JournalScanner, state: IncidentState, kind: Kind = .full,
                     validFrom: Instant? = nil, timeline: TimelineIndex? = nil) -> JournalCheckpoint? {
        let end = scanner.consumed
        guard scanner.header != nil, scanner.lines >= 2, end > 0,
              let header = try? Self.headerLine(file),
              let last = try? Self.lineBefore(end, in: file) else { return nil }
        let identity = file.deviceAndInode
        return JournalCheckpoint(kind: kind, state: state, validFrom: validFrom, timeline: timeline, end: end, lastLineStart: last.start,
                                 lastLineSHA256: SHA256.hex(last.bytes),
                                 headerLength: header.count, headerSHA256: SHA256.hex(header), device: identity.device, inode: identity.inode,
                                 lines: scanner.lines, lastSequence: scanner.lastSequence, events: scanner.events, issues: scanner.issues)
    }

    /// Writes the checkpoint to `path` through a temporary file renamed over it. Failing is
    /// harmless (a read-only folder, a full disk): the journal is still read whole.
    @discardableResult
    func write(to path: String) -> Bool {
        guard let stateBytes = kind.encode(state, validFrom: validFrom, timeline: timeline) else { return false }
        let members: [(String, JSONValue)] = [
            ("checkpoint", .string(kind.marker)), ("format", .int(Self.format)), ("schema", .string(kind.schema)),
            ("device", .string(String(device))), ("inode", .string(String(inode))),
            ("header_length", .int(headerLength)), ("header_sha256", .string(headerSHA256)),
            ("last_line_start", .int(lastLineStart)), ("end", .int(end)), ("last_line_sha256", .string(lastLineSHA256)),
            ("lines", .int(lines)), ("last_sequence", .int(lastSequence)), ("events", .int(events)),
            ("issues", .array(issues.map { .object([("line", .int($0.line)), ("message", .string($0.message))]) })),
            ("state_length", .int(stateBytes.count)), ("state_fnv1a", .string(String(Self.fnv1a(stateBytes[...])))),
        ]
        var bytes = Array(JSONWriter.encode(.object(members)).utf8)
        bytes.append(JournalLine.terminator)
        bytes += stateBytes
        return FileReplacement.replace(path, with: bytes)
    }

    // MARK: - Reading and checking

    /// The checkpoint at `path` if it is one of the journal open in `file`, exactly as it is
    /// now; nil for a missing, unreadable, stale, foreign or damaged one.
    static func load(path: String, for file: JournalFile, kind: Kind = .full) -> JournalCheckpoint? {
        guard let bytes = Self.contents(of: path),
              let newline = bytes.firstIndex(of: JournalLine.terminator),
              let meta = try? bytes.withUnsafeBufferPointer({ buffer throws(JSONParser.Failure) in try JSONParser.parse(buffer, range: 0..<newline) }),
              meta["checkpoint"]?.string == kind.marker, meta["format"]?.int == Self.format,
              meta["schema"]?.string == kind.schema,
              let device = meta["device"]?.string.flatMap({ UInt64($0) }), let inode = meta["inode"]?.string.flatMap({ UInt64($0) }),
              let headerLength = meta["header_length"]?.int, let headerSHA256 = meta["header_sha256"]?.string,
              let lastLineStart = meta["last_line_start"]?.int, let end = meta["end"]?.int,
              let lastLineSHA256 = meta["last_line_sha256"]?.string,
              let lines = meta["lines"]?.int, let lastSequence = meta["last_sequence"]?.int, let events = meta["events"]?.int,
              case .array(let issueValues)? = meta["issues"],
              let stateLength = meta["state_length"]?.int, let stateFNV = meta["state_fnv1a"]?.string
        else { return nil }
        let identity = file.deviceAndInode
        guard device == identity.device, inode == identity.inode,
              headerLength > 0, lastLineStart >= headerLength, end > lastLineStart, end - lastLineStart <= JournalLine.maximumLength + 1,
              let size = try? file.size(), size >= end else { return nil }
        // The journal's bytes where the checkpoint says they are: the header, and the last
        // line folded, preceded by a newline and ended by one.
        guard let header = try? Self.bytes(file, headerLength == 0 ? 0..<0 : 0..<headerLength), header.last == JournalLine.terminator,
              SHA256.hex(header) == headerSHA256,
              let last = try? Self.bytes(file, lastLineStart - 1..<end), last.first == JournalLine.terminator,
              last.last == JournalLine.terminator, SHA256.hex(Array(last.dropFirst())) == lastLineSHA256 else { return nil }
        let stateBytes = bytes[(newline + 1)...]
        guard stateBytes.count == stateLength, String(Self.fnv1a(stateBytes)) == stateFNV,
              let decoded = kind.decode(stateBytes),
              decoded.state.lastSequence == lastSequence, decoded.state.eventCount == events,
              decoded.timeline.map({ $0.end <= end && $0.count == events && $0.lastSequence == lastSequence }) ?? true else { return nil }
        var issues: [JournalIssue] = []
        for value in issueValues {
            guard let line = value["line"]?.int, let message = value["message"]?.string else { return nil }
            issues.append(JournalIssue(line: line, message: message))
        }
        return JournalCheckpoint(kind: kind, state: decoded.state, validFrom: decoded.validFrom, timeline: decoded.timeline, end: end,
                                 lastLineStart: lastLineStart, lastLineSHA256: lastLineSHA256,
                                 headerLength: headerLength, headerSHA256: headerSHA256, device: device, inode: inode,
                                 lines: lines, lastSequence: lastSequence, events: events, issues: issues)
    }

    /// The whole file at `path` (a checkpoint is read whole; a hostile one larger than 1 GiB is refused).
    private static func contents(of path: String) -> [UInt8]? {
        guard let file = try? JournalFile(path: path, access: .read), let size = try? file.size(), size > 0, size < 1 << 30 else { return nil }
        return try? bytes(file, 0..<size)
    }

    /// The bytes of `file` in `range`; fewer when the file is shorter.
    private static func bytes(_ file: JournalFile, _ range: Range<Int>) throws(JournalError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        guard !range.isEmpty else { return out }
        try file.read(from: range.lowerBound, chunkSize: min(range.count, 1 << 20)) { chunk in
            out.append(contentsOf: chunk.prefix(range.count - out.count))
            return out.count < range.count
        }
        return out
    }

    /// Line 1 with its newline.
    private static func headerLine(_ file: JournalFile) throws(JournalError) -> [UInt8]? {
        var out: [UInt8] = []
        var found = false
        try file.read(from: 0, chunkSize: 64 * 1_024) { chunk in
            if let newline = chunk.firstIndex(of: JournalLine.terminator) {
                out.append(contentsOf: chunk[...newline])
                found = true
                return false
            }
            out.append(contentsOf: chunk)
            return out.count <= JournalLine.maximumLength
        }
        return found ? out : nil
    }

    /// The complete line that ends at `end` (its start, and its bytes with the newline).
    private static func lineBefore(_ end: Int, in file: JournalFile) throws(JournalError) -> (start: Int, bytes: [UInt8])? {
        var window = 4_096
        while true {
            let from = max(0, end - window)
            let bytes = try Self.bytes(file, from..<end)
            guard bytes.count == end - from, bytes.last == JournalLine.terminator else { return nil }
            if let previous = bytes.dropLast().lastIndex(of: JournalLine.terminator) {
                return (from + previous + 1, Array(bytes[(previous + 1)...]))
            }
            if from == 0 { return (0, bytes) }
            guard window <= JournalLine.maximumLength + 2 else { return nil }
            window *= 4
        }
    }

    /// FNV-1a, 64 bits: catches a damaged or cut-short state (not a malicious one).
    static func fnv1a(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0100_0000_01b3 }
        return hash
    }
}
