/// Where a running plan stands.
public struct PlanProgress: Sendable, Hashable {
    /// The life of a plan in an incident.
    public enum State: String, Sendable, Hashable { case running, completed, abandoned }

    public var state: State = .running
    /// The latest start (a plan can be started again after it was abandoned).
    public var startedAt: Instant?
    /// The first start of all.
    public var firstStartedAt: Instant? { firstStart ?? startedAt }
    var firstStart: Instant?
    public var startedBy: String?
    public var endedAt: Instant?
    public var reason: String?
    /// Steps touched so far, by number; untouched steps are pending.
    public var steps: [Int: StepProgress] = [:]

    public init() {}

    /// The step numbered `number`, pending when untouched.
    public func step(_ number: Int) -> StepProgress { steps[number] ?? StepProgress() }

    /// Ends running steps (ongoing monitoring) when the plan completes.
    mutating func closeOpenSteps(at instant: Instant) {
        for (number, step) in steps where step.state == .running {
            var closed = step
            closed.state = .done
            closed.endedAt = instant
            steps[number] = closed
        }
    }
}

/// Where one step stands.
public struct StepProgress: Sendable, Hashable {
    /// The life of a step.
    public enum State: String, Sendable, Hashable { case pending, running, done, skipped, failed }

    public var state: State = .pending
    public var startedAt: Instant?
    public var endedAt: Instant?
    /// The reason given for a skip or failure.
    public var reason: String?
    /// Checklist items ticked, by number from 1.
    public var ticked: Set<Int> = []
    /// How many times the step was reopened.
    public var reopened = 0
    /// Every failure of the step, in order, including those since reopened.
    public var failures: [StepFailure] = []

    public init() {}

    /// Whether the step no longer needs work.
    public var isFinished: Bool { state == .done || state == .skipped }
}
