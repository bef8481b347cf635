/// The post-incident report as JSON (`warroom report --format json`): the same figures as
/// the Markdown, instants as UTC timestamps and lengths in whole seconds.
public enum ReportJSON {
    public static func value(_ report: IncidentReport) -> JSONValue {
        func instant(_ value: Instant?) -> JSONValue { value.map { .string($0.iso8601) } ?? .null }
        func seconds(_ value: Int?) -> JSONValue { value.map { .int($0) } ?? .null }
        func text(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }
        var members: [(String, JSONValue)] = [
            ("incident", .string(report.incidentID)),
            ("title", .string(report.title)),
            ("declared_title", text(report.declaredTitle)),
            ("severity", text(report.severity)),
            ("runbook", .object([("title", .string(report.runbookTitle)), ("path", .string(report.runbookPath))])),
            ("declared_at", instant(report.declaredAt)),
            ("resolved_at", instant(report.resolvedAt)),
            ("outcome", text(report.outcome)),
            ("end", instant(report.end)),
            ("decided_procedure", text(report.decidedProcedure)),
            ("time_to_decision", seconds(report.timeToDecision)),
            ("first_attempt", report.firstAttempt.map { .object([("procedure", .string($0.procedure)), ("after", .int($0.after)), ("state", text($0.state?.rawValue))]) } ?? .null),
            ("time_to_restore", seconds(report.timeToRestore)),
            ("rto", seconds(report.rto)),
            ("rto_margin", seconds(report.rto.flatMap { rto in report.timeToRestore.map { rto - $0 } })),
        ]
        members += [
            ("detected_at", instant(report.detectedAt)),
            ("recovery_point", report.recoveryPoint.map { .object([("data_up_to", instant($0.dataUpTo)), ("note", .string($0.note)), ("at", instant($0.at)), ("by", .string($0.by))]) } ?? .null),
            ("data_lost", seconds(report.dataLost)),
            ("rpo", seconds(report.rpo)),
            ("rpo_margin", seconds(report.rpo.flatMap { rpo in report.dataLost.map { rpo - $0 } })),
            ("roles", .array(report.roles.map { .object([("role", .string($0.role)), ("person", .string($0.person)), ("at", instant($0.at)), ("by", .string($0.by))]) })),
            ("participants", .array(report.participants.map { .object([("operator", .string($0.name)), ("events", .int($0.events))]) })),
            ("communications_tally", .object([
                ("due", .int(report.communicationsTally.due)), ("on_time", .int(report.communicationsTally.onTime)),
                ("late", .int(report.communicationsTally.late)), ("never_sent", .int(report.communicationsTally.neverSent)),
            ])),
        ]
        members += [
            ("timeline", .array(report.milestones.map { .object([("milestone", .string($0.name)), ("at", instant($0.at))]) })),
            ("triggers", .array(report.triggers.map { .object([("trigger", .string($0.id)), ("at", instant($0.at))]) })),
            ("severity_changes", .array(report.severityChanges.map { .object([("from", .string($0.from)), ("to", .string($0.to)), ("at", instant($0.at))]) })),
            ("decisions", .array(report.decisions.map { decision in
                .object([
                    ("tree", .string(decision.tree)),
                    ("path", .array(decision.answers.map { .object([("question", .string($0.question)), ("answer", .string($0.answer)), ("at", instant($0.at))]) })),
                    ("outcome", text(decision.outcome)),
                    ("time_spent", seconds(decision.timeSpent)),
                    ("time_limit", seconds(decision.timeLimit)),
                ])
            })),
            ("procedures", .array(report.procedures.map { .object([("id", .string($0.id)), ("state", .string($0.state.rawValue)), ("elapsed", .int($0.elapsed)), ("reason", text($0.reason))]) })),
        ]
        members += [
            ("steps", .array(report.steps.map { step in
                .object([
                    ("procedure", .string(step.procedure)), ("step", .int(step.number)), ("action", .string(step.action)),
                    ("state", .string(step.state.rawValue)), ("estimate", text(step.estimate)), ("actual", seconds(step.actual)),
                    ("overrun", seconds(step.overrun)), ("reason", text(step.reason)),
                    ("failures", .array(step.failures.map { .object([("at", instant($0.at)), ("reason", .string($0.reason))]) })),
                ])
            })),
            ("communications", .array(report.communications.map { row in
                .object([
                    ("audience", .string(row.audience)), ("name", .string(row.audienceName)), ("due", instant(row.due)), ("reason", .string(row.reason)),
                    ("sent", instant(row.sent)), ("late", .int(row.late)),
                    ("result", .string(row.sent == nil ? "never_sent" : (row.late > 0 ? "late" : "on_time"))),
                ])
            })),
        ]
        members += [
            ("sent", .array(report.sent.map { .object([("audience", .string($0.audience)), ("name", .string($0.audienceName)), ("at", instant($0.sent.at)), ("channel", .string($0.sent.channel)), ("text", .string($0.sent.text)), ("by", .string($0.sent.by))]) })),
            ("pages", .array(report.pages.map { .object([("contact", .string($0.contact)), ("role", text(report.contactRoles[$0.contact])), ("target", .string($0.target.rawValue)), ("person", .string($0.person)), ("at", instant($0.at)), ("by", .string($0.by)), ("acknowledged_at", instant($0.acknowledgedAt)), ("acknowledged_by", $0.acknowledgedBy.map(JSONValue.string) ?? .null)]) })),
            ("approvals", .array(report.approvals.map { .object([("approver", .string($0.approver)), ("for", .string($0.subject)), ("at", instant($0.at)), ("by", .string($0.by))]) })),
            ("notes", .array(report.notes.map { .object([("text", .string($0.text)), ("at", instant($0.at)), ("by", .string($0.by))]) })),
            ("rca", .array((report.rca?.sections ?? []).map { .object([("title", .string($0.title)), ("prompts", .array($0.prompts.map { .string($0) }))]) })),
        ]
        return .object(members)
    }
}
