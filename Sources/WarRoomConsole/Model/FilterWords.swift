import WarRoomEngine

/// A pane's filter as it is matched: case-insensitive, every word of it appearing in the
/// item's fields joined by spaces. Read once per filter, not once per item: the timeline of a
/// journal's twentieth hour tests a million events against it.
struct FilterWords {
    /// The filter lowered.
    let lowered: String
    /// Its words, lowered.
    let words: [Substring]
    /// The words' bytes, when every word is ASCII (matched byte by byte in ASCII text).
    private let asciiWords: [[UInt8]]?

    init(_ filter: String) {
        lowered = filter.lowercased()
        words = lowered.split(separator: " ")
        asciiWords = words.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } } ? words.map { Array($0.utf8) } : nil
    }

    /// Whether every word appears in `fields` joined by spaces, ignoring case.
    func match(_ fields: [String]) -> Bool {
        let haystack = fields.joined(separator: " ")
        if let asciiWords, let bytes = Self.loweredASCII(haystack) {
            var certain = true
            for word in asciiWords {
                switch Self.find(word, in: bytes) {
                case .absent: return false
                case .present: continue
                case .uncertain: certain = false
                }
            }
            if certain { return true }
        }
        let lowered = haystack.lowercased()
        return words.allSatisfy { lowered.contains($0) }
    }

    /// Whether everything this filter matches, `earlier` matches too: this filter is
    /// `earlier` with more typed after it, so each of `earlier`'s words lies within one of
    /// this filter's words. Only for ASCII filters, where a byte is a character (a letter
    /// typed after "e" can be an accent that makes "é", which does not contain "e").
    func narrows(_ earlier: String) -> Bool {
        guard asciiWords != nil, earlier.utf8.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: "\r") }),
              !lowered.utf8.contains(UInt8(ascii: "\r")) else { return false }
        return lowered.utf8.starts(with: earlier.lowercased().utf8)
    }

    /// `text`'s bytes with A–Z lowered (other bytes as they are); nil when the text holds a
    /// carriage return ("\r\n" is one character) or one of the two letters whose lower case
    /// has an ASCII letter in it (U+0130 İ, U+212A Kelvin sign), which only lowering the whole
    /// text finds.
    private static func loweredASCII(_ text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            guard byte != UInt8(ascii: "\r") else { return nil }
            bytes.append(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte)
        }
        if bytes.contains(where: { $0 >= 0x80 }) {
            if contains(bytes, [0xC4, 0xB0]) || contains(bytes, [0xE2, 0x84, 0xAA]) { return nil }
        }
        return bytes
    }

    /// Whether an ASCII word is in lowered text as characters.
    private enum Found { case absent, present, uncertain }

    /// An ASCII word among ASCII bytes is a run of whole characters; next to a byte of another
    /// character it may not be (an accent after it makes another character), so only lowering
    /// the whole text can tell.
    private static func find(_ word: [UInt8], in bytes: [UInt8]) -> Found {
        var found = Found.absent
        var from = 0
        while let start = firstIndex(of: word, in: bytes, from: from) {
            let end = start + word.count
            if (start == 0 || bytes[start - 1] < 0x80) && (end == bytes.count || bytes[end] < 0x80) { return .present }
            found = .uncertain
            from = start + 1
        }
        return found
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        firstIndex(of: needle, in: haystack, from: 0) != nil
    }

    /// Where `needle` first occurs in `haystack` at or after `from`.
    private static func firstIndex(of needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        needle.withUnsafeBufferPointer { pattern in
            haystack.withUnsafeBufferPointer { bytes in ByteSearch.firstOffset(of: pattern, in: bytes, from: from) }
        }
    }
}
