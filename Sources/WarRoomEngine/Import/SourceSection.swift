import Foundation

/// A heading and the blocks up to the next heading, linked to its parent and children.
public struct SourceSection: Sendable, Hashable {
    public var index: Int
    public var title: String
    public var level: Int
    public var line: Int
    public var parent: Int?
    public var children: [Int] = []
    /// Blocks between this heading and the next heading of any level.
    public var blocks: [SourceBlock] = []
}

/// The document as a tree of sections; section 0 is the text before the first heading.
public struct SectionTree: Sendable {
    public var sections: [SourceSection]
    /// Each section's title in lower case, for the keyword tests.
    private var lowerTitles: [String] = []

    public init(blocks: [SourceBlock]) {
        var sections = [SourceSection(index: 0, title: "", level: 0, line: 0, parent: nil)]
        var stack = [0]
        for block in blocks {
            if case .heading(let heading) = block {
                while let top = stack.last, top != 0, sections[top].level >= heading.level { stack.removeLast() }
                let parent = stack.last ?? 0
                let index = sections.count
                sections.append(SourceSection(index: index, title: heading.text, level: heading.level, line: heading.line, parent: parent))
                sections[parent].children.append(index)
                stack.append(index)
            } else {
                let current = stack.last ?? 0
                sections[current].blocks.append(block)
            }
        }
        self.sections = sections
        self.lowerTitles = sections.map { $0.title.lowercased() }
    }

    /// Titles from the outermost ancestor down to the section itself.
    public func path(_ index: Int) -> [String] {
        var titles: [String] = []
        var current: Int? = index
        while let at = current, at != 0 {
            titles.insert(sections[at].title, at: 0)
            current = sections[at].parent
        }
        return titles
    }

    /// The section and every section below it, in document order.
    public func subtree(_ index: Int) -> [Int] {
        [index] + sections[index].children.flatMap { subtree($0) }
    }

    /// Whether the section or an ancestor has a title containing one of `words` (lower-case).
    public func pathMentions(_ index: Int, _ words: [String]) -> Bool {
        var current: Int? = index
        while let at = current, at != 0 {
            if titleMentions(at, words) { return true }
            current = sections[at].parent
        }
        return false
    }

    /// Whether the section's own title contains one of `words` (lower-case).
    public func titleMentions(_ index: Int, _ words: [String]) -> Bool {
        let lower = lowerTitles[index]
        return words.contains { lower.has($0) }
    }
}
