/// How much colour the terminal gets: decided once at start from the terminal and `NO_COLOR`.
public enum ColourMode: Sendable, Hashable {
    /// Attributes only (`NO_COLOR`, monochrome terminals, `--theme monochrome`).
    case none
    /// The eight base colours.
    case eight
    /// The 256-colour palette.
    case full

    /// The mode for a terminal with `colours` colours, honouring `NO_COLOR` (any non-empty value).
    public static func detect(terminalColours colours: Int, hasColours: Bool, environment: [String: String]) -> ColourMode {
        if let noColour = environment["NO_COLOR"], !noColour.isEmpty { return .none }
        guard hasColours, colours >= 8 else { return .none }
        return colours >= 256 ? .full : .eight
    }
}
