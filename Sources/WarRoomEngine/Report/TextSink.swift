/// Where a report's text goes as it is written: a string in memory, or a buffered output
/// the caller owns (the engine itself writes nowhere).
public protocol TextSink {
    /// Appends `text`.
    mutating func write(_ text: String)
}

extension String: TextSink {
    public mutating func write(_ text: String) { append(text) }
}
