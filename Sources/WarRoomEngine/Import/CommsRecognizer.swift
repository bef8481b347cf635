import Foundation

/// Finds the communication plan: audience / method / template / timing tables, and
/// sections (or labelled blocks) of a communication part that give an audience a timing,
/// a channel or a message template in a code block.
enum CommsRecognizer {
    static func isCommsSection(_ index: Int, tree: SectionTree) -> Bool {
        tree.pathMentions(index, ["communicat", "notification", "stakeholder update", "status update"])
    }

    static func scope(_ text: String) -> CommsAudience.Scope {
        let lower = text.lowercased()
        for word in ["external", "customer", "patient", "user", "public", "status page", "partner", "client", "merchant"] where lower.contains(word) {
            return .external
        }
        return .internal
    }

    /// Audiences from an audience table.
    static func fromTable(_ table: RoledTable, section index: Int, state: inout ImportState) -> Bool {
        let title = state.tree.sections[index].title
        var made = 0
        for (offset, row) in table.table.rows.enumerated() {
            guard let audience = table.cell(row, .audience) else { continue }
            let timing = table.cell(row, .timing)
            let phrase = CadencePhrase.parse(timing ?? "")
            var entry = CommsAudience(id: state.ids.make(audience, kind: "comms", fallback: "audience"), audience: audience,
                                      scope: title.lowercased().has("external") ? .external : (title.lowercased().has("internal") ? .internal : scope(audience)),
                                      channel: table.cell(row, .channel), cadence: phrase.cadence, hooks: phrase.hooks,
                                      condition: phrase.condition, timing: timing, source: table.table.rowLines[offset])
            if let template = table.cell(row, .template) { entry.notes = "Template: \(template)" }
            state.runbook.communications.append(entry)
            made += 1
        }
        if made > 0 { state.use(lines: table.table.lines) }
        return made > 0
    }

    static let scriptLanguages: Set<String> = ["bash", "sh", "shell", "zsh", "python", "sql", "javascript", "js", "yaml", "json", "ts", "go"]

    /// An audience per section of a communication part that has a timing, a channel or a
    /// template; a labelled template block ("**Email (if outage >15 min):**") is one too.
    static func fromSection(_ index: Int, state: inout ImportState) {
        let section = state.tree.sections[index]
        guard index != 0 else { return }
        let headingTiming = MarkdownText.trailingParenthesis(section.title)
        var audience = headingTiming.map { CadencePhrase.parse($0.inner).cadence != nil ? $0.head : section.title } ?? section.title
        if audience.isEmpty { audience = section.title }
        var entry = CommsAudience(id: "", audience: audience, scope: scope(state.tree.path(index).joined(separator: " ")), source: section.line)
        var phrase = CadencePhrase.parse(headingTiming?.inner ?? "")
        var label: (text: String, line: Int)?
        var templates = 0
        var bodyCadence: Cadence?
        var scriptParts: [DraftStep] = []
        for block in section.blocks {
            switch block {
            case .text(let text):
                guard let pair = MarkdownText.keyValue(text.text) else {
                    if bodyCadence == nil { bodyCadence = CadencePhrase.parse(text.text).cadence.flatMap { $0 == .once ? nil : $0 } }
                    continue
                }
                let key = pair.key.lowercased()
                if ["channel", "channels", "method", "medium"].contains(key) { entry.channel = pair.value; state.use(block) }
                else if ["timing", "when", "frequency", "cadence"].contains(key) {
                    entry.timing = pair.value
                    let found = CadencePhrase.parse(pair.value)
                    if found.cadence != nil || !found.hooks.isEmpty { phrase = found }
                    state.use(block)
                } else if pair.value.isEmpty { label = (pair.key, text.line) }
            case .code(let code):
                if scriptLanguages.contains(code.info.lowercased()) {
                    if let script = NotificationReading.parts(code) {
                        scriptParts += script.parts
                        state.use(block)
                        let title = script.title.map { "'\($0)': " } ?? ""
                        state.note(code.line, "a script's numbered notifications (\(title)\(script.parts.map(\.action).joined(separator: ", "))) read as one audience each, the part as its template")
                    }
                    label = nil
                    continue
                }
                guard let body = TemplateBody.normalized(code.text) else {
                    state.note(code.line, "a message template with an unclosed or empty '{{' placeholder was not imported")
                    label = nil
                    continue
                }
                if body.changed { state.note(code.line, "template placeholders rewritten as lower-case names ({{customer_name}})") }
                let name = label?.text ?? audience
                let template = MessageTemplate(id: state.ids.make(name == audience ? "\(audience) template" : name, kind: "template", fallback: "template"),
                                               name: name, channel: entry.channel, body: body.body, source: label?.line ?? code.line)
                state.runbook.templates.append(template)
                state.use(block)
                if let label { state.used.insert(label.line) }
                if bodyCadence == nil {
                    bodyCadence = code.lines.lazy.compactMap { CadencePhrase.parse($0.text).cadence }.first { $0 != .once }
                }
                // A labelled block whose label carries its own condition is an audience of its own.
                if let label, let own = MarkdownText.trailingParenthesis(label.text), CadencePhrase.parse(own.inner).cadence != nil {
                    let ownPhrase = CadencePhrase.parse(own.inner)
                    state.runbook.communications.append(CommsAudience(
                        id: state.ids.make("\(audience) \(own.head)", kind: "comms", fallback: "audience"), audience: audience,
                        scope: entry.scope, channel: own.head, template: template.id, cadence: ownPhrase.cadence,
                        condition: ownPhrase.condition, timing: own.inner, source: label.line))
                } else {
                    templates += 1
                    if entry.template == nil { entry.template = template.id }
                }
                label = nil
            default: break
            }
        }
        var timingText = headingTiming?.inner
        // "Immediate Notifications (0-5 minutes)": the heading's words give the cadence its parenthesis does not.
        if phrase.cadence == nil, phrase.hooks.isEmpty, entry.timing == nil {
            let own = CadencePhrase.parse(headingTiming?.head ?? section.title)
            if own.cadence != nil {
                phrase = own
                timingText = section.title
                state.note(section.line, "'\(section.title)': the heading's own words read as the cadence (\(own.cadence?.description ?? ""))")
            }
        }
        if phrase.cadence == nil, let bodyCadence, entry.timing == nil { phrase.cadence = bodyCadence }
        if entry.timing == nil, phrase.cadence != nil { entry.timing = timingText }
        // "Rollback Complete Notification" with no timing of its own: one message at the moment it names.
        if phrase.cadence == nil, phrase.hooks.isEmpty, entry.timing == nil, let moment = NotificationReading.moment(audience) {
            phrase.cadence = .once
            phrase.hooks = [moment]
            state.note(section.line, "'\(audience)' names its moment: one message (once) on \(moment.rawValue)")
        }
        if !scriptParts.isEmpty {
            addScriptParts(scriptParts, like: entry, phrase: phrase, state: &state)
            state.used.insert(section.line)
            // The parts are the section's audiences unless it has templates of its own.
            guard templates > 0 else { return }
        }
        guard phrase.cadence != nil || entry.channel != nil || templates > 0 || !phrase.hooks.isEmpty else { return }
        entry.cadence = phrase.cadence
        entry.hooks = phrase.hooks
        entry.condition = phrase.condition
        entry.id = state.ids.make(audience, kind: "comms", fallback: "audience")
        state.runbook.communications.append(entry)
        state.used.insert(section.line)
    }

    /// One audience per numbered notification of a script, each with its part as template
    /// and the section's scope, channel and timing.
    private static func addScriptParts(_ parts: [DraftStep], like section: CommsAudience, phrase: CadencePhrase, state: inout ImportState) {
        for part in parts {
            var audience = section
            audience.id = state.ids.make(part.action, kind: "comms", fallback: "audience")
            audience.audience = part.action
            audience.cadence = phrase.cadence
            audience.hooks = phrase.hooks
            audience.condition = phrase.condition
            audience.source = part.line
            if let body = part.commands.flatMap(TemplateBody.normalized) {
                let template = MessageTemplate(id: state.ids.make("\(part.action) template", kind: "template", fallback: "template"),
                                               name: part.action, channel: section.channel, body: body.body, source: part.line)
                state.runbook.templates.append(template)
                audience.template = template.id
            } else {
                state.note(part.line, "a message template with an unclosed or empty '{{' placeholder was not imported")
            }
            state.runbook.communications.append(audience)
        }
    }
}
