import WarRoomEngine

/// Everything the console reads but does not own: the runbook, the incident as the journal
/// has it, the status at this instant, and the clock. Rebuilt by the runner every frame.
public struct ConsoleContext: Sendable {
    public var runbook: Runbook
    public var state: IncidentState
    public var status: Status
    /// The journal's events, oldest first (the timeline), read when shown.
    public var events: EventHistory
    public var incidentID: String
    public var operatorName: String
    public var now: Instant
    /// Seconds east of UTC for the local wall clock in the header.
    public var localOffset: Int
    /// Set while replaying a past incident: nothing that writes is possible.
    public var replay: ReplayInfo?
    /// Standing notices for the footer (journal issues, a non-UTF-8 locale).
    public var notices: [String]
    /// The journal's fault, when it has one: the header gives way to a banner saying so.
    public var journalFault: JournalFault?
    /// How many of the journal's events a timeline filter may test for this context (none
    /// for 0: the matches found so far); nil tests them all. A live console tests a long
    /// journal a slice before each frame (`PaneItems.searchTimeline`) and draws with 0.
    public var filterLimit: Int?

    /// The context with every event of `events` held (tests, a replay).
    public init(runbook: Runbook, state: IncidentState, events: [Event], incidentID: String, operatorName: String,
                now: Instant, localOffset: Int = 0, replay: ReplayInfo? = nil, notices: [String] = [], journalFault: JournalFault? = nil,
                status: Status? = nil) {
        self.init(runbook: runbook, state: state, events: EventHistory(events), incidentID: incidentID, operatorName: operatorName,
                  now: now, localOffset: localOffset, replay: replay, notices: notices, journalFault: journalFault, status: status)
    }

    public init(runbook: Runbook, state: IncidentState, events: EventHistory, incidentID: String, operatorName: String,
                now: Instant, localOffset: Int = 0, replay: ReplayInfo? = nil, notices: [String] = [], journalFault: JournalFault? = nil,
                status: Status? = nil) {
        self.runbook = runbook
        self.state = state
        // A caller that keeps a `Status.Memo` derives it; it is the status at `now` either way.
        self.status = status ?? Status(runbook: runbook, state: state, at: now)
        self.events = events
        self.incidentID = incidentID
        self.operatorName = operatorName
        self.now = now
        self.localOffset = localOffset
        self.replay = replay
        self.notices = notices
        self.journalFault = journalFault
    }

    public var isReplaying: Bool { replay != nil }
    /// How the panes write instants: the time of day while the incident stays on one UTC
    /// day, with the date once it spans more (`docs/notation.md`).
    public var instants: InstantNotation { InstantNotation(from: state.declaration?.at ?? now, to: now) }

    /// Why the engine would refuse `commands` submitted in order now, or nil when it would
    /// accept them all. The console asks this instead of re-deriving the engine's rules.
    public func refusal(for commands: [Command]) -> String? {
        let engine = Engine(runbook: runbook)
        var state = self.state
        for (index, command) in commands.enumerated() {
            switch engine.decide(command, in: state, at: now, operator: operatorName) {
            // Applied only for the commands after it: a copy of a long incident's state
            // costs its length.
            case .success(let event): if index < commands.count - 1 { state.apply(event, after: Array(events)) }
            case .failure(let refusal): return refusal.reason
            }
        }
        return nil
    }

    /// Every plan the checklist can show: procedures, then contingency plans.
    public var plans: [RunnablePlan] { runbook.plans }
}

/// Where a replay stands.
public struct ReplayInfo: Sendable, Hashable {
    public var speed: Double
    public var paused: Bool
    /// Events shown so far, of all.
    public var position: Int
    public var total: Int

    public init(speed: Double, paused: Bool, position: Int, total: Int) {
        self.speed = speed
        self.paused = paused
        self.position = position
        self.total = total
    }
}
