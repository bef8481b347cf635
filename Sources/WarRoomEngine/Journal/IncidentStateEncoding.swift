import Foundation

/// The versioned encoding of `IncidentState` that a journal checkpoint stores. The state's
/// types are `Codable` by synthesis, so a field added to any of them is encoded without a
/// change here; `schema` names the version and every stored field, so a checkpoint written by
/// a build whose state had other fields is never decoded as this one's (it is ignored and
/// rebuilt from the journal).
public enum IncidentStateEncoding {
    /// Bump when a record type's meaning changes without a field being added or removed.
    public static let version = 2

    /// The version and the stored fields of the state and of its records with an empty value.
    public static let schema: String = {
        let fields = [Mirror(reflecting: IncidentState()), Mirror(reflecting: PlanProgress()), Mirror(reflecting: StepProgress()),
                      Mirror(reflecting: TreeProgress())]
            .map { mirror in mirror.children.compactMap(\.label).joined(separator: ",") }
        return "v\(version):" + fields.joined(separator: ";")
    }()

    /// The bytes of `state`.
    public static func encode(_ state: IncidentState) throws -> [UInt8] {
        Array(try JSONEncoder().encode(state))
    }

    /// The state in `bytes`, or nil when they are not one.
    public static func decode(_ bytes: ArraySlice<UInt8>) -> IncidentState? {
        try? JSONDecoder().decode(IncidentState.self, from: Data(bytes))
    }
}

/// Instants are stored as `Instant`'s own `Codable` (UTC timestamp text, `JSONValue+Codable.swift`).
extension PageTarget: Codable {}
