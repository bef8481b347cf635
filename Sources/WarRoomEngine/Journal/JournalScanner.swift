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
    /// The longest line accepted; longer ones are reported and skipped without being held.
    public static let maximumLineLength = 1 << 20

    /// The header, once line 1 has been read.
    public private(set) var header: JournalHeader?
    /// Why the header could not be read; the journal cannot be used.
    public private(set) var headerProblem: JournalIssue?
    /// Lines skipped so far.
    public private(set) var issues: [JournalIssue] = []
    /// Complete lines read so far.
    public private(set) var lines = 0
    /// Bytes of complete lines read so far: where the next read starts.
    public private(set) var consumed = 0
    /// The highest sequence number seen.
    public private(set) var lastSequence = 0
    /// Events accepted so far.
    public private(set) var events = 0

    private var carry: [UInt8] = []
    private var carryTooLong = false

    public init() {}

    /// Feeds the next bytes; `onEvent` gets each valid event of the complete lines in them.
    public mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, onEvent: (Event) -> Void) {
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
                handle(chunk, start..<newline, onEvent: onEvent)
            } else {
                if !carryTooLong { carry.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[start..<newline])) }
                if carryTooLong || carry.count > Self.maximumLineLength {
                    lines += 1
                    issues.append(JournalIssue(line: lines, message: "line longer than \(Self.maximumLineLength) bytes; skipped"))
                } else {
                    let line = carry
                    line.withUnsafeBufferPointer { handle($0, 0..<$0.count, onEvent: onEvent) }
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

    /// Every byte fed so far, complete lines or not: where the next read of the file starts.
    public var fed: Int { consumed + consumedPending }

    /// Whether bytes of an unfinished line (no newline yet) are held.
    public var hasPartialLine: Bool { consumedPending > 0 }

    /// Ends the input: an unfinished last line is a torn write, reported and skipped.
    public mutating func finish() {
        guard consumedPending > 0 else { return }
        issues.append(JournalIssue(line: lines + 1, message: "torn last line (\(consumedPending) bytes with no newline: the write was cut short); skipped"))
        carry = []
        carryTooLong = false
    }

    private static func newline(in chunk: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = chunk.baseAddress, start < chunk.count,
              let found = memchr(base + start, 0x0A, chunk.count - start) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
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
        let value: JSONValue
        do throws(JSONParser.Failure) {
            value = try JSONParser.parse(bytes, range: range)
        } catch {
            issues.append(JournalIssue(line: lines, message: "not valid JSON (\(error)); skipped"))
            return
        }
        let event: Event
        do throws(EventJSON.Failure) {
            event = try EventJSON.event(from: value)
        } catch {
            issues.append(JournalIssue(line: lines, message: "\(error.message); skipped"))
            return
        }
        guard event.sequence > lastSequence else {
            issues.append(JournalIssue(line: lines, message: "sequence \(event.sequence) does not follow \(lastSequence); skipped"))
            return
        }
        lastSequence = event.sequence
        events += 1
        onEvent(event)
    }
}
