import Foundation

/// Durations, deadlines and cadences as runbooks write them in prose, headings and cells.
public enum ImportTiming {
    /// A timing from a cell or phrase: "2 min", "5-10 minutes", "Within 48 hours",
    /// "First 15 Minutes", "First Hour", "Ongoing"; nil when the text is no timing.
    public static func parse(_ raw: String) -> Timing? {
        var text = MarkdownText.plain(raw).lowercased()
        if let paren = MarkdownText.trailingParenthesis(text), !paren.head.isEmpty { text = paren.head }
        if text.has("–") { text = text.replacingOccurrences(of: "–", with: "-") }
        if text.utf8.contains(UInt8(ascii: "+")) { text.removeAll { $0 == "+" } }
        text = text.trimmingSpaces
        if text.hasSuffix(".") { text.removeLast() }
        guard !text.isEmpty, text.count <= 48 else { return nil }
        for prefix in ["first ", "within the first ", "within first "] where text.hasPrefix(prefix) {
            let rest = String(text.dropFirst(prefix.count))
            if let length = length(rest) { return .within(seconds: length) }
        }
        if text.hasPrefix("within ") {
            // "Within 1 Hour of Rollback": the length is the first two words.
            let words = text.dropFirst(7).split(separator: " ")
            if let length = length(words.prefix(2).joined(separator: " ")) ?? words.first.flatMap({ length(String($0)) }) {
                return .within(seconds: length)
            }
        }
        if text.hasPrefix("< ") || text.hasPrefix("<"), let length = length(String(text.drop(while: { $0 == "<" || $0 == " " }))) {
            return .within(seconds: length)
        }
        switch text {
        case "immediately", "immediate", "ongoing", "continuous", "until resolved", "next day":
            return try? Timing.parse(text).get()
        default: break
        }
        if text.hasPrefix("before ") || text.hasPrefix("after ") {
            return text.split(separator: " ").count <= 4 ? try? Timing.parse(text).get() : nil
        }
        guard let first = text.first, first.isNumber else { return nil }
        if let quick = quickLength(text) { return quick }
        return try? Timing.parse(text).get()
    }

    /// "5 min", "5-10 minutes", "2-4 weeks" without the general parser: the same results as
    /// `Timing.parse` for these shapes, nil for anything else.
    static func quickLength(_ text: String) -> Timing? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        switch parts.count {
        case 1:
            guard let seconds = try? DurationText.parseLength(text).get() else { return nil }
            return .exact(seconds: seconds)
        case 2:
            let left = parts[0].trimmingSpaces
            guard let low = Double(left), low >= 0, left.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
                  let high = try? DurationText.parseLength(String(parts[1])).get(),
                  let unit = DurationText.firstUnitSeconds(of: String(parts[1])) else { return nil }
            let lowSeconds = Int((low * Double(unit)).rounded())
            guard lowSeconds <= high else { return nil }
            return lowSeconds == high ? .exact(seconds: lowSeconds) : .range(low: lowSeconds, high: high)
        default:
            return nil
        }
    }

    /// The length an action states for itself: "Monitor for 5 minutes", "Wait 10 min".
    public static func impliedBy(action: String) -> Timing? {
        let words = action.lowercased().split(separator: " ").map(String.init)
        guard let verb = words.first, ["monitor", "watch", "wait", "observe", "soak"].contains(verb), words.count >= 3 else { return nil }
        var tail = Array(words.suffix(2))
        if tail.first == "for", words.count >= 4 { tail = Array(words.suffix(2)) }
        guard let first = tail.first, first.first?.isNumber == true, let seconds = try? DurationText.parseLength(tail.joined(separator: " ")).get() else { return nil }
        let before = words.dropLast(2).last
        guard before == "for" || verb == "wait" else { return nil }
        return .exact(seconds: seconds)
    }

    /// A length: "15 minutes", "hour", "1 hour".
    static func length(_ text: String) -> Int? {
        let words = text.trimmingSpaces
        if let unit = DurationText.unitSeconds(words) { return unit }
        return try? DurationText.parseLength(words).get()
    }

    /// The first "(…)" timing at the end of a heading: "Execute Rollback (3-5 minutes)".
    public static func fromHeading(_ title: String) -> (title: String, timing: Timing?) {
        guard let paren = MarkdownText.trailingParenthesis(title), let timing = parse(paren.inner) else { return (title, nil) }
        return (paren.head, timing)
    }
}

/// A cadence and the hooks and condition found in a timing phrase.
public struct CadencePhrase: Sendable, Hashable {
    public var cadence: Cadence?
    public var hooks: [CommsHook] = []
    public var condition: CommsCondition?

    /// Reads "every 15 minutes", "Every hour", "hourly", "Real-time", "On trigger + hourly",
    /// "If impact > 2 hrs", "Pre-scheduled", "updates will be provided every 10 minutes",
    /// "Next Update: In 15 minutes", "Immediately when rollback initiated", "Immediate Notifications".
    public static func parse(_ raw: String) -> CadencePhrase {
        let text = MarkdownText.plain(raw).lowercased()
        var phrase = CadencePhrase()
        if text.has("on trigger") { phrase.hooks.append(.trigger) }
        if text.has("real-time") || text.has("realtime") || text.has("real time") { phrase.cadence = .realTime }
        else if text.has("pre-scheduled") || text == "scheduled" { phrase.cadence = .scheduled }
        else if text.has("hourly") || text.has("every hour") { phrase.cadence = .every(seconds: 3_600) }
        else if text.has("daily") || text.has("every day") { phrase.cadence = .every(seconds: 86_400) }
        else if let seconds = lengthAfter("every ", in: text) { phrase.cadence = .every(seconds: seconds) }
        else if let seconds = lengthAfter("next update: in ", in: text) { phrase.cadence = .every(seconds: seconds) }
        if let condition = condition(in: text) {
            phrase.condition = condition
            if phrase.cadence == nil { phrase.cadence = .once }
        }
        // "Immediately when …", "Immediate Notifications", "once", "(if needed)": a single message.
        if phrase.cadence == nil, text.hasPrefix("immediate") || text == "once" || text.hasPrefix("if ") { phrase.cadence = .once }
        return phrase
    }

    private static func lengthAfter(_ marker: String, in text: String) -> Int? {
        guard let range = text.textRange(of: marker) else { return nil }
        let words = text[range.upperBound...].split(separator: " ").prefix(2).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ".,;)")) }
        guard let first = words.first else { return nil }
        if let unit = DurationText.unitSeconds(String(first)) { return unit }
        guard words.count == 2 || first.contains(where: \.isLetter) else { return nil }
        let candidate = words.joined(separator: " ")
        if let seconds = try? DurationText.parseLength(candidate).get(), seconds > 0 { return seconds }
        // Never a cadence of zero: the format counts down from a positive length.
        guard let seconds = try? DurationText.parseLength(first).get(), seconds > 0 else { return nil }
        return seconds
    }

    /// "if impact > 2 hrs", "if outage >15 min".
    private static func condition(in text: String) -> CommsCondition? {
        for subject in CommsCondition.Subject.allCases {
            guard let range = text.textRange(of: subject.rawValue) else { continue }
            var rest = text[range.upperBound...].trimmingSpaces
            var op: ComparisonOperator?
            for candidate in [ComparisonOperator.greaterOrEqual, .lessOrEqual, .greater, .less] where rest.hasPrefix(candidate.rawValue) {
                op = candidate
                rest = String(rest.dropFirst(candidate.rawValue.count)).trimmingSpaces
                break
            }
            guard let op else { continue }
            let words = rest.split(separator: " ").prefix(2).joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: ".,;)"))
            if let seconds = try? DurationText.parseLength(words).get() {
                return CommsCondition(subject: subject, op: op, seconds: seconds)
            }
            if let seconds = try? DurationText.parseLength(String(words.split(separator: " ").first ?? "")).get() {
                return CommsCondition(subject: subject, op: op, seconds: seconds)
            }
        }
        return nil
    }
}
