/// One audience's figures.
public struct AudienceStatus: Sendable, Hashable {
    public var id: String
    public var audience: String
    public var lastSent: Instant?
    /// When the next update is due; nil when nothing is due.
    public var nextDue: Instant?
    /// Seconds until it is due; negative when overdue, by that much. Nil once the incident is
    /// resolved (an update still owed then counts as never sent).
    public var dueIn: Int?
    /// What makes it due ("on trigger", "hourly", "impact > 2h").
    public var reason: String?
    /// Every update that fell due so far, sent or not.
    public var obligations: [CommsSchedule.Obligation] { schedule.obligations }
    /// Those updates counted: due, on time, late, never sent.
    public var tally: CommsTally { schedule.tally }
    private var schedule: CommsSchedule

    init(audience: CommsAudience, state: IncidentState, at now: Instant, memo: inout CommsSchedule.Memo) {
        id = audience.id
        self.audience = audience.audience
        schedule = CommsSchedule(audience: audience, state: state, at: now, memo: &memo)
        lastSent = schedule.lastSent
        nextDue = schedule.nextDue
        reason = schedule.nextReason
        // Once resolved nothing is "due in" or overdue any more: an update still owed is one
        // never sent (in `obligations`), not a countdown.
        let resolved = state.resolution.map { $0.at <= now } ?? false
        dueIn = resolved ? nil : nextDue.map { $0.seconds(since: now) }
    }
}
