/// One line of the headless protocol (`docs/headless.md`), parsed: an engine command, or a
/// request to the headless driver itself.
public enum HeadlessRequest: Sendable, Hashable {
    /// A command for the engine; `operator` overrides the session's operator for this line.
    case command(Command, operator: String?)
    /// Print the status as JSON.
    case status
    /// Move the virtual clock forward by seconds (only with a virtual clock).
    case advance(seconds: Int)
    /// Use this operator name for the commands that follow.
    case setOperator(String)
}

/// Parses headless protocol lines: the text syntax (`step done app-rollback 3`) or the same
/// as a JSON object (`{"command":"step_done","procedure":"app-rollback","step":3}`).
public enum HeadlessParser {
    /// Why a line did not parse: what was expected.
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// The text syntax, one form a line, for help and error messages.
    public static let syntax = [
        "declare SEVERITY TITLE…", "severity SEVERITY", "trigger TRIGGER", "answer TREE NODE ANSWER…", "back TREE",
        "procedure start|complete ID", "procedure abandon ID REASON…",
        "step start|done|reopen ID N", "step skip|fail ID N REASON…", "tick ID STEP ITEM",
        "approve WHO FOR…", "comms AUDIENCE [via CHANNEL] TEXT…", "page CONTACT [primary|backup]", "ack CONTACT",
        "note TEXT…", "resolve OUTCOME…", "retitle TITLE…", "recovery-point UTC-TIME NOTE…", "role ROLE PERSON…",
        "retract SEQ REASON…", "reopen REASON…", "override ID REASON…", "status", "advance DURATION", "as OPERATOR",
    ]

    /// Parses one line; nil for blank lines and `#` comments.
    public static func parse(_ line: String) throws(Failure) -> HeadlessRequest? {
        let text = line.trimmed
        if text.isEmpty || text.hasPrefix("#") { return nil }
        if text.hasPrefix("{") { return try parseJSON(text) }
        return try parseText(text)
    }

    // MARK: - Text

    static func parseText(_ line: String) throws(Failure) -> HeadlessRequest {
        let words = try tokenize(line)
        guard let verb = words.first?.lowercased() else { throw Failure(message: "expected a command") }
        var args = ArraySlice(words.dropFirst())
        func word(_ what: String) throws(Failure) -> String {
            guard let next = args.popFirst() else { throw Failure(message: "\(verb): expected \(what); usage: \(usage(verb))") }
            return next
        }
        func number(_ what: String) throws(Failure) -> Int {
            let text = try word(what)
            guard let value = Int(text), value >= 1 else { throw Failure(message: "\(verb): expected \(what), a whole number from 1; found '\(text)'") }
            return value
        }
        func rest(_ what: String) throws(Failure) -> String {
            guard !args.isEmpty else { throw Failure(message: "\(verb): expected \(what); usage: \(usage(verb))") }
            defer { args = [] }
            return args.joined(separator: " ")
        }
        func done(_ request: HeadlessRequest) throws(Failure) -> HeadlessRequest {
            guard args.isEmpty else { throw Failure(message: "\(verb): unexpected '\(args.joined(separator: " "))'; usage: \(usage(verb))") }
            return request
        }
        func command(_ command: Command) throws(Failure) -> HeadlessRequest { try done(.command(command, operator: nil)) }

        switch verb {
        case "declare":
            let severity = try word("a severity")
            return try command(.declare(title: try rest("a title"), severity: severity))
        case "severity": return try command(.changeSeverity(try word("a severity")))
        case "trigger": return try command(.fireTrigger(try word("a trigger id")))
        case "answer":
            let tree = try word("a tree id"), node = try word("a node id")
            return try command(.answer(tree: tree, node: node, answer: try rest("an answer (its label or number)")))
        case "back": return try command(.backUp(tree: try word("a tree id")))
        case "procedure":
            let action = try word("start, complete or abandon").lowercased()
            let id = try word("a procedure id")
            switch action {
            case "start": return try command(.startProcedure(id))
            case "complete", "done": return try command(.completeProcedure(id))
            case "abandon": return try command(.abandonProcedure(id, reason: try rest("a reason")))
            default: throw Failure(message: "procedure: expected start, complete or abandon; found '\(action)'")
            }
        case "step":
            let action = try word("start, done, skip, fail or reopen").lowercased()
            let id = try word("a procedure id")
            let step = try number("a step number")
            switch action {
            case "start": return try command(.startStep(procedure: id, step: step))
            case "done", "complete": return try command(.completeStep(procedure: id, step: step))
            case "skip": return try command(.skipStep(procedure: id, step: step, reason: try rest("a reason")))
            case "fail": return try command(.failStep(procedure: id, step: step, reason: try rest("a reason")))
            case "reopen": return try command(.reopenStep(procedure: id, step: step))
            default: throw Failure(message: "step: expected start, done, skip, fail or reopen; found '\(action)'")
            }
        case "tick":
            let id = try word("a procedure id"), step = try number("a step number")
            return try command(.tick(procedure: id, step: step, item: try number("a checklist item number")))
        case "approve":
            let who = try word("who approved")
            return try command(.approve(approver: who, subject: try rest("what was approved")))
        case "comms":
            let audience = try word("an audience id")
            var channel: String?
            if args.first?.lowercased() == "via" {
                args = args.dropFirst()
                channel = try word("a channel")
            }
            return try command(.communicate(audience: audience, channel: channel, text: try rest("the text sent")))
        case "page":
            let contact = try word("a contact id or role")
            var target = PageTarget.primary
            if let next = args.first {
                guard let parsed = PageTarget(rawValue: next.lowercased()) else { throw Failure(message: "page: expected primary or backup; found '\(next)'") }
                target = parsed
                args = args.dropFirst()
            }
            return try command(.page(contact: contact, target: target))
        case "ack": return try command(.acknowledgePage(contact: try word("a contact id or role")))
        case "note": return try command(.note(try rest("the note's text")))
        case "resolve": return try command(.resolve(outcome: try rest("the outcome")))
        case "retitle": return try command(.retitle(try rest("the new title")))
        case "recovery-point":
            let raw = try word("the newest UTC time whose data survived (2026-11-24T03:00:00Z)")
            guard let dataUpTo = Instant(iso8601: raw) else {
                throw Failure(message: "recovery-point: expected a UTC time such as 2026-11-24T03:00:00Z; found '\(raw)'")
            }
            return try command(.recordRecoveryPoint(at: dataUpTo, note: try rest("a note (what was restored)")))
        case "role":
            let role = try word("a role (quote it when it has spaces)")
            return try command(.assignRole(role: role, person: try rest("the person taking the role")))
        case "retract":
            let sequence = try number("the sequence number of the event to take back")
            return try command(.retract(sequence: sequence, reason: try rest("a reason")))
        case "reopen": return try command(.reopenIncident(reason: try rest("a reason")))
        case "override":
            let id = try word("a procedure id")
            return try command(.overrideApprovals(procedure: id, reason: try rest("a reason")))
        case "status": return try done(.status)
        case "advance", "wait": return try done(.advance(seconds: try duration(try rest("a duration such as 5m or 90s"))))
        case "as": return try done(.setOperator(try rest("an operator name")))
        default:
            throw Failure(message: "unknown command '\(verb)'; expected one of: \(syntax.joined(separator: "; "))")
        }
    }

    static func usage(_ verb: String) -> String {
        syntax.filter { $0.hasPrefix(verb + " ") || $0 == verb }.joined(separator: " or ")
    }

    static func duration(_ text: String) throws(Failure) -> Int {
        switch DurationText.parseLength(text) {
        case .success(let seconds): return seconds
        case .failure(let error): throw Failure(message: error.message)
        }
    }

    /// Splits on spaces; double quotes group words, with `\"` and `\\` inside them.
    static func tokenize(_ line: String) throws(Failure) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false, quoted = false, escaped = false
        for character in line {
            if escaped { current.append(character); escaped = false; continue }
            if quoted {
                if character == "\\" { escaped = true } else if character == "\"" { quoted = false } else { current.append(character) }
                continue
            }
            if character == "\"" { quoted = true; inWord = true; continue }
            if character.isWhitespace {
                if inWord { words.append(current); current = ""; inWord = false }
                continue
            }
            current.append(character)
            inWord = true
        }
        guard !quoted else { throw Failure(message: "unterminated double quote") }
        if inWord { words.append(current) }
        return words
    }

    // MARK: - JSON

    static func parseJSON(_ line: String) throws(Failure) -> HeadlessRequest {
        let value: JSONValue
        do throws(JSONParser.Failure) { value = try JSONParser.parse(line) } catch {
            throw Failure(message: "not valid JSON (\(error))")
        }
        switch value["command"]?.string {
        case "status": return .status
        case "advance":
            guard let text = value["duration"]?.string else { throw Failure(message: "advance: expected \"duration\", a string such as \"5m\"") }
            return .advance(seconds: try duration(text))
        case "as":
            guard let name = value["operator"]?.string else { throw Failure(message: "as: expected \"operator\", a string") }
            return .setOperator(name)
        default:
            do throws(CommandJSON.Failure) {
                return .command(try CommandJSON.command(from: value), operator: value["operator"]?.string)
            } catch {
                throw Failure(message: error.message)
            }
        }
    }
}
