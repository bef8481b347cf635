import WarRoomConsole

/// A theme resolved for one terminal: for each style role, the colour pair number and the
/// attributes to draw it with. Pure, so it can be tested without a terminal; the session
/// registers the pairs with ncurses.
public struct StylePalette: Sendable {
    /// One colour pair: foreground and background colour numbers, -1 for the terminal default.
    public struct Pair: Sendable, Hashable {
        public var foreground: Int
        public var background: Int
    }

    /// The pairs to register, numbered from 1 in order.
    public private(set) var pairs: [Pair] = []
    private var roles: [StyleRole: (pair: Int, attributes: Set<TextAttribute>)] = [:]

    public init(theme: Theme, mode: ColourMode) {
        var numbers: [Pair: Int] = [:]
        for role in StyleRole.allCases {
            let style = theme.style(role)
            let pair: Pair?
            switch mode {
            case .none: pair = nil
            case .eight: pair = Pair(foreground: Self.number(style.foreground8), background: Self.number(style.background8))
            case .full: pair = Pair(foreground: Self.number(style.foreground), background: Self.number(style.background))
            }
            var number = 0
            if let pair, pair != Pair(foreground: -1, background: -1) {
                if let existing = numbers[pair] {
                    number = existing
                } else {
                    pairs.append(pair)
                    number = pairs.count
                    numbers[pair] = number
                }
            }
            roles[role] = (number, style.attributes)
        }
    }

    /// The colour pair number of a role (0: the terminal's default colours).
    public func pair(_ role: StyleRole) -> Int { roles[role]?.pair ?? 0 }

    /// The attributes of a role.
    public func attributes(_ role: StyleRole) -> Set<TextAttribute> { roles[role]?.attributes ?? [] }

    private static func number(_ colour: TerminalColour) -> Int {
        switch colour {
        case .terminalDefault: return -1
        case .index(let index): return index
        }
    }
}
