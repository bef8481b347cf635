import Foundation

/// Whether a line of a runbook reads as something to do: it opens with an imperative verb
/// ("Drain the node", "**Local:** Replace …", "Never commit …"), is a condition with an action
/// ("If no acknowledgment within 15 minutes, escalate …"), tells the reader what they need to
/// do ("You should check …"), or is a command. Used to decide, by content, whether a list or
/// a sequence of headings is a procedure.
enum ActionText {
    static let verbs: Set<String> = [
        "acknowledge", "activate", "add", "analyse", "analyze", "announce", "apply", "approve", "archive", "assemble",
        "assess", "assign", "audit", "back", "block", "bring", "build", "call", "capture", "change", "check", "choose", "claim",
        "classify", "clean", "clear", "close", "collect", "communicate", "complete", "configure", "confirm", "connect", "conduct",
        "consider", "construct", "contact", "contain", "continue", "copy", "cordon", "create", "declare", "decommission", "delete", "deploy",
        "detach", "detect", "determine", "disable", "disconnect", "document", "download", "drain", "drop", "edit", "email",
        "enable", "enforce", "engage", "ensure", "enter", "eradicate", "escalate", "establish", "evaluate", "examine", "execute",
        "export", "failover", "file", "find", "finalize", "finalise", "fix", "flush", "follow", "force", "freeze", "gather",
        "generate", "get", "go", "grant", "halt", "identify", "implement", "import", "increase", "inform", "initiate", "install",
        "inspect", "investigate", "invalidate", "invoke", "isolate", "kill", "launch", "link", "list", "locate", "lock", "log",
        "maintain", "make", "mark", "measure", "merge", "migrate", "mitigate", "modify", "monitor", "mount", "move", "navigate",
        "notify", "obtain", "open", "page", "patch", "pause", "perform", "ping", "plan", "point", "post", "prepare", "preserve",
        "prevent", "promote", "provide", "provision", "publish", "pull", "purge", "push", "put", "query", "reboot", "rebuild",
        "record", "recover", "redeploy", "redirect", "reduce", "refresh", "register", "reload", "remove", "rename", "repair",
        "replace", "report", "request", "rerun", "reset", "resolve", "restart", "restore", "resume", "retry", "revert", "review",
        "revoke", "roll", "rollback", "rotate", "run", "save", "scale", "schedule", "search", "select", "send", "set", "share",
        "shut", "snapshot", "ssh", "start", "stop", "submit", "suspend", "switch", "sync", "take", "terminate", "test", "trace",
        "track", "trigger", "triage", "turn", "uncordon", "undo", "unlock", "update", "upgrade", "upload", "use", "validate",
        "verify", "wait", "watch", "wipe", "write",
    ]
    /// Words that open an instruction without being a verb of their own.
    static let openers: Set<String> = ["never", "always", "please", "do", "don't", "dont"]
    /// First words of shell commands written as text.
    static let commands: Set<String> = ["sudo", "kubectl", "oc", "helm", "psql", "mysql", "aws", "gcloud", "az", "terraform", "docker",
                                        "systemctl", "consul", "vault", "nomad", "git", "curl", "cockroach", "etcdctl", "ansible", "make"]
    /// "You should check", "you need to put", "you will need to construct", "you must", "you can restart".
    static let reader = ["you should also ", "you should ", "you will need to ", "you need to ", "you must ", "you can "]

    static func words(_ text: String) -> [String] {
        text.lowercased().split(whereSeparator: { $0 == " " }).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ".,;:!?()\"'*`")) }
    }

    /// Whether the text opens with an action, after a short label (`**Local:** Replace …`,
    /// `Detection – confirm …`) or a parenthesis (`(Optional) Clean …`).
    static func isAction(_ raw: String) -> Bool {
        var text = MarkdownText.plain(raw).trimmingSpaces
        while text.hasPrefix("("), let close = text.firstIndex(of: ")") { text = String(text[text.index(after: close)...]).trimmingSpaces }
        if opensWithAction(text) { return true }
        if let pair = MarkdownText.keyValue(raw), !pair.value.isEmpty, opensWithAction(MarkdownText.plain(pair.value)) { return true }
        for dash in [" – ", " — ", " - "] {
            if let range = text.range(of: dash), text[..<range.lowerBound].split(separator: " ").count <= 3,
               opensWithAction(String(text[range.upperBound...])) { return true }
        }
        return false
    }

    static func opensWithAction(_ text: String) -> Bool {
        let list = words(text)
        guard let first = list.first else { return false }
        // "ADD COLUMN", "DROP TABLE": SQL, not an instruction.
        if let word = text.split(separator: " ").first, word.count > 1, word.allSatisfy({ $0.isUppercase }) { return false }
        if verbs.contains(first) || openers.contains(first) || commands.contains(first) { return true }
        if isReaderInstruction(text) { return true }
        // "If no acknowledgment within 15 minutes, escalate to …", "Once stable, re-enable …".
        if ["if", "when", "once", "after", "before", "for"].contains(first), let comma = text.firstIndex(of: ",") {
            return opensWithAction(String(text[text.index(after: comma)...]).trimmingSpaces)
        }
        return false
    }

    /// "You should check …", "you need to put …": a sentence telling the reader to act.
    static func isReaderInstruction(_ text: String) -> Bool {
        let lower = text.lowercased()
        for phrase in reader {
            guard let range = lower.range(of: phrase) else { continue }
            let after = words(String(lower[range.upperBound...])).first ?? ""
            if verbs.contains(after) { return true }
        }
        return false
    }

    /// Whether a line of text is a shell command (`sudo systemctl restart consul`).
    static func isCommandLine(_ text: String) -> Bool {
        guard let first = text.trimmingSpaces.split(separator: " ").first else { return false }
        return commands.contains(String(first)) || first.hasPrefix("$")
    }

    /// Whether text introduces example output rather than something to run.
    static func introducesOutput(_ text: String) -> Bool {
        let lower = MarkdownText.plain(text).lowercased()
        return ["output", "similar to", "looks like", "will give you", "will show", "you should see", "returns", "will list", "result"].contains { lower.has($0) }
    }

    /// Whether a list item is a reference rather than an action: only a link, or "See …", "Learn more …".
    static func isReference(_ raw: String) -> Bool {
        let trimmed = raw.trimmingSpaces
        let lower = MarkdownText.plain(trimmed).lowercased()
        if trimmed.hasPrefix("["), trimmed.hasSuffix(")") || trimmed.hasSuffix(").") { return true }
        return ["see ", "learn more", "read ", "refer to", "for more", "more information"].contains { lower.hasPrefix($0) }
    }
}
