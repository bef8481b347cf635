/// Everything derived from the incident at one instant: the figures the console shows and
/// the headless commands print. A pure function of runbook, state and instant.
public struct Status: Sendable, Hashable {
    /// The instant the figures are for.
    public var at: Instant
    public var incident: IncidentFigures
    /// Plans started so far, in the order they were started.
    public var plans: [PlanStatus]
    /// Every audience of the communication plan, in runbook order.
    public var audiences: [AudienceStatus]
    /// Every decision tree of the runbook, in runbook order.
    public var trees: [TreeStatus]
    /// The running procedure's finish against the RTO, at the pace kept so far.
    public var forecast: RTOForecast?
    /// The latest page of every paged contact, in runbook order.
    public var pages: [PageStatus]
    /// What needs a human now, most urgent first.
    public var attention: [AttentionItem]

    public init(runbook: Runbook, state: IncidentState, at now: Instant) {
        var memo = Memo()
        self.init(runbook: runbook, state: state, at: now, memo: &memo)
    }

    /// What a status keeps from one instant to the next to derive the next one without
    /// walking the incident's history again (each audience's fold of its updates). The
    /// figures are those `init(runbook:state:at:)` derives.
    public struct Memo: Sendable {
        var audiences: [String: CommsSchedule.Memo] = [:]
        public init() {}
    }

    /// The same figures, reusing what `memo` kept from an earlier instant where it still holds.
    public init(runbook: Runbook, state: IncidentState, at now: Instant, memo: inout Memo) {
        at = now
        incident = IncidentFigures(runbook: runbook, state: state, at: now)
        plans = state.planOrder.compactMap { id in
            guard let plan = runbook.plan(id), let progress = state.plans[id] else { return nil }
            var status = PlanStatus(plan: plan, progress: progress, at: now)
            status.approvalsRequired = plan.approvals
            status.approvalsRecorded = state.approvals.filter { $0.at <= now && $0.subject.lowercased().contains(id.lowercased()) }
            return status
        }
        audiences = runbook.communications.map { audience in
            var kept = memo.audiences.removeValue(forKey: audience.id) ?? CommsSchedule.Memo()
            defer { memo.audiences[audience.id] = kept }
            return AudienceStatus(audience: audience, state: state, at: now, memo: &kept)
        }
        incident.communications = audiences.reduce(CommsTally([])) { $0 + $1.tally }
        trees = runbook.decisionTrees.map { TreeStatus(tree: $0, runbook: runbook, state: state, at: now) }
        let running = plans.last { $0.state == .running }
        forecast = RTOForecast(plan: running, incident: incident, at: now)
        pages = PageStatus.all(runbook: runbook, state: state, at: now)
        attention = Self.attention(incident: incident, plans: plans, audiences: audiences, trees: trees, forecast: forecast, pages: pages,
                                   runbook: runbook)
    }

    /// The status of the plan with this id, if it was started.
    public func plan(_ id: String) -> PlanStatus? { plans.first { $0.id == id } }
    /// The status of the audience with this id.
    public func audience(_ id: String) -> AudienceStatus? { audiences.first { $0.id == id } }
    /// The status of the tree with this id.
    public func tree(_ id: String) -> TreeStatus? { trees.first { $0.id == id } }

    /// The plan the team is working on: the last one started that is still running, else the last one started.
    public var currentPlan: PlanStatus? {
        plans.last { $0.state == .running } ?? plans.last
    }

    /// The audience whose next update is due soonest (overdue ones first).
    public var mostUrgentAudience: AudienceStatus? {
        audiences.filter { $0.dueIn != nil }.min { ($0.dueIn ?? 0) < ($1.dueIn ?? 0) }
    }
}

/// Incident-wide figures.
public struct IncidentFigures: Sendable, Hashable {
    /// Where the incident is in its life.
    public enum Phase: String, Sendable, Hashable { case undeclared, active, resolved }

    public var phase: Phase
    public var title: String?
    public var severity: String?
    public var declaredAt: Instant?
    public var resolvedAt: Instant?
    /// Seconds since declaration (to resolution once resolved).
    public var elapsed: Int?
    /// The runbook's RTO in seconds.
    public var rto: Int?
    /// RTO budget left in seconds; negative when exceeded, by that much.
    public var rtoLeft: Int?
    /// The procedure the decision led to: the one the last decision tree outcome names, once
    /// started; else the last procedure started that was not abandoned. Nil while undecided.
    public var decidedProcedure: String?
    /// Time to decision, the one definition: seconds from declaration to the (latest) start of
    /// `decidedProcedure`.
    public var timeToDecision: Int?
    /// Whether a decision tree's outcome named `decidedProcedure`; false when the procedure
    /// was started without the tree being answered (or the runbook has no tree).
    public var decidedByTree = false
    /// Whether any decision tree has reached an outcome.
    public var treeAnswered = false
    /// The first procedure started, when it is not the decided one or was started earlier (an
    /// attempt abandoned, say): its id and seconds from declaration to its first start.
    public var firstAttempt: (procedure: String, after: Int)? {
        firstAttemptProcedure.flatMap { id in timeToFirstAttempt.map { (id, $0) } }
    }
    // Stored apart: a tuple would keep the struct from being Hashable.
    var firstAttemptProcedure: String?
    var timeToFirstAttempt: Int?
    /// Updates to every audience so far, counted as `CommsTally` does.
    public var communications = CommsTally([])

    init(runbook: Runbook, state: IncidentState, at now: Instant) {
        let declaration = state.declaration
        declaredAt = declaration?.at
        title = state.title
        severity = state.severity
        resolvedAt = state.resolution?.at
        phase = declaration == nil ? .undeclared : (state.resolution == nil ? .active : .resolved)
        rto = runbook.objectives?.rto
        if let start = declaration?.at {
            let end = resolvedAt.map { min($0, now) } ?? now
            elapsed = max(0, end.seconds(since: start))
            if let rto, let elapsed { rtoLeft = rto - elapsed }
            let started = state.planOrder.filter { id in state.plans[id]?.startedAt.map { $0 <= now } ?? false }
            let outcomePlans = state.treeOrder.compactMap { id in
                state.trees[id]?.outcome.flatMap { runbook.tree(id)?.outcome($0)?.procedure }
            }
            let treeDecided = outcomePlans.last(where: started.contains)
            decidedByTree = treeDecided != nil
            treeAnswered = state.treeOrder.contains { state.trees[$0]?.outcome != nil }
            decidedProcedure = treeDecided ?? started.last { state.plans[$0]?.state != .abandoned }
            let decidedAt = decidedProcedure.flatMap { state.plans[$0]?.startedAt }
            timeToDecision = decidedAt.map { $0.seconds(since: start) }
            let first = state.planOrder.compactMap { id in state.plans[id]?.firstStartedAt.map { (id, $0) } }
                .filter { $0.1 <= now }.min { $0.1 < $1.1 }
            if let first, first.0 != decidedProcedure || first.1 != decidedAt {
                firstAttemptProcedure = first.0
                timeToFirstAttempt = first.1.seconds(since: start)
            }
        }
    }
}
