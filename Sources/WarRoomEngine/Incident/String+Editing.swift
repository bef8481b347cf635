// Small string edits without Foundation.

extension String {
    /// The string without leading and trailing whitespace.
    var trimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }

    /// Every occurrence of `target` replaced (no Foundation).
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        for character in self { if character == target { result += replacement } else { result.append(character) } }
        return result
    }
}

extension StringProtocol {
    /// The first range of `target`'s characters in the text, found without Foundation (whose
    /// first use cost a tenth of a `warroom status` that loads a runbook); nil when absent.
    func firstRange(ofText target: String) -> Range<Index>? {
        guard let first = target.first else { return nil }
        var from = startIndex
        while let found = self[from...].firstIndex(of: first) {
            if self[found...].hasPrefix(target) { return found..<index(found, offsetBy: target.count) }
            from = index(after: found)
        }
        return nil
    }
}
