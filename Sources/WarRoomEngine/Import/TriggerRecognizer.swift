import Foundation

/// Finds rollback triggers in threshold tables and lists, with MUST / SHOULD / MAY and
/// mandatory / discretionary groupings and who decides manual ones.
enum TriggerRecognizer {
    /// Whether the section is about triggers.
    static func isTriggerSection(_ index: Int, tree: SectionTree) -> Bool {
        tree.pathMentions(index, ["trigger", "criteria", "when to rollback", "when to roll back"])
    }

    static func level(_ text: String) -> Trigger.Level? {
        let lower = text.lowercased()
        if lower.contains("mandatory") { return .mandatory }
        if lower.contains("discretionary") { return .discretionary }
        let words = Set(text.split(whereSeparator: { !$0.isLetter }).map(String.init))
        if words.contains("MUST") { return .must }
        if words.contains("SHOULD") { return .should }
        if words.contains("MAY") { return .may }
        return nil
    }

    /// Triggers from a table whose columns name a condition, threshold, detection or decision maker.
    static func fromTable(_ table: RoledTable, section index: Int, state: inout ImportState) -> Bool {
        let tree = state.tree
        let title = tree.sections[index].title
        let manualSection = title.lowercased().contains("manual")
        let automaticSection = title.lowercased().contains("automatic")
        var made = 0
        for (offset, row) in table.table.rows.enumerated() {
            let severity = table.cell(row, .severity)
            guard let condition = table.cell(row, .condition) ?? table.cell(row, .criteria) else { continue }
            let thresholdText = table.cell(row, .threshold)
            let decider = table.cell(row, .decisionMaker) ?? table.cell(row, .authority)
            let outcome = table.cell(row, .outcome)
            var kind: Trigger.Kind = decider != nil || manualSection ? .manual : .automatic
            if !automaticSection, !manualSection, decider == nil, let outcome, !outcome.lowercased().contains("automatic") { kind = .manual }
            switch level(title) {
            case .must?, .mandatory?: kind = .automatic
            case .should?, .may?, .discretionary?: kind = .manual
            case nil: break
            }
            let text = thresholdText.map { "\(condition) \($0)" } ?? condition
            var trigger = Trigger(id: state.ids.make(severity.map { "\($0) \(condition)" } ?? condition, kind: "trigger", fallback: "trigger"),
                                  kind: kind, condition: text, source: table.table.rowLines[offset])
            trigger.threshold = ThresholdText.find(in: text)
            trigger.severity = severity
            trigger.detection = table.cell(row, .detection)
            trigger.decidedBy = decider
            trigger.action = outcome
            trigger.group = title.isEmpty ? nil : title
            trigger.level = level(title)
            trigger.timeToDecision = table.cell(row, .decisionTime).flatMap(ImportTiming.parse)
            state.runbook.triggers.append(trigger)
            made += 1
        }
        if made > 0 { state.use(lines: table.table.lines) }
        return made > 0
    }

    /// Triggers from the list items of a trigger section, grouped by the bold label or
    /// parent item above them.
    static func fromLists(_ index: Int, state: inout ImportState) {
        let section = state.tree.sections[index]
        var group: String?
        var groupLevel = level(section.title)
        var parentIndent: Int?
        for block in section.blocks {
            switch block {
            case .text(let text):
                if let pair = MarkdownText.keyValue(text.text), pair.value.isEmpty {
                    state.use(block)
                    group = pair.key
                    groupLevel = level(pair.key) ?? level(section.title)
                    parentIndent = nil
                }
            case .item(let item):
                let plain = MarkdownText.plain(item.text)
                // A numbered bold heading item with children is a group ("1. **Critical System Failures**").
                if item.ordinal != nil, item.text.hasPrefix("**"), !item.isCheckbox {
                    state.use(block)
                    group = plain
                    parentIndent = item.indent
                    continue
                }
                if let parentIndent, item.indent <= parentIndent { group = nil }
                let condition = plain.drop(while: { !$0.isLetter && !$0.isNumber && $0 != ">" && $0 != "<" }).trimmingSpaces
                guard !condition.isEmpty else { continue }
                let lowered = section.title.lowercased() + " " + (group ?? "").lowercased()
                // MUST / mandatory triggers act at once; SHOULD / MAY / discretionary ones need a person's judgment.
                let kind: Trigger.Kind
                switch groupLevel {
                case .must?, .mandatory?: kind = .automatic
                case .should?, .may?, .discretionary?: kind = .manual
                case nil: kind = lowered.contains("automatic") ? .automatic : .manual
                }
                var trigger = Trigger(id: state.ids.make(condition, kind: "trigger", fallback: "trigger"), kind: kind,
                                      condition: condition, source: item.line)
                trigger.threshold = ThresholdText.find(in: condition)
                trigger.level = groupLevel
                trigger.group = group ?? section.title
                state.runbook.triggers.append(trigger)
                state.use(block)
            default: break
            }
        }
    }
}

/// Pulls a machine-readable threshold out of prose: "API error rate > 5% for 5+ minutes"
/// → `api_error_rate > 5 % for 5m`.
enum ThresholdText {
    static func find(in raw: String) -> Threshold? {
        let text = MarkdownText.plain(raw).replacingOccurrences(of: "≥", with: ">=").replacingOccurrences(of: "≤", with: "<=")
        guard let opRange = text.range(of: #"(>=|<=|>|<)"#, options: .regularExpression) else { return nil }
        let op = ComparisonOperator(rawValue: String(text[opRange])) ?? .greater
        let before = String(text[..<opRange.lowerBound])
        let after = String(text[opRange.upperBound...])
        guard let numberRange = after.range(of: #"^\s*\$?-?[0-9]+(\.[0-9]+)?"#, options: .regularExpression) else { return nil }
        let numberText = after[numberRange].filter { $0.isNumber || $0 == "." || $0 == "-" }
        guard let value = Double(numberText) else { return nil }
        var rest = after[numberRange.upperBound...].trimmingSpaces
        var unit: String?
        if after[numberRange].contains("$") { unit = "USD" }
        if rest.hasPrefix("%") { unit = "%"; rest = String(rest.dropFirst()).trimmingSpaces }
        else if let word = rest.split(separator: " ").first, let first = word.first, first.isLetter || first == "/" {
            let candidate = word.trimmingCharacters(in: CharacterSet(charactersIn: ",.;)"))
            if !["for", "with", "in", "of", "on", "sustained", "and", "or", "total"].contains(candidate.lowercased()), candidate.count <= 12 {
                unit = candidate
                rest = String(rest.dropFirst(word.count)).trimmingSpaces
            }
        }
        var window: Int?
        if let forRange = rest.range(of: #"for\s*>?\s*[0-9]+\+?\s*[a-z]+"#, options: [.regularExpression, .caseInsensitive]) {
            let phrase = rest[forRange].dropFirst(3).filter { $0 != ">" && $0 != "+" }
            window = try? DurationText.parseLength(phrase.trimmingSpaces).get()
        }
        var metricWords = before.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        metricWords.removeAll { ["on", "the", "of", "a", "an", "is"].contains($0) }
        if metricWords.isEmpty { return nil }
        var metric = metricWords.suffix(6).joined(separator: "_")
        if let first = metric.unicodeScalars.first, !CharacterClass.isASCIILetter(first) { metric = "m_" + metric }
        guard metric.unicodeScalars.allSatisfy({ CharacterClass.isASCIILetter($0) || CharacterClass.isASCIIDigit($0) || $0 == "_" }) else { return nil }
        return Threshold(metric: metric, op: op, value: value, unit: unit, windowSeconds: window)
    }
}
