/// The post-incident report as JSON (`warroom report --format json`): the same figures as
/// the Markdown, instants as UTC timestamps and lengths in whole seconds.
public enum ReportJSON {
    public static func value(_ report: IncidentReport) -> JSONValue {
        func instant(_ value: Instant?) -> JSONValue { value.map { .string($0.iso8601) } ?? .null }
        func seconds(_ value: Int?) -> JSONValue { value.map { .int($0) } ?? .null }
        func text(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }
        return .object([
            ("incident", .string(report.incidentID)),
            ("title", .string(report.title)),
            ("severity", text(report.severity)),
            ("runbook", .object([("title", .string(report.runbookTitle)), ("path", .string(report.runbookPath))])),
            ("declared_at", instant(report.declaredAt)),
            ("resolved_at", instant(report.resolvedAt)),
            ("outcome", text(report.outcome)),
            ("end", instant(report.end)),
            ("time_to_decision", seconds(report.timeToDecision)),
            ("time_to_restore", seconds(report.timeToRestore)),
            ("rto", seconds(report.rto)),
            ("rto_margin", seconds(report.rto.flatMap { rto in report.timeToRestore.map { rto - $0 } })),
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
            ("steps", .array(report.steps.map { step in
                .object([
                    ("procedure", .string(step.procedure)), ("step", .int(step.number)), ("action", .string(step.action)),
                    ("state", .string(step.state.rawValue)), ("estimate", text(step.estimate)), ("actual", seconds(step.actual)),
                    ("overrun", seconds(step.overrun)), ("reason", text(step.reason)),
                ])
            })),
            ("communications", .array(report.communications.map { row in
                .object([
                    ("audience", .string(row.audience)), ("due", instant(row.due)), ("reason", .string(row.reason)),
                    ("sent", instant(row.sent)), ("late", .int(row.late)),
                ])
            })),
            ("sent", .array(report.sent.map { .object([("audience", .string($0.audience)), ("at", instant($0.sent.at)), ("channel", .string($0.sent.channel)), ("text", .string($0.sent.text)), ("by", .string($0.sent.by))]) })),
            ("pages", .array(report.pages.map { .object([("contact", .string($0.contact)), ("target", .string($0.target.rawValue)), ("person", .string($0.person)), ("at", instant($0.at)), ("by", .string($0.by))]) })),
            ("approvals", .array(report.approvals.map { .object([("approver", .string($0.approver)), ("for", .string($0.subject)), ("at", instant($0.at)), ("by", .string($0.by))]) })),
            ("notes", .array(report.notes.map { .object([("text", .string($0.text)), ("at", instant($0.at)), ("by", .string($0.by))]) })),
            ("rca", .array((report.rca?.sections ?? []).map { .object([("title", .string($0.title)), ("prompts", .array($0.prompts.map { .string($0) }))]) })),
        ])
    }
}
