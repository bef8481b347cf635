import WarRoomEngine

/// Each action's `enabled` rule: why its key does nothing now, or nil when it works (the
/// model is lazygit's `GetDisabledReason`). The footer shows only enabled keys, the help
/// shows the reasons, and a disabled key says its reason instead of acting. Where the
/// engine decides, the engine is asked (`ConsoleContext.refusal(for:)`), so the console
/// never re-derives its rules.
public enum KeyAvailability {
    /// A stand-in for text the operator has not typed yet, when asking the engine.
    static let pending = "…"

    public static func disabledReason(_ action: ConsoleAction, context: ConsoleContext, model: ConsoleModel) -> String? {
        if context.isReplaying, action.writes { return "replay is read-only" }
        let engine = { (commands: [Command]) in context.refusal(for: commands) }
        switch action {
        case .declareIncident:
            return context.state.declaration == nil ? nil : "the incident is already declared"
        case .resolveIncident:
            if context.state.declaration == nil { return "no incident has been declared yet (D declares)" }
            return engine([.resolve(outcome: pending)])
        case .reopenIncident:
            return context.state.resolution == nil ? "the incident is not resolved" : nil
        case .addNote: return engine([.note(pending)])
        case .recordApproval: return engine([.approve(approver: pending, subject: pending)])
        case .fireTrigger:
            guard let trigger = PaneItems.triggers(context, model)[safe: model.selected(.triggers)] else { return "no trigger selected" }
            return engine([.fireTrigger(trigger.id)])
        case .activate:
            switch model.focus {
            case .tree:
                guard let tree = model.shownTree(in: context), let status = context.status.tree(tree.id) else { return "the runbook has no decision tree" }
                if status.outcome != nil { return disabledReason(.startOutcome, context: context, model: model) }
                guard let answer = PaneItems.answers(context, model)[safe: model.selected(.tree)] else { return "no answer selected" }
                return engine([.answer(tree: tree.id, node: status.currentNode ?? tree.root, answer: answer.label)])
            case .checklist:
                guard let plan = model.shownPlan(in: context) else { return "the runbook has no procedures" }
                if context.status.plan(plan.id)?.state != .running { return engine([.startProcedure(plan.id)]) }
                guard let step = PaneItems.steps(context, model)[safe: model.selected(.checklist)] else { return "no step selected" }
                return engine([.startStep(procedure: plan.id, step: step.number)])
            default: return "nothing to do here"
            }
        case .backUpNode:
            guard let tree = model.shownTree(in: context) else { return "the runbook has no decision tree" }
            return engine([.backUp(tree: tree.id)])
        case .startOutcome:
            guard let tree = model.shownTree(in: context), let outcome = context.status.tree(tree.id)?.outcome else {
                return "no outcome reached yet in this tree"
            }
            guard let procedure = tree.outcome(outcome)?.procedure else { return "this outcome names no procedure" }
            return engine([.startProcedure(procedure)])
        case .completeStep, .skipStep, .failStep, .reopenStep, .tickItem:
            guard let plan = model.shownPlan(in: context) else { return "the runbook has no procedures" }
            guard let step = PaneItems.steps(context, model)[safe: model.selected(.checklist)] else { return "no step selected" }
            let running = context.status.plan(plan.id)?.state == .running
            let state = context.state.plans[plan.id]?.step(step.number).state ?? .pending
            let start: [Command] = running ? [] : [.startProcedure(plan.id)]
            let startStep: [Command] = state == .pending ? [.startStep(procedure: plan.id, step: step.number)] : []
            switch action {
            case .completeStep: return engine(start + startStep + [.completeStep(procedure: plan.id, step: step.number)])
            case .skipStep: return running ? engine([.skipStep(procedure: plan.id, step: step.number, reason: pending)]) : "'\(plan.id)' is not running"
            case .failStep: return running ? engine(startStep + [.failStep(procedure: plan.id, step: step.number, reason: pending)]) : "'\(plan.id)' is not running"
            case .reopenStep: return engine([.reopenStep(procedure: plan.id, step: step.number)])
            default:
                guard let item = ConsoleInput.nextUnticked(step, context.state.plans[plan.id]?.step(step.number)) else {
                    return step.checklist.isEmpty ? "step \(step.number) has no checklist" : "every item of step \(step.number) is ticked"
                }
                return engine([.tick(procedure: plan.id, step: step.number, item: item)])
            }
        case .completeProcedure:
            guard let plan = model.shownPlan(in: context) else { return "the runbook has no procedures" }
            return engine([.completeProcedure(plan.id)])
        case .abandonProcedure:
            guard let plan = model.shownPlan(in: context) else { return "the runbook has no procedures" }
            return engine([.abandonProcedure(plan.id, reason: pending)])
        case .communicationSent, .composeUpdate:
            let audiences = PaneItems.audiences(context, model)
            guard let audience = action == .communicationSent || model.focus == .comms ? audiences[safe: model.selected(.comms)] : audiences.first else {
                return "the runbook has no communication plan"
            }
            return engine([.communicate(audience: audience.id, channel: nil, text: pending)])
        case .pageContact, .pageBackup:
            guard let contact = PaneItems.contacts(context, model)[safe: model.selected(.contacts)] else { return "no contact selected" }
            return engine([.page(contact: contact.id, target: action == .pageBackup ? .backup : .primary)])
        case .acknowledgePage:
            guard let contact = PaneItems.contacts(context, model)[safe: model.selected(.contacts)] else { return "no contact selected" }
            return engine([.acknowledgePage(contact: contact.id)])
        case .retractEvent:
            guard let event = ConsoleInput.selectedEvent(context, model) else { return "nothing recorded yet" }
            return engine([.retract(sequence: event.sequence, reason: pending)])
        case .previousGroup, .nextGroup:
            if model.focus == .tree { return context.runbook.decisionTrees.count > 1 ? nil : "the runbook has only one decision tree" }
            return context.runbook.planCount > 1 ? nil : "the runbook has only one procedure"
        default:
            return nil
        }
    }
}

extension ConsoleAction {
    /// Whether the action can write to the journal (disabled when replaying).
    public var writes: Bool { !recordedEvents.isEmpty }
}
