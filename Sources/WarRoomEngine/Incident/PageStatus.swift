/// Where the latest page of one contact stands at an instant: waiting for an answer (and for
/// how long, against the contact's `ack_within`), or answered.
public struct PageStatus: Sendable, Hashable, Identifiable {
    /// The contact's id.
    public var id: String
    /// The contact's role ("Incident Commander").
    public var role: String
    /// The person paged last.
    public var person: String
    public var target: PageTarget
    public var pagedAt: Instant
    /// When the page was acknowledged; nil while it waits.
    public var acknowledgedAt: Instant?
    /// Seconds the page may wait before it needs attention.
    public var grace: Int
    /// Seconds since the page while it waits; nil once acknowledged.
    public var waiting: Int?

    /// Seconds past the grace while the page waits (0 or more once overdue); nil otherwise.
    public var overdue: Int? {
        guard let waiting, waiting > grace else { return nil }
        return waiting - grace
    }

    /// The latest page of every paged contact, in the runbook's order of contacts.
    static func all(runbook: Runbook, state: IncidentState, at now: Instant) -> [PageStatus] {
        guard !state.pages.isEmpty else { return [] }
        var latest: [String: Page] = [:]
        for page in state.pages where page.at <= now { latest[page.contact] = page }
        return runbook.contacts.compactMap { contact in
            guard let page = latest[contact.id] else { return nil }
            let answered = page.acknowledgedAt.flatMap { $0 <= now ? $0 : nil }
            return PageStatus(id: contact.id, role: contact.role, person: page.person, target: page.target, pagedAt: page.at,
                              acknowledgedAt: answered, grace: contact.ackGrace,
                              waiting: answered == nil ? max(0, now.seconds(since: page.at)) : nil)
        }
    }
}
