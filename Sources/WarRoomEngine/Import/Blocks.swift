import Foundation

/// A heading of the source document: Markdown `#`, or a numbered heading of plain text.
public struct SourceHeading: Sendable, Hashable {
    public var level: Int
    public var text: String
    public var line: Int
}

/// A list item: `- x`, `1. x`, `- [ ] x`, with its indentation.
public struct SourceListItem: Sendable, Hashable {
    public var indent: Int
    /// The number of an ordered item (`3.` → 3).
    public var ordinal: Int?
    /// Whether the item is a `[ ]` / `[x]` checkbox.
    public var isCheckbox: Bool
    public var text: String
    public var line: Int
    /// The lines of a wrapped item's continuation (lines right under it, no blank between),
    /// whose text is joined to `text`.
    public var continuation: [Int] = []
}

/// A table: a header row and data rows, each cell with the line it came from.
public struct SourceTable: Sendable, Hashable {
    public var header: [String]
    public var rows: [[String]]
    /// The line of each row's first cell.
    public var rowLines: [Int]
    public var line: Int
    /// Every line the table occupies.
    public var lines: [Int]
}

/// A fenced code block.
public struct CodeBlock: Sendable, Hashable {
    public var info: String
    public var lines: [SourceLine]
    /// The line of the opening fence.
    public var line: Int
    /// The indentation of the opening fence (a block inside a list item is indented with it).
    public var indent: Int = 0
    public var text: String { lines.map(\.text).joined(separator: "\n") }
}

/// A line of running text, with its indentation.
public struct TextLine: Sendable, Hashable {
    public var text: String
    public var indent: Int
    public var line: Int
}

/// One block of the scanned document.
public enum SourceBlock: Sendable, Hashable {
    case heading(SourceHeading)
    case text(TextLine)
    case item(SourceListItem)
    case table(SourceTable)
    case code(CodeBlock)

    /// The first line of the block.
    public var line: Int {
        switch self {
        case .heading(let h): return h.line
        case .text(let t): return t.line
        case .item(let i): return i.line
        case .table(let t): return t.line
        case .code(let c): return c.line
        }
    }

    /// Every source line the block covers.
    public var lines: [Int] {
        switch self {
        case .table(let t): return t.lines
        case .code(let c): return [c.line] + c.lines.map(\.number)
        case .item(let i): return [i.line] + i.continuation
        default: return [line]
        }
    }
}
