/// The keys of every mapping of the runbook format (`docs/runbook-format.md`): the one
/// description that the decoder checks a runbook's keys against, that the YAML writer writes
/// (a key the writer writes outside it fails in debug builds, and the round-trip tests load
/// what it wrote with the decoder), and that `show --json`'s keys are tested against.
public enum RunbookSchema {
    /// A kind of mapping in the format.
    public enum Part: String, CaseIterable, Sendable {
        case runbook, document, approval, objectives, target, trigger, decisionTree, decisionNode, answer, outcome
        case decisionMatrix, matrixRow, authority, procedure, step, checklistItem, contingency, communication, template
        case contact, person, checklist, postIncident, rca, rcaSection, test, knownGood
    }

    /// The keys a mapping of `part` may hold, in the order the writer writes them.
    public static func keys(_ part: Part) -> [String] {
        switch part {
        case .runbook:
            return ["format", "id", "title", "system", "summary", "document", "principles", "warnings", "references",
                    "objectives", "triggers", "decision_trees", "decision_matrices", "authority", "procedures",
                    "contingencies", "communications", "templates", "contacts", "checklists", "post_incident", "rca",
                    "tests", "last_known_good", "severities"]
        case .document: return ["version", "owner", "updated", "next_review", "review_frequency", "classification", "contact", "approvals"]
        case .approval: return ["role", "name", "date"]
        case .objectives: return ["rto", "rpo", "notes", "targets"]
        case .target: return ["metric", "target"]
        case .trigger:
            return ["id", "kind", "condition", "threshold", "level", "group", "severity", "detection", "decided_by",
                    "action", "leads_to", "time_to_decision", "source"]
        case .decisionTree: return ["id", "title", "root", "nodes", "outcomes", "source"]
        case .decisionNode: return ["id", "question", "answers", "source"]
        case .answer: return ["label", "goto"]
        case .outcome: return ["id", "title", "procedure", "time_limit", "notes", "source"]
        case .decisionMatrix: return ["id", "title", "columns", "rows"]
        case .matrixRow: return ["severity", "values", "decision", "authority", "max_decision_time"]
        case .authority: return ["scenario", "decision_maker", "approval_time", "notes"]
        case .procedure:
            return ["id", "title", "group", "when", "data_impact", "risk", "estimate", "approvals", "prerequisites",
                    "warnings", "steps", "commands", "notes", "source"]
        case .step: return ["id", "action", "owner", "duration", "commands", "checklist", "notes", "source"]
        case .checklistItem: return ["text", "items", "source"]
        case .contingency:
            return ["id", "title", "trigger", "objective", "strategy", "expected_behaviour", "actions", "rto", "rpo", "notes", "source"]
        case .communication: return ["id", "audience", "scope", "channel", "template", "cadence", "on", "condition", "timing", "notes", "source", "grace"]
        case .template: return ["id", "name", "channel", "when", "body", "source"]
        case .contact: return ["id", "role", "primary", "backup", "authority", "ack_within", "notes", "source"]
        case .person: return ["name", "phone", "handles"]
        case .checklist: return ["id", "title", "when", "items", "source"]
        case .postIncident: return ["title", "horizon", "items", "source"]
        case .rca: return ["title", "sections"]
        case .rcaSection: return ["title", "prompts"]
        case .test: return ["test", "frequency", "last", "next", "result"]
        case .knownGood: return ["version", "commit", "date", "status", "notes"]
        }
    }
}
