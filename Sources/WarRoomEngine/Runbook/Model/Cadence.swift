/// How often an audience must hear from the incident team: `every 15m`, `hourly`, `real-time`.
public enum Cadence: Sendable, Hashable {
    /// An update is due this many seconds after the last one.
    case every(seconds: Int)
    /// Updates flow continuously (a chat channel); nothing is counted down.
    case realTime
    /// One update, when the hooks or condition say so.
    case once
    /// Pre-scheduled outside the incident; nothing is counted down.
    case scheduled

    /// What the cadence grammar accepts, for error messages.
    public static let expectation = "a cadence such as 'every 15m', hourly, daily, real-time, once or scheduled"

    /// Parses the cadence grammar of `docs/runbook-format.md`.
    public static func parse(_ raw: String) -> Result<Cadence, TimingParseError> {
        let text = raw.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        switch text {
        case "hourly": return .success(.every(seconds: 3_600))
        case "daily": return .success(.every(seconds: 86_400))
        case "real-time", "realtime", "real time": return .success(.realTime)
        case "once": return .success(.once)
        case "scheduled", "pre-scheduled": return .success(.scheduled)
        default: break
        }
        if text.hasPrefix("every "), case .success(let seconds) = DurationText.parseLength(String(text.dropFirst(6))), seconds > 0 {
            return .success(.every(seconds: seconds))
        }
        return .failure(TimingParseError(message: "expected \(expectation); found '\(raw)'"))
    }

    /// Seconds between updates, for counted-down cadences.
    public var interval: Int? {
        if case .every(let seconds) = self { return seconds }
        return nil
    }
}

extension Cadence: CustomStringConvertible {
    /// The canonical way to write this cadence.
    public var description: String {
        switch self {
        case .every(3_600): return "hourly"
        case .every(86_400): return "daily"
        case .every(let seconds): return "every \(DurationText.compact(seconds))"
        case .realTime: return "real-time"
        case .once: return "once"
        case .scheduled: return "scheduled"
        }
    }
}

/// An incident event that makes an audience's update due at once.
public enum CommsHook: String, Sendable, Hashable, Codable, CaseIterable {
    case trigger, declare
    case procedureStart = "procedure_start"
    case procedureComplete = "procedure_complete"
    case resolve

    /// Why an update is due when this hook fires: "on procedure start".
    public var reason: String {
        switch self {
        case .trigger: "on trigger"
        case .declare: "on declare"
        case .procedureStart: "on procedure start"
        case .procedureComplete: "on procedure complete"
        case .resolve: "on resolve"
        }
    }
}

/// A condition on the incident's duration that gates an audience: `impact > 2h`.
public struct CommsCondition: Sendable, Hashable {
    /// What is measured: all three subjects mean time since the incident was declared.
    public enum Subject: String, Sendable, Hashable, Codable, CaseIterable {
        case impact, outage, elapsed
    }

    public var subject: Subject
    public var op: ComparisonOperator
    public var seconds: Int

    public init(subject: Subject, op: ComparisonOperator, seconds: Int) {
        self.subject = subject
        self.op = op
        self.seconds = seconds
    }

    /// What the condition grammar accepts, for error messages.
    public static let expectation = "a condition such as 'impact > 2h' (impact, outage or elapsed; >, >=, <, <=; a length)"

    /// Parses the condition grammar of `docs/runbook-format.md`.
    public static func parse(_ raw: String) -> Result<CommsCondition, TimingParseError> {
        let words = raw.split(whereSeparator: \.isWhitespace).map(String.init)
        guard words.count >= 3, let subject = Subject(rawValue: words[0].lowercased()),
              let op = ComparisonOperator(rawValue: words[1]), [.greater, .greaterOrEqual, .less, .lessOrEqual].contains(op),
              case .success(let seconds) = DurationText.parseLength(words[2...].joined(separator: " "))
        else { return .failure(TimingParseError(message: "expected \(expectation); found '\(raw)'")) }
        return .success(CommsCondition(subject: subject, op: op, seconds: seconds))
    }

    /// Whether the condition holds after the incident has run `elapsed` seconds.
    public func holds(elapsed: Int) -> Bool { op.holds(Double(elapsed), Double(seconds)) }
}

extension CommsCondition: CustomStringConvertible {
    public var description: String { "\(subject.rawValue) \(op.rawValue) \(DurationText.compact(seconds))" }
}
