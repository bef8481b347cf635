import Foundation

/// The runbook as readable terminal text, for `warroom show`: objectives, triggers, trees
/// drawn as trees, procedures with step tables and estimates, contingencies, comms
/// cadences, contacts and the rest, in the order an incident team reads them.
///
/// Every string from the runbook passes through `TextSanitizer`, so escape sequences in a
/// hostile file are shown, never acted on.
public struct RunbookSummary {
    public var runbook: Runbook
    /// The width to fit tables into.
    public var width: Int

    public init(runbook: Runbook, width: Int = 100) {
        self.runbook = runbook
        self.width = max(60, width)
    }

    /// The whole summary as lines.
    public func lines() -> [String] {
        var out: [String] = []
        header(&out)
        objectives(&out)
        list("PRINCIPLES", runbook.principles, &out)
        list("WARNINGS", runbook.warnings.map { $0.hasPrefix("⚠") ? $0 : "⚠ " + $0 }, &out)
        triggers(&out)
        trees(&out)
        matrices(&out)
        authority(&out)
        procedures(&out)
        contingencies(&out)
        communications(&out)
        templates(&out)
        contacts(&out)
        checklists(&out)
        postIncident(&out)
        rca(&out)
        tests(&out)
        knownGood(&out)
        list("REFERENCES", runbook.references, &out)
        return out
    }

    /// The whole summary as one string.
    public func render() -> String { lines().joined(separator: "\n") + "\n" }

    // MARK: - Helpers

    private func line(_ text: String) -> String { TextSanitizer.line(text) }

    /// A table cell: line breaks become spaces (a cell is one line), everything else is
    /// sanitised like any line.
    private func cell(_ text: String?) -> String {
        TextSanitizer.line((text ?? "").split(separator: "\n", omittingEmptySubsequences: false).joined(separator: " "))
    }

    private func section(_ title: String, _ out: inout [String]) {
        out.append("")
        out.append(title)
        out.append(String(repeating: "═", count: min(width, max(DisplayWidth.of(title), 8))))
    }

    private func paragraph(_ text: String, indent: String, _ out: inout [String]) {
        let clean = TextSanitizer.block(text.trimmingCharacters(in: .whitespacesAndNewlines))
        for wrapped in DisplayWidth.wrap(clean, to: width - DisplayWidth.of(indent)) { out.append(indent + wrapped) }
    }

    private func field(_ name: String, _ value: String?, indent: String, _ out: inout [String]) {
        guard let value = value?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return }
        let prefix = "\(name): "
        let wrapped = DisplayWidth.wrap(TextSanitizer.block(value), to: width - DisplayWidth.of(indent + prefix))
        for (index, text) in wrapped.enumerated() {
            out.append(indent + (index == 0 ? prefix : String(repeating: " ", count: DisplayWidth.of(prefix))) + text)
        }
    }

    private func block(_ title: String, _ text: String?, indent: String, _ out: inout [String]) {
        guard let text = text?.trimmingCharacters(in: .newlines), !text.isEmpty else { return }
        if !title.isEmpty { out.append(indent + title) }
        for codeLine in TextSanitizer.block(text).split(separator: "\n", omittingEmptySubsequences: false) {
            out.append(indent + "│ " + codeLine)
        }
    }

    private func checklist(_ items: [ChecklistItem], indent: String, _ out: inout [String]) {
        for item in items {
            let wrapped = DisplayWidth.wrap(line(item.text), to: width - DisplayWidth.of(indent) - 2)
            for (index, text) in wrapped.enumerated() { out.append(indent + (index == 0 ? "☐ " : "  ") + text) }
            checklist(item.items, indent: indent + "  ", &out)
        }
    }

    private func list(_ title: String, _ items: [String], _ out: inout [String]) {
        guard !items.isEmpty else { return }
        section(title, &out)
        for item in items {
            let wrapped = DisplayWidth.wrap(line(item), to: width - 4)
            for (index, text) in wrapped.enumerated() { out.append((index == 0 ? "  • " : "    ") + text) }
        }
    }

    private func estimateText(_ estimate: (best: Int, worst: Int)) -> String {
        estimate.best == estimate.worst ? DurationText.compact(estimate.best)
            : "\(DurationText.compact(estimate.best))–\(DurationText.compact(estimate.worst))"
    }

    // MARK: - Sections

    private func header(_ out: inout [String]) {
        out.append(line(runbook.title))
        out.append(String(repeating: "━", count: min(width, max(8, DisplayWidth.of(line(runbook.title))))))
        var facts = ["id \(line(runbook.id))", "format \(runbook.format)"]
        if let system = runbook.system { facts.append("system \(line(system))") }
        out.append(facts.joined(separator: " · "))
        if let document = runbook.document {
            let parts: [(String, String?)] = [("version", document.version), ("owner", document.owner), ("updated", document.updated),
                                              ("next review", document.nextReview), ("review", document.reviewFrequency),
                                              ("classification", document.classification), ("contact", document.contact)]
            let text = parts.compactMap { name, value in value.map { "\(name) \(line($0))" } }.joined(separator: " · ")
            if !text.isEmpty { paragraph(text, indent: "", &out) }
            for approval in document.approvals {
                out.append("approved by \(line(approval.name ?? "—")) (\(line(approval.role)))\(approval.date.map { " on \(line($0))" } ?? "")")
            }
        }
        if let summary = runbook.summary {
            out.append("")
            paragraph(summary, indent: "", &out)
        }
    }

    private func objectives(_ out: inout [String]) {
        guard let objectives = runbook.objectives else { return }
        section("OBJECTIVES", &out)
        var parts: [String] = []
        if let rto = objectives.rto { parts.append("RTO \(DurationText.compact(rto))") }
        if let rpo = objectives.rpo { parts.append("RPO \(DurationText.compact(rpo))") }
        if !parts.isEmpty { out.append("  " + parts.joined(separator: " · ")) }
        if let notes = objectives.notes { paragraph(notes, indent: "  ", &out) }
        if !objectives.targets.isEmpty {
            out += TextTable(headers: ["Metric", "Target"], rows: objectives.targets.map { [cell($0.metric), cell($0.target)] }, wrapping: [0, 1]).render(width: width)
        }
    }

    private func triggers(_ out: inout [String]) {
        guard !runbook.triggers.isEmpty else { return }
        let automatic = runbook.triggers.filter { $0.kind == .automatic }.count
        section("TRIGGERS (\(automatic) automatic, \(runbook.triggers.count - automatic) manual)", &out)
        var group: String?
        for trigger in runbook.triggers {
            if trigger.group != group, let heading = trigger.group {
                out.append("  \(line(heading))")
            }
            group = trigger.group
            let badge = trigger.kind == .automatic ? "AUTO  " : "MANUAL"
            let level = trigger.level.map { " [\($0.rawValue.uppercased())]" } ?? ""
            let wrapped = DisplayWidth.wrap(line(trigger.condition) + level, to: width - 12)
            for (index, text) in wrapped.enumerated() { out.append((index == 0 ? "  \(badge)  " : String(repeating: " ", count: 10)) + text) }
            var facts: [String] = []
            if let threshold = trigger.threshold { facts.append("threshold \(line(threshold.description))") }
            if let detection = trigger.detection { facts.append("detected by \(line(detection))") }
            if let decidedBy = trigger.decidedBy { facts.append("decided by \(line(decidedBy))") }
            if let severity = trigger.severity { facts.append("severity \(line(severity))") }
            if let action = trigger.action { facts.append("action \(line(action))") }
            if let leadsTo = trigger.leadsTo { facts.append("→ \(line(leadsTo))") }
            if let time = trigger.timeToDecision { facts.append("decide \(time)") }
            if !facts.isEmpty {
                for text in DisplayWidth.wrap(facts.joined(separator: " · "), to: width - 10) { out.append(String(repeating: " ", count: 10) + text) }
            }
        }
    }

    private func trees(_ out: inout [String]) {
        guard !runbook.decisionTrees.isEmpty else { return }
        section("DECISION TREES", &out)
        for tree in runbook.decisionTrees {
            out.append("  \(line(tree.title)) [\(line(tree.id))]")
            guard let root = tree.node(tree.root) else { continue }
            out.append("  ◇ " + line(root.question))
            drawAnswers(of: root, in: tree, prefix: "  ", path: [root.id], &out)
            out.append("")
        }
        if out.last == "" { out.removeLast() }
    }

    private func drawAnswers(of node: DecisionNode, in tree: DecisionTree, prefix: String, path: Set<String>, _ out: inout [String]) {
        for (index, answer) in node.answers.enumerated() {
            let last = index == node.answers.count - 1
            let branch = prefix + (last ? "└── " : "├── ") + line(answer.label) + " → "
            let childPrefix = prefix + (last ? "    " : "│   ")
            if let next = tree.node(answer.goto), !path.contains(next.id) {
                out.append(branch + "◇ " + line(next.question))
                drawAnswers(of: next, in: tree, prefix: childPrefix, path: path.union([next.id]), &out)
            } else if let outcome = tree.outcome(answer.goto) {
                var text = branch + "■ " + line(outcome.title)
                if let procedure = outcome.procedure { text += " ▶ \(line(procedure))" }
                if let limit = outcome.timeLimit { text += " (\(limit))" }
                out.append(text)
                if let notes = outcome.notes { paragraph(notes, indent: childPrefix + "  ", &out) }
            } else {
                out.append(branch + line(answer.goto))
            }
        }
    }

    private func matrices(_ out: inout [String]) {
        for matrix in runbook.decisionMatrices {
            section("DECISION MATRIX — \(line(matrix.title).uppercased())", &out)
            let hasDecision = matrix.rows.contains { $0.decision != nil }
            let hasAuthority = matrix.rows.contains { $0.authority != nil }
            let hasTime = matrix.rows.contains { $0.maxDecisionTime != nil }
            var headers = ["Severity"] + matrix.columns.map(cell)
            if hasDecision { headers.append("Decision") }
            if hasAuthority { headers.append("Authority") }
            if hasTime { headers.append("Max decision time") }
            let rows = matrix.rows.map { row -> [String] in
                var cells = [cell(row.severity)] + row.values.map(cell)
                if hasDecision { cells.append(cell(row.decision ?? "")) }
                if hasAuthority { cells.append(cell(row.authority ?? "")) }
                if hasTime { cells.append(row.maxDecisionTime?.description ?? "") }
                return cells
            }
            out += TextTable(headers: headers, rows: rows, wrapping: Set(1..<headers.count)).render(width: width)
        }
    }

    private func authority(_ out: inout [String]) {
        guard !runbook.authority.isEmpty else { return }
        section("ROLLBACK AUTHORITY", &out)
        let rows = runbook.authority.map { [cell($0.scenario), cell($0.decisionMaker), $0.approvalTime?.description ?? "", cell($0.notes ?? "")] }
        out += TextTable(headers: ["Scenario", "Decision maker", "Approval time", "Notes"], rows: rows, wrapping: [0, 1, 3])
            .droppingEmptyColumns(keeping: [0, 1]).render(width: width)
    }

    private func procedures(_ out: inout [String]) {
        guard !runbook.procedures.isEmpty else { return }
        section("PROCEDURES", &out)
        for (index, procedure) in runbook.procedures.enumerated() {
            if index > 0 { out.append("") }
            out.append("▶ \(line(procedure.title)) [\(line(procedure.id))]")
            var facts: [String] = []
            if let group = procedure.group { facts.append(line(group)) }
            if let estimate = procedure.estimate { facts.append("estimate \(estimate)") }
            let count = CountNotation.count(procedure.steps.count, "step")
            if procedure.steps.contains(where: { $0.duration?.estimate != nil }) {
                facts.append("\(count), \(estimateText(procedure.stepEstimate)) by step")
            } else {
                facts.append(count)
            }
            if let risk = procedure.risk { facts.append("risk \(line(risk))") }
            paragraph(facts.joined(separator: " · "), indent: "  ", &out)
            field("When", procedure.when, indent: "  ", &out)
            field("Data impact", procedure.dataImpact, indent: "  ", &out)
            if !procedure.approvals.isEmpty { field("Approvals", procedure.approvals.joined(separator: ", "), indent: "  ", &out) }
            for warning in procedure.warnings { field("⚠", warning, indent: "  ", &out) }
            if !procedure.prerequisites.isEmpty {
                out.append("  Prerequisites:")
                checklist(procedure.prerequisites, indent: "    ", &out)
            }
            stepTable(procedure.steps, durationTitle: "Duration", &out)
            block("Commands:", procedure.commands, indent: "  ", &out)
            field("Notes", procedure.notes, indent: "  ", &out)
        }
    }

    private func stepTable(_ steps: [Step], durationTitle: String, _ out: inout [String]) {
        let rows = steps.map { ["\($0.number)", cell($0.action), cell($0.owner ?? ""), $0.duration?.description ?? ""] }
        out += TextTable(headers: ["#", "Action", "Owner", durationTitle], rows: rows, wrapping: [1, 2])
            .droppingEmptyColumns(keeping: [0, 1]).render(width: width)
        for step in steps where step.commands != nil || !step.checklist.isEmpty || step.notes != nil {
            out.append("  Step \(step.number) — \(line(DisplayWidth.truncate(step.action, to: width - 12)))")
            checklist(step.checklist, indent: "    ", &out)
            block("Commands:", step.commands, indent: "    ", &out)
            field("Notes", step.notes, indent: "    ", &out)
        }
    }

    private func contingencies(_ out: inout [String]) {
        guard !runbook.contingencies.isEmpty else { return }
        section("CONTINGENCY PLANS", &out)
        for (index, plan) in runbook.contingencies.enumerated() {
            if index > 0 { out.append("") }
            out.append("◆ \(line(plan.title)) [\(line(plan.id))]")
            var objectives: [String] = []
            if let rto = plan.rto { objectives.append("RTO \(DurationText.compact(rto))") }
            if let rpo = plan.rpo { objectives.append("RPO \(DurationText.compact(rpo))") }
            if !objectives.isEmpty { out.append("  " + objectives.joined(separator: " · ")) }
            field("Trigger", plan.trigger, indent: "  ", &out)
            field("Objective", plan.objective, indent: "  ", &out)
            field("Strategy", plan.strategy, indent: "  ", &out)
            if !plan.expectedBehaviour.isEmpty {
                out.append("  Expected behaviour:")
                for item in plan.expectedBehaviour { paragraph("- " + item, indent: "    ", &out) }
            }
            stepTable(plan.actions, durationTitle: "Timeline", &out)
            field("Notes", plan.notes, indent: "  ", &out)
        }
    }

    private func communications(_ out: inout [String]) {
        guard !runbook.communications.isEmpty else { return }
        section("COMMUNICATIONS", &out)
        let rows = runbook.communications.map { audience -> [String] in
            var parts = audience.cadence.map { [$0.description] } ?? []
            if !audience.hooks.isEmpty { parts.append("on " + audience.hooks.map(\.rawValue).joined(separator: ", ")) }
            var cadence = parts.isEmpty ? "—" : parts.joined(separator: " + ")
            if let condition = audience.condition { cadence += " if \(condition)" }
            let template = audience.template.flatMap { runbook.template($0)?.name } ?? audience.template ?? ""
            return [cell(audience.audience), audience.scope.rawValue, cell(audience.channel ?? ""), cadence, cell(template)]
        }
        out += TextTable(headers: ["Audience", "Scope", "Channel", "Cadence", "Template"], rows: rows, wrapping: [0, 2, 3, 4]).render(width: width)
        for audience in runbook.communications where audience.notes != nil {
            field(line(audience.audience), audience.notes, indent: "  ", &out)
        }
    }

    private func templates(_ out: inout [String]) {
        guard !runbook.templates.isEmpty else { return }
        section("TEMPLATES", &out)
        for template in runbook.templates {
            var facts = [line(template.name) + " [\(line(template.id))]"]
            if let channel = template.channel { facts.append(line(channel)) }
            if let when = template.when { facts.append(line(when)) }
            out.append("  " + facts.joined(separator: " · "))
            block("", template.body, indent: "    ", &out)
        }
    }

    private func contacts(_ out: inout [String]) {
        guard !runbook.contacts.isEmpty else { return }
        section("CONTACTS", &out)
        func handles(_ person: Person?) -> String {
            guard let person else { return "—" }
            return ([person.phone].compactMap { $0 } + person.handles).map(cell).joined(separator: ", ")
        }
        let rows = runbook.contacts.map { [cell($0.role), cell($0.primary.name), handles($0.primary), cell($0.backup?.name ?? "—"), handles($0.backup)] }
        out += TextTable(headers: ["Role", "Primary", "Phone", "Backup", "Phone"], rows: rows, wrapping: [0, 1, 3]).render(width: width)
        for contact in runbook.contacts where contact.authority != nil || contact.notes != nil {
            field(line(contact.role), [contact.authority, contact.notes].compactMap { $0 }.joined(separator: " — "), indent: "  ", &out)
        }
    }

    private func checklists(_ out: inout [String]) {
        guard !runbook.checklists.isEmpty else { return }
        section("CHECKLISTS", &out)
        for list in runbook.checklists {
            out.append("  \(line(list.title)) [\(line(list.id))]\(list.when.map { " — \(line($0))" } ?? "")")
            checklist(list.items, indent: "    ", &out)
        }
    }

    private func postIncident(_ out: inout [String]) {
        guard !runbook.postIncident.isEmpty else { return }
        section("POST-INCIDENT", &out)
        for group in runbook.postIncident {
            out.append("  \(line(group.title)) (\(group.horizon))")
            checklist(group.items, indent: "    ", &out)
        }
    }

    private func rca(_ out: inout [String]) {
        guard let rca = runbook.rca else { return }
        section("ROOT CAUSE ANALYSIS" + (rca.title.map { " — \(line($0))" } ?? ""), &out)
        for section in rca.sections {
            out.append("  \(line(section.title))")
            for prompt in section.prompts { paragraph("- " + prompt, indent: "    ", &out) }
        }
    }

    private func tests(_ out: inout [String]) {
        guard !runbook.tests.isEmpty else { return }
        section("ROLLBACK TESTS", &out)
        let rows = runbook.tests.map { [cell($0.test), cell($0.frequency ?? ""), cell($0.last ?? ""), cell($0.next ?? ""), cell($0.result ?? "")] }
        out += TextTable(headers: ["Test", "Frequency", "Last", "Next", "Result"], rows: rows, wrapping: [0, 1])
            .droppingEmptyColumns().render(width: width)
    }

    private func knownGood(_ out: inout [String]) {
        guard !runbook.lastKnownGood.isEmpty else { return }
        section("LAST KNOWN GOOD", &out)
        let rows = runbook.lastKnownGood.map { [cell($0.version), cell($0.commit ?? ""), cell($0.date ?? ""), cell($0.status ?? ""), cell($0.notes ?? "")] }
        out += TextTable(headers: ["Version", "Commit", "Date", "Status", "Notes"], rows: rows, wrapping: [4])
            .droppingEmptyColumns().render(width: width)
    }
}
