extension JournalReader {
    /// Reads a whole journal from `store` without writing to it (replay, status and report on
    /// a store other than a file), folding the events at or before `until` (all when nil)
    /// into the state with retracted events void, as `read(path:until:onEvent:)` does for a
    /// file. `onEvent` sees each of those events, in order.
    public static func read(store: any JournalStore, until: Instant? = nil, onEvent: (Event) -> Void = { _ in }) throws(JournalError) -> Contents {
        let opening = try store.open(creating: nil)
        let kept = opening.events.filter { event in until.map { event.at <= $0 } ?? true }
        var state = IncidentState()
        for event in kept {
            state.apply(event)
            onEvent(event)
        }
        if !state.retractions.isEmpty {
            var again = IncidentState(voiding: Set(state.retractions.map(\.sequence)))
            for event in kept { again.apply(event) }
            state = again
        }
        return Contents(header: opening.header, state: state, issues: store.issues, eventCount: opening.events.count)
    }
}
