import Foundation

/// What a communication section's own words say about its messages: a script whose
/// numbered comments are separate notifications (`# 1. Slack notification`, `# 2. Email
/// notification`).
enum NotificationReading {
    /// Words that make a title a message to someone rather than a task.
    static let messageWords = ["notif", "notice", "message", "mail", "slack", "sms", "page", "alert", "announce", "broadcast"]

    /// The numbered parts of a script when there are at least two and each is a message
    /// ("Slack notification", "Email notification"); nil otherwise. Each part keeps its
    /// lines as commands, from its numbered comment to the next.
    static func parts(_ block: CodeBlock) -> [DraftStep]? {
        guard let parts = CodeSteps.numberedSteps(block), parts.allSatisfy({ isMessage($0.action) }),
              parts.allSatisfy({ $0.commands != nil }) else { return nil }
        return parts
    }

    static func isMessage(_ title: String) -> Bool {
        let lower = title.lowercased()
        return messageWords.contains { lower.has($0) }
    }
}
