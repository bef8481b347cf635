/// The encoding of a `StatusLineState` (the compacted state and the instant it is valid
/// from) in a status-line checkpoint (`JOURNAL.status-checkpoint`): one JSON object of
/// `validFrom` (milliseconds since the epoch, or null) and the state as `IncidentStateJSON`
/// writes it, by hand, because the status line reads it every second or so and `Codable`'s
/// first use cost a third of that. Its schema names the compaction's version, this encoding's
/// and the state's fields (`IncidentStateEncoding.schema`), so no other kind of checkpoint,
/// and none written for another shape of the state, is ever read as this one. `validFrom` is
/// inside the checksummed bytes, with the state.
public enum StatusLineStateEncoding {
    /// Bump when `StatusLineState` drops something else (or keeps something it dropped), or
    /// the encoding changes.
    public static let version = 2

    /// The compaction's version, then the state encoding's schema.
    public static let schema = "status-v\(version)/" + IncidentStateEncoding.schema

    /// The bytes of the compacted `state`, valid from `validFrom`.
    static func encode(_ state: IncidentState, validFrom: Instant?) -> [UInt8]? {
        let value = JSONValue.object([("validFrom", validFrom.map { .int(Int($0.milliseconds)) } ?? .null),
                                      ("state", IncidentStateJSON.encode(state))])
        return Array(JSONWriter.encode(value).utf8)
    }

    /// The compacted state in `bytes` and the instant it is valid from, or nil when they are not one.
    static func decode(_ bytes: ArraySlice<UInt8>) -> StatusLineState? {
        guard let value = try? bytes.withUnsafeBufferPointer({ buffer throws(JSONParser.Failure) in
            try JSONParser.parse(buffer, range: 0..<buffer.count)
        }), case .object(let members) = value, members.count == 2, let stateValue = value["state"], let validFromValue = value["validFrom"],
              let state = try? IncidentStateJSON.decode(stateValue) else { return nil }
        switch validFromValue {
        case .null: return StatusLineState(state: state, validFrom: nil)
        case .int(let milliseconds): return StatusLineState(state: state, validFrom: Instant(milliseconds: Int64(milliseconds)))
        default: return nil
        }
    }
}
