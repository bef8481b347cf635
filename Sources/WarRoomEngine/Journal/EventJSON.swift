/// Events as journal lines: `{"seq":N,"at":"…Z","operator":"…","type":"…","payload":{…}}`.
/// The names here are the contract of `docs/journal-format.md`.
public enum EventJSON {
    /// Why a line is not a valid event.
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        public var message: String
        public init(message: String) { self.message = message }
        public var description: String { message }
    }

    /// The event as a JSON object.
    public static func value(_ event: Event) -> JSONValue {
        .object([
            ("seq", .int(event.sequence)),
            ("at", .string(event.at.iso8601)),
            ("operator", .string(event.operator)),
            ("type", .string(event.kind.typeName)),
            ("payload", payload(event.kind)),
        ])
    }

    /// The event as one line of compact JSON, without the newline.
    public static func line(_ event: Event) -> String { JSONWriter.encode(value(event)) }

    /// The payload object of an event kind.
    public static func payload(_ kind: EventKind) -> JSONValue {
        func step(_ procedure: String, _ number: Int, _ extra: [(String, JSONValue)] = []) -> JSONValue {
            .object([("procedure", .string(procedure)), ("step", .int(number))] + extra)
        }
        switch kind {
        case .incidentDeclared(let title, let severity):
            return .object([("title", .string(title)), ("severity", .string(severity))])
        case .severityChanged(let from, let to):
            return .object([("from", .string(from)), ("to", .string(to))])
        case .triggerFired(let trigger):
            return .object([("trigger", .string(trigger))])
        case .decisionAnswered(let tree, let node, let answer, let leadsTo, let outcome):
            return .object([("tree", .string(tree)), ("node", .string(node)), ("answer", .string(answer)),
                            ("leads_to", .string(leadsTo)), ("outcome", .bool(outcome))])
        case .decisionReverted(let tree, let node):
            return .object([("tree", .string(tree)), ("node", .string(node))])
        case .procedureStarted(let id), .procedureCompleted(let id):
            return .object([("procedure", .string(id))])
        case .procedureAbandoned(let id, let reason):
            return .object([("procedure", .string(id)), ("reason", .string(reason))])
        case .stepStarted(let id, let number), .stepDone(let id, let number), .stepReopened(let id, let number):
            return step(id, number)
        case .stepSkipped(let id, let number, let reason), .stepFailed(let id, let number, let reason):
            return step(id, number, [("reason", .string(reason))])
        case .checklistTicked(let id, let number, let item):
            return step(id, number, [("item", .int(item))])
        case .approvalRecorded(let approver, let subject):
            return .object([("approver", .string(approver)), ("for", .string(subject))])
        case .communicationSent(let audience, let channel, let text):
            return .object([("audience", .string(audience)), ("channel", .string(channel)), ("text", .string(text))])
        case .contactPaged(let contact, let target, let person):
            return .object([("contact", .string(contact)), ("target", .string(target.rawValue)), ("person", .string(person))])
        case .pageAcknowledged(let contact, let person):
            return .object([("contact", .string(contact)), ("person", .string(person))])
        case .noteAdded(let text):
            return .object([("text", .string(text))])
        case .incidentResolved(let outcome):
            return .object([("outcome", .string(outcome))])
        case .incidentRetitled(let title):
            return .object([("title", .string(title))])
        case .recoveryPointRecorded(let dataUpTo, let note):
            return .object([("data_up_to", .string(dataUpTo.iso8601)), ("note", .string(note))])
        case .roleAssigned(let role, let person):
            return .object([("role", .string(role)), ("person", .string(person))])
        case .eventRetracted(let sequence, let reason):
            return .object([("seq", .int(sequence)), ("reason", .string(reason))])
        case .incidentReopened(let reason):
            return .object([("reason", .string(reason))])
        case .approvalOverridden(let procedure, let missing, let reason):
            return .object([("procedure", .string(procedure)), ("missing", .array(missing.map { .string($0) })), ("reason", .string(reason))])
        }
    }

    /// The event a parsed journal line holds.
    public static func event(from value: JSONValue) throws(Failure) -> Event {
        guard case .object = value else { throw Failure(message: "expected an event object") }
        guard let sequence = value["seq"]?.int, sequence >= 1 else { throw Failure(message: "expected \"seq\": a whole number from 1") }
        guard JournalLine.isValidSequence(sequence) else {
            throw Failure(message: "\"seq\" \(sequence) is above the largest sequence number, \(JournalLine.maximumSequence) (2^53 − 1)")
        }
        guard let atText = value["at"]?.string else { throw Failure(message: "expected \"at\": a UTC timestamp such as \"2026-11-24T09:00:00.000Z\"") }
        guard let at = Instant(iso8601: atText) else { throw Failure(message: "\"at\" is not a UTC timestamp of the form 2026-11-24T09:00:00.000Z: \"\(atText)\"") }
        guard let op = value["operator"]?.string else { throw Failure(message: "expected \"operator\": a string") }
        guard let type = value["type"]?.string else { throw Failure(message: "expected \"type\": an event type name") }
        let payload = value["payload"] ?? .object([])
        guard case .object = payload else { throw Failure(message: "expected \"payload\": an object") }
        return Event(sequence: sequence, at: at, operator: op, kind: try kind(type: type, payload: payload))
    }

    /// The event kind of `type` with `payload`.
    public static func kind(type: String, payload: JSONValue) throws(Failure) -> EventKind {
        func text(_ key: String) throws(Failure) -> String {
            guard let value = payload[key]?.string else { throw Failure(message: "\(type): expected \"\(key)\" in the payload, a string") }
            return value
        }
        func number(_ key: String) throws(Failure) -> Int {
            guard let value = payload[key]?.int, value >= 1 else { throw Failure(message: "\(type): expected \"\(key)\" in the payload, a whole number from 1") }
            return value
        }
        switch type {
        case "incident_declared": return .incidentDeclared(title: try text("title"), severity: try text("severity"))
        case "severity_changed": return .severityChanged(from: try text("from"), to: try text("to"))
        case "trigger_fired": return .triggerFired(trigger: try text("trigger"))
        case "decision_answered":
            return .decisionAnswered(tree: try text("tree"), node: try text("node"), answer: try text("answer"),
                                     leadsTo: try text("leads_to"), outcome: payload["outcome"]?.bool ?? false)
        case "decision_reverted": return .decisionReverted(tree: try text("tree"), node: try text("node"))
        case "procedure_started": return .procedureStarted(procedure: try text("procedure"))
        case "procedure_completed": return .procedureCompleted(procedure: try text("procedure"))
        case "procedure_abandoned": return .procedureAbandoned(procedure: try text("procedure"), reason: try text("reason"))
        case "step_started": return .stepStarted(procedure: try text("procedure"), step: try number("step"))
        case "step_done": return .stepDone(procedure: try text("procedure"), step: try number("step"))
        case "step_skipped": return .stepSkipped(procedure: try text("procedure"), step: try number("step"), reason: try text("reason"))
        case "step_failed": return .stepFailed(procedure: try text("procedure"), step: try number("step"), reason: try text("reason"))
        case "step_reopened": return .stepReopened(procedure: try text("procedure"), step: try number("step"))
        case "checklist_ticked": return .checklistTicked(procedure: try text("procedure"), step: try number("step"), item: try number("item"))
        case "approval_recorded": return .approvalRecorded(approver: try text("approver"), subject: try text("for"))
        case "communication_sent": return .communicationSent(audience: try text("audience"), channel: try text("channel"), text: try text("text"))
        case "contact_paged":
            guard let target = PageTarget(rawValue: try text("target")) else { throw Failure(message: "contact_paged: \"target\" must be \"primary\" or \"backup\"") }
            return .contactPaged(contact: try text("contact"), target: target, person: try text("person"))
        case "page_acknowledged": return .pageAcknowledged(contact: try text("contact"), person: try text("person"))
        case "note_added": return .noteAdded(text: try text("text"))
        case "incident_resolved": return .incidentResolved(outcome: try text("outcome"))
        case "incident_retitled": return .incidentRetitled(title: try text("title"))
        case "recovery_point_recorded":
            let raw = try text("data_up_to")
            guard let dataUpTo = Instant(iso8601: raw) else { throw Failure(message: "recovery_point_recorded: \"data_up_to\" is not a UTC timestamp of the form 2026-11-24T09:00:00.000Z: \"\(raw)\"") }
            return .recoveryPointRecorded(at: dataUpTo, note: try text("note"))
        case "role_assigned": return .roleAssigned(role: try text("role"), person: try text("person"))
        case "event_retracted": return .eventRetracted(sequence: try number("seq"), reason: try text("reason"))
        case "incident_reopened": return .incidentReopened(reason: try text("reason"))
        case "approval_overridden":
            // Every item must be a string: an item of another kind is bad input, not one to drop silently.
            guard case .array(let items)? = payload["missing"], case let missing = items.compactMap(\.string), missing.count == items.count else {
                throw Failure(message: "approval_overridden: expected \"missing\" in the payload, a list of strings")
            }
            return .approvalOverridden(procedure: try text("procedure"), missing: missing, reason: try text("reason"))
        default: throw Failure(message: "unknown event type \"\(type)\"; expected one of \(EventKind.typeNames.joined(separator: ", "))")
        }
    }
}
