import Foundation

/// Whether a contact's phone is really a number: runbooks carry placeholders such as
/// `[TBD]` or `[Phone]` until someone fills them in.
public enum ContactNumbers {
    public static func isPlaceholder(_ phone: String?) -> Bool {
        guard let phone = phone?.trimmingCharacters(in: .whitespaces), !phone.isEmpty else { return true }
        let lower = phone.lowercased()
        if phone.hasPrefix("[") && phone.hasSuffix("]") { return true }
        return lower.contains("tbd") || lower.contains("xxx") || !phone.contains(where: \.isNumber)
    }
}
