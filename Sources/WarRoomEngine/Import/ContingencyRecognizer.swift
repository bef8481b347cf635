import Foundation

/// Finds contingency plans: `Contingency: …`, `Plan A: …`, `Scenario 1: …` sections with a
/// trigger, expected behaviour, an action table, list or numbered script, and RTO / RPO.
enum ContingencyRecognizer {
    static func isPlanTitle(_ title: String) -> Bool {
        let lower = title.lowercased()
        if lower.hasPrefix("contingency") { return true }
        for prefix in ["plan ", "scenario "] where lower.hasPrefix(prefix) {
            let rest = lower.dropFirst(prefix.count)
            let token = rest.prefix(while: { $0 != ":" && $0 != " " })
            if !token.isEmpty, token.count <= 3, rest.dropFirst(token.count).hasPrefix(":") { return true }
        }
        return false
    }

    private enum Mode { case none, expected, actions, objectives, other(String) }

    /// A contingency plan from the section, if it has at least one action.
    static func recognise(_ index: Int, state: inout ImportState) -> Bool {
        let section = state.tree.sections[index]
        guard isPlanTitle(section.title), !state.consumedSections.contains(index) else { return false }
        // "Contingency Plans" above "Contingency: …" sections is a heading, not a plan.
        guard !section.children.contains(where: { isPlanTitle(state.tree.sections[$0].title) }) else { return false }
        var plan = ContingencyPlan(id: "", title: section.title, actions: [], source: section.line)
        var mode = Mode.none
        var topIndent = Int.max
        var drafts: [DraftStep] = []
        var used: [SourceBlock] = []
        for block in state.tree.subtree(index).flatMap({ state.tree.sections[$0].blocks }) {
            switch block {
            case .text(let text):
                if let pair = MarkdownText.keyValue(text.text), text.text.hasPrefix("**") {
                    if apply(pair, to: &plan, mode: &mode) { used.append(block) }
                } else if plan.trigger == nil, drafts.isEmpty, !text.text.hasPrefix("*(") {
                    plan.trigger = MarkdownText.plain(text.text); used.append(block)
                }
            case .table(let table):
                let roled = RoledTable(table)
                guard roled.has(.action) else { continue }
                drafts += ProcedureRecognizer.tableSteps(roled); used.append(block)
            case .code(let code):
                if let steps = CodeSteps.numberedSteps(code) ?? CodeSteps.commentGroups(code) { drafts += steps; used.append(block) }
            case .item(let item):
                topIndent = min(topIndent, item.indent)
                if item.indent == topIndent, let pair = MarkdownText.keyValue(item.text), item.text.hasPrefix("**") {
                    if apply(pair, to: &plan, mode: &mode) { used.append(block) }
                    continue
                }
                switch mode {
                case .expected: plan.expectedBehaviour.append(MarkdownText.plain(item.text)); used.append(block)
                case .actions:
                    if item.ordinal != nil { drafts.append(ProcedureRecognizer.listStep(item)); used.append(block) }
                    else if let last = drafts.indices.last {
                        drafts[last].notes = ProcedureFields.join(drafts[last].notes, MarkdownText.plain(item.text)); used.append(block)
                    }
                case .objectives:
                    if let pair = MarkdownText.keyValue(item.text) { _ = apply(pair, to: &plan, mode: &mode); used.append(block) }
                case .other(let key):
                    plan.notes = ProcedureFields.join(plan.notes, "\(key): \(MarkdownText.plain(item.text))"); used.append(block)
                case .none:
                    if item.ordinal != nil { drafts.append(ProcedureRecognizer.listStep(item)); used.append(block) }
                }
            case .heading: break
            }
        }
        guard !drafts.isEmpty else { return false }
        plan.actions = drafts.enumerated().map { $0.element.step(number: $0.offset + 1) }
        plan.id = state.ids.make(section.title, kind: "contingency", fallback: "plan")
        state.runbook.contingencies.append(plan)
        for block in used { state.use(block) }
        state.consume(section: index)
        return true
    }

    /// Applies a `**Key:** value` line of a plan; returns whether it was placed.
    private static func apply(_ pair: (key: String, value: String), to plan: inout ContingencyPlan, mode: inout Mode) -> Bool {
        let key = pair.key.lowercased()
        let value = pair.value
        if key == "trigger" || key == "triggers" { plan.trigger = value; mode = .none; return true }
        if key == "objective" { plan.objective = value; mode = .none; return true }
        if key == "strategy" { plan.strategy = value; mode = .none; return true }
        if key == "rto", let seconds = objective(value) { plan.rto = seconds; return true }
        if key == "rpo", let seconds = objective(value) { plan.rpo = seconds; return true }
        if key.has("rto") || key.has("rpo") { mode = .objectives; return true }
        if key.has("expected") || key.has("automat") {
            mode = .expected
            if !value.isEmpty { plan.expectedBehaviour.append(value) }
            return true
        }
        if key.has("action") || key.has("manual") || key.has("steps") || key.has("runbook") {
            mode = .actions
            if !value.isEmpty { plan.notes = ProcedureFields.join(plan.notes, "\(pair.key): \(value)") }
            return true
        }
        mode = .other(pair.key)
        if !value.isEmpty { plan.notes = ProcedureFields.join(plan.notes, "\(pair.key): \(value)") }
        return true
    }

    /// "< 4 hours (driven by …)" → 14400.
    static func objective(_ value: String) -> Int? {
        var text = value
        if let paren = text.firstIndex(of: "(") { text = String(text[..<paren]) }
        text = text.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "<≤~. "))
        return try? DurationText.parseLength(text).get()
    }
}
