import Foundation

/// Small text helpers for Markdown-ish source text.
public enum MarkdownText {
    /// Text without emphasis markers, inline-code ticks, link targets or HTML tags, with
    /// runs of whitespace collapsed.
    public static func plain(_ text: String) -> String {
        // Most text has nothing to strip: no markers, no runs of whitespace.
        var previousSpace = true
        var simple = true
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "*"), UInt8(ascii: "`"), UInt8(ascii: "_"), UInt8(ascii: "["), UInt8(ascii: "<"),
                 UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"), 0xC2, 0xE2, 0xE3:
                simple = false
            case UInt8(ascii: " "):
                if previousSpace { simple = false }
                previousSpace = true
                continue
            default: break
            }
            if !simple { break }
            previousSpace = false
        }
        if simple, !previousSpace || text.isEmpty { return text }
        if !text.utf8.contains(where: { $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "<") }) {
            // Only emphasis and code markers to drop.
            var output = ""
            output.reserveCapacity(text.utf8.count)
            var previousUnderscore = false
            for character in text {
                if character == "*" || character == "`" { continue }
                if character == "_" {
                    if previousUnderscore { output.removeLast(); previousUnderscore = false; continue }
                    previousUnderscore = true
                } else {
                    previousUnderscore = false
                }
                output.append(character)
            }
            return collapse(output)
        }
        let characters = Array(text)
        // Where the next "]", ")" and ">" are, from each position: one pass back to front,
        // so that hostile lines full of "[" or "<" stay linear.
        func nextPositions(of target: Character) -> [Int] {
            var next = Array(repeating: Int.max, count: characters.count + 1)
            var index = characters.count - 1
            while index >= 0 {
                next[index] = characters[index] == target ? index : next[index + 1]
                index -= 1
            }
            return next
        }
        let hasBracket = characters.contains("[")
        let hasAngle = characters.contains("<")
        let nextClose = hasBracket ? nextPositions(of: "]") : []
        let nextParen = hasBracket ? nextPositions(of: ")") : []
        let nextGreater = hasAngle ? nextPositions(of: ">") : []
        var output = ""
        output.reserveCapacity(text.utf8.count)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            switch character {
            case "*", "`":
                index += 1
                continue
            case "_":
                // Only doubled underscores are emphasis.
                if index + 1 < characters.count, characters[index + 1] == "_" { index += 2; continue }
            case "[":
                // [label](target) → label
                let close = nextClose[index]
                if close != Int.max, close - index <= 300, close + 1 < characters.count, characters[close + 1] == "(" {
                    let end = nextParen[close]
                    if end != Int.max, end - close <= 2_000 {
                        output.append(contentsOf: characters[(index + 1)..<close])
                        index = end + 1
                        continue
                    }
                }
            case "<":
                let close = nextGreater[index]
                if close != Int.max, close - index < 200, isTag(characters[index...close]) {
                    index = close + 1
                    continue
                }
            default: break
            }
            output.append(character)
            index += 1
        }
        return collapse(output)
    }

    /// Whether `<…>` is HTML (`<br>`, `</td>`, `<a href=…>`, `<!-- … -->`) rather than a
    /// placeholder of the runbook's own (`<environment>`, `<router pod>`, `<TBD>`), which is kept.
    private static func isTag(_ text: ArraySlice<Character>) -> Bool {
        let inner = text.dropFirst().dropLast()
        guard let first = inner.first, !inner.contains("<"), inner.count < 200 else { return false }
        if first == "!" { return true }
        let name = String(inner.drop(while: { $0 == "/" }).prefix(while: { $0.isLetter || $0.isNumber })).lowercased()
        guard !name.isEmpty, first.isLetter || first == "/" else { return false }
        let after = inner.drop(while: { $0 == "/" }).dropFirst(name.count).first
        guard after == nil || after == " " || after == "/" || after == "\n" else { return false }
        return htmlElements.contains(name)
    }

    static let htmlElements: Set<String> = [
        "a", "abbr", "b", "big", "blockquote", "br", "caption", "center", "cite", "code", "col", "colgroup", "dd", "del",
        "details", "div", "dl", "dt", "em", "font", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd",
        "li", "mark", "ol", "p", "pre", "q", "s", "samp", "section", "small", "span", "strike", "strong", "sub", "summary",
        "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "tt", "u", "ul", "var", "wbr",
    ]

    /// Whitespace runs (tabs, non-breaking spaces) collapsed to one space, ends trimmed.
    public static func collapse(_ text: String) -> String {
        // Nothing to do for text without tabs, line breaks, doubled or outer spaces, or non-ASCII.
        var previousSpace = true
        var simple = true
        for byte in text.utf8 {
            if byte == 0x20 {
                if previousSpace { simple = false; break }
                previousSpace = true
            } else if byte < 0x20 || byte >= 0x80 {
                simple = false; break
            } else {
                previousSpace = false
            }
        }
        if simple, !previousSpace || text.isEmpty { return text }
        return text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// A string without surrounding quotes.
    public static func unquote(_ text: String) -> String {
        for quote in ["\"", "'", "“"] where text.hasPrefix(quote) && text.count >= 2 {
            return String(text.dropFirst().dropLast())
        }
        return text
    }

    /// Text for comparisons: plain, lower-case, without leading emoji or symbols.
    public static func normalized(_ text: String) -> String {
        plain(text).lowercased().drop(while: { !$0.isLetter && !$0.isNumber }).trimmingSpaces
    }

    /// `**Key:** value`, `Key: value`, `**Key**: value` → (key, value); nil otherwise. The
    /// key is at most six words and starts with a letter.
    public static func keyValue(_ text: String) -> (key: String, value: String)? {
        var body = text.trimmingSpaces
        if body.hasPrefix("**"), let close = body.dropFirst(2).textRange(of: "**") {
            let key = body[body.index(body.startIndex, offsetBy: 2)..<close.lowerBound]
            var rest = body[close.upperBound...]
            if key.hasSuffix(":") {
                return (String(key.dropLast()).trimmingSpaces, plain(String(rest)))
            }
            if rest.hasPrefix(":") { rest = rest.dropFirst(); return (String(key).trimmingSpaces, plain(String(rest))) }
            return nil
        }
        body = plain(body)
        guard let colon = body.firstIndex(of: ":") else { return nil }
        let key = body[..<colon].trimmingSpaces
        let words = key.split(separator: " ")
        guard !words.isEmpty, words.count <= 6, let first = key.first, first.isLetter, !key.has("http") else { return nil }
        return (key, String(body[body.index(after: colon)...]).trimmingSpaces)
    }

    /// A trailing parenthesised part: "Execute Rollback (3-5 minutes)" → ("Execute Rollback", "3-5 minutes").
    public static func trailingParenthesis(_ text: String) -> (head: String, inner: String)? {
        let trimmed = text.trimmingSpaces
        guard trimmed.hasSuffix(")"), let open = trimmed.lastIndex(of: "(") else { return nil }
        let inner = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
        return (String(trimmed[..<open]).trimmingSpaces, String(inner).trimmingSpaces)
    }
}

/// The bounds of `bytes` without leading and trailing spaces, tabs, CRs and no-break spaces (C2 A0).
private func trimmedBounds<Bytes: BidirectionalCollection>(_ bytes: Bytes) -> Range<Bytes.Index> where Bytes.Element == UInt8 {
    var start = bytes.startIndex
    var end = bytes.endIndex
    while start < end {
        let byte = bytes[start]
        if byte == 0x20 || byte == 0x09 || byte == 0x0D { start = bytes.index(after: start); continue }
        let next = bytes.index(after: start)
        if byte == 0xC2, next < end, bytes[next] == 0xA0 { start = bytes.index(after: next); continue }
        break
    }
    while start < end {
        let before = bytes.index(before: end)
        let byte = bytes[before]
        if byte == 0x20 || byte == 0x09 || byte == 0x0D { end = before; continue }
        if byte == 0xA0, before > start, bytes[bytes.index(before: before)] == 0xC2 { end = bytes.index(before: before); continue }
        break
    }
    return start..<end
}

extension String {
    /// The text without leading and trailing spaces, tabs and non-breaking spaces.
    var trimmingSpaces: String {
        let bounds = trimmedBounds(utf8)
        if bounds == utf8.startIndex..<utf8.endIndex { return self }
        return String(decoding: utf8[bounds], as: UTF8.self)
    }
}

extension Substring {
    /// The text without leading and trailing spaces, tabs and non-breaking spaces.
    var trimmingSpaces: String {
        String(decoding: utf8[trimmedBounds(utf8)], as: UTF8.self)
    }
}

extension StringProtocol {
    /// The byte offset of the first occurrence of `needle` at or after `start`: a literal
    /// search on UTF-8 that does not go through Foundation (which is slow on Linux).
    func utf8Offset(of needle: String, from start: Int = 0) -> Int? {
        if let found = utf8.withContiguousStorageIfAvailable({ Self.search($0, for: needle, from: start) }) { return found }
        return Array(utf8).withUnsafeBufferPointer { Self.search($0, for: needle, from: start) }
    }

    private static func search(_ haystack: UnsafeBufferPointer<UInt8>, for needle: String, from start: Int) -> Int? {
        var needle = needle
        return needle.withUTF8 { pattern in ByteSearch.firstOffset(of: pattern, in: haystack, from: start) }
    }

    /// Whether `needle` occurs in the text, byte for byte.
    func has(_ needle: String) -> Bool { utf8Offset(of: needle) != nil }

    /// The range of the first occurrence of `needle`, byte for byte.
    func textRange(of needle: String) -> Range<Index>? {
        guard let offset = utf8Offset(of: needle) else { return nil }
        let lower = utf8.index(utf8.startIndex, offsetBy: offset)
        let upper = utf8.index(lower, offsetBy: needle.utf8.count)
        return lower..<upper
    }
}
