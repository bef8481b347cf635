import WarRoomEngine

extension JournalInput {
    /// Loads the journal up to `--at` (every event after it left out, so every figure is taken
    /// at that instant) and returns the instant too; nil `at` reads the whole journal.
    static func load(journal path: String, runbook: String?, at: String?,
                     onEvent: (Event) -> Void = { _ in }) throws -> (loaded: Loaded, at: Instant?) {
        guard let at else { return (try load(journal: path, runbook: runbook, onEvent: onEvent), nil) }
        var instant: Instant?
        let loaded = try load(journal: path, runbook: runbook, until: { header in
            // +DURATION counts from the declaration, which needs a first pass over the journal.
            let declaredAt = at.hasPrefix("+") ? (try? JournalInput.fold(journal: path))?.state.declaration?.at : nil
            instant = try JournalInput.instant(at, declaredAt: declaredAt, openedAt: header.openedAt)
            return instant
        }, onEvent: onEvent)
        return (loaded, instant)
    }
}
