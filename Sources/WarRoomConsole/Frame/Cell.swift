/// One terminal cell of a `Frame`: a grapheme, how many columns it takes, and its role.
///
/// A wide grapheme (CJK, most emoji) takes two columns: its cell has `width` 2 and the cell
/// to its right is a continuation with `width` 0 and an empty grapheme.
public struct Cell: Sendable, Hashable {
    public var grapheme: String
    public var width: Int
    public var role: StyleRole

    public init(grapheme: String, width: Int, role: StyleRole) {
        self.grapheme = grapheme
        self.width = width
        self.role = role
    }

    /// A blank cell of a role.
    public static func blank(_ role: StyleRole = .normal) -> Cell { Cell(grapheme: " ", width: 1, role: role) }

    /// The right half of a wide grapheme.
    static func continuation(_ role: StyleRole) -> Cell { Cell(grapheme: "", width: 0, role: role) }
}
