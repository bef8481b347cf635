/// One key binding: the keys, what they do, where they work, and the words the footer and
/// help show for them.
public struct KeyBinding: Sendable, Hashable {
    /// Where a binding works.
    public enum Scope: Sendable, Hashable {
        /// Everywhere (when no text is being typed).
        case global
        /// Only with one of these panes focused; these win over global bindings.
        case panes(Set<PaneKind>)
        /// Only while replaying a past incident.
        case replay
    }

    public var keys: [Key]
    public var action: ConsoleAction
    public var scope: Scope
    /// A word or two for the footer: "done", "skip".
    public var hint: String
    /// A sentence for the help overlay.
    public var help: String
    /// Whether the action records something in the journal (disabled when replaying).
    public var writes: Bool
    /// Whether the footer shows it (the help always does).
    public var inFooter: Bool

    public init(_ keys: [Key], _ action: ConsoleAction, _ scope: Scope, hint: String, help: String, writes: Bool = false, inFooter: Bool = true) {
        self.keys = keys
        self.action = action
        self.scope = scope
        self.hint = hint
        self.help = help
        self.writes = writes
        self.inFooter = inFooter
    }

    /// The keys as the footer and help write them: "Space/x".
    public var keyLabel: String { keys.map(\.label).joined(separator: "/") }

    func applies(to pane: PaneKind, replaying: Bool) -> Bool {
        switch scope {
        case .global: return true
        case .panes(let panes): return panes.contains(pane)
        case .replay: return replaying
        }
    }
}

/// The console's keys as one declarative table. Handling, the footer hints and the help
/// overlay are all derived from it, so they cannot disagree.
public struct KeyMap: Sendable {
    public var bindings: [KeyBinding]

    public init(bindings: [KeyBinding]) {
        self.bindings = bindings
    }

    /// The binding a key triggers in a pane: pane bindings first, then replay, then global.
    /// When replaying, bindings that write are never returned.
    public func binding(for key: Key, in pane: PaneKind, replaying: Bool = false) -> KeyBinding? {
        let candidates = bindings.filter { $0.keys.contains(key) && $0.applies(to: pane, replaying: replaying) && !(replaying && $0.writes) }
        return candidates.first { if case .panes = $0.scope { return true } else { return false } }
            ?? candidates.first { $0.scope == .replay }
            ?? candidates.first
    }

    /// The bindings the footer shows for a pane: its own keys that work now, then the global
    /// ones that work now, and always `? help` and `q quit` last.
    public func footerHints(for pane: PaneKind, context: ConsoleContext, model: ConsoleModel) -> [KeyBinding] {
        let replaying = context.isReplaying
        let always: Set<ConsoleAction> = [.help, .quit]
        let usable = bindings.filter {
            $0.inFooter && $0.applies(to: pane, replaying: replaying) && !(replaying && $0.writes) && !always.contains($0.action)
                && binding(for: $0.keys[0], in: pane, replaying: replaying) == $0
                && KeyAvailability.disabledReason($0.action, context: context, model: model) == nil
        }
        let local = usable.filter { $0.scope != .global }
        return local + usable.filter { $0.scope == .global } + bindings.filter { always.contains($0.action) }
    }

    /// The help overlay's sections: global keys, then each pane's, then replay's; each
    /// binding with why it does nothing now (nil when it works).
    public func helpSections(context: ConsoleContext, model: ConsoleModel) -> [(title: String, bindings: [(binding: KeyBinding, disabled: String?)])] {
        let replaying = context.isReplaying
        func reason(_ binding: KeyBinding) -> String? {
            if replaying && binding.writes { return "replay is read-only" }
            return KeyAvailability.disabledReason(binding.action, context: context, model: model)
        }
        var sections: [(String, [(KeyBinding, String?)])] = [("Everywhere", bindings.filter { $0.scope == .global }.map { ($0, reason($0)) })]
        for pane in PaneKind.allCases {
            let local = bindings.filter { if case .panes(let panes) = $0.scope { return panes.contains(pane) } else { return false } }
            // Rules read the focused pane's selection: other panes' keys say only replay's reason.
            if !local.isEmpty {
                sections.append((pane.title, local.map { ($0, pane == model.focus ? reason($0) : (replaying && $0.writes ? "replay is read-only" : nil)) }))
            }
        }
        if replaying { sections.append(("Replay", bindings.filter { $0.scope == .replay }.map { ($0, nil) })) }
        return sections
    }

    /// Keys bound twice where both bindings could apply: an error in the table.
    public func conflicts() -> [String] {
        var found: [String] = []
        for pane in PaneKind.allCases {
            for replaying in [false, true] {
                var seen: [Key: KeyBinding] = [:]
                for binding in bindings where binding.applies(to: pane, replaying: replaying) {
                    for key in binding.keys {
                        if let other = seen[key], other.scope == binding.scope {
                            found.append("\(key.label) in \(pane.rawValue): \(other.action.rawValue) and \(binding.action.rawValue)")
                        }
                        seen[key] = binding
                    }
                }
            }
        }
        return found
    }
}

extension KeyMap {
    /// warroom's keys.
    public static let standard = KeyMap(bindings: [
        // Everywhere
        KeyBinding([.tab], .nextPane, .global, hint: "next pane", help: "Focus the next pane", inFooter: false),
        KeyBinding([.backTab], .previousPane, .global, hint: "prev pane", help: "Focus the previous pane", inFooter: false),
        KeyBinding([.character("1")], .focusTriggers, .global, hint: "triggers", help: "Focus the triggers (digits always switch panes)", inFooter: false),
        KeyBinding([.character("2")], .focusTree, .global, hint: "decision", help: "Focus the decision tree", inFooter: false),
        KeyBinding([.character("3")], .focusChecklist, .global, hint: "checklist", help: "Focus the checklist", inFooter: false),
        KeyBinding([.character("4")], .focusComms, .global, hint: "comms", help: "Focus communications", inFooter: false),
        KeyBinding([.character("5")], .focusContacts, .global, hint: "contacts", help: "Focus contacts", inFooter: false),
        KeyBinding([.character("6")], .focusTimeline, .global, hint: "timeline", help: "Focus the timeline", inFooter: false),
        KeyBinding([.up, .character("k")], .moveUp, .global, hint: "up", help: "Move up", inFooter: false),
        KeyBinding([.down, .character("j")], .moveDown, .global, hint: "down", help: "Move down", inFooter: false),
        KeyBinding([.home, .character("g")], .moveTop, .global, hint: "top", help: "Go to the first item", inFooter: false),
        KeyBinding([.end, .character("G")], .moveBottom, .global, hint: "bottom", help: "Go to the last item", inFooter: false),
        KeyBinding([.pageUp], .pageUp, .global, hint: "page up", help: "Scroll a page up", inFooter: false),
        KeyBinding([.pageDown], .pageDown, .global, hint: "page down", help: "Scroll a page down", inFooter: false),
        KeyBinding([.character("D")], .declareIncident, .global, hint: "declare", help: "Declare the incident (severity and title)", writes: true),
        KeyBinding([.character("R")], .resolveIncident, .global, hint: "resolve", help: "Resolve the incident (asks to confirm, then the outcome)", writes: true),
        KeyBinding([.character("O")], .reopenIncident, .global, hint: "reopen", help: "Reopen a resolved incident (asks to confirm and why)", writes: true),
        KeyBinding([.character("n")], .addNote, .global, hint: "note", help: "Add a note to the timeline", writes: true),
        KeyBinding([.character("/")], .filter, .global, hint: "filter", help: "Filter the focused list by typing", inFooter: false),
        KeyBinding([.character(":")], .commandLine, .global, hint: "command", help: "Type a command (the `warroom headless` syntax)", writes: true, inFooter: false),
        KeyBinding([.character("?")], .help, .global, hint: "help", help: "Show all keys, and why a key does nothing now"),
        KeyBinding([.character("q")], .quit, .global, hint: "quit", help: "Quit (the incident stays in its journal)"),
        // Triggers
        KeyBinding([.enter, .character("t")], .fireTrigger, .panes([.triggers]), hint: "fire", help: "Fire the selected trigger", writes: true),
        // Decision tree
        KeyBinding([.enter], .activate, .panes([.tree]), hint: "answer", help: "Answer with the selected choice (↑↓ choose; digits switch panes)", writes: true),
        KeyBinding([.character("b"), .backspace], .backUpNode, .panes([.tree]), hint: "back", help: "Back up one question", writes: true),
        KeyBinding([.character("o")], .startOutcome, .panes([.tree]), hint: "start", help: "Start the outcome's procedure", writes: true),
        KeyBinding([.character("[")], .previousGroup, .panes([.tree]), hint: "prev tree", help: "Show the runbook's previous decision tree", inFooter: false),
        KeyBinding([.character("]")], .nextGroup, .panes([.tree]), hint: "next tree", help: "Show the runbook's next decision tree", inFooter: false),
        // Checklist
        KeyBinding([.character(" "), .character("x")], .completeStep, .panes([.checklist]), hint: "done", help: "Complete the selected step; the next one starts", writes: true),
        KeyBinding([.enter], .activate, .panes([.checklist]), hint: "start", help: "Start the selected step (or the shown procedure)", writes: true),
        KeyBinding([.character("s")], .skipStep, .panes([.checklist]), hint: "skip", help: "Skip the selected step (asks a reason)", writes: true),
        KeyBinding([.character("f")], .failStep, .panes([.checklist]), hint: "fail", help: "Mark the selected step failed (asks a reason)", writes: true),
        KeyBinding([.character("r")], .reopenStep, .panes([.checklist]), hint: "reopen", help: "Reopen a done, skipped or failed step", writes: true),
        KeyBinding([.character("i")], .tickItem, .panes([.checklist]), hint: "tick", help: "Tick the next sub-item of the selected step", writes: true),
        KeyBinding([.character("a")], .recordApproval, .panes([.checklist]), hint: "approval", help: "Record an approval (who, then for what)", writes: true),
        KeyBinding([.character("C")], .completeProcedure, .panes([.checklist]), hint: "complete proc", help: "Complete the shown procedure (every step finished)", writes: true),
        KeyBinding([.character("A")], .abandonProcedure, .panes([.checklist]), hint: "abandon proc", help: "Abandon the shown procedure (asks to confirm and why)", writes: true),
        KeyBinding([.character("[")], .previousGroup, .panes([.checklist]), hint: "prev proc", help: "Show the previous procedure (running ones first)", inFooter: false),
        KeyBinding([.character("]")], .nextGroup, .panes([.checklist]), hint: "next proc", help: "Show the next procedure (running ones first)"),
        // Communications
        KeyBinding([.character("c"), .enter], .communicationSent, .panes([.comms]), hint: "sent", help: "Record that the selected audience was updated", writes: true),
        KeyBinding([.character("u")], .composeUpdate, .panes([.comms, .checklist]), hint: "update", help: "Compose a status update (^S records it; Esc keeps the draft)", writes: true),
        // Contacts
        KeyBinding([.character("p"), .enter], .pageContact, .panes([.contacts]), hint: "page", help: "Page the selected contact's primary", writes: true),
        KeyBinding([.character("B")], .pageBackup, .panes([.contacts]), hint: "page backup", help: "Page the selected contact's backup", writes: true),
        KeyBinding([.character("a")], .acknowledgePage, .panes([.contacts]), hint: "answered",
                   help: "Record that the person paged answered (acknowledged the page)", writes: true),
        // Timeline
        KeyBinding([.character("U")], .retractEvent, .panes([.timeline]), hint: "retract", help: "Take back the selected entry (asks why; it stays, marked void)", writes: true),
        // The screen: the step's detail, a timeline event whole, filters
        KeyBinding([.character("J")], .scrollDetailDown, .panes([.checklist]), hint: "detail ↓", help: "Scroll the selected step's detail down", inFooter: false),
        KeyBinding([.character("K")], .scrollDetailUp, .panes([.checklist]), hint: "detail ↑", help: "Scroll the selected step's detail up", inFooter: false),
        KeyBinding([.enter], .openEvent, .panes([.timeline]), hint: "open", help: "Open the selected event whole"),
        KeyBinding([.escape], .clearFilter, .global, hint: "clear filter", help: "Clear the focused list's filter", inFooter: false),
        // Replay
        KeyBinding([.character(" ")], .togglePause, .replay, hint: "pause", help: "Pause or resume the replay"),
        KeyBinding([.character(".")], .stepForward, .replay, hint: "step", help: "Advance to the next event"),
        KeyBinding([.left], .seekBack, .replay, hint: "−1m", help: "Seek one minute back"),
        KeyBinding([.right], .seekForward, .replay, hint: "+1m", help: "Seek one minute forward"),
    ])
}
