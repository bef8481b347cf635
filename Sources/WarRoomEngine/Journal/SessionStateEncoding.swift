import Foundation

/// The encoding of a session checkpoint's contents (`JOURNAL.session-checkpoint`): the
/// console's compacted state (`LiveState`), the instant it is valid from, and the index of
/// where its events are in the journal (`TimelineIndex`), stored as `IncidentStateEncoding`
/// stores a whole state, under a schema of its own that also names the compaction's and the
/// index's version, so no other kind of checkpoint is ever read as this one.
enum SessionStateEncoding {
    /// Bump when `LiveState` drops something else (or keeps something it dropped), or the
    /// index changes its meaning.
    static let version = 1

    /// The compaction's version and the index's block size, then the state encoding's schema.
    static let schema = "session-v\(version)-block\(EventHistory.blockSize)/" + IncidentStateEncoding.schema

    /// What is stored.
    private struct Stored: Codable {
        var validFrom: Instant?
        var timeline: TimelineIndex
        var state: IncidentState
    }

    /// The bytes of the compacted `state`, valid from `validFrom`, with `timeline`.
    static func encode(_ state: IncidentState, validFrom: Instant?, timeline: TimelineIndex) -> [UInt8]? {
        (try? JSONEncoder().encode(Stored(validFrom: validFrom, timeline: timeline, state: state))).map(Array.init)
    }

    /// What `encode` stored in `bytes`, or nil when they are not that.
    static func decode(_ bytes: ArraySlice<UInt8>) -> (state: IncidentState, validFrom: Instant?, timeline: TimelineIndex)? {
        guard let stored = try? JSONValueDecoder().decode(Stored.self, from: bytes),
              stored.timeline.starts.count == stored.timeline.sequencesBefore.count,
              stored.timeline.starts.count == (stored.timeline.count + EventHistory.blockSize - 1) / EventHistory.blockSize,
              stored.timeline.isOrdered
        else { return nil }
        return (stored.state, stored.validFrom, stored.timeline)
    }
}
