import Foundation

/// Makes ids from titles: slugs, cut at a word boundary, made unique within their kind with
/// `-2`, `-3`. The same document always gives the same ids.
public struct ImportIDs: Sendable {
    private var taken: [String: Set<String>] = [:]

    public init() {}

    /// A fresh id of `kind` for `title`.
    public mutating func make(_ title: String, kind: String, fallback: String) -> String {
        var base = RunbookID.slug(MarkdownText.plain(title), fallback: fallback)
        if base.count > 48 {
            let cut = base.prefix(48)
            base = cut.lastIndex(of: "-").map { String(cut[..<$0]) } ?? String(cut)
        }
        var used = taken[kind, default: []]
        var candidate = base
        var counter = 2
        while used.contains(candidate) {
            candidate = "\(base)-\(counter)"
            counter += 1
        }
        used.insert(candidate)
        taken[kind] = used
        return candidate
    }
}
