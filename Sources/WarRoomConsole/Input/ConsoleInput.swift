import Foundation
import WarRoomEngine

/// Key handling: turns a key into a new `ConsoleModel` and the effects the runner carries
/// out (commands for the engine, quitting). Pure: the same key in the same model and context
/// always does the same thing, which is what the tests rely on.
public enum ConsoleInput {
    public static func handle(_ key: Key, model: inout ConsoleModel, context: ConsoleContext, keys: KeyMap = .standard) -> [ConsoleEffect] {
        if key == .resize { return [] }
        if model.entry != nil { return handleEntry(key, model: &model, context: context) }
        if model.openedEvent != nil {
            switch key {
            case .down, .character("j"): model.overlayScroll += 1
            case .up, .character("k"): model.overlayScroll = max(0, model.overlayScroll - 1)
            default: model.openedEvent = nil
            }
            return []
        }
        if model.showingHelp {
            switch key {
            case .down, .character("j"): model.helpScroll += 1
            case .up, .character("k"): model.helpScroll = max(0, model.helpScroll - 1)
            case .pageDown, .character(" "): model.helpScroll += 10
            case .pageUp: model.helpScroll = max(0, model.helpScroll - 10)
            default:
                model.showingHelp = false
                model.helpScroll = 0
            }
            return []
        }
        model.message = nil
        if !context.isReplaying, context.state.declaration == nil, key == .character("D") {
            model.entry = TextEntry(.declare, text: "SEV1 ")
            return []
        }
        if !context.isReplaying, context.state.isActive, key == .character("R") {
            model.entry = TextEntry(.resolve, text: "Service restored")
            return []
        }
        guard let binding = keys.binding(for: key, in: model.focus, replaying: context.isReplaying) else {
            if context.isReplaying, keys.binding(for: key, in: model.focus, replaying: false)?.writes == true {
                model.message = .init(.error, "replay is read-only: \(key.label) would write to the journal")
            }
            return []
        }
        return perform(binding.action, model: &model, context: context)
    }

    // MARK: - Actions

    static func perform(_ action: ConsoleAction, model: inout ConsoleModel, context: ConsoleContext) -> [ConsoleEffect] {
        let panes = PaneKind.allCases
        switch action {
        case .nextPane, .previousPane:
            let index = panes.firstIndex(of: model.focus) ?? 0
            let step = action == .nextPane ? 1 : panes.count - 1
            model.focus = panes[(index + step) % panes.count]
        case .focusTriggers: model.focus = .triggers
        case .focusTree: model.focus = .tree
        case .focusChecklist: model.focus = .checklist
        case .focusComms: model.focus = .comms
        case .focusContacts: model.focus = .contacts
        case .focusTimeline: model.focus = .timeline
        case .moveUp: move(&model, context, by: -1)
        case .moveDown: move(&model, context, by: 1)
        case .pageUp: move(&model, context, by: -10)
        case .pageDown: move(&model, context, by: 10)
        case .moveTop: model.selection[model.focus] = 0
        case .moveBottom: model.selection[model.focus] = max(0, PaneItems.count(model.focus, context, model) - 1)
        case .previousGroup, .nextGroup: switchGroup(&model, context, forward: action == .nextGroup)
        case .fireTrigger:
            guard let trigger = PaneItems.triggers(context, model)[safe: model.selected(.triggers)] else { return [] }
            return [.submit([.fireTrigger(trigger.id)])]
        case .activate: return activate(&model, context)
        case .backUpNode:
            guard let tree = model.shownTree(in: context) else { return [] }
            model.selection[.tree] = 0
            return [.submit([.backUp(tree: tree.id)])]
        case .startOutcome:
            guard let tree = model.shownTree(in: context), let status = context.status.tree(tree.id),
                  let outcomeID = status.outcome, let procedure = tree.outcome(outcomeID)?.procedure else {
                model.message = .init(.error, "no outcome with a procedure reached yet in this tree")
                return []
            }
            model.planID = procedure
            model.focus = .checklist
            model.selection[.checklist] = 0
            return [.submit([.startProcedure(procedure)])]
        case .completeStep, .skipStep, .failStep, .reopenStep, .tickItem:
            return stepAction(action, &model, context)
        case .recordApproval: model.entry = TextEntry(.approval)
        case .communicationSent:
            guard let audience = PaneItems.audiences(context, model)[safe: model.selected(.comms)] else { return [] }
            let text = audience.template.flatMap { context.runbook.template($0)?.name }.map { "\($0) sent" } ?? "Update sent"
            return [.submit([.communicate(audience: audience.id, channel: audience.channel, text: text)])]
        case .composeUpdate:
            let audiences = PaneItems.audiences(context, model)
            guard let audience = model.focus == .comms ? audiences[safe: model.selected(.comms)] : urgentAudience(context) ?? audiences.first else {
                model.message = .init(.error, "the runbook has no communication plan")
                return []
            }
            model.entry = TextEntry(.compose(audience: audience.id), text: StatusUpdateComposer.compose(for: audience, context: context))
        case .pageContact, .pageBackup:
            guard let contact = PaneItems.contacts(context, model)[safe: model.selected(.contacts)] else { return [] }
            if action == .pageBackup, contact.backup == nil {
                model.message = .init(.error, "\(contact.role) has no backup in the runbook")
                return []
            }
            return [.submit([.page(contact: contact.id, target: action == .pageBackup ? .backup : .primary)])]
        case .addNote: model.entry = TextEntry(.note)
        case .filter: model.entry = TextEntry(.filter(model.focus), text: model.filters[model.focus] ?? "")
        case .commandLine: model.entry = TextEntry(.commandLine)
        case .help: model.showingHelp = true
        case .quit:
            model.wantsToQuit = true
            return [.quit]
        case .togglePause: return [.replay(.togglePause)]
        case .stepForward: return [.replay(.stepForward)]
        case .seekBack: return [.replay(.seek(seconds: -60))]
        case .seekForward: return [.replay(.seek(seconds: 60))]
        case .scrollDetailDown: model.detailScroll += 3
        case .scrollDetailUp: model.detailScroll = max(0, model.detailScroll - 3)
        case .openEvent:
            let events = PaneItems.events(context, model)
            guard !events.isEmpty else { return [] }
            model.openedEvent = model.selection[.timeline].map { min($0, events.count - 1) } ?? events.count - 1
            model.overlayScroll = 0
        case .clearFilter:
            if model.filters[model.focus] != nil {
                model.filters[model.focus] = nil
                model.selection[model.focus] = 0
                model.message = .init(.info, "filter cleared")
            }
        }
        return []
    }

    private static func move(_ model: inout ConsoleModel, _ context: ConsoleContext, by delta: Int) {
        let count = PaneItems.count(model.focus, context, model)
        model.selection[model.focus] = max(0, min(count - 1, model.selected(model.focus) + delta))
        if model.focus == .checklist { model.detailScroll = 0 }
    }

    private static func switchGroup(_ model: inout ConsoleModel, _ context: ConsoleContext, forward: Bool) {
        if model.focus == .tree {
            let trees = context.runbook.decisionTrees
            guard !trees.isEmpty else { return }
            let index = trees.firstIndex { $0.id == model.shownTree(in: context)?.id } ?? 0
            model.treeID = trees[(index + (forward ? 1 : trees.count - 1)) % trees.count].id
            model.selection[.tree] = 0
        } else {
            // Running plans first, then every other plan of the runbook.
            let running = context.status.plans.filter { $0.state == .running }.map(\.id)
            let order = running + context.plans.map(\.id).filter { !running.contains($0) }
            guard !order.isEmpty else { return }
            let index = order.firstIndex { $0 == model.shownPlan(in: context)?.id } ?? 0
            model.planID = order[(index + (forward ? 1 : order.count - 1)) % order.count]
            model.selection[.checklist] = 0
        }
    }

    private static func activate(_ model: inout ConsoleModel, _ context: ConsoleContext) -> [ConsoleEffect] {
        switch model.focus {
        case .tree:
            guard let tree = model.shownTree(in: context), let status = context.status.tree(tree.id) else { return [] }
            if status.outcome != nil { return perform(.startOutcome, model: &model, context: context) }
            guard let answer = PaneItems.answers(context, model)[safe: model.selected(.tree)] else { return [] }
            model.selection[.tree] = 0
            return [.submit([.answer(tree: tree.id, node: status.currentNode ?? tree.root, answer: answer.label)])]
        case .checklist:
            guard let plan = model.shownPlan(in: context) else { return [] }
            if context.status.plan(plan.id)?.state != .running { return [.submit([.startProcedure(plan.id)])] }
            guard let step = PaneItems.steps(context, model)[safe: model.selected(.checklist)] else { return [] }
            return [.submit([.startStep(procedure: plan.id, step: step.number)])]
        default:
            return []
        }
    }

    private static func stepAction(_ action: ConsoleAction, _ model: inout ConsoleModel, _ context: ConsoleContext) -> [ConsoleEffect] {
        guard let plan = model.shownPlan(in: context),
              let step = PaneItems.steps(context, model)[safe: model.selected(.checklist)] else { return [] }
        let progress = context.state.plans[plan.id]?.step(step.number)
        switch action {
        case .completeStep:
            var commands: [Command] = []
            if context.status.plan(plan.id)?.state != .running { commands.append(.startProcedure(plan.id)) }
            if (progress?.state ?? .pending) == .pending { commands.append(.startStep(procedure: plan.id, step: step.number)) }
            commands.append(.completeStep(procedure: plan.id, step: step.number))
            advanceSelection(&model, context)
            return [.submit(commands)]
        case .skipStep: model.entry = TextEntry(.skipReason(procedure: plan.id, step: step.number))
        case .failStep: model.entry = TextEntry(.failReason(procedure: plan.id, step: step.number))
        case .reopenStep: return [.submit([.reopenStep(procedure: plan.id, step: step.number)])]
        case .tickItem:
            let items = step.checklist.flatMap(\.flattened)
            let ticked = progress?.ticked ?? []
            guard let next = (1...max(1, items.count)).first(where: { !ticked.contains($0) }), !items.isEmpty else {
                model.message = .init(.error, items.isEmpty ? "step \(step.number) has no checklist" : "every item of step \(step.number) is ticked")
                return []
            }
            return [.submit([.tick(procedure: plan.id, step: step.number, item: next)])]
        default: break
        }
        return []
    }

    /// Moves the checklist selection to the next step, the one the operator works on next.
    private static func advanceSelection(_ model: inout ConsoleModel, _ context: ConsoleContext) {
        let count = PaneItems.steps(context, model).count
        model.selection[.checklist] = max(0, min(count - 1, model.selected(.checklist) + 1))
    }

    private static func urgentAudience(_ context: ConsoleContext) -> CommsAudience? {
        context.status.mostUrgentAudience.flatMap { urgent in context.runbook.communications.first { $0.id == urgent.id } }
    }

    // MARK: - Text entry

    private static func handleEntry(_ key: Key, model: inout ConsoleModel, context: ConsoleContext) -> [ConsoleEffect] {
        guard var entry = model.entry else { return [] }
        switch key {
        case .escape:
            if case .filter(let pane) = entry.purpose { model.filters[pane] = nil }
            model.entry = nil
            return []
        case .enter where !entry.isMultiline, .control("s"), .function(2):
            model.entry = nil
            return finish(entry, model: &model, context: context)
        default:
            guard entry.edit(key) else { return [] }
            if case .filter(let pane) = entry.purpose {
                model.filters[pane] = entry.string
                model.selection[pane] = 0
            }
            model.entry = entry
            return []
        }
    }

    private static func finish(_ entry: TextEntry, model: inout ConsoleModel, context: ConsoleContext) -> [ConsoleEffect] {
        let text = entry.string.trimmingCharacters(in: .whitespacesAndNewlines)
        func required(_ what: String) -> Bool {
            if text.isEmpty { model.message = .init(.error, "\(what) is required; nothing was recorded") }
            return !text.isEmpty
        }
        switch entry.purpose {
        case .declare:
            let parts = text.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2 else {
                model.message = .init(.error, "declare needs a severity and a title: SEV1 Checkout errors")
                return []
            }
            return [.submit([.declare(title: parts[1], severity: parts[0])])]
        case .resolve: return required("an outcome") ? [.submit([.resolve(outcome: text)])] : []
        case .note: return required("the note's text") ? [.submit([.note(text)])] : []
        case .skipReason(let procedure, let step):
            guard required("a reason") else { return [] }
            advanceSelection(&model, context)
            return [.submit([.skipStep(procedure: procedure, step: step, reason: text)])]
        case .failReason(let procedure, let step):
            guard required("a reason") else { return [] }
            // A step can fail before it really started: start it first so the journal says so.
            var commands: [Command] = []
            if (context.state.plans[procedure]?.step(step).state ?? .pending) == .pending {
                commands.append(.startStep(procedure: procedure, step: step))
            }
            commands.append(.failStep(procedure: procedure, step: step, reason: text))
            return [.submit(commands)]
        case .approval:
            let parts = text.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2 else {
                model.message = .init(.error, "an approval needs who and for what: 'Kim schema rollback'")
                return []
            }
            return [.submit([.approve(approver: parts[0], subject: parts[1])])]
        case .commandLine:
            guard !text.isEmpty else { return [] }
            do throws(HeadlessParser.Failure) {
                switch try HeadlessParser.parse(text) {
                case .command(let command, _)?: return [.submit([command])]
                case nil: return []
                default:
                    model.message = .init(.error, "'\(text)' only works in `warroom headless`")
                    return []
                }
            } catch {
                model.message = .init(.error, error.message)
                return []
            }
        case .filter: return []
        case .compose(let audience):
            guard required("the update's text") else { return [] }
            let unfilled = entry.unfilledPlaceholders.count
            if unfilled > 0, !entry.placeholdersWarned {
                var kept = entry
                kept.placeholdersWarned = true
                model.entry = kept
                model.message = .init(.error, "\(unfilled) placeholder\(unfilled == 1 ? " is" : "s are") still unfilled ({{…}}): ^S again sends it as it is")
                return []
            }
            let channel = context.runbook.communications.first { $0.id == audience }?.channel
            return [.submit([.communicate(audience: audience, channel: channel, text: entry.string)])]
        }
    }
}

extension Array {
    /// The element at `index`, or nil when out of range.
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}

