import WarRoomEngine

/// Where each attention item points in the console: the pane a commander goes to to act on
/// it, so tabs and pane titles can carry a badge with the count.
enum AttentionBadges {
    static func pane(of item: AttentionItem) -> PaneKind {
        switch item.kind {
        case .updateOverdue: return .comms
        case .decisionLate: return .tree
        case .pageUnanswered: return .contacts
        case .rtoBreached, .rtoForecastMissed, .deadlineMissed, .stepOverrun, .approvalMissing: return .checklist
        }
    }

    /// How many items point at each pane.
    static func counts(_ items: [AttentionItem]) -> [PaneKind: Int] {
        items.reduce(into: [:]) { $0[pane(of: $1), default: 0] += 1 }
    }

    /// A pane's title with its badge: "Comms ⚠2".
    static func title(_ pane: PaneKind, counts: [PaneKind: Int]) -> String {
        guard let count = counts[pane], count > 0 else { return pane.title }
        return "\(pane.title) ⚠\(count)"
    }
}
