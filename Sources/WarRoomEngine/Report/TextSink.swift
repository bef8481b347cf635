/// Where a report's text goes as it is written: a string in memory, or a buffered output
/// the caller owns (the engine itself writes nowhere).
public protocol TextSink {
    /// Appends `text`.
    mutating func write(_ text: String)
    /// Appends UTF-8 `bytes` (by default as a string; a byte buffer copies them).
    mutating func write(bytes: UnsafeRawBufferPointer)
}

extension TextSink {
    public mutating func write(bytes: UnsafeRawBufferPointer) { write(String(decoding: bytes, as: UTF8.self)) }
}

extension String: TextSink {
    public mutating func write(_ text: String) { append(text) }
}
