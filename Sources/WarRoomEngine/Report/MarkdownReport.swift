/// The post-incident report as Markdown that reads well on its own: summary, timeline,
/// decision path, steps against estimates, communications, pages and approvals, and the
/// runbook's RCA skeleton to fill in.
public enum MarkdownReport {
    /// The whole report as one string, with the event log of `report.log` (if any).
    public static func render(_ report: IncidentReport) -> String {
        var text = ""
        write(report, log: StreamedEventLog<Never>?.none, to: &text)
        return text
    }

    /// Writes the report to `sink` a line at a time. With `log`, the event log is the one
    /// streamed from it (its events are described as they come, none held); without, it is
    /// `report.log`. The text is the same as `render`'s for the same events.
    public static func write<Sink: TextSink, Log: ReportEventLog>(_ report: IncidentReport, log: Log?,
                                                                 to sink: inout Sink) throws(Log.Failure) {
        var md = MarkdownLines(sink: sink)
        defer { sink = md.finish() }
        let notation = report.notation
        /// Runbook and journal text for running text and table cells: whole (lines joined), escaped.
        @Sendable func t(_ text: String) -> String { cell(text) }
        @Sendable func time(_ instant: Instant?) -> String { instant.map(notation.text) ?? "—" }
        func length(_ seconds: Int?) -> String { seconds.map(DurationNotation.text) ?? "—" }
        /// A heading line, a blank line, the bullets and a blank line; nothing when there are none.
        func bullets(_ heading: String, _ items: [String]) {
            guard !items.isEmpty else { return }
            md.append(heading)
            md.append("")
            for item in items { md.append("- " + item) }
            md.append("")
        }
        func table(_ header: [String], alignments: [String]? = nil, _ rows: [[String]]) {
            md.append("| " + header.joined(separator: " | ") + " |")
            md.append("|" + (alignments ?? header.map { _ in "---" }).joined(separator: "|") + "|")
            for row in rows { md.append("| " + row.joined(separator: " | ") + " |") }
            md.append("")
        }

        md.append("# Post-incident report: \(t(report.title))")
        md.append("")
        md.append("**\(t(report.incidentID))** · severity **\(t(report.severity ?? "—"))** · runbook *\(t(report.runbookTitle))* (`\(code(report.runbookPath))`)")
        md.append("")
        md.append("All times are UTC" + (notation.singleDay == nil ? "; the incident spans more than one day, so each time carries its date." : ", on \(report.declaredAt.map { String($0.iso8601.prefix(10)) } ?? String(report.end.iso8601.prefix(10))) unless a date is given."))
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
            if let declaredTitle = report.declaredTitle { summary.append("Declared as “\(t(declaredTitle))”, since retitled.") }
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
        var figures: [[String]] = []
        if let procedure = report.decidedProcedure {
            figures.append(["Time to decision (declared → start of `\(code(procedure))`, the procedure decided on)", length(report.timeToDecision)])
        } else {
            figures.append(["Time to decision (declared → start of the procedure decided on)", "no procedure decided on"])
        }
        if let first = report.firstAttempt {
            figures.append(["First attempt (declared → start of `\(code(first.procedure))`\(first.state.map { ", \($0.rawValue)" } ?? ""))", length(first.after)])
        }
        if let rto = report.rto {
            let restore = report.timeToRestore
            let verdict = restore.map { $0 <= rto ? "within RTO by \(length(rto - $0))" : "**RTO exceeded by \(length($0 - rto))**" } ?? "not restored"
            figures.append(["Time to restore (declared → resolved)", "\(length(restore)) against RTO \(length(rto)): \(verdict)"])
        } else {
            figures.append(["Time to restore (declared → resolved)", "\(length(report.timeToRestore)) (the runbook sets no RTO)"])
        }
        if let lost = report.dataLost, let point = report.recoveryPoint {
            let against = report.rpo.map { rpo in
                " against RPO \(length(rpo)): " + (lost <= rpo ? "within RPO by \(length(rpo - lost))" : "**RPO exceeded by \(length(lost - rpo))**")
            } ?? " (the runbook sets no RPO)"
            figures.append(["Data lost (newest data kept \(time(point.dataUpTo)) → detected)", length(lost) + against])
        } else if let rpo = report.rpo {
            figures.append(["Data lost", "no recovery point recorded (RPO \(length(rpo)))"])
        }
        figures.append(["Steps over their estimate", "\(report.overruns.count) of \(report.steps.count)"])
        let tally = report.communicationsTally
        figures.append(["Communications", tally.summary])
        figures.append(["Contacts paged · approvals", "\(report.pages.count) · \(report.approvals.count)"])
        table(["Figure", "Value"], figures)
        if let point = report.recoveryPoint {
            md.append("Recovery point: data up to \(time(point.dataUpTo)) survived — \(t(point.note)) (recorded at \(time(point.at)) by \(t(point.by))).")
            md.append("")
        }

        md.append("## People")
        md.append("")
        if report.roles.isEmpty {
            md.append("No roles were assigned.")
            md.append("")
        } else {
            table(["Role", "Person", "Since (UTC)"], report.roles.map { [t($0.role), t($0.person), time($0.at)] })
        }
        if !report.participants.isEmpty {
            let acted = report.participants.map { $0.events > 0 ? "\(t($0.name)) (\(CountNotation.count($0.events, "event")))" : t($0.name) }
            md.append("Everyone who acted: " + acted.joined(separator: ", ") + ".")
            md.append("")
        }

        md.append("## Timeline")
        md.append("")
        table(["Milestone", "Time (UTC)", "Since declared"], report.milestones.map { milestone in
            let since = milestone.at.flatMap { at in report.declaredAt.map { DurationNotation.signed(at.seconds(since: $0)) } } ?? "—"
            return [t(milestone.name), time(milestone.at), since]
        })
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
                line += "; \(length(spent)) from declaration"
                if let limit = decision.timeLimit {
                    line += spent <= limit ? " against a limit of \(length(limit)) (met)" : " against a limit of \(length(limit)) — **over by \(length(spent - limit))**"
                }
            }
            md.append(line + ".")
            md.append("")
        }

        md.append("## Procedures and steps")
        md.append("")
        if report.procedures.isEmpty { md.append("No procedure was started.") ; md.append("") }
        for procedure in report.procedures {
            var line = "**\(t(procedure.title))** (`\(code(procedure.id))`) — \(StepGlyph.symbol(procedure.state)) \(procedure.state.rawValue) in \(length(procedure.elapsed))"
            if let reason = procedure.reason { line += ": \(t(reason))" }
            md.append(line)
            md.append("")
            table(["#", "Step", "State", "Estimate", "Actual", "Overrun"], alignments: ["---:", "---", "---", "---", "---:", "---:"],
                  report.steps.filter { $0.procedure == procedure.id }.map { step in
                var state = "\(StepGlyph.symbol(step.state)) \(step.state.rawValue)"
                if step.state == .running, procedure.state == .abandoned { state += " when the procedure was abandoned" }
                if step.state == .skipped || (step.state == .failed && step.failures.isEmpty), let reason = step.reason { state += ": \(t(reason))" }
                let failures = step.failures.map { "\(StepGlyph.symbol(.failed)) failed at \(time($0.at)): \(t($0.reason))" }
                if step.state == .failed, let last = failures.last {
                    state = (failures.dropLast() + [last]).joined(separator: "; then ")
                } else if !failures.isEmpty {
                    state = failures.joined(separator: "; then ") + "; then " + state
                }
                let overrun = step.overrun.map { "**+\(length($0))**" } ?? ""
                return ["\(step.number)", t(step.action), state, step.estimate.map(t) ?? "—", length(step.actual), overrun]
            })
        }

        md.append("## Communications")
        md.append("")
        if report.communications.isEmpty {
            md.append("No communication fell due.")
            md.append("")
        } else {
            md.append("Counted by the rules of the runbook's communication plan: \(tally.summary).")
            md.append("")
            table(["Audience", "Due (UTC)", "Why", "Sent (UTC)", "Result"], report.communications.map { row in
                let result = row.sent == nil ? "**never sent** (\(length(row.late)) overdue at the end)" : (row.late > 0 ? "**late by \(length(row.late))**" : "on time")
                return [t(row.audienceName), time(row.due), t(row.reason), time(row.sent), result]
            })
        }
        bullets("Updates sent:", ParallelMap.map(report.sent) { sent in
            let channel = sent.sent.channel.isEmpty ? "" : " via \(t(sent.sent.channel))"
            return "\(time(sent.sent.at)) to **\(t(sent.audienceName))**\(channel) by \(t(sent.sent.by)): \(t(sent.sent.text))"
        })

        md.append("## Pages and approvals")
        md.append("")
        if report.pages.isEmpty && report.approvals.isEmpty { md.append("None recorded.") }
        for page in report.pages {
            let answer = page.acknowledgedAt.map { at in
                "; answered \(time(at)), after \(DurationNotation.text(max(0, at.seconds(since: page.at)))) (recorded by \(t(page.acknowledgedBy ?? "?")))"
            } ?? ""
            md.append("- \(time(page.at)) paged **\(t(report.contactRoles[page.contact] ?? page.contact))** (\(page.target.rawValue)): \(t(page.person)) — by \(t(page.by))" + answer)
        }
        for approval in report.approvals { md.append("- \(time(approval.at)) approval by **\(t(approval.approver))** for \(t(approval.subject)) — recorded by \(t(approval.by))") }
        md.append("")
        bullets("## Notes", ParallelMap.map(report.notes) { "\(time($0.at)) \(t($0.by)): \(t($0.text))" })

        /// The event log's heading, count and table head; its rows follow.
        func logHead(_ count: Int) {
            md.append("## Event log")
            md.append("")
            md.append("\(CountNotation.count(count, "event")) from the journal.")
            md.append("")
            md.append("| # | Time (UTC) | By | Event |")
            md.append("|---:|---|---|---|")
        }
        if let log {
            if log.count > 0 {
                logHead(log.count)
                try log.rows(notation: notation) { md.append(bytes: $0) }
                md.append("")
            }
        } else if !report.log.isEmpty {
            logHead(report.log.count)
            for entry in report.log { md.append(logRow(entry.sequence, entry.at, by: entry.operator, entry.text, notation: notation)) }
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
    }

    /// Every line of `text`, trimmed and joined with spaces: nothing is cut.
    static func joinedLines(_ text: String) -> String {
        // Printable ASCII has no line break and no whitespace but the space: only its ends can change.
        if DisplayWidth.isPrintableASCII(text), text.utf8.first != 0x20, text.utf8.last != 0x20 { return text }
        // One line with no whitespace at its ends is kept as it is.
        if !hasLineBreak(text), text.unicodeScalars.first?.properties.isWhitespace != true,
           text.unicodeScalars.last?.properties.isWhitespace != true { return text }
        return text.split(whereSeparator: \.isNewline).map { String($0).trimmed }.filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// Whether `text` holds a character that `Character.isNewline` calls a line break: LF,
    /// VT, FF, CR, NEL (C2 85), LINE and PARAGRAPH SEPARATOR (E2 80 A8/A9), found in its UTF-8.
    static func hasLineBreak(_ text: String) -> Bool {
        var previous: UInt8 = 0, beforePrevious: UInt8 = 0
        for byte in text.utf8 {
            if byte >= 0x0A && byte <= 0x0D { return true }
            if byte == 0x85 && previous == 0xC2 { return true }
            if (byte == 0xA8 || byte == 0xA9) && previous == 0x80 && beforePrevious == 0xE2 { return true }
            beforePrevious = previous
            previous = byte
        }
        return false
    }

    /// Text for Markdown running text and table cells: control characters escaped, and the
    /// characters Markdown would act on (`|`, `*`, backticks, `<`, `\\`, a `_` at a word's edge,
    /// a `[` that could open a link) backslash-escaped.
    static func inline(_ text: String) -> String {
        let line = TextSanitizer.line(text)
        if let escaped = inlineASCII(line) { return escaped }
        var out = ""
        let characters = Array(line)
        // A `[` could open a link only when a `]` follows it somewhere.
        let lastClose = characters.lastIndex(of: "]") ?? -1
        for (index, character) in characters.enumerated() {
            switch character {
            case "|", "*", "`", "<", "\\": out.append("\\")
            case "_":
                // Inside a word (snake_case) an underscore is plain text; at a word's edge it could start emphasis.
                let before = index > 0 ? characters[index - 1] : " ", after = index + 1 < characters.count ? characters[index + 1] : " "
                if !(before.isLetter || before.isNumber) || !(after.isLetter || after.isNumber) { out.append("\\") }
            case "[" where lastClose > index:
                out.append("\\")   // could start a link
            default: break
            }
            out.append(character)
        }
        return out
    }

    /// One row of the event log's table: `| 12 | 09:31:05Z | ada | step 3 of app-rollback done: Verify |`.
    static func logRow(_ sequence: Int, _ at: Instant, by: String, _ text: String, notation: InstantNotation) -> String {
        "| \(sequence) | \(notation.text(at)) |" + logRowRest(by: by, text)
    }

    /// A row of the event log after its time cell (`logRow`): the operator's cell and the text's.
    static func logRowRest(by: String, _ text: String) -> String {
        " \(cell(by)) | \(cell(text)) |"
    }

    /// `inline(joinedLines(text))`: runbook or journal text for running text and table cells.
    /// Text that is printable ASCII with no space at its ends and nothing to escape (most of
    /// it) is found so in one pass over its bytes and kept, not scanned three times.
    static func cell(_ text: String) -> String {
        let plain = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard let first = bytes.first, let last = bytes.last else { return true }
            guard first != 0x20, last != 0x20 else { return false }
            for byte in bytes {
                guard byte >= 0x20, byte < 0x7F else { return false }
                switch byte {
                case UInt8(ascii: "|"), UInt8(ascii: "*"), UInt8(ascii: "`"), UInt8(ascii: "<"), UInt8(ascii: "\\"), UInt8(ascii: "_"), UInt8(ascii: "["):
                    return false
                default: continue
                }
            }
            return true
        } ?? false
        return plain ? text : inline(joinedLines(text))
    }

    /// `logRowRest` of `event`'s row, not marked void.
    static func logRowRest(_ event: Event, runbook: Runbook) -> String {
        logRowRest(by: event.operator, EventText.describe(event, runbook: runbook, whole: true))
    }

    /// `inline` of sanitised text a byte at a time, for the common cases (and the event log's
    /// every row): text with no character to escape is kept, and printable ASCII is escaped
    /// byte by byte; nil for other text (escaped a character at a time).
    private static func inlineASCII(_ line: String) -> String? {
        var plain = true, ascii = true
        for byte in line.utf8 {
            if byte >= 0x80 { ascii = false }
            switch byte {
            case UInt8(ascii: "|"), UInt8(ascii: "*"), UInt8(ascii: "`"), UInt8(ascii: "<"), UInt8(ascii: "\\"), UInt8(ascii: "_"), UInt8(ascii: "["):
                plain = false
            default: break
            }
        }
        if plain { return line }
        guard ascii else { return nil }
        let bytes = Array(line.utf8)
        let lastClose = bytes.lastIndex(of: UInt8(ascii: "]")) ?? -1
        func isWord(_ byte: UInt8) -> Bool {
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 8)
        for (index, byte) in bytes.enumerated() {
            switch byte {
            case UInt8(ascii: "|"), UInt8(ascii: "*"), UInt8(ascii: "`"), UInt8(ascii: "<"), UInt8(ascii: "\\"):
                out.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "_"):
                let before = index > 0 ? bytes[index - 1] : 0x20, after = index + 1 < bytes.count ? bytes[index + 1] : 0x20
                if !isWord(before) || !isWord(after) { out.append(UInt8(ascii: "\\")) }
            case UInt8(ascii: "[") where lastClose > index:
                out.append(UInt8(ascii: "\\"))
            default: break
            }
            out.append(byte)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Text inside a code span: sanitised, without backticks.
    static func code(_ text: String) -> String { TextSanitizer.line(text).replacingAll("`", with: "'") }
}
