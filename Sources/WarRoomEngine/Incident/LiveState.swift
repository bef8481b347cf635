/// An `IncidentState` with the history dropped that a live console never reads again, so a
/// console in an incident's twentieth hour holds what it held in the first minute: the notes
/// (its timeline reads them from the journal, `EventHistory`), and every page and update
/// sent more than `margin` before each contact's and audience's latest one. Everything else
/// is kept: the engine decides the same on it as on the full state, and
/// `Status(runbook:state:at:)` of it gives the full state's figures at any instant `covers`
/// accepts, but for those over the whole communications history (each audience's
/// `obligations` and `tally`, and the incident's), which count only the updates kept: the
/// console shows neither, and `headless` and the report keep the whole state.
///
/// The margin keeps a console whose clock is a little behind another writer's (its status is
/// for an instant before the other's latest update) right: an instant up to `margin` before
/// the latest update is still covered.
public struct LiveState: CompactedIncidentState {
    /// Seconds of updates and pages kept before each latest one.
    public static let margin = 600

    /// The compacted state.
    public var state: IncidentState
    /// The earliest instant whose status `state` gives; nil when nothing that depends on the
    /// instant was dropped.
    public var validFrom: Instant?

    /// `full` compacted; `validFrom` is kept when later (the state was compacted before).
    public init(compacting full: IncidentState, validFrom earlier: Instant? = nil) {
        var state = full
        var validFrom = earlier
        state.notes = []
        state.keepLatestPages(within: Self.margin, validFrom: &validFrom)
        state.keepLatestSends(within: Self.margin, validFrom: &validFrom)
        self.state = state
        self.validFrom = validFrom
    }

    /// A compacted state read back from a checkpoint, as it was written.
    init(state: IncidentState, validFrom: Instant?) {
        self.state = state
        self.validFrom = validFrom
    }
}

/// A fold of events into a `LiveState` that compacts as it goes, so it never holds more than
/// a compacted state and the records folded since it last compacted (a console opening a
/// journal of a million events holds a few of them at a time).
struct LiveFold {
    /// Records (notes, pages, updates sent) folded since the last compaction before it compacts again.
    static let compactEvery = 256

    private(set) var state: IncidentState
    /// The earliest instant whose status `state` gives.
    private(set) var validFrom: Instant?
    /// Pages and updates sent that the compacted state kept.
    private var keptRecords: Int

    /// A fold from `start`; with `voiding`, from an empty state in which those events are void.
    init(from start: LiveState? = nil, voiding: Set<Int> = []) {
        state = start?.state ?? IncidentState(voiding: voiding)
        validFrom = start?.validFrom
        keptRecords = Self.records(state)
    }

    /// The compacted state of every event folded so far.
    var live: LiveState { LiveState(compacting: state, validFrom: validFrom) }

    mutating func apply(_ event: Event) {
        state.apply(event)
        switch event.kind {
        case .noteAdded, .communicationSent, .contactPaged:
            if state.notes.count + Self.records(state) - keptRecords >= Self.compactEvery { compact() }
        default:
            break
        }
    }

    /// Compacts the state folded so far.
    mutating func compact() {
        let compacted = live
        state = compacted.state
        validFrom = compacted.validFrom
        keptRecords = Self.records(state)
    }

    /// The compacted state after `events`, with every event a retraction among them takes
    /// back void (a second pass over `events` when there is one).
    static func fold<C: Collection>(_ events: C) -> LiveState where C.Element == Event {
        var fold = LiveFold()
        for event in events { fold.apply(event) }
        return fold.voidingRetracted(events).live
    }

    /// This fold of `events` done again from the start with every event a retraction among
    /// them takes back void (each was folded before its retraction was read); itself when
    /// there is no retraction.
    func voidingRetracted<C: Collection>(_ events: C) -> LiveFold where C.Element == Event {
        guard !state.retractions.isEmpty else { return self }
        var again = LiveFold(voiding: Set(state.retractions.map(\.sequence)))
        for event in events { again.apply(event) }
        return again
    }

    private static func records(_ state: IncidentState) -> Int {
        state.pages.count + state.communications.values.reduce(0) { $0 + $1.count }
    }
}
