/// A position in a source file: line and column, both from 1 (columns count characters).
public struct SourceMark: Sendable, Hashable, Comparable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourceMark, rhs: SourceMark) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}

/// A composed YAML node with the position it started at. Scalars stay strings: the
/// runbook decoder, not the YAML resolver, decides what a value means, so `No`, `1.0`
/// and `2025-07-15` stay as written.
package struct YAMLNode: Sendable {
    package enum Content: Sendable {
        case scalar(String, plain: Bool)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }

    package var content: Content
    package var mark: SourceMark

    /// Whether this is an empty plain scalar, `~` or `null`: YAML's way of writing "nothing".
    package var isNull: Bool {
        if case .scalar(let value, plain: true) = content {
            return value.isEmpty || value == "~" || value == "null" || value == "Null" || value == "NULL"
        }
        return false
    }

    /// "a list", "a mapping", "text": for messages about what was found.
    package var kindDescription: String {
        switch content {
        case .scalar: return isNull ? "nothing" : "text"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }
}

/// One key and value of a YAML mapping.
package struct YAMLPair: Sendable {
    package var key: YAMLNode
    package var value: YAMLNode
}
