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
    /// Seconds from declaration until the outcome's procedure started (its latest start, as
    /// for time to decision; or until the outcome was reached, when it names none), or until now.
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
            // A resolved incident decides nothing more: the clock stops at the resolution.
            var end = state.resolution.map { min($0.at, now) } ?? now
            if let outcome, let reached = tree.outcome(outcome) {
                if let procedure = reached.procedure {
                    // The same instant as time to decision (`IncidentFigures`): the procedure's latest start.
                    if let started = state.plans[procedure]?.startedAt, started <= now { end = started }
                } else if let decided = progress?.decidedAt {
                    end = min(decided, now)
                }
            }
            timeSpent = max(0, end.seconds(since: start))
            if let timeLimit, let timeSpent { timeLeft = timeLimit - timeSpent }
        }
    }
}
