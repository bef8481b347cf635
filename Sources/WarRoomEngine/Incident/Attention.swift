/// What needs a human now, most urgent first: one ranked list derived from the status, so
/// every layout, the tab badges and the bell all agree on it (`Status.attention`).
///
/// Ranking: the RTO breached; an update overdue; the RTO missed at this pace; a step past
/// its deadline; a decision past its outcome's limit (or an "immediate" one not yet acted
/// on); a step overrunning its estimate (or a plan timed only as a whole, its own); a page
/// nobody acknowledged within the contact's `ack_within` (five minutes unless the runbook
/// says otherwise); an approval the running procedure needs that is not recorded. Within
/// one kind, the latest first.
public struct AttentionItem: Sendable, Hashable, Identifiable {
    /// What kind of thing needs attention, in rank order.
    public enum Kind: Int, Sendable, Hashable, Comparable, CaseIterable {
        case rtoBreached, updateOverdue, rtoForecastMissed, deadlineMissed, decisionLate, stepOverrun, pageUnanswered, approvalMissing

        public static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public var kind: Kind
    /// Stable while the same thing needs attention ("update:exec", "step:app-rollback:4"):
    /// an item that appears anew has an id the last list did not.
    public var id: String
    /// One short line: "Executive Leadership update OVERDUE +3:00".
    public var text: String
    /// How late or how far over, in seconds (orders items of one kind).
    public var seconds: Int
    /// The audience, plan, tree or contact it is about.
    public var subject: String
}

extension Status {
    /// Everything that needs a human now, most urgent first.
    static func attention(incident: IncidentFigures, plans: [PlanStatus], audiences: [AudienceStatus], trees: [TreeStatus],
                          forecast: RTOForecast?, pages: [PageStatus], runbook: Runbook) -> [AttentionItem] {
        guard incident.phase == .active else { return [] }
        var items: [AttentionItem] = []
        if let left = incident.rtoLeft, left < 0 {
            items.append(.init(kind: .rtoBreached, id: "rto", text: "RTO EXCEEDED +\(DurationNotation.text(-left))", seconds: -left, subject: "rto"))
        }
        for audience in audiences {
            guard let dueIn = audience.dueIn, dueIn < 0 else { continue }
            items.append(.init(kind: .updateOverdue, id: "update:\(audience.id)",
                               text: "\(audience.audience) update OVERDUE +\(DurationNotation.text(-dueIn))", seconds: -dueIn, subject: audience.id))
        }
        if let forecast, let spare = forecast.spare, spare < 0, (incident.rtoLeft ?? 0) >= 0 {
            items.append(.init(kind: .rtoForecastMissed, id: "forecast", text: "RTO missed at this pace by \(DurationNotation.text(-spare))",
                               seconds: -spare, subject: "rto"))
        }
        for plan in plans where plan.state == .running {
            for step in plan.steps where step.state == .running || step.state == .pending {
                if let left = step.deadlineLeft, left < 0 {
                    items.append(.init(kind: .deadlineMissed, id: "deadline:\(plan.id):\(step.number)",
                                       text: "step \(step.number) past its deadline by \(DurationNotation.text(-left))", seconds: -left, subject: plan.id))
                }
                if step.state == .running, let overrun = step.overrun {
                    items.append(.init(kind: .stepOverrun, id: "step:\(plan.id):\(step.number)",
                                       text: "step \(step.number) over its estimate by \(DurationNotation.text(overrun))", seconds: overrun, subject: plan.id))
                }
            }
            if let overrun = plan.overrun {
                items.append(.init(kind: .stepOverrun, id: "plan:\(plan.id)",
                                   text: "\(plan.id) over its estimate by \(DurationNotation.text(overrun))", seconds: overrun, subject: plan.id))
            }
            let missing = plan.approvalsRequired.count - plan.approvalsRecorded.count
            if missing > 0 {
                let roles = plan.approvalsRequired.dropFirst(plan.approvalsRecorded.count).joined(separator: ", ")
                items.append(.init(kind: .approvalMissing, id: "approval:\(plan.id)", text: "approval missing: \(roles)", seconds: 0, subject: plan.id))
            }
        }
        for page in pages {
            guard let overdue = page.overdue, let waiting = page.waiting else { continue }
            items.append(.init(kind: .pageUnanswered, id: "page:\(page.id)",
                               text: "page to \(page.person) unanswered for \(DurationNotation.text(waiting))", seconds: overdue, subject: page.id))
        }
        for tree in trees {
            guard tree.outcome != nil, let limit = tree.timeLimit, let left = tree.timeLeft,
                  let procedure = runbook.tree(tree.id)?.outcome(tree.outcome ?? "")?.procedure,
                  !plans.contains(where: { $0.id == procedure }) else { continue }
            if limit == 0 {
                items.append(.init(kind: .decisionLate, id: "decision:\(tree.id)", text: "act now: start \(procedure)", seconds: -left, subject: tree.id))
            } else if left < 0 {
                items.append(.init(kind: .decisionLate, id: "decision:\(tree.id)",
                                   text: "decision limit passed by \(DurationNotation.text(-left)): start \(procedure)", seconds: -left, subject: tree.id))
            }
        }
        return items.sorted { $0.kind != $1.kind ? $0.kind < $1.kind : $0.seconds > $1.seconds }
    }
}
