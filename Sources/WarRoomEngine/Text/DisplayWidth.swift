/// How many terminal columns text takes: wide (CJK, most emoji) characters take two,
/// combining marks and zero-width characters none.
public enum DisplayWidth {
    /// Columns taken by `text` (assumed sanitised: no control characters).
    public static func of(_ text: String) -> Int {
        if isPrintableASCII(text) { return text.utf8.count }
        // Symbols and Latin letters that stand alone (·, ✓, ▶, █, é): a scalar is a
        // grapheme, so its width is the text's share, without grapheme segmentation.
        var columns = 0
        for scalar in text.unicodeScalars {
            guard standsAlone(scalar) else { return text.reduce(0) { $0 + of($1) } }
            columns += of(scalar)
        }
        return columns
    }

    /// Whether every byte of `text` is printable ASCII: one column a byte, no segmentation.
    @inlinable
    public static func isPrintableASCII(_ text: String) -> Bool {
        // Over the contiguous bytes when the string has them (native strings do): several
        // times faster than the view's iterator, and called for every cell and report row.
        if let printable = text.utf8.withContiguousStorageIfAvailable({ bytes in bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F } }) {
            return printable
        }
        return text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    /// Columns taken by one grapheme.
    public static func of(_ character: Character) -> Int {
        // Printable ASCII (most of what runbooks hold) is one column: skip the Unicode tables.
        if let ascii = character.asciiValue, ascii >= 0x20, ascii < 0x7F { return 1 }
        guard let first = character.unicodeScalars.first else { return 0 }
        if character.unicodeScalars.count > 1,
           character.unicodeScalars.contains(where: { $0.value == 0xFE0F || $0.properties.isEmojiPresentation }) {
            return 2
        }
        return of(first)
    }

    /// Whether a scalar is always a grapheme of its own, neither joining nor joined by the
    /// scalars around it: printable ASCII, Latin-1 letters and signs, and the symbol blocks a
    /// console draws with (punctuation, arrows, technical and geometric symbols, box drawing,
    /// dingbats). None of them is a combining mark, joiner, variation selector or format
    /// character, so text made only of them can be drawn a scalar at a time.
    public static func standsAlone(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20..<0x7F, 0xA1...0xAC, 0xAE...0x2FF, 0x2010...0x2027, 0x2030...0x205E, 0x2190...0x23FF, 0x2500...0x27BF:
            return true
        default:
            return false
        }
    }

    /// Columns taken by one scalar on its own.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value >= 0x20, value < 0x7F { return 1 }
        // Latin-1 and the other Latin letters and signs before the combining marks are one
        // column (but the soft hyphen, a format character, is none).
        if value >= 0xA0, value < 0x300 { return value == 0xAD ? 0 : 1 }
        // Punctuation, arrows, technical symbols, box drawing, shapes and dingbats (glyphs
        // drawn on every frame): one table lookup instead of the Unicode property tables.
        if symbolRange.contains(value) { return Int(symbolWidths[Int(value - symbolRange.lowerBound)]) }
        return measured(scalar)
    }

    /// The symbol blocks whose widths are looked up in `symbolWidths`.
    private static let symbolRange: Range<UInt32> = 0x2000..<0x2800
    /// The width of each scalar of `symbolRange`, measured once.
    private static let symbolWidths: [UInt8] = symbolRange.map { value in
        Unicode.Scalar(value).map { UInt8(measured($0)) } ?? 1
    }

    /// Columns taken by one scalar, from the Unicode properties and the wide ranges.
    private static func measured(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value >= 0x20, value < 0x7F { return 1 }
        if value >= 0x2500, value < 0x25FF { return 1 }
        if value == 0 || value == 0x200B || value == 0x200D || value == 0xFE0F { return 0 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if scalar.properties.isEmojiPresentation { return 2 }
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
             0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }

    /// The longest prefix of `text` that fits in `columns`, with `…` when it was cut.
    public static func truncate(_ text: String, to columns: Int) -> String {
        guard columns > 0 else { return "" }
        if isPrintableASCII(text) {
            guard text.utf8.count > columns else { return text }
            return String(decoding: text.utf8.prefix(columns - 1), as: UTF8.self) + "…"
        }
        guard of(text) > columns else { return text }
        if text.unicodeScalars.allSatisfy(standsAlone) {
            var result = String.UnicodeScalarView()
            var used = 0
            for scalar in text.unicodeScalars {
                let width = of(scalar)
                if used + width > columns - 1 { break }
                result.append(scalar)
                used += width
            }
            return String(result) + "…"
        }
        var result = ""
        var used = 0
        for character in text {
            let width = of(character)
            if used + width > columns - 1 { break }
            result.append(character)
            used += width
        }
        return result + "…"
    }

    /// `text` split into lines of at most `columns`, breaking at spaces where it can
    /// (`TextWrap`, the one wrapping routine).
    public static func wrap(_ text: String, to columns: Int) -> [String] {
        guard columns > 0 else { return [text] }
        return TextWrap.lines(text, columns: columns).map(\.text)
    }

    /// `text` padded with spaces to `columns`.
    public static func pad(_ text: String, to columns: Int) -> String {
        text + String(repeating: " ", count: max(0, columns - of(text)))
    }
}
