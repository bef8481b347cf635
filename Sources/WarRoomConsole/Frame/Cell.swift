/// One terminal cell of a `Frame`: a grapheme, how many columns it takes, and its role.
///
/// A wide grapheme (CJK, most emoji) takes two columns: its cell has `width` 2 and the cell
/// to its right is a continuation with `width` 0 and an empty grapheme.
///
/// Stored as plain data — up to four Unicode scalars inline, width and role as bytes — so a
/// frame of thousands of cells is built, copied and compared without reference counting.
/// Longer clusters (rare: some emoji sequences) keep their first four scalars.
public struct Cell: Sendable, Hashable {
    private var scalar0: UInt32
    private var scalar1: UInt32 = 0
    private var scalar2: UInt32 = 0
    private var scalar3: UInt32 = 0
    private var columns: UInt8
    public var role: StyleRole
    /// Fills the cell's last two bytes, so a cell has no padding and rows of cells compare
    /// as bytes (`Frame.forEachCell`). Always zero.
    private var reserved: UInt16 = 0

    /// The most scalars a cell keeps.
    public static let maximumScalars = 4

    public init(grapheme: String, width: Int, role: StyleRole) {
        self.init(grapheme: grapheme.unicodeScalars, width: width, role: role)
    }

    /// A cell of a grapheme's scalars (its first four), with no intermediate array.
    init<Scalars: Sequence<Unicode.Scalar>>(grapheme scalars: Scalars, width: Int, role: StyleRole) {
        scalar0 = 0
        columns = UInt8(clamping: width)
        self.role = role
        var count = 0
        for scalar in scalars {
            switch count {
            case 0: scalar0 = scalar.value
            case 1: scalar1 = scalar.value
            case 2: scalar2 = scalar.value
            case 3: scalar3 = scalar.value
            default: return
            }
            count += 1
        }
    }

    /// A cell of one scalar: the common case, with no string in between.
    public init(scalar: Unicode.Scalar, width: Int, role: StyleRole) {
        scalar0 = scalar.value
        columns = UInt8(clamping: width)
        self.role = role
    }

    /// Columns taken: 1, 2 for a wide grapheme, 0 for the continuation of one.
    public var width: Int { Int(columns) }

    /// The grapheme's scalar values, zero after the last (all zero for a continuation):
    /// what a terminal layer copies into a wide-character string without allocating.
    public var scalarValues: (UInt32, UInt32, UInt32, UInt32) { (scalar0, scalar1, scalar2, scalar3) }

    /// Whether the grapheme is one ASCII character.
    public var isASCII: Bool { scalar0 < 0x80 && scalar1 == 0 }

    /// The grapheme's scalars.
    public var scalars: [Unicode.Scalar] {
        [scalar0, scalar1, scalar2, scalar3].prefix { $0 != 0 }.compactMap(Unicode.Scalar.init)
    }

    /// The grapheme as text ("" for a continuation).
    public var grapheme: String {
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars)
        return String(text)
    }

    /// Adds a combining mark or joiner to the grapheme, if there is room.
    mutating func append(_ scalar: Unicode.Scalar) {
        if scalar1 == 0 { scalar1 = scalar.value } else if scalar2 == 0 { scalar2 = scalar.value } else if scalar3 == 0 { scalar3 = scalar.value }
    }

    /// A blank cell of a role.
    public static func blank(_ role: StyleRole = .normal) -> Cell { Cell(scalar: " ", width: 1, role: role) }

    /// The right half of a wide grapheme.
    static func continuation(_ role: StyleRole) -> Cell {
        Cell(grapheme: EmptyCollection(), width: 0, role: role)
    }
}
