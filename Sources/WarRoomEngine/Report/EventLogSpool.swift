#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Synchronization

/// The report's event log rendered while the journal is folded, so the journal is parsed once
/// and describing and escaping the rows takes place beside the fold: the fold hands each event to `add`, and a
/// second thread renders its row into an unlinked temporary file, in order. Two parts of a
/// row wait for the end: its time (the notation depends on the whole incident's span) and its
/// void mark (a retraction comes after the event it takes back), so a record keeps the
/// sequence number, the instant and the event's line in the journal beside the rest of the
/// row; `log(state:journal:)` then finishes the rows, rendering a retracted event's row
/// again from its journal line. A temporary file that cannot be made makes `init` nil; one
/// that cannot be written (a full disk) makes the log read the journal a second time instead.
public final class EventLogSpool {
    /// Events in one hand-over to the renderer, and hand-overs in flight at most (memory
    /// stays bounded when the fold is faster than the rendering).
    public static let batchSize = 4096
    static let batchesInFlight = 4

    private let writer: Writer
    private let queue = DispatchQueue(label: "warroom.report.event-log")
    private let slots = DispatchSemaphore(value: EventLogSpool.batchesInFlight)
    private let batchSize: Int
    private var batch: [Added] = []
    /// Events added.
    public private(set) var count = 0

    /// A spool in `directory` (default: `TMPDIR`, else `/tmp`); nil when no file can be made there.
    public convenience init?(runbook: Runbook, directory: String? = nil, batchSize: Int = EventLogSpool.batchSize) {
        guard let writer = Writer(runbook: runbook, directory: directory ?? Self.temporaryDirectory()) else { return nil }
        self.init(writer: writer, batchSize: batchSize)
    }

    /// A spool writing to the open `descriptor`, which it closes (for tests: `/dev/full`).
    convenience init(runbook: Runbook, descriptor: Int32, batchSize: Int = EventLogSpool.batchSize) {
        self.init(writer: Writer(runbook: runbook, fd: descriptor), batchSize: batchSize)
    }

    private init(writer: Writer, batchSize: Int) {
        self.writer = writer
        self.batchSize = max(1, batchSize)
        batch.reserveCapacity(self.batchSize)
    }

    /// Waits for the renderer before closing the file: a descriptor closed under it could be
    /// reused by another file, which would then receive the rows (a load that failed halfway).
    deinit {
        queue.sync {}
        writer.closeFile()
    }

    private static func temporaryDirectory() -> String {
        guard let value = getenv("TMPDIR"), value.pointee != 0 else { return "/tmp" }
        return String(cString: value)
    }

    /// An event and its line in the journal (a struct, not a tuple: arrays of tuples are
    /// copied and destroyed through generic code, a third of the hand-over's cost).
    struct Added: Sendable {
        var event: Event
        var line: Range<Int>
    }

    /// Hands one event and its line in the journal over to the renderer.
    public func add(_ event: Event, line: Range<Int>) {
        batch.append(Added(event: event, line: line))
        count += 1
        if batch.count >= batchSize { handOver() }
    }

    private func handOver() {
        guard !batch.isEmpty else { return }
        let writer = writer, slots = slots
        slots.wait()
        // Queued, not captured by the closure: the renderer then holds the only reference
        // and moves the events out instead of copying them.
        writer.enqueue(batch)
        batch = []
        batch.reserveCapacity(batchSize)
        queue.async {
            writer.renderNext()
            slots.signal()
        }
    }

    /// The event log, once every event is added and `state` is the whole journal's fold
    /// (`journal` is the journal's path, for the rows of retracted events). The rows still
    /// being rendered are waited for only when the log's rows are written, after the report's
    /// other sections.
    public func log(state: IncidentState, journal: String) -> SpooledEventLog {
        handOver()
        return SpooledEventLog(spool: self, runbook: writer.runbook, state: state, journal: journal, count: count)
    }

    /// Waits for every row to be rendered: the file written to its end, as (descriptor,
    /// length); nil when a write failed.
    func finishWriting() -> (fd: Int32, length: Int)? {
        handOver()
        queue.sync {}
        return writer.finish()
    }

    /// The renderer's side: the file and what is buffered for it, used by one thread at a
    /// time (the serial queue, then the caller once the queue is drained).
    final class Writer: Sendable {
        let runbook: Runbook
        private let file: Mutex<Output>

        /// The open spool file and its write buffer.
        struct Output {
            var fd: Int32
            var buffer: [UInt8] = []
            var written = 0
            var failed = false
            var recent = RecentRows()
        }

        convenience init?(runbook: Runbook, directory: String) {
            var template = Array((directory + "/warroom-report-XXXXXX").utf8CString)
            let fd = template.withUnsafeMutableBufferPointer { name in name.baseAddress.map { mkstemp($0) } ?? -1 }
            guard fd >= 0 else { return nil }
            // Unlinked at once: the rows are gone with the process, whatever ends it.
            template.withUnsafeBufferPointer { name in _ = name.baseAddress.map { unlink($0) } }
            self.init(runbook: runbook, fd: fd)
        }

        init(runbook: Runbook, fd: Int32) {
            self.runbook = runbook
            file = Mutex(Output(fd: fd))
            file.withLock { $0.buffer.reserveCapacity(Self.flushAt + 4096) }
        }

        static let flushAt = 1 << 20

        /// Batches handed over and not yet rendered, oldest first.
        private let pending = Mutex<[[Added]]>([])

        /// Queues `events` for `renderNext`.
        func enqueue(_ events: [Added]) {
            pending.withLock { $0.append(events) }
        }

        /// Appends the records of the oldest batch queued.
        func renderNext() {
            var events = pending.withLock { $0.isEmpty ? [] : $0.removeFirst() }
            file.withLock { output in
                guard !output.failed else { return }
                // Moved out of the batch, not copied (`forEachMovingOut`).
                events.forEachMovingOut(leaving: Added(event: .placeholder, line: 0..<0)) { added in
                    let rest = output.recent.rest(of: added.event) { MarkdownReport.logRowRest(added.event, runbook: runbook) }
                    EventLogRecord.append(event: added.event, line: added.line, rest: rest, to: &output.buffer)
                    if output.buffer.count >= Self.flushAt { Self.flush(&output) }
                }
            }
        }

        private static func flush(_ output: inout Output) {
            guard !output.failed else { return }
            var offset = 0
            output.buffer.withUnsafeBytes { bytes in
                guard let base = bytes.baseAddress else { return }
                while offset < bytes.count {
                    let count = write(output.fd, base + offset, bytes.count - offset)
                    if count < 0, errno == EINTR { continue }
                    guard count > 0 else { output.failed = true; return }
                    offset += count
                }
            }
            output.written += offset
            output.buffer.removeAll(keepingCapacity: true)
        }

        /// The file written to its end, as (descriptor, length); nil when a write failed.
        func finish() -> (fd: Int32, length: Int)? {
            file.withLock { output in
                Self.flush(&output)
                return output.failed ? nil : (output.fd, output.written)
            }
        }

        func closeFile() {
            file.withLock { output in
                if output.fd >= 0 { _ = close(output.fd) }
                output.fd = -1
            }
        }
    }
}

/// The rows (`MarkdownReport.logRowRest`) of recent events by operator and kind, so an
/// event like one seen lately (the same step started again, the same page) is not described
/// and escaped again: a fixed number of slots chosen by hash, each holding the latest row
/// that fell there. Notes and updates sent, whose free text hardly ever repeats, are not
/// hashed or kept (hashing their text cost a tenth of the renderer's time).
struct RecentRows {
    static let slotCount = 4096
    private var slots = [(operator: String, kind: EventKind, rest: String)?](repeating: nil, count: RecentRows.slotCount)

    /// The rest of `event`'s row: the one in its slot when the slot holds the same operator
    /// and kind, else `render()`'s, kept in the slot.
    mutating func rest(of event: Event, render: () -> String) -> String {
        switch event.kind {
        case .noteAdded, .communicationSent: return render()
        default: break
        }
        var hasher = Hasher()
        hasher.combine(event.operator)
        hasher.combine(event.kind)
        let slot = Int(UInt(bitPattern: hasher.finalize()) % UInt(Self.slotCount))
        if let held = slots[slot], held.operator == event.operator, held.kind == event.kind { return held.rest }
        let rest = render()
        slots[slot] = (event.operator, event.kind, rest)
        return rest
    }
}

/// One spooled row: sequence number, instant (milliseconds), the event's line in the journal
/// (start, end) as little-endian 64-bit integers, then the rest of the row's length (32 bits)
/// and its UTF-8.
enum EventLogRecord {
    static let fixedLength = 4 * 8 + 4

    static func append(event: Event, line: Range<Int>, rest: String, to buffer: inout [UInt8]) {
        func put<Integer: FixedWidthInteger>(_ value: Integer) {
            withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
        }
        put(Int64(event.sequence))
        put(event.at.milliseconds)
        put(Int64(line.lowerBound))
        put(Int64(line.upperBound))
        var rest = rest
        rest.withUTF8 { bytes in
            put(UInt32(bytes.count))
            buffer.append(contentsOf: bytes)
        }
    }

    /// The record at the start of `bytes`: its fields and its whole length; nil when `bytes`
    /// holds less than a whole record.
    static func read(_ bytes: UnsafeRawBufferPointer) -> (sequence: Int, at: Instant, line: Range<Int>, rest: UnsafeRawBufferPointer, length: Int)? {
        guard bytes.count >= fixedLength else { return nil }
        func int64(_ offset: Int) -> Int64 { Int64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: Int64.self)) }
        let restLength = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 32, as: UInt32.self)))
        guard bytes.count >= fixedLength + restLength else { return nil }
        let start = Int(int64(16)), end = Int(int64(24))
        guard start <= end else { return nil }
        return (Int(int64(0)), Instant(milliseconds: int64(8)), start..<end,
                UnsafeRawBufferPointer(rebasing: bytes[fixedLength..<fixedLength + restLength]), fixedLength + restLength)
    }
}
