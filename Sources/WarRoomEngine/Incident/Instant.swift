/// A point in time: whole milliseconds since 1970-01-01T00:00:00Z (UTC).
///
/// Journals write instants as ISO 8601 UTC text with milliseconds
/// (`2026-11-24T09:00:00.000Z`); `iso8601` and `init?(iso8601:)` convert both ways
/// without Foundation's formatters, so replay stays fast.
public struct Instant: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Milliseconds since the Unix epoch.
    public var milliseconds: Int64

    public init(milliseconds: Int64) { self.milliseconds = milliseconds }

    /// The instant `seconds` whole seconds after the epoch.
    public init(seconds: Int64) { self.milliseconds = seconds * 1_000 }

    public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.milliseconds < rhs.milliseconds }

    /// This instant moved by `seconds` (may be negative).
    public func adding(seconds: Int) -> Instant { Instant(milliseconds: milliseconds + Int64(seconds) * 1_000) }

    /// This instant moved by `milliseconds`.
    public func adding(milliseconds delta: Int64) -> Instant { Instant(milliseconds: milliseconds + delta) }

    /// Whole seconds from `earlier` to this instant, rounded down (negative when earlier is later).
    public func seconds(since earlier: Instant) -> Int {
        let delta = milliseconds - earlier.milliseconds
        return Int(delta >= 0 ? delta / 1_000 : -((-delta + 999) / 1_000))
    }

    public var description: String { iso8601 }

    /// `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    public var iso8601: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        let ms = appendDateAndTime(separator: 0x54, to: &bytes)
        bytes.append(0x2E); Self.appendDigits(ms % 1_000, 3, to: &bytes); bytes.append(0x5A)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `YYYY-MM-DD HH:MM:SSZ`: the date and the time to the second, in UTC, written straight
    /// to bytes (a report's event log writes one for each of a long incident's events).
    public var dateAndTimeText: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(20)
        appendDateAndTimeText(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `dateAndTimeText`'s UTF-8.
    func appendDateAndTimeText(to bytes: inout [UInt8]) {
        appendDateAndTime(separator: 0x20, to: &bytes)
        bytes.append(0x5A)
    }

    /// Appends `YYYY-MM-DD`, `separator`, `HH:MM:SS`: what both written forms start with;
    /// returns the millisecond of the day.
    @discardableResult
    private func appendDateAndTime(separator: UInt8, to bytes: inout [UInt8]) -> Int64 {
        let (days, ms) = dayAndMillisecond
        let (year, month, day) = Self.civil(fromDays: days)
        Self.appendDigits(year, 4, to: &bytes); bytes.append(0x2D)
        Self.appendDigits(month, 2, to: &bytes); bytes.append(0x2D)
        Self.appendDigits(day, 2, to: &bytes); bytes.append(separator)
        appendTimeOfDay(ms, to: &bytes)
        return ms
    }

    /// Appends `timeOfDay`'s UTF-8.
    func appendTimeOfDay(to bytes: inout [UInt8]) {
        appendTimeOfDay(dayAndMillisecond.millisecond, to: &bytes)
    }

    /// `HH:MM:SS` of this instant in UTC, for timelines and the console's clock.
    public var timeOfDay: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(8)
        appendTimeOfDay(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Days since the epoch and the millisecond of that day (both floored, for instants before 1970 too).
    private var dayAndMillisecond: (day: Int64, millisecond: Int64) {
        var ms = milliseconds % 86_400_000
        var days = milliseconds / 86_400_000
        if ms < 0 { ms += 86_400_000; days -= 1 }
        return (days, ms)
    }

    private func appendTimeOfDay(_ ms: Int64, to bytes: inout [UInt8]) {
        Self.appendDigits(ms / 3_600_000, 2, to: &bytes); bytes.append(0x3A)
        Self.appendDigits((ms / 60_000) % 60, 2, to: &bytes); bytes.append(0x3A)
        Self.appendDigits((ms / 1_000) % 60, 2, to: &bytes)
    }

    /// `value` as exactly `width` decimal digits (zero-padded; the sign and higher digits dropped).
    private static func appendDigits(_ value: Int64, _ width: Int, to bytes: inout [UInt8]) {
        var divisor: UInt64 = 1
        for _ in 1..<width { divisor *= 10 }
        while divisor > 0 {
            bytes.append(0x30 + UInt8((value.magnitude / divisor) % 10))
            divisor /= 10
        }
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.mmm]Z` (UTC only); nil for anything else.
    public init?(iso8601 text: String) {
        var copy = text
        guard let value = copy.withUTF8({ Instant.parse($0[...]) }) else { return nil }
        self = value
    }

    /// Parses the ISO 8601 UTC form from raw bytes.
    static func parse(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Instant? {
        let count = bytes.count
        guard count == 20 || count == 24 else { return nil }
        let base = bytes.startIndex
        func digits(_ offset: Int, _ width: Int) -> Int64? {
            var value: Int64 = 0
            for index in base + offset ..< base + offset + width {
                let byte = bytes[index]
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int64(byte - 0x30)
            }
            return value
        }
        guard bytes[base + 4] == 0x2D, bytes[base + 7] == 0x2D, bytes[base + 10] == 0x54,
              bytes[base + 13] == 0x3A, bytes[base + 16] == 0x3A, bytes[base + count - 1] == 0x5A,
              let year = digits(0, 4), let month = digits(5, 2), let day = digits(8, 2),
              let hour = digits(11, 2), let minute = digits(14, 2), let second = digits(17, 2),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var milli: Int64 = 0
        if count == 24 {
            guard bytes[base + 19] == 0x2E, let value = digits(20, 3) else { return nil }
            milli = value
        }
        let days = civilToDays(year: year, month: month, day: day)
        return Instant(milliseconds: ((days * 24 + hour) * 60 + minute) * 60_000 + second * 1_000 + milli)
    }

    // Howard Hinnant's days-from-civil algorithms (proleptic Gregorian calendar).
    static func civilToDays(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (month <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, month, day)
    }
}
