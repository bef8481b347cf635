import Foundation

/// Facts that runbooks write in sentences rather than in tables: update cadences ("Continue
/// updates every 30 minutes", "Next update in 15 minutes", "every 30–60 minutes"), alert
/// conditions ("This alert fires when …", an "Alert Rule" code block or tier table, "If
/// GitGuardian reports an exposed key:"), contacts as `Role: name` lines in a contacts or
/// rota section, and RTO / RPO ("Total Target RTO: < 55 minutes", "recover … within 3
/// hours"). Each is an interpretation in the report, with its line and a confidence.
enum ProseFacts {
    static func run(_ state: inout ImportState) {
        let all = lines(state)
        cadences(all, &state)
        alertRules(&state)
        triggerSentences(&state)
        contacts(all, &state)
        objectives(all, &state)
    }

    typealias Entry = (section: Int, line: Int, text: String)

    /// Every text line and list item of the document, with the section it is in.
    static func lines(_ state: ImportState) -> [Entry] {
        var result: [Entry] = []
        for section in state.tree.sections {
            for block in section.blocks {
                switch block {
                case .text(let text): result.append((section.index, text.line, text.text))
                case .item(let item): result.append((section.index, item.line, item.text))
                default: break
                }
            }
        }
        return result
    }

    // MARK: - Cadences

    static let updateWords = ["update", "communicat", "status", "notify", "post ", "publish", "stakeholder", "report", "message", "inform"]

    /// "every 30 minutes", "every 20-30 minutes" (the shorter taken), "roughly every 30mins",
    /// "next update in 15 minutes", "hourly"; nil for text without one.
    static func cadence(_ raw: String) -> (cadence: Cadence, note: String?)? {
        let text = MarkdownText.plain(raw).lowercased()
        for marker in ["every ", "next update in "] {
            guard let range = text.range(of: marker) else { continue }
            let rest = text[range.upperBound...]
            let number = rest.prefix(while: { $0.isNumber })
            guard !number.isEmpty, let low = Int(number) else { continue }
            var after = rest.dropFirst(number.count)
            var note: String?
            if let dash = after.first, "-–—".contains(dash) {
                after = after.dropFirst().drop(while: { $0.isNumber })
                note = "a range of intervals: the shorter is taken"
            }
            let unit = after.trimmingSpaces.prefix(while: { $0.isLetter })
            guard let seconds = DurationText.unitSeconds(String(unit)), low > 0 else { continue }
            return (.every(seconds: low * seconds), note)
        }
        if text.has("hourly") { return (.every(seconds: 3_600), nil) }
        return nil
    }

    /// A cheap look at the raw bytes before the text is read: most lines hold no cadence.
    static func mayHoldCadence(_ text: String) -> Bool {
        text.has("very ") || text.has("ourly") || text.has("ext update") || text.has("ext Update")
    }

    static func cadences(_ entries: [Entry], _ state: inout ImportState) {
        let known = Set(state.runbook.communications.compactMap(\.source))
        for entry in entries where !known.contains(entry.line) && mayHoldCadence(entry.text) {
            let lower = entry.text.lowercased()
            guard updateWords.contains(where: { lower.has($0) }), let found = cadence(entry.text) else { continue }
            let section = state.tree.sections[entry.section]
            let name = section.title.isEmpty ? "Stakeholders" : section.title
            let audience = CommsAudience(id: state.ids.make(name, kind: "comms", fallback: "audience"), audience: name,
                                         scope: CommsRecognizer.scope(entry.text), cadence: found.cadence,
                                         timing: MarkdownText.plain(entry.text), source: entry.line)
            state.runbook.communications.append(audience)
            state.note(entry.line, "an update cadence written in a sentence (\(found.cadence.description)) read as the audience \"\(name)\""
                       + (found.note.map { "; \($0)" } ?? "") + " (confidence medium)")
        }
    }

    // MARK: - Triggers

    static func addTrigger(_ condition: String, line: Int, severity: String? = nil, group: String?, reading: String, state: inout ImportState) {
        guard !state.runbook.triggers.contains(where: { $0.source == line && $0.condition == condition }) else { return }
        var trigger = Trigger(id: state.ids.make(severity.map { "\($0) \(condition)" } ?? condition, kind: "trigger", fallback: "trigger"),
                              kind: .automatic, condition: condition, source: line)
        trigger.threshold = ThresholdText.find(in: condition)
        trigger.severity = severity
        trigger.group = group
        state.runbook.triggers.append(trigger)
        state.use(lines: [line])
        state.note(line, reading)
    }

    /// An "Alert Rule" section: each line of its code blocks, or each row of a tier / definition table.
    static func alertRules(_ state: inout ImportState) {
        let tree = state.tree
        for section in tree.sections where tree.titleMentions(section.index, ["alert rule", "alert condition", "alerting rule", "alert definition"]) {
            for block in section.blocks {
                switch block {
                case .code(let code):
                    for line in code.lines where !line.text.trimmingSpaces.isEmpty && !line.text.trimmingSpaces.hasPrefix("<") {
                        addTrigger(line.text.trimmingSpaces, line: line.number, group: section.title,
                                   reading: "a line of the alert rule's code block read as a trigger (confidence high)", state: &state)
                    }
                    state.use(block)
                case .table(let table):
                    let headers = table.header.map { $0.lowercased() }
                    guard let definition = headers.firstIndex(where: { ["definition", "rule", "condition", "threshold", "expression"].contains($0) }) else { continue }
                    let tier = headers.firstIndex(where: { ["tier", "severity", "level", "priority"].contains($0) })
                    for (offset, row) in table.rows.enumerated() where definition < row.count && !row[definition].isEmpty {
                        addTrigger(MarkdownText.plain(row[definition]), line: table.rowLines[offset], severity: tier.flatMap { $0 < row.count ? row[$0] : nil },
                                   group: section.title, reading: "a row of the alert rule table read as a trigger (confidence high)", state: &state)
                    }
                    state.use(lines: table.lines)
                default: break
                }
            }
        }
    }

    /// "This alert fires when …", "… is alerting that …", and the document's opening
    /// condition ("If GitGuardian reports …:", "In the case where Consul has no leader …").
    static func triggerSentences(_ state: inout ImportState) {
        let tree = state.tree
        let alertPhrases = ["alert fires when", "alert is triggered when", "alert triggers when", "fires when", "is alerting", "alert is raised when"]
        var opening = true
        let mayHold = { (block: SourceBlock) -> Bool in
            guard case .text(let text) = block else { return false }
            return text.text.has("fires") || text.text.has("alerting") || text.text.has(" when")
        }
        for section in tree.sections {
            // Past the opening, only a section with a line that may say when an alert fires is read.
            if !opening, !section.blocks.contains(where: mayHold) { continue }
            for part in StructureRecognizer.paragraphs(section.blocks, used: state.used) {
                guard let paragraph = part.paragraph else {
                    if case .heading = part.block {} else { opening = false }
                    continue
                }
                let raw = paragraph.text
                let isOpening = opening
                opening = false
                guard isOpening || raw.has("fires") || raw.has("alerting") || raw.has(" when") else { continue }
                let plain = MarkdownText.plain(raw)
                let lower = plain.lowercased()
                if alertPhrases.contains(where: { lower.has($0) }) {
                    addTrigger(plain, line: paragraph.line, group: section.title.isEmpty ? nil : section.title,
                               reading: "a sentence saying when the alert fires read as a trigger (confidence medium)", state: &state)
                    state.use(lines: paragraph.blocks.flatMap(\.lines))
                } else if isOpening, ["if ", "in the case where ", "in case ", "in the event "].contains(where: { lower.hasPrefix($0) }), plain.count <= 300 {
                    addTrigger(plain, line: paragraph.line, group: nil,
                               reading: "the document's opening condition read as its trigger (confidence medium)", state: &state)
                    state.use(lines: paragraph.blocks.flatMap(\.lines))
                }
            }
        }
    }

    // MARK: - Contacts

    /// `- Primary: <TBD>`, `Incident commander: Jane Doe — +1 555 0100` in a contacts, rota or
    /// on-call section: a contact for the role, its value as the name (placeholders kept).
    static func contacts(_ entries: [Entry], _ state: inout ImportState) {
        let tree = state.tree
        let known = Set(state.runbook.contacts.compactMap(\.source))
        let sections = Set(tree.sections.indices.filter { tree.pathMentions($0, ["contact", "rota", "on-call", "on call", "escalation", "who to call"]) })
        guard !sections.isEmpty else { return }
        for entry in entries where sections.contains(entry.section) && !known.contains(entry.line) && !state.used.contains(entry.line) {
            if let person = namePhone(entry.text) {
                let contact = Contact(id: state.ids.make(person.name, kind: "contact", fallback: "contact"), role: person.name, primary: person, source: entry.line)
                state.runbook.contacts.append(contact)
                state.use(lines: [entry.line])
                state.note(entry.line, "a \"Name — phone\" line in a contacts section read as a contact, its name as the role (confidence medium)")
                continue
            }
            guard let pair = MarkdownText.keyValue(entry.text), !pair.value.isEmpty,
                  pair.key.split(separator: " ").count <= 4, isReachable(pair.value) else { continue }
            var person = Person(name: pair.value)
            for separator in [" — ", " – ", " - "] {
                if let range = pair.value.range(of: separator), pair.value[range.upperBound...].contains(where: \.isNumber) {
                    person = Person(name: String(pair.value[..<range.lowerBound]).trimmingSpaces, phone: String(pair.value[range.upperBound...]).trimmingSpaces)
                    break
                }
            }
            let contact = Contact(id: state.ids.make(pair.key, kind: "contact", fallback: "contact"), role: pair.key, primary: person, source: entry.line)
            state.runbook.contacts.append(contact)
            state.use(lines: [entry.line])
            state.note(entry.line, "a \"Role: name\" line in a contacts section read as a contact (confidence medium)")
        }
    }

    /// "Jane Doe — +1 555 0100": a short name, a dash, a phone number.
    static func namePhone(_ raw: String) -> Person? {
        let plain = MarkdownText.plain(raw)
        for separator in [" — ", " – ", " - "] {
            guard let range = plain.range(of: separator) else { continue }
            let name = String(plain[..<range.lowerBound]).trimmingSpaces
            let phone = String(plain[range.upperBound...]).trimmingSpaces
            guard phone.filter(\.isNumber).count >= 7, phone.allSatisfy({ $0.isNumber || " +-().x".contains($0) }),
                  (1...4).contains(name.split(separator: " ").count), !name.contains(":") else { continue }
            return Person(name: name, phone: phone)
        }
        return nil
    }

    /// Whether a value names someone to reach: a placeholder (`<TBD>`), a phone number, an
    /// address or handle, or a short name ("Jane Doe").
    static func isReachable(_ value: String) -> Bool {
        let plain = MarkdownText.plain(value).trimmingSpaces
        if plain.hasPrefix("<") && plain.hasSuffix(">") || plain.uppercased() == "TBD" { return true }
        if plain.filter(\.isNumber).count >= 7 || plain.contains("@") { return true }
        let words = plain.split(separator: " ")
        return (1...3).contains(words.count) && words.allSatisfy { $0.first?.isUppercase == true } && !ActionText.isAction(plain)
    }

    // MARK: - Objectives

    /// "Total Target RTO: < 55 minutes", "RPO: 15 minutes" anywhere; "recover … within 3 hours" as an RTO.
    static func objectives(_ entries: [Entry], _ state: inout ImportState) {
        let mentions = { (text: String) in text.has("RTO") || text.has("RPO") || text.has("rto") || text.has("rpo") || text.has("bjective") }
        for entry in entries where !state.used.contains(entry.line) && mentions(entry.text) {
            let plain = MarkdownText.plain(entry.text)
            let lower = plain.lowercased()
            for (names, isRTO) in [(["rto", "recovery time objective"], true), (["rpo", "recovery point objective"], false)] {
                let current = isRTO ? state.runbook.objectives?.rto : state.runbook.objectives?.rpo
                guard current == nil else { continue }
                for name in names {
                    guard let range = lower.range(of: name + ":") ?? lower.range(of: name + " :") else { continue }
                    if let before = lower[..<range.lowerBound].last, before.isLetter { continue }
                    let value = String(plain[range.upperBound...]).trimmingSpaces
                    guard let seconds = ContingencyRecognizer.objective(String(value.prefix(while: { $0 != "|" && $0 != ";" }))) else { continue }
                    var objectives = state.runbook.objectives ?? Objectives()
                    if isRTO { objectives.rto = seconds } else { objectives.rpo = seconds }
                    state.runbook.objectives = objectives
                    state.use(lines: [entry.line])
                    state.note(entry.line, "\(isRTO ? "RTO" : "RPO") \(DurationText.compact(seconds)) read from a sentence (confidence high)")
                    break
                }
            }
        }
        guard state.runbook.objectives?.rto == nil else { return }
        for entry in entries where !state.used.contains(entry.line) && entry.text.has("ecover") && entry.text.has("within") {
            let lower = MarkdownText.plain(entry.text).lowercased()
            guard lower.has("recover"), let range = lower.range(of: "within ") else { continue }
            let words = lower[range.upperBound...].split(separator: " ").prefix(2).joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: ".,;)"))
            guard let seconds = try? DurationText.parseLength(words).get(), seconds > 0 else { continue }
            var objectives = state.runbook.objectives ?? Objectives()
            objectives.rto = seconds
            state.runbook.objectives = objectives
            state.note(entry.line, "\"recover … within \(words)\" read as the RTO (confidence low)")
            return
        }
    }
}
