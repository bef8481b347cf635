/// An `IncidentState` with everything dropped that the status line does not need, so a
/// reader can keep it in a small cache (`JOURNAL.status-checkpoint`) and fold later events
/// onto it. `Status(runbook:state:at:)` of `state` renders the same `StatusLine` as the full
/// state's at any instant `covers` accepts; its other figures (the communications tally, the
/// report's lists) are not those of the full state, so nothing but the status line reads it.
///
/// Dropped: every list `Status` never reads (notes, severity changes, roles, retractions,
/// reopenings, overrides, participants, step failures, retitles but the last), every page
/// but each contact's latest and, per audience, every update sent but one at the latest
/// instant. The schedule
/// (`CommsSchedule`) settles everything outstanding at each update sent and starts the
/// cadence again from it, so what falls due after the latest update does not depend on the
/// earlier ones, once they are all in the past: `validFrom` is the latest update of an
/// audience that had others dropped, and an instant before it is not covered. Events
/// folded later are applied as to any state (a retraction needs the whole history and is
/// never folded onto a checkpoint: `JournalCheckpoint.needsHistory`).
public struct StatusLineState: CompactedIncidentState {
    /// The compacted state.
    public var state: IncidentState
    /// The earliest instant whose status line `state` gives; nil when nothing that depends
    /// on the instant was dropped.
    public var validFrom: Instant?

    /// `full` compacted; `validFrom` is kept when later (the state was compacted before).
    public init(compacting full: IncidentState, validFrom earlier: Instant? = nil) {
        var state = full
        var validFrom = earlier
        state.notes = []
        state.keepLatestPages(validFrom: &validFrom)
        state.severityChanges = []
        state.roles = []
        state.retractions = []
        state.reopenings = []
        state.approvalOverrides = []
        state.participants = []
        state.retitles = state.retitles.last.map { [$0] } ?? []
        state.keepLatestSends(validFrom: &validFrom)
        for id in full.planOrder {
            guard var plan = state.plans[id] else { continue }
            for (number, step) in plan.steps where !step.failures.isEmpty {
                var kept = step
                kept.failures = []
                plan.steps[number] = kept
            }
            state.plans[id] = plan
        }
        self.state = state
        self.validFrom = validFrom
    }

    /// A compacted state read back from its encoding, as it was written.
    init(state: IncidentState, validFrom: Instant?) {
        self.state = state
        self.validFrom = validFrom
    }
}
