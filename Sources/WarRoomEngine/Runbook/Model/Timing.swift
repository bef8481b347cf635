import Foundation

/// How long something takes or when it is due, as runbooks write it: `2m`, `5-10m`,
/// `ongoing`, `within 4h`, `until resolved`, `next day`, `after restoration`.
///
/// All lengths are whole seconds. Deadlines (`immediate`, `within`, `nextDay`) are relative
/// to the start of the procedure or plan that holds them.
public enum Timing: Sendable, Hashable {
    /// Takes this long.
    case exact(seconds: Int)
    /// Takes between `low` and `high` seconds.
    case range(low: Int, high: Int)
    /// Runs until the procedure ends; no estimate.
    case ongoing
    /// Due at once.
    case immediate
    /// Due this long after the start.
    case within(seconds: Int)
    /// Lasts until the incident is resolved.
    case untilResolved
    /// Due the next day (counted as 24 hours).
    case nextDay
    /// Tied to an event, kept as written ("before retry", "after restoration").
    case event(relation: EventRelation, event: String)

    /// Whether an event-tied timing comes before or after its event.
    public enum EventRelation: String, Sendable, Hashable, Codable {
        case before, after
    }

    /// The best and worst case length, for timings that have an estimate.
    public var estimate: (best: Int, worst: Int)? {
        switch self {
        case .exact(let seconds): return (seconds, seconds)
        case .range(let low, let high): return (low, high)
        default: return nil
        }
    }

    /// Seconds after the start by which it is due, for deadline timings.
    public var deadline: Int? {
        switch self {
        case .immediate: return 0
        case .within(let seconds): return seconds
        case .nextDay: return 86_400
        default: return nil
        }
    }

    /// Whether this is a single length (`4h`), the only form `length` keys accept.
    public var isExactLength: Bool {
        if case .exact = self { return true }
        return false
    }
}

extension Timing: CustomStringConvertible {
    /// The canonical way to write this timing; it parses back to the same value.
    public var description: String {
        switch self {
        case .exact(let seconds): return DurationText.compact(seconds)
        case .range(let low, let high): return DurationText.range(low, high)
        case .ongoing: return "ongoing"
        case .immediate: return "immediate"
        case .within(let seconds): return "within \(DurationText.compact(seconds))"
        case .untilResolved: return "until resolved"
        case .nextDay: return "next day"
        case .event(let relation, let event): return "\(relation.rawValue) \(event)"
        }
    }
}

// MARK: - Parsing

extension Timing {
    /// What the timing grammar accepts, for error messages.
    public static let expectation =
        "a timing such as 2m, 1h30m, 5-10m, 30-60 min, ongoing, immediate, within 4h, until resolved, next day or after restoration"

    /// Parses the timing grammar of `docs/runbook-format.md`.
    public static func parse(_ raw: String) -> Result<Timing, TimingParseError> {
        let text = raw.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        switch text {
        case "": return .failure(TimingParseError(message: "expected \(expectation); found nothing"))
        case "ongoing", "continuous": return .success(.ongoing)
        case "immediate", "immediately": return .success(.immediate)
        case "until resolved": return .success(.untilResolved)
        case "next day": return .success(.nextDay)
        default: break
        }
        for relation in [EventRelation.before, .after] where text.hasPrefix(relation.rawValue + " ") {
            let event = String(text.dropFirst(relation.rawValue.count + 1))
            return .success(.event(relation: relation, event: event))
        }
        if text.hasPrefix("within ") {
            let rest = String(text.dropFirst("within ".count))
            if case .success(let seconds) = DurationText.parseLength(rest) {
                return .success(.within(seconds: seconds))
            }
            return .failure(TimingParseError(message: "expected a length after 'within' (within 4h, within 30 min); found '\(raw)'"))
        }
        if let range = parseRange(text) {
            return range.mapError { TimingParseError(message: "\($0.message) in '\(raw)'") }
        }
        switch DurationText.parseLength(text) {
        case .success(let seconds): return .success(.exact(seconds: seconds))
        case .failure: return .failure(TimingParseError(message: "expected \(expectation); found '\(raw)'"))
        }
    }

    /// `5-10m`, `30-60 min`, `1h-2h`, `5 to 10 minutes`; nil when the text is no range at all.
    private static func parseRange(_ text: String) -> Result<Timing, TimingParseError>? {
        // A byte search and the standard library's trim, not Foundation's: a runbook's every
        // timing is parsed at each `warroom status`.
        var found: (separator: String, range: Range<String.Index>)?
        for separator in ["-", " to ", "–"] {
            if let range = text.textRange(of: separator) { found = (separator, range); break }
        }
        guard let (separator, split) = found else { return nil }
        let left = String(text[..<split.lowerBound]).trimmed
        let right = String(text[split.upperBound...]).trimmed
        guard case .success(let high) = DurationText.parseLength(right) else {
            return .failure(TimingParseError(message: "expected a length after '\(separator.trimmed)'"))
        }
        let low: Int
        if let number = Double(left), number >= 0 {
            // A bare low end takes the unit of the high end's first part: "5-10m", "30-60 min".
            guard let unit = DurationText.firstUnitSeconds(of: right) else { return nil }
            let seconds = (number * Double(unit)).rounded()
            guard seconds <= Double(high) else {
                return .failure(TimingParseError(message: "the low end of a range must not exceed the high end"))
            }
            low = Int(seconds)
        } else if case .success(let seconds) = DurationText.parseLength(left) {
            low = seconds
        } else {
            return .failure(TimingParseError(message: "expected a number or length before '-'"))
        }
        guard low <= high else {
            return .failure(TimingParseError(message: "the low end of a range must not exceed the high end"))
        }
        return .success(low == high ? .exact(seconds: low) : .range(low: low, high: high))
    }
}

/// Why a timing did not parse.
public struct TimingParseError: Error, Sendable, Hashable {
    /// What was expected and what was found.
    public let message: String
}

