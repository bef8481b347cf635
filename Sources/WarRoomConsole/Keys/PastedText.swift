/// Pasted text made safe to insert: line breaks kept (`\r\n` and `\r` become `\n`), a tab
/// becomes a space, and every other control character (ESC, C1 controls, DEL) and
/// bidirectional override is written out in caret or `U+` form, so a paste can never act
/// as keys or reach the terminal raw.
public enum PastedText {
    public static func clean(_ text: String) -> String {
        var out = ""
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar.value {
            case 0x0D: out.append("\n")
            case 0x0A: if !previousWasCR { out.append("\n") }
            case 0x09: out.append(" ")
            case 0x00..<0x20: out += "^" + String(Character(Unicode.Scalar(UInt8(scalar.value) + 0x40)))
            case 0x7F: out += "^?"
            case 0x80..<0xA0, 0x202A...0x202E, 0x2066...0x2069:
                out += "U+" + String(scalar.value, radix: 16, uppercase: true)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
