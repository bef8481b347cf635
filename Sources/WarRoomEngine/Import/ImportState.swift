import Foundation

/// The runbook being built, the lines already placed, the ids given out and the notes for
/// the report. Passed `inout` through the recognisers; a plain value.
struct ImportState {
    var runbook: Runbook
    var tree: SectionTree
    /// Lines placed in the runbook.
    var used: Set<Int> = []
    /// Sections whose whole subtree a recogniser took.
    var consumedSections: Set<Int> = []
    var ids = ImportIDs()
    /// Interpretations, each with the line it names.
    var notes: [(line: Int, text: String)] = []

    mutating func use(_ block: SourceBlock) { used.formUnion(block.lines) }
    mutating func use(lines: [Int]) { used.formUnion(lines) }
    mutating func consume(section index: Int) {
        for member in tree.subtree(index) {
            consumedSections.insert(member)
            used.insert(tree.sections[member].line)
        }
    }
    mutating func note(_ line: Int, _ text: String) { notes.append((line, text)) }

    /// The interpretations for the report, in the order of the document's lines.
    var reportNotes: [String] {
        notes.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map { "line \($0.element.line): \($0.element.text)" }
    }
}

/// Role names for table columns, from the many ways runbooks head them.
enum ColumnRole: Hashable {
    case step, action, owner, duration, timeline
    case audience, channel, template, timing
    case role, primary, name, phone, backup, contact, authority
    case condition, threshold, detection, outcome, decisionMaker, decisionTime, severity, criteria
    case test, frequency, last, next, result
    case version, commit, date, notes, author

    /// The role of a header cell, or nil.
    static func of(_ header: String) -> ColumnRole? { names[MarkdownText.normalized(header)] }

    private static let names: [String: ColumnRole] = {
        let table: [(ColumnRole, [String])] = [
            (.step, ["step", "#", "no", "no.", "seq", "order"]),
            (.action, ["action", "task", "what", "activity", "step description", "description"]),
            (.owner, ["responsible", "owner", "who", "assignee", "performed by", "team"]),
            (.duration, ["duration", "time", "eta", "est", "estimate", "est. time", "expected time", "time required"]),
            (.timeline, ["timeline", "deadline", "due", "when"]),
            (.audience, ["audience", "stakeholder", "stakeholders", "recipient", "recipients"]),
            (.channel, ["method", "channel", "medium", "via"]),
            (.template, ["template", "message", "message template"]),
            (.timing, ["timing", "frequency", "cadence", "update frequency"]),
            (.role, ["role", "function", "position"]),
            (.primary, ["primary", "primary contact", "on-call", "contact name", "escalation contact"]),
            (.name, ["name", "person"]),
            (.phone, ["phone", "telephone", "mobile", "tel", "pager"]),
            (.backup, ["backup", "backup contact", "secondary", "deputy"]),
            (.contact, ["contact", "email", "slack"]),
            (.authority, ["authority", "may decide", "authority required", "approval authority"]),
            (.condition, ["condition", "trigger", "scenario", "signal", "metric", "alert"]),
            (.threshold, ["threshold", "limit"]),
            (.detection, ["detection", "detection method", "detected by", "source", "monitor"]),
            (.outcome, ["rollback type", "response", "result action", "leads to"]),
            (.decisionMaker, ["decision maker", "decided by", "approver"]),
            (.decisionTime, ["time to decision", "max decision time", "approval time", "decision time"]),
            (.severity, ["severity", "issue severity", "level", "sev"]),
            (.criteria, ["criteria"]),
            (.test, ["test", "exercise", "drill"]),
            (.last, ["last test", "last run", "last"]),
            (.next, ["next test", "next run", "next"]),
            (.result, ["result", "outcome", "status"]),
            (.version, ["version", "release", "tag"]),
            (.commit, ["git commit", "commit", "sha"]),
            (.date, ["date", "deployed"]),
            (.notes, ["notes", "comment", "comments", "changes"]),
            (.author, ["author"]),
        ]
        var names: [String: ColumnRole] = [:]
        for (role, words) in table { for word in words where names[word] == nil { names[word] = role } }
        return names
    }()
}

/// A table with its columns given roles; the first column of each role wins, except
/// phones, which are kept in order (primary's phone, then backup's).
struct RoledTable {
    var table: SourceTable
    var columns: [ColumnRole: Int] = [:]
    var phones: [Int] = []

    init(_ table: SourceTable) {
        self.table = table
        for (index, header) in table.header.enumerated() {
            guard let role = ColumnRole.of(header) else { continue }
            if role == .phone { phones.append(index) }
            if columns[role] == nil { columns[role] = index }
        }
        // "Action" beside "Condition" is what the trigger leads to, not a step.
        if columns[.condition] != nil, columns[.step] == nil, columns[.owner] == nil, let action = columns[.action] {
            columns[.outcome] = columns[.outcome] ?? action
            columns[.action] = nil
        }
    }

    func has(_ roles: ColumnRole...) -> Bool { roles.allSatisfy { columns[$0] != nil } }

    /// The cell of `role` in `row`, as plain text; nil when absent, empty or a dash.
    func cell(_ row: [String], _ role: ColumnRole) -> String? {
        guard let index = columns[role] else { return nil }
        return Self.value(row, index)
    }

    static func value(_ row: [String], _ index: Int) -> String? {
        guard index < row.count else { return nil }
        let text = MarkdownText.plain(row[index])
        return text.isEmpty || ["—", "-", "–", "n/a", "N/A"].contains(text) ? nil : text
    }
}
