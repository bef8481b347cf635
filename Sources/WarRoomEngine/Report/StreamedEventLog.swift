/// A report's event log read while the report is written (`MarkdownReport.write`), so no
/// event is held: typically the journal read a second time (`JournalReader.events`).
public struct StreamedEventLog<Failure: Error> {
    /// The runbook the events are described with.
    public var runbook: Runbook
    /// The state of the whole journal: which events were retracted, and by which.
    public var state: IncidentState
    /// How many events `events` passes (the count the log's heading gives).
    public var count: Int
    /// Calls its argument with every event of the log, in order.
    public var events: ((Event) -> Void) throws(Failure) -> Void

    public init(runbook: Runbook, state: IncidentState, count: Int, events: @escaping ((Event) -> Void) throws(Failure) -> Void) {
        self.runbook = runbook
        self.state = state
        self.count = count
        self.events = events
    }
}
