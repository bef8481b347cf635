extension UInt8 {
    /// The byte as two uppercase hex digits, as error messages name a bad byte: `0A`, `E9`.
    var hexDigits: String {
        let hex = String(self, radix: 16, uppercase: true)
        return hex.count == 1 ? "0" + hex : hex
    }
}

/// A literal search of bytes in bytes, for text searched as UTF-8 without Foundation (which
/// is slow on Linux): the importer's Markdown and the console's filters.
public enum ByteSearch {
    /// Where `pattern` first occurs in `haystack` at or after `start` (`start` itself for an
    /// empty pattern); nil when it does not.
    public static func firstOffset(of pattern: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let first = pattern.first, haystack.count >= pattern.count else { return pattern.isEmpty ? start : nil }
        var index = start
        let last = haystack.count - pattern.count
        while index <= last {
            if haystack[index] == first {
                var matched = 1
                while matched < pattern.count, haystack[index + matched] == pattern[matched] { matched += 1 }
                if matched == pattern.count { return index }
            }
            index += 1
        }
        return nil
    }
}
