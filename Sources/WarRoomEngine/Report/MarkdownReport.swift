/// The post-incident report as Markdown that reads well on its own: summary, timeline,
/// decision path, steps against estimates, communications, pages and approvals, and the
/// runbook's RCA skeleton to fill in.
public enum MarkdownReport {
    public static func render(_ report: IncidentReport) -> String {
        var md: [String] = []
        func t(_ text: String) -> String { inline(text) }
        func time(_ instant: Instant?) -> String { instant.map { String($0.iso8601.prefix(19)).replacingAll("T", with: " ") + "Z" } ?? "—" }
        func length(_ seconds: Int?) -> String { seconds.map { DurationText.clock($0) } ?? "—" }
        /// A heading line, a blank line, the bullets and a blank line; nothing when there are none.
        func bullets(_ heading: String, _ items: [String]) {
            guard !items.isEmpty else { return }
            md += [heading, ""] + items.map { "- " + $0 } + [""]
        }

        md.append("# Post-incident report: \(t(report.title))")
        md.append("")
        md.append("**\(t(report.incidentID))** · severity **\(t(report.severity ?? "—"))** · runbook *\(t(report.runbookTitle))* (`\(code(report.runbookPath))`)")
        md.append("")
        md.append("## Summary")
        md.append("")
        var summary: [String] = []
        if let declared = report.declaredAt {
            summary.append("Declared at \(time(declared)) by \(t(report.declaredBy ?? "?")).")
            if let first = report.severityChanges.first {
                let chain = [first.from] + report.severityChanges.map(\.to)
                summary.append("Severity went \(chain.map(t).joined(separator: " → ")).")
            }
        } else {
            summary.append("The incident was never declared.")
        }
        if let resolved = report.resolvedAt {
            summary.append("Resolved at \(time(resolved)): \(t(report.outcome ?? "")).")
        } else {
            summary.append("**Not resolved** when the journal ends (\(time(report.end))).")
        }
        md.append(summary.joined(separator: " "))
        md.append("")
        md.append("| Figure | Value |")
        md.append("|---|---|")
        md.append("| Time to decision (declared → first procedure started) | \(length(report.timeToDecision)) |")
        if let rto = report.rto {
            let restore = report.timeToRestore
            let verdict = restore.map { $0 <= rto ? "within RTO by \(DurationText.clock(rto - $0))" : "**RTO exceeded by \(DurationText.clock($0 - rto))**" } ?? "not restored"
            md.append("| Time to restore (declared → resolved) | \(length(restore)) against RTO \(DurationText.clock(rto)): \(verdict) |")
        } else {
            md.append("| Time to restore (declared → resolved) | \(length(report.timeToRestore)) (the runbook sets no RTO) |")
        }
        md.append("| Steps over their estimate | \(report.overruns.count) of \(report.steps.count) |")
        md.append("| Communications late or missed | \(report.lateCommunications.count) of \(report.communications.count) due |")
        md.append("| Contacts paged · approvals | \(report.pages.count) · \(report.approvals.count) |")
        md.append("")

        md.append("## Timeline")
        md.append("")
        md.append("| Milestone | Time (UTC) | Since declared |")
        md.append("|---|---|---|")
        for milestone in report.milestones {
            let since = milestone.at.flatMap { at in report.declaredAt.map { DurationText.signed(at.seconds(since: $0)) } } ?? "—"
            md.append("| \(milestone.name) | \(time(milestone.at)) | \(since) |")
        }
        md.append("")
        bullets("Triggers fired:", report.triggers.map { "\(time($0.at)) `\(code($0.id))` — \(t($0.condition))" })
        bullets("Severity changes:", report.severityChanges.map { "\(time($0.at)) \(t($0.from)) → \(t($0.to)) (\(t($0.by)))" })

        md.append("## Decision path")
        md.append("")
        if report.decisions.isEmpty { md.append("No decision tree was walked."); md.append("") }
        for decision in report.decisions {
            md.append("**\(t(decision.title))**")
            md.append("")
            for (index, answer) in decision.answers.enumerated() {
                md.append("\(index + 1). \(t(answer.question)) — **\(t(answer.answer))** (\(time(answer.at)))")
            }
            md.append("")
            var line = "Outcome: " + (decision.outcome.map { "**\(t($0))**" } ?? "*not reached*")
            if let spent = decision.timeSpent {
                line += "; \(DurationText.clock(spent)) from declaration"
                if let limit = decision.timeLimit {
                    line += spent <= limit ? " against a limit of \(DurationText.clock(limit)) (met)" : " against a limit of \(DurationText.clock(limit)) — **over by \(DurationText.clock(spent - limit))**"
                }
            }
            md.append(line + ".")
            md.append("")
        }

        md.append("## Procedures and steps")
        md.append("")
        if report.procedures.isEmpty { md.append("No procedure was started.") ; md.append("") }
        for procedure in report.procedures {
            var line = "**\(t(procedure.title))** (`\(code(procedure.id))`) — \(procedure.state.rawValue) in \(DurationText.clock(procedure.elapsed))"
            if let reason = procedure.reason { line += ": \(t(reason))" }
            md.append(line)
            md.append("")
            md.append("| # | Step | State | Estimate | Actual | Overrun |")
            md.append("|---:|---|---|---|---|---|")
            for step in report.steps where step.procedure == procedure.id {
                let state = step.state.rawValue + (step.reason.map { ": \(t($0))" } ?? "")
                let overrun = step.overrun.map { "**+\(DurationText.clock($0))**" } ?? ""
                md.append("| \(step.number) | \(t(EventText.firstLine(step.action))) | \(state) | \(step.estimate.map(t) ?? "—") | \(length(step.actual)) | \(overrun) |")
            }
            md.append("")
        }

        md.append("## Communications")
        md.append("")
        if report.communications.isEmpty {
            md.append("No communication fell due.")
        } else {
            md.append("| Audience | Due (UTC) | Why | Sent (UTC) | Late by |")
            md.append("|---|---|---|---|---|")
            for row in report.communications {
                let late = row.sent == nil ? "**never sent** (\(DurationText.clock(row.late)))" : (row.late > 0 ? "**\(DurationText.clock(row.late))**" : "on time")
                md.append("| \(t(row.audience)) | \(time(row.due)) | \(t(row.reason)) | \(time(row.sent)) | \(late) |")
            }
        }
        md.append("")
        bullets("Updates sent:", report.sent.map { audience, sent in
            let channel = sent.channel.isEmpty ? "" : " via \(t(sent.channel))"
            return "\(time(sent.at)) to **\(t(audience))**\(channel) by \(t(sent.by)): \(t(EventText.firstLine(sent.text)))"
        })

        md.append("## Pages and approvals")
        md.append("")
        if report.pages.isEmpty && report.approvals.isEmpty { md.append("None recorded.") }
        for page in report.pages { md.append("- \(time(page.at)) paged **\(t(page.contact))** (\(page.target.rawValue)): \(t(page.person)) — by \(t(page.by))") }
        for approval in report.approvals { md.append("- \(time(approval.at)) approval by **\(t(approval.approver))** for \(t(approval.subject)) — recorded by \(t(approval.by))") }
        md.append("")
        bullets("## Notes", report.notes.map { "\(time($0.at)) \(t($0.by)): \(t($0.text))" })

        if !report.log.isEmpty {
            md.append("## Event log")
            md.append("")
            md.append("<details><summary>\(report.log.count) events from the journal</summary>")
            md.append("")
            md.append("| # | Time (UTC) | By | Event |")
            md.append("|---:|---|---|---|")
            for entry in report.log {
                md.append("| \(entry.sequence) | \(entry.at.timeOfDay) | \(t(entry.operator)) | \(t(entry.text)) |")
            }
            md.append("")
            md.append("</details>")
            md.append("")
        }

        md.append("## Root cause analysis")
        md.append("")
        if let rca = report.rca, !rca.sections.isEmpty {
            if let title = rca.title { md.append("*\(t(title))* — to fill in.") ; md.append("") }
            for section in rca.sections {
                md.append("### \(t(section.title))")
                md.append("")
                for prompt in section.prompts { md.append("- \(t(prompt))") }
                if section.prompts.isEmpty { md.append("_To fill in._") }
                md.append("")
            }
        } else {
            for section in ["What happened", "Root cause", "Why it was not caught earlier", "What went well", "What to improve", "Action items"] {
                md.append("### \(section)")
                md.append("")
                md.append("_To fill in._")
                md.append("")
            }
        }
        return md.joined(separator: "\n")
    }

    /// Text for Markdown running text and table cells: control characters escaped, and the
    /// characters Markdown would act on (`|`, `*`, backticks, `<`, `\\`, a `_` at a word's edge,
    /// a `[` that could open a link) backslash-escaped.
    static func inline(_ text: String) -> String {
        var out = ""
        let characters = Array(TextSanitizer.line(text))
        for (index, character) in characters.enumerated() {
            switch character {
            case "|", "*", "`", "<", "\\": out.append("\\")
            case "_":
                // Inside a word (snake_case) an underscore is plain text; at a word's edge it could start emphasis.
                let before = index > 0 ? characters[index - 1] : " ", after = index + 1 < characters.count ? characters[index + 1] : " "
                if !(before.isLetter || before.isNumber) || !(after.isLetter || after.isNumber) { out.append("\\") }
            case "[" where characters[(index + 1)...].contains("]"):
                out.append("\\")   // could start a link
            default: break
            }
            out.append(character)
        }
        return out
    }

    /// Text inside a code span: sanitised, without backticks.
    static func code(_ text: String) -> String { TextSanitizer.line(text).replacingAll("`", with: "'") }
}
