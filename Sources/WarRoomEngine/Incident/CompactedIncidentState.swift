/// An `IncidentState` with history dropped that gives the full state's figures only from
/// `validFrom` on (`StatusLineState` for the status line, `LiveState` for the console).
public protocol CompactedIncidentState: Sendable, Hashable {
    /// The compacted state.
    var state: IncidentState { get }
    /// The earliest instant whose figures `state` gives; nil when nothing that depends on
    /// the instant was dropped.
    var validFrom: Instant? { get }
}

extension CompactedIncidentState {
    /// Whether `state` gives the full state's figures at `now`.
    public func covers(_ now: Instant) -> Bool { validFrom.map { now >= $0 } ?? true }
}

extension IncidentState {
    /// Drops every page but each contact's latest ones (those within `margin` seconds of its
    /// latest page); `validFrom` becomes the earliest kept page of a contact that had others
    /// dropped, when that is later. A page's status and an acknowledgement read only the
    /// latest page of a contact at or before the instant.
    mutating func keepLatestPages(within margin: Int = 0, validFrom: inout Instant?) {
        var latest: [String: Instant] = [:]
        for page in pages { latest[page.contact] = max(latest[page.contact] ?? page.at, page.at) }
        var earliestKept: [String: Instant] = [:], dropped: Set<String> = []
        var kept: [Page] = []
        for page in pages {
            guard let last = latest[page.contact], page.at >= last.adding(seconds: -margin) else {
                dropped.insert(page.contact)
                continue
            }
            kept.append(page)
            earliestKept[page.contact] = min(earliestKept[page.contact] ?? page.at, page.at)
        }
        guard !dropped.isEmpty else { return }
        for contact in dropped {
            guard let at = earliestKept[contact] else { continue }
            validFrom = max(validFrom ?? at, at)
        }
        pages = kept
    }

    /// Drops, per audience, every update sent but those within `margin` seconds of its
    /// latest one (with no margin, one update at the latest instant); `validFrom` becomes the
    /// earliest kept update of an audience that had others dropped, when that is later. The
    /// schedule (`CommsSchedule`) settles everything outstanding at each update sent and
    /// starts the cadence again from it, so what falls due after the earliest kept update
    /// does not depend on the ones before it.
    mutating func keepLatestSends(within margin: Int = 0, validFrom: inout Instant?) {
        for (audience, sent) in communications where sent.count > 1 {
            guard let latest = sent.max(by: { $0.at < $1.at }) else { continue }
            let kept = margin == 0 ? [latest] : sent.filter { $0.at >= latest.at.adding(seconds: -margin) }
            guard kept.count < sent.count, let earliest = kept.min(by: { $0.at < $1.at }) else { continue }
            communications[audience] = kept
            validFrom = max(validFrom ?? earliest.at, earliest.at)
        }
    }
}
