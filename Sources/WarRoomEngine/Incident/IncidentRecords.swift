/// The declaration of an incident.
public struct Declaration: Sendable, Hashable, Codable {
    public var title: String
    public var severity: String
    public var at: Instant
    public var by: String
}

/// A severity change.
public struct SeverityChange: Sendable, Hashable, Codable {
    public var from: String
    public var to: String
    public var at: Instant
    public var by: String
}

/// A trigger that fired.
public struct Fired: Sendable, Hashable, Codable {
    public var trigger: String
    public var at: Instant
    public var by: String
}

/// How far a decision tree has been walked.
public struct TreeProgress: Sendable, Hashable, Codable {
    /// The answers given, in order.
    public var path: [Answered] = []
    /// The node (or outcome) the last answer led to.
    public var current: String?
    /// The outcome reached, if any.
    public var outcome: String?
    public var decidedAt: Instant?
}

/// One answer given in a decision tree.
public struct Answered: Sendable, Hashable, Codable {
    public var node: String
    public var answer: String
    public var leadsTo: String
    public var at: Instant
    public var by: String
}

/// An approval recorded during the incident.
public struct Approval: Sendable, Hashable, Codable {
    public var approver: String
    public var subject: String
    public var at: Instant
    public var by: String
}

/// One communication sent to an audience.
public struct Sent: Sendable, Hashable, Codable {
    public var at: Instant
    public var channel: String
    public var text: String
    public var by: String
}

/// A contact paged, and whether the person answered.
public struct Page: Sendable, Hashable, Codable {
    public var contact: String
    public var target: PageTarget
    public var person: String
    public var at: Instant
    public var by: String
    /// When the page was acknowledged (`page_acknowledged`); nil while nobody answered.
    public var acknowledgedAt: Instant?
    /// Who recorded the acknowledgement.
    public var acknowledgedBy: String?
}

/// A note added to the incident.
public struct Note: Sendable, Hashable, Codable {
    public var text: String
    public var at: Instant
    public var by: String
}

/// How the incident ended.
public struct Resolution: Sendable, Hashable, Codable {
    public var outcome: String
    public var at: Instant
    public var by: String
}

/// The recovery point: the newest instant whose data survived, as recorded during the incident.
public struct RecoveryPoint: Sendable, Hashable, Codable {
    /// The newest instant whose data survived.
    public var dataUpTo: Instant
    public var note: String
    /// When it was recorded.
    public var at: Instant
    public var by: String
}

/// A person taking an incident role.
public struct RoleAssignment: Sendable, Hashable, Codable {
    public var role: String
    public var person: String
    public var at: Instant
    public var by: String
}

/// One failure of a step, kept when the step is reopened and later done.
public struct StepFailure: Sendable, Hashable, Codable {
    public var reason: String
    public var at: Instant
}

/// A new title given to the incident.
public struct Retitle: Sendable, Hashable, Codable {
    public var title: String
    public var at: Instant
    public var by: String
}

/// An event taken back: `sequence` is void for every reader from now on.
public struct Retraction: Sendable, Hashable, Codable {
    /// The event taken back.
    public var sequence: Int
    public var reason: String
    /// The retraction's own sequence number.
    public var retractedBy: Int
    public var at: Instant
    public var by: String
}

/// A resolved incident made active again.
public struct Reopening: Sendable, Hashable, Codable {
    public var reason: String
    /// The resolution it undid.
    public var resolution: Resolution?
    public var at: Instant
    public var by: String
}

/// A plan started on purpose without the approvals it needs.
public struct ApprovalOverride: Sendable, Hashable, Codable {
    public var procedure: String
    /// The approvals (by role) that were missing.
    public var missing: [String]
    public var reason: String
    public var at: Instant
    public var by: String
}
