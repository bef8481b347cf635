/// A report's event log read while the report is written (`MarkdownReport.write`), so no
/// event is held: typically the journal read a second time (`JournalReader.events`).
public struct StreamedEventLog<Failure: Error>: ReportEventLog {
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

    public func rows(notation: InstantNotation, _ row: (UnsafeRawBufferPointer) -> Void) throws(Failure) {
        let retractions = EventText.retractionsBySequence(state)
        try events { event in
            var line = MarkdownReport.logRow(event.sequence, event.at, by: event.operator,
                                             EventText.describe(event, runbook: runbook, whole: true, retractions: retractions), notation: notation)
            line.withUTF8 { row(UnsafeRawBufferPointer($0)) }
        }
    }
}
