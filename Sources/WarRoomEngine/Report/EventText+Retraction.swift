extension EventText {
    /// How a retracted event is marked in every timeline, without relying on colour.
    public static func voidMark(_ retraction: Retraction) -> String { "[VOID: retracted by #\(retraction.retractedBy)] " }

    /// The event in words, marked void when `state` holds a retraction of it.
    public static func describe(_ event: Event, runbook: Runbook, whole: Bool = false, in state: IncidentState) -> String {
        let text = describe(event, runbook: runbook, whole: whole)
        guard state.isVoid(event.sequence), let retraction = state.retractions.first(where: { $0.sequence == event.sequence }) else { return text }
        return voidMark(retraction) + text
    }
}
