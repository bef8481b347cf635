/// Writes a `Runbook` in the YAML format of `docs/runbook-format.md`, with `source:` lines,
/// so that `RunbookLoader` reads the same runbook back.
public enum RunbookYAMLWriter {
    /// The YAML text, headed by a comment naming the document it was imported from.
    public static func yaml(_ runbook: Runbook, importedFrom source: String? = nil) -> String {
        var root: [(String, YAMLValue)] = [("format", .number(runbook.format)), ("id", .string(runbook.id)), ("title", .string(runbook.title))]
        add(&root, "system", runbook.system)
        add(&root, "summary", runbook.summary)
        if let document = runbook.document { root.append(("document", mapping(.document, documentPairs(document)))) }
        addList(&root, "principles", runbook.principles.map(YAMLValue.string))
        addList(&root, "warnings", runbook.warnings.map(YAMLValue.string))
        addList(&root, "references", runbook.references.map(YAMLValue.string))
        if let objectives = runbook.objectives {
            var pairs: [(String, YAMLValue)] = []
            add(&pairs, "rto", objectives.rto.map(DurationText.compact))
            add(&pairs, "rpo", objectives.rpo.map(DurationText.compact))
            add(&pairs, "notes", objectives.notes)
            addList(&pairs, "targets", objectives.targets.map { mapping(.target, [("metric", .string($0.metric)), ("target", .string($0.target))]) })
            root.append(("objectives", mapping(.objectives, pairs)))
        }
        addList(&root, "triggers", runbook.triggers.map(trigger))
        addList(&root, "decision_trees", runbook.decisionTrees.map(tree))
        addList(&root, "decision_matrices", runbook.decisionMatrices.map(matrix))
        addList(&root, "authority", runbook.authority.map { rule in
            var pairs: [(String, YAMLValue)] = [("scenario", .string(rule.scenario)), ("decision_maker", .string(rule.decisionMaker))]
            add(&pairs, "approval_time", rule.approvalTime?.description)
            add(&pairs, "notes", rule.notes)
            return mapping(.authority, pairs)
        })
        addList(&root, "procedures", runbook.procedures.map(procedure))
        addList(&root, "contingencies", runbook.contingencies.map(contingency))
        addList(&root, "communications", runbook.communications.map(audience))
        addList(&root, "templates", runbook.templates.map { template in
            var pairs: [(String, YAMLValue)] = [("id", .string(template.id)), ("name", .string(template.name))]
            add(&pairs, "channel", template.channel)
            add(&pairs, "when", template.when)
            add(&pairs, "body", template.body)
            addSource(&pairs, template.source)
            return mapping(.template, pairs)
        })
        addList(&root, "contacts", runbook.contacts.map(contact))
        addList(&root, "checklists", runbook.checklists.map { list in
            var pairs: [(String, YAMLValue)] = [("id", .string(list.id)), ("title", .string(list.title))]
            add(&pairs, "when", list.when)
            pairs.append(("items", .list(list.items.map(item))))
            addSource(&pairs, list.source)
            return mapping(.checklist, pairs)
        })
        addList(&root, "post_incident", runbook.postIncident.map { group in
            var pairs: [(String, YAMLValue)] = [("title", .string(group.title)), ("horizon", .string(group.horizon.description))]
            pairs.append(("items", .list(group.items.map(item))))
            addSource(&pairs, group.source)
            return mapping(.postIncident, pairs)
        })
        if let rca = runbook.rca {
            var pairs: [(String, YAMLValue)] = []
            add(&pairs, "title", rca.title)
            addList(&pairs, "sections", rca.sections.map { section in
                var entry: [(String, YAMLValue)] = [("title", .string(section.title))]
                addList(&entry, "prompts", section.prompts.map(YAMLValue.string))
                return mapping(.rcaSection, entry)
            })
            root.append(("rca", mapping(.rca, pairs)))
        }
        addList(&root, "tests", runbook.tests.map { record in
            var pairs: [(String, YAMLValue)] = [("test", .string(record.test))]
            add(&pairs, "frequency", record.frequency)
            add(&pairs, "last", record.last)
            add(&pairs, "next", record.next)
            add(&pairs, "result", record.result)
            return mapping(.test, pairs)
        })
        addList(&root, "last_known_good", runbook.lastKnownGood.map { version in
            var pairs: [(String, YAMLValue)] = [("version", .string(version.version))]
            add(&pairs, "commit", version.commit)
            add(&pairs, "date", version.date)
            add(&pairs, "status", version.status)
            add(&pairs, "notes", version.notes)
            return mapping(.knownGood, pairs)
        })
        addList(&root, "severities", runbook.severities.map(YAMLValue.string))
        let header = source.map { "# Imported by `warroom import` from \(TextSanitizer.line(MarkdownText.collapse($0)))\n" } ?? ""
        assert(root.allSatisfy { RunbookSchema.keys(.runbook).contains($0.0) }, "a top-level key outside RunbookSchema")
        return header + YAMLEmitter.document(root)
    }

    // MARK: - Parts

    private static func add(_ pairs: inout [(String, YAMLValue)], _ key: String, _ value: String?) {
        if let value, !value.isEmpty { pairs.append((key, .string(value))) }
    }

    private static func addList(_ pairs: inout [(String, YAMLValue)], _ key: String, _ values: [YAMLValue]) {
        if !values.isEmpty { pairs.append((key, .list(values))) }
    }

    /// A mapping of `part`: its keys are the schema's (checked in debug builds; the decoder
    /// rejects any other when the YAML is loaded back).
    private static func mapping(_ part: RunbookSchema.Part, _ pairs: [(String, YAMLValue)]) -> YAMLValue {
        assert(pairs.allSatisfy { RunbookSchema.keys(part).contains($0.0) }, "a key outside RunbookSchema.\(part)")
        return .map(pairs)
    }

    private static func addSource(_ pairs: inout [(String, YAMLValue)], _ line: Int?) {
        if let line { pairs.append(("source", .number(line))) }
    }

    private static func documentPairs(_ document: DocumentInfo) -> [(String, YAMLValue)] {
        var pairs: [(String, YAMLValue)] = []
        add(&pairs, "version", document.version)
        add(&pairs, "owner", document.owner)
        add(&pairs, "updated", document.updated)
        add(&pairs, "next_review", document.nextReview)
        add(&pairs, "review_frequency", document.reviewFrequency)
        add(&pairs, "classification", document.classification)
        add(&pairs, "contact", document.contact)
        addList(&pairs, "approvals", document.approvals.map { signOff in
            var entry: [(String, YAMLValue)] = [("role", .string(signOff.role))]
            add(&entry, "name", signOff.name)
            add(&entry, "date", signOff.date)
            return mapping(.approval, entry)
        })
        return pairs
    }

    private static func trigger(_ trigger: Trigger) -> YAMLValue {
        var pairs: [(String, YAMLValue)] = [("id", .string(trigger.id)), ("kind", .string(trigger.kind.rawValue)), ("condition", .string(trigger.condition))]
        add(&pairs, "threshold", trigger.threshold?.description)
        add(&pairs, "level", trigger.level?.rawValue)
        add(&pairs, "group", trigger.group)
        add(&pairs, "severity", trigger.severity)
        add(&pairs, "detection", trigger.detection)
        add(&pairs, "decided_by", trigger.decidedBy)
        add(&pairs, "action", trigger.action)
        add(&pairs, "leads_to", trigger.leadsTo)
        add(&pairs, "time_to_decision", trigger.timeToDecision?.description)
        addSource(&pairs, trigger.source)
        return mapping(.trigger, pairs)
    }

    private static func tree(_ tree: DecisionTree) -> YAMLValue {
        var pairs: [(String, YAMLValue)] = [("id", .string(tree.id)), ("title", .string(tree.title)), ("root", .string(tree.root))]
        pairs.append(("nodes", .list(tree.nodes.map { node in
            var entry: [(String, YAMLValue)] = [("id", .string(node.id)), ("question", .string(node.question))]
            entry.append(("answers", .list(node.answers.map { mapping(.answer, [("label", .string($0.label)), ("goto", .string($0.goto))]) })))
            addSource(&entry, node.source)
            return mapping(.decisionNode, entry)
        })))
        pairs.append(("outcomes", .list(tree.outcomes.map { outcome in
            var entry: [(String, YAMLValue)] = [("id", .string(outcome.id)), ("title", .string(outcome.title))]
            add(&entry, "procedure", outcome.procedure)
            add(&entry, "time_limit", outcome.timeLimit?.description)
            add(&entry, "notes", outcome.notes)
            addSource(&entry, outcome.source)
            return mapping(.outcome, entry)
        })))
        addSource(&pairs, tree.source)
        return mapping(.decisionTree, pairs)
    }

    private static func matrix(_ matrix: DecisionMatrix) -> YAMLValue {
        var pairs: [(String, YAMLValue)] = [("id", .string(matrix.id)), ("title", .string(matrix.title))]
        pairs.append(("columns", .list(matrix.columns.map(YAMLValue.string))))
        pairs.append(("rows", .list(matrix.rows.map { row in
            var entry: [(String, YAMLValue)] = [("severity", .string(row.severity))]
            entry.append(("values", .list(row.values.map(YAMLValue.string))))
            add(&entry, "decision", row.decision)
            add(&entry, "authority", row.authority)
            add(&entry, "max_decision_time", row.maxDecisionTime?.description)
            return mapping(.matrixRow, entry)
        })))
        return mapping(.decisionMatrix, pairs)
    }

    static func item(_ item: ChecklistItem) -> YAMLValue {
        var pairs: [(String, YAMLValue)] = [("text", .string(item.text))]
        if !item.items.isEmpty { pairs.append(("items", .list(item.items.map(Self.item)))) }
        addSource(&pairs, item.source)
        return mapping(.checklistItem, pairs)
    }

    private static func step(_ step: Step) -> YAMLValue {
        var pairs: [(String, YAMLValue)] = [("action", .string(step.action))]
        add(&pairs, "id", step.id)
        add(&pairs, "owner", step.owner)
        add(&pairs, "duration", step.duration?.description)
        add(&pairs, "commands", step.commands)
        addList(&pairs, "checklist", step.checklist.map(item))
        add(&pairs, "notes", step.notes)
        addSource(&pairs, step.source)
        return mapping(.step, pairs)
    }

    private static func procedure(_ procedure: Procedure) -> YAMLValue {
        var pairs: [(String, YAMLValue)] = [("id", .string(procedure.id)), ("title", .string(procedure.title))]
        add(&pairs, "group", procedure.group)
        add(&pairs, "when", procedure.when)
        add(&pairs, "data_impact", procedure.dataImpact)
        add(&pairs, "risk", procedure.risk)
        add(&pairs, "estimate", procedure.estimate?.description)
        addList(&pairs, "approvals", procedure.approvals.map(YAMLValue.string))
        addList(&pairs, "prerequisites", procedure.prerequisites.map(item))
        addList(&pairs, "warnings", procedure.warnings.map(YAMLValue.string))
        pairs.append(("steps", .list(procedure.steps.map(step))))
        add(&pairs, "commands", procedure.commands)
        add(&pairs, "notes", procedure.notes)
        addSource(&pairs, procedure.source)
        return mapping(.procedure, pairs)
    }

    private static func contingency(_ plan: ContingencyPlan) -> YAMLValue {
        var pairs: [(String, YAMLValue)] = [("id", .string(plan.id)), ("title", .string(plan.title))]
        add(&pairs, "trigger", plan.trigger)
        add(&pairs, "objective", plan.objective)
        add(&pairs, "strategy", plan.strategy)
        addList(&pairs, "expected_behaviour", plan.expectedBehaviour.map(YAMLValue.string))
        pairs.append(("actions", .list(plan.actions.map(step))))
        add(&pairs, "rto", plan.rto.map(DurationText.compact))
        add(&pairs, "rpo", plan.rpo.map(DurationText.compact))
        add(&pairs, "notes", plan.notes)
        addSource(&pairs, plan.source)
        return mapping(.contingency, pairs)
    }

    private static func audience(_ entry: CommsAudience) -> YAMLValue {
        var pairs: [(String, YAMLValue)] = [("id", .string(entry.id)), ("audience", .string(entry.audience)), ("scope", .string(entry.scope.rawValue))]
        add(&pairs, "channel", entry.channel)
        add(&pairs, "template", entry.template)
        add(&pairs, "cadence", entry.cadence?.description)
        addList(&pairs, "on", entry.hooks.map { .string($0.rawValue) })
        add(&pairs, "condition", entry.condition?.description)
        add(&pairs, "timing", entry.timing)
        add(&pairs, "notes", entry.notes)
        addSource(&pairs, entry.source)
        add(&pairs, "grace", entry.grace.map(DurationText.compact))
        return mapping(.communication, pairs)
    }

    private static func contact(_ contact: Contact) -> YAMLValue {
        func person(_ person: Person) -> YAMLValue {
            var pairs: [(String, YAMLValue)] = [("name", .string(person.name))]
            add(&pairs, "phone", person.phone)
            addList(&pairs, "handles", person.handles.map(YAMLValue.string))
            return mapping(.person, pairs)
        }
        var pairs: [(String, YAMLValue)] = [("id", .string(contact.id)), ("role", .string(contact.role)), ("primary", person(contact.primary))]
        if let backup = contact.backup { pairs.append(("backup", person(backup))) }
        add(&pairs, "authority", contact.authority)
        add(&pairs, "notes", contact.notes)
        addSource(&pairs, contact.source)
        return mapping(.contact, pairs)
    }
}
