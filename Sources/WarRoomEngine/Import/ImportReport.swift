import Foundation

/// What an import placed and what it could not, with the source lines.
public struct ImportReport: Sendable, Hashable {
    /// A block of the source that was not placed anywhere in the runbook.
    public struct Unplaced: Sendable, Hashable {
        public var line: Int
        public var excerpt: String
    }

    /// How many items of one kind were placed.
    public struct Count: Sendable, Hashable {
        public var kind: String
        public var count: Int
    }

    public var document: String
    public var repairedLines = 0
    public var placed: [Count] = []
    public var unplaced: [Unplaced] = []
    /// Interpretations the importer made, each naming its line.
    public var notes: [String] = []
    /// Why the document made no runbook, when it did not.
    public var refusal: String?

    /// The report as text for a terminal or a file; every string is sanitised.
    public var text: String {
        var lines = [refusal == nil ? "Imported \(TextSanitizer.line(document))" : "Refused \(TextSanitizer.line(document))"]
        if let refusal { lines.append("  " + TextSanitizer.line(refusal)) }
        if repairedLines > 0 { lines.append("  repaired mis-encoded text on \(repairedLines) lines") }
        lines.append("Placed:")
        for entry in placed { lines.append("  \(entry.kind): \(entry.count)") }
        if !notes.isEmpty {
            lines.append("Interpretations (\(notes.count)):")
            lines += notes.map { "  " + TextSanitizer.line($0) }
        }
        lines.append("Not placed (\(unplaced.count)):")
        lines += unplaced.map { "  line \($0.line): " + TextSanitizer.line($0.excerpt) }
        return lines.joined(separator: "\n") + "\n"
    }
}
