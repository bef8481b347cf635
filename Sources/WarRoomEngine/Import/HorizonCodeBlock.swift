import Foundation

/// Post-incident horizon groups written as a YAML-like code block: a key with no value whose
/// comment names the horizon (`shortTerm: # Within 1 week`) over a list of entries
/// (`- action: "Fix identified bug"` and more `key: value` lines). Each such key is a group
/// titled after the key ("Short term"), each entry an item whose first value is its text
/// (with its key, unless the key names the entry: `action`, `task`, …) and whose other
/// fields follow in parentheses ("Fix identified bug (owner: QA Team; due date: 3 days)").
/// Keys without a value or horizon (`remediationPlan:`) only nest the groups. A block with
/// anything else (content outside a group, a horizon without entries, nested lists or block
/// scalars in an entry) is not read at all, so nothing in it is dropped.
enum HorizonCodeBlock {
    /// The groups of the block, in order; empty when no key carries a horizon with entries,
    /// or when some line with content lies outside every group.
    static func groups(_ block: CodeBlock) -> [HorizonGroup] {
        var groups: [HorizonGroup] = []
        var open: (group: HorizonGroup, indent: Int)?
        var fields: [(key: String, value: String)] = []
        var itemLine = 0
        func flushItem() {
            guard !fields.isEmpty, open != nil else { fields = []; return }
            open?.group.items.append(ChecklistItem(text: itemText(fields), source: itemLine))
            fields = []
        }
        var emptyGroup = false
        func flushGroup() {
            flushItem()
            if let group = open?.group {
                if group.items.isEmpty { emptyGroup = true } else { groups.append(group) }
            }
            open = nil
        }
        for line in block.lines {
            let text = line.text.trimmingSpaces
            guard !text.isEmpty, !text.hasPrefix("#") else { continue }
            let indent = line.text.prefix(while: { $0 == " " || $0 == "\t" }).count
            if let current = open, indent > current.indent {
                // An entry, or a field of the entry; anything else (a nested list, a block
                // scalar, a field before any entry) is more than this reads: the block is left.
                let field: (key: String, value: String)
                if text.hasPrefix("- ") {
                    flushItem()
                    itemLine = line.number
                    let entry = String(text.dropFirst(2)).trimmingSpaces
                    field = pair(entry) ?? ("", value(entry))
                } else if !fields.isEmpty, let next = pair(text) {
                    field = next
                } else {
                    return []
                }
                guard !field.value.isEmpty, !["|", ">", "|-", ">-", "|+", ">+"].contains(field.value) else { return [] }
                fields.append(field)
                continue
            }
            flushGroup()
            if let header = horizonKey(text) {
                open = (HorizonGroup(title: header.title, horizon: header.horizon, items: [], source: line.number), indent)
            } else if !(text.hasSuffix(":") && isKey(String(text.dropLast()))) {
                return []
            }
        }
        flushGroup()
        // A horizon with no entries would be dropped: the block is left whole instead.
        return emptyGroup ? [] : groups
    }

    /// `shortTerm: # Within 1 week` → ("Short term", within 1 week); nil for anything else.
    static func horizonKey(_ text: String) -> (title: String, horizon: Timing)? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let key = text[..<colon].trimmingSpaces
        let rest = text[text.index(after: colon)...].trimmingSpaces
        guard isKey(key), rest.hasPrefix("#"), let horizon = ImportTiming.parse(String(rest.dropFirst())) else { return nil }
        return (words(key), horizon)
    }

    /// `owner: "QA Team"` → ("owner", "QA Team"); nil when the text is no `key: value`.
    private static func pair(_ text: String) -> (key: String, value: String)? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let key = text[..<colon].trimmingSpaces
        guard isKey(key) else { return nil }
        return (key, value(String(text[text.index(after: colon)...])))
    }

    /// A scalar without its quotes and without a trailing comment (`'Rotate keys' # security`).
    private static func value(_ raw: String) -> String {
        let text = raw.trimmingSpaces
        if let quote = text.first, quote == "\"" || quote == "'" {
            let rest = text.dropFirst()
            guard let close = rest.firstIndex(of: quote) else { return text }
            let after = rest[rest.index(after: close)...].trimmingSpaces
            return after.isEmpty || after.hasPrefix("#") ? String(rest[..<close]) : text
        }
        if let comment = text.textRange(of: " #") { return text[..<comment.lowerBound].trimmingSpaces }
        return text
    }

    private static func isKey(_ key: String) -> Bool {
        guard let first = key.first, first.isLetter else { return false }
        return key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
    }

    /// "shortTerm", "short_term" → "Short term"; "dueDate" → "due date" (the case of the
    /// first letter is the caller's).
    static func words(_ key: String, capitalised: Bool = true) -> String {
        var output = ""
        var previousLower = false
        for character in key {
            if character == "_" { output.append(" "); previousLower = false; continue }
            if character.isUppercase, previousLower { output.append(" ") }
            output.append(contentsOf: character.lowercased())
            previousLower = character.isLowercase || character.isNumber
        }
        guard capitalised, let first = output.first else { return output }
        return first.uppercased() + output.dropFirst()
    }

    /// Keys that name the entry itself, so their value is the item's text on its own.
    static let textKeys: Set<String> = ["", "action", "task", "item", "title", "name", "text", "what", "description"]

    /// The first field's value (with its key unless the key names the entry), then the other
    /// fields in parentheses.
    private static func itemText(_ fields: [(key: String, value: String)]) -> String {
        guard let first = fields.first else { return "" }
        let head = textKeys.contains(first.key.lowercased()) ? first.value : "\(words(first.key)): \(first.value)"
        let rest = fields.dropFirst().map { "\(words($0.key, capitalised: false)): \($0.value)" }
        return rest.isEmpty ? head : "\(head) (\(rest.joined(separator: "; ")))"
    }
}
