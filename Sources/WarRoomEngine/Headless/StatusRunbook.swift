/// What the status line needs of a runbook and nothing more: the RTO, each plan's id, its
/// estimate and its steps' timings, each audience's id, cadence, hooks, condition and grace.
/// `warroom status` runs every second or so for each tmux client, and loading the runbook
/// (YAML, then its decoding) was two fifths of its CPU; `StatusRunbookCache` keeps this beside
/// the journal instead. `runbook` is a `Runbook` holding only these, and `StatusLine.render`
/// of `Status(runbook:state:at:)` with it is the full runbook's for every state and instant
/// (a property test holds the two equal on every source runbook); the status's other figures
/// (titles, trees, pages, attention) are not, so nothing but the status line reads it.
public struct StatusRunbook: Sendable, Hashable {
    /// A procedure or contingency plan: what `PlanStatus` reads of it.
    struct Plan: Sendable, Hashable {
        var id: String
        var estimate: Timing?
        /// Each step's timing, in order (steps are numbered from 1).
        var steps: [Timing?]
    }

    /// An audience of the communication plan: what `CommsSchedule` reads of it.
    struct Audience: Sendable, Hashable {
        var id: String
        var cadence: Cadence?
        var hooks: [CommsHook]
        var condition: CommsCondition?
        var grace: Int?
    }

    var rto: Int?
    var procedures: [Plan]
    var contingencies: [Plan]
    var audiences: [Audience]

    /// What the status line needs of `runbook`.
    public init(_ runbook: Runbook) {
        rto = runbook.objectives?.rto
        procedures = runbook.procedures.map { Plan(id: $0.id, estimate: $0.estimate, steps: $0.steps.map(\.duration)) }
        contingencies = runbook.contingencies.map { Plan(id: $0.id, estimate: nil, steps: $0.actions.map(\.duration)) }
        audiences = runbook.communications.map {
            Audience(id: $0.id, cadence: $0.cadence, hooks: $0.hooks, condition: $0.condition, grace: $0.grace)
        }
    }

    /// A runbook with only these parts (ids for titles, empty step actions), for `Status`.
    public var runbook: Runbook {
        var runbook = Runbook(id: "status-line", title: "status-line")
        if let rto {
            var objectives = Objectives()
            objectives.rto = rto
            runbook.objectives = objectives
        }
        func steps(_ timings: [Timing?]) -> [Step] {
            timings.enumerated().map { Step(number: $0.offset + 1, action: "", duration: $0.element) }
        }
        runbook.procedures = procedures.map { Procedure(id: $0.id, title: $0.id, estimate: $0.estimate, steps: steps($0.steps)) }
        runbook.contingencies = contingencies.map { ContingencyPlan(id: $0.id, title: $0.id, actions: steps($0.steps)) }
        runbook.communications = audiences.map {
            CommsAudience(id: $0.id, audience: $0.id, scope: .internal, cadence: $0.cadence, hooks: $0.hooks, condition: $0.condition,
                          grace: $0.grace)
        }
        return runbook
    }

    // MARK: - JSON

    /// The parts as JSON (`StatusRunbookCache` stores it).
    var json: JSONValue {
        func plan(_ plan: Plan) -> JSONValue {
            .object([("id", .string(plan.id)), ("estimate", plan.estimate.map(Self.json) ?? .null),
                     ("steps", .array(plan.steps.map { $0.map(Self.json) ?? .null }))])
        }
        let audiences: [JSONValue] = audiences.map { audience in
            .object([("id", .string(audience.id)), ("cadence", audience.cadence.map(Self.json) ?? .null),
                     ("on", .array(audience.hooks.map { .string($0.rawValue) })),
                     ("condition", audience.condition.map {
                         .array([.string($0.subject.rawValue), .string($0.op.rawValue), .int($0.seconds)])
                     } ?? .null),
                     ("grace", audience.grace.map(JSONValue.int) ?? .null)])
        }
        return .object([("rto", rto.map(JSONValue.int) ?? .null), ("procedures", .array(procedures.map(plan))),
                        ("contingencies", .array(contingencies.map(plan))), ("audiences", .array(audiences))])
    }

    /// The parts in `json`, or nil when it is not exactly what `json` writes.
    init?(json: JSONValue) {
        guard case .array(let procedureValues)? = json["procedures"], case .array(let contingencyValues)? = json["contingencies"],
              case .array(let audienceValues)? = json["audiences"], let rto = Self.optional(json["rto"], \.int) else { return nil }
        func plan(_ value: JSONValue) -> Plan? {
            guard let id = value["id"]?.string, let estimate = Self.optional(value["estimate"], Self.timing),
                  case .array(let stepValues)? = value["steps"] else { return nil }
            var steps: [Timing?] = []
            for step in stepValues {
                guard let timing = Self.optional(step, Self.timing) else { return nil }
                steps.append(timing)
            }
            return Plan(id: id, estimate: estimate, steps: steps)
        }
        func audience(_ value: JSONValue) -> Audience? {
            guard let id = value["id"]?.string, let cadence = Self.optional(value["cadence"], Self.cadence),
                  case .array(let hookValues)? = value["on"], let condition = Self.optional(value["condition"], Self.condition),
                  let grace = Self.optional(value["grace"], \.int) else { return nil }
            var hooks: [CommsHook] = []
            for hook in hookValues {
                guard let parsed = hook.string.flatMap(CommsHook.init(rawValue:)) else { return nil }
                hooks.append(parsed)
            }
            return Audience(id: id, cadence: cadence, hooks: hooks, condition: condition, grace: grace)
        }
        var procedures: [Plan] = [], contingencies: [Plan] = [], audiences: [Audience] = []
        for value in procedureValues {
            guard let parsed = plan(value) else { return nil }
            procedures.append(parsed)
        }
        for value in contingencyValues {
            guard let parsed = plan(value), parsed.estimate == nil else { return nil }
            contingencies.append(parsed)
        }
        for value in audienceValues {
            guard let parsed = audience(value) else { return nil }
            audiences.append(parsed)
        }
        self.rto = rto
        self.procedures = procedures
        self.contingencies = contingencies
        self.audiences = audiences
    }

    /// `.some(nil)` for a missing or null member, `.some(value)` when `read` takes it, nil when it does not.
    private static func optional<Value>(_ value: JSONValue?, _ read: (JSONValue) -> Value?) -> Value?? {
        guard let value, value != .null else { return .some(nil) }
        return read(value).map { .some($0) }
    }

    private static func json(_ timing: Timing) -> JSONValue {
        switch timing {
        case .exact(let seconds): .array([.string("exact"), .int(seconds)])
        case .range(let low, let high): .array([.string("range"), .int(low), .int(high)])
        case .ongoing: .array([.string("ongoing")])
        case .immediate: .array([.string("immediate")])
        case .within(let seconds): .array([.string("within"), .int(seconds)])
        case .untilResolved: .array([.string("until-resolved")])
        case .nextDay: .array([.string("next-day")])
        case .event(let relation, let event): .array([.string("event"), .string(relation.rawValue), .string(event)])
        }
    }

    private static func timing(_ value: JSONValue) -> Timing? {
        guard case .array(let parts) = value, let tag = parts.first?.string else { return nil }
        switch (tag, parts.count) {
        case ("exact", 2): return parts[1].int.map { .exact(seconds: $0) }
        case ("range", 3):
            guard let low = parts[1].int, let high = parts[2].int else { return nil }
            return .range(low: low, high: high)
        case ("ongoing", 1): return .ongoing
        case ("immediate", 1): return .immediate
        case ("within", 2): return parts[1].int.map { .within(seconds: $0) }
        case ("until-resolved", 1): return .untilResolved
        case ("next-day", 1): return .nextDay
        case ("event", 3):
            guard let relation = parts[1].string.flatMap(Timing.EventRelation.init(rawValue:)), let event = parts[2].string else { return nil }
            return .event(relation: relation, event: event)
        default: return nil
        }
    }

    private static func json(_ cadence: Cadence) -> JSONValue {
        switch cadence {
        case .every(let seconds): .array([.string("every"), .int(seconds)])
        case .realTime: .array([.string("real-time")])
        case .once: .array([.string("once")])
        case .scheduled: .array([.string("scheduled")])
        }
    }

    private static func cadence(_ value: JSONValue) -> Cadence? {
        guard case .array(let parts) = value, let tag = parts.first?.string else { return nil }
        switch (tag, parts.count) {
        case ("every", 2): return parts[1].int.map { .every(seconds: $0) }
        case ("real-time", 1): return .realTime
        case ("once", 1): return .once
        case ("scheduled", 1): return .scheduled
        default: return nil
        }
    }

    private static func condition(_ value: JSONValue) -> CommsCondition? {
        guard case .array(let parts) = value, parts.count == 3,
              let subject = parts[0].string.flatMap(CommsCondition.Subject.init(rawValue:)),
              let op = parts[1].string.flatMap(ComparisonOperator.init(rawValue:)), let seconds = parts[2].int else { return nil }
        return CommsCondition(subject: subject, op: op, seconds: seconds)
    }
}
