import WarRoomEngine

/// How the console asks for attention when something new needs a human (an update falls
/// overdue, a step overruns, the RTO is breached): not at all (the default), the terminal
/// bell, or a flash of the screen. Chosen with `--alert` or the `WARROOM_ALERT` setting.
public enum AttentionAlert: String, Sendable, Hashable, CaseIterable {
    case off, bell, flash

    /// The choice from the flag, else the environment's `WARROOM_ALERT`, else off; nil when
    /// a value is not one of the three.
    public static func choose(flag: String?, environment: [String: String]) -> AttentionAlert? {
        guard let raw = flag ?? environment["WARROOM_ALERT"].flatMap({ $0.isEmpty ? nil : $0 }) else { return .off }
        return AttentionAlert(rawValue: raw.lowercased())
    }
}

/// Remembers which attention items were already there, so an alert sounds once when an
/// item appears and not on every frame while it stays (nor for what was there at start).
public struct AttentionWatch: Sendable {
    private var known: Set<String>?

    public init() {}

    /// Whether `items` hold one that was not there the last time.
    public mutating func somethingNew(in items: [AttentionItem]) -> Bool {
        let ids = Set(items.map(\.id))
        defer { known = ids }
        guard let known else { return false }
        return !ids.subtracting(known).isEmpty
    }
}
