/// Instants as every output writes them (`docs/notation.md`): UTC, marked `Z`; the time of
/// day alone (`09:35:12Z`) while the incident stays within one UTC day, with the date
/// (`2026-11-25 00:04:10Z`) once it spans more than one day or for an instant on another day.
public struct InstantNotation: Sendable, Hashable {
    /// The UTC day (days since 1970-01-01) the incident lives on, when it is only one; nil
    /// when it spans several, so every instant carries its date.
    public var singleDay: Int64?

    /// The notation for an incident that runs from `start` to `end` (both included).
    public init(from start: Instant, to end: Instant) {
        singleDay = start.utcDay == end.utcDay ? start.utcDay : nil
    }

    /// A notation that always writes the date.
    public static let dated = InstantNotation(singleDay: nil)

    init(singleDay: Int64?) { self.singleDay = singleDay }

    /// `09:35:12Z`, or `2026-11-25 00:04:10Z` when the date is needed.
    public func text(_ instant: Instant) -> String {
        needsDate(instant) ? Self.dateAndTime(instant) : instant.timeOfDay + "Z"
    }

    /// `09:35Z` or `2026-11-25 00:04Z`: to the minute, for lines that read at a glance.
    public func minutes(_ instant: Instant) -> String {
        let full = text(instant)
        return String(full.dropLast(4)) + "Z"
    }

    /// `23:28:38` (or `23:28` without `seconds`), with the month and day in front
    /// (`11-24 23:28:38`) when the date is needed: for the console's rows, where every column
    /// counts and the header says the clock is UTC.
    public func compact(_ instant: Instant, seconds: Bool = true) -> String {
        let time = seconds ? instant.timeOfDay : String(instant.timeOfDay.prefix(5))
        guard needsDate(instant) else { return time }
        return String(instant.iso8601.dropFirst(5).prefix(5)) + " " + time
    }

    /// `due at 09:35:12Z`.
    public func dueAt(_ instant: Instant) -> String { "due at " + text(instant) }

    /// Whether `instant` needs its date written.
    public func needsDate(_ instant: Instant) -> Bool { singleDay.map { $0 != instant.utcDay } ?? true }

    /// `2026-11-25 00:04:10Z`.
    public static func dateAndTime(_ instant: Instant) -> String { instant.dateAndTimeText }
}

extension Instant {
    /// The UTC day of this instant: whole days since 1970-01-01 (floored).
    public var utcDay: Int64 {
        let days = milliseconds / 86_400_000
        return milliseconds % 86_400_000 < 0 ? days - 1 : days
    }
}
