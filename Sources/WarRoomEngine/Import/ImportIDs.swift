import Foundation

/// Makes ids from titles: slugs, cut at a word boundary, made unique within their kind with
/// `-2`, `-3`. The same document always gives the same ids.
public struct ImportIDs: Sendable {
    private var taken: [String: Set<String>] = [:]
    /// The next counter to try per kind and base, so repeated titles stay linear.
    private var next: [String: Int] = [:]

    public init() {}

    /// `RunbookID.slug`, on bytes for ASCII titles (the common case), the same result.
    static func slug(_ text: String, fallback: String) -> String {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return RunbookID.slug(text, fallback: fallback) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            let lower = (0x41...0x5A).contains(byte) ? byte + 32 : byte
            if (0x61...0x7A).contains(lower) || (0x30...0x39).contains(lower) {
                bytes.append(lower)
            } else if let last = bytes.last, last != UInt8(ascii: "-") {
                bytes.append(UInt8(ascii: "-"))
            }
        }
        while bytes.last == UInt8(ascii: "-") { bytes.removeLast() }
        if bytes.count > 64 {
            bytes.removeLast(bytes.count - 64)
            while bytes.last == UInt8(ascii: "-") { bytes.removeLast() }
        }
        return bytes.isEmpty ? fallback : String(decoding: bytes, as: UTF8.self)
    }

    /// A fresh id of `kind` for `title`.
    public mutating func make(_ title: String, kind: String, fallback: String) -> String {
        var base = Self.slug(MarkdownText.plain(title), fallback: fallback)
        if base.count > 48 {
            let cut = base.prefix(48)
            base = cut.lastIndex(of: "-").map { String(cut[..<$0]) } ?? String(cut)
        }
        var candidate = base
        if taken[kind]?.contains(candidate) == true {
            let key = kind + "/" + base
            var counter = next[key, default: 2]
            repeat {
                candidate = "\(base)-\(counter)"
                counter += 1
            } while taken[kind]?.contains(candidate) == true
            next[key] = counter
        }
        taken[kind, default: []].insert(candidate)
        return candidate
    }
}
