import Foundation

/// Reading and writing lengths of time as runbooks write them (`2m`, `1h30m`, `4 hours`).
public enum DurationText {
    private static let units: [(names: Set<String>, seconds: Int)] = [
        (["s", "sec", "secs", "second", "seconds"], 1),
        (["m", "min", "mins", "minute", "minutes"], 60),
        (["h", "hr", "hrs", "hour", "hours"], 3_600),
        (["d", "day", "days"], 86_400),
        (["w", "wk", "wks", "week", "weeks"], 604_800),
        (["mo", "month", "months"], 2_592_000),
    ]

    /// Seconds per unit name, or nil for an unknown unit.
    static func unitSeconds(_ name: String) -> Int? {
        units.first { $0.names.contains(name) }?.seconds
    }

    /// Parses one or more `NUMBER UNIT` parts: `2m`, `1h30m`, `1h 30m`, `1.5 hours`.
    public static func parseLength(_ raw: String) -> Result<Int, TimingParseError> {
        guard let parts = lengthParts(raw.lowercased()), !parts.isEmpty else {
            return .failure(TimingParseError(message: "expected a length such as 2m, 90s, 1h30m or 4 hours; found '\(raw)'"))
        }
        var total = 0.0
        for part in parts {
            guard let unit = unitSeconds(part.unit) else {
                return .failure(TimingParseError(message: "unknown unit '\(part.unit)' in '\(raw)' (use s, m, h, d or w)"))
            }
            total += part.number * Double(unit)
        }
        guard total.isFinite, total < 3.2e9 else {
            return .failure(TimingParseError(message: "length '\(raw)' is too large"))
        }
        return .success(Int(total.rounded()))
    }

    /// The seconds of the first part's unit in a length: 60 for "10m".
    static func firstUnitSeconds(of raw: String) -> Int? {
        lengthParts(raw.lowercased())?.first.flatMap { unitSeconds($0.unit) }
    }

    /// Splits "1h 30m" into [(1, "h"), (30, "m")]; nil if the text is not of that shape
    /// (a number without a unit, stray characters).
    private static func lengthParts(_ text: String) -> [(number: Double, unit: String)]? {
        var parts: [(Double, String)] = []
        var index = text.startIndex
        func skipSpaces() { while index < text.endIndex, text[index] == " " { index = text.index(after: index) } }
        skipSpaces()
        while index < text.endIndex {
            let numberStart = index
            while index < text.endIndex, text[index].isASCII, text[index].isNumber || text[index] == "." {
                index = text.index(after: index)
            }
            guard let number = Double(text[numberStart..<index]), number >= 0 else { return nil }
            skipSpaces()
            let unitStart = index
            while index < text.endIndex, text[index].isASCII, text[index].isLetter { index = text.index(after: index) }
            let unit = String(text[unitStart..<index])
            guard !unit.isEmpty else { return nil }
            parts.append((number, unit))
            skipSpaces()
        }
        return parts
    }

    /// The shortest way to write a length: `2m`, `1h30m`, `4h`, `2d`, `2w`, `45s`.
    public static func compact(_ seconds: Int) -> String {
        if seconds == 0 { return "0m" }
        if seconds % 2_592_000 == 0 { return "\(seconds / 2_592_000)mo" }
        if seconds % 604_800 == 0 { return "\(seconds / 604_800)w" }
        if seconds % 86_400 == 0, seconds >= 3 * 86_400 { return "\(seconds / 86_400)d" }
        var rest = seconds
        var text = ""
        if rest >= 3_600 { text += "\(rest / 3_600)h"; rest %= 3_600 }
        if rest >= 60 { text += "\(rest / 60)m"; rest %= 60 }
        if rest > 0 { text += "\(rest)s" }
        return text
    }

    /// A range written with one unit where both ends share it: `5-10m`, else `1h-1h30m`.
    public static func range(_ low: Int, _ high: Int) -> String {
        for unit in [2_592_000, 604_800, 86_400, 3_600, 60] where low % unit == 0 && high % unit == 0 && high >= unit && (unit != 86_400 || high >= 3 * 86_400) {
            let suffix = compact(unit).dropFirst()
            return "\(low / unit)-\(high / unit)\(suffix)"
        }
        return "\(compact(low))-\(compact(high))"
    }
}
