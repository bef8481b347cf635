/// The status as readable text, for `warroom replay --format text`.
public enum StatusText {
    public static func render(_ status: Status, incidentID: String) -> String {
        var out: [String] = []
        let s = TextSanitizer.line
        let incident = status.incident
        out.append("Status at \(status.at.iso8601)")
        var head = "  \(s(incidentID))"
        if let severity = incident.severity { head += " \(s(severity))" }
        if let title = incident.title { head += " — \(s(title))" }
        head += " (\(incident.phase.rawValue))"
        out.append(head)
        var figures: [String] = []
        if let elapsed = incident.elapsed { figures.append("elapsed \(DurationText.clock(elapsed))") }
        if let left = incident.rtoLeft { figures.append(left >= 0 ? "RTO \(DurationText.clock(left)) left" : "RTO exceeded by \(DurationText.clock(-left))") }
        if let decision = incident.timeToDecision { figures.append("time to decision \(DurationText.clock(decision))") }
        if !figures.isEmpty { out.append("  " + figures.joined(separator: " · ")) }
        for tree in status.trees where !tree.path.isEmpty || incident.phase == .active {
            var line = "  tree \(s(tree.id)): "
            line += tree.path.isEmpty ? "not started" : tree.path.map { "\(s($0.answer))" }.joined(separator: " → ")
            if let outcome = tree.outcome { line += " ⇒ \(s(tree.outcomeTitle ?? outcome))" } else if let question = tree.question { line += " · now: \(s(question))" }
            if let limit = tree.timeLimit, let spent = tree.timeSpent {
                line += " · \(DurationText.clock(spent)) of \(DurationText.clock(limit)) limit"
                if let left = tree.timeLeft, left < 0 { line += " (over by \(DurationText.clock(-left)))" }
            }
            out.append(line)
        }
        for plan in status.plans {
            var line = "  procedure \(s(plan.id)) — \(plan.state.rawValue), \(plan.done)/\(plan.total) steps"
            if let progress = plan.estimatedProgress { line += ", \(Int((progress * 100).rounded()))% by estimate" }
            line += ", elapsed \(DurationText.clock(plan.elapsed))"
            if let eta = plan.eta {
                line += eta.best == eta.worst ? ", ETA \(DurationText.clock(eta.best))" : ", ETA \(DurationText.clock(eta.best))–\(DurationText.clock(eta.worst))"
                if plan.unestimatedLeft > 0 { line += " (+\(plan.unestimatedLeft) unestimated)" }
            }
            if !plan.approvalsRequired.isEmpty {
                line += ", approvals \(plan.approvalsRecorded.count)/\(plan.approvalsRequired.count)"
            }
            out.append(line)
            for step in plan.steps {
                let mark: String
                switch step.state {
                case .pending: mark = "·"
                case .running: mark = "▶"
                case .done: mark = "✓"
                case .skipped: mark = "↷"
                case .failed: mark = "✗"
                }
                var row = "    \(mark) \(step.number). \(s(EventText.firstLine(step.action)))"
                var facts: [String] = []
                if let elapsed = step.elapsed { facts.append(DurationText.clock(elapsed)) }
                if let estimate = step.estimate { facts.append("est. " + (estimate.best == estimate.worst ? DurationText.compact(estimate.best) : DurationText.range(estimate.best, estimate.worst))) }
                if let overrun = step.overrun { facts.append("OVER +\(DurationText.clock(overrun))") }
                if let left = step.deadlineLeft { facts.append(left >= 0 ? "deadline in \(DurationText.clock(left))" : "deadline missed by \(DurationText.clock(-left))") }
                if step.checklistTotal > 0 { facts.append("checklist \(step.checklistDone)/\(step.checklistTotal)") }
                if let reason = step.reason { facts.append(s(reason)) }
                if !facts.isEmpty { row += "  [" + facts.joined(separator: ", ") + "]" }
                out.append(row)
            }
        }
        if !status.audiences.isEmpty { out.append("  communications:") }
        for audience in status.audiences {
            var row = "    \(s(audience.id))"
            row += audience.lastSent.map { ": last sent \($0.timeOfDay)" } ?? ": never sent"
            if let due = audience.nextDue, let dueIn = audience.dueIn {
                row += dueIn >= 0 ? ", next due \(due.timeOfDay) (in \(DurationText.clock(dueIn)))" : ", OVERDUE by \(DurationText.clock(-dueIn)) (due \(due.timeOfDay))"
                if let reason = audience.reason { row += " — \(s(reason))" }
            }
            out.append(row)
        }
        return out.joined(separator: "\n") + "\n"
    }
}
