/// Checks commands against the runbook and the incident so far. A command either becomes
/// exactly one event or is refused with a reason; the engine itself writes nothing.
public struct Engine: Sendable {
    public let runbook: Runbook

    public init(runbook: Runbook) { self.runbook = runbook }

    /// The event `command` becomes in `state`, or why it is refused.
    public func decide(_ command: Command, in state: IncidentState) -> Result<EventKind, Refusal> {
        do throws(Refusal) {
            return .success(try event(for: command, in: state))
        } catch {
            return .failure(error)
        }
    }

    /// The event `command` from `operator` becomes at `instant` in `state`, numbered after the
    /// state's last event — or why it is refused.
    public func decide(_ command: Command, in state: IncidentState, at instant: Instant, operator: String) -> Result<Event, Refusal> {
        decide(command, in: state).map { Event(sequence: state.lastSequence + 1, at: instant, operator: `operator`, kind: $0) }
    }

    /// The event `command` becomes in `state`; throws a `Refusal` otherwise.
    public func event(for command: Command, in state: IncidentState) throws(Refusal) -> EventKind {
        if case .declare(let title, let severity) = command {
            if let declaration = state.declaration {
                throw Refusal("the incident was already declared at \(declaration.at.iso8601) (\(declaration.severity): \(declaration.title))")
            }
            return .incidentDeclared(title: try required(title, "a title"), severity: try known(try required(severity, "a severity (e.g. SEV1)")))
        }
        guard state.declaration != nil else {
            throw Refusal("no incident has been declared yet: declare one first (declare SEVERITY TITLE)")
        }
        switch command {
        case .note(let text):
            return .noteAdded(text: try required(text, "the note's text"))
        case .retract(let sequence, let reason):
            return try retraction(of: sequence, reason: reason, in: state)
        case .reopenIncident(let reason):
            guard state.resolution != nil else { throw Refusal("the incident is not resolved: there is nothing to reopen") }
            return .incidentReopened(reason: try required(reason, "a reason for reopening"))
        case .communicate(let name, let channel, let text):
            // Allowed after resolution too: the "resolved" update goes out after the fact.
            guard let audience = runbook.audience(named: name) else {
                throw Refusal("no audience '\(name)' in the communication plan; expected one of: \(list(runbook.communications.map(\.id)))")
            }
            let chosen = channel.map { $0.trimmed } ?? audience.channel ?? ""
            return .communicationSent(audience: audience.id, channel: chosen, text: try required(text, "the text sent"))
        case .retitle(let title):
            // Allowed after resolution too: the postmortem's title is often chosen last.
            let new = try required(title, "the new title")
            guard new != state.title else { throw Refusal("the title is already '\(new)'") }
            return .incidentRetitled(title: new)
        case .recordRecoveryPoint(let dataUpTo, let note):
            return .recoveryPointRecorded(at: dataUpTo, note: try required(note, "a note saying what the recovery point is (e.g. the backup restored)"))
        case .assignRole(let role, let person):
            return .roleAssigned(role: try IncidentRoles.resolve(role, in: runbook), person: try required(person, "the person taking the role"))
        default:
            break
        }
        if let resolution = state.resolution {
            throw Refusal("the incident was resolved at \(resolution.at.iso8601); now only notes, communications, a new title, the recovery point, roles and corrections (retract, reopen) are recorded")
        }
        switch command {
        case .declare, .note, .communicate, .retitle, .recordRecoveryPoint, .assignRole, .retract, .reopenIncident:
            throw Refusal("unreachable")
        case .overrideApprovals(let id, let reason):
            let plan = try plan(id)
            let missing = state.missingApprovals(for: plan)
            guard !missing.isEmpty else { throw Refusal("'\(plan.id)' has no missing approval to override") }
            return .approvalOverridden(procedure: plan.id, missing: missing, reason: try required(reason, "a reason for starting without the approvals"))
        case .changeSeverity(let severity):
            let to = try known(try required(severity, "a severity"))
            let from = state.severity ?? ""
            guard to != from else { throw Refusal("the severity is already \(from)") }
            return .severityChanged(from: from, to: to)
        case .fireTrigger(let id):
            guard let trigger = runbook.trigger(id) else {
                throw Refusal("no trigger '\(id)' in the runbook; expected one of: \(list(runbook.triggers.map(\.id)))")
            }
            if let fired = state.triggersFired.first(where: { $0.trigger == trigger.id }) {
                throw Refusal("trigger '\(trigger.id)' already fired at \(fired.at.iso8601)")
            }
            return .triggerFired(trigger: trigger.id)
        case .answer(let treeID, let nodeID, let answerText):
            return try answer(treeID: treeID, nodeID: nodeID, answerText: answerText, in: state)
        case .backUp(let treeID):
            guard let tree = runbook.tree(treeID) else {
                throw Refusal("no decision tree '\(treeID)' in the runbook; expected one of: \(list(runbook.decisionTrees.map(\.id)))")
            }
            guard let last = state.trees[tree.id]?.path.last else {
                throw Refusal("tree '\(tree.id)' has no answer to take back: it is at its first question")
            }
            return .decisionReverted(tree: tree.id, node: last.node)
        case .startProcedure(let id):
            let plan = try plan(id)
            if let progress = state.plans[plan.id] {
                switch progress.state {
                case .running: throw Refusal("'\(plan.id)' is already running (started at \(progress.startedAt?.iso8601 ?? "?"))")
                case .completed: throw Refusal("'\(plan.id)' was already completed at \(progress.endedAt?.iso8601 ?? "?")")
                case .abandoned: break
                }
            }
            return .procedureStarted(procedure: plan.id)
        case .completeProcedure(let id):
            let (plan, progress) = try running(id, in: state)
            let open = plan.steps.filter { step in
                !progress.step(step.number).isFinished && !isOngoing(step)
            }
            if let failed = open.first(where: { progress.step($0.number).state == .failed }) {
                throw Refusal("step \(failed.number) of '\(plan.id)' failed: reopen or skip it before completing the procedure")
            }
            guard open.isEmpty else {
                throw Refusal("'\(plan.id)' still has unfinished steps: \(open.map { String($0.number) }.joined(separator: ", ")); finish or skip them first")
            }
            return .procedureCompleted(procedure: plan.id)
        case .abandonProcedure(let id, let reason):
            let (plan, _) = try running(id, in: state)
            return .procedureAbandoned(procedure: plan.id, reason: try required(reason, "a reason for abandoning"))
        case .startStep(let id, let number):
            let (plan, _, step) = try step(id, number, in: state)
            switch step.state {
            case .pending: return .stepStarted(procedure: plan.id, step: number)
            case .running: throw Refusal("step \(number) of '\(plan.id)' is already running (started at \(step.startedAt?.iso8601 ?? "?"))")
            default: throw Refusal("step \(number) of '\(plan.id)' is already \(step.state.rawValue): reopen it first")
            }
        case .completeStep(let id, let number):
            let (plan, _, step) = try step(id, number, in: state)
            switch step.state {
            case .running: return .stepDone(procedure: plan.id, step: number)
            case .pending: throw Refusal("step \(number) of '\(plan.id)' has not been started: start it first")
            default: throw Refusal("step \(number) of '\(plan.id)' is already \(step.state.rawValue)")
            }
        case .skipStep(let id, let number, let reason):
            let (plan, _, step) = try step(id, number, in: state)
            guard step.state == .pending || step.state == .running else {
                throw Refusal("step \(number) of '\(plan.id)' is already \(step.state.rawValue): reopen it first")
            }
            return .stepSkipped(procedure: plan.id, step: number, reason: try required(reason, "a reason for skipping"))
        case .failStep(let id, let number, let reason):
            let (plan, _, step) = try step(id, number, in: state)
            guard step.state == .running else {
                throw Refusal("step \(number) of '\(plan.id)' is \(step.state.rawValue), not running: only a running step can fail")
            }
            return .stepFailed(procedure: plan.id, step: number, reason: try required(reason, "a reason for the failure"))
        case .reopenStep(let id, let number):
            let (plan, _, step) = try step(id, number, in: state)
            guard step.state != .pending && step.state != .running else {
                throw Refusal("step \(number) of '\(plan.id)' is \(step.state.rawValue): only a done, skipped or failed step can be reopened")
            }
            return .stepReopened(procedure: plan.id, step: number)
        case .tick(let id, let number, let item):
            let (plan, _, step) = try step(id, number, in: state)
            let items = plan.step(number)?.checklist.flatMap(\.flattened) ?? []
            guard !items.isEmpty else { throw Refusal("step \(number) of '\(plan.id)' has no checklist") }
            guard item >= 1 && item <= items.count else {
                throw Refusal("step \(number) of '\(plan.id)' has checklist items 1 to \(items.count); there is no item \(item)")
            }
            guard !step.ticked.contains(item) else { throw Refusal("item \(item) of step \(number) of '\(plan.id)' is already ticked") }
            return .checklistTicked(procedure: plan.id, step: number, item: item)
        case .approve(let approver, let subject):
            return .approvalRecorded(approver: try required(approver, "who approved"), subject: try required(subject, "what was approved"))
        case .page(let name, let target):
            guard let contact = runbook.contact(named: name) else {
                throw Refusal("no contact '\(name)' in the runbook; expected one of: \(list(runbook.contacts.map(\.id)))")
            }
            switch target {
            case .primary:
                return .contactPaged(contact: contact.id, target: .primary, person: contact.primary.name)
            case .backup:
                guard let backup = contact.backup else { throw Refusal("contact '\(contact.id)' has no backup in the runbook") }
                return .contactPaged(contact: contact.id, target: .backup, person: backup.name)
            }
        case .acknowledgePage(let name):
            guard let contact = runbook.contact(named: name) else {
                throw Refusal("no contact '\(name)' in the runbook; expected one of: \(list(runbook.contacts.map(\.id)))")
            }
            guard let page = state.outstandingPage(contact.id) else {
                let answered = state.pages.last { $0.contact == contact.id }
                throw Refusal(answered == nil ? "'\(contact.id)' was not paged: page them first"
                                              : "the page to \(answered?.person ?? contact.id) is already acknowledged")
            }
            return .pageAcknowledged(contact: contact.id, person: page.person)
        case .resolve(let outcome):
            if let running = state.planOrder.first(where: { state.plans[$0]?.state == .running }) {
                throw Refusal("'\(running)' is still running: complete or abandon it before resolving")
            }
            return .incidentResolved(outcome: try required(outcome, "the outcome"))
        }
    }

    // MARK: - Helpers

    /// The runbook's spelling of `severity`, or a refusal listing the severities it accepts.
    private func known(_ severity: String) throws(Refusal) -> String {
        guard let match = runbook.allowedSeverities.first(where: { $0.lowercased() == severity.lowercased() }) else {
            throw Refusal("'\(severity)' is not a severity of this runbook; expected one of: \(runbook.allowedSeverities.joined(separator: ", "))")
        }
        return match
    }

    private func retraction(of sequence: Int, reason: String, in state: IncidentState) throws(Refusal) -> EventKind {
        guard sequence >= 1, sequence <= state.lastSequence else {
            throw Refusal("there is no event \(sequence): the journal's events are 1 to \(state.lastSequence)")
        }
        if state.isVoid(sequence) { throw Refusal("event \(sequence) was already retracted") }
        if state.retractions.contains(where: { $0.retractedBy == sequence }) {
            throw Refusal("event \(sequence) is itself a retraction: retractions cannot be taken back")
        }
        if sequence == state.declarationSequence {
            throw Refusal("event \(sequence) declared the incident: the declaration cannot be retracted (change the severity, or add a note)")
        }
        if sequence == state.resolutionSequence {
            throw Refusal("event \(sequence) resolved the incident: reopen the incident instead")
        }
        return .eventRetracted(sequence: sequence, reason: try required(reason, "a reason for the retraction"))
    }

    private func answer(treeID: String, nodeID: String, answerText: String, in state: IncidentState) throws(Refusal) -> EventKind {
        guard let tree = runbook.tree(treeID) else {
            throw Refusal("no decision tree '\(treeID)' in the runbook; expected one of: \(list(runbook.decisionTrees.map(\.id)))")
        }
        let progress = state.trees[tree.id]
        if let outcome = progress?.outcome {
            throw Refusal("tree '\(tree.id)' already reached its outcome '\(outcome)'")
        }
        let current = progress?.current ?? tree.root
        guard nodeID == current else {
            throw Refusal("node '\(nodeID)' is not the current node of tree '\(tree.id)'; the current node is '\(current)'")
        }
        guard let node = tree.node(current) else { throw Refusal("tree '\(tree.id)' has no node '\(current)'") }
        let wanted = answerText.trimmed
        let chosen: DecisionAnswer? = if let number = Int(wanted), number >= 1, number <= node.answers.count {
            node.answers[number - 1]
        } else {
            node.answers.first { $0.label.lowercased() == wanted.lowercased() }
        }
        guard let chosen else {
            let options = node.answers.enumerated().map { "\($0.offset + 1). \($0.element.label)" }.joined(separator: ", ")
            throw Refusal("'\(wanted)' is not an answer to '\(node.question)'; expected one of: \(options)")
        }
        return .decisionAnswered(tree: tree.id, node: node.id, answer: chosen.label, leadsTo: chosen.goto,
                                 outcome: tree.outcome(chosen.goto) != nil)
    }

    private func plan(_ id: String) throws(Refusal) -> RunnablePlan {
        guard let plan = runbook.plan(id) else {
            throw Refusal("no procedure or contingency plan '\(id)' in the runbook; expected one of: \(list(runbook.plans.map(\.id)))")
        }
        return plan
    }

    private func running(_ id: String, in state: IncidentState) throws(Refusal) -> (RunnablePlan, PlanProgress) {
        let plan = try plan(id)
        guard let progress = state.plans[plan.id] else {
            throw Refusal("'\(plan.id)' has not been started: start it first")
        }
        guard progress.state == .running else {
            throw Refusal("'\(plan.id)' is \(progress.state.rawValue), not running")
        }
        return (plan, progress)
    }

    private func step(_ id: String, _ number: Int, in state: IncidentState) throws(Refusal) -> (RunnablePlan, PlanProgress, StepProgress) {
        let (plan, progress) = try running(id, in: state)
        guard plan.step(number) != nil else {
            throw Refusal("'\(plan.id)' has steps 1 to \(plan.steps.count); there is no step \(number)")
        }
        return (plan, progress, progress.step(number))
    }

    private func isOngoing(_ step: Step) -> Bool {
        switch step.duration {
        case .ongoing?, .untilResolved?: true
        default: false
        }
    }

    private func required(_ text: String, _ what: String) throws(Refusal) -> String {
        let value = text.trimmed
        guard !value.isEmpty else { throw Refusal("expected \(what); found nothing") }
        return value
    }

    private func list(_ ids: [String]) -> String {
        ids.isEmpty ? "(none)" : ids.prefix(12).joined(separator: ", ") + (ids.count > 12 ? ", …" : "")
    }
}
