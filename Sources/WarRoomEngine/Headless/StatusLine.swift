/// The one-line summary for a tmux `status-right`:
/// `INC-42 SEV1 ▶ 4/8 steps · execs due in 3m12s · RTO 41m left` (`docs/notation.md`).
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
            if let elapsed = incident.elapsed { head += " in " + DurationNotation.text(elapsed) }
        case .active:
            if let plan = status.currentPlan {
                head += " \(StepGlyph.symbol(plan.state)) \(plan.done)/\(plan.total) steps"
                if let overrun = plan.steps.first(where: { $0.state == .running && $0.overrun != nil }) {
                    head += " " + alarm("step \(overrun.number) over by \(DurationNotation.text(overrun.overrun ?? 0))")
                }
            } else {
                head += " ▶ deciding"
            }
        }
        parts.append(head)
        if incident.phase == .active, let audience = status.mostUrgentAudience, let dueIn = audience.dueIn {
            let text = "\(clean(audience.id)) \(DurationNotation.due(in: dueIn))"
            parts.append(dueIn < 0 ? alarm(text) : text)
        }
        if let left = incident.rtoLeft {
            let text = "RTO " + DurationNotation.left(left)
            parts.append(left >= 0 ? text : alarm(text))
        }
        return parts.joined(separator: " · ")
    }
}
