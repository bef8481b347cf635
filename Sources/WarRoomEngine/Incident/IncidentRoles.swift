/// The roles people take in an incident: the roles the runbook's contacts name, or, when it
/// names none, a default set. `role` commands name one of them (any case, or a unique word of it).
public enum IncidentRoles {
    /// Taken when the runbook's contacts name no role.
    public static let defaults = ["Incident Commander", "Scribe", "Communications Lead", "Operations Lead", "Subject Matter Expert"]

    /// The roles of `runbook`: its contacts' roles, then the default roles not among them.
    public static func roles(of runbook: Runbook) -> [String] {
        var roles: [String] = []
        for role in runbook.contacts.map(\.role) + defaults where !role.isEmpty && !roles.contains(where: { $0.lowercased() == role.lowercased() }) {
            roles.append(role)
        }
        return roles
    }

    /// The role `name` names: an exact match (any case), else the one role containing it as a word.
    static func resolve(_ name: String, in runbook: Runbook) throws(Refusal) -> String {
        let wanted = name.trimmed.lowercased()
        let roles = roles(of: runbook)
        guard !wanted.isEmpty else { throw Refusal("expected a role; expected one of: \(roles.joined(separator: ", "))") }
        if let exact = roles.first(where: { $0.lowercased() == wanted }) { return exact }
        let containing = roles.filter { role in
            role.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).contains { $0 == wanted }
        }
        if containing.count == 1 { return containing[0] }
        let hint = containing.count > 1 ? "'\(name)' could be any of: \(containing.joined(separator: ", "))" : "no role '\(name)'"
        throw Refusal("\(hint); expected one of: \(roles.joined(separator: ", "))")
    }
}
