/// How each style role looks: colours for 256-colour and 8-colour terminals, and attributes
/// that carry the meaning on their own when there is no colour (`NO_COLOR`, monochrome
/// terminals, colour-blind operators).
public struct Theme: Sendable, Hashable {
    public var name: String
    public var description: String?
    /// One style per role; a loaded theme always maps every role.
    public var styles: [StyleRole: Style]

    public init(name: String, description: String? = nil, styles: [StyleRole: Style]) {
        self.name = name
        self.description = description
        self.styles = styles
    }

    /// The style of a role (plain when a hand-built theme left it out).
    public func style(_ role: StyleRole) -> Style { styles[role] ?? Style() }
}

/// The look of one role.
public struct Style: Sendable, Hashable {
    /// Colours on a 256-colour terminal.
    public var foreground: TerminalColour
    public var background: TerminalColour
    /// Colours on an 8-colour terminal (the first eight indexes).
    public var foreground8: TerminalColour
    public var background8: TerminalColour
    /// Attributes, kept on every terminal, with or without colour.
    public var attributes: Set<TextAttribute>

    public init(foreground: TerminalColour = .terminalDefault, background: TerminalColour = .terminalDefault,
                foreground8: TerminalColour = .terminalDefault, background8: TerminalColour = .terminalDefault,
                attributes: Set<TextAttribute> = []) {
        self.foreground = foreground
        self.background = background
        self.foreground8 = foreground8
        self.background8 = background8
        self.attributes = attributes
    }
}

/// A terminal colour: the terminal's own default, or an index into its palette.
public enum TerminalColour: Sendable, Hashable {
    case terminalDefault
    /// 0–7 are black, red, green, yellow, blue, magenta, cyan, white; 8–255 the extended palette.
    case index(Int)

    /// The eight colours every colour terminal has, by name.
    public static let named: [String: Int] = [
        "black": 0, "red": 1, "green": 2, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6, "white": 7,
    ]
}

/// A text attribute a terminal can show without colour.
public enum TextAttribute: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    case bold, dim, italic, underline, reverse, standout

    public static func < (lhs: TextAttribute, rhs: TextAttribute) -> Bool { lhs.rawValue < rhs.rawValue }
}
