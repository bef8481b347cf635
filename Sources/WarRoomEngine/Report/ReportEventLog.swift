/// Where a report's event log comes from (`MarkdownReport.write`): its rows in order, once
/// the whole journal is folded.
public protocol ReportEventLog {
    associatedtype Failure: Error
    /// How many events the log holds (its heading gives the count).
    var count: Int { get }
    /// Calls `row` with the UTF-8 of each row of the log's table, in order, its time in `notation`.
    func rows(notation: InstantNotation, _ row: (UnsafeRawBufferPointer) -> Void) throws(Failure)
}
