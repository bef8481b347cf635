/// Commands as JSON objects: `{"command":"step_done","procedure":"app-rollback","step":3}`,
/// the form `warroom headless` reads (`docs/headless.md`). Field names match the journal's
/// payload names.
public enum CommandJSON {
    /// Why an object is not a command: what was expected.
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// Every command name, in the order of `docs/headless.md`.
    public static let names = [
        "declare", "severity", "trigger", "answer", "procedure_start", "procedure_complete", "procedure_abandon",
        "step_start", "step_done", "step_skip", "step_fail", "step_reopen", "tick", "approve", "comms", "page", "ack", "note", "resolve",
        "retitle", "recovery_point", "role",
        "retract", "reopen", "override",
    ]

    /// The command as a JSON object.
    public static func value(_ command: Command) -> JSONValue {
        func object(_ name: String, _ fields: [(String, JSONValue)]) -> JSONValue { .object([("command", .string(name))] + fields) }
        func step(_ name: String, _ id: String, _ number: Int, _ extra: [(String, JSONValue)] = []) -> JSONValue {
            object(name, [("procedure", .string(id)), ("step", .int(number))] + extra)
        }
        switch command {
        case .declare(let title, let severity): return object("declare", [("severity", .string(severity)), ("title", .string(title))])
        case .changeSeverity(let severity): return object("severity", [("severity", .string(severity))])
        case .fireTrigger(let trigger): return object("trigger", [("trigger", .string(trigger))])
        case .answer(let tree, let node, let answer):
            return object("answer", [("tree", .string(tree)), ("node", .string(node)), ("answer", .string(answer))])
        case .backUp(let tree): return object("back", [("tree", .string(tree))])
        case .startProcedure(let id): return object("procedure_start", [("procedure", .string(id))])
        case .completeProcedure(let id): return object("procedure_complete", [("procedure", .string(id))])
        case .abandonProcedure(let id, let reason): return object("procedure_abandon", [("procedure", .string(id)), ("reason", .string(reason))])
        case .startStep(let id, let number): return step("step_start", id, number)
        case .completeStep(let id, let number): return step("step_done", id, number)
        case .skipStep(let id, let number, let reason): return step("step_skip", id, number, [("reason", .string(reason))])
        case .failStep(let id, let number, let reason): return step("step_fail", id, number, [("reason", .string(reason))])
        case .reopenStep(let id, let number): return step("step_reopen", id, number)
        case .tick(let id, let number, let item): return step("tick", id, number, [("item", .int(item))])
        case .approve(let approver, let subject): return object("approve", [("approver", .string(approver)), ("for", .string(subject))])
        case .communicate(let audience, let channel, let text):
            return object("comms", [("audience", .string(audience))] + (channel.map { [("channel", .string($0))] } ?? []) + [("text", .string(text))])
        case .page(let contact, let target): return object("page", [("contact", .string(contact)), ("target", .string(target.rawValue))])
        case .acknowledgePage(let contact): return object("ack", [("contact", .string(contact))])
        case .note(let text): return object("note", [("text", .string(text))])
        case .resolve(let outcome): return object("resolve", [("outcome", .string(outcome))])
        case .retitle(let title): return object("retitle", [("title", .string(title))])
        case .recordRecoveryPoint(let dataUpTo, let note): return object("recovery_point", [("data_up_to", .string(dataUpTo.iso8601)), ("note", .string(note))])
        case .assignRole(let role, let person): return object("role", [("role", .string(role)), ("person", .string(person))])
        case .retract(let sequence, let reason): return object("retract", [("seq", .int(sequence)), ("reason", .string(reason))])
        case .reopenIncident(let reason): return object("reopen", [("reason", .string(reason))])
        case .overrideApprovals(let id, let reason): return object("override", [("procedure", .string(id)), ("reason", .string(reason))])
        }
    }

    /// The command a JSON object holds.
    public static func command(from value: JSONValue) throws(Failure) -> Command {
        guard let name = value["command"]?.string else { throw Failure(message: "expected \"command\": a command name such as \"step_done\"") }
        func text(_ key: String) throws(Failure) -> String {
            guard let field = value[key]?.string else { throw Failure(message: "\(name): expected \"\(key)\", a string") }
            return field
        }
        func number(_ key: String) throws(Failure) -> Int {
            guard let field = value[key]?.int, field >= 1 else { throw Failure(message: "\(name): expected \"\(key)\", a whole number from 1") }
            return field
        }
        switch name {
        case "declare": return .declare(title: try text("title"), severity: try text("severity"))
        case "severity": return .changeSeverity(try text("severity"))
        case "trigger": return .fireTrigger(try text("trigger"))
        case "answer":
            guard let answer = value["answer"]?.int.map(String.init) ?? value["answer"]?.string else {
                throw Failure(message: "answer: expected \"answer\", a label or a number")
            }
            return .answer(tree: try text("tree"), node: try text("node"), answer: answer)
        case "back": return .backUp(tree: try text("tree"))
        case "procedure_start": return .startProcedure(try text("procedure"))
        case "procedure_complete": return .completeProcedure(try text("procedure"))
        case "procedure_abandon": return .abandonProcedure(try text("procedure"), reason: try text("reason"))
        case "step_start": return .startStep(procedure: try text("procedure"), step: try number("step"))
        case "step_done": return .completeStep(procedure: try text("procedure"), step: try number("step"))
        case "step_skip": return .skipStep(procedure: try text("procedure"), step: try number("step"), reason: try text("reason"))
        case "step_fail": return .failStep(procedure: try text("procedure"), step: try number("step"), reason: try text("reason"))
        case "step_reopen": return .reopenStep(procedure: try text("procedure"), step: try number("step"))
        case "tick": return .tick(procedure: try text("procedure"), step: try number("step"), item: try number("item"))
        case "approve": return .approve(approver: try text("approver"), subject: try text("for"))
        case "comms": return .communicate(audience: try text("audience"), channel: value["channel"]?.string, text: try text("text"))
        case "page":
            var target = PageTarget.primary
            if let raw = value["target"]?.string {
                guard let parsed = PageTarget(rawValue: raw) else { throw Failure(message: "page: \"target\" must be \"primary\" or \"backup\"") }
                target = parsed
            }
            return .page(contact: try text("contact"), target: target)
        case "ack": return .acknowledgePage(contact: try text("contact"))
        case "note": return .note(try text("text"))
        case "resolve": return .resolve(outcome: try text("outcome"))
        case "retitle": return .retitle(try text("title"))
        case "recovery_point":
            let raw = try text("data_up_to")
            guard let dataUpTo = Instant(iso8601: raw) else { throw Failure(message: "recovery_point: \"data_up_to\" must be a UTC timestamp such as \"2026-11-24T03:00:00Z\"; found \"\(raw)\"") }
            return .recordRecoveryPoint(at: dataUpTo, note: try text("note"))
        case "role": return .assignRole(role: try text("role"), person: try text("person"))
        case "retract": return .retract(sequence: try number("seq"), reason: try text("reason"))
        case "reopen": return .reopenIncident(reason: try text("reason"))
        case "override": return .overrideApprovals(procedure: try text("procedure"), reason: try text("reason"))
        default:
            throw Failure(message: "unknown command \"\(name)\"; expected one of: \((names + ["status", "advance", "as"]).joined(separator: ", "))")
        }
    }
}
