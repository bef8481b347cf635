/// Makes untrusted text (from runbooks and journals) safe to put on a terminal.
///
/// Terminals act on control characters: `\r` and `\b` overwrite what an operator reads,
/// ESC starts escape sequences, and bidirectional overrides (U+202A–202E, U+2066–2069)
/// reorder it. Every C0 control, DEL, C1 control and bidi control is shown escaped
/// instead: C0 and DEL in caret notation (`^[`, `^M`, `^?`), the others as `<U+202E>`.
public enum TextSanitizer {
    /// One line of text: newlines and tabs are escaped too (`^J`, `^I`).
    public static func line(_ text: String) -> String {
        sanitize(text, keepNewlines: false)
    }

    /// A block of text: newlines are kept, tabs become spaces, everything else is escaped.
    public static func block(_ text: String) -> String {
        sanitize(text, keepNewlines: true)
    }

    /// Whether the text would change when sanitised.
    public static func isClean(_ text: String) -> Bool {
        if DisplayWidth.isPrintableASCII(text) { return true }
        return !text.unicodeScalars.contains { isControl($0) }
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F, 0x80...0x9F, 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return true
        default: return false
        }
    }

    private static func sanitize(_ text: String, keepNewlines: Bool) -> String {
        guard !isClean(text) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard isControl(scalar) else {
                result.append(scalar)
                continue
            }
            if keepNewlines, scalar == "\n" {
                result.append(scalar)
            } else if keepNewlines, scalar == "\t" {
                result.append(contentsOf: "    ".unicodeScalars)
            } else if scalar.value < 0x20 {
                result.append("^")
                result.append(Unicode.Scalar(UInt8(scalar.value) + 0x40))
            } else if scalar.value == 0x7F {
                result.append(contentsOf: "^?".unicodeScalars)
            } else {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result.append(contentsOf: "<U+\(String(repeating: "0", count: max(0, 4 - hex.count)))\(hex)>".unicodeScalars)
            }
        }
        return String(result)
    }
}
