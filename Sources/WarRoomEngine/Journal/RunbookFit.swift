/// Checks that journal events still fit a runbook that changed after the journal was opened.
public enum RunbookFit {
    /// Why `event` no longer fits `runbook`, or nil when it does.
    public static func problem(_ event: Event, _ runbook: Runbook) -> String? {
        func plan(_ id: String) -> RunnablePlan? { runbook.plan(id) }
        func step(_ id: String, _ number: Int) -> String? {
            guard let plan = plan(id) else { return "procedure '\(id)' is no longer in the runbook" }
            return plan.step(number) == nil ? "'\(id)' now has \(plan.steps.count) steps; there is no step \(number)" : nil
        }
        switch event.kind {
        case .incidentDeclared, .severityChanged, .approvalRecorded, .noteAdded, .incidentResolved:
            return nil
        case .triggerFired(let id):
            return runbook.trigger(id) == nil ? "trigger '\(id)' is no longer in the runbook" : nil
        case .decisionAnswered(let treeID, let node, _, let leadsTo, _):
            guard let tree = runbook.tree(treeID) else { return "decision tree '\(treeID)' is no longer in the runbook" }
            guard tree.node(node) != nil else { return "tree '\(treeID)' no longer has node '\(node)'" }
            return tree.node(leadsTo) == nil && tree.outcome(leadsTo) == nil ? "tree '\(treeID)' no longer has '\(leadsTo)'" : nil
        case .decisionReverted(let treeID, let node):
            guard let tree = runbook.tree(treeID) else { return "decision tree '\(treeID)' is no longer in the runbook" }
            return tree.node(node) == nil ? "tree '\(treeID)' no longer has node '\(node)'" : nil
        case .procedureStarted(let id), .procedureCompleted(let id), .procedureAbandoned(let id, _):
            return plan(id) == nil ? "procedure '\(id)' is no longer in the runbook" : nil
        case .stepStarted(let id, let number), .stepDone(let id, let number), .stepSkipped(let id, let number, _),
             .stepFailed(let id, let number, _), .stepReopened(let id, let number):
            return step(id, number)
        case .checklistTicked(let id, let number, let item):
            if let problem = step(id, number) { return problem }
            let count = plan(id)?.step(number)?.checklist.flatMap(\.flattened).count ?? 0
            return item > count ? "step \(number) of '\(id)' now has \(count) checklist items; there is no item \(item)" : nil
        case .communicationSent(let audience, _, _):
            return runbook.communications.contains { $0.id == audience } ? nil : "audience '\(audience)' is no longer in the communication plan"
        case .contactPaged(let contact, _, _), .pageAcknowledged(let contact, _):
            return runbook.contacts.contains { $0.id == contact } ? nil : "contact '\(contact)' is no longer in the runbook"
        case .incidentRetitled, .recoveryPointRecorded, .roleAssigned:
            return nil
        case .eventRetracted, .incidentReopened:
            return nil
        case .approvalOverridden(let id, _, _):
            return plan(id) == nil ? "procedure '\(id)' is no longer in the runbook" : nil
        }
    }

    /// What differs between the runbook the journal was opened with (its outline) and `runbook`.
    public static func differences(header: JournalHeader, runbook: Runbook) -> [String] {
        let now = JournalHeader.outline(of: runbook)
        var differences: [String] = []
        for (id, count) in header.outline.sorted(by: { $0.key < $1.key }) {
            if let current = now[id] {
                if current != count { differences.append("'\(id)' has \(current) steps (was \(count))") }
            } else {
                differences.append("'\(id)' was removed")
            }
        }
        for id in now.keys.sorted() where header.outline[id] == nil { differences.append("'\(id)' was added") }
        return differences
    }

    /// The warning for a runbook whose SHA-256 changed since the journal was opened.
    public static func changeWarning(header: JournalHeader, runbook: Runbook, sha256: String) -> String {
        let differences = differences(header: header, runbook: runbook)
        let what = differences.isEmpty ? "procedures and step counts are the same" : differences.joined(separator: "; ")
        return "runbook \(header.runbookPath) changed since the journal was opened (sha256 \(header.runbookSHA256.prefix(12))… then, \(sha256.prefix(12))… now): \(what)"
    }

    /// Checks `runbook` against a journal's header and `events` (all of them, in order): a
    /// warning naming what differs when its SHA-256 changed, and an error for every event that
    /// no longer fits. The same answer as `JournalReader.check(path:…)` for a file.
    public static func check(location: String, header: JournalHeader, runbook: Runbook, sha256: String,
                             events: some Sequence<Event>) throws(JournalError) -> [String] {
        guard header.runbookSHA256 != sha256 else { return [] }
        var fit = Check(header: header, runbook: runbook, sha256: sha256)
        for event in events { fit.add(event) }
        return try fit.finish(location: location)
    }

    /// The events that no longer fit a changed runbook, gathered one event at a time.
    struct Check {
        let header: JournalHeader
        let runbook: Runbook
        let sha256: String
        private var misfits: [String] = []

        init(header: JournalHeader, runbook: Runbook, sha256: String) {
            self.header = header
            self.runbook = runbook
            self.sha256 = sha256
        }

        mutating func add(_ event: Event) {
            if let problem = RunbookFit.problem(event, runbook) { misfits.append("event \(event.sequence) (\(event.kind.typeName)): \(problem)") }
        }

        /// The warning, or the error listing the misfits.
        func finish(location: String) throws(JournalError) -> [String] {
            let warning = RunbookFit.changeWarning(header: header, runbook: runbook, sha256: sha256)
            guard misfits.isEmpty else {
                let shown = misfits.prefix(10).joined(separator: "; ") + (misfits.count > 10 ? "; and \(misfits.count - 10) more" : "")
                throw JournalError(.invalid, path: location, "\(warning). Events no longer fit it: \(shown)")
            }
            return [warning]
        }
    }
}
