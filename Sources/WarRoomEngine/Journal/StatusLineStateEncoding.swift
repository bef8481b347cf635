import Foundation

/// The encoding of a `StatusLineState` (the compacted state and the instant it is valid
/// from) in a status-line checkpoint (`JOURNAL.status-checkpoint`): once compacted the state
/// is small, so it is stored as `IncidentStateEncoding` stores a whole one, under a schema of
/// its own that also names the compaction's version, so neither kind of checkpoint is ever
/// read as the other. `validFrom` is inside the checksummed bytes, with the state.
public enum StatusLineStateEncoding {
    /// Bump when `StatusLineState` drops something else (or keeps something it dropped).
    public static let version = 1

    /// The compaction's version, then the state encoding's schema.
    public static let schema = "status-v\(version)/" + IncidentStateEncoding.schema

    /// What is stored.
    private struct Stored: Codable {
        var validFrom: Instant?
        var state: IncidentState
    }

    /// The bytes of the compacted `state`, valid from `validFrom`.
    static func encode(_ state: IncidentState, validFrom: Instant?) -> [UInt8]? {
        (try? JSONEncoder().encode(Stored(validFrom: validFrom, state: state))).map(Array.init)
    }

    /// The compacted state in `bytes` and the instant it is valid from, or nil when they are not one.
    static func decode(_ bytes: ArraySlice<UInt8>) -> StatusLineState? {
        guard let stored = try? JSONValueDecoder().decode(Stored.self, from: bytes) else { return nil }
        return StatusLineState(state: stored.state, validFrom: stored.validFrom)
    }
}
