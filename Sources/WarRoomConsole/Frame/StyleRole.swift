/// What a piece of text on screen means, not how it looks: panes ask for `.overrun` or
/// `.done`, and a theme decides the colours and attributes of each role.
public enum StyleRole: String, Sendable, Hashable, CaseIterable, Codable {
    // Chrome
    case normal, dim, title, heading, border, borderFocused, selection
    case headerBar, tabActive, tabInactive, hintKey, hintText
    // Step and procedure states
    case pending, running, done, skipped, failed
    // Time against plans: on time, over an estimate, a communication due or overdue
    case onTime, overrun, due, overdue
    // The RTO budget bar
    case budgetOK, budgetWarning, budgetAlarm
    // Decision trees and triggers
    case question, answerKey, outcome, breadcrumb, automatic, manual
    // Text kinds
    case command, timestamp, operatorName, note, input, error
}
