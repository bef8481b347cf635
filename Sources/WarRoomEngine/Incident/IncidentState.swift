/// The incident so far: the fold of its events. A pure value with no reference to the
/// runbook; `reduce` never fails (events that do not fit are still recorded as well as they
/// can be), so any well-formed journal replays.
public struct IncidentState: Sendable, Hashable, Codable {
    /// The declaration, once the incident is declared.
    public var declaration: Declaration?
    /// The current severity.
    public var severity: String?
    /// Every severity change, in order.
    public var severityChanges: [SeverityChange] = []
    /// Every trigger fired, in order.
    public var triggersFired: [Fired] = []
    /// Decision trees walked so far, by tree id.
    public var trees: [String: TreeProgress] = [:]
    /// Tree ids in the order they were first answered.
    public var treeOrder: [String] = []
    /// Plans (procedures and contingencies) started, by id.
    public var plans: [String: PlanProgress] = [:]
    /// Plan ids in the order they were started.
    public var planOrder: [String] = []
    public var approvals: [Approval] = []
    /// Communications sent, by audience id.
    public var communications: [String: [Sent]] = [:]
    public var pages: [Page] = []
    public var notes: [Note] = []
    public var resolution: Resolution?
    /// Every retitle, in order; the title is the last one's.
    public var retitles: [Retitle] = []
    /// The latest recovery point recorded.
    public var recoveryPoint: RecoveryPoint?
    /// Roles taken, in order (a later assignment of a role replaces the earlier holder).
    public var roles: [RoleAssignment] = []
    /// Everyone who gave a command, in the order they first acted.
    public var participants: [String] = []
    /// Events taken back, in order; their targets are void (not folded).
    public var retractions: [Retraction] = []
    /// Resolutions undone, in order.
    public var reopenings: [Reopening] = []
    /// Plans started without their approvals, on purpose.
    public var approvalOverrides: [ApprovalOverride] = []
    /// Sequence numbers whose events are void: applied, counted, but not folded.
    public private(set) var voided: Set<Int> = []
    /// The sequence numbers of the declaration and of the last resolution (retraction rules).
    public var declarationSequence: Int?
    public var resolutionSequence: Int?
    /// The sequence number of the last event applied (0 before any).
    public var lastSequence = 0
    /// How many events were applied.
    public var eventCount = 0
    /// When the last event happened.
    public var lastEventAt: Instant?

    public init() {}

    /// An empty state in which the events numbered `voided` will be void when applied: the
    /// second pass of a fold whose first pass found retractions.
    public init(voiding voided: Set<Int>) { self.voided = voided }

    /// The state after `events`, in order, with every retracted event void.
    public static func reduce<S: Sequence>(_ events: S) -> IncidentState where S.Element == Event {
        var state = IncidentState(voiding: retractedSequences(events))
        for event in events { state.apply(event) }
        return state
    }

    /// The sequence numbers the retractions among `events` take back.
    public static func retractedSequences<S: Sequence>(_ events: S) -> Set<Int> where S.Element == Event {
        var sequences: Set<Int> = []
        for event in events { if case .eventRetracted(let sequence, _) = event.kind { sequences.insert(sequence) } }
        return sequences
    }

    /// Applies `event`, which follows `earlier` (the events applied so far, in order). A
    /// retraction of an event already folded folds `earlier` again without it.
    public mutating func apply(_ event: Event, after earlier: @autoclosure () -> [Event]) {
        if retractsFoldedEvent(event) {
            self = .reduce(earlier() + [event])
        } else {
            apply(event)
        }
    }

    /// Whether `event` retracts an earlier event already folded into this state (not void
    /// yet): folding it means folding the earlier events again without that one.
    public func retractsFoldedEvent(_ event: Event) -> Bool {
        guard case .eventRetracted(let sequence, _) = event.kind else { return false }
        return !voided.contains(sequence) && sequence < event.sequence
    }

    /// Whether the event numbered `sequence` was taken back.
    public func isVoid(_ sequence: Int) -> Bool { voided.contains(sequence) }

    /// The latest page of `contact` when nobody has acknowledged it yet.
    public func outstandingPage(_ contact: String) -> Page? {
        guard let page = pages.last(where: { $0.contact == contact }), page.acknowledgedAt == nil else { return nil }
        return page
    }

    /// This state with `event` applied.
    public func reduced(_ event: Event) -> IncidentState {
        var copy = self
        copy.apply(event)
        return copy
    }

    /// Applies one event. Total: never fails, never traps.
    public mutating func apply(_ event: Event) {
        lastSequence = max(lastSequence, event.sequence)
        eventCount += 1
        lastEventAt = event.at
        // A retracted event stays in the journal and is counted, but changes nothing.
        if voided.contains(event.sequence) { return }
        let at = event.at
        if !participants.contains(event.operator) { participants.append(event.operator) }
        switch event.kind {
        case .incidentDeclared(let title, let severity):
            if declaration == nil {
                declaration = Declaration(title: title, severity: severity, at: at, by: event.operator)
                declarationSequence = event.sequence
            }
            self.severity = severity
        case .severityChanged(let from, let to):
            severityChanges.append(SeverityChange(from: from, to: to, at: at, by: event.operator))
            severity = to
        case .triggerFired(let trigger):
            triggersFired.append(Fired(trigger: trigger, at: at, by: event.operator))
        case .decisionAnswered(let tree, let node, let answer, let leadsTo, let outcome):
            if trees[tree] == nil { treeOrder.append(tree) }
            var progress = trees[tree] ?? TreeProgress()
            progress.path.append(Answered(node: node, answer: answer, leadsTo: leadsTo, at: at, by: event.operator))
            progress.current = leadsTo
            if outcome { progress.outcome = leadsTo; progress.decidedAt = at }
            trees[tree] = progress
        case .decisionReverted(let tree, let node):
            var progress = trees[tree] ?? TreeProgress()
            if !progress.path.isEmpty { progress.path.removeLast() }
            progress.current = node
            progress.outcome = nil
            progress.decidedAt = nil
            trees[tree] = progress
        case .procedureStarted(let id):
            updatePlan(id) { plan in
                if plan.firstStart == nil { plan.firstStart = at }
                // Starting again after abandoning is a fresh run of the steps.
                if plan.state == .abandoned { plan.steps = [:]; plan.reason = nil }
                plan.startedAt = at
                plan.startedBy = event.operator
                plan.endedAt = nil
                plan.state = .running
            }
        case .procedureCompleted(let id):
            updatePlan(id) { plan in
                plan.state = .completed
                plan.endedAt = at
                plan.closeOpenSteps(at: at)
            }
        case .procedureAbandoned(let id, let reason):
            updatePlan(id) { plan in
                plan.state = .abandoned
                plan.endedAt = at
                plan.reason = reason
            }
        case .stepStarted(let id, let number):
            updateStep(id, number) { step in
                step.state = .running
                step.startedAt = at
                step.endedAt = nil
            }
        case .stepDone(let id, let number):
            updateStep(id, number) { step in
                step.state = .done
                step.endedAt = at
            }
        case .stepSkipped(let id, let number, let reason):
            updateStep(id, number) { step in
                step.state = .skipped
                step.endedAt = at
                step.reason = reason
            }
        case .stepFailed(let id, let number, let reason):
            updateStep(id, number) { step in
                step.state = .failed
                step.endedAt = at
                step.reason = reason
                step.failures.append(StepFailure(reason: reason, at: at))
            }
        case .stepReopened(let id, let number):
            updateStep(id, number) { step in
                step.state = .pending
                step.startedAt = nil
                step.endedAt = nil
                step.reason = nil
                step.reopened += 1
            }
        case .checklistTicked(let id, let number, let item):
            updateStep(id, number) { step in step.ticked.insert(item) }
        case .approvalRecorded(let approver, let subject):
            approvals.append(Approval(approver: approver, subject: subject, at: at, by: event.operator))
        case .communicationSent(let audience, let channel, let text):
            communications[audience, default: []].append(Sent(at: at, channel: channel, text: text, by: event.operator))
        case .contactPaged(let contact, let target, let person):
            pages.append(Page(contact: contact, target: target, person: person, at: at, by: event.operator))
        case .pageAcknowledged(let contact, _):
            if let index = pages.lastIndex(where: { $0.contact == contact }), pages[index].acknowledgedAt == nil {
                pages[index].acknowledgedAt = at
                pages[index].acknowledgedBy = event.operator
            }
        case .noteAdded(let text):
            notes.append(Note(text: text, at: at, by: event.operator))
        case .incidentResolved(let outcome):
            if resolution == nil {
                resolution = Resolution(outcome: outcome, at: at, by: event.operator)
                resolutionSequence = event.sequence
            }
        case .incidentRetitled(let title):
            retitles.append(Retitle(title: title, at: at, by: event.operator))
        case .recoveryPointRecorded(let dataUpTo, let note):
            recoveryPoint = RecoveryPoint(dataUpTo: dataUpTo, note: note, at: at, by: event.operator)
        case .roleAssigned(let role, let person):
            roles.append(RoleAssignment(role: role, person: person, at: at, by: event.operator))
        case .eventRetracted(let sequence, let reason):
            // Applied on its own (not through `reduce` or `apply(_:after:)`), a retraction
            // voids only what comes later; earlier folding is left as it was.
            voided.insert(sequence)
            retractions.append(Retraction(sequence: sequence, reason: reason, retractedBy: event.sequence, at: at, by: event.operator))
        case .incidentReopened(let reason):
            reopenings.append(Reopening(reason: reason, resolution: resolution, at: at, by: event.operator))
            resolution = nil
            resolutionSequence = nil
        case .approvalOverridden(let procedure, let missing, let reason):
            approvalOverrides.append(ApprovalOverride(procedure: procedure, missing: missing, reason: reason, at: at, by: event.operator))
        }
    }

    /// Changes a plan in place (no copy of its steps), creating it when untouched.
    private mutating func updatePlan(_ id: String, _ change: (inout PlanProgress) -> Void) {
        if plans[id] == nil { planOrder.append(id) }
        change(&plans[id, default: PlanProgress()])
    }

    private mutating func updateStep(_ id: String, _ number: Int, _ change: (inout StepProgress) -> Void) {
        updatePlan(id) { plan in change(&plan.steps[number, default: StepProgress()]) }
    }

    // MARK: - Derived facts

    /// Whether the incident has been declared and not yet resolved.
    public var isActive: Bool { declaration != nil && resolution == nil }

    /// The incident's title now: the last retitle's, else the declaration's.
    public var title: String? { retitles.last?.title ?? declaration?.title }

    /// The holder of each role now, in the order roles were first assigned.
    public var currentRoles: [RoleAssignment] {
        var order: [String] = []
        var holders: [String: RoleAssignment] = [:]
        for assignment in roles {
            let key = assignment.role.lowercased()
            if holders[key] == nil { order.append(key) }
            holders[key] = assignment
        }
        return order.compactMap { holders[$0] }
    }
}
