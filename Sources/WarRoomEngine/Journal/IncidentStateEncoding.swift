import Foundation

/// The versioned encoding of `IncidentState` that a journal checkpoint stores. The state's
/// types are `Codable` by synthesis, so a field added to any of them is encoded without a
/// change here; `schema` names the version and every stored field, so a checkpoint written by
/// a build whose state had other fields is never decoded as this one's (it is ignored and
/// rebuilt from the journal).
public enum IncidentStateEncoding {
    /// Bump when a record type's meaning changes without a field being added or removed.
    public static let version = 2

    /// The version and the stored fields of the state and of its records with an empty value:
    /// `reflectedSchema` written out, because reflecting cost a tenth of every `warroom status`
    /// (a test keeps the two equal).
    public static let schema = "v\(version):"
        + "declaration,severity,severityChanges,triggersFired,trees,treeOrder,plans,planOrder,approvals,communications,pages,"
        + "notes,resolution,retitles,recoveryPoint,roles,participants,retractions,reopenings,approvalOverrides,voided,"
        + "declarationSequence,resolutionSequence,lastSequence,eventCount,lastEventAt;"
        + "state,startedAt,firstStart,startedBy,endedAt,reason,steps;"
        + "state,startedAt,endedAt,reason,ticked,reopened,failures;"
        + "path,current,outcome,decidedAt"

    /// The version and the stored fields as reflection finds them in this build.
    static var reflectedSchema: String {
        let fields = [Mirror(reflecting: IncidentState()), Mirror(reflecting: PlanProgress()), Mirror(reflecting: StepProgress()),
                      Mirror(reflecting: TreeProgress())]
            .map { mirror in mirror.children.compactMap(\.label).joined(separator: ",") }
        return "v\(version):" + fields.joined(separator: ";")
    }

    /// The bytes of `state`.
    public static func encode(_ state: IncidentState) throws -> [UInt8] {
        Array(try JSONEncoder().encode(state))
    }

    /// The state in `bytes`, or nil when they are not one.
    public static func decode(_ bytes: ArraySlice<UInt8>) -> IncidentState? {
        try? JSONValueDecoder().decode(IncidentState.self, from: bytes)
    }
}

/// Instants are stored as `Instant`'s own `Codable` (UTC timestamp text, `JSONValue+Codable.swift`).
extension PageTarget: Codable {}
