/// When the running procedure will end at the pace the team has kept so far, against the
/// RTO: the wall-clock ETA (best–worst) and whether the RTO is met, and with how much to
/// spare or by how much missed.
///
/// Best case: now plus the remaining steps' best estimates (a running step's time already
/// spent is taken off). Worst case at this pace: now plus the remaining worst estimates
/// times the pace, where the pace is the finished estimated steps' actual time over their
/// estimated (mean) time — never below 1, so a fast start does not promise a fast finish —
/// plus the overrun of a running step (or of a plan timed only as a whole) that is already
/// past its worst estimate. The verdict reads the worst case at this pace.
public struct RTOForecast: Sendable, Hashable {
    /// The earliest the procedure can end by its estimates.
    public var finishBest: Instant
    /// When it ends at this pace, in the worst case.
    public var finishWorst: Instant
    /// Actual over estimated time of the finished steps (1 when on estimate or faster).
    public var pace: Double
    /// When the RTO runs out (declaration plus RTO); nil without an RTO.
    public var deadline: Instant?
    /// Seconds from the worst-case finish to the deadline: negative when the RTO is missed.
    public var spare: Int?
    /// Remaining steps without an estimate (the forecast leaves them out).
    public var unestimated: Int

    /// Whether the RTO is missed at this pace.
    public var missesRTO: Bool { (spare ?? 0) < 0 }

    /// The forecast of the plan the team works on, if it is running and has estimates left.
    init?(plan: PlanStatus?, incident: IncidentFigures, at now: Instant) {
        guard let plan, plan.state == .running, let eta = plan.eta, incident.phase == .active else { return nil }
        var actual = 0, estimated = 0, runningOverrun = 0
        for step in plan.steps {
            guard let estimate = step.estimate else { continue }
            if step.state == .done, let elapsed = step.elapsed {
                actual += elapsed
                estimated += (estimate.best + estimate.worst) / 2
            } else if step.state == .running, let overrun = step.overrun {
                runningOverrun = max(runningOverrun, overrun)
            }
        }
        // A plan timed only as a whole, past its worst case, is such a step.
        runningOverrun = max(runningOverrun, plan.overrun ?? 0)
        pace = estimated > 0 ? max(1, Double(actual) / Double(estimated)) : 1
        finishBest = now.adding(seconds: eta.best)
        // A running step past its worst case still has to end: at this pace, it takes as
        // long again as its overrun so far, bounded by a minute.
        let worst = Int((Double(eta.worst) * pace).rounded(.up)) + (runningOverrun > 0 ? max(60, runningOverrun) : 0)
        finishWorst = now.adding(seconds: worst)
        unestimated = plan.unestimatedLeft
        if let rto = incident.rto, let declared = incident.declaredAt {
            let deadline = declared.adding(seconds: rto)
            self.deadline = deadline
            // Whole seconds, toward zero: the remaining estimates are whole seconds, so a
            // worst case that lands less than a second past the deadline (the tick's
            // milliseconds) finishes on it, not "missed by 1s".
            let delta = deadline.milliseconds - finishWorst.milliseconds
            spare = Int(delta / 1_000)
        }
    }
}
