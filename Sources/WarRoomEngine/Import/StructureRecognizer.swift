import Foundation

/// Structure first, words second: after the recognisers of known shapes have run, reads
/// what is left by its shape and content, whatever its headings say. A sequence of headings
/// that name actions is a procedure (one step a heading, or the heading's own list of
/// actions); an ordered list, or a list of actions, is a procedure; a line that ends in ":"
/// over a command, or tells the reader what to do, is a step. Every reading is reported as
/// an interpretation with its line and a confidence; nothing is placed that is not in the
/// source, and what is not placed stays listed as such.
enum StructureRecognizer {
    /// Section titles whose lists are not steps: what a procedure needs, what it means, where to read more.
    static let notSteps = ["prerequisite", "pre-requisite", "requisite", "before you begin", "whatsnext", "what's next", "next steps",
                           "reference", "see also", "further reading", "related", "cause", "impact", "meaning", "severity", "contents",
                           "why ", "background", "glossary", "definition", "scope", "inputs", "overview", "summary"]

    static func run(_ state: inout ImportState) {
        for index in state.tree.sections.indices where !state.consumedSections.contains(index) {
            _ = headingSequence(index, state: &state)
        }
        for index in state.tree.sections.indices where !state.consumedSections.contains(index) {
            if !listProcedure(index, state: &state) { proseSteps(index, state: &state) }
        }
    }

    /// Parts of a document about the time outside an incident: their lists are advice, not steps.
    static let notIncident = ["hygiene", "best practice", "appendix", "warning", "lessons learned", "philosophy", "principle"]

    static func isExcluded(_ index: Int, tree: SectionTree) -> Bool {
        index != 0 && (tree.titleMentions(index, notSteps) || tree.pathMentions(index, notIncident))
    }

    // MARK: - Headings that name actions

    /// A section whose two or more leaf children mostly name actions ("Drain the node",
    /// "Uncordon the node"): one procedure, a step per child, or the child's own list of actions.
    static func headingSequence(_ index: Int, state: inout ImportState) -> Bool {
        let tree = state.tree
        let section = tree.sections[index]
        let children = section.children
        guard children.count >= 2, !isExcluded(index, tree: tree),
              children.allSatisfy({ !state.consumedSections.contains($0) && tree.sections[$0].children.isEmpty }) else { return false }
        let steps = children.filter { !isExcluded($0, tree: tree) }
        let actions = steps.filter { ActionText.isAction(tree.sections[$0].title) }
        guard steps.count >= 2, actions.count * 3 >= steps.count * 2 else { return false }
        var drafts: [DraftStep] = []
        for child in steps {
            let childSection = tree.sections[child]
            // Under a heading that names an action, a list half of whose items are actions is its steps.
            let listed = listDrafts(childSection, share: 0.5, state: &state).drafts
            if listed.count >= 2 {
                drafts += listed
            } else {
                let (action, duration) = ProcedureRecognizer.stepTitle(childSection.title)
                var draft = DraftStep(action: action, duration: duration, line: childSection.line)
                draft.checklist = listed.map { ChecklistItem(text: $0.action, source: $0.line) }
                attachBody(childSection.blocks, to: &draft, state: &state)
                drafts.append(draft)
            }
            state.consume(section: child)
        }
        add(drafts, title: section.title, section: index, state: &state,
            reading: "\(steps.count) headings, \(actions.count) of them naming an action, read as the steps of one procedure", confidence: "high")
        state.consume(section: index)
        return true
    }

    /// The body of a heading step: code blocks as its commands (example output as notes),
    /// its text as notes, its items as its checklist.
    static func attachBody(_ blocks: [SourceBlock], to draft: inout DraftStep, state: inout ImportState) {
        var output = false
        for block in blocks where !state.used.contains(block.line) {
            switch block {
            case .text(let text):
                output = ActionText.introducesOutput(text.text)
                if !text.text.hasPrefix("{{") {
                    draft.notes = ProcedureFields.join(draft.notes, text.text)
                    state.use(block)
                }
            case .item(let item):
                draft.checklist.append(ChecklistItem(text: MarkdownText.plain(item.text), source: item.line))
                state.use(block)
            case .code(let code) where !CodeSteps.isTree(code):
                draft.attach(code.text, line: code.line, asOutput: output, state: &state)
                state.use(block)
                output = false
            default: break
            }
        }
    }

    // MARK: - Lists

    /// An ordered list, or a list of actions, in a section no recogniser placed.
    static func listProcedure(_ index: Int, state: inout ImportState) -> Bool {
        let section = state.tree.sections[index]
        let list = listDrafts(section, state: &state)
        guard list.drafts.count >= 2 else { return false }
        let title = section.title.isEmpty ? state.runbook.title : section.title
        add(list.drafts, title: title, section: index, state: &state, reading: list.reading, confidence: list.confidence)
        state.used.insert(section.line)
        return true
    }

    /// Steps from the section's unplaced list: its ordered items if it has two or more
    /// (most of them actions), else its top-level bullets or checkboxes when two thirds are
    /// actions. Blocks between two items belong to the item above: code as its commands (or
    /// example output), deeper items as its checklist, indented text as its notes.
    static func listDrafts(_ section: SourceSection, share: Double? = nil, state: inout ImportState) -> (drafts: [DraftStep], reading: String, confidence: String) {
        let none: (drafts: [DraftStep], reading: String, confidence: String) = ([], "", "")
        let tree = state.tree
        let items = section.blocks.compactMap { block -> SourceListItem? in
            if case .item(let item) = block, !state.used.contains(item.line) { return item }
            return nil
        }
        guard items.count >= 2, !isExcluded(section.index, tree: tree), !TriggerRecognizer.isTriggerSection(section.index, tree: tree) else { return none }
        let ordered = items.filter { $0.ordinal != nil }
        let base: [SourceListItem]
        let kind: String
        if ordered.count >= 2, let indent = ordered.map(\.indent).min() {
            base = ordered.filter { $0.indent == indent }
            kind = "ordered"
        } else if let indent = items.map(\.indent).min() {
            base = items.filter { $0.indent == indent && $0.ordinal == nil }
            kind = base.allSatisfy(\.isCheckbox) ? "checkbox" : "bulleted"
        } else { return none }
        guard base.count >= 2 else { return none }
        // Bullets in a communication part are what to say, not steps.
        if kind != "ordered", tree.titleMentions(section.index, ["communicat", "notification", "updates"]) { return none }
        let actions = base.filter { ActionText.isAction($0.text) && !ActionText.isReference($0.text) }.count
        let needed = share ?? (kind == "ordered" ? 0.5 : 2.0 / 3.0)
        let enough = Double(actions) >= needed * Double(base.count)
        guard enough else { return none }
        let baseLines = Set(base.map(\.line))
        let indent = base[0].indent
        var drafts: [DraftStep] = []
        var open = false
        var output = false
        for block in section.blocks where !state.used.contains(block.line) {
            switch block {
            case .item(let item) where baseLines.contains(item.line):
                var draft = ProcedureRecognizer.listStep(item)
                if draft.action.hasSuffix(":") { draft.action.removeLast() }
                drafts.append(draft)
                state.use(block)
                open = true
                output = false
            case .item(let item) where open && item.indent > indent:
                drafts[drafts.count - 1].checklist.append(ChecklistItem(text: MarkdownText.plain(item.text), source: item.line))
                state.use(block)
            case .code(let code) where open && !CodeSteps.isTree(code):
                drafts[drafts.count - 1].attach(code.text, line: code.line, asOutput: output, state: &state)
                state.use(block)
                output = false
            case .text(let text) where open && text.indent > indent:
                if ActionText.introducesOutput(text.text) { output = true }
                drafts[drafts.count - 1].notes = ProcedureFields.join(drafts[drafts.count - 1].notes, text.text)
                state.use(block)
            case .text, .item, .table:
                open = false
            default: break
            }
        }
        return (drafts, "a \(kind) list of \(base.count) items, \(actions) of them actions, read as steps", kind == "ordered" ? "high" : "medium")
    }

    static func add(_ drafts: [DraftStep], title: String, section index: Int, state: inout ImportState, reading: String, confidence: String) {
        let section = state.tree.sections[index]
        var procedure = Procedure(id: "", title: title, steps: [], source: section.line == 0 ? drafts.first?.line : section.line)
        if let parent = section.parent, parent != 0, state.tree.sections[parent].level >= 2 { procedure.group = state.tree.sections[parent].title }
        procedure.steps = drafts.enumerated().map { $0.element.step(number: $0.offset + 1) }
        procedure.id = state.ids.make(procedure.title, kind: "procedure", fallback: "procedure")
        state.runbook.procedures.append(procedure)
        for draft in drafts { state.used.insert(draft.line) }
        state.note(procedure.source ?? 0, "\(reading) (procedure \(procedure.id), confidence \(confidence))")
    }

    // MARK: - Prose

    /// A paragraph: text lines one under the other, joined.
    struct Paragraph {
        var text: String
        var blocks: [SourceBlock]
        var line: Int
    }

    /// The section's blocks with consecutive unplaced text lines joined into paragraphs.
    static func paragraphs(_ blocks: [SourceBlock], used: Set<Int>) -> [(paragraph: Paragraph?, block: SourceBlock)] {
        var result: [(paragraph: Paragraph?, block: SourceBlock)] = []
        var current: Paragraph?
        var lastLine = -1
        func flush() {
            if let paragraph = current, let first = paragraph.blocks.first { result.append((paragraph, first)) }
            current = nil
        }
        for block in blocks {
            guard case .text(let text) = block, !used.contains(text.line) else {
                flush()
                result.append((nil, block))
                continue
            }
            if current != nil, lastLine + 1 == text.line, current?.text.hasSuffix(":") == false {
                current?.text += " " + text.text
                current?.blocks.append(block)
            } else {
                flush()
                current = Paragraph(text: text.text, blocks: [block], line: text.line)
            }
            lastLine = text.line
        }
        flush()
        return result
    }

    /// Steps written as prose: a paragraph ending in ":" over a code block or a command line
    /// ("SSH into all the consul hosts and on one node execute:"), and sentences that tell
    /// the reader what to do ("You should check …", "you need to put …").
    static func proseSteps(_ index: Int, state: inout ImportState) {
        let tree = state.tree
        // Most sections hold no instruction in prose: look at the raw lines before building paragraphs.
        guard tree.sections[index].blocks.contains(where: { block in
            if case .text(let text) = block { return text.text.hasSuffix(":") || text.text.has("ou ") }
            return false
        }) else { return }
        let parts = paragraphs(tree.sections[index].blocks, used: state.used)
        guard parts.contains(where: { $0.paragraph.map { $0.text.hasSuffix(":") || $0.text.has("ou ") } ?? false }),
              !isExcluded(index, tree: tree), !TriggerRecognizer.isTriggerSection(index, tree: tree),
              !CommsRecognizer.isCommsSection(index, tree: tree) else { return }
        var drafts: [DraftStep] = []
        var placed: [SourceBlock] = []
        for (position, part) in parts.enumerated() {
            guard let paragraph = part.paragraph, paragraph.text.hasSuffix(":") || paragraph.text.has("ou ") else { continue }
            let next = position + 1 < parts.count ? parts[position + 1] : nil
            let plain = MarkdownText.plain(paragraph.text)
            if plain.hasSuffix(":"), let next {
                var commands: String?
                if case .code(let code) = next.block, !CodeSteps.isTree(code) { commands = code.text }
                else if let line = next.paragraph, ActionText.isCommandLine(line.text) { commands = line.text }
                guard let commands else { continue }
                // A label line above the instruction ("Restoring from Peers Json") is not part of it.
                var last = sentences(plain).last ?? plain
                if case .text(let final)? = paragraph.blocks.last, paragraph.blocks.count > 1, let above = paragraph.blocks.dropLast().last,
                   case .text(let previous) = above, !".,;:".contains(previous.text.last ?? "."), final.text.first?.isUppercase == true {
                    last = sentences(MarkdownText.plain(final.text)).last ?? MarkdownText.plain(final.text)
                }
                if ActionText.introducesOutput(last) {
                    guard !drafts.isEmpty else { continue }
                    drafts[drafts.count - 1].attach(commands, line: next.block.line, asOutput: true, state: &state)
                } else if ActionText.isAction(last) || ActionText.isReaderInstruction(last) || last.lowercased().has("execute") {
                    drafts.append(DraftStep(action: String(last.dropLast()), commands: commands, line: paragraph.line))
                } else { continue }
                placed += paragraph.blocks + (next.paragraph?.blocks ?? [next.block])
                continue
            }
            // A conditional instruction ("If you're using …, you need to …") holds only sometimes: not a step.
            let instructions = sentences(plain).filter { ActionText.isReaderInstruction($0) && !["if ", "when "].contains(where: $0.lowercased().hasPrefix) }
            guard !instructions.isEmpty else { continue }
            drafts += instructions.map { DraftStep(action: $0, line: paragraph.line) }
            placed += paragraph.blocks
        }
        guard !drafts.isEmpty else { return }
        for block in placed { state.use(block) }
        let section = tree.sections[index]
        add(drafts, title: section.title.isEmpty ? state.runbook.title : section.title, section: index, state: &state,
            reading: "\(drafts.count) instructions written as prose (a line over a command, or \"you should / you need to …\") read as steps",
            confidence: "medium")
        state.used.insert(section.line)
    }

    /// The sentences of a paragraph, split after ". ".
    static func sentences(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        let characters = Array(text)
        for (offset, character) in characters.enumerated() {
            current.append(character)
            if character == ".", offset + 1 < characters.count, characters[offset + 1] == " " {
                result.append(current.trimmingSpaces); current = ""
            }
        }
        if !current.trimmingSpaces.isEmpty { result.append(current.trimmingSpaces) }
        return result
    }
}
