import Foundation

/// The runbook as the documented JSON model (`docs/runbook-format.md`, "The JSON model"):
/// snake_case keys, normalised timings, thresholds and cadences, and `json_version`.
public enum RunbookJSON {
    /// The version of the JSON shape; fields are only ever added within a version.
    public static let version = 1

    /// The runbook as pretty-printed JSON with sorted keys (stable for diffs and tests).
    /// Every control character in strings is written as a `\uXXXX` escape, DEL, C1 and
    /// bidi controls included, so the output is safe to print on a terminal.
    public static func encode(_ runbook: Runbook) throws -> Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return escapingControls(try encoder.encode(Envelope(runbook: runbook)))
    }

    /// JSON text with the controls JSONEncoder leaves raw (DEL, C1, bidi) escaped; they can
    /// only occur inside strings, where `\uXXXX` means the same character.
    static func escapingControls(_ data: Data) -> Data {
        let text = String(decoding: data, as: UTF8.self)
        guard !TextSanitizer.isClean(text.replacingOccurrences(of: "\n", with: "")) else { return data }
        var escaped = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar != "\n", TextSanitizer.isControl(scalar) {
                let hex = String(scalar.value, radix: 16)
                escaped.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
            } else {
                escaped.append(scalar)
            }
        }
        return Data(String(escaped).utf8)
    }

    private struct Envelope: Encodable {
        let runbook: Runbook
        enum Keys: String, CodingKey { case jsonVersion }

        func encode(to encoder: any Encoder) throws {
            try runbook.encode(to: encoder)
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(RunbookJSON.version, forKey: .jsonVersion)
        }
    }
}

extension Timing: Encodable {
    private enum Keys: String, CodingKey { case kind, seconds, low, high, relation, event, text }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(description, forKey: .text)
        switch self {
        case .exact(let seconds):
            try container.encode("exact", forKey: .kind)
            try container.encode(seconds, forKey: .seconds)
        case .range(let low, let high):
            try container.encode("range", forKey: .kind)
            try container.encode(low, forKey: .low)
            try container.encode(high, forKey: .high)
        case .ongoing: try container.encode("ongoing", forKey: .kind)
        case .immediate:
            try container.encode("immediate", forKey: .kind)
            try container.encode(0, forKey: .seconds)
        case .within(let seconds):
            try container.encode("within", forKey: .kind)
            try container.encode(seconds, forKey: .seconds)
        case .untilResolved: try container.encode("until_resolved", forKey: .kind)
        case .nextDay:
            try container.encode("next_day", forKey: .kind)
            try container.encode(86_400, forKey: .seconds)
        case .event(let relation, let event):
            try container.encode("event", forKey: .kind)
            try container.encode(relation, forKey: .relation)
            try container.encode(event, forKey: .event)
        }
    }
}

extension Threshold: Encodable {
    private enum Keys: String, CodingKey { case metric, op, value, unit, windowSeconds, text }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(metric, forKey: .metric)
        try container.encode(op, forKey: .op)
        try container.encode(value, forKey: .value)
        try container.encodeIfPresent(unit, forKey: .unit)
        try container.encodeIfPresent(windowSeconds, forKey: .windowSeconds)
        try container.encode(description, forKey: .text)
    }
}

extension Cadence: Encodable {
    private enum Keys: String, CodingKey { case kind, seconds, text }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(description, forKey: .text)
        switch self {
        case .every(let seconds):
            try container.encode("every", forKey: .kind)
            try container.encode(seconds, forKey: .seconds)
        case .realTime: try container.encode("real_time", forKey: .kind)
        case .once: try container.encode("once", forKey: .kind)
        case .scheduled: try container.encode("scheduled", forKey: .kind)
        }
    }
}

extension CommsCondition: Encodable {
    private enum Keys: String, CodingKey { case subject, op, seconds, text }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(subject, forKey: .subject)
        try container.encode(op, forKey: .op)
        try container.encode(seconds, forKey: .seconds)
        try container.encode(description, forKey: .text)
    }
}
