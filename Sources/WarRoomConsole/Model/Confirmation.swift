import WarRoomEngine

/// A question the console asks before something irreversible or surprising: one key
/// confirms, Esc / `n` / Enter cancel (the default is always the safe answer), and every
/// other key is ignored while it is open.
public struct Confirmation: Sendable, Hashable {
    /// What confirming does.
    public enum Next: Sendable, Hashable {
        /// Submit these commands.
        case submit([Command])
        /// Open this prompt (a reason or an outcome is still needed).
        case entry(TextEntry)
    }

    /// The action whose key opened it (for the key table and the property test).
    public var origin: ConsoleAction
    public var title: String
    /// Lines of explanation: what will happen, who must approve.
    public var lines: [String]
    /// The key that confirms (`y`, or `o` to override) and what it is called.
    public var confirmKey: Character
    public var confirmLabel: String
    public var next: Next

    public init(_ origin: ConsoleAction, title: String, lines: [String] = [], confirmKey: Character = "y", confirmLabel: String, next: Next) {
        self.origin = origin
        self.title = title
        self.lines = lines
        self.confirmKey = confirmKey
        self.confirmLabel = confirmLabel
        self.next = next
    }
}
