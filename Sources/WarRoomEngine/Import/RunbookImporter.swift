import Foundation

/// Turns a Markdown or text runbook into a `Runbook`, and says what it placed and what it
/// could not. It never invents: every item carries its source line, and each block of the
/// source that found no place is listed in the report.
public enum RunbookImporter {
    /// The runbook and report for a document; fails when nothing recognisable is in it.
    public static func run(_ document: ImportDocument) throws(ImportFailure) -> (runbook: Runbook, report: ImportReport) {
        let (blocks, frontTitle) = BlockScanner.scan(document.lines)
        let tree = SectionTree(blocks: blocks)
        let title = frontTitle ?? tree.sections.first(where: { $0.level == 1 })?.title ?? tree.sections.dropFirst().first?.title ?? "Imported runbook"
        var state = ImportState(runbook: Runbook(id: RunbookID.slug(title, fallback: "imported-runbook"), title: title), tree: tree)
        if let heading = tree.sections.first(where: { $0.title == title }) { state.used.insert(heading.line) }
        // Trees first: a drawing may sit inside a step that a procedure takes whole.
        for index in tree.sections.indices { recogniseTrees(index, state: &state) }
        for index in tree.sections.indices where !state.consumedSections.contains(index) {
            recognise(index, state: &state)
        }
        // Structure first: what the recognisers of known shapes left is read by its shape and content.
        ProseFacts.run(&state)
        StructureRecognizer.run(&state)
        ProcedureLinker.link(&state)
        var report = ImportReport(document: document.name, repairedLines: document.repairedLines)
        report.notes = state.reportNotes
        report.unplaced = unplaced(blocks, used: state.used)
        let runbook = state.runbook
        report.placed = [
            .init(kind: "procedures", count: runbook.procedures.count),
            .init(kind: "steps", count: runbook.procedures.reduce(0) { $0 + $1.steps.count }),
            .init(kind: "triggers", count: runbook.triggers.count),
            .init(kind: "decision trees", count: runbook.decisionTrees.count),
            .init(kind: "contingency plans", count: runbook.contingencies.count),
            .init(kind: "communication audiences", count: runbook.communications.count),
            .init(kind: "templates", count: runbook.templates.count),
            .init(kind: "contacts", count: runbook.contacts.count),
            .init(kind: "post-incident groups", count: runbook.postIncident.count),
            .init(kind: "checklists", count: runbook.checklists.count),
            .init(kind: "tests", count: runbook.tests.count),
            .init(kind: "last known good", count: runbook.lastKnownGood.count),
        ]
        let structural = runbook.procedures.count + runbook.triggers.count + runbook.decisionTrees.count + runbook.contingencies.count
            + runbook.communications.count + runbook.contacts.count + runbook.postIncident.count + runbook.checklists.count
        guard structural > 0 else {
            report.refusal = "no procedures, steps, triggers, decision trees, contingency plans, communications, contacts or checklists: "
                + "no ordered list, list of actions, headings naming actions, step table, command under an instruction or alert condition was found"
            throw ImportFailure(message: "\(document.name): no recognisable runbook structure (no procedures, steps, triggers, decision trees, contingency plans, communications, contacts or checklists)", report: report)
        }
        return (runbook, report)
    }

    static func recogniseTrees(_ index: Int, state: inout ImportState) {
        let section = state.tree.sections[index]
        for block in section.blocks {
            if case .code(let code) = block, CodeSteps.isTree(code) {
                if let decision = DecisionTreeRecognizer.read(code, title: treeTitle(section, before: code.line), state: &state) {
                    state.runbook.decisionTrees.append(decision)
                    state.use(block)
                } else {
                    state.note(code.line, "a drawing that looks like a decision tree could not be read as one")
                }
            }
        }
    }

    static func recognise(_ index: Int, state: inout ImportState) {
        let tree = state.tree
        let section = tree.sections[index]
        if ContingencyRecognizer.recognise(index, state: &state) { return }
        if ProcedureRecognizer.headingProcedure(index, state: &state) { return }
        if DocumentRecognizer.postIncident(index, state: &state) { return }
        if tree.titleMentions(index, ["philosophy", "principles"]) { DocumentRecognizer.principles(index, state: &state) }
        var handled = false
        for block in section.blocks {
            guard case .table(let table) = block else { continue }
            handled = TableRecognizer.dispatch(RoledTable(table), section: index, state: &state) || handled
        }
        let isTrigger = TriggerRecognizer.isTriggerSection(index, tree: tree)
        if isTrigger { TriggerRecognizer.fromLists(index, state: &state) }
        if !handled, CommsRecognizer.isCommsSection(index, tree: tree) { CommsRecognizer.fromSection(index, state: &state) }
        if tree.pathMentions(index, ["contact", "escalation"]) { ContactRecognizer.fromLines(index, state: &state) }
        if !handled, !isTrigger, !ProcedureRecognizer.blockProcedure(index, state: &state), tree.titleMentions(index, ["checklist"]) {
            _ = DocumentRecognizer.checklist(index, state: &state)
        }
        // A `Version:` under last-known-good versions is a version of the system, not of the document.
        let isKnownGood = tree.pathMentions(index, ["known good", "known-good"])
        for block in section.blocks where !state.used.contains(block.line) {
            if !isKnownGood { DocumentRecognizer.documentField(block, state: &state) }
            if case .text(let text) = block, !state.used.contains(text.line) {
                let plain = MarkdownText.plain(text.text)
                if plain.uppercased().hasPrefix("WARNING") || plain.unicodeScalars.first == "⚠" {
                    state.runbook.warnings.append(plain)
                    state.use(block)
                }
            }
        }
    }

    /// The label just above a tree ("**Decision Tree:**") or the section title.
    static func treeTitle(_ section: SourceSection, before line: Int) -> String {
        let labels = section.blocks.compactMap { block -> (String, Int)? in
            guard case .text(let text) = block, text.line < line, let pair = MarkdownText.keyValue(text.text), pair.value.isEmpty else { return nil }
            return (pair.key, text.line)
        }
        if let label = labels.last, label.1 >= line - 2, label.0.lowercased() != "decision tree" { return label.0 }
        let title = ProcedureRecognizer.stepTitle(section.title).action
        return title.isEmpty ? "Decision tree" : title
    }

    /// Blocks none of whose lines were placed.
    static func unplaced(_ blocks: [SourceBlock], used: Set<Int>) -> [ImportReport.Unplaced] {
        blocks.compactMap { block in
            if case .heading = block { return nil }
            guard !block.lines.contains(where: used.contains) else { return nil }
            let excerpt: String
            switch block {
            case .text(let text): excerpt = text.text
            case .item(let item): excerpt = "- " + item.text
            case .table(let table): excerpt = "table: " + table.header.joined(separator: " | ")
            case .code(let code): excerpt = "code block (\(code.lines.count) lines)" + (code.info.isEmpty ? "" : " \(code.info)")
            case .heading(let heading): excerpt = heading.text
            }
            return ImportReport.Unplaced(line: block.line, excerpt: String(excerpt.prefix(100)))
        }
    }
}
