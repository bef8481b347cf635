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
    case communicationSent, composeUpdate, pageContact, pageBackup, recordApproval, addNote
    // The console itself
    case filter, commandLine, help, quit
    // Replay
    case togglePause, stepForward, seekBack, seekForward
    // The screen (issue 11): scroll the step's detail, open a timeline event, clear a filter
    case scrollDetailUp, scrollDetailDown, openEvent, clearFilter
}
