/// A small YAML tree and its text: block mappings and sequences, and scalars quoted so
/// that any string reads back exactly as it was.
enum YAMLValue {
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

    private static let pads: [String] = (0...64).map { String(repeating: " ", count: $0) }
    private static func pad(_ count: Int) -> String { count < pads.count ? pads[count] : String(repeating: " ", count: count) }

    private static func writeMap(_ pairs: [(String, YAMLValue)], indent: Int, into out: inout String, inline: Bool) {
        for (offset, (key, value)) in pairs.enumerated() {
            if !(inline && offset == 0) { out += pad(indent) }
            out += key
            out += ":"
            writeValue(value, indent: indent, into: &out)
        }
    }

    /// Writes the part after `key:` (or after `- `) for a value whose parent is at `indent`.
    private static func writeValue(_ value: YAMLValue, indent: Int, into out: inout String) {
        switch value {
        case .number(let number): out += " \(number)\n"
        case .string(let text):
            out += " "
            writeScalar(text, indent: indent, into: &out)
            out += "\n"
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
            out += pad(indent)
            out += "-"
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
        var out = ""
        writeScalar(text, indent: indent, into: &out)
        return out
    }

    /// Appends the scalar to `out` without building it apart first.
    static func writeScalar(_ text: String, indent: Int, into out: inout String) {
        if isPlainSafe(text) { out += text; return }
        if text.utf8.contains(0x0A), let block = literalBlock(text, indent: indent) { out += block; return }
        if isQuotable(text) {
            out += "\""
            out += text
            out += "\""
            return
        }
        out += doubleQuoted(text)
    }

    /// Whether the text can go between double quotes as it is: no quote, backslash or
    /// character that needs an escape.
    static func isQuotable(_ text: String) -> Bool {
        var multibyte = false
        for byte in text.utf8 {
            if byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F { return false }
            if byte >= 0x80 { multibyte = true }
        }
        return !multibyte || !text.unicodeScalars.contains(where: { $0.value >= 0x80 && needsEscape($0) })
    }

    /// Letters, digits and ` _.,()/'+-` only, starting with a letter, not ending in a space,
    /// and not a word YAML reads as something else (`yes`, `null`).
    static func isPlainSafe(_ text: String) -> Bool {
        let bytes = text.utf8
        guard let first = bytes.first, let last = bytes.last, bytes.count <= 200 else { return false }
        let isLetter = { (byte: UInt8) in (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }
        guard isLetter(first), last != UInt8(ascii: " ") else { return false }
        for byte in bytes {
            guard isLetter(byte) || (0x30...0x39).contains(byte) || plainPunctuation.contains(byte) else { return false }
        }
        return bytes.count > 5 || !reserved.contains(text.lowercased())
    }

    private static let plainPunctuation: Set<UInt8> = Set(" _.,()/'+-".utf8)

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        // Bidirectional controls (U+202E …) are escaped too: they would reorder the YAML on a terminal.
        return value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029 || value == 0xFEFF
            || (0xD800...0xDFFF).contains(value) || value == 0xFFFE || value == 0xFFFF || TextSanitizer.isControl(scalar)
    }

    /// `|-` with the content two spaces in; nil when a literal block could not hold the
    /// text exactly (control characters, a trailing newline, whitespace-only lines).
    static func literalBlock(_ text: String, indent: Int) -> String? {
        guard !text.hasSuffix("\n"), !text.hasPrefix("\n") else { return nil }
        var lines: [Substring.UTF8View] = []
        let bytes = text.utf8
        var start = bytes.startIndex
        var index = bytes.startIndex
        var blankSoFar = true
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == 0x0A {
                if blankSoFar, index > start { return nil }   // a whitespace-only line
                lines.append(Substring(text)[start..<index].utf8)
                start = bytes.index(after: index)
                blankSoFar = true
            } else {
                if byte < 0x20 && byte != 0x09 || byte == 0x7F { return nil }
                if byte != 0x20 && byte != 0x09 { blankSoFar = false }
            }
            index = bytes.index(after: index)
        }
        if blankSoFar, index > start { return nil }
        lines.append(Substring(text)[start..<index].utf8)
        // Non-ASCII that a literal block cannot hold raw (C1 controls, line separators, BOM).
        if text.unicodeScalars.contains(where: { $0.value >= 0x80 && needsEscape($0) }) { return nil }
        let first = lines.first?.first
        let indicator = first == 0x20 || first == 0x09 ? "2" : ""
        let contentIndent = pad(indent + 2)
        var out = "|\(indicator)-"
        for line in lines {
            out += "\n"
            if !line.isEmpty {
                out += contentIndent
                out += String(Substring(line))
            }
        }
        return out
    }

    static func doubleQuoted(_ text: String) -> String {
        if isQuotable(text) { return "\"" + text + "\"" }
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
