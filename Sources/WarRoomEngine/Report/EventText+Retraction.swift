extension EventText {
    /// How a retracted event is marked in every timeline, without relying on colour.
    public static func voidMark(_ retraction: Retraction) -> String { "[VOID: retracted by #\(retraction.retractedBy)] " }

    /// The event in words, marked void when `state` holds a retraction of it.
    public static func describe(_ event: Event, runbook: Runbook, whole: Bool = false, in state: IncidentState) -> String {
        let text = describe(event, runbook: runbook, whole: whole)
        guard state.isVoid(event.sequence), let retraction = state.retractions.first(where: { $0.sequence == event.sequence }) else { return text }
        return voidMark(retraction) + text
    }

    /// The retractions of `state` by the sequence number of the event each takes back (the
    /// first, when one was taken back twice): for describing many events without a search each.
    public static func retractionsBySequence(_ state: IncidentState) -> [Int: Retraction] {
        Dictionary(state.retractions.map { ($0.sequence, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The event in words, marked void when `retractions` (`retractionsBySequence`) holds a retraction of it.
    public static func describe(_ event: Event, runbook: Runbook, whole: Bool = false, retractions: [Int: Retraction]) -> String {
        let text = describe(event, runbook: runbook, whole: whole)
        guard let retraction = retractions[event.sequence] else { return text }
        return voidMark(retraction) + text
    }
}
