/// Drives an incident session with headless protocol lines (`docs/headless.md`): each line
/// in, at most one JSON line out — the event, the refusal, the parse error, or the status.
public struct HeadlessDriver {
    public let session: IncidentSession
    /// The operator named in events, until an `as` line changes it.
    public var operatorName: String
    /// Set when the session runs on a virtual clock, so `advance` can move it.
    public private(set) var virtualClock: VirtualClock?
    /// Lines read so far.
    public private(set) var lineNumber = 0

    public init(session: IncidentSession, operator: String, virtualClock: VirtualClock? = nil) {
        self.session = session
        self.operatorName = `operator`
        self.virtualClock = virtualClock
        if let virtualClock { session.clock = virtualClock }
    }

    /// Handles one input line; returns the JSON response line, or nil for blank and comment lines.
    public mutating func handle(_ line: String) -> String? {
        lineNumber += 1
        let request: HeadlessRequest
        do throws(HeadlessParser.Failure) {
            guard let parsed = try HeadlessParser.parse(line) else { return nil }
            request = parsed
        } catch {
            return respond(ok: false, [("error", .string(error.message))])
        }
        switch request {
        case .command(let command, let op):
            switch session.submit(command, operator: op ?? operatorName) {
            case .accepted(let event): return respond(ok: true, [("event", EventJSON.value(event))])
            case .refused(let refusal): return respond(ok: false, [("refused", .string(refusal.reason))])
            case .failed(let error):
                let key = session.fatal == nil ? "error" : "fatal"
                var members: [(String, JSONValue)] = [(key, .string(error.description))]
                // The answer to COMMIT was lost: a later response's "settled" says what became of it.
                if error.outcomeUnknown, let pending = session.unsettled {
                    members += [("outcome", .string("unknown")), ("sequence", .int(pending.sequence))]
                }
                return respond(ok: false, members)
            }
        case .status:
            do throws(JournalError) { try session.refresh() } catch {
                return respond(ok: false, [("error", .string(error.description))])
            }
            return respond(ok: true, [("status", StatusJSON.value(session.status(), incidentID: session.header.incident))])
        case .advance(let seconds):
            guard var clock = virtualClock else {
                return respond(ok: false, [("error", .string("advance needs a virtual clock: start headless with --virtual-clock START"))])
            }
            clock.advance(by: seconds)
            virtualClock = clock
            session.clock = clock
            return respond(ok: true, [("now", .string(clock.now().iso8601))])
        case .setOperator(let name):
            operatorName = name
            return respond(ok: true, [("operator", .string(name))])
        }
    }

    private func respond(ok: Bool, _ members: [(String, JSONValue)]) -> String {
        var members = members
        let settled = session.takeSettlements().map { settlement -> JSONValue in
            switch settlement {
            case .recorded(let event): .object([("sequence", .int(event.sequence)), ("recorded", .bool(true))])
            case .notRecorded(let event): .object([("sequence", .int(event.sequence)), ("recorded", .bool(false))])
            }
        }
        if !settled.isEmpty { members.append(("settled", .array(settled))) }
        return JSONWriter.encode(.object([("ok", .bool(ok)), ("line", .int(lineNumber))] + members))
    }
}
