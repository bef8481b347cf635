/// Lengths of time as every output writes them (`docs/notation.md`): always with units,
/// the two largest units that apply, rounded down — `0s`, `45s`, `9m15s`, `1h22m`, `1d20h`.
/// Never `m:ss` or `h:mm:ss`, which read as clock times.
public enum DurationNotation {
    /// `45s`, `9m`, `9m15s`, `1h`, `1h22m`, `1d`, `1d20h`; negative lengths get a `-`.
    public static func text(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : ""
        let value = abs(seconds)
        func pair(_ big: Int, _ bigUnit: String, _ small: Int, _ smallUnit: String) -> String {
            sign + "\(big)\(bigUnit)" + (small > 0 ? "\(small)\(smallUnit)" : "")
        }
        if value < 60 { return sign + "\(value)s" }
        if value < 3_600 { return pair(value / 60, "m", value % 60, "s") }
        if value < 86_400 { return pair(value / 3_600, "h", (value % 3_600) / 60, "m") }
        return pair(value / 86_400, "d", (value % 86_400) / 3_600, "h")
    }

    /// A length with an explicit sign, for differences: `+9m15s`, `-2m`, `0s`.
    public static func signed(_ seconds: Int) -> String {
        seconds > 0 ? "+" + text(seconds) : text(seconds)
    }

    /// A countdown in words: `due in 9m35s`, or `overdue by 1m22s` once negative.
    public static func due(in seconds: Int) -> String {
        seconds >= 0 ? "due in \(text(seconds))" : "overdue by \(text(-seconds))"
    }

    /// What is left of a budget: `3h left`, or `exceeded by 16h14m` once negative.
    public static func left(_ seconds: Int) -> String {
        seconds >= 0 ? "\(text(seconds)) left" : "exceeded by \(text(-seconds))"
    }

    /// An estimate range: `2m`, `1h-2h`, `5m-10m`.
    public static func range(_ best: Int, _ worst: Int) -> String {
        best == worst ? text(best) : "\(text(best))-\(text(worst))"
    }
}
