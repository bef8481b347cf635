import WarRoomEngine

/// The selectable items of each pane, shared by rendering and key handling so that a
/// selection always means the same thing in both.
public enum PaneItems {
    public static func triggers(_ context: ConsoleContext, _ model: ConsoleModel) -> [Trigger] {
        filtered(context.runbook.triggers, model.filters[.triggers]) { [$0.id, $0.condition, $0.detection ?? "", $0.decidedBy ?? ""] }
    }

    /// The answers of the shown tree's current node (empty once an outcome is reached).
    public static func answers(_ context: ConsoleContext, _ model: ConsoleModel) -> [DecisionAnswer] {
        guard let tree = model.shownTree(in: context), let status = context.status.tree(tree.id),
              status.outcome == nil, let node = tree.node(status.currentNode ?? tree.root) else { return [] }
        return node.answers
    }

    public static func steps(_ context: ConsoleContext, _ model: ConsoleModel) -> [Step] {
        filtered(model.shownPlan(in: context)?.steps ?? [], model.filters[.checklist]) {
            [String($0.number), $0.action, $0.owner ?? "", $0.commands ?? "", $0.notes ?? ""] + $0.checklist.flatMap(\.flattened).map(\.text)
        }
    }

    public static func audiences(_ context: ConsoleContext, _ model: ConsoleModel) -> [CommsAudience] {
        filtered(context.runbook.communications, model.filters[.comms]) { [$0.audience, $0.channel ?? "", $0.id, $0.cadence?.description ?? ""] }
    }

    public static func contacts(_ context: ConsoleContext, _ model: ConsoleModel) -> [Contact] {
        filtered(context.runbook.contacts, model.filters[.contacts]) {
            [$0.role, $0.primary.name, $0.primary.phone ?? "", $0.backup?.name ?? "", $0.backup?.phone ?? "", $0.authority ?? ""]
        }
    }

    /// The timeline's events; filtered, each event is tested once (`EventHistory.filter`), at
    /// most `context.filterLimit` of them in this call.
    public static func events(_ context: ConsoleContext, _ model: ConsoleModel) -> EventHistory {
        events(context, model, limit: context.filterLimit)
    }

    /// Tests the next `slice` of the journal's events for the timeline's filter, if one is
    /// typed and still testing; true while it is (the console draws the matches so far and
    /// comes round again at once, so keys are answered between slices).
    public static func searchTimeline(_ context: ConsoleContext, _ model: ConsoleModel, slice: Int) -> Bool {
        guard let filter = model.filters[.timeline], !filter.isEmpty else { return false }
        return events(context, model, limit: slice).filterProgress != nil
    }

    /// How far the timeline's filter has tested the journal, 0 to 1; nil when it is done (or none is typed).
    public static func timelineSearch(_ context: ConsoleContext, _ model: ConsoleModel) -> Double? {
        guard let filter = model.filters[.timeline], !filter.isEmpty else { return nil }
        return events(context, model).filterProgress
    }

    private static func events(_ context: ConsoleContext, _ model: ConsoleModel, limit: Int?) -> EventHistory {
        guard let filter = model.filters[.timeline], !filter.isEmpty else { return context.events }
        let words = FilterWords(filter)
        return context.events.filter(key: filter, narrowing: words.narrows, limit: limit) {
            words.match([EventText.describe($0, runbook: context.runbook), $0.operator])
        }
    }

    /// How many items a pane has.
    public static func count(_ pane: PaneKind, _ context: ConsoleContext, _ model: ConsoleModel) -> Int {
        switch pane {
        case .triggers: return triggers(context, model).count
        case .tree: return answers(context, model).count
        case .checklist: return steps(context, model).count
        case .comms: return audiences(context, model).count
        case .contacts: return contacts(context, model).count
        case .timeline: return events(context, model).count
        }
    }

    private static func filtered<T>(_ items: [T], _ filter: String?, _ fields: (T) -> [String]) -> [T] {
        guard let filter, !filter.isEmpty else { return items }
        return items.filter { matches(fields($0), filter) }
    }

    /// Case-insensitive: every word of the filter appears in one of the fields.
    static func matches(_ fields: [String], _ filter: String) -> Bool {
        FilterWords(filter).match(fields)
    }
}
