import Foundation
import WarRoomEngine

/// Key handling: turns a key into a new `ConsoleModel` and the effects the runner carries
/// out (commands for the engine, quitting). Pure: the same key in the same model and context
/// always does the same thing, which is what the tests rely on.
///
/// What is open owns the keyboard: a confirmation, then a text entry, then the help; only
/// with none of them open do keys go to the key table.
public enum ConsoleInput {
    /// `screen` is the terminal's size when the runner knows it: while it is too small to show
    /// anything but the "too small" message, no key acts (a key pressed blind must not write
    /// to the journal), except `q`, which quits.
    public static func handle(_ key: Key, model: inout ConsoleModel, context: ConsoleContext, keys: KeyMap = .standard,
                              screen: (width: Int, height: Int)? = nil) -> [ConsoleEffect] {
        if key == .resize { return [] }
        if let screen, ConsoleLayout.isTooSmall(width: screen.width, height: screen.height) {
            return key == .character("q") ? [.quit] : []
        }
        if model.confirmation != nil { return handleConfirmation(key, model: &model, context: context) }
        if model.entry != nil { return handleEntry(key, model: &model, context: context, screenWidth: screen?.width) }
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
        if case .paste = key {
            model.message = .init(.error, "paste ignored: open a text field first (n note, : command line)")
            return []
        }
        guard let binding = keys.binding(for: key, in: model.focus, replaying: context.isReplaying) else {
            if context.isReplaying, keys.binding(for: key, in: model.focus, replaying: false)?.writes == true {
                model.message = .init(.error, "replay is read-only: \(key.label) would write to the journal")
            }
            return []
        }
        if let reason = KeyAvailability.disabledReason(binding.action, context: context, model: model) {
            model.message = .init(.error, "\(key.label) \(binding.hint): \(reason)")
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
            guard let tree = model.shownTree(in: context), let outcome = context.status.tree(tree.id)?.outcome,
                  let id = tree.outcome(outcome)?.procedure, let plan = context.runbook.plan(id) else { return [] }
            model.planID = plan.id
            model.focus = .checklist
            model.selection[.checklist] = 0
            return start(plan, then: firstStep(plan, model), origin: .startOutcome, &model, context)
        case .completeStep, .skipStep, .failStep, .reopenStep, .tickItem:
            return stepAction(action, &model, context)
        case .completeProcedure:
            guard let plan = model.shownPlan(in: context) else { return [] }
            return [.submit([.completeProcedure(plan.id)])]
        case .abandonProcedure:
            guard let plan = model.shownPlan(in: context) else { return [] }
            model.confirmation = Confirmation(.abandonProcedure, title: "Abandon \(plan.id)?",
                                              lines: ["\(plan.title) stops here; its steps stay as they are in the journal.",
                                                      "Starting it again later starts its steps afresh."],
                                              confirmLabel: "abandon (asks why)", next: .entry(TextEntry(.abandonReason(procedure: plan.id))))
        case .recordApproval:
            open(TextEntry(.approvalWho(subject: model.shownPlan(in: context)?.id ?? "")), from: .recordApproval, &model)
        case .communicationSent:
            guard let audience = PaneItems.audiences(context, model)[safe: model.selected(.comms)] else { return [] }
            let text = audience.template.flatMap { context.runbook.template($0)?.name }.map { "\($0) sent" } ?? "Update sent"
            return [.submit([.communicate(audience: audience.id, channel: audience.channel, text: text)])]
        case .composeUpdate:
            let audiences = PaneItems.audiences(context, model)
            guard let audience = model.focus == .comms ? audiences[safe: model.selected(.comms)] : urgentAudience(context) ?? audiences.first else {
                return []
            }
            let text = model.drafts[audience.id] ?? StatusUpdateComposer.compose(for: audience, context: context)
            open(TextEntry(.compose(audience: audience.id), text: text), from: .composeUpdate, &model)
        case .pageContact, .pageBackup:
            guard let contact = PaneItems.contacts(context, model)[safe: model.selected(.contacts)] else { return [] }
            let target: PageTarget = action == .pageBackup ? .backup : .primary
            guard let person = target == .backup ? contact.backup : contact.primary else { return [] }
            let page = Command.page(contact: contact.id, target: target)
            guard ContactNumbers.isPlaceholder(person.phone) else { return [.submit([page])] }
            model.confirmation = Confirmation(action, title: "\(contact.role): no number for \(person.name)",
                                              lines: ["The runbook gives \(person.phone.map { "'\($0)'" } ?? "no phone") for the \(target.rawValue).",
                                                      "Record a page anyway (you reached them another way)?"],
                                              confirmLabel: "record the page", next: .submit([page]))
        case .acknowledgePage:
            guard let contact = PaneItems.contacts(context, model)[safe: model.selected(.contacts)] else { return [] }
            return [.submit([.acknowledgePage(contact: contact.id)])]
        case .declareIncident:
            open(TextEntry(.declare, text: (context.runbook.allowedSeverities.first ?? "SEV1") + " "), from: .declareIncident, &model)
        case .resolveIncident:
            model.confirmation = Confirmation(.resolveIncident, title: "Resolve the incident?",
                                              lines: ["This ends the incident: afterwards only notes and communications are recorded.",
                                                      "If it was a mistake, O reopens it (journaled)."],
                                              confirmLabel: "resolve (asks the outcome)", next: .entry(TextEntry(.resolve, text: "Service restored", suggested: true)))
        case .reopenIncident:
            model.confirmation = Confirmation(.reopenIncident, title: "Reopen the incident?",
                                              lines: ["The resolution stays in the journal; the incident is active again."],
                                              confirmLabel: "reopen (asks why)", next: .entry(TextEntry(.reopenReason)))
        case .retractEvent:
            guard let event = selectedEvent(context, model) else { return [] }
            let summary = EventText.describe(event, runbook: context.runbook)
            open(TextEntry(.retractReason(sequence: event.sequence, summary: summary)), from: .retractEvent, &model)
        case .addNote: open(TextEntry(.note), from: .addNote, &model)
        case .filter: open(TextEntry(.filter(model.focus), text: model.filters[model.focus] ?? ""), from: .filter, &model)
        case .commandLine: open(TextEntry(.commandLine), from: .commandLine, &model)
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

    static func open(_ entry: TextEntry, from origin: ConsoleAction, _ model: inout ConsoleModel) {
        model.entry = entry
        model.entryOrigin = origin
    }

    /// The timeline's selected event (the newest when nothing is selected).
    static func selectedEvent(_ context: ConsoleContext, _ model: ConsoleModel) -> Event? {
        let events = PaneItems.events(context, model)
        return events[safe: model.selection[.timeline].map { min($0, events.count - 1) } ?? events.count - 1]
    }

    private static func move(_ model: inout ConsoleModel, _ context: ConsoleContext, by delta: Int) {
        let count = PaneItems.count(model.focus, context, model)
        let current = model.focus == .timeline ? (model.selection[.timeline] ?? count - 1) : model.selected(model.focus)
        model.selection[model.focus] = max(0, min(count - 1, current + delta))
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
            if context.status.plan(plan.id)?.state != .running { return start(plan, then: firstStep(plan, model), origin: .activate, &model, context) }
            guard let step = PaneItems.steps(context, model)[safe: model.selected(.checklist)] else { return [] }
            return [.submit([.startStep(procedure: plan.id, step: step.number)])]
        default:
            return []
        }
    }

    /// Starts `plan` (then `then`), asking first when that would surprise: approvals not
    /// recorded (only an override with a reason starts it), another plan running, or a
    /// step key pressed on a plan that is only being browsed (`confirm`).
    static func start(_ plan: RunnablePlan, then: [Command] = [], origin: ConsoleAction, confirm: Bool = false,
                      _ model: inout ConsoleModel, _ context: ConsoleContext) -> [ConsoleEffect] {
        let commands = [Command.startProcedure(plan.id)] + then
        let missing = context.state.missingApprovals(for: plan)
        if !missing.isEmpty {
            let recorded = context.state.approvals(for: plan).map { "\($0.approver) (\($0.at.timeOfDay.prefix(5)))" }
            model.confirmation = Confirmation(origin, title: "\(plan.id) needs approval",
                                              lines: ["Must approve first: " + missing.joined(separator: ", "),
                                                      "Recorded for it: " + (recorded.isEmpty ? "none" : recorded.joined(separator: ", ")),
                                                      "Esc, then a, records an approval; o starts it anyway (asks why; journaled)."],
                                              confirmKey: "o", confirmLabel: "override and start",
                                              next: .entry(TextEntry(.overrideReason(procedure: plan.id, then: commands))))
            return []
        }
        let running = context.status.plans.filter { $0.state == .running && $0.id != plan.id }
        if confirm || !running.isEmpty {
            var lines = running.map { "Running now: \($0.id) (\($0.done)/\($0.total) steps)." }
            if !running.isEmpty { lines.append("Starting \(plan.id) runs it as well; the header will show it.") }
            if then.count > 0 { lines.append("Then: " + then.map(describe).joined(separator: ", ") + ".") }
            model.confirmation = Confirmation(origin, title: "Start \(plan.id) — \(plan.title)?", lines: lines,
                                              confirmLabel: "start it", next: .submit(commands))
            return []
        }
        return [.submit(commands)]
    }

    private static func describe(_ command: Command) -> String {
        switch command {
        case .startStep(_, let step): return "start step \(step)"
        case .completeStep(_, let step): return "mark step \(step) done"
        default: return "\(command)"
        }
    }

    private static func stepAction(_ action: ConsoleAction, _ model: inout ConsoleModel, _ context: ConsoleContext) -> [ConsoleEffect] {
        guard let plan = model.shownPlan(in: context),
              let step = PaneItems.steps(context, model)[safe: model.selected(.checklist)] else { return [] }
        let progress = context.state.plans[plan.id]?.step(step.number)
        let never = (progress?.state ?? .pending) == .pending
        switch action {
        case .completeStep:
            let done = Command.completeStep(procedure: plan.id, step: step.number)
            let begin = Command.startStep(procedure: plan.id, step: step.number)
            if context.status.plan(plan.id)?.state != .running {
                // A step key on a plan that is only being browsed: ask before starting it.
                return start(plan, then: [begin, done], origin: .completeStep, confirm: true, &model, context)
            }
            let after = nextStep(after: step.number, plan, model, context)
            if never {
                model.confirmation = Confirmation(.completeStep, title: "Step \(step.number) was never started",
                                                  lines: ["Its actual time will read 0:00 (Enter starts a step when work begins).",
                                                          "Mark it done anyway?"],
                                                  confirmLabel: "mark done", next: .submit([begin, done] + after))
                return []
            }
            let items = step.checklist.flatMap(\.flattened)
            let unticked = items.count - (progress?.ticked.count ?? 0)
            if !items.isEmpty, unticked > 0 {
                model.confirmation = Confirmation(.completeStep, title: "Step \(step.number): \(unticked) of \(items.count) sub-items unticked",
                                                  lines: items.enumerated().filter { !(progress?.ticked.contains($0.offset + 1) ?? false) }
                                                      .prefix(4).map { "☐ " + TextSanitizer.line($0.element.text) } + ["Mark the step done anyway?"],
                                                  confirmLabel: "mark done", next: .submit([done] + after))
                return []
            }
            advanceSelection(&model, context)
            return [.submit([done] + after)]
        case .skipStep: open(TextEntry(.skipReason(procedure: plan.id, step: step.number)), from: .skipStep, &model)
        case .failStep: open(TextEntry(.failReason(procedure: plan.id, step: step.number)), from: .failStep, &model)
        case .reopenStep: return [.submit([.reopenStep(procedure: plan.id, step: step.number)])]
        case .tickItem:
            guard let next = nextUnticked(step, progress) else { return [] }
            return [.submit([.tick(procedure: plan.id, step: step.number, item: next)])]
        default: break
        }
        return []
    }

    /// The first unticked sub-item of `step`, from 1.
    static func nextUnticked(_ step: Step, _ progress: StepProgress?) -> Int? {
        let count = step.checklist.flatMap(\.flattened).count
        guard count > 0 else { return nil }
        return (1...count).first { !(progress?.ticked.contains($0) ?? false) }
    }

    /// Starting the step after `number` when it is pending and nothing else of the plan
    /// runs, so that its actual time is real (the setting `startsNextStep`).
    static func nextStep(after number: Int, _ plan: RunnablePlan, _ model: ConsoleModel, _ context: ConsoleContext) -> [Command] {
        guard model.startsNextStep, let progress = context.state.plans[plan.id], let next = plan.step(number + 1),
              progress.step(next.number).state == .pending,
              !plan.steps.contains(where: { $0.number != number && progress.step($0.number).state == .running }) else { return [] }
        return [.startStep(procedure: plan.id, step: next.number)]
    }

    /// Starting a plan starts its first step too (the setting `startsNextStep`).
    static func firstStep(_ plan: RunnablePlan, _ model: ConsoleModel) -> [Command] {
        guard model.startsNextStep, let first = plan.steps.first else { return [] }
        return [.startStep(procedure: plan.id, step: first.number)]
    }

    /// Moves the checklist selection to the next step, the one the operator works on next.
    static func advanceSelection(_ model: inout ConsoleModel, _ context: ConsoleContext) {
        let count = PaneItems.steps(context, model).count
        model.selection[.checklist] = max(0, min(count - 1, model.selected(.checklist) + 1))
    }

    private static func urgentAudience(_ context: ConsoleContext) -> CommsAudience? {
        context.status.mostUrgentAudience.flatMap { urgent in context.runbook.communications.first { $0.id == urgent.id } }
    }
}

extension RandomAccessCollection where Index == Int {
    /// The element at `index`, or nil when out of range.
    subscript(safe index: Int) -> Element? { index >= startIndex && index < endIndex ? self[index] : nil }
}
