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
