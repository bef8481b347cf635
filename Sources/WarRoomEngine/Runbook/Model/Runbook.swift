import Foundation

/// A runbook loaded from the YAML format of `docs/runbook-format.md`: everything an incident
/// team works from during a rollback. A pure value; the engine and the console read it.
public struct Runbook: Sendable, Hashable, Encodable {
    /// The format version the runbook was written in.
    public var format: Int
    public var id: String
    public var title: String
    public var system: String?
    public var summary: String?
    public var document: DocumentInfo?
    public var principles: [String] = []
    public var warnings: [String] = []
    public var references: [String] = []
    public var objectives: Objectives?
    public var triggers: [Trigger] = []
    public var decisionTrees: [DecisionTree] = []
    public var decisionMatrices: [DecisionMatrix] = []
    public var authority: [AuthorityRule] = []
    public var procedures: [Procedure] = []
    public var contingencies: [ContingencyPlan] = []
    public var communications: [CommsAudience] = []
    public var templates: [MessageTemplate] = []
    public var contacts: [Contact] = []
    public var checklists: [Checklist] = []
    public var postIncident: [HorizonGroup] = []
    public var rca: RCASkeleton?
    public var tests: [TestRecord] = []
    public var lastKnownGood: [KnownGoodVersion] = []
    /// The severities an incident may be declared with, as the runbook lists them; empty
    /// means `Runbook.defaultSeverities`.
    public var severities: [String] = []

    /// The severities when a runbook lists none.
    public static let defaultSeverities = ["SEV1", "SEV2", "SEV3", "SEV4", "SEV5"]

    /// The severities this runbook accepts.
    public var allowedSeverities: [String] { severities.isEmpty ? Self.defaultSeverities : severities }

    public init(format: Int = 1, id: String, title: String) {
        self.format = format
        self.id = id
        self.title = title
    }

    /// The procedure with this id, if any.
    public func procedure(_ id: String) -> Procedure? { procedures.first { $0.id == id } }
    /// The contingency plan with this id, if any.
    public func contingency(_ id: String) -> ContingencyPlan? { contingencies.first { $0.id == id } }
    /// The decision tree with this id, if any.
    public func tree(_ id: String) -> DecisionTree? { decisionTrees.first { $0.id == id } }
    /// The template with this id, if any.
    public func template(_ id: String) -> MessageTemplate? { templates.first { $0.id == id } }
}

/// Facts about the runbook document itself: version, owner, review, sign-off.
public struct DocumentInfo: Sendable, Hashable, Encodable {
    public var version: String?
    public var owner: String?
    public var updated: String?
    public var nextReview: String?
    public var reviewFrequency: String?
    public var classification: String?
    public var contact: String?
    public var approvals: [SignOff] = []
    public init() {}
}

/// One sign-off of the document: who approved it, in what role, when.
public struct SignOff: Sendable, Hashable, Encodable {
    public var role: String
    public var name: String?
    public var date: String?
}

/// Recovery objectives and tracked targets.
public struct Objectives: Sendable, Hashable, Encodable {
    /// Recovery time objective, in seconds: the budget from declaration to restore.
    public var rto: Int?
    /// Recovery point objective, in seconds.
    public var rpo: Int?
    public var notes: String?
    public var targets: [MetricTarget] = []
    public init() {}
}

/// A tracked metric and its target ("Rollback execution time", "< 5 min").
public struct MetricTarget: Sendable, Hashable, Encodable {
    public var metric: String
    public var target: String
}

/// A condition that calls for a rollback, raised by a monitor or judged by a person.
public struct Trigger: Sendable, Hashable, Encodable {
    /// Who raises the trigger.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable { case automatic, manual }
    /// How binding the trigger is.
    public enum Level: String, Sendable, Hashable, Codable, CaseIterable { case must, should, may, mandatory, discretionary }

    public var id: String
    public var kind: Kind
    public var condition: String
    public var threshold: Threshold?
    public var level: Level?
    public var group: String?
    public var severity: String?
    public var detection: String?
    public var decidedBy: String?
    public var action: String?
    /// The procedure, contingency or decision tree this trigger leads to.
    public var leadsTo: String?
    public var timeToDecision: Timing?
    public var source: Int?
}

/// A decision tree: question nodes whose answers lead to further nodes or to outcomes.
public struct DecisionTree: Sendable, Hashable, Encodable {
    public var id: String
    public var title: String
    /// The id of the first node.
    public var root: String
    public var nodes: [DecisionNode]
    public var outcomes: [DecisionOutcome]
    public var source: Int?

    /// The node with this id, if any.
    public func node(_ id: String) -> DecisionNode? { nodes.first { $0.id == id } }
    /// The outcome with this id, if any.
    public func outcome(_ id: String) -> DecisionOutcome? { outcomes.first { $0.id == id } }
}

/// A question in a decision tree.
public struct DecisionNode: Sendable, Hashable, Encodable {
    public var id: String
    public var question: String
    /// Two or more answers, in the order the runbook gives them.
    public var answers: [DecisionAnswer]
    public var source: Int?
}

/// One labelled answer of a decision node, leading to a node or outcome of the same tree.
public struct DecisionAnswer: Sendable, Hashable, Encodable {
    public var label: String
    /// The id of the node or outcome this answer leads to.
    public var goto: String
}

/// Where a decision tree ends: a named course of action, usually a procedure to start.
public struct DecisionOutcome: Sendable, Hashable, Encodable {
    public var id: String
    public var title: String
    /// The procedure or contingency plan this outcome starts.
    public var procedure: String?
    /// How long the decision may take ("rollback within 30 min").
    public var timeLimit: Timing?
    public var notes: String?
    public var source: Int?
}

/// A severity × criteria table leading to a decision.
public struct DecisionMatrix: Sendable, Hashable, Encodable {
    public var id: String
    public var title: String
    public var columns: [String]
    public var rows: [DecisionMatrixRow]
}

/// One severity row of a decision matrix.
public struct DecisionMatrixRow: Sendable, Hashable, Encodable {
    public var severity: String
    /// One value per column of the matrix.
    public var values: [String]
    public var decision: String?
    public var authority: String?
    public var maxDecisionTime: Timing?
}

/// Who may decide a rollback in a scenario, and how fast.
public struct AuthorityRule: Sendable, Hashable, Encodable {
    public var scenario: String
    public var decisionMaker: String
    public var approvalTime: Timing?
    public var notes: String?
}

/// A rollback procedure: ordered, timed steps with owners.
public struct Procedure: Sendable, Hashable, Encodable {
    public var id: String
    public var title: String
    public var group: String?
    public var when: String?
    public var dataImpact: String?
    public var risk: String?
    /// The source's own estimate for the whole procedure.
    public var estimate: Timing?
    /// Approvals required before starting, by role.
    public var approvals: [String] = []
    public var prerequisites: [ChecklistItem] = []
    public var warnings: [String] = []
    /// At least one step, numbered from 1.
    public var steps: [Step]
    public var commands: String?
    public var notes: String?
    public var source: Int?

    /// Best and worst case from the steps' own estimates (ranges give both ends).
    public var stepEstimate: (best: Int, worst: Int) {
        steps.reduce((0, 0)) { total, step in
            guard let estimate = step.duration?.estimate else { return total }
            return (total.0 + estimate.best, total.1 + estimate.worst)
        }
    }
}

/// One step of a procedure or action of a contingency plan.
public struct Step: Sendable, Hashable, Encodable {
    /// The step's position in its procedure, from 1.
    public var number: Int
    public var id: String?
    public var action: String
    /// The role that does it.
    public var owner: String?
    /// How long it takes, or its deadline relative to the procedure's start.
    public var duration: Timing?
    public var commands: String?
    public var checklist: [ChecklistItem] = []
    public var notes: String?
    public var source: Int?
}

/// A plan for a specific disaster: its trigger, what the system does by itself, and the
/// actions the team takes.
public struct ContingencyPlan: Sendable, Hashable, Encodable {
    public var id: String
    public var title: String
    public var trigger: String?
    public var objective: String?
    public var strategy: String?
    public var expectedBehaviour: [String] = []
    /// The plan's actions; each action's `duration` is its timeline.
    public var actions: [Step]
    public var rto: Int?
    public var rpo: Int?
    public var notes: String?
    public var source: Int?
}

/// One audience of the communication plan: who hears what, through which channel, how often.
public struct CommsAudience: Sendable, Hashable, Encodable {
    /// Whether the audience is inside the organisation.
    public enum Scope: String, Sendable, Hashable, Codable, CaseIterable { case `internal`, external }

    public var id: String
    public var audience: String
    public var scope: Scope
    public var channel: String?
    /// The id of the template used for this audience.
    public var template: String?
    public var cadence: Cadence?
    /// Incident events that make an update due at once.
    public var hooks: [CommsHook] = []
    public var condition: CommsCondition?
    /// The source's own words for the timing ("On trigger + hourly").
    public var timing: String?
    public var notes: String?
    public var source: Int?
    /// Seconds after a hook's event by which its update is due (`grace: 10m`); nil: the
    /// default, `defaultGrace`. An "immediate" update can then be met.
    public var grace: Int?

    /// The grace an audience gets unless the runbook says otherwise: five minutes.
    public static let defaultGrace = 300
    /// The grace of this audience's hooked updates, in seconds.
    public var hookGrace: Int { grace ?? Self.defaultGrace }

    enum CodingKeys: String, CodingKey {
        case id, audience, scope, channel, template, cadence, hooks = "on", condition, timing, notes, source, grace
    }
}

/// A message template with `{{name}}` placeholders.
public struct MessageTemplate: Sendable, Hashable, Encodable {
    public var id: String
    public var name: String
    public var channel: String?
    public var when: String?
    public var body: String?
    public var source: Int?

    /// The placeholder names in the body, in order of first appearance.
    public var placeholders: [String] { TemplatePlaceholders.names(in: body ?? "") }
}

/// An emergency contact: a role with a primary and a backup person.
public struct Contact: Sendable, Hashable, Encodable {
    public var id: String
    public var role: String
    public var primary: Person
    public var backup: Person?
    public var authority: String?
    /// Seconds a page may go unanswered before it needs attention (`ack_within: 10m`); nil:
    /// `defaultAckWithin`.
    public var ackWithin: Int?
    public var notes: String?
    public var source: Int?

    /// How long a page may wait for an answer unless the runbook says otherwise: five minutes.
    public static let defaultAckWithin = 300
    /// How long a page of this contact may wait for an answer, in seconds.
    public var ackGrace: Int { ackWithin ?? Self.defaultAckWithin }

    enum CodingKeys: String, CodingKey {
        case id, role, primary, backup, authority, ackWithin = "ack_within", notes, source
    }
}

/// A person to call, with phone and other handles.
public struct Person: Sendable, Hashable, Encodable {
    public var name: String
    public var phone: String?
    public var handles: [String] = []
}

/// An item to tick off, possibly with nested sub-items.
public struct ChecklistItem: Sendable, Hashable, Encodable {
    public var text: String
    public var items: [ChecklistItem] = []
    public var source: Int?

    public init(text: String, items: [ChecklistItem] = [], source: Int? = nil) {
        self.text = text
        self.items = items
        self.source = source
    }

    /// This item and all nested items, depth first.
    public var flattened: [ChecklistItem] { [self] + items.flatMap(\.flattened) }
}

/// A named checklist (pre-deployment, validation, rollback summary).
public struct Checklist: Sendable, Hashable, Encodable {
    public var id: String
    public var title: String
    public var when: String?
    public var items: [ChecklistItem]
    public var source: Int?
}

/// Post-incident work for one horizon ("Immediate, 0-4 h").
public struct HorizonGroup: Sendable, Hashable, Encodable {
    public var title: String
    public var horizon: Timing
    public var items: [ChecklistItem]
    public var source: Int?
}

/// The root-cause-analysis skeleton the report leaves to fill in.
public struct RCASkeleton: Sendable, Hashable, Encodable {
    public var title: String?
    public var sections: [RCASection] = []
}

/// One section of the RCA skeleton, with its prompts.
public struct RCASection: Sendable, Hashable, Encodable {
    public var title: String
    public var prompts: [String] = []
}

/// One row of the rollback test schedule.
public struct TestRecord: Sendable, Hashable, Encodable {
    public var test: String
    public var frequency: String?
    public var last: String?
    public var next: String?
    public var result: String?
}

/// A version known to be safe to roll back to.
public struct KnownGoodVersion: Sendable, Hashable, Encodable {
    public var version: String
    public var commit: String?
    public var date: String?
    public var status: String?
    public var notes: String?
}

/// Finding `{{name}}` placeholders in template text.
public enum TemplatePlaceholders {
    /// The placeholder names in `text`, in order of first appearance, without repeats.
    public static func names(in text: String) -> [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let open = rest.textRange(of: "{{") {
            rest = rest[open.upperBound...]
            guard let close = rest.textRange(of: "}}") else { break }
            let name = String(rest[..<close.lowerBound])
            if isValidName(name), !names.contains(name) { names.append(name) }
            rest = rest[close.upperBound...]
        }
        return names
    }

    /// Whether `name` is a valid placeholder name: lower-case letters, digits and `_`.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || CharacterClass.isASCIIDigit($0) || $0 == "_" }
    }

    /// Fills the placeholders that `values` names; the others stay as written.
    public static func fill(_ text: String, with values: [String: String]) -> String {
        var result = text
        for (name, value) in values { result = result.replacingOccurrences(of: "{{\(name)}}", with: value) }
        return result
    }
}

