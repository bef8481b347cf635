import WarRoomEngine

/// The console's own state: what is focused and selected, what is being typed, what the
/// last command said. Changed only by `ConsoleInput`; everything else is read from the
/// `ConsoleContext`.
public struct ConsoleModel: Sendable, Hashable {
    /// A line for the footer: what the last action did, or why it was refused.
    public struct Message: Sendable, Hashable {
        /// Whether the line reports what happened (info) or a refusal (error, in the error role).
        public enum Kind: Sendable, Hashable { case info, error }
        public var kind: Kind
        public var text: String

        public init(_ kind: Kind, _ text: String) {
            self.kind = kind
            self.text = text
        }
    }

    public var focus: PaneKind = .checklist
    public var selection: [PaneKind: Int] = [:]
    /// The plan the checklist shows; nil: the one the team works on.
    public var planID: String?
    /// The tree the decision pane shows; nil: the first.
    public var treeID: String?
    public var entry: TextEntry?
    /// The question open over everything else, if any.
    public var confirmation: Confirmation?
    /// The action that opened the entry (it records only what that action records).
    public var entryOrigin: ConsoleAction?
    /// Status updates left with Esc, by audience id: `u` reopens them.
    public var drafts: [String: String] = [:]
    /// Completing a step starts the next pending one, so its actual time is real.
    public var startsNextStep = true
    public var filters: [PaneKind: String] = [:]
    public var showingHelp = false
    /// The first help line shown when the help is longer than the screen.
    public var helpScroll = 0
    public var message: Message?
    /// The timeline event opened whole (its index in the timeline's list), if any.
    public var openedEvent: Int?
    /// The first line shown of the opened event.
    public var overlayScroll = 0
    /// The first line shown of the selected step's detail in the checklist.
    public var detailScroll = 0
    public var wantsToQuit = false

    public init() {}

    public func selected(_ pane: PaneKind) -> Int { selection[pane] ?? 0 }

    /// Selects, in the checklist, the shown plan's running step, else its first step not yet
    /// finished: where a console opened on an incident in progress (resume, a second
    /// console) starts, so its first `x` acts on the work in hand rather than on step 1.
    public mutating func selectCurrentStep(in context: ConsoleContext) {
        guard let plan = shownPlan(in: context), let progress = context.state.plans[plan.id] else { return }
        let steps = PaneItems.steps(context, self)
        let running = steps.firstIndex { progress.step($0.number).state == .running }
        let open = steps.firstIndex { progress.step($0.number).state == .pending }
        if let index = running ?? open { selection[.checklist] = index }
    }

    /// The plan the checklist shows in this context.
    public func shownPlan(in context: ConsoleContext) -> RunnablePlan? {
        if let planID, let plan = context.runbook.plan(planID) { return plan }
        if let current = context.status.currentPlan, let plan = context.runbook.plan(current.id) { return plan }
        return context.plans.first
    }

    /// The tree the decision pane shows in this context.
    public func shownTree(in context: ConsoleContext) -> DecisionTree? {
        if let treeID, let tree = context.runbook.tree(treeID) { return tree }
        return context.runbook.decisionTrees.first
    }
}
