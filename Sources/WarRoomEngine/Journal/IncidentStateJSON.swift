/// An `IncidentState` as JSON written and read by hand, for the status-line checkpoint: the
/// `Codable` path (`IncidentStateEncoding`) instantiates generic metadata for every record
/// type on first use, and that was a third of every `warroom status`. Records are positional
/// arrays (instants as milliseconds since the epoch), the state an object of its fields;
/// `decode(encode(s)) == s` for every state (a property test folds random journals), and
/// anything but what `encode` writes is refused. A field added to the state or a record must
/// be added here too: the schema of the checkpoints that use this names every field
/// (`IncidentStateEncoding.schema`, kept equal to the reflected one by a test), and the round
/// trip test fails for a field left out.
enum IncidentStateJSON {
    /// What `decode` throws for anything `encode` does not write.
    struct Malformed: Error {}

    // MARK: - Writing

    static func encode(_ state: IncidentState) -> JSONValue {
        func sorted<Value>(_ dictionary: [String: Value], _ write: (Value) -> JSONValue) -> JSONValue {
            .object(dictionary.sorted { $0.key < $1.key }.map { ($0.key, write($0.value)) })
        }
        func rows<Record>(_ records: [Record], _ write: (Record) -> [JSONValue]) -> JSONValue {
            .array(records.map { .array(write($0)) })
        }
        var members: [(String, JSONValue)] = []
        members.append(("declaration", state.declaration.map { .array([.string($0.title), .string($0.severity), instant($0.at), .string($0.by)]) } ?? .null))
        members.append(("severity", optional(state.severity)))
        members.append(("severityChanges", rows(state.severityChanges) { [.string($0.from), .string($0.to), instant($0.at), .string($0.by)] }))
        members.append(("triggersFired", rows(state.triggersFired) { [.string($0.trigger), instant($0.at), .string($0.by)] }))
        members.append(("trees", sorted(state.trees, tree)))
        members.append(("treeOrder", strings(state.treeOrder)))
        members.append(("plans", sorted(state.plans, plan)))
        members.append(("planOrder", strings(state.planOrder)))
        members.append(("approvals", rows(state.approvals) { [.string($0.approver), .string($0.subject), instant($0.at), .string($0.by)] }))
        members.append(("communications", sorted(state.communications) { sent in
            rows(sent) { [instant($0.at), .string($0.channel), .string($0.text), .string($0.by)] }
        }))
        members.append(("pages", rows(state.pages) { page in
            [.string(page.contact), .string(page.target.rawValue), .string(page.person), instant(page.at), .string(page.by),
             optional(page.acknowledgedAt), optional(page.acknowledgedBy)]
        }))
        members.append(("notes", rows(state.notes) { [.string($0.text), instant($0.at), .string($0.by)] }))
        members.append(("resolution", state.resolution.map(resolution) ?? .null))
        members.append(("retitles", rows(state.retitles) { [.string($0.title), instant($0.at), .string($0.by)] }))
        members.append(("recoveryPoint", state.recoveryPoint.map { point in
            .array([instant(point.dataUpTo), .string(point.note), instant(point.at), .string(point.by)])
        } ?? .null))
        members.append(("roles", rows(state.roles) { [.string($0.role), .string($0.person), instant($0.at), .string($0.by)] }))
        members.append(("participants", strings(state.participants)))
        members.append(("retractions", rows(state.retractions) { retraction in
            [.int(retraction.sequence), .string(retraction.reason), .int(retraction.retractedBy), instant(retraction.at), .string(retraction.by)]
        }))
        members.append(("reopenings", rows(state.reopenings) { reopening in
            [.string(reopening.reason), reopening.resolution.map(resolution) ?? .null, instant(reopening.at), .string(reopening.by)]
        }))
        members.append(("approvalOverrides", rows(state.approvalOverrides) { override in
            [.string(override.procedure), strings(override.missing), .string(override.reason), instant(override.at), .string(override.by)]
        }))
        members.append(("voided", .array(state.voided.sorted().map(JSONValue.int))))
        members.append(("declarationSequence", state.declarationSequence.map(JSONValue.int) ?? .null))
        members.append(("resolutionSequence", state.resolutionSequence.map(JSONValue.int) ?? .null))
        members.append(("lastSequence", .int(state.lastSequence)))
        members.append(("eventCount", .int(state.eventCount)))
        members.append(("lastEventAt", optional(state.lastEventAt)))
        return .object(members)
    }

    private static func instant(_ instant: Instant) -> JSONValue { .int(Int(instant.milliseconds)) }
    private static func optional(_ instant: Instant?) -> JSONValue { instant.map(Self.instant) ?? .null }
    private static func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
    private static func strings(_ texts: [String]) -> JSONValue { .array(texts.map(JSONValue.string)) }

    private static func resolution(_ resolution: Resolution) -> JSONValue {
        .array([.string(resolution.outcome), instant(resolution.at), .string(resolution.by)])
    }

    private static func tree(_ tree: TreeProgress) -> JSONValue {
        .array([.array(tree.path.map { .array([.string($0.node), .string($0.answer), .string($0.leadsTo), instant($0.at), .string($0.by)]) }),
                optional(tree.current), optional(tree.outcome), optional(tree.decidedAt)])
    }

    private static func plan(_ plan: PlanProgress) -> JSONValue {
        let steps: [JSONValue] = plan.steps.keys.sorted().compactMap { number in
            plan.steps[number].map { step in
                .array([.int(number), .string(step.state.rawValue), optional(step.startedAt), optional(step.endedAt), optional(step.reason),
                        .array(step.ticked.sorted().map(JSONValue.int)), .int(step.reopened),
                        .array(step.failures.map { .array([.string($0.reason), instant($0.at)]) })])
            }
        }
        return .array([.string(plan.state.rawValue), optional(plan.startedAt), optional(plan.firstStart), optional(plan.startedBy),
                       optional(plan.endedAt), optional(plan.reason), .array(steps)])
    }

    // MARK: - Reading

    static func decode(_ value: JSONValue) throws(Malformed) -> IncidentState {
        guard case .object = value else { throw Malformed() }
        func member(_ name: String) throws(Malformed) -> JSONValue {
            guard let found = value[name] else { throw Malformed() }
            return found
        }
        var state = IncidentState(voiding: Set(try Row.array(member("voided")).map { value throws(Malformed) in try Row.int(value) }))
        state.declaration = try Row.optional(member("declaration"), count: 4) { row throws(Malformed) in
            Declaration(title: try row.string(0), severity: try row.string(1), at: try row.instant(2), by: try row.string(3))
        }
        state.severity = try Row.optionalString(member("severity"))
        state.severityChanges = try Row.rows(member("severityChanges"), count: 4) { row throws(Malformed) in
            SeverityChange(from: try row.string(0), to: try row.string(1), at: try row.instant(2), by: try row.string(3))
        }
        state.triggersFired = try Row.rows(member("triggersFired"), count: 3) { row throws(Malformed) in
            Fired(trigger: try row.string(0), at: try row.instant(1), by: try row.string(2))
        }
        state.trees = try Row.dictionary(member("trees"), tree)
        state.treeOrder = try Row.strings(member("treeOrder"))
        state.plans = try Row.dictionary(member("plans"), plan)
        state.planOrder = try Row.strings(member("planOrder"))
        state.approvals = try Row.rows(member("approvals"), count: 4) { row throws(Malformed) in
            Approval(approver: try row.string(0), subject: try row.string(1), at: try row.instant(2), by: try row.string(3))
        }
        state.communications = try Row.dictionary(member("communications")) { value throws(Malformed) in
            try Row.rows(value, count: 4) { row throws(Malformed) in
                Sent(at: try row.instant(0), channel: try row.string(1), text: try row.string(2), by: try row.string(3))
            }
        }
        state.pages = try Row.rows(member("pages"), count: 7) { row throws(Malformed) in
            guard let target = PageTarget(rawValue: try row.string(1)) else { throw Malformed() }
            return Page(contact: try row.string(0), target: target, person: try row.string(2), at: try row.instant(3), by: try row.string(4),
                        acknowledgedAt: try row.optionalInstant(5), acknowledgedBy: try row.optionalString(6))
        }
        state.notes = try Row.rows(member("notes"), count: 3) { row throws(Malformed) in
            Note(text: try row.string(0), at: try row.instant(1), by: try row.string(2))
        }
        state.resolution = try Row.optional(member("resolution"), count: 3, resolution)
        state.retitles = try Row.rows(member("retitles"), count: 3) { row throws(Malformed) in
            Retitle(title: try row.string(0), at: try row.instant(1), by: try row.string(2))
        }
        state.recoveryPoint = try Row.optional(member("recoveryPoint"), count: 4) { row throws(Malformed) in
            RecoveryPoint(dataUpTo: try row.instant(0), note: try row.string(1), at: try row.instant(2), by: try row.string(3))
        }
        state.roles = try Row.rows(member("roles"), count: 4) { row throws(Malformed) in
            RoleAssignment(role: try row.string(0), person: try row.string(1), at: try row.instant(2), by: try row.string(3))
        }
        state.participants = try Row.strings(member("participants"))
        state.retractions = try Row.rows(member("retractions"), count: 5) { row throws(Malformed) in
            Retraction(sequence: try row.int(0), reason: try row.string(1), retractedBy: try row.int(2), at: try row.instant(3), by: try row.string(4))
        }
        state.reopenings = try Row.rows(member("reopenings"), count: 4) { row throws(Malformed) in
            Reopening(reason: try row.string(0), resolution: try Row.optional(row.items[1], count: 3, resolution), at: try row.instant(2),
                      by: try row.string(3))
        }
        state.approvalOverrides = try Row.rows(member("approvalOverrides"), count: 5) { row throws(Malformed) in
            ApprovalOverride(procedure: try row.string(0), missing: try Row.strings(row.items[1]), reason: try row.string(2),
                             at: try row.instant(3), by: try row.string(4))
        }
        state.declarationSequence = try Row.optionalInt(member("declarationSequence"))
        state.resolutionSequence = try Row.optionalInt(member("resolutionSequence"))
        state.lastSequence = try Row.int(member("lastSequence"))
        state.eventCount = try Row.int(member("eventCount"))
        state.lastEventAt = try Row.optionalInstant(member("lastEventAt"))
        return state
    }

    private static func resolution(_ row: Row) throws(Malformed) -> Resolution {
        Resolution(outcome: try row.string(0), at: try row.instant(1), by: try row.string(2))
    }

    private static func tree(_ value: JSONValue) throws(Malformed) -> TreeProgress {
        let row = try Row(value, count: 4)
        var tree = TreeProgress()
        tree.path = try Row.rows(row.items[0], count: 5) { answer throws(Malformed) in
            Answered(node: try answer.string(0), answer: try answer.string(1), leadsTo: try answer.string(2), at: try answer.instant(3),
                     by: try answer.string(4))
        }
        tree.current = try row.optionalString(1)
        tree.outcome = try row.optionalString(2)
        tree.decidedAt = try row.optionalInstant(3)
        return tree
    }

    private static func plan(_ value: JSONValue) throws(Malformed) -> PlanProgress {
        let row = try Row(value, count: 7)
        var plan = PlanProgress()
        guard let state = PlanProgress.State(rawValue: try row.string(0)) else { throw Malformed() }
        plan.state = state
        plan.startedAt = try row.optionalInstant(1)
        plan.firstStart = try row.optionalInstant(2)
        plan.startedBy = try row.optionalString(3)
        plan.endedAt = try row.optionalInstant(4)
        plan.reason = try row.optionalString(5)
        for value in try Row.array(row.items[6]) {
            let stepRow = try Row(value, count: 8)
            var step = StepProgress()
            guard let state = StepProgress.State(rawValue: try stepRow.string(1)) else { throw Malformed() }
            step.state = state
            step.startedAt = try stepRow.optionalInstant(2)
            step.endedAt = try stepRow.optionalInstant(3)
            step.reason = try stepRow.optionalString(4)
            step.ticked = Set(try Row.array(stepRow.items[5]).map { value throws(Malformed) in try Row.int(value) })
            step.reopened = try stepRow.int(6)
            step.failures = try Row.rows(stepRow.items[7], count: 2) { failure throws(Malformed) in
                StepFailure(reason: try failure.string(0), at: try failure.instant(1))
            }
            let number = try stepRow.int(0)
            guard plan.steps[number] == nil else { throw Malformed() }
            plan.steps[number] = step
        }
        return plan
    }

    /// A record: a JSON array of exactly the count its writer gives, read by position.
    private struct Row {
        let items: [JSONValue]

        init(_ value: JSONValue, count: Int) throws(Malformed) {
            guard case .array(let items) = value, items.count == count else { throw Malformed() }
            self.items = items
        }

        func string(_ index: Int) throws(Malformed) -> String {
            guard case .string(let text) = items[index] else { throw Malformed() }
            return text
        }
        func int(_ index: Int) throws(Malformed) -> Int { try Row.int(items[index]) }
        func instant(_ index: Int) throws(Malformed) -> Instant { Instant(milliseconds: Int64(try Row.int(items[index]))) }
        func optionalString(_ index: Int) throws(Malformed) -> String? { try Row.optionalString(items[index]) }
        func optionalInstant(_ index: Int) throws(Malformed) -> Instant? { try Row.optionalInstant(items[index]) }

        static func int(_ value: JSONValue) throws(Malformed) -> Int {
            guard case .int(let number) = value else { throw Malformed() }
            return number
        }
        static func array(_ value: JSONValue) throws(Malformed) -> [JSONValue] {
            guard case .array(let items) = value else { throw Malformed() }
            return items
        }
        static func strings(_ value: JSONValue) throws(Malformed) -> [String] {
            try array(value).map { item throws(Malformed) in
                guard case .string(let text) = item else { throw Malformed() }
                return text
            }
        }
        static func optionalString(_ value: JSONValue) throws(Malformed) -> String? {
            switch value {
            case .null: return nil
            case .string(let text): return text
            default: throw Malformed()
            }
        }
        static func optionalInt(_ value: JSONValue) throws(Malformed) -> Int? {
            if case .null = value { return nil }
            return try int(value)
        }
        static func optionalInstant(_ value: JSONValue) throws(Malformed) -> Instant? {
            try optionalInt(value).map { Instant(milliseconds: Int64($0)) }
        }
        static func optional<Record>(_ value: JSONValue, count: Int, _ read: (Row) throws(Malformed) -> Record) throws(Malformed) -> Record? {
            if case .null = value { return nil }
            return try read(Row(value, count: count))
        }
        static func rows<Record>(_ value: JSONValue, count: Int, _ read: (Row) throws(Malformed) -> Record) throws(Malformed) -> [Record] {
            try array(value).map { item throws(Malformed) in try read(Row(item, count: count)) }
        }
        static func dictionary<Record>(_ value: JSONValue, _ read: (JSONValue) throws(Malformed) -> Record) throws(Malformed) -> [String: Record] {
            guard case .object(let members) = value else { throw Malformed() }
            var out: [String: Record] = [:]
            for (key, member) in members {
                guard out[key] == nil else { throw Malformed() }
                out[key] = try read(member)
            }
            return out
        }
    }
}
