/// Events as one readable line each, for timelines. Runbook and journal text is sanitised.
public enum EventText {
    /// What the event says, in words: `step 3 of app-rollback done: Verify`. With `whole`,
    /// texts keep every line and character (for the report, which never cuts); without, a
    /// text's first line is cut at 100 characters (for terminal timelines).
    public static func describe(_ event: Event, runbook: Runbook, whole: Bool = false) -> String {
        let text = raw(event.kind, runbook: runbook, whole: whole)
        return TextSanitizer.line(text)
    }

    static func raw(_ kind: EventKind, runbook: Runbook, whole: Bool = false) -> String {
        func firstLine(_ text: String) -> String { whole ? MarkdownReport.joinedLines(text) : EventText.firstLine(text) }
        func stepName(_ id: String, _ number: Int) -> String {
            let action = runbook.plan(id)?.step(number)?.action
            return "step \(number) of \(id)" + (action.map { ": \(firstLine($0))" } ?? "")
        }
        switch kind {
        case .incidentDeclared(let title, let severity): return "incident declared, \(severity): \(title)"
        case .severityChanged(let from, let to): return "severity \(from) → \(to)"
        case .triggerFired(let id):
            return "trigger fired: \(id)" + (runbook.trigger(id).map { " (\(firstLine($0.condition)))" } ?? "")
        case .decisionAnswered(let tree, let node, let answer, let leadsTo, let outcome):
            let question = runbook.tree(tree)?.node(node)?.question ?? node
            let target = outcome ? "outcome: " + (runbook.tree(tree)?.outcome(leadsTo)?.title ?? leadsTo) : "next: \(leadsTo)"
            return "decision \(tree): \(question) → \(answer) (\(target))"
        case .decisionReverted(let tree, let node):
            return "decision \(tree) backed up to: " + (runbook.tree(tree)?.node(node)?.question ?? node)
        case .procedureStarted(let id): return "procedure started: \(id)" + (runbook.plan(id).map { " — \($0.title)" } ?? "")
        case .procedureCompleted(let id): return "procedure completed: \(id)"
        case .procedureAbandoned(let id, let reason): return "procedure abandoned: \(id) (\(reason))"
        case .stepStarted(let id, let number): return stepName(id, number) + " — started"
        case .stepDone(let id, let number): return stepName(id, number) + " — done"
        case .stepSkipped(let id, let number, let reason): return stepName(id, number) + " — skipped (\(reason))"
        case .stepFailed(let id, let number, let reason): return stepName(id, number) + " — FAILED (\(reason))"
        case .stepReopened(let id, let number): return stepName(id, number) + " — reopened"
        case .checklistTicked(let id, let number, let item):
            let items = runbook.plan(id)?.step(number)?.checklist.flatMap(\.flattened) ?? []
            let label = item >= 1 && item <= items.count ? ": " + items[item - 1].text : ""
            return "ticked item \(item) of step \(number) of \(id)\(label)"
        case .approvalRecorded(let approver, let subject): return "approval: \(approver) for \(subject)"
        case .communicationSent(let audience, let channel, let text):
            // Audiences and contacts by the names the runbook gives them, not their ids.
            let name = runbook.communications.first { $0.id == audience }?.audience ?? audience
            return "sent to \(name)" + (channel.isEmpty ? "" : " via \(channel)") + ": \(firstLine(text))"
        case .contactPaged(let contact, let target, let person):
            let role = runbook.contacts.first { $0.id == contact }?.role ?? contact
            return "paged \(role) (\(target.rawValue)): \(person)"
        case .pageAcknowledged(let contact, let person):
            let role = runbook.contacts.first { $0.id == contact }?.role ?? contact
            return "page answered: \(person) (\(role))"
        case .noteAdded(let text): return "note: \(firstLine(text))"
        case .incidentResolved(let outcome): return "incident resolved: \(outcome)"
        case .incidentRetitled(let title): return "retitled: \(title)"
        case .recoveryPointRecorded(let dataUpTo, let note): return "recovery point: data up to \(InstantNotation.dateAndTime(dataUpTo)) survived (\(firstLine(note)))"
        case .roleAssigned(let role, let person): return "role: \(person) is \(role)"
        case .eventRetracted(let sequence, let reason): return "retracted event #\(sequence) (\(reason))"
        case .incidentReopened(let reason): return "incident reopened (\(reason))"
        case .approvalOverridden(let id, let missing, let reason):
            return "started \(id) without approval of \(missing.joined(separator: ", ")) (\(reason))"
        }
    }

    static func firstLine(_ text: String) -> String {
        let line = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: true).first.map(String.init) ?? ""
        return line.count > 100 ? String(line.prefix(99)) + "…" : line
    }
}
