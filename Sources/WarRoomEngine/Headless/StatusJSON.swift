/// The status as JSON, for `status` in headless mode and `replay --format json`. Instants are
/// UTC timestamps; lengths are whole seconds (negative "left" means exceeded by that much).
public enum StatusJSON {
    public static func value(_ status: Status, incidentID: String? = nil) -> JSONValue {
        func instant(_ value: Instant?) -> JSONValue { value.map { .string($0.iso8601) } ?? .null }
        func seconds(_ value: Int?) -> JSONValue { value.map { .int($0) } ?? .null }
        func text(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }
        func tally(_ tally: CommsTally) -> JSONValue {
            .object([("due", .int(tally.due)), ("on_time", .int(tally.onTime)), ("late", .int(tally.late)), ("never_sent", .int(tally.neverSent))])
        }
        let incident = status.incident
        return .object([
            ("at", .string(status.at.iso8601)),
            ("incident", .object([
                ("id", text(incidentID)),
                ("phase", .string(incident.phase.rawValue)),
                ("title", text(incident.title)),
                ("severity", text(incident.severity)),
                ("declared_at", instant(incident.declaredAt)),
                ("resolved_at", instant(incident.resolvedAt)),
                ("elapsed", seconds(incident.elapsed)),
                ("rto", seconds(incident.rto)),
                ("rto_left", seconds(incident.rtoLeft)),
                ("decided_procedure", text(incident.decidedProcedure)),
                ("time_to_decision", seconds(incident.timeToDecision)),
                ("first_attempt", incident.firstAttempt.map { .object([("procedure", .string($0.procedure)), ("after", .int($0.after))]) } ?? .null),
                ("communications", tally(incident.communications)),
            ])),
            ("procedures", .array(status.plans.map { plan in
                .object([
                    ("id", .string(plan.id)),
                    ("title", .string(plan.title)),
                    ("state", .string(plan.state.rawValue)),
                    ("started_at", instant(plan.startedAt)),
                    ("ended_at", instant(plan.endedAt)),
                    ("elapsed", .int(plan.elapsed)),
                    ("done", .int(plan.done)),
                    ("total", .int(plan.total)),
                    ("estimated_done", .int(plan.estimatedDone)),
                    ("estimated_total", .int(plan.estimatedTotal)),
                    ("eta_best", seconds(plan.eta?.best)),
                    ("eta_worst", seconds(plan.eta?.worst)),
                    ("unestimated_left", .int(plan.unestimatedLeft)),
                    ("overrun", seconds(plan.overrun)),
                    ("approvals_required", .array(plan.approvalsRequired.map { .string($0) })),
                    ("approvals_recorded", .array(plan.approvalsRecorded.map { .object([("approver", .string($0.approver)), ("at", .string($0.at.iso8601))]) })),
                    ("steps", .array(plan.steps.map { step in
                        .object([
                            ("number", .int(step.number)),
                            ("action", .string(step.action)),
                            ("state", .string(step.state.rawValue)),
                            ("started_at", instant(step.startedAt)),
                            ("ended_at", instant(step.endedAt)),
                            ("elapsed", seconds(step.elapsed)),
                            ("estimate_best", seconds(step.estimate?.best)),
                            ("estimate_worst", seconds(step.estimate?.worst)),
                            ("overrun", seconds(step.overrun)),
                            ("deadline_left", seconds(step.deadlineLeft)),
                            ("reason", text(step.reason)),
                            ("checklist_done", .int(step.checklistDone)),
                            ("checklist_total", .int(step.checklistTotal)),
                        ])
                    })),
                ])
            })),
            ("communications", .array(status.audiences.map { audience in
                .object([
                    ("audience", .string(audience.id)),
                    ("name", .string(audience.audience)),
                    ("last_sent", instant(audience.lastSent)),
                    ("next_due", instant(audience.nextDue)),
                    ("due_in", seconds(audience.dueIn)),
                    ("reason", text(audience.reason)),
                    ("tally", tally(audience.tally)),
                ])
            })),
            ("trees", .array(status.trees.map { tree in
                .object([
                    ("id", .string(tree.id)),
                    ("current_node", text(tree.currentNode)),
                    ("question", text(tree.question)),
                    ("path", .array(tree.path.map { .object([("node", .string($0.node)), ("answer", .string($0.answer)), ("at", .string($0.at.iso8601))]) })),
                    ("outcome", text(tree.outcome)),
                    ("time_spent", seconds(tree.timeSpent)),
                    ("time_limit", seconds(tree.timeLimit)),
                    ("time_left", seconds(tree.timeLeft)),
                ])
            })),
        ])
    }
}
