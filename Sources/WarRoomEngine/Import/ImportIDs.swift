import Foundation

/// Makes ids from titles: slugs, cut at a word boundary, made unique within their kind with
/// `-2`, `-3`. The same document always gives the same ids.
public struct ImportIDs: Sendable {
    private var taken: [String: Set<String>] = [:]
    /// The next counter to try per kind and base, so repeated titles stay linear.
    private var next: [String: Int] = [:]

    public init() {}

    /// A fresh id of `kind` for `title`.
    public mutating func make(_ title: String, kind: String, fallback: String) -> String {
        var base = RunbookID.slug(MarkdownText.plain(title), fallback: fallback)
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
