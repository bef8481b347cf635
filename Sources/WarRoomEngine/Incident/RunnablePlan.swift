/// What an incident can start and work through step by step: a procedure, or a contingency
/// plan (whose actions are its steps). Both share ids' namespace for the engine.
public struct RunnablePlan: Sendable, Hashable {
    public var id: String
    public var title: String
    /// Numbered from 1.
    public var steps: [Step]
    /// Approvals the runbook requires before starting, by role.
    public var approvals: [String]
    /// The runbook's own estimate for the whole plan.
    public var estimate: Timing?

    /// The step numbered `number`, if any.
    public func step(_ number: Int) -> Step? {
        number >= 1 && number <= steps.count ? steps[number - 1] : nil
    }
}

extension Runbook {
    /// The procedure or contingency plan with this id, as something an incident can run.
    public func plan(_ id: String) -> RunnablePlan? {
        if let procedure = procedure(id) {
            return RunnablePlan(id: procedure.id, title: procedure.title, steps: procedure.steps,
                                approvals: procedure.approvals, estimate: procedure.estimate)
        }
        if let plan = contingency(id) {
            return RunnablePlan(id: plan.id, title: plan.title, steps: plan.actions, approvals: [], estimate: nil)
        }
        return nil
    }

    /// Every procedure, then every contingency plan, as runnable plans.
    public var plans: [RunnablePlan] {
        procedures.compactMap { plan($0.id) } + contingencies.compactMap { plan($0.id) }
    }

    /// How many plans `plans` lists, without building them.
    public var planCount: Int { procedures.count + contingencies.count }

    /// The contact whose id or role is `name` (case-insensitive).
    public func contact(named name: String) -> Contact? {
        let key = name.lowercased()
        return contacts.first { $0.id.lowercased() == key || $0.role.lowercased() == key }
    }

    /// The communication audience whose id or name is `name` (case-insensitive).
    public func audience(named name: String) -> CommsAudience? {
        let key = name.lowercased()
        return communications.first { $0.id.lowercased() == key } ?? communications.first { $0.audience.lowercased() == key }
    }

    /// The trigger with this id, if any.
    public func trigger(_ id: String) -> Trigger? { triggers.first { $0.id == id } }
}
