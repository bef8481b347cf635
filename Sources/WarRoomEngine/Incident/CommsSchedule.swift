/// When updates to one audience fall due and when they were sent — the communications rules
/// (`docs/journal-format.md`, "Communications due"), the one place they are decided:
///
/// - a hook (`trigger`, `declare`, `procedure_start`, `procedure_complete`, `resolve`) makes
///   an update due a grace after its event happens (`grace`, five minutes unless the
///   runbook says otherwise), so an "immediate" update is a timer that can be met; each hook
///   event is its own update (whatever falls due at the same instant — hooks, a cadence
///   slot — is one update);
/// - `every N` makes the first update due N after declaration (or after the condition starts
///   to hold), then each next one N after the last update sent to the audience; while one is
///   outstanding no further cadence update falls due (a missed slot is one update, later and
///   later); no cadence update falls due after the resolution;
/// - `once` makes one due when a hook fires or its condition starts to hold, and none after
///   the first one sent;
/// - a condition (`impact > 2h`) gates all of it; `real-time` and `scheduled` count nothing.
///
/// One update sent settles every update outstanding at that moment; each one's lateness is
/// sent minus due (0 is on time). An update still outstanding is never sent, late by the
/// time from due to the schedule's instant.
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
        /// Whether it came from the cadence (rather than a hook or the condition).
        var isCadence = false
    }

    /// Every update that fell due up to the instant, in order of due.
    public var obligations: [Obligation] = []
    /// When an update was last sent.
    public var lastSent: Instant?
    /// When the next update is (or was) due; nil when nothing more is due.
    public var nextDue: Instant?
    /// What makes the next update due.
    public var nextReason: String?

    /// The updates due, on time, late and never sent.
    public var tally: CommsTally { CommsTally(obligations) }

    /// The schedule of `audience` in `state`, up to `now`.
    public init(audience: CommsAudience, state: IncidentState, at now: Instant) {
        guard let declaration = state.declaration, declaration.at <= now else { return }
        let start = declaration.at
        let resolvedAt = state.resolution.flatMap { $0.at <= now ? $0.at : nil }
        let end = resolvedAt ?? now
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
            let times: [Instant]
            switch hook {
            case .trigger: times = state.triggersFired.map(\.at)
            case .declare: times = [start]
            case .procedureStart: times = state.planOrder.compactMap { state.plans[$0]?.startedAt }
            case .procedureComplete: times = state.planOrder.compactMap { id in
                state.plans[id].flatMap { $0.state == .completed ? $0.endedAt : nil }
            }
            case .resolve: times = resolvedAt.map { [$0] } ?? []
            }
            for time in times where time <= now && inGate(time) { items.append((time, hook.reason, hookGrace)) }
        }
        let isOnce = audience.cadence == .once
        if let condition = audience.condition, gateOpen > start, gateOpen <= end, isOnce || audience.hooks.isEmpty && audience.cadence?.interval == nil {
            items.append((gateOpen, condition.description, 0))
        }
        for sent in state.communications[audience.id] ?? [] where sent.at <= now { items.append((sent.at, nil, 0)) }
        // Sends sort after dues at the same instant, so an update sent at once is on time.
        items.sort { $0.at != $1.at ? $0.at < $1.at : ($0.reason != nil && $1.reason == nil) }

        let interval = isOnce ? nil : audience.cadence?.interval
        let cadenceReason = audience.cadence.map(\.description) ?? ""
        var anchor = gateOpen
        var outstanding: [Obligation] = []
        var sentOnce = false
        var index = 0
        /// The next cadence update, when one can fall due by `limit`.
        func cadenceDue(by limit: Instant) -> Instant? {
            guard let interval, !outstanding.contains(where: \.isCadence) else { return nil }
            let due = anchor.adding(seconds: interval)
            guard due <= limit, due <= end, inGate(due) || gateClose == nil else { return nil }
            return due
        }
        while true {
            let next = index < items.count ? items[index] : nil
            if let due = cadenceDue(by: next?.at ?? end) {
                outstanding.append(Obligation(due: due, reason: cadenceReason, sent: nil, late: 0, isCadence: true))
                continue
            }
            guard let item = next else { break }
            index += 1
            if let reason = item.reason {
                let settledOnce = isOnce && (sentOnce || !outstanding.isEmpty)
                // One update covers everything due at one instant (a hook and a cadence slot alike).
                let due = item.at.adding(seconds: item.grace)
                if !settledOnce, !outstanding.contains(where: { $0.due == due }) {
                    outstanding.append(Obligation(due: due, reason: reason, sent: nil, late: 0))
                }
            } else {
                for var due in outstanding {
                    due.sent = item.at
                    due.late = max(0, item.at.seconds(since: due.due))   // sent within its grace: on time
                    obligations.append(due)
                }
                outstanding = []
                lastSent = item.at
                anchor = item.at
                sentOnce = true
            }
        }
        // Outstanding updates whose grace has not run out have not fallen due yet.
        for var due in outstanding where due.due <= now {
            due.late = max(0, now.seconds(since: due.due))
            obligations.append(due)
        }
        obligations.sort { $0.due < $1.due }
        if let first = outstanding.min(by: { $0.due < $1.due }) {
            nextDue = first.due
            nextReason = first.reason
        } else if let interval, resolvedAt == nil {
            let due = anchor.adding(seconds: interval)
            if gateClose.map({ due <= $0 }) ?? true {
                nextDue = due
                nextReason = cadenceReason
            }
        } else if audience.condition != nil, isOnce || audience.hooks.isEmpty && interval == nil, !sentOnce,
                  resolvedAt == nil, gateOpen > now {
            nextDue = gateOpen
            nextReason = audience.condition?.description
        }
    }
}

/// Updates counted one way everywhere (status, replay, report summary and tables): how many
/// fell due, and of those how many were sent on time, sent late, or never sent.
public struct CommsTally: Sendable, Hashable {
    public var due = 0
    public var onTime = 0
    public var late = 0
    public var neverSent = 0

    public init<S: Sequence>(_ obligations: S) where S.Element == CommsSchedule.Obligation {
        for obligation in obligations {
            due += 1
            if obligation.sent == nil { neverSent += 1 } else if obligation.late > 0 { late += 1 } else { onTime += 1 }
        }
    }

    /// Late or never sent.
    public var missed: Int { late + neverSent }

    /// `17 due: 1 on time, 15 late, 1 never sent`.
    public var summary: String {
        "\(due) due: \(onTime) on time, \(late) late, \(neverSent) never sent"
    }
}
