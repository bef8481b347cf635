/// When updates to one audience fall due and when they were sent, from the audience's
/// cadence, hooks and condition (`docs/journal-format.md`, "Communications due"):
///
/// - a hook (`trigger`, `declare`, `procedure_start`, `procedure_complete`, `resolve`) makes an
///   update due a grace after its event happens (`grace`, five minutes unless the runbook
///   says otherwise), so an "immediate" update is a timer that can be met;
/// - `every N` makes one due N after the last one sent (the first N after declaration, or
///   after the condition starts to hold); cadences stop when the incident is resolved;
/// - `once` makes one due when a hook fires or its condition starts to hold, and none after
///   the first one sent;
/// - a condition (`impact > 2h`) gates all of it; `real-time` and `scheduled` count nothing.
///
/// One update sent settles whatever is due at that moment; lateness is sent minus due.
public struct CommsSchedule: Sendable, Hashable {
    /// One update that fell due.
    public struct Obligation: Sendable, Hashable {
        /// When it fell due.
        public var due: Instant
        /// What made it due: "on trigger", "every 1h", "impact > 2h".
        public var reason: String
        /// When it was sent, if it was.
        public var sent: Instant?
        /// Seconds from due to sent (or to the instant of the schedule when unsent).
        public var late: Int
    }

    /// Every update that fell due up to the instant, in order.
    public var obligations: [Obligation] = []
    /// When an update was last sent.
    public var lastSent: Instant?
    /// When the next update is (or was) due; nil when nothing more is due.
    public var nextDue: Instant?
    /// What makes the next update due.
    public var nextReason: String?

    /// The schedule of `audience` in `state`, up to `now`.
    public init(audience: CommsAudience, state: IncidentState, at now: Instant) {
        guard let declaration = state.declaration, declaration.at <= now else { return }
        let start = declaration.at
        let end = state.resolution.map { min($0.at, now) } ?? now
        // The window in which the condition holds.
        var gateOpen = start
        var gateClose: Instant?
        if let condition = audience.condition {
            switch condition.op {
            case .greater, .greaterOrEqual: gateOpen = start.adding(seconds: condition.seconds)
            default: gateClose = start.adding(seconds: condition.seconds)
            }
        }
        func inGate(_ t: Instant) -> Bool { t >= gateOpen && (gateClose.map { t <= $0 } ?? true) }

        // reason nil: a send; grace: seconds from the item to when its update is due.
        var items: [(at: Instant, reason: String?, grace: Int)] = []
        let hookGrace = audience.hookGrace
        for hook in audience.hooks {
            let reason = hook.reason
            let times: [Instant]
            switch hook {
            case .trigger: times = state.triggersFired.map(\.at)
            case .declare: times = [start]
            case .procedureStart: times = state.planOrder.compactMap { state.plans[$0]?.startedAt }
            case .procedureComplete: times = state.planOrder.compactMap { id in
                state.plans[id].flatMap { $0.state == .completed ? $0.endedAt : nil }
            }
            case .resolve: times = state.resolution.map { [$0.at] } ?? []
            }
            for time in times where time <= now && inGate(time) { items.append((time, reason, hookGrace)) }
        }
        let isOnce = audience.cadence == .once
        if let condition = audience.condition, gateOpen > start, gateOpen <= end, isOnce || audience.hooks.isEmpty && audience.cadence?.interval == nil {
            items.append((gateOpen, condition.description, 0))
        }
        let sends = state.communications[audience.id] ?? []
        for sent in sends where sent.at <= now { items.append((sent.at, nil, 0)) }
        // Sends sort after dues at the same instant, so an update sent at once is on time.
        items.sort { $0.at != $1.at ? $0.at < $1.at : ($0.reason != nil && $1.reason == nil) }

        let interval = audience.cadence?.interval
        lazy var cadenceReason = audience.cadence.map(\.description) ?? ""
        var anchor = gateOpen
        var outstanding: (due: Instant, reason: String)?
        var sentOnce = false
        var index = 0
        func cadenceDue() -> Instant? {
            guard let interval, outstanding == nil, !(isOnce && sentOnce) else { return nil }
            let due = anchor.adding(seconds: interval)
            guard due <= end, inGate(due) || gateClose == nil else { return nil }
            return due
        }
        while true {
            let next = index < items.count ? items[index] : nil
            if let due = cadenceDue(), next.map({ due <= $0.at }) ?? true {
                outstanding = (due, cadenceReason)
                continue
            }
            guard let item = next else { break }
            index += 1
            if let reason = item.reason {
                if outstanding == nil, !(isOnce && sentOnce) { outstanding = (item.at.adding(seconds: item.grace), reason) }
            } else {
                if let due = outstanding {
                    obligations.append(Obligation(due: due.due, reason: due.reason, sent: item.at, late: max(0, item.at.seconds(since: due.due))))
                    outstanding = nil
                }
                lastSent = item.at
                anchor = item.at
                sentOnce = true
            }
        }
        if let due = outstanding {
            obligations.append(Obligation(due: due.due, reason: due.reason, sent: nil, late: max(0, now.seconds(since: due.due))))
            nextDue = due.due
            nextReason = due.reason
        } else if let interval, state.resolution == nil, !(isOnce && sentOnce) {
            let due = anchor.adding(seconds: interval)
            if gateClose.map({ due <= $0 }) ?? true {
                nextDue = due
                nextReason = cadenceReason
            }
        } else if audience.condition != nil, isOnce || audience.hooks.isEmpty && interval == nil, !sentOnce,
                  state.resolution == nil, gateOpen > now {
            nextDue = gateOpen
            nextReason = audience.condition?.description
        }
    }
}
