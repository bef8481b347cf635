/// A machine-readable trigger condition: `METRIC OP VALUE [UNIT] [for LENGTH]`,
/// e.g. `api_error_rate > 15 % for 5m`.
public struct Threshold: Sendable, Hashable {
    /// The metric's name: `api_error_rate`.
    public var metric: String
    /// How the metric compares with the value.
    public var op: ComparisonOperator
    /// The limit.
    public var value: Double
    /// The value's unit, if written: `%`, `ms`, `/min`.
    public var unit: String?
    /// How long the condition must hold, in seconds.
    public var windowSeconds: Int?

    public init(metric: String, op: ComparisonOperator, value: Double, unit: String? = nil, windowSeconds: Int? = nil) {
        self.metric = metric
        self.op = op
        self.value = value
        self.unit = unit
        self.windowSeconds = windowSeconds
    }

    /// What the threshold grammar accepts, for error messages.
    public static let expectation = "a threshold such as 'api_error_rate > 5 % for 5m' (METRIC OP VALUE [UNIT] [for LENGTH])"

    /// Parses the threshold grammar of `docs/runbook-format.md`.
    public static func parse(_ raw: String) -> Result<Threshold, TimingParseError> {
        var words = raw.split(whereSeparator: \.isWhitespace).map(String.init)
        func fail(_ why: String) -> Result<Threshold, TimingParseError> {
            .failure(TimingParseError(message: "\(why); expected \(expectation), found '\(raw)'"))
        }
        var window: Int?
        if let forIndex = words.lastIndex(where: { $0.lowercased() == "for" }) {
            let length = words[(forIndex + 1)...].joined(separator: " ")
            guard case .success(let seconds) = DurationText.parseLength(length) else {
                return fail("expected a length after 'for'")
            }
            window = seconds
            words.removeSubrange(forIndex...)
        }
        guard words.count >= 3 else { return fail("missing parts") }
        let metric = words[0]
        guard let first = metric.unicodeScalars.first, CharacterClass.isASCIILetter(first),
              metric.unicodeScalars.allSatisfy({ CharacterClass.isASCIILetter($0) || CharacterClass.isASCIIDigit($0) || $0 == "_" || $0 == "." })
        else { return fail("'\(metric)' is not a metric name (letters, digits, _ and .)") }
        guard let op = ComparisonOperator(rawValue: words[1]) else {
            return fail("'\(words[1])' is not a comparison (>, >=, <, <=, ==, !=)")
        }
        guard let value = Double(words[2]), value.isFinite else { return fail("'\(words[2])' is not a number") }
        guard words.count <= 4 else { return fail("a unit is one word") }
        return .success(Threshold(metric: metric, op: op, value: value, unit: words.count == 4 ? words[3] : nil, windowSeconds: window))
    }
}

extension Threshold: CustomStringConvertible {
    /// The canonical way to write this threshold; it parses back to the same value.
    public var description: String {
        var text = "\(metric) \(op.rawValue) \(NumberText.plain(value))"
        if let unit { text += " \(unit)" }
        if let windowSeconds { text += " for \(DurationText.compact(windowSeconds))" }
        return text
    }
}

/// A comparison in a threshold or condition.
public enum ComparisonOperator: String, Sendable, Hashable, Codable, CaseIterable {
    case greater = ">", greaterOrEqual = ">=", less = "<", lessOrEqual = "<=", equal = "==", notEqual = "!="

    /// Whether `lhs OP rhs` holds.
    public func holds(_ lhs: Double, _ rhs: Double) -> Bool {
        switch self {
        case .greater: return lhs > rhs
        case .greaterOrEqual: return lhs >= rhs
        case .less: return lhs < rhs
        case .lessOrEqual: return lhs <= rhs
        case .equal: return lhs == rhs
        case .notEqual: return lhs != rhs
        }
    }
}

/// Number formatting without a trailing `.0`.
package enum NumberText {
    package static func plain(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}

/// ASCII character tests for the small grammars of the format.
enum CharacterClass {
    static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }
    static func isASCIIDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }
}
