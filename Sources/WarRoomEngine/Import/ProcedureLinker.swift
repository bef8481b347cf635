import Foundation

/// Links decision outcomes to the procedure they name: "Use Database Rollback (Method 4)".
enum ProcedureLinker {
    static func link(_ state: inout ImportState) {
        // Index the procedures once: by "method n" and by bare title.
        var byMethod: [String: [String]] = [:]
        var byTitle: [String: [String]] = [:]
        for procedure in state.runbook.procedures {
            var title = procedure.title.lowercased()
            if title.hasPrefix("method "), let colon = title.firstIndex(of: ":") {
                byMethod[String(title[..<colon]), default: []].append(procedure.id)
                title = String(title[title.index(after: colon)...]).trimmingSpaces
            }
            title = MarkdownText.trailingParenthesis(title)?.head ?? title
            byTitle[title, default: []].append(procedure.id)
        }
        for treeIndex in state.runbook.decisionTrees.indices {
            for outcomeIndex in state.runbook.decisionTrees[treeIndex].outcomes.indices {
                let title = state.runbook.decisionTrees[treeIndex].outcomes[outcomeIndex].title
                if let match = find(title, byMethod: byMethod, byTitle: byTitle) {
                    state.runbook.decisionTrees[treeIndex].outcomes[outcomeIndex].procedure = match
                }
            }
        }
    }

    /// The one procedure an outcome names, or nil when none or several match.
    static func find(_ outcome: String, byMethod: [String: [String]], byTitle: [String: [String]]) -> String? {
        let lower = outcome.lowercased()
        if let paren = MarkdownText.trailingParenthesis(lower), paren.inner.hasPrefix("method "),
           let ids = byMethod[paren.inner], ids.count == 1 {
            return ids.first
        }
        var name = MarkdownText.trailingParenthesis(lower)?.head ?? lower
        if name.hasPrefix("use ") { name = String(name.dropFirst(4)) }
        guard name.count >= 6, let ids = byTitle[name], ids.count == 1 else { return nil }
        return ids.first
    }
}
