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
    public var obligations: [Obligation] {
        pending.isEmpty ? settled : settled.isEmpty ? pending : (settled + pending).sorted { $0.due < $1.due }
    }
    /// The updates sent for, in order of due (the part of a schedule that stays put as the clock moves).
    var settled: [Obligation] = []
    /// The updates due and not sent yet, in order of due.
    var pending: [Obligation] = []
    /// When an update was last sent.
    public var lastSent: Instant?
    /// When the next update is (or was) due; nil when nothing more is due.
    public var nextDue: Instant?
    /// What makes the next update due.
    public var nextReason: String?
    /// The updates due, on time, late and never sent.
    public private(set) var tally = CommsTally([])

    /// The schedule of `audience` in `state`, up to `now`.
    public init(audience: CommsAudience, state: IncidentState, at now: Instant) {
        var memo = Memo()
        self.init(audience: audience, state: state, at: now, memo: &memo)
    }

    /// The same schedule, reusing the fold `memo` kept from an earlier instant when it still
    /// holds: the same state, and no hook, send, resolution or condition between that
    /// instant and `now`. A console asking every second then folds the incident's updates
    /// once per event instead of once per second.
    public init(audience: CommsAudience, state: IncidentState, at now: Instant, memo: inout Memo) {
        let identity = Memo.Identity(audience: audience, sequence: state.lastSequence, sends: state.communications[audience.id]?.count ?? 0,
                                     triggers: state.triggersFired.count, plans: state.planOrder.count)
        if memo.identity != identity || memo.fold.map({ !$0.holds(at: now) }) ?? true {
            memo = Memo(identity: identity, fold: Fold(audience: audience, state: state, at: now))
        }
        guard let fold = memo.fold, let settled = memo.settled else { return }
        self = fold.finish(at: now, settled: settled, tally: memo.tally)
    }

    /// What a schedule keeps from one instant to the next: its fold over every item up to
    /// that instant, and the updates settled by them, sorted and counted.
    public struct Memo: Sendable {
        struct Identity: Equatable, Sendable {
            var audience: CommsAudience, sequence: Int, sends: Int, triggers: Int, plans: Int
        }
        var identity: Identity?
        var fold: Fold?
        var settled: [Obligation]?
        var tally = CommsTally([])

        public init() {}

        init(identity: Identity, fold: Fold?) {
            self.identity = identity
            settled = fold.map { $0.settled.sorted { $0.due < $1.due } }
            tally = CommsTally(settled ?? [])
            // Kept sorted here; the fold's own copy is not read again.
            self.fold = fold
            self.fold?.settled = []
        }
    }

    /// The rules applied to an audience's items (hooks, sends, the condition) in time order,
    /// up to an instant; `finish` adds what the clock alone makes due.
    struct Fold: Sendable {
        let start: Instant
        let resolvedAt: Instant?
        let gateOpen: Instant
        let gateClose: Instant?
        let interval: Int?
        let isOnce: Bool
        let cadenceReason: String
        let hasCondition: Bool
        let conditionReason: String?
        let conditionAlone: Bool
        /// The instants the fold holds for: from the latest item it took to the earliest it left out.
        let holdsFrom: Instant
        let holdsUntil: Instant?
        var anchor: Instant
        var outstanding: [Obligation] = []
        var settled: [Obligation] = []
        var sentOnce = false
        var lastSent: Instant?

        init?(audience: CommsAudience, state: IncidentState, at now: Instant) {
            guard let declaration = state.declaration, declaration.at <= now else { return nil }
            start = declaration.at
            resolvedAt = state.resolution.flatMap { $0.at <= now ? $0.at : nil }
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
            self.gateOpen = gateOpen
            self.gateClose = gateClose
            func inGate(_ t: Instant) -> Bool { Self.inGate(t, open: gateOpen, close: gateClose) }
            isOnce = audience.cadence == .once
            interval = isOnce ? nil : audience.cadence?.interval
            cadenceReason = audience.cadence.map(\.description) ?? ""
            hasCondition = audience.condition != nil
            conditionReason = audience.condition?.description
            conditionAlone = isOnce || audience.hooks.isEmpty && audience.cadence?.interval == nil
            anchor = gateOpen

            // reason nil: a send; grace: seconds from the item to when its update is due.
            var items: [(at: Instant, reason: String?, grace: Int)] = []
            var latest = start, earliestLeftOut = state.resolution.flatMap { $0.at > now ? $0.at : nil }
            func leftOut(_ time: Instant) { earliestLeftOut = min(earliestLeftOut ?? time, time) }
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
                for time in times where inGate(time) {
                    if time <= now {
                        items.append((time, hook.reason, hookGrace))
                        latest = max(latest, time)
                    } else {
                        leftOut(time)
                    }
                }
            }
            if let condition = audience.condition, gateOpen > start, conditionAlone {
                if gateOpen <= end {
                    items.append((gateOpen, condition.description, 0))
                    latest = max(latest, gateOpen)
                } else if gateOpen > now {
                    leftOut(gateOpen)
                }
            }
            for sent in state.communications[audience.id] ?? [] {
                if sent.at <= now {
                    items.append((sent.at, nil, 0))
                    latest = max(latest, sent.at)
                } else {
                    leftOut(sent.at)
                }
            }
            holdsFrom = max(latest, resolvedAt ?? latest)
            holdsUntil = earliestLeftOut
            // Sends sort after dues at the same instant, so an update sent at once is on time.
            items.sort { $0.at != $1.at ? $0.at < $1.at : ($0.reason != nil && $1.reason == nil) }
            for item in items {
                addCadence(by: item.at, end: end)
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
                        settled.append(due)
                    }
                    outstanding = []
                    lastSent = item.at
                    anchor = item.at
                    sentOnce = true
                }
            }
        }

        /// Whether the fold took every item up to `now` and none after it.
        func holds(at now: Instant) -> Bool {
            now >= holdsFrom && holdsUntil.map { now < $0 } ?? true
        }

        /// Whether the condition holds at `t`: inside the window from `open` to `close`.
        private static func inGate(_ t: Instant, open: Instant, close: Instant?) -> Bool { t >= open && (close.map { t <= $0 } ?? true) }
        private func inGate(_ t: Instant) -> Bool { Self.inGate(t, open: gateOpen, close: gateClose) }

        /// Adds the cadence updates that fall due by `limit` (one at a time: none while one is outstanding).
        private mutating func addCadence(by limit: Instant, end: Instant) {
            while let interval, !outstanding.contains(where: \.isCadence) {
                let due = anchor.adding(seconds: interval)
                guard due <= limit, due <= end, inGate(due) || gateClose == nil else { return }
                outstanding.append(Obligation(due: due, reason: cadenceReason, sent: nil, late: 0, isCadence: true))
            }
        }

        /// The schedule at `now`, an instant the fold holds for, with its settled updates sorted and counted.
        func finish(at now: Instant, settled: [Obligation], tally: CommsTally) -> CommsSchedule {
            var fold = self
            let end = resolvedAt ?? now
            fold.addCadence(by: end, end: end)
            var schedule = CommsSchedule()
            schedule.settled = settled
            schedule.lastSent = lastSent
            // Outstanding updates whose grace has not run out have not fallen due yet.
            var pending: [Obligation] = []
            for var due in fold.outstanding where due.due <= now {
                due.late = max(0, now.seconds(since: due.due))
                pending.append(due)
            }
            schedule.pending = pending.sorted { $0.due < $1.due }
            var counted = tally
            counted.add(schedule.pending)
            schedule.tally = counted
            if let first = fold.outstanding.min(by: { $0.due < $1.due }) {
                schedule.nextDue = first.due
                schedule.nextReason = first.reason
            } else if let interval, resolvedAt == nil {
                let due = fold.anchor.adding(seconds: interval)
                if gateClose.map({ due <= $0 }) ?? true {
                    schedule.nextDue = due
                    schedule.nextReason = cadenceReason
                }
            } else if hasCondition, conditionAlone, !sentOnce, resolvedAt == nil, gateOpen > now {
                schedule.nextDue = gateOpen
                schedule.nextReason = conditionReason
            }
            return schedule
        }
    }

    private init() {}
}

public struct CommsTally: Sendable, Hashable {
    public var due = 0
    public var onTime = 0
    public var late = 0
    public var neverSent = 0

    public init<S: Sequence>(_ obligations: S) where S.Element == CommsSchedule.Obligation {
        add(obligations)
    }

    /// Counts `obligations` too.
    mutating func add<S: Sequence>(_ obligations: S) where S.Element == CommsSchedule.Obligation {
        for obligation in obligations {
            due += 1
            if obligation.sent == nil { neverSent += 1 } else if obligation.late > 0 { late += 1 } else { onTime += 1 }
        }
    }

    /// Both counts together.
    static func + (lhs: CommsTally, rhs: CommsTally) -> CommsTally {
        var sum = lhs
        sum.due += rhs.due
        sum.onTime += rhs.onTime
        sum.late += rhs.late
        sum.neverSent += rhs.neverSent
        return sum
    }

    /// Late or never sent.
    public var missed: Int { late + neverSent }

    /// `17 due: 1 on time, 15 late, 1 never sent`.
    public var summary: String {
        "\(due) due: \(onTime) on time, \(late) late, \(neverSent) never sent"
    }
}
