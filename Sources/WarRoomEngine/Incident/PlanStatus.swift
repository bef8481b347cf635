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
    /// Seconds left by the remaining steps' estimates: best and worst case; when no step has
    /// an estimate, by the runbook's estimate of the whole plan ("estimate 2-5m") less the
    /// time since it started. Nil when neither gives one, or when the plan has ended.
    public var eta: (best: Int, worst: Int)? {
        get { etaBest.map { ($0, etaWorst ?? $0) } }
        set { etaBest = newValue?.best; etaWorst = newValue?.worst }
    }
    var etaBest: Int?
    var etaWorst: Int?
    /// Remaining steps that have no estimate (the ETA leaves them out; 0 when the ETA comes
    /// from the whole plan's estimate, which covers them).
    public var unestimatedLeft: Int
    /// Seconds past the whole plan's worst-case estimate while it runs, when the ETA comes
    /// from that estimate (its steps have none); nil otherwise.
    public var overrun: Int?
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
        // Steps of a plan that ended are measured to its end: a step left running when the plan
        // was abandoned stops counting then.
        steps = plan.steps.map { StepStatus(step: $0, progress: progress.step($0.number), planStart: progress.startedAt, at: end) }
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
        guard state == .running else { return }
        if estimatedLeft > 0 {
            etaBest = best
            etaWorst = worst
        } else if estTotal == 0, let whole = plan.estimate?.estimate {
            etaBest = max(0, whole.best - elapsed)
            etaWorst = max(0, whole.worst - elapsed)
            unestimatedLeft = 0
            if elapsed > whole.worst { overrun = elapsed - whole.worst }
        }
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
    /// Checklist items ticked, and how many the step has (nested items included).
    public var checklistDone: Int
    public var checklistTotal: Int

    init(step: Step, progress: StepProgress, planStart: Instant?, at now: Instant) {
        number = step.number
        action = step.action
        state = progress.state
        startedAt = progress.startedAt
        endedAt = progress.endedAt
        reason = progress.reason
        let items = step.checklist.reduce(0) { $0 + $1.flattened.count }
        checklistTotal = items
        checklistDone = progress.ticked.filter { $0 >= 1 && $0 <= items }.count
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
