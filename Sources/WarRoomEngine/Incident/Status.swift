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

    public init(runbook: Runbook, state: IncidentState, at now: Instant) {
        at = now
        incident = IncidentFigures(runbook: runbook, state: state, at: now)
        plans = state.planOrder.compactMap { id in
            guard let plan = runbook.plan(id), let progress = state.plans[id] else { return nil }
            var status = PlanStatus(plan: plan, progress: progress, at: now)
            status.approvalsRequired = plan.approvals
            status.approvalsRecorded = state.approvals.filter { $0.at <= now && $0.subject.lowercased().contains(id.lowercased()) }
            return status
        }
        audiences = runbook.communications.map { AudienceStatus(audience: $0, state: state, at: now) }
        trees = runbook.decisionTrees.map { TreeStatus(tree: $0, runbook: runbook, state: state, at: now) }
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
    /// Seconds from declaration to the first plan started.
    public var timeToDecision: Int?

    init(runbook: Runbook, state: IncidentState, at now: Instant) {
        let declaration = state.declaration
        declaredAt = declaration?.at
        title = declaration?.title
        severity = state.severity
        resolvedAt = state.resolution?.at
        phase = declaration == nil ? .undeclared : (state.resolution == nil ? .active : .resolved)
        rto = runbook.objectives?.rto
        if let start = declaration?.at {
            let end = resolvedAt.map { min($0, now) } ?? now
            elapsed = max(0, end.seconds(since: start))
            if let rto, let elapsed { rtoLeft = rto - elapsed }
            if let decided = state.firstPlanStart, decided <= now { timeToDecision = decided.seconds(since: start) }
        }
    }
}

/// One plan's figures.
public struct PlanStatus: Sendable, Hashable {
    public var id: String
    public var title: String
    public var state: PlanProgress.State
    public var startedAt: Instant?
    public var endedAt: Instant?
    /// Seconds since the plan started (to its end once ended).
    public var elapsed: Int
    /// Steps done or skipped.
    public var done: Int
    public var total: Int
    /// Estimated seconds of the finished steps and of all steps (each step weighs the mean of
    /// its estimate range; steps without an estimate weigh nothing).
    public var estimatedDone: Int
    public var estimatedTotal: Int
    /// Seconds left by the remaining steps' estimates: best and worst case. Nil when no
    /// remaining step has an estimate, or when the plan has ended.
    public var eta: (best: Int, worst: Int)? {
        get { etaBest.map { ($0, etaWorst ?? $0) } }
        set { etaBest = newValue?.best; etaWorst = newValue?.worst }
    }
    var etaBest: Int?
    var etaWorst: Int?
    /// Remaining steps that have no estimate (the ETA leaves them out).
    public var unestimatedLeft: Int
    /// Approvals the runbook requires before starting, by role. The engine does not block on
    /// them (the commander decides); the status shows how many were recorded.
    public var approvalsRequired: [String] = []
    /// Approvals recorded whose subject names this plan's id.
    public var approvalsRecorded: [Approval] = []
    public var steps: [StepStatus]

    /// Progress by estimated time, 0…1 (nil when nothing is estimated).
    public var estimatedProgress: Double? {
        estimatedTotal > 0 ? Double(estimatedDone) / Double(estimatedTotal) : nil
    }

    init(plan: RunnablePlan, progress: PlanProgress, at now: Instant) {
        id = plan.id
        title = plan.title
        state = progress.state
        startedAt = progress.startedAt
        endedAt = progress.endedAt
        let end = endedAt.map { min($0, now) } ?? now
        elapsed = startedAt.map { max(0, end.seconds(since: $0)) } ?? 0
        steps = plan.steps.map { StepStatus(step: $0, progress: progress.step($0.number), planStart: progress.startedAt, at: now) }
        total = steps.count
        done = steps.filter { $0.state == .done || $0.state == .skipped }.count
        var estDone = 0, estTotal = 0, best = 0, worst = 0, estimatedLeft = 0, unestimated = 0
        for step in steps {
            let finished = step.state == .done || step.state == .skipped
            guard let estimate = step.estimate else {
                if !finished { unestimated += 1 }
                continue
            }
            let weight = (estimate.best + estimate.worst) / 2
            estTotal += weight
            if finished {
                estDone += weight
            } else {
                estimatedLeft += 1
                let spent = step.state == .running ? step.elapsed ?? 0 : 0
                best += max(0, estimate.best - spent)
                worst += max(0, estimate.worst - spent)
            }
        }
        estimatedDone = estDone
        estimatedTotal = estTotal
        unestimatedLeft = unestimated
        if state == .running, estimatedLeft > 0 { etaBest = best; etaWorst = worst }
    }

}

/// One step's figures.
public struct StepStatus: Sendable, Hashable {
    public var number: Int
    public var action: String
    public var state: StepProgress.State
    public var startedAt: Instant?
    public var endedAt: Instant?
    /// Seconds the step has run (to its end once finished); nil before it starts.
    public var elapsed: Int?
    /// The step's estimate, best and worst case.
    public var estimate: (best: Int, worst: Int)? {
        get { estimateBest.map { ($0, estimateWorst ?? $0) } }
        set { estimateBest = newValue?.best; estimateWorst = newValue?.worst }
    }
    var estimateBest: Int?
    var estimateWorst: Int?
    /// Seconds past the worst-case estimate; nil when not overrunning.
    public var overrun: Int?
    /// For deadline steps (`within 30m`): seconds left before the deadline (at the step's
    /// end once finished); negative when missed, by that much.
    public var deadlineLeft: Int?
    public var reason: String?

    init(step: Step, progress: StepProgress, planStart: Instant?, at now: Instant) {
        number = step.number
        action = step.action
        state = progress.state
        startedAt = progress.startedAt
        endedAt = progress.endedAt
        reason = progress.reason
        if let start = startedAt {
            let end = endedAt.map { min($0, now) } ?? now
            elapsed = max(0, end.seconds(since: start))
        }
        estimate = step.duration?.estimate
        if let worst = estimateWorst, let elapsed, elapsed > worst { overrun = elapsed - worst }
        if let deadline = step.duration?.deadline, let planStart {
            let reference = (progress.state == .done || progress.state == .skipped) ? (endedAt ?? now) : now
            deadlineLeft = planStart.adding(seconds: deadline).seconds(since: reference)
        }
    }
}

/// One audience's figures.
public struct AudienceStatus: Sendable, Hashable {
    public var id: String
    public var audience: String
    public var lastSent: Instant?
    /// When the next update is due; nil when nothing is due.
    public var nextDue: Instant?
    /// Seconds until it is due; negative when overdue, by that much.
    public var dueIn: Int?
    /// What makes it due ("on trigger", "hourly", "impact > 2h").
    public var reason: String?

    init(audience: CommsAudience, state: IncidentState, at now: Instant) {
        id = audience.id
        self.audience = audience.audience
        let schedule = CommsSchedule(audience: audience, state: state, at: now)
        lastSent = schedule.lastSent
        nextDue = schedule.nextDue
        reason = schedule.nextReason
        dueIn = nextDue.map { $0.seconds(since: now) }
    }
}

/// One decision tree's figures.
public struct TreeStatus: Sendable, Hashable {
    public var id: String
    public var title: String
    /// The node to answer next; nil once an outcome is reached.
    public var currentNode: String?
    public var question: String?
    public var path: [Answered]
    public var outcome: String?
    public var outcomeTitle: String?
    /// Seconds from declaration until the outcome's procedure started (or the outcome was
    /// reached, when it names none), or until now.
    public var timeSpent: Int?
    /// The outcome's time limit in seconds (`immediate` is 0).
    public var timeLimit: Int?
    /// Seconds left of the limit; negative when exceeded, by that much.
    public var timeLeft: Int?

    init(tree: DecisionTree, runbook: Runbook, state: IncidentState, at now: Instant) {
        id = tree.id
        title = tree.title
        let progress = state.trees[tree.id]
        path = progress?.path ?? []
        outcome = progress?.outcome
        if let outcome {
            let reached = tree.outcome(outcome)
            outcomeTitle = reached?.title
            timeLimit = reached?.timeLimit?.deadline
        } else {
            currentNode = progress?.current ?? tree.root
            question = currentNode.flatMap { tree.node($0)?.question }
        }
        if let start = state.declaration?.at {
            var end = now
            if let outcome, let reached = tree.outcome(outcome) {
                if let procedure = reached.procedure {
                    if let started = state.plans[procedure]?.firstStartedAt, started <= now { end = started }
                } else if let decided = progress?.decidedAt {
                    end = min(decided, now)
                }
            }
            timeSpent = max(0, end.seconds(since: start))
            if let timeLimit, let timeSpent { timeLeft = timeLimit - timeSpent }
        }
    }
}
