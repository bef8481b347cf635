/// The one-line summary for a tmux `status-right`:
/// `INC-42 SEV1 ▶ 4/8 steps · execs due 03:12 · RTO 41m left`.
public enum StatusLine {
    /// The summary; with `tmux`, overdue and exceeded parts are coloured with tmux's
    /// `#[fg=red]` and any `#` in runbook text is doubled so tmux shows it as written.
    public static func render(_ status: Status, incidentID: String, tmux: Bool = false) -> String {
        func clean(_ text: String) -> String {
            let safe = TextSanitizer.line(text)
            return tmux ? safe.replacingAll("#", with: "##") : safe
        }
        func alarm(_ text: String) -> String { tmux ? "#[fg=red,bold]\(text)#[default]" : text }
        var parts: [String] = []
        let incident = status.incident
        var head = clean(incidentID)
        if let severity = incident.severity { head += " " + clean(severity) }
        switch incident.phase {
        case .undeclared:
            return head + " · not declared"
        case .resolved:
            head += " ✓ resolved"
            if let elapsed = incident.elapsed { head += " in " + DurationText.short(elapsed) }
        case .active:
            if let plan = status.currentPlan {
                let symbol = plan.state == .running ? "▶" : (plan.state == .completed ? "✓" : "✗")
                head += " \(symbol) \(plan.done)/\(plan.total) steps"
                if let overrun = plan.steps.first(where: { $0.state == .running && $0.overrun != nil }) {
                    head += " " + alarm("step \(overrun.number) +\(DurationText.short(overrun.overrun ?? 0))")
                }
            } else {
                head += " ▶ deciding"
            }
        }
        parts.append(head)
        if incident.phase == .active, let audience = status.mostUrgentAudience, let dueIn = audience.dueIn {
            if dueIn < 0 {
                parts.append(alarm("\(clean(audience.id)) overdue \(DurationText.countdown(-dueIn))"))
            } else {
                parts.append("\(clean(audience.id)) due \(DurationText.countdown(dueIn))")
            }
        }
        if let left = incident.rtoLeft {
            parts.append(left >= 0 ? "RTO \(DurationText.short(left)) left" : alarm("RTO exceeded \(DurationText.short(-left))"))
        }
        return parts.joined(separator: " · ")
    }
}

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

extension String {
    /// Every occurrence of `target` replaced (no Foundation).
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        for character in self { if character == target { result += replacement } else { result.append(character) } }
        return result
    }
}
