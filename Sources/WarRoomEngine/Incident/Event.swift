/// One fact of an incident, as the journal records it: what happened, when, and who did it.
/// Events are the only way `IncidentState` changes.
public struct Event: Sendable, Hashable {
    /// The event's position in its journal, from 1, unique and increasing.
    public var sequence: Int
    /// When the engine accepted the command that became this event.
    public var at: Instant
    /// Who gave the command.
    public var `operator`: String
    /// What happened.
    public var kind: EventKind

    /// An event holding nothing counted (empty strings): what is left in an array's place
    /// when its events are moved out (`Array.forEachMovingOut`). Never journaled.
    static let placeholder = Event(sequence: 0, at: Instant(milliseconds: 0), operator: "", kind: .noteAdded(text: ""))

    public init(sequence: Int, at: Instant, operator: String, kind: EventKind) {
        self.sequence = sequence
        self.at = at
        self.operator = `operator`
        self.kind = kind
    }
}

/// Whether a contact was reached through the primary person or the backup.
public enum PageTarget: String, Sendable, Hashable, CaseIterable {
    case primary, backup
}

/// Everything that can happen in an incident. Each case's `typeName` and payload field
/// names are the journal's stable JSON names (`docs/journal-format.md`).
public enum EventKind: Sendable, Hashable {
    case incidentDeclared(title: String, severity: String)
    case severityChanged(from: String, to: String)
    case triggerFired(trigger: String)
    /// `leadsTo` is the node or outcome id the answer led to; `outcome` is set when it is an outcome.
    case decisionAnswered(tree: String, node: String, answer: String, leadsTo: String, outcome: Bool)
    /// The last answer of a tree was taken back; `node` is the question current again.
    case decisionReverted(tree: String, node: String)
    case procedureStarted(procedure: String)
    case procedureCompleted(procedure: String)
    case procedureAbandoned(procedure: String, reason: String)
    case stepStarted(procedure: String, step: Int)
    case stepDone(procedure: String, step: Int)
    case stepSkipped(procedure: String, step: Int, reason: String)
    case stepFailed(procedure: String, step: Int, reason: String)
    case stepReopened(procedure: String, step: Int)
    /// `item` counts the step's checklist depth first, from 1.
    case checklistTicked(procedure: String, step: Int, item: Int)
    case approvalRecorded(approver: String, subject: String)
    case communicationSent(audience: String, channel: String, text: String)
    case contactPaged(contact: String, target: PageTarget, person: String)
    /// The person paged last for `contact` answered the page.
    case pageAcknowledged(contact: String, person: String)
    case noteAdded(text: String)
    case incidentResolved(outcome: String)
    /// The incident's title changed (the report is headed by the latest).
    case incidentRetitled(title: String)
    /// The newest instant whose data survived (`at`), for data lost against the RPO.
    case recoveryPointRecorded(at: Instant, note: String)
    /// A person took an incident role (commander, scribe, a runbook contact's role).
    case roleAssigned(role: String, person: String)
    // Corrections (issue 10)
    /// The event numbered `sequence` was made by mistake: every reader treats it as void.
    case eventRetracted(sequence: Int, reason: String)
    /// A resolved incident is active again (the resolve was premature or a mistake).
    case incidentReopened(reason: String)
    /// A plan was started without the approvals it needs (`missing`, by role), on purpose.
    case approvalOverridden(procedure: String, missing: [String], reason: String)

    /// The stable `type` name written to the journal.
    public var typeName: String {
        switch self {
        case .incidentDeclared: "incident_declared"
        case .severityChanged: "severity_changed"
        case .triggerFired: "trigger_fired"
        case .decisionAnswered: "decision_answered"
        case .decisionReverted: "decision_reverted"
        case .procedureStarted: "procedure_started"
        case .procedureCompleted: "procedure_completed"
        case .procedureAbandoned: "procedure_abandoned"
        case .stepStarted: "step_started"
        case .stepDone: "step_done"
        case .stepSkipped: "step_skipped"
        case .stepFailed: "step_failed"
        case .stepReopened: "step_reopened"
        case .checklistTicked: "checklist_ticked"
        case .approvalRecorded: "approval_recorded"
        case .communicationSent: "communication_sent"
        case .contactPaged: "contact_paged"
        case .pageAcknowledged: "page_acknowledged"
        case .noteAdded: "note_added"
        case .incidentResolved: "incident_resolved"
        case .incidentRetitled: "incident_retitled"
        case .recoveryPointRecorded: "recovery_point_recorded"
        case .roleAssigned: "role_assigned"
        // Corrections (issue 10)
        case .eventRetracted: "event_retracted"
        case .incidentReopened: "incident_reopened"
        case .approvalOverridden: "approval_overridden"
        }
    }

    /// Every type name, in the order of `docs/journal-format.md`.
    public static let typeNames = [
        "incident_declared", "severity_changed", "trigger_fired", "decision_answered", "decision_reverted",
        "procedure_started", "procedure_completed", "procedure_abandoned",
        "step_started", "step_done", "step_skipped", "step_failed", "step_reopened",
        "checklist_ticked", "approval_recorded", "communication_sent", "contact_paged", "page_acknowledged",
        "note_added", "incident_resolved",
        "incident_retitled", "recovery_point_recorded", "role_assigned",
        // Corrections (issue 10)
        "event_retracted", "incident_reopened", "approval_overridden",
    ]
}
