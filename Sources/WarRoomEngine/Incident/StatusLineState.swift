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
public struct StatusLineState: Sendable, Hashable {
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
        // Pages: the latest of each contact, the one a page's status and an acknowledgement
        // read; valid from the latest page of a contact that had others dropped.
        var latestPage: [String: Int] = [:], pageCount: [String: Int] = [:], lastPagedAt: [String: Instant] = [:]
        for (index, page) in full.pages.enumerated() {
            latestPage[page.contact] = index
            pageCount[page.contact, default: 0] += 1
            lastPagedAt[page.contact] = max(lastPagedAt[page.contact] ?? page.at, page.at)
        }
        if latestPage.count < full.pages.count {
            for (contact, count) in pageCount where count > 1 {
                guard let at = lastPagedAt[contact] else { continue }
                validFrom = max(validFrom ?? at, at)
            }
            state.pages = full.pages.enumerated().filter { latestPage[$0.element.contact] == $0.offset }.map(\.element)
        }
        state.severityChanges = []
        state.roles = []
        state.retractions = []
        state.reopenings = []
        state.approvalOverrides = []
        state.participants = []
        state.retitles = state.retitles.last.map { [$0] } ?? []
        for (audience, sent) in full.communications where sent.count > 1 {
            // One update at the latest instant (the first such one: which one does not matter).
            guard let latest = sent.max(by: { $0.at < $1.at }) else { continue }
            state.communications[audience] = [latest]
            validFrom = max(validFrom ?? latest.at, latest.at)
        }
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

    /// Whether `state` gives the full state's status line at `now`.
    public func covers(_ now: Instant) -> Bool { validFrom.map { now >= $0 } ?? true }
}
