import Foundation

/// Turns a composed YAML document into a `Runbook`, checking every rule of
/// `docs/runbook-format.md` and reporting every problem, not just the first.
struct RunbookDecoder {
    /// The kinds of things that have ids, and that references may point at.
    enum IDKind: String, CaseIterable {
        case procedure, contingency, tree = "decision tree", trigger, communication, template, contact, checklist, matrix = "decision matrix"
    }

    private let report: DecodingReport
    private var definitions: [IDKind: [String: SourceMark]] = [:]
    private var references: [(kinds: [IDKind], id: String, mark: SourceMark, what: String)] = []

    init(report: DecodingReport) {
        self.report = report
    }

    /// The supported format version.
    static let formatVersion = 1
    /// The deepest nesting of checklist items.
    static let maximumChecklistDepth = 8

    static let topLevelKeys = RunbookSchema.keys(.runbook)

    mutating func decode(_ root: YAMLNode) -> Runbook? {
        guard let top = MappingReader(root, context: "the runbook", allowed: Self.topLevelKeys, report: report) else { return nil }
        guard let format = top.integer("format", required: true) else { return nil }
        guard format == Self.formatVersion else {
            report.error(top.mark(of: "format"), "format \(format) is not supported: this warroom reads format \(Self.formatVersion)")
            return nil
        }
        let id = top.id() ?? "invalid"
        let title = top.text("title", required: true) ?? ""
        var runbook = Runbook(format: format, id: id, title: title)
        runbook.system = top.text("system")
        runbook.summary = top.text("summary")
        runbook.document = top.node("document").flatMap(decodeDocument)
        runbook.principles = top.texts("principles")
        runbook.warnings = top.texts("warnings")
        runbook.references = top.texts("references")
        runbook.objectives = top.node("objectives").flatMap(decodeObjectives)
        runbook.triggers = top.list("triggers").compactMap { decodeTrigger($0) }
        runbook.decisionTrees = top.list("decision_trees").compactMap { decodeTree($0) }
        runbook.decisionMatrices = top.list("decision_matrices").compactMap { decodeMatrix($0) }
        runbook.authority = top.list("authority").compactMap { decodeAuthority($0) }
        runbook.procedures = top.list("procedures").compactMap { decodeProcedure($0) }
        runbook.contingencies = top.list("contingencies").compactMap { decodeContingency($0) }
        runbook.communications = top.list("communications").compactMap { decodeAudience($0) }
        runbook.templates = top.list("templates").compactMap { decodeTemplate($0) }
        runbook.contacts = top.list("contacts").enumerated().compactMap { decodeContact($1, index: $0) }
        runbook.checklists = top.list("checklists").compactMap { decodeChecklist($0) }
        runbook.postIncident = top.list("post_incident").compactMap { decodeHorizon($0) }
        runbook.rca = top.node("rca").flatMap(decodeRCA)
        runbook.tests = top.list("tests").compactMap { decodeTest($0) }
        runbook.lastKnownGood = top.list("last_known_good").compactMap { decodeKnownGood($0) }
        runbook.severities = decodeSeverities(top)
        resolveReferences()
        return runbook
    }

    /// The runbook's severity names: each one text, not blank, and named once (a severity
    /// is chosen by name when the incident is declared, so two alike could not be told apart).
    private mutating func decodeSeverities(_ top: MappingReader) -> [String] {
        var firstLine: [String: Int] = [:]
        var severities: [String] = []
        for (text, mark) in top.textItems("severities") {
            let name = text.trimmingCharacters(in: .whitespaces)
            if name.isEmpty {
                report.error(mark, "a severity in 'severities' is blank; expected a name such as SEV1")
            } else if let first = firstLine[name] {
                report.error(mark, "duplicate severity '\(name)' in 'severities' (first at line \(first))")
            } else {
                firstLine[name] = mark.line
                severities.append(text)
            }
        }
        return severities
    }

    // MARK: - Ids and references

    private mutating func define(_ kind: IDKind, _ id: String?, at mark: SourceMark) {
        guard let id else { return }
        if let first = definitions[kind]?[id] {
            report.error(mark, "duplicate \(kind.rawValue) id '\(id)' (first defined at line \(first.line))")
        } else {
            definitions[kind, default: [:]][id] = mark
        }
    }

    private mutating func refer(to kinds: [IDKind], _ id: String?, at mark: SourceMark, what: String) {
        guard let id else { return }
        references.append((kinds, id, mark, what))
    }

    private func resolveReferences() {
        for reference in references where !reference.kinds.contains(where: { definitions[$0]?[reference.id] != nil }) {
            let names = reference.kinds.map(\.rawValue)
            let kindText = names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " or " + names[names.count - 1]
            let candidates = reference.kinds.flatMap { definitions[$0].map { Array($0.keys) } ?? [] }.sorted()
            let hint = Suggestion.closest(to: reference.id, in: candidates).map { "; did you mean '\($0)'?" } ?? ""
            report.error(reference.mark, "\(reference.what) names '\(reference.id)', which is not a \(kindText) of this runbook\(hint)")
        }
    }

    private func idText(_ id: String?) -> String { id.map { "'\($0)'" } ?? "(no id)" }

    // MARK: - Sections

    private func decodeDocument(_ node: YAMLNode) -> DocumentInfo? {
        let keys = RunbookSchema.keys(.document)
        guard let map = MappingReader(node, context: "document", allowed: keys, report: report) else { return nil }
        var document = DocumentInfo()
        document.version = map.text("version")
        document.owner = map.text("owner")
        document.updated = map.text("updated")
        document.nextReview = map.text("next_review")
        document.reviewFrequency = map.text("review_frequency")
        document.classification = map.text("classification")
        document.contact = map.text("contact")
        document.approvals = map.list("approvals").compactMap { item in
            guard let approval = MappingReader(item, context: "a document approval", allowed: RunbookSchema.keys(.approval), report: report) else { return nil }
            let role = approval.text("role", required: true), name = approval.text("name"), date = approval.text("date")
            return role.map { SignOff(role: $0, name: name, date: date) }
        }
        return document
    }

    private func decodeObjectives(_ node: YAMLNode) -> Objectives? {
        guard let map = MappingReader(node, context: "objectives", allowed: RunbookSchema.keys(.objectives), report: report) else { return nil }
        var objectives = Objectives()
        objectives.rto = map.length("rto")
        objectives.rpo = map.length("rpo")
        objectives.notes = map.text("notes")
        objectives.targets = map.list("targets").compactMap { item in
            guard let target = MappingReader(item, context: "an objectives target", allowed: RunbookSchema.keys(.target), report: report) else { return nil }
            let metric = target.text("metric", required: true), value = target.text("target", required: true)
            guard let metric, let value else { return nil }
            return MetricTarget(metric: metric, target: value)
        }
        return objectives
    }

    private mutating func decodeTrigger(_ node: YAMLNode) -> Trigger? {
        let keys = RunbookSchema.keys(.trigger)
        guard let map = MappingReader(node, context: "a trigger", allowed: keys, report: report) else { return nil }
        let id = map.id()
        let context = "trigger \(idText(id))"
        define(.trigger, id, at: map.mark(of: "id"))
        let kind: Trigger.Kind? = map.choice("kind", required: true)
        let condition = map.text("condition", required: true)
        let leadsTo = map.id("leads_to", required: false)
        refer(to: [.procedure, .contingency, .tree], leadsTo, at: map.mark(of: "leads_to"), what: "'leads_to' of \(context)")
        let threshold = map.parsed("threshold", Threshold.parse)
        let level: Trigger.Level? = map.choice("level")
        let timeToDecision = map.timing("time_to_decision")
        let source = map.integer("source")
        guard let id, let kind, let condition else { return nil }
        return Trigger(
            id: id, kind: kind, condition: condition, threshold: threshold, level: level, group: map.text("group"),
            severity: map.text("severity"), detection: map.text("detection"), decidedBy: map.text("decided_by"),
            action: map.text("action"), leadsTo: leadsTo, timeToDecision: timeToDecision, source: source)
    }

    private mutating func decodeTree(_ node: YAMLNode) -> DecisionTree? {
        guard let map = MappingReader(node, context: "a decision tree", allowed: RunbookSchema.keys(.decisionTree), report: report) else { return nil }
        let id = map.id()
        define(.tree, id, at: map.mark(of: "id"))
        let context = "decision tree \(idText(id))"
        let title = map.text("title", required: true)
        var marks: [String: SourceMark] = [:]
        func local(_ localID: String?, at mark: SourceMark) {
            guard let localID else { return }
            if let first = marks[localID] {
                report.error(mark, "duplicate node or outcome id '\(localID)' in \(context) (first defined at line \(first.line))")
            } else {
                marks[localID] = mark
            }
        }
        var gotos: [(from: String?, to: String, mark: SourceMark)] = []
        let nodes: [DecisionNode] = map.list("nodes", required: true, minimum: 1).compactMap { item in
            guard let node = MappingReader(item, context: "a node of \(context)", allowed: RunbookSchema.keys(.decisionNode), report: report) else { return nil }
            let nodeID = node.id()
            local(nodeID, at: node.mark(of: "id"))
            let nodeContext = "node \(idText(nodeID)) of \(context)"
            let question = node.text("question", required: true)
            let answers: [DecisionAnswer] = node.list("answers", required: true, minimum: 2).compactMap { answerNode in
                guard let answer = MappingReader(answerNode, context: "an answer of \(nodeContext)", allowed: RunbookSchema.keys(.answer), report: report) else { return nil }
                let label = answer.text("label", required: true)
                let target = answer.id("goto")
                if let target { gotos.append((nodeID, target, answer.mark(of: "goto"))) }
                guard let label, let target else { return nil }
                return DecisionAnswer(label: label, goto: target)
            }
            let source = node.integer("source")
            guard let nodeID, let question else { return nil }
            return DecisionNode(id: nodeID, question: question, answers: answers, source: source)
        }
        let outcomes: [DecisionOutcome] = map.list("outcomes", required: true, minimum: 1).compactMap { item in
            let keys = RunbookSchema.keys(.outcome)
            guard let outcome = MappingReader(item, context: "an outcome of \(context)", allowed: keys, report: report) else { return nil }
            let outcomeID = outcome.id()
            local(outcomeID, at: outcome.mark(of: "id"))
            let outcomeTitle = outcome.text("title", required: true)
            let procedure = outcome.id("procedure", required: false)
            refer(to: [.procedure, .contingency], procedure, at: outcome.mark(of: "procedure"), what: "'procedure' of outcome \(idText(outcomeID)) in \(context)")
            let timeLimit = outcome.timing("time_limit")
            let source = outcome.integer("source")
            guard let outcomeID, let outcomeTitle else { return nil }
            return DecisionOutcome(id: outcomeID, title: outcomeTitle, procedure: procedure, timeLimit: timeLimit,
                                   notes: outcome.text("notes"), source: source)
        }
        let root = map.id("root", required: false) ?? nodes.first?.id
        if let root, map.node("root") != nil, !nodes.contains(where: { $0.id == root }) {
            let hint = Suggestion.closest(to: root, in: nodes.map(\.id)).map { "; did you mean '\($0)'?" } ?? ""
            report.error(map.mark(of: "root"), "'root' of \(context) names '\(root)', which is not a node of this tree\(hint)")
        }
        for goto in gotos where marks[goto.to] == nil {
            let hint = Suggestion.closest(to: goto.to, in: Array(marks.keys)).map { "; did you mean '\($0)'?" } ?? ""
            report.error(goto.mark, "answer of node \(idText(goto.from)) in \(context) goes to '\(goto.to)', which is not a node or outcome of this tree\(hint)")
        }
        guard let id, let title, let root else { return nil }
        let tree = DecisionTree(id: id, title: title, root: root, nodes: nodes, outcomes: outcomes, source: map.integer("source"))
        checkShape(of: tree, context: context, marks: marks)
        return tree
    }

    /// Reports nodes and outcomes unreachable from the root, and cycles.
    private func checkShape(of tree: DecisionTree, context: String, marks: [String: SourceMark]) {
        guard tree.node(tree.root) != nil else { return }
        var reached: Set<String> = [tree.root]
        var queue = [tree.root]
        while let current = queue.popLast() {
            for answer in tree.node(current)?.answers ?? [] where !reached.contains(answer.goto) {
                reached.insert(answer.goto)
                queue.append(answer.goto)
            }
        }
        for node in tree.nodes where !reached.contains(node.id) {
            report.error(marks[node.id] ?? SourceMark(line: 1, column: 1), "node '\(node.id)' of \(context) cannot be reached from the root '\(tree.root)'")
        }
        for outcome in tree.outcomes where !reached.contains(outcome.id) {
            report.error(marks[outcome.id] ?? SourceMark(line: 1, column: 1), "outcome '\(outcome.id)' of \(context) cannot be reached from the root '\(tree.root)'")
        }
        // Cycles: depth-first search over nodes, iteratively, colouring nodes on the current path.
        enum Colour { case onPath, done }
        var colour: [String: Colour] = [:]
        var reported: Set<String> = []
        for start in tree.nodes.map(\.id) where colour[start] == nil {
            var stack: [(id: String, next: Int)] = [(start, 0)]
            colour[start] = .onPath
            while let top = stack.last {
                let answers = tree.node(top.id)?.answers ?? []
                if top.next >= answers.count {
                    colour[top.id] = .done
                    stack.removeLast()
                    continue
                }
                stack[stack.count - 1].next += 1
                let target = answers[top.next].goto
                guard tree.node(target) != nil else { continue }
                switch colour[target] {
                case .onPath:
                    if reported.insert(target).inserted {
                        let path = stack.map(\.id).drop(while: { $0 != target }) + [target]
                        report.error(marks[top.id] ?? SourceMark(line: 1, column: 1), "\(context) has a cycle: \(path.joined(separator: " → "))")
                    }
                case .done: continue
                case nil:
                    colour[target] = .onPath
                    stack.append((target, 0))
                }
            }
        }
    }

    private mutating func decodeMatrix(_ node: YAMLNode) -> DecisionMatrix? {
        guard let map = MappingReader(node, context: "a decision matrix", allowed: RunbookSchema.keys(.decisionMatrix), report: report) else { return nil }
        let id = map.id()
        define(.matrix, id, at: map.mark(of: "id"))
        let context = "decision matrix \(idText(id))"
        let title = map.text("title", required: true)
        let columns = map.texts("columns", required: true, minimum: 1)
        let rows: [DecisionMatrixRow] = map.list("rows", required: true, minimum: 1).compactMap { item in
            let keys = RunbookSchema.keys(.matrixRow)
            guard let row = MappingReader(item, context: "a row of \(context)", allowed: keys, report: report) else { return nil }
            let severity = row.text("severity", required: true)
            let values = row.texts("values", required: true)
            if row.node("values") != nil, values.count != columns.count {
                report.error(row.mark(of: "values"), "row '\(severity ?? "?")' of \(context) has \(values.count) values for \(columns.count) columns (\(columns.joined(separator: ", ")))")
            }
            let maxDecisionTime = row.timing("max_decision_time")
            guard let severity else { return nil }
            return DecisionMatrixRow(severity: severity, values: values, decision: row.text("decision"),
                                     authority: row.text("authority"), maxDecisionTime: maxDecisionTime)
        }
        guard let id, let title else { return nil }
        return DecisionMatrix(id: id, title: title, columns: columns, rows: rows)
    }

    private func decodeAuthority(_ node: YAMLNode) -> AuthorityRule? {
        let keys = RunbookSchema.keys(.authority)
        guard let map = MappingReader(node, context: "an authority rule", allowed: keys, report: report) else { return nil }
        let scenario = map.text("scenario", required: true)
        let maker = map.text("decision_maker", required: true)
        let approvalTime = map.timing("approval_time")
        guard let scenario, let maker else { return nil }
        return AuthorityRule(scenario: scenario, decisionMaker: maker, approvalTime: approvalTime, notes: map.text("notes"))
    }

    private mutating func decodeProcedure(_ node: YAMLNode) -> Procedure? {
        let keys = RunbookSchema.keys(.procedure)
        guard let map = MappingReader(node, context: "a procedure", allowed: keys, report: report) else { return nil }
        let id = map.id()
        define(.procedure, id, at: map.mark(of: "id"))
        let context = "procedure \(idText(id))"
        let title = map.text("title", required: true)
        let steps = decodeSteps(map.list("steps", required: true, minimum: 1), context: context)
        let estimate = map.timing("estimate")
        let approvals = map.texts("approvals")
        let prerequisites = decodeChecklistItems(map.list("prerequisites"), context: "prerequisites of \(context)", depth: 1)
        let warnings = map.texts("warnings")
        let source = map.integer("source")
        guard let id, let title else { return nil }
        return Procedure(
            id: id, title: title, group: map.text("group"), when: map.text("when"), dataImpact: map.text("data_impact"),
            risk: map.text("risk"), estimate: estimate, approvals: approvals, prerequisites: prerequisites,
            warnings: warnings, steps: steps, commands: map.text("commands"), notes: map.text("notes"), source: source)
    }

    private func decodeSteps(_ nodes: [YAMLNode], context: String) -> [Step] {
        var ids: [String: Int] = [:]
        var steps: [Step] = []
        for (index, item) in nodes.enumerated() {
            let keys = RunbookSchema.keys(.step)
            let stepContext = "step \(index + 1) of \(context)"
            guard let map = MappingReader(item, context: stepContext, allowed: keys, report: report) else { continue }
            let id = map.id("id", required: false)
            if let id {
                if let first = ids[id] {
                    report.error(map.mark(of: "id"), "duplicate step id '\(id)' in \(context) (first used by step \(first))")
                } else {
                    ids[id] = index + 1
                }
            }
            let action = map.text("action", required: true)
            let duration = map.timing("duration")
            let checklist = decodeChecklistItems(map.list("checklist"), context: "checklist of \(stepContext)", depth: 1)
            let source = map.integer("source")
            guard let action else { continue }
            steps.append(Step(
                number: index + 1, id: id, action: action, owner: map.text("owner"), duration: duration,
                commands: map.text("commands"), checklist: checklist, notes: map.text("notes"), source: source))
        }
        return steps
    }

    private func decodeChecklistItems(_ nodes: [YAMLNode], context: String, depth: Int) -> [ChecklistItem] {
        nodes.compactMap { node in
            if case .scalar(let text, _) = node.content, !node.isNull { return ChecklistItem(text: text) }
            guard case .mapping = node.content else {
                report.error(node.mark, "expected a checklist item (text, or a mapping with 'text' and 'items') in \(context); found \(node.kindDescription)")
                return nil
            }
            guard let map = MappingReader(node, context: "a checklist item of \(context)", allowed: RunbookSchema.keys(.checklistItem), report: report) else { return nil }
            let text = map.text("text", required: true)
            let children = map.list("items")
            let source = map.integer("source")
            guard let text else { return nil }
            if depth >= Self.maximumChecklistDepth, !children.isEmpty {
                report.error(map.mark(of: "items"), "checklist items nest deeper than \(Self.maximumChecklistDepth) levels in \(context)")
                return ChecklistItem(text: text, source: source)
            }
            return ChecklistItem(text: text, items: decodeChecklistItems(children, context: context, depth: depth + 1), source: source)
        }
    }

    private mutating func decodeContingency(_ node: YAMLNode) -> ContingencyPlan? {
        let keys = RunbookSchema.keys(.contingency)
        guard let map = MappingReader(node, context: "a contingency plan", allowed: keys, report: report) else { return nil }
        let id = map.id()
        define(.contingency, id, at: map.mark(of: "id"))
        let context = "contingency plan \(idText(id))"
        let title = map.text("title", required: true)
        let actions = decodeSteps(map.list("actions", required: true, minimum: 1), context: context)
        let expected = map.texts("expected_behaviour")
        let rto = map.length("rto"), rpo = map.length("rpo")
        let source = map.integer("source")
        guard let id, let title else { return nil }
        return ContingencyPlan(
            id: id, title: title, trigger: map.text("trigger"), objective: map.text("objective"), strategy: map.text("strategy"),
            expectedBehaviour: expected, actions: actions, rto: rto, rpo: rpo, notes: map.text("notes"), source: source)
    }

    private mutating func decodeAudience(_ node: YAMLNode) -> CommsAudience? {
        let keys = RunbookSchema.keys(.communication)
        guard let map = MappingReader(node, context: "a communication", allowed: keys, report: report) else { return nil }
        let id = map.id()
        define(.communication, id, at: map.mark(of: "id"))
        let context = "communication \(idText(id))"
        let audience = map.text("audience", required: true)
        let scope: CommsAudience.Scope? = map.choice("scope", required: true)
        let template = map.id("template", required: false)
        refer(to: [.template], template, at: map.mark(of: "template"), what: "'template' of \(context)")
        let hooks: [CommsHook] = map.list("on").compactMap { item in
            let options = CommsHook.allCases.map(\.rawValue)
            guard case .scalar(let text, _) = item.content, let hook = CommsHook(rawValue: text) else {
                let found = { if case .scalar(let text, _) = item.content { return "'\(text)'" } else { return item.kindDescription } }()
                report.error(item.mark, "bad hook in 'on' of \(context): expected one of \(options.joined(separator: ", ")); found \(found)")
                return nil
            }
            return hook
        }
        let cadence = map.parsed("cadence", Cadence.parse)
        let condition = map.parsed("condition", CommsCondition.parse)
        let source = map.integer("source")
        let grace = map.parsed("grace", DurationText.parseLength)
        guard let id, let audience, let scope else { return nil }
        return CommsAudience(
            id: id, audience: audience, scope: scope, channel: map.text("channel"), template: template, cadence: cadence,
            hooks: hooks, condition: condition, timing: map.text("timing"), notes: map.text("notes"), source: source, grace: grace)
    }

    private mutating func decodeTemplate(_ node: YAMLNode) -> MessageTemplate? {
        let keys = RunbookSchema.keys(.template)
        guard let map = MappingReader(node, context: "a template", allowed: keys, report: report) else { return nil }
        let id = map.id()
        define(.template, id, at: map.mark(of: "id"))
        let name = map.text("name", required: true)
        let body = map.text("body")
        if let body { checkPlaceholders(body, at: map.mark(of: "body"), context: "template \(idText(id))") }
        let source = map.integer("source")
        guard let id, let name else { return nil }
        return MessageTemplate(id: id, name: name, channel: map.text("channel"), when: map.text("when"), body: body, source: source)
    }

    private func checkPlaceholders(_ body: String, at mark: SourceMark, context: String) {
        var rest = Substring(body)
        while let open = rest.textRange(of: "{{") {
            rest = rest[open.upperBound...]
            guard let close = rest.textRange(of: "}}") else {
                report.error(mark, "unclosed placeholder '{{' in the body of \(context)")
                return
            }
            let name = String(rest[..<close.lowerBound])
            if !TemplatePlaceholders.isValidName(name) {
                report.error(mark, "bad placeholder '{{\(name)}}' in the body of \(context): names are lower-case letters, digits and '_'")
            }
            rest = rest[close.upperBound...]
        }
    }

    private mutating func decodeContact(_ node: YAMLNode, index: Int) -> Contact? {
        let keys = RunbookSchema.keys(.contact)
        guard let map = MappingReader(node, context: "a contact", allowed: keys, report: report) else { return nil }
        let explicitID = map.id("id", required: false)
        let role = map.text("role", required: true)
        let id = explicitID ?? role.map { RunbookID.slug($0, fallback: "contact-\(index + 1)") }
        define(.contact, id, at: map.mark(of: explicitID == nil ? "role" : "id"))
        let context = "contact \(idText(id))"
        let primary = map.node("primary", required: true).flatMap { decodePerson($0, context: "primary of \(context)") }
        let backup = map.node("backup").flatMap { decodePerson($0, context: "backup of \(context)") }
        let source = map.integer("source")
        let ackWithin = map.parsed("ack_within", DurationText.parseLength)
        guard let id, let role, let primary else { return nil }
        return Contact(id: id, role: role, primary: primary, backup: backup, authority: map.text("authority"),
                       ackWithin: ackWithin, notes: map.text("notes"), source: source)
    }

    private func decodePerson(_ node: YAMLNode, context: String) -> Person? {
        guard let map = MappingReader(node, context: context, allowed: RunbookSchema.keys(.person), report: report) else { return nil }
        let name = map.text("name", required: true), phone = map.text("phone"), handles = map.texts("handles")
        return name.map { Person(name: $0, phone: phone, handles: handles) }
    }

    private mutating func decodeChecklist(_ node: YAMLNode) -> Checklist? {
        guard let map = MappingReader(node, context: "a checklist", allowed: RunbookSchema.keys(.checklist), report: report) else { return nil }
        let id = map.id()
        define(.checklist, id, at: map.mark(of: "id"))
        let title = map.text("title", required: true)
        let items = decodeChecklistItems(map.list("items", required: true, minimum: 1), context: "checklist \(idText(id))", depth: 1)
        let source = map.integer("source")
        guard let id, let title else { return nil }
        return Checklist(id: id, title: title, when: map.text("when"), items: items, source: source)
    }

    private func decodeHorizon(_ node: YAMLNode) -> HorizonGroup? {
        guard let map = MappingReader(node, context: "a post-incident group", allowed: RunbookSchema.keys(.postIncident), report: report) else { return nil }
        let title = map.text("title", required: true)
        let horizon = map.timing("horizon", required: true)
        let items = decodeChecklistItems(map.list("items", required: true, minimum: 1), context: "post-incident group '\(title ?? "?")'", depth: 1)
        let source = map.integer("source")
        guard let title, let horizon else { return nil }
        return HorizonGroup(title: title, horizon: horizon, items: items, source: source)
    }

    private func decodeRCA(_ node: YAMLNode) -> RCASkeleton? {
        guard let map = MappingReader(node, context: "rca", allowed: RunbookSchema.keys(.rca), report: report) else { return nil }
        var rca = RCASkeleton(title: map.text("title"))
        rca.sections = map.list("sections").compactMap { item in
            guard let section = MappingReader(item, context: "an rca section", allowed: RunbookSchema.keys(.rcaSection), report: report),
                  let title = section.text("title", required: true) else { return nil }
            return RCASection(title: title, prompts: section.texts("prompts"))
        }
        return rca
    }

    private func decodeTest(_ node: YAMLNode) -> TestRecord? {
        guard let map = MappingReader(node, context: "a test record", allowed: RunbookSchema.keys(.test), report: report),
              let test = map.text("test", required: true) else { return nil }
        return TestRecord(test: test, frequency: map.text("frequency"), last: map.text("last"), next: map.text("next"), result: map.text("result"))
    }

    private func decodeKnownGood(_ node: YAMLNode) -> KnownGoodVersion? {
        let keys = RunbookSchema.keys(.knownGood)
        guard let map = MappingReader(node, context: "a last-known-good version", allowed: keys, report: report),
              let version = map.text("version", required: true) else { return nil }
        return KnownGoodVersion(version: version, commit: map.text("commit"), date: map.text("date"), status: map.text("status"), notes: map.text("notes"))
    }
}
