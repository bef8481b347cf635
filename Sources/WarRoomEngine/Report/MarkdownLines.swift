/// Markdown written to a sink a line at a time, each line ended by a newline; blank lines at
/// the very end are dropped (they are held until a line with text follows).
struct MarkdownLines<Sink: TextSink> {
    private var sink: Sink
    private var blanks = 0

    init(sink: Sink) { self.sink = sink }

    mutating func append(_ line: String) {
        guard !line.isEmpty else { blanks += 1; return }
        while blanks > 0 { sink.write("\n"); blanks -= 1 }
        sink.write(line)
        sink.write("\n")
    }

    /// `append` of a line given as UTF-8 bytes.
    mutating func append(bytes line: UnsafeRawBufferPointer) {
        guard !line.isEmpty else { blanks += 1; return }
        while blanks > 0 { sink.write("\n"); blanks -= 1 }
        sink.write(bytes: line)
        sink.write("\n")
    }

    /// The sink with every line written, trailing blank lines left out.
    func finish() -> Sink { sink }
}
