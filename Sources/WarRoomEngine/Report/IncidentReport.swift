/// The figures of a post-incident report, computed from the runbook and the incident's
/// state; rendered as Markdown (`MarkdownReport`) or JSON (`ReportJSON`).
public struct IncidentReport: Sendable {
    /// A named moment of the incident.
    public struct Milestone: Sendable, Hashable {
        public var name: String
        public var at: Instant?
    }

    /// One decision tree walked.
    public struct DecisionPath: Sendable, Hashable {
        public var tree: String
        public var title: String
        /// Question and answer, in order.
        public var answers: [(question: String, answer: String, at: Instant)] {
            zip(questions, path).map { ($0, $1.answer, $1.at) }
        }
        var questions: [String]
        var path: [Answered]
        public var outcome: String?
        public var timeSpent: Int?
        public var timeLimit: Int?
    }

    /// One step of a procedure that was started.
    public struct StepRow: Sendable, Hashable {
        public var procedure: String
        public var number: Int
        public var action: String
        public var state: StepProgress.State
        /// The estimate as written (`2m`, `5-10m`, `within 30m`), if any.
        public var estimate: String?
        /// Seconds from start to end.
        public var actual: Int?
        /// Seconds past the worst-case estimate.
        public var overrun: Int?
        public var reason: String?
        /// Every failure of the step, also when it was reopened and then done.
        public var failures: [StepFailure] = []
    }

    /// One communication that fell due.
    public struct CommsRow: Sendable, Hashable {
        /// The audience's id.
        public var audience: String
        /// The audience as the runbook names it ("Executive leadership").
        public var audienceName: String
        public var due: Instant
        public var reason: String
        public var sent: Instant?
        /// Seconds late (to the end of the incident when never sent).
        public var late: Int
    }

    public var incidentID: String
    /// The title now (the last retitle's).
    public var title: String
    /// The title at declaration, when the incident was retitled since.
    public var declaredTitle: String?
    public var severity: String?
    public var runbookTitle: String
    public var runbookPath: String
    public var openedBy: String
    public var declaredAt: Instant?
    public var declaredBy: String?
    public var resolvedAt: Instant?
    public var outcome: String?
    /// The instant the report's figures are for: the last event (at or after the resolution).
    public var end: Instant
    public var milestones: [Milestone]
    public var severityChanges: [SeverityChange]
    public var triggers: [(id: String, condition: String, at: Instant)]
    public var decisions: [DecisionPath]
    public var procedures: [(id: String, title: String, state: PlanProgress.State, elapsed: Int, reason: String?)]
    public var steps: [StepRow]
    public var communications: [CommsRow]
    /// Every update sent, due or not, in time order, with the audience's id and name.
    public var sent: [(audience: String, audienceName: String, sent: Sent)]
    /// The event log, one described event a line, when the caller passed the events.
    public var log: [(sequence: Int, at: Instant, operator: String, text: String)]
    public var pages: [Page]
    /// Each paged contact's role as the runbook names it, by contact id.
    public var contactRoles: [String: String]
    public var approvals: [Approval]
    public var notes: [Note]
    /// The procedure the decision led to (`IncidentFigures.decidedProcedure`).
    public var decidedProcedure: String?
    /// Seconds from declaration to the start of `decidedProcedure`: the one time to decision.
    public var timeToDecision: Int?
    /// The first procedure started, when it was not the decided one: its id, seconds from
    /// declaration to its start, and how it ended.
    public var firstAttempt: (procedure: String, after: Int, state: PlanProgress.State?)?
    /// Updates counted: due, on time, late, never sent.
    public var communicationsTally: CommsTally
    /// The recovery point recorded, if any.
    public var recoveryPoint: RecoveryPoint?
    /// When the incident started: the first trigger fired, or the declaration.
    public var detectedAt: Instant?
    /// Seconds of data lost: from the recovery point to the detection.
    public var dataLost: Int?
    public var rpo: Int?
    /// Roles and who holds them now, in the order first assigned.
    public var roles: [RoleAssignment]
    /// Everyone who acted (gave a command), in the order they first acted, with their event count.
    public var participants: [(name: String, events: Int)]
    /// How instants are written: the date only when the incident spans more than one day.
    public var notation: InstantNotation
    /// Seconds from declaration to resolution.
    public var timeToRestore: Int?
    public var rto: Int?
    public var rca: RCASkeleton?

    /// Builds the report of `state` (the whole journal) for `runbook`; `events`, when given,
    /// become the event log.
    public init(runbook: Runbook, header: JournalHeader, state: IncidentState, events: [Event] = []) {
        self.init(runbook: runbook, header: header, state: state, tally: EventTally(events))
        let retractions = EventText.retractionsBySequence(state)
        log = events.map { ($0.sequence, $0.at, $0.operator, EventText.describe($0, runbook: runbook, whole: true, retractions: retractions)) }
    }

    /// Builds the report of `state` (the whole journal) for `runbook` without an event log;
    /// `tally` counts the events (each participant's count). A caller that streams the log
    /// (`MarkdownReport.write`) passes the tally it took while reading the journal.
    public init(runbook: Runbook, header: JournalHeader, state: IncidentState, tally: EventTally) {
        log = []
        let end = [state.resolution?.at, state.lastEventAt].compactMap { $0 }.max() ?? header.openedAt
        let status = Status(runbook: runbook, state: state, at: end)
        self.end = end
        incidentID = header.incident
        title = state.title ?? "(not declared)"
        if !state.retitles.isEmpty { declaredTitle = state.declaration?.title }
        severity = state.severity
        runbookTitle = runbook.title
        runbookPath = header.runbookPath
        openedBy = header.openedBy
        declaredAt = state.declaration?.at
        declaredBy = state.declaration?.by
        resolvedAt = state.resolution?.at
        outcome = state.resolution?.outcome
        severityChanges = state.severityChanges
        triggers = state.triggersFired.map { fired in (fired.trigger, runbook.trigger(fired.trigger)?.condition ?? "", fired.at) }
        decisions = status.trees.filter { !$0.path.isEmpty }.map { tree in
            let questions = tree.path.map { runbook.tree(tree.id)?.node($0.node)?.question ?? $0.node }
            return DecisionPath(tree: tree.id, title: tree.title, questions: questions, path: tree.path,
                                outcome: tree.outcome.map { tree.outcomeTitle ?? $0 }, timeSpent: tree.timeSpent, timeLimit: tree.timeLimit)
        }
        let notation = InstantNotation(from: state.declaration?.at ?? header.openedAt, to: end)
        self.notation = notation
        procedures = status.plans.map { ($0.id, $0.title, $0.state, $0.elapsed, state.plans[$0.id]?.reason) }
        steps = status.plans.flatMap { plan in
            let runnable = runbook.plan(plan.id)
            return plan.steps.map { step in
                StepRow(procedure: plan.id, number: step.number, action: step.action, state: step.state,
                        estimate: runnable?.step(step.number)?.duration.map(\.description), actual: step.elapsed,
                        overrun: step.overrun, reason: step.reason,
                        failures: state.plans[plan.id]?.step(step.number).failures ?? [])
            }
        }
        // The status's schedules at `end`, so the table and the summary count the same updates.
        communications = zip(runbook.communications, status.audiences).enumerated().flatMap { index, pair in
            pair.1.obligations.map { obligation in
                (index, CommsRow(audience: pair.0.id, audienceName: pair.0.audience, due: obligation.due, reason: obligation.reason,
                                 sent: obligation.sent, late: obligation.late))
            }
        }.sorted { ($0.1.due, $0.0) < ($1.1.due, $1.0) }.map(\.1)
        let names = Dictionary(runbook.communications.map { ($0.id, $0.audience) }, uniquingKeysWith: { first, _ in first })
        // In time order; at one instant, in the runbook's audience order (a dictionary has none).
        let order = Dictionary(runbook.communications.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        // Sorted by index, each update's audience rank looked up once (a long incident sends
        // a hundred thousand updates); the index last keeps each audience's own order.
        let every = state.communications.flatMap { audience, list in list.map { (audience: audience, audienceName: names[audience] ?? audience, sent: $0) } }
        // The keys apart, compared one at a time: a tuple of them built for every comparison
        // copied the audience's name each time, half of the report's sorting.
        let rank = every.map { order[$0.audience] ?? Int.max }
        let at = every.map(\.sent.at.milliseconds)
        sent = every.indices.sorted { a, b in
            if at[a] != at[b] { return at[a] < at[b] }
            if rank[a] != rank[b] { return rank[a] < rank[b] }
            if every[a].audience != every[b].audience { return every[a].audience < every[b].audience }
            return a < b
        }.map { every[$0] }
        pages = state.pages
        contactRoles = Dictionary(runbook.contacts.map { ($0.id, $0.role) }, uniquingKeysWith: { first, _ in first })
        approvals = state.approvals
        notes = state.notes
        communicationsTally = CommsTally(status.audiences.flatMap(\.obligations))
        decidedProcedure = status.incident.decidedProcedure
        timeToDecision = status.incident.timeToDecision
        firstAttempt = status.incident.firstAttempt.map { ($0.procedure, $0.after, state.plans[$0.procedure]?.state) }
        recoveryPoint = state.recoveryPoint
        detectedAt = [state.triggersFired.first?.at, declaredAt].compactMap { $0 }.min()
        if let point = recoveryPoint, let detected = detectedAt { dataLost = max(0, detected.seconds(since: point.dataUpTo)) }
        rpo = runbook.objectives?.rpo
        roles = state.currentRoles
        participants = state.participants.map { ($0, tally.byOperator[$0] ?? 0) }
        if let declared = declaredAt, let resolved = resolvedAt { timeToRestore = resolved.seconds(since: declared) }
        rto = runbook.objectives?.rto
        rca = runbook.rca
        let decidedStart = decidedProcedure.flatMap { state.plans[$0]?.startedAt }
        let decidedEnd = decidedProcedure.flatMap { id in state.plans[id].flatMap { $0.state == .completed ? $0.endedAt : nil } }
        var marks = [
            Milestone(name: "Detected", at: detectedAt),
            Milestone(name: "Declared", at: declaredAt),
        ]
        if let first = firstAttempt {
            let ended = first.state.map { $0 == .running ? "" : ", \($0.rawValue) at \(state.plans[first.procedure]?.endedAt.map(notation.text) ?? "?")" } ?? ""
            marks.append(Milestone(name: "First attempt started (\(first.procedure)\(ended))", at: state.plans[first.procedure]?.firstStartedAt))
        }
        let decidedName = decidedProcedure.map { " (\($0))" } ?? ""
        marks += [
            Milestone(name: "Decided procedure started" + decidedName, at: decidedStart),
            Milestone(name: "Decided procedure completed" + decidedName, at: decidedEnd),
            Milestone(name: "Restored (resolved)", at: resolvedAt),
        ]
        if let point = recoveryPoint { marks.append(Milestone(name: "Recovery point (newest data kept)", at: point.dataUpTo)) }
        milestones = marks.sorted { ($0.at ?? end) < ($1.at ?? end) }
    }

    /// Communications sent late or never sent, in order of due.
    public var lateCommunications: [CommsRow] { communications.filter { $0.sent == nil || $0.late > 0 } }
    /// Steps that overran their estimate.
    public var overruns: [StepRow] { steps.filter { ($0.overrun ?? 0) > 0 } }
}
