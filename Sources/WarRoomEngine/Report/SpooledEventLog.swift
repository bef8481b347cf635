#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The event log of an `EventLogSpool`, finished: every row in order, its time written in the
/// report's notation, a retracted event's row rendered again (void) from its journal line.
/// When the spool could not be written, the rows come from reading the journal again.
public struct SpooledEventLog: ReportEventLog {
    let spool: EventLogSpool
    let runbook: Runbook
    let state: IncidentState
    let journal: String
    public let count: Int

    public func rows(notation: InstantNotation, _ row: (UnsafeRawBufferPointer) -> Void) throws(JournalError) {
        guard let spool = spool.finishWriting() else {
            let path = journal, count = count
            let again = StreamedEventLog(runbook: runbook, state: state, count: count) { (body: (Event) -> Void) throws(JournalError) in
                try JournalReader.events(path: path, limit: count, onEvent: body)
            }
            return try again.rows(notation: notation, row)
        }
        let retractions = EventText.retractionsBySequence(state)
        var line: [UInt8] = []
        line.reserveCapacity(512)
        var journalFile: JournalFile?
        var times = NotatedTimes()
        let chunkSize = 1 << 20
        var pending: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        var position = 0
        while position < spool.length {
            let read = buffer.withUnsafeMutableBytes { pread(spool.fd, $0.baseAddress, min(chunkSize, spool.length - position), off_t(position)) }
            if read < 0, errno == EINTR { continue }
            guard read > 0 else { throw JournalError(.io, path: journal, "cannot read back the report's event log: \(String(cString: strerror(errno)))") }
            position += read
            pending.append(contentsOf: buffer[0..<read])
            var used = 0
            var failure: JournalError?
            pending.withUnsafeBytes { bytes in
                while let record = EventLogRecord.read(UnsafeRawBufferPointer(rebasing: bytes[used...])) {
                    used += record.length
                    guard let retraction = retractions[record.sequence] else {
                        line.removeAll(keepingCapacity: true)
                        line.append(contentsOf: [0x7C, 0x20])  // "| "
                        Self.appendDecimal(record.sequence, to: &line)
                        line.append(contentsOf: [0x20, 0x7C, 0x20])  // " | "
                        times.append(record.at, in: notation, to: &line)
                        line.append(contentsOf: [0x20, 0x7C])  // " |"
                        line.append(contentsOf: record.rest)
                        line.withUnsafeBytes { row($0) }
                        continue
                    }
                    do throws(JournalError) {
                        let file: JournalFile
                        if let open = journalFile { file = open } else { file = try JournalFile(path: journal, access: .read) }
                        journalFile = file
                        let event = try Self.event(record.sequence, at: record.line, in: file)
                        let text = EventText.voidMark(retraction) + EventText.describe(event, runbook: runbook, whole: true)
                        var void = MarkdownReport.logRow(event.sequence, event.at, by: event.operator, text, notation: notation)
                        void.withUTF8 { row(UnsafeRawBufferPointer($0)) }
                    } catch {
                        failure = error
                        return
                    }
                }
            }
            if let failure { throw failure }
            pending.removeFirst(used)
        }
        guard pending.isEmpty else { throw JournalError(.io, path: journal, "the report's event log was cut short") }
    }

    /// Appends `value` in decimal (as `"\(value)"` writes it).
    static func appendDecimal(_ value: Int, to bytes: inout [UInt8]) {
        if value < 0 { bytes.append(0x2D) }
        let start = bytes.count
        var rest = value.magnitude
        repeat {
            bytes.append(0x30 + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        bytes[start...].reverse()
    }

    /// The event with `sequence` on the journal's `line` (read again: a row marked void).
    private static func event(_ sequence: Int, at line: Range<Int>, in file: JournalFile) throws(JournalError) -> Event {
        var bytes: [UInt8] = []
        try file.read(from: line.lowerBound, chunkSize: max(4096, line.count)) { chunk in
            bytes.append(contentsOf: chunk.prefix(line.count - bytes.count))
            return bytes.count < line.count
        }
        let changed = JournalError(.invalid, path: file.path, "line of event #\(sequence) changed while the report was written")
        guard bytes.count == line.count else { throw changed }
        let end = bytes.last == 0x0A ? bytes.count - 1 : bytes.count
        do {
            let event = try bytes.withUnsafeBufferPointer { buffer in try EventJSON.event(from: try JSONParser.parse(buffer, range: 0..<end)) }
            guard event.sequence == sequence else { throw changed }
            return event
        } catch {
            throw changed
        }
    }
}

/// `InstantNotation.text` of one instant after another, as UTF-8, the date (when the
/// notation writes one) made once per day: a long incident's event log writes a million of
/// them, on a handful of days.
struct NotatedTimes {
    private var day: Int64?
    private var date: [UInt8] = []

    mutating func append(_ instant: Instant, in notation: InstantNotation, to bytes: inout [UInt8]) {
        if notation.needsDate(instant) {
            if day != instant.utcDay {
                date.removeAll(keepingCapacity: true)
                instant.appendDateAndTimeText(to: &date)
                date.removeLast(9)  // "HH:MM:SSZ"
                day = instant.utcDay
            }
            bytes.append(contentsOf: date)
        }
        instant.appendTimeOfDay(to: &bytes)
        bytes.append(0x5A)
    }
}
