import Foundation

/// What a communication section's own words say about its messages, where it states no
/// cadence: a script whose numbered comments are separate notifications (`# 1. Slack
/// notification`, `# 2. Email notification`), and a notification heading that names the
/// moment it is sent at ("Rollback Complete Notification").
enum NotificationReading {
    /// Words that make a title a message to someone rather than a task.
    static let messageWords = ["notif", "notice", "message", "mail", "slack", "sms", "page", "alert", "announce", "broadcast"]

    /// The numbered parts of a script when there are at least two and each is a message
    /// ("Slack notification", "Email notification"), with the script's title (the comment
    /// before the first part); nil otherwise, or when commands stand before the first part
    /// (they would belong to no message). Each part keeps its lines as commands, from its
    /// numbered comment to the next.
    static func parts(_ block: CodeBlock) -> (parts: [DraftStep], title: String?)? {
        guard let parts = CodeSteps.numberedSteps(block), parts.allSatisfy({ isMessage($0.action) }),
              parts.allSatisfy({ $0.commands != nil }), let first = parts.first else { return nil }
        var title: String?
        for line in block.lines where line.number < first.line {
            let text = line.text.trimmingSpaces
            if text.isEmpty || text.hasPrefix("#!") { continue }
            guard let comment = CodeSteps.comment(text) else { return nil }
            if title == nil, !comment.isEmpty { title = MarkdownText.plain(comment) }
        }
        return (parts, title)
    }

    static func isMessage(_ title: String) -> Bool {
        let lower = title.lowercased()
        return messageWords.contains { lower.has($0) }
    }

    /// The event a notification heading names as its moment: "Rollback Complete(d)
    /// Notification" → `procedure_complete`, "Rollback Initiated / Started Notice" →
    /// `procedure_start`, "Resolution Notice" → `resolve`; nil for a heading that is no
    /// message or names no moment.
    static func moment(_ title: String) -> CommsHook? {
        guard isMessage(title) else { return nil }
        let lower = title.lowercased()
        if lower.has("resolved") || lower.has("resolution") { return .resolve }
        if lower.has("complet") { return .procedureComplete }
        if lower.has("initiated") || lower.has("started") { return .procedureStart }
        return nil
    }
}
