// Lengths of time written for summaries, tables and status bars.

extension DurationText {
    /// A rounded-down human length for summaries: `45s`, `41m`, `1h05m`, `2d3h`.
    public static func short(_ seconds: Int) -> String {
        let value = max(0, seconds)
        if value < 60 { return "\(value)s" }
        if value < 3_600 { return "\(value / 60)m" }
        if value < 86_400 {
            let minutes = (value % 3_600) / 60
            return "\(value / 3_600)h" + (minutes < 10 ? "0\(minutes)m" : "\(minutes)m")
        }
        return "\(value / 86_400)d\((value % 86_400) / 3_600)h"
    }

    /// A countdown as a status bar shows it: `03:12`, `59:59`, `1:02:03`.
    public static func countdown(_ seconds: Int) -> String {
        let text = clock(max(0, seconds))
        return text.count == 4 ? "0" + text : text
    }

    /// A signed exact length for tables: `3m`, `1m30s`, `-2m`, `0s`.
    public static func signed(_ seconds: Int) -> String {
        if seconds == 0 { return "0s" }
        return (seconds < 0 ? "-" : "") + (abs(seconds) < 60 ? "\(abs(seconds))s" : compact(abs(seconds)))
    }
}
