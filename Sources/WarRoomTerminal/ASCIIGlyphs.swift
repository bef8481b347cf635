/// Stand-ins for the console's non-ASCII glyphs on a terminal whose locale is not UTF-8,
/// so it draws plain characters instead of garbage.
public enum ASCIIGlyphs {
    private static let table: [String: String] = [
        "─": "-", "━": "=", "═": "=", "│": "|", "┃": "|", "║": "|",
        "┌": "+", "┐": "+", "└": "+", "┘": "+", "├": "+", "┤": "+", "┬": "+", "┴": "+", "┼": "+",
        "╭": "+", "╮": "+", "╰": "+", "╯": "+",
        "▶": ">", "▸": ">", "►": ">", "◀": "<", "▼": "v", "▲": "^", "→": ">", "←": "<", "↑": "^", "↓": "v",
        "✓": "v", "✔": "v", "✗": "x", "✘": "x", "●": "*", "○": "o", "◆": "*", "◇": "o", "■": "#", "□": "o",
        "☐": "o", "☑": "x", "☎": "@", "⏱": "T", "✉": "M", "⚑": "!", "⇄": "/", "⏸": "P", "┄": "-", "▏": "|", "…": "...", "·": ".", "•": "*", "⚠": "!", "█": "#", "▓": "#", "▒": ":", "░": ".",
        "—": "-", "–": "-", "“": "\"", "”": "\"", "‘": "'", "’": "'",
    ]

    /// The ASCII stand-in of a grapheme that fits its columns: the table's, else `?`
    /// (or `??` for a wide grapheme) for anything beyond ASCII.
    public static func fallback(_ grapheme: String, width: Int) -> String {
        if grapheme.unicodeScalars.allSatisfy(\.isASCII) { return grapheme }
        if let replacement = table[grapheme], replacement.count == width { return replacement }
        if let replacement = table[grapheme], width == 1 { return String(replacement.prefix(1)) }
        return String(repeating: "?", count: max(1, width))
    }
}
