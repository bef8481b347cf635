/// The status as readable text, for `warroom replay --format text`, in the notation of
/// `docs/notation.md`.
public enum StatusText {
    public static func render(_ status: Status, incidentID: String) -> String {
        var out: [String] = []
        let s = TextSanitizer.line
        let incident = status.incident
        let notation = InstantNotation(from: incident.declaredAt ?? status.at, to: status.at)
        let length = DurationNotation.text
        out.append("Status at \(InstantNotation.dateAndTime(status.at))")
        var head = "  \(s(incidentID))"
        if let severity = incident.severity { head += " \(s(severity))" }
        if let title = incident.title { head += " — \(s(title))" }
        head += " (\(incident.phase.rawValue))"
        out.append(head)
        var figures: [String] = []
        if let elapsed = incident.elapsed { figures.append("elapsed \(length(elapsed))") }
        if let left = incident.rtoLeft { figures.append("RTO " + DurationNotation.left(left)) }
        if let decision = incident.timeToDecision, let procedure = incident.decidedProcedure {
            figures.append("time to decision \(length(decision)) (\(s(procedure)))")
        }
        if let first = incident.firstAttempt { figures.append("first attempt after \(length(first.after)) (\(s(first.procedure)))") }
        if !figures.isEmpty { out.append("  " + figures.joined(separator: " · ")) }
        for tree in status.trees where !tree.path.isEmpty || incident.phase == .active {
            var line = "  tree \(s(tree.id)): "
            line += tree.path.isEmpty ? "not started" : tree.path.map { "\(s($0.answer))" }.joined(separator: " → ")
            if let outcome = tree.outcome { line += " ⇒ \(s(tree.outcomeTitle ?? outcome))" } else if let question = tree.question { line += " · now: \(s(question))" }
            if let limit = tree.timeLimit, let spent = tree.timeSpent {
                line += " · \(length(spent)) of \(length(limit)) limit"
                if let left = tree.timeLeft, left < 0 { line += " (over by \(length(-left)))" }
            }
            out.append(line)
        }
        for plan in status.plans {
            var line = "  \(StepGlyph.symbol(plan.state)) procedure \(s(plan.id)) — \(plan.state.rawValue), \(plan.done)/\(plan.total) steps"
            if let progress = plan.estimatedProgress { line += ", \(Int((progress * 100).rounded()))% by estimate" }
            line += ", elapsed \(length(plan.elapsed))"
            if let eta = plan.eta {
                line += ", ETA " + DurationNotation.range(eta.best, eta.worst)
                if plan.unestimatedLeft > 0 { line += " (+\(plan.unestimatedLeft) unestimated)" }
            }
            if !plan.approvalsRequired.isEmpty {
                line += ", approvals \(plan.approvalsRecorded.count)/\(plan.approvalsRequired.count)"
            }
            out.append(line)
            for step in plan.steps {
                var row = "    \(StepGlyph.symbol(step.state)) \(step.number). \(s(EventText.firstLine(step.action)))"
                var facts: [String] = []
                if let elapsed = step.elapsed { facts.append(length(elapsed)) }
                if let estimate = step.estimate { facts.append("est. " + DurationNotation.range(estimate.best, estimate.worst)) }
                if let overrun = step.overrun { facts.append("over by \(length(overrun))") }
                if let left = step.deadlineLeft { facts.append(left >= 0 ? "deadline in \(length(left))" : "deadline missed by \(length(-left))") }
                if step.checklistTotal > 0 { facts.append("checklist \(step.checklistDone)/\(step.checklistTotal)") }
                if let reason = step.reason { facts.append(s(reason)) }
                if !facts.isEmpty { row += "  [" + facts.joined(separator: ", ") + "]" }
                out.append(row)
            }
        }
        if !status.audiences.isEmpty { out.append("  communications: \(incident.communications.summary)") }
        for audience in status.audiences {
            var row = "    \(s(audience.audience))"
            row += audience.lastSent.map { ": last sent \(notation.text($0))" } ?? ": never sent"
            let tally = audience.tally
            if tally.due > 0 { row += " · \(tally.summary)" }
            if incident.phase == .resolved {
                // Nothing is "overdue" once resolved: what is owed is an update never sent.
                for owed in audience.obligations where owed.sent == nil {
                    row += " · not sent: the update \(notation.dueAt(owed.due)) — \(s(owed.reason))"
                }
            } else if let due = audience.nextDue, let dueIn = audience.dueIn {
                row += dueIn >= 0 ? " · next \(notation.dueAt(due)) (\(DurationNotation.due(in: dueIn)))" : " · \(DurationNotation.due(in: dueIn)) (\(notation.dueAt(due)))"
                if let reason = audience.reason { row += " — \(s(reason))" }
            }
            out.append(row)
        }
        return out.joined(separator: "\n") + "\n"
    }
}
