/// Which of a plan's required approvals the incident has recorded. An approval counts for a
/// plan when what it is for names the plan (its id or title), and it meets a requirement
/// when who approved names the required role ("Kim Lee, DBA" meets "DBA"). An override of
/// the plan meets every requirement it listed.
extension IncidentState {
    /// The recorded approvals whose subject names `plan`.
    public func approvals(for plan: RunnablePlan) -> [Approval] {
        approvals.filter { Self.names($0.subject, plan) }
    }

    /// The roles `plan` requires that no approval (and no override) covers yet, in the
    /// runbook's order.
    public func missingApprovals(for plan: RunnablePlan) -> [String] {
        let recorded = approvals(for: plan)
        let overridden = approvalOverrides.filter { $0.procedure == plan.id }.flatMap(\.missing)
        return plan.approvals.filter { role in
            !overridden.contains(role) && !recorded.contains { $0.approver.lowercased().contains(role.lowercased()) }
        }
    }

    private static func names(_ subject: String, _ plan: RunnablePlan) -> Bool {
        let text = subject.lowercased()
        return text.contains(plan.id.lowercased()) || text.contains(plan.title.lowercased())
    }
}
