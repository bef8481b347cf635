extension JournalReader {
    /// Reads the first `limit` events of the journal at `path` again, in order, without folding
    /// them: for a report that writes its event log as it reads instead of holding every event.
    /// Lines skipped by `read(path:)` are skipped here too, so the events are the same ones.
    public static func events(path: String, limit: Int, onEvent: (Event) -> Void) throws(JournalError) {
        guard limit > 0 else { return }
        let file = try JournalFile(path: path, access: .read)
        try file.lock(exclusive: false)
        defer { file.unlock() }
        var scanner = JournalScanner()
        var seen = 0
        try file.read(from: 0) { chunk in
            scanner.feed(chunk) { event in
                guard seen < limit else { return }
                seen += 1
                onEvent(event)
            }
            return seen < limit
        }
    }
}
