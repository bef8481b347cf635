/// A small YAML tree and its text: block mappings and sequences, and scalars quoted so
/// that any string reads back exactly as it was.
indirect enum YAMLValue {
    case string(String)
    /// Written as is: integers.
    case number(Int)
    case list([YAMLValue])
    case map([(String, YAMLValue)])
}

/// Writes `YAMLValue`s as block-style YAML text.
enum YAMLEmitter {
    static func document(_ root: [(String, YAMLValue)]) -> String {
        var out = ""
        writeMap(root, indent: 0, into: &out, inline: false)
        return out
    }

    private static func pad(_ count: Int) -> String { String(repeating: " ", count: count) }

    private static func writeMap(_ pairs: [(String, YAMLValue)], indent: Int, into out: inout String, inline: Bool) {
        for (offset, (key, value)) in pairs.enumerated() {
            if !(inline && offset == 0) { out += pad(indent) }
            out += key + ":"
            writeValue(value, indent: indent, into: &out)
        }
    }

    /// Writes the part after `key:` (or after `- `) for a value whose parent is at `indent`.
    private static func writeValue(_ value: YAMLValue, indent: Int, into out: inout String) {
        switch value {
        case .number(let number): out += " \(number)\n"
        case .string(let text): out += " " + scalar(text, indent: indent) + "\n"
        case .list(let items):
            if items.isEmpty { out += " []\n"; return }
            out += "\n"
            writeList(items, indent: indent + 2, into: &out)
        case .map(let pairs):
            if pairs.isEmpty { out += " {}\n"; return }
            out += "\n"
            writeMap(pairs, indent: indent + 2, into: &out, inline: false)
        }
    }

    private static func writeList(_ items: [YAMLValue], indent: Int, into out: inout String) {
        for item in items {
            out += pad(indent) + "-"
            switch item {
            case .map(let pairs) where !pairs.isEmpty:
                out += " "
                writeMap(pairs, indent: indent + 2, into: &out, inline: true)
            case .list(let inner) where !inner.isEmpty:
                out += "\n"
                writeList(inner, indent: indent + 2, into: &out)
            default:
                writeValue(item, indent: indent, into: &out)
            }
        }
    }

    // MARK: - Scalars

    private static let reserved: Set<String> = ["y", "n", "yes", "no", "true", "false", "on", "off", "null", "~"]

    /// A scalar as plain text when that is unambiguous, as a literal block for multi-line
    /// text, and double-quoted otherwise.
    static func scalar(_ text: String, indent: Int) -> String {
        if isPlainSafe(text) { return text }
        if text.contains("\n"), let block = literalBlock(text, indent: indent) { return block }
        return doubleQuoted(text)
    }

    static func isPlainSafe(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last, text.count <= 200 else { return false }
        guard CharacterClass.isASCIILetter(first), last != " ", last != ":" else { return false }
        guard !reserved.contains(text.lowercased()) else { return false }
        if text.contains(": ") || text.contains(" #") { return false }
        return text.unicodeScalars.allSatisfy { scalar in
            CharacterClass.isASCIILetter(scalar) || CharacterClass.isASCIIDigit(scalar) || " _.,()/'+-".unicodeScalars.contains(scalar)
        }
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029 || value == 0xFEFF
            || (0xD800...0xDFFF).contains(value) || value == 0xFFFE || value == 0xFFFF
    }

    /// `|-` with the content two spaces in; nil when a literal block could not hold the
    /// text exactly (control characters, a trailing newline, whitespace-only lines).
    static func literalBlock(_ text: String, indent: Int) -> String? {
        guard !text.hasSuffix("\n"), !text.hasPrefix("\n") else { return nil }
        for scalar in text.unicodeScalars where scalar != "\n" && scalar != "\t" && needsEscape(scalar) { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for line in lines where !line.isEmpty && line.allSatisfy({ $0 == " " || $0 == "\t" }) { return nil }
        let indicator = (lines.first?.first == " " || lines.first?.first == "\t") ? "2" : ""
        let contentIndent = pad(indent + 2)
        return "|\(indicator)-\n" + lines.map { $0.isEmpty ? "" : contentIndent + $0 }.joined(separator: "\n")
    }

    static func doubleQuoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if needsEscape(scalar) {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
