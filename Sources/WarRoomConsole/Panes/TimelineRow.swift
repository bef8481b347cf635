import WarRoomEngine

/// An event as a timeline row reads it — time, who, verb, then the object — so rows that
/// look alike differ at the start ("done", "started") and a cut only loses the object's end;
/// and the whole event, field by field, for the overlay Enter opens.
enum TimelineRow {
    /// The verb column's width.
    static let verbWidth = 9

    /// What happened, and to what.
    static func parts(_ event: Event, runbook: Runbook) -> (verb: String, role: StyleRole, object: String) {
        func step(_ id: String, _ number: Int) -> String {
            "step \(number) of \(id)" + (runbook.plan(id)?.step(number).map { ": " + firstLine($0.action) } ?? "")
        }
        func plan(_ id: String) -> String { runbook.plan(id).map { "\(id) — \(firstLine($0.title))" } ?? id }
        let parts: (String, StyleRole, String)
        switch event.kind {
        case .incidentDeclared(let title, let severity): parts = ("declared", .overrun, "\(severity) \(title)")
        case .severityChanged(let from, let to): parts = ("severity", .overrun, "\(from) → \(to)")
        case .triggerFired(let id): parts = ("fired", .overrun, id + (runbook.trigger(id).map { " (\(firstLine($0.condition)))" } ?? ""))
        case .decisionAnswered(let tree, let node, let answer, _, _):
            parts = ("answered", .normal, "\(runbook.tree(tree)?.node(node)?.question ?? node) → \(answer)")
        case .decisionReverted(let tree, let node): parts = ("backed up", .dim, runbook.tree(tree)?.node(node)?.question ?? node)
        case .procedureStarted(let id): parts = ("started", .running, plan(id))
        case .procedureCompleted(let id): parts = ("completed", .done, plan(id))
        case .procedureAbandoned(let id, let reason): parts = ("abandoned", .failed, "\(plan(id)) (\(reason))")
        case .stepStarted(let id, let number): parts = ("started", .running, step(id, number))
        case .stepDone(let id, let number): parts = ("done", .done, step(id, number))
        case .stepSkipped(let id, let number, let reason): parts = ("skipped", .skipped, "\(step(id, number)) (\(reason))")
        case .stepFailed(let id, let number, let reason): parts = ("FAILED", .failed, "\(step(id, number)) (\(reason))")
        case .stepReopened(let id, let number): parts = ("reopened", .due, step(id, number))
        case .checklistTicked(let id, let number, let item):
            let items = runbook.plan(id)?.step(number)?.checklist.flatMap(\.flattened) ?? []
            parts = ("ticked", .done, "item \(item) of step \(number) of \(id)" + (item >= 1 && item <= items.count ? ": " + items[item - 1].text : ""))
        case .approvalRecorded(let approver, let subject): parts = ("approved", .done, "\(approver) for \(subject)")
        case .communicationSent(let audience, let channel, let text):
            let name = runbook.communications.first { $0.id == audience }?.audience ?? audience
            parts = ("sent", .done, name + (channel.isEmpty ? "" : " via \(channel)") + ": " + firstLine(text))
        case .contactPaged(let contact, let target, let person): parts = ("paged", .running, "\(contact) (\(target.rawValue)): \(person)")
        case .pageAcknowledged(let contact, let person): parts = ("answered", .done, "\(contact): \(person)")
        case .noteAdded(let text): parts = ("note", .note, firstLine(text))
        case .incidentResolved(let outcome): parts = ("resolved", .done, outcome)
        default: parts = (event.kind.typeName.replacingUnderscores, .normal, EventText.describe(event, runbook: runbook))
        }
        return (parts.0, parts.1, TextSanitizer.line(parts.2))
    }

    /// Every field of an event as label and text, the texts whole (notes and updates keep
    /// their lines), for the event overlay.
    static func fields(_ event: Event, runbook: Runbook) -> [(String, String)] {
        var fields: [(String, String)] = [
            ("event", "#\(event.sequence) \(event.kind.typeName)"),
            ("at", event.at.iso8601),
            ("by", event.operator),
            ("what", EventText.describe(event, runbook: runbook)),
        ]
        switch event.kind {
        case .communicationSent(let audience, let channel, let text):
            fields.append(("audience", audience))
            if !channel.isEmpty { fields.append(("channel", channel)) }
            fields.append(("text", text))
        case .noteAdded(let text): fields.append(("text", text))
        case .stepSkipped(let id, let number, let reason), .stepFailed(let id, let number, let reason):
            fields.append(("reason", reason))
            if let step = runbook.plan(id)?.step(number) { fields.append(("step", step.action)) }
        case .stepStarted(let id, let number), .stepDone(let id, let number), .stepReopened(let id, let number):
            if let step = runbook.plan(id)?.step(number) { fields.append(("step", step.action)) }
        case .procedureAbandoned(_, let reason): fields.append(("reason", reason))
        case .incidentDeclared(let title, _): fields.append(("title", title))
        case .incidentResolved(let outcome): fields.append(("outcome", outcome))
        default: break
        }
        return fields
    }

    private static func firstLine(_ text: String) -> String {
        text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: true).first.map(String.init) ?? ""
    }
}

extension String {
    fileprivate var replacingUnderscores: String { String(map { $0 == "_" ? " " : $0 }) }
}
