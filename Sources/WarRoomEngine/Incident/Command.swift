/// What an operator asks the engine to do. The engine checks it against the runbook and the
/// incident so far, and either turns it into one `EventKind` or refuses it with a reason.
public enum Command: Sendable, Hashable {
    case declare(title: String, severity: String)
    case changeSeverity(String)
    case fireTrigger(String)
    /// `answer` is an answer's label (any case) or its number from 1.
    case answer(tree: String, node: String, answer: String)
    /// Undo the last answer of a tree: back up to the question it answered.
    case backUp(tree: String)
    case startProcedure(String)
    case completeProcedure(String)
    case abandonProcedure(String, reason: String)
    case startStep(procedure: String, step: Int)
    case completeStep(procedure: String, step: Int)
    case skipStep(procedure: String, step: Int, reason: String)
    case failStep(procedure: String, step: Int, reason: String)
    case reopenStep(procedure: String, step: Int)
    case tick(procedure: String, step: Int, item: Int)
    case approve(approver: String, subject: String)
    /// `channel` nil means the audience's own channel from the runbook.
    case communicate(audience: String, channel: String?, text: String)
    /// `contact` is a contact's id or role (any case).
    case page(contact: String, target: PageTarget)
    /// Record that the person last paged for `contact` (id or role, any case) answered.
    case acknowledgePage(contact: String)
    case note(String)
    case resolve(outcome: String)
    case retitle(String)
    /// `at` is the newest instant whose data survived.
    case recordRecoveryPoint(at: Instant, note: String)
    /// `role` is a runbook contact's role or a default role (any case).
    case assignRole(role: String, person: String)
    /// Take back the event numbered `sequence`, made by mistake: it stays in the journal, void.
    case retract(sequence: Int, reason: String)
    /// Make a resolved incident active again.
    case reopenIncident(reason: String)
    /// Record that `procedure` is started without its missing approvals, and why.
    case overrideApprovals(procedure: String, reason: String)
}

/// Why the engine refused a command. Nothing was written.
public struct Refusal: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was wrong and, where there is one, what to do instead.
    public var reason: String

    public init(_ reason: String) { self.reason = reason }

    public var description: String { reason }
}
