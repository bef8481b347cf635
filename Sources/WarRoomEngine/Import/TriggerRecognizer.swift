import Foundation

/// Finds rollback triggers in threshold tables and lists, with MUST / SHOULD / MAY and
/// mandatory / discretionary groupings and who decides manual ones.
enum TriggerRecognizer {
    /// Whether the section is about triggers.
    static func isTriggerSection(_ index: Int, tree: SectionTree) -> Bool {
        // "When NOT to Rollback" lists the opposite of triggers.
        guard !tree.titleMentions(index, [" not ", "instead"]) else { return false }
        return tree.pathMentions(index, ["trigger", "criteria", "when to rollback", "when to roll back"])
    }

    static func level(_ text: String) -> Trigger.Level? {
        let lower = text.lowercased()
        if lower.has("mandatory") { return .mandatory }
        if lower.has("discretionary") { return .discretionary }
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
        let manualSection = title.lowercased().has("manual")
        let automaticSection = title.lowercased().has("automatic")
        let titleLevel = level(title)
        var made = 0
        for (offset, row) in table.table.rows.enumerated() {
            let severity = table.cell(row, .severity)
            guard let condition = table.cell(row, .condition) ?? table.cell(row, .criteria) else { continue }
            let thresholdText = table.cell(row, .threshold)
            let decider = table.cell(row, .decisionMaker) ?? table.cell(row, .authority)
            let outcome = table.cell(row, .outcome)
            var kind: Trigger.Kind = decider != nil || manualSection ? .manual : .automatic
            if !automaticSection, !manualSection, decider == nil, let outcome, !outcome.lowercased().has("automatic") { kind = .manual }
            switch titleLevel {
            case .must?, .mandatory?: kind = .automatic
            case .should?, .may?, .discretionary?: kind = .manual
            case nil: break
            }
            // What the trigger leads to can say a person decides: "Alert + Manual decision".
            if let outcome, outcome.lowercased().has("manual") { kind = .manual }
            // "Error Rate" + ">5% for 5 minutes" reads as one; "Security Breach" + "Any confirmed breach" needs a colon.
            let text = thresholdText.map { threshold in
                threshold.first.map { "<>≥≤".contains($0) } == true ? "\(condition) \(threshold)" : "\(condition): \(threshold)"
            } ?? condition
            var trigger = Trigger(id: state.ids.make(severity.map { "\($0) \(condition)" } ?? condition, kind: "trigger", fallback: "trigger"),
                                  kind: kind, condition: text, source: table.table.rowLines[offset])
            trigger.threshold = ThresholdText.find(in: text)
            trigger.severity = severity
            trigger.detection = table.cell(row, .detection)
            trigger.decidedBy = decider
            trigger.action = outcome
            trigger.group = title.isEmpty ? nil : title
            trigger.level = titleLevel
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
        var skipping = false
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
                    group = plain
                    parentIndent = item.indent
                    // Factors to weigh are not conditions.
                    if plain.lowercased().has("factor") { skipping = true; continue }
                    skipping = false
                    state.use(block)
                    continue
                }
                if let parentIndent, item.indent <= parentIndent { group = nil; skipping = false }
                if skipping { continue }
                let condition = plain.drop(while: { !$0.isLetter && !$0.isNumber && $0 != ">" && $0 != "<" }).trimmingSpaces
                guard !condition.isEmpty else { continue }
                let lowered = section.title.lowercased() + " " + (group ?? "").lowercased()
                // MUST / mandatory triggers act at once; SHOULD / MAY / discretionary ones need a person's judgment.
                let kind: Trigger.Kind
                switch groupLevel {
                case .must?, .mandatory?: kind = .automatic
                case .should?, .may?, .discretionary?: kind = .manual
                case nil: kind = lowered.has("automatic") ? .automatic : .manual
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
        var text = MarkdownText.plain(raw)
        guard text.utf8.contains(where: { $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "<") || $0 == 0xE2 }) else { return nil }
        if text.has("≥") { text = text.replacingOccurrences(of: "≥", with: ">=") }
        if text.has("≤") { text = text.replacingOccurrences(of: "≤", with: "<=") }
        // The comparison, number and unit are ASCII: work on the bytes.
        let bytes = Array(text.utf8)
        guard let opIndex = bytes.firstIndex(where: { $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "<") }) else { return nil }
        let hasEqual = opIndex + 1 < bytes.count && bytes[opIndex + 1] == UInt8(ascii: "=")
        let greater = bytes[opIndex] == UInt8(ascii: ">")
        let op: ComparisonOperator = greater ? (hasEqual ? .greaterOrEqual : .greater) : (hasEqual ? .lessOrEqual : .less)
        let before = String(decoding: bytes[..<opIndex], as: UTF8.self)
        var index = opIndex + (hasEqual ? 2 : 1)
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
        var unit: String?
        if index < bytes.count, bytes[index] == UInt8(ascii: "$") { unit = "USD"; index += 1 }
        let numberStart = index
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) || bytes[index] == UInt8(ascii: ".") { index += 1 }
        while index > numberStart, bytes[index - 1] == UInt8(ascii: ".") { index -= 1 }
        guard let value = Double(String(decoding: bytes[numberStart..<index], as: UTF8.self)), value.isFinite else { return nil }
        var rest = String(decoding: bytes[index...], as: UTF8.self).trimmingSpaces
        if rest.hasPrefix("%") { unit = "%"; rest = String(rest.dropFirst()).trimmingSpaces }
        else if let word = rest.split(separator: " ").first, let first = word.first, first.isLetter || first == "/" {
            let candidate = word.trimmingCharacters(in: CharacterSet(charactersIn: ",.;)"))
            if !["for", "with", "in", "of", "on", "sustained", "and", "or", "total"].contains(candidate.lowercased()), candidate.count <= 12,
               !candidate.contains(where: { $0 == ":" }) {
                unit = candidate
                rest = String(rest.dropFirst(word.count)).trimmingSpaces
            }
        }
        var window: Int?
        let words = rest.lowercased().split(separator: " ").map(String.init)
        if let forIndex = words.firstIndex(of: "for") {
            let phrase = words[(forIndex + 1)...].prefix(3).joined(separator: " ").filter { $0 != ">" && $0 != "+" }
            let parts = phrase.split(separator: " ")
            for count in stride(from: min(2, parts.count), through: 1, by: -1) {
                if let seconds = try? DurationText.parseLength(parts.prefix(count).joined(separator: " ")).get() { window = seconds; break }
            }
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
