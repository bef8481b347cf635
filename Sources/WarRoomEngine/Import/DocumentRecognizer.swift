import Foundation

/// Document facts (`**Version:** 1.0`, `Last Updated:`), principles, warnings, RTO / RPO,
/// post-incident checklists by horizon and named checklists.
enum DocumentRecognizer {
    static func documentField(_ block: SourceBlock, state: inout ImportState) {
        guard case .text(let text) = block, let pair = MarkdownText.keyValue(text.text), !pair.value.isEmpty else { return }
        var document = state.runbook.document ?? DocumentInfo()
        let key = pair.key.lowercased()
        switch key {
        case "version", "document version": document.version = pair.value
        case "last updated", "updated", "date": document.updated = pair.value
        case "owner", "document owner": document.owner = pair.value
        case "classification", "document classification": document.classification = pair.value
        case "review frequency": document.reviewFrequency = pair.value
        case "next review", "next review date": document.nextReview = pair.value
        case "rto", "recovery time objective", "rpo", "recovery point objective":
            guard let seconds = ContingencyRecognizer.objective(pair.value) else { return }
            var objectives = state.runbook.objectives ?? Objectives()
            objectives[keyPath: key.hasPrefix("rto") || key.hasPrefix("recovery time") ? \Objectives.rto : \Objectives.rpo] = seconds
            state.runbook.objectives = objectives
            state.use(block)
            return
        default: return
        }
        state.runbook.document = document
        state.use(block)
    }

    /// Principles from a philosophy / principles section: its items and quoted lines.
    static func principles(_ index: Int, state: inout ImportState) {
        for block in state.tree.sections[index].blocks {
            switch block {
            case .item(let item): state.runbook.principles.append(MarkdownText.plain(item.text)); state.use(block)
            case .text(let text):
                let plain = MarkdownText.unquote(MarkdownText.plain(text.text))
                if !plain.isEmpty { state.runbook.principles.append(plain); state.use(block) }
            default: break
            }
        }
    }

    /// A horizon from a post-incident heading: "Immediate (0-4 hours)", "Short-Term (Within 24 Hours)".
    static func horizon(_ title: String) -> Timing? {
        guard let paren = MarkdownText.trailingParenthesis(title) else { return nil }
        return ImportTiming.parse(paren.inner)
    }

    /// Items of a list as checklist items, nesting deeper items under shallower ones.
    /// The format allows checklists eight levels deep; deeper items join the eighth level.
    static let maximumDepth = 8

    static func nestedItems(_ items: [SourceListItem]) -> [ChecklistItem] {
        func build(_ slice: ArraySlice<SourceListItem>, depth: Int) -> [ChecklistItem] {
            if depth >= maximumDepth {
                return slice.map { ChecklistItem(text: MarkdownText.plain($0.text), source: $0.line) }
            }
            var result: [ChecklistItem] = []
            var index = slice.startIndex
            while index < slice.endIndex {
                let item = slice[index]
                var end = index + 1
                while end < slice.endIndex, slice[end].indent > item.indent { end += 1 }
                result.append(ChecklistItem(text: MarkdownText.plain(item.text), items: build(slice[(index + 1)..<end], depth: depth + 1), source: item.line))
                index = end
            }
            return result
        }
        return build(items[...], depth: 1)
    }

    static func items(of index: Int, state: inout ImportState) -> [SourceListItem] {
        var items: [SourceListItem] = []
        for block in state.tree.sections[index].blocks {
            if case .item(let item) = block { items.append(item); state.use(block) }
        }
        return items
    }

    /// A post-incident horizon group from a section with a horizon in its title.
    static func postIncident(_ index: Int, state: inout ImportState) -> Bool {
        let section = state.tree.sections[index]
        guard state.tree.pathMentions(index, ["post-rollback", "post-incident", "after the incident", "post rollback", "after rollback", "root cause"]) else { return false }
        // The horizon is in the heading ("Immediate (0-4 hours)") or in a bold line that
        // opens the section ("**Within 24 Hours of Rollback:**").
        var horizonLine: Int?
        var found = horizon(section.title)
        if found == nil, case .text(let text)? = section.blocks.first, let pair = MarkdownText.keyValue(text.text), pair.value.isEmpty,
           let timing = ImportTiming.parse(pair.key), timing.deadline != nil {
            found = timing
            horizonLine = text.line
        }
        guard let horizon = found else { return horizonBlocks(index, state: &state) }
        let hasItems = section.blocks.contains { if case .item = $0 { return true }; return false }
        guard hasItems else { return false }
        let title = MarkdownText.trailingParenthesis(section.title)?.head ?? section.title
        let list = nestedItems(items(of: index, state: &state))
        state.runbook.postIncident.append(HorizonGroup(title: title, horizon: horizon, items: list, source: section.line))
        state.used.insert(section.line)
        if let horizonLine { state.used.insert(horizonLine) }
        return true
    }

    /// Horizon groups from the section's code blocks whose keys name horizons in comments
    /// (`shortTerm: # Within 1 week`); see `HorizonCodeBlock`.
    static func horizonBlocks(_ index: Int, state: inout ImportState) -> Bool {
        var found = false
        for block in state.tree.sections[index].blocks {
            guard case .code(let code) = block else { continue }
            let groups = HorizonCodeBlock.groups(code)
            guard !groups.isEmpty else { continue }
            state.runbook.postIncident += groups
            state.use(block)
            state.note(code.line, "code block keys with a horizon in their comment (\(groups.count) groups) read as post-incident horizon groups, each entry an item")
            found = true
        }
        if found { state.used.insert(state.tree.sections[index].line) }
        return found
    }

    /// A named checklist from a section of checkbox items, grouped under bold labels.
    static func checklist(_ index: Int, state: inout ImportState) -> Bool {
        let section = state.tree.sections[index]
        guard section.blocks.contains(where: { if case .item(let item) = $0 { return item.isCheckbox }; return false }) else { return false }
        var groups: [ChecklistItem] = []
        var loose: [SourceListItem] = []
        var label: (String, Int)?
        func flush() {
            let nested = nestedItems(loose)
            if let label { groups.append(ChecklistItem(text: label.0, items: nested, source: label.1)) } else { groups += nested }
            loose = []
        }
        for block in section.blocks {
            switch block {
            case .text(let text):
                if let pair = MarkdownText.keyValue(text.text), pair.value.isEmpty {
                    flush(); label = (pair.key, text.line); state.use(block)
                }
            case .item(let item): loose.append(item); state.use(block)
            default: break
            }
        }
        flush()
        guard !groups.isEmpty else { return false }
        state.runbook.checklists.append(Checklist(id: state.ids.make(section.title, kind: "checklist", fallback: "checklist"),
                                                  title: section.title, items: groups, source: section.line))
        state.used.insert(section.line)
        return true
    }
}
