#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One line of a journal that was skipped, and why.
public struct JournalIssue: Sendable, Hashable, CustomStringConvertible {
    /// The line number, from 1.
    public var line: Int
    public var message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "line \(line): \(message)" }
}

/// Splits journal bytes into lines as they arrive (a whole file, or a tail read after another
/// process appended) and parses them: the header on line 1, then one event a line. Bad lines
/// are reported with their numbers and skipped; everything valid after them is kept.
public struct JournalScanner: Sendable {
    /// The longest line accepted (`JournalLine.maximumLength`); longer ones are reported and
    /// skipped without being held.
    public static let maximumLineLength = JournalLine.maximumLength

    /// The header, once line 1 has been read.
    public private(set) var header: JournalHeader?
    /// Why the header could not be read; the journal cannot be used.
    public private(set) var headerProblem: JournalIssue?
    /// Lines skipped so far.
    public private(set) var issues: [JournalIssue] = []
    /// Complete lines read so far.
    public private(set) var lines = 0
    /// Bytes of complete lines read so far: where the next read starts. A torn tail (bytes
    /// after the last newline) is never consumed: it is read again, whole, next time.
    public private(set) var consumed = 0
    /// The highest sequence number seen.
    public private(set) var lastSequence = 0
    /// Events accepted so far.
    public private(set) var events = 0

    private var carry: [UInt8] = []
    private var carryTooLong = false

    public init() {}

    /// A scanner going on from a checkpoint (`JournalCheckpoint`): as if it had read the
    /// journal's first `consumed` bytes, with these counts.
    init(resuming header: JournalHeader, lines: Int, consumed: Int, lastSequence: Int, events: Int, issues: [JournalIssue]) {
        self.header = header
        self.lines = lines
        self.consumed = consumed
        self.lastSequence = lastSequence
        self.events = events
        self.issues = issues
    }

    /// Feeds the next bytes; `onEvent` gets each valid event of the complete lines in them.
    public mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, onEvent: (Event) -> Void) {
        feed(chunk) { event, _ in onEvent(event) }
    }

    /// Feeds the next bytes; `onEvent` gets each valid event of the complete lines in them
    /// and where its line is in the journal (its bytes with the newline, counted from the
    /// journal's start).
    public mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, onEvent: (Event, Range<Int>) -> Void) {
        var start = 0
        let count = chunk.count
        while start < count {
            guard let newline = Self.newline(in: chunk, from: start) else {
                if !carryTooLong {
                    carry.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[start..<count]))
                    if carry.count > Self.maximumLineLength { carryTooLong = true; carry = [] }
                }
                consumedPending += count - start
                return
            }
            if carry.isEmpty && !carryTooLong {
                if newline - start > Self.maximumLineLength {
                    lines += 1
                    issues.append(JournalIssue(line: lines, message: "line longer than \(Self.maximumLineLength) bytes; skipped"))
                } else {
                    let line = consumed..<consumed + consumedPending + newline - start + 1
                    handle(chunk, start..<newline) { onEvent($0, line) }
                }
            } else {
                if !carryTooLong { carry.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[start..<newline])) }
                if carryTooLong || carry.count > Self.maximumLineLength {
                    lines += 1
                    issues.append(JournalIssue(line: lines, message: "line longer than \(Self.maximumLineLength) bytes; skipped"))
                } else {
                    let bytes = carry, line = consumed..<consumed + consumedPending + newline - start + 1
                    bytes.withUnsafeBufferPointer { handle($0, 0..<$0.count) { onEvent($0, line) } }
                }
                carry = []
                carryTooLong = false
            }
            consumed += consumedPending + (newline - start) + 1
            consumedPending = 0
            start = newline + 1
        }
    }

    /// Bytes of the current unfinished line.
    private var consumedPending = 0

    /// Ends one read that reached the end of the file, for a reader that reads again later
    /// (a live session): bytes after the last newline are dropped, not held, so the next read
    /// starts at `consumed` and sees them again (or sees what a writer put in their place).
    /// Returns how many bytes were dropped.
    @discardableResult
    public mutating func endRead() -> Int {
        let dropped = consumedPending
        consumedPending = 0
        carry = []
        carryTooLong = false
        return dropped
    }

    /// Ends the input for good: an unfinished last line is a torn write, reported and skipped.
    public mutating func finish() {
        guard consumedPending > 0 else { return }
        issues.append(Self.tornTail(line: lines + 1, bytes: consumedPending))
        endRead()
    }

    /// The issue for a torn tail of `bytes` bytes on `line`.
    public static func tornTail(line: Int, bytes: Int, then outcome: String = "skipped") -> JournalIssue {
        JournalIssue(line: line, message: "torn last line (\(bytes) bytes with no newline: the write was cut short, never acknowledged); \(outcome)")
    }

    private static func startsWithByteOrderMark(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        range.count >= 3 && bytes[range.lowerBound] == 0xEF && bytes[range.lowerBound + 1] == 0xBB && bytes[range.lowerBound + 2] == 0xBF
    }

    private static func newline(in chunk: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = chunk.baseAddress, start < chunk.count,
              let found = memchr(base + start, 0x0A, chunk.count - start) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// The event on a line read in full (any JSON form); nil, with the issue recorded, when
    /// the line is not a valid event.
    private mutating func parsedInFull(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Event? {
        let value: JSONValue
        do throws(JSONParser.Failure) {
            value = try JSONParser.parse(bytes, range: range)
        } catch {
            let bom = Self.startsWithByteOrderMark(bytes, range) ? " (it starts with a UTF-8 byte order mark, EF BB BF)" : ""
            issues.append(JournalIssue(line: lines, message: "not valid JSON (\(error))\(bom); skipped"))
            return nil
        }
        do throws(EventJSON.Failure) {
            return try EventJSON.event(from: value)
        } catch {
            issues.append(JournalIssue(line: lines, message: "\(error.message); skipped"))
            return nil
        }
    }

    private mutating func handle(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, onEvent: (Event) -> Void) {
        lines += 1
        var isBlank = true
        for index in range where bytes[index] != 0x20 && bytes[index] != 0x0D && bytes[index] != 0x09 { isBlank = false; break }
        if lines == 1 || header == nil && headerProblem == nil {
            guard !isBlank else {
                headerProblem = JournalIssue(line: lines, message: "expected the journal header; found an empty line")
                return
            }
            var range = range
            if Self.startsWithByteOrderMark(bytes, range) {
                range = range.lowerBound + 3..<range.upperBound
                issues.append(JournalIssue(line: lines, message: "a UTF-8 byte order mark (EF BB BF) before the header; ignored (journals are UTF-8 without one)"))
            }
            do throws(EventJSON.Failure) {
                let value: JSONValue
                do throws(JSONParser.Failure) {
                    value = try JSONParser.parse(bytes, range: range)
                } catch {
                    throw EventJSON.Failure(message: "expected the journal header; the line is not valid JSON (\(error))")
                }
                header = try JournalHeader.parse(value)
            } catch {
                headerProblem = JournalIssue(line: lines, message: error.message)
            }
            return
        }
        guard headerProblem == nil, !isBlank else { return }
        guard let event = EventLineDecoder.event(bytes, range) ?? parsedInFull(bytes, range) else { return }
        guard event.sequence > lastSequence else {
            issues.append(JournalIssue(line: lines, message: "sequence \(event.sequence) does not follow \(lastSequence); skipped"))
            return
        }
        lastSequence = event.sequence
        events += 1
        onEvent(event)
    }
}
