import Foundation

/// Finds procedures: sections of `Step N:` headings, step tables, code blocks whose
/// comments number the steps, labelled command blocks, and numbered step lists.
enum ProcedureRecognizer {
    /// Words in a section path that mean its content is something other than a procedure.
    static let elsewhere = ["communicat", "notification", "contact", "trigger", "criteria", "decision tree", "decision matrix",
                            "root cause", "rca", "template", "scenario", "contingenc", "escalation", "testing schedule",
                            "post-mortem", "postmortem", "lessons", "philosophy", "principle", "overview", "purpose",
                            "dependencies", "hygiene", "metrics"]
    /// Words in a title that make a section a candidate procedure.
    static let procedureWords = ["rollback", "roll back", "procedure", "recovery", "restore", "restoration", "failover",
                                 "revert", "runbook", "migration", "method", "steps", "validation", "verification"]

    static func isStepHeading(_ title: String) -> Bool {
        let lower = title.lowercased()
        guard lower.hasPrefix("step ") else { return false }
        return lower.dropFirst(5).first?.isNumber == true
    }

    /// "Step 2: Execute Rollback (3-5 minutes)" → ("Execute Rollback", 3-5m).
    static func stepTitle(_ title: String) -> (action: String, duration: Timing?) {
        var text = title
        if isStepHeading(text) {
            let rest = text.dropFirst(5).drop(while: { $0.isNumber })
            text = String(rest.drop(while: { $0 == ":" || $0 == "." || $0 == " " || $0 == "-" || $0 == "—" }))
        }
        let parsed = ImportTiming.fromHeading(text)
        // "Step 3 (5 minutes)" has no words of its own: keep the heading as the action.
        return parsed.title.isEmpty ? (title, parsed.timing) : (parsed.title, parsed.timing)
    }

    // MARK: - Step headings

    /// A section whose children are `Step N` headings, or a `Method N` section with child
    /// headings: one step per child.
    static func headingProcedure(_ index: Int, state: inout ImportState) -> Bool {
        let tree = state.tree
        let section = tree.sections[index]
        let children = section.children.filter { !state.consumedSections.contains($0) }
        guard !children.isEmpty else { return false }
        let hasStepChildren = children.contains { isStepHeading(tree.sections[$0].title) }
        let isMethod = section.title.lowercased().hasPrefix("method ") && !tree.pathMentions(index, elsewhere)
        guard hasStepChildren || isMethod || validationGroup(index, state: state) else { return false }
        var procedure = Procedure(id: "", title: section.title, steps: [], source: section.line)
        var titleLine = section.line
        if !hasStepChildren, !isMethod, let parent = section.parent, parent != 0,
           tree.sections[parent].children.count == 1, tree.sections[parent].blocks.isEmpty {
            procedure.title = tree.sections[parent].title
            procedure.source = tree.sections[parent].line
            titleLine = tree.sections[parent].line
            state.used.insert(titleLine)
        }
        readProcedureFields(section.blocks, into: &procedure, state: &state)
        var drafts: [DraftStep] = []
        for child in children {
            let childSection = tree.sections[child]
            let lower = childSection.title.lowercased()
            if lower.has("prerequisite") {
                procedure.prerequisites += checklistItems(in: tree.subtree(child).flatMap { tree.sections[$0].blocks }, state: &state)
                state.consume(section: child)
                continue
            }
            let (action, duration) = stepTitle(childSection.title)
            var draft = DraftStep(action: action, duration: duration, line: childSection.line)
            attach(tree.subtree(child).flatMap { tree.sections[$0].blocks }, to: &draft, state: &state)
            drafts.append(draft)
            state.consume(section: child)
        }
        guard !drafts.isEmpty else { return false }
        windowsToDeadlines(&drafts, state: &state)
        procedure.steps = drafts.enumerated().map { $0.element.step(number: $0.offset + 1) }
        procedure.id = state.ids.make(procedure.title, kind: "procedure", fallback: "procedure")
        state.runbook.procedures.append(procedure)
        state.consume(section: index)
        return true
    }

    /// A section of two or more leaf sections that each hold commands or a checklist, in a
    /// validation or verification part of the document: each leaf is a step.
    static func validationGroup(_ index: Int, state: ImportState) -> Bool {
        let tree = state.tree
        let section = tree.sections[index]
        guard section.children.count >= 2, !tree.pathMentions(index, elsewhere),
              tree.pathMentions(index, ["validation", "verification", "checks"]) else { return false }
        return section.children.allSatisfy { child in
            let blocks = tree.sections[child].blocks
            guard tree.sections[child].children.isEmpty else { return false }
            let hasWork = blocks.contains { block in
                if case .code(let code) = block { return !CodeSteps.isTree(code) }
                if case .item(let item) = block { return item.isCheckbox }
                return false
            }
            let isOwnProcedure = blocks.contains { block in
                if case .code(let code) = block { return CodeSteps.numberedSteps(code) != nil }
                return false
            }
            return hasWork && !isOwnProcedure
        }
    }

    /// Phase windows ("0-5 minutes", "5-10 minutes", "10-15 minutes": consecutive ranges
    /// from 0) are time slots measured from the start, so each step is due by the end of its
    /// window: `within 5m`, `within 10m`, `within 15m`.
    static func windowsToDeadlines(_ drafts: inout [DraftStep], state: inout ImportState) {
        var edge = 0
        var ends: [Int] = []
        for draft in drafts {
            guard case .range(let low, let high)? = draft.duration, low == edge else { return }
            ends.append(high)
            edge = high
        }
        guard ends.count >= 2 else { return }
        for index in drafts.indices { drafts[index].duration = .within(seconds: ends[index]) }
        if let first = drafts.first {
            state.note(first.line, "step times read as consecutive phase windows (0-5, 5-10, …): each step is due by the end of its window")
        }
    }

    /// Commands, checklist, expected output and owner for a heading step from its blocks.
    static func attach(_ blocks: [SourceBlock], to draft: inout DraftStep, state: inout ImportState) {
        var label: String?
        for block in blocks {
            switch block {
            case .code(let code):
                if CodeSteps.isTree(code) { label = nil; continue }
                let lowered = label?.lowercased() ?? ""
                if lowered.has("output") || lowered.has("expected") || lowered.has("example") {
                    draft.notes = ProcedureFields.join(draft.notes, "\(label ?? "Output"):\n" + code.text)
                } else {
                    draft.commands = draft.commands.map { $0 + "\n\n" + code.text } ?? code.text
                }
                state.use(block)
                label = nil
            case .item(let item) where item.isCheckbox:
                draft.checklist.append(ChecklistItem(text: MarkdownText.plain(item.text), source: item.line))
                state.use(block)
            case .text(let text):
                if let pair = MarkdownText.keyValue(text.text) {
                    let key = pair.key.lowercased()
                    if ["owner", "responsible", "who", "role"].contains(key), !pair.value.isEmpty {
                        draft.owner = pair.value; state.use(block)
                    } else if ["duration", "time", "eta", "estimated duration"].contains(key), let timing = ImportTiming.parse(pair.value) {
                        draft.duration = timing; state.use(block)
                    } else if pair.value.isEmpty {
                        label = pair.key; state.use(block)
                    }
                }
            default: break
            }
        }
    }

    static func checklistItems(in blocks: [SourceBlock], state: inout ImportState) -> [ChecklistItem] {
        var items: [ChecklistItem] = []
        for block in blocks {
            if case .item(let item) = block {
                items.append(ChecklistItem(text: MarkdownText.plain(item.text), source: item.line))
                state.use(block)
            }
        }
        return items
    }

    /// Procedure fields from the text blocks of a section.
    static func readProcedureFields(_ blocks: [SourceBlock], into procedure: inout Procedure, state: inout ImportState) {
        for block in blocks {
            guard case .text(let text) = block else { continue }
            if ProcedureFields.apply(text.text, line: text.line, to: &procedure, state: &state) { continue }
            let plain = MarkdownText.plain(text.text)
            if plain.uppercased().hasPrefix("WARNING") || plain.unicodeScalars.first == "⚠" {
                procedure.warnings.append(plain)
                state.use(block)
            }
        }
    }
}
