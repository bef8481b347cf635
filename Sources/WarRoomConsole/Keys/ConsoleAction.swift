import WarRoomEngine

/// The panes of the console, each with keys of its own.
public enum PaneKind: String, Sendable, Hashable, CaseIterable {
    case triggers, tree, checklist, comms, contacts, timeline

    /// The pane's name in tabs and help.
    public var title: String {
        switch self {
        case .triggers: return "Triggers"
        case .tree: return "Decision"
        case .checklist: return "Checklist"
        case .comms: return "Comms"
        case .contacts: return "Contacts"
        case .timeline: return "Timeline"
        }
    }
}

/// Everything a key can ask the console to do.
public enum ConsoleAction: String, Sendable, Hashable, CaseIterable {
    // Moving around
    case nextPane, previousPane
    case focusTriggers, focusTree, focusChecklist, focusComms, focusContacts, focusTimeline
    case moveUp, moveDown, moveTop, moveBottom, pageUp, pageDown
    case previousGroup, nextGroup
    // Acting
    case activate, completeStep, skipStep, failStep, reopenStep, tickItem
    case fireTrigger, backUpNode, startOutcome
    case communicationSent, composeUpdate, pageContact, pageBackup, acknowledgePage, recordApproval, addNote
    // The incident and its procedures
    case declareIncident, resolveIncident, reopenIncident
    case completeProcedure, abandonProcedure
    case retractEvent
    // The console itself
    case filter, commandLine, help, quit
    // Replay
    case togglePause, stepForward, seekBack, seekForward
    // The screen (issue 11): scroll the step's detail, open a timeline event, clear a filter
    case scrollDetailUp, scrollDetailDown, openEvent, clearFilter

    /// The journal event types this action may write (directly, or through the prompt or
    /// confirmation it opens). Empty for actions that never write. The property test holds
    /// every written event to this list.
    public var recordedEvents: Set<String> {
        switch self {
        case .fireTrigger: return ["trigger_fired"]
        case .activate:
            return ["decision_answered", "procedure_started", "step_started", "approval_overridden"]
        case .startOutcome: return ["procedure_started", "step_started", "approval_overridden"]
        case .backUpNode: return ["decision_reverted"]
        case .completeStep: return ["step_done", "step_started", "procedure_started", "approval_overridden"]
        case .skipStep: return ["step_skipped", "step_started"]
        case .failStep: return ["step_failed", "step_started"]
        case .reopenStep: return ["step_reopened"]
        case .tickItem: return ["checklist_ticked"]
        case .communicationSent, .composeUpdate: return ["communication_sent"]
        case .pageContact, .pageBackup: return ["contact_paged"]
        case .acknowledgePage: return ["page_acknowledged"]
        case .recordApproval: return ["approval_recorded"]
        case .addNote: return ["note_added"]
        case .declareIncident: return ["incident_declared"]
        case .resolveIncident: return ["incident_resolved"]
        case .reopenIncident: return ["incident_reopened"]
        case .completeProcedure: return ["procedure_completed"]
        case .abandonProcedure: return ["procedure_abandoned"]
        case .retractEvent: return ["event_retracted"]
        case .commandLine: return Set(EventKind.typeNames)
        default: return []
        }
    }

    /// Event types this action writes only after the operator confirmed.
    public var confirmedEvents: Set<String> {
        switch self {
        case .resolveIncident: return ["incident_resolved"]
        case .reopenIncident: return ["incident_reopened"]
        case .abandonProcedure: return ["procedure_abandoned"]
        case .activate, .startOutcome, .completeStep: return ["approval_overridden"]
        default: return []
        }
    }
}
