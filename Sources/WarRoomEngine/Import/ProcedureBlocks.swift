import Foundation

extension ProcedureRecognizer {
    // MARK: - Step tables

    /// Steps from a Step / Action / Responsible / Duration table, in any order and naming.
    static func tableSteps(_ table: RoledTable) -> [DraftStep] {
        table.table.rows.enumerated().compactMap { offset, row in
            guard let action = table.cell(row, .action) else { return nil }
            let durationText = table.cell(row, .duration) ?? table.cell(row, .timeline)
            var draft = DraftStep(action: action, owner: table.cell(row, .owner),
                                  duration: durationText.flatMap(ImportTiming.parse), line: table.table.rowLines[offset])
            if let durationText, draft.duration == nil { draft.notes = "Time: \(durationText)" }
            return draft
        }
    }

    /// A procedure made of the section holding a step table.
    static func tableProcedure(_ index: Int, table: SourceTable, state: inout ImportState) {
        let section = state.tree.sections[index]
        let roled = RoledTable(table)
        var procedure = Procedure(id: "", title: section.title.isEmpty ? "Procedure" : section.title, steps: [], source: section.line == 0 ? table.line : section.line)
        readProcedureFields(section.blocks, into: &procedure, state: &state)
        let drafts = tableSteps(roled)
        guard !drafts.isEmpty else { return }
        procedure.steps = drafts.enumerated().map { $0.element.step(number: $0.offset + 1) }
        procedure.commands = commandsAfterLabel(section.blocks, state: &state)
        procedure.id = state.ids.make(procedure.title, kind: "procedure", fallback: "procedure")
        state.runbook.procedures.append(procedure)
        state.use(lines: table.lines)
        state.used.insert(section.line)
    }

    /// "Terraform Command:" followed by command lines (plain text has no code fences), or a
    /// code block after such a label: the procedure's commands.
    static func commandsAfterLabel(_ blocks: [SourceBlock], state: inout ImportState) -> String? {
        var collecting = false
        var lines: [String] = []
        for block in blocks {
            switch block {
            case .text(let text):
                let lower = text.text.lowercased()
                if lower.hasSuffix("command:") || lower.hasSuffix("commands:") || lower.hasSuffix("command:**") || lower.hasSuffix("commands:**") {
                    collecting = true
                    lines.append(text.text)
                    state.use(block)
                } else if collecting {
                    lines.append(text.text)
                    state.use(block)
                }
            case .code(let code) where collecting:
                lines.append(code.text)
                state.use(block)
                collecting = false
            default:
                collecting = false
            }
        }
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }

    // MARK: - Commands and lists

    static let genericLabels = ["procedure", "steps", "commands", "runbook", "action plan", "actions", "script", "run"]

    /// Steps from a section's own blocks: labelled command blocks, code blocks whose
    /// comments number the steps, numbered lists. Nil when the section holds none.
    static func blockProcedure(_ index: Int, state: inout ImportState) -> Bool {
        let tree = state.tree
        let section = tree.sections[index]
        guard index != 0, !state.consumedSections.contains(index), !tree.pathMentions(index, elsewhere) else { return false }
        let titled = tree.titleMentions(index, procedureWords)
        var drafts: [DraftStep] = []
        var structured = false
        var label: (text: String, line: Int)?
        var usedBlocks: [SourceBlock] = []
        let listIndent = section.blocks.compactMap { block -> Int? in
            if case .item(let item) = block, item.ordinal != nil { return item.indent }
            return nil
        }.min()
        // Without a numbered list, a bulleted list at the top indentation can be the steps.
        let hasCheckboxes = section.blocks.contains { if case .item(let item) = $0 { return item.isCheckbox }; return false }
        let bulletIndent = listIndent == nil && !hasCheckboxes && !tree.titleMentions(index, ["checklist"]) ? section.blocks.compactMap { block -> Int? in
            if case .item(let item) = block, !item.isCheckbox { return item.indent }
            return nil
        }.min() : nil
        var sawLabelledList = false
        var outputFollows = false
        var labelLines: [Int] = []
        for block in section.blocks {
            switch block {
            case .code(let code):
                if CodeSteps.isTree(code) { label = nil; continue }
                let lowered = label?.text.lowercased() ?? ""
                if let label, lowered.has("output") || lowered.has("expected") || lowered.has("example") || lowered.has("response") {
                    if !drafts.isEmpty { drafts[drafts.count - 1].notes = ProcedureFields.join(drafts[drafts.count - 1].notes, "\(label.text):\n\(code.text)"); usedBlocks.append(block) }
                } else if let label, !genericLabels.contains(lowered) {
                    drafts.append(DraftStep(action: label.text, commands: code.text, line: label.line))
                    usedBlocks.append(block)
                    structured = true
                } else if let steps = CodeSteps.numberedSteps(code) {
                    drafts += steps; structured = true; usedBlocks.append(block)
                    if let label { labelLines.append(label.line) }
                } else if let steps = CodeSteps.commentGroups(code), steps.count >= 2 || titled {
                    drafts += steps; structured = structured || steps.count >= 2; usedBlocks.append(block)
                    if let label { labelLines.append(label.line) }
                } else if titled, let (action, line) = CodeSteps.firstComment(code) {
                    drafts.append(DraftStep(action: action, commands: code.text, line: line)); usedBlocks.append(block)
                } else if let last = drafts.indices.last, code.indent > (listIndent ?? bulletIndent ?? Int.max) {
                    // A block indented under a list step belongs to it: its commands, or its example output.
                    drafts[last].attach(code.text, line: code.line, asOutput: outputFollows, state: &state)
                    usedBlocks.append(block)
                }
                outputFollows = false
                label = nil
            case .text(let text):
                if let last = drafts.indices.last, text.indent > (listIndent ?? bulletIndent ?? Int.max) {
                    outputFollows = ActionText.introducesOutput(text.text)
                    drafts[last].notes = ProcedureFields.join(drafts[last].notes, text.text)
                    usedBlocks.append(block)
                }
                if let pair = MarkdownText.keyValue(text.text), text.text.hasPrefix("**") {
                    label = (pair.value.isEmpty ? pair.key : "\(pair.key): \(pair.value)", text.line)
                    if pair.value.isEmpty, !genericLabels.contains(pair.key.lowercased()) { sawLabelledList = true } else { sawLabelledList = false }
                }
            case .item(let item):
                if item.isCheckbox, !drafts.isEmpty {
                    drafts[drafts.count - 1].checklist.append(ChecklistItem(text: MarkdownText.plain(item.text), source: item.line))
                    usedBlocks.append(block)
                } else if titled, !sawLabelledList, item.ordinal != nil, item.indent == listIndent {
                    drafts.append(listStep(item)); usedBlocks.append(block)
                } else if titled, !sawLabelledList, let bulletIndent, !item.isCheckbox, item.indent == bulletIndent {
                    drafts.append(listStep(item)); usedBlocks.append(block)
                } else if titled, !sawLabelledList, item.ordinal == nil, !item.isCheckbox, let last = drafts.indices.last, item.indent > (listIndent ?? bulletIndent ?? 0) {
                    drafts[last].checklist.append(ChecklistItem(text: MarkdownText.plain(item.text), source: item.line))
                    usedBlocks.append(block)
                }
            default: break
            }
        }
        guard !drafts.isEmpty, structured || titled else { return false }
        var procedure = Procedure(id: "", title: section.title, steps: [], source: section.line)
        readProcedureFields(section.blocks, into: &procedure, state: &state)
        if let parent = section.parent, parent != 0, tree.sections[parent].level >= 2 {
            procedure.group = tree.sections[parent].title
        }
        procedure.steps = drafts.enumerated().map { $0.element.step(number: $0.offset + 1) }
        procedure.id = state.ids.make(procedure.title, kind: "procedure", fallback: "procedure")
        state.runbook.procedures.append(procedure)
        for block in usedBlocks { state.use(block) }
        for draft in drafts { state.used.insert(draft.line) }
        state.use(lines: labelLines)
        state.used.insert(section.line)
        return true
    }

    /// A step from a list item: "Restore the backup — DBA (30 min)", "**Drain:** …".
    static func listStep(_ item: SourceListItem) -> DraftStep {
        var text = MarkdownText.plain(item.text)
        var draft = DraftStep(action: text, line: item.line)
        if let paren = MarkdownText.trailingParenthesis(text) {
            var consumed = false
            for part in paren.inner.split(separator: ",").map({ $0.trimmingSpaces }) {
                if let timing = ImportTiming.parse(part) { draft.duration = timing; consumed = true }
                else if let pair = MarkdownText.keyValue(part), ["owner", "who", "responsible"].contains(pair.key.lowercased()) {
                    draft.owner = pair.value; consumed = true
                }
            }
            if consumed { text = paren.head }
        }
        for separator in [" — ", " -- ", " – "] {
            if let range = text.range(of: separator, options: .backwards) {
                let owner = text[range.upperBound...].trimmingSpaces
                if !owner.isEmpty, owner.split(separator: " ").count <= 4, draft.owner == nil {
                    draft.owner = owner
                    text = String(text[..<range.lowerBound])
                }
                break
            }
        }
        draft.action = text.trimmingSpaces
        // An item that is only "(5 min)" keeps its whole text as the action.
        if draft.action.isEmpty { draft.action = MarkdownText.plain(item.text) }
        return draft
    }
}
