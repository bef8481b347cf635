import Foundation
import Testing
import WarRoomTestSupport
@testable import WarRoomEngine

/// The structure of a runbook as counts, compared against counts taken by hand from the
/// source documents in ../shared/seeds.
struct RunbookShape: Equatable, CustomStringConvertible {
    var stepsPerProcedure: [Int]
    var actionsPerContingency: [Int] = []
    var automaticTriggers: Int
    var manualTriggers: Int
    var treeShapes: [[Int]] = []          // [nodes, outcomes] per tree
    var matrixRows: [Int] = []
    var internalAudiences: Int
    var externalAudiences: Int
    var templates: Int
    var contacts: Int
    var authority: Int = 0
    var postIncidentItems: [Int] = []     // top-level items per horizon group
    var checklistItems: [Int] = []        // top-level items per checklist
    var tests: Int = 0
    var lastKnownGood: Int = 0

    init(stepsPerProcedure: [Int], actionsPerContingency: [Int] = [], automaticTriggers: Int, manualTriggers: Int,
         treeShapes: [[Int]] = [], matrixRows: [Int] = [], internalAudiences: Int, externalAudiences: Int, templates: Int,
         contacts: Int, authority: Int = 0, postIncidentItems: [Int] = [], checklistItems: [Int] = [], tests: Int = 0, lastKnownGood: Int = 0) {
        self.stepsPerProcedure = stepsPerProcedure
        self.actionsPerContingency = actionsPerContingency
        self.automaticTriggers = automaticTriggers
        self.manualTriggers = manualTriggers
        self.treeShapes = treeShapes
        self.matrixRows = matrixRows
        self.internalAudiences = internalAudiences
        self.externalAudiences = externalAudiences
        self.templates = templates
        self.contacts = contacts
        self.authority = authority
        self.postIncidentItems = postIncidentItems
        self.checklistItems = checklistItems
        self.tests = tests
        self.lastKnownGood = lastKnownGood
    }

    init(of runbook: Runbook) {
        self.init(
            stepsPerProcedure: runbook.procedures.map(\.steps.count),
            actionsPerContingency: runbook.contingencies.map(\.actions.count),
            automaticTriggers: runbook.triggers.filter { $0.kind == .automatic }.count,
            manualTriggers: runbook.triggers.filter { $0.kind == .manual }.count,
            treeShapes: runbook.decisionTrees.map { [$0.nodes.count, $0.outcomes.count] },
            matrixRows: runbook.decisionMatrices.map(\.rows.count),
            internalAudiences: runbook.communications.filter { $0.scope == .internal }.count,
            externalAudiences: runbook.communications.filter { $0.scope == .external }.count,
            templates: runbook.templates.count,
            contacts: runbook.contacts.count,
            authority: runbook.authority.count,
            postIncidentItems: runbook.postIncident.map(\.items.count),
            checklistItems: runbook.checklists.map(\.items.count),
            tests: runbook.tests.count,
            lastKnownGood: runbook.lastKnownGood.count)
    }

    var description: String { String(describing: Mirror(reflecting: self).children.map { "\($0.label ?? ""): \($0.value)" }) }
}

@Suite("The five source runbooks, transcribed")
struct SourceRunbookTests {
    static let expected: [(file: String, shape: RunbookShape)] = [
        // 000: 3 procedures of 8, 10 and 6 steps, 4 contingency plans, 8 contacts,
        // 5 internal and 3 external audiences, 5 automatic and 6 manual triggers.
        ("dentalcare-migration", RunbookShape(
            stepsPerProcedure: [8, 10, 6], actionsPerContingency: [6, 5, 6, 6], automaticTriggers: 5, manualTriggers: 6,
            internalAudiences: 5, externalAudiences: 3, templates: 7, contacts: 8, postIncidentItems: [6, 5, 6], tests: 6)),
        ("whitecross-platform", RunbookShape(
            stepsPerProcedure: [3, 5, 5, 5, 2, 7, 5, 6, 5, 5, 3, 5, 5, 5, 1], actionsPerContingency: [5, 3, 5, 4],
            automaticTriggers: 7, manualTriggers: 4, treeShapes: [[3, 4]], matrixRows: [4], internalAudiences: 4,
            externalAudiences: 1, templates: 5, contacts: 8, postIncidentItems: [3, 3, 2])),
        ("dr-amal-clinical-os", RunbookShape(
            stepsPerProcedure: [8, 4, 5, 4, 3], automaticTriggers: 4, manualTriggers: 6, treeShapes: [[2, 3]],
            internalAudiences: 1, externalAudiences: 2, templates: 4, contacts: 3, authority: 3, postIncidentItems: [3, 3, 2],
            checklistItems: [4, 8, 7, 2], lastKnownGood: 3)),
        // 003: no procedure outside the seven contingency plans (Plan F's manual rollback is
        // its action list, runnable as the plan itself).
        ("syncwell-contingency", RunbookShape(
            stepsPerProcedure: [], actionsPerContingency: [7, 3, 6, 4, 6, 5, 7], automaticTriggers: 6, manualTriggers: 4,
            internalAudiences: 1, externalAudiences: 1, templates: 2, contacts: 0, authority: 2, tests: 1)),
        ("unifiedhealth-platform", RunbookShape(
            stepsPerProcedure: [4, 3, 2, 7, 3, 2, 2, 1, 3], automaticTriggers: 8, manualTriggers: 22, treeShapes: [[4, 5]],
            matrixRows: [4], internalAudiences: 4, externalAudiences: 1, templates: 5, contacts: 0, authority: 5,
            postIncidentItems: [6, 7], checklistItems: [6, 6, 5, 4, 5])),
    ]

    @Test("structure matches the counts taken from the source", arguments: expected.map(\.file))
    func structure(file: String) throws {
        let runbook = try RunbookLoader.load(path: RepoPaths.runbook(file))
        let expected = try #require(Self.expected.first { $0.file == file }?.shape)
        #expect(RunbookShape(of: runbook) == expected)
    }

    @Test("show prints every step, trigger, tree node, contact and audience", arguments: expected.map(\.file))
    func showIsComplete(file: String) throws {
        let runbook = try RunbookLoader.load(path: RepoPaths.runbook(file))
        // Wide enough that nothing wraps, so every text appears whole on some line.
        let shown = RunbookSummary(runbook: runbook, width: 2_000).render()
        var missing: [String] = []
        func check(_ text: String?) {
            guard let text else { return }
            let first = TextSanitizer.line(text.split(separator: "\n").first.map(String.init) ?? text)
            if !shown.contains(first) { missing.append(first) }
        }
        for procedure in runbook.procedures + runbook.contingencies.map(\.asProcedureForTest) {
            check(procedure.title)
            for step in procedure.steps {
                check(step.action); check(step.owner); check(step.commands); check(step.notes)
                step.checklist.flatMap(\.flattened).forEach { check($0.text) }
            }
            procedure.prerequisites.flatMap(\.flattened).forEach { check($0.text) }
        }
        for trigger in runbook.triggers { check(trigger.condition); check(trigger.detection); check(trigger.decidedBy) }
        for tree in runbook.decisionTrees {
            tree.nodes.forEach { check($0.question) }
            tree.outcomes.forEach { check($0.title) }
        }
        for contact in runbook.contacts { check(contact.role); check(contact.primary.name); check(contact.primary.phone); check(contact.backup?.name) }
        for audience in runbook.communications { check(audience.audience); check(audience.channel) }
        for template in runbook.templates { check(template.name); check(template.body) }
        for group in runbook.postIncident { group.items.flatMap(\.flattened).forEach { check($0.text) } }
        for list in runbook.checklists { list.items.flatMap(\.flattened).forEach { check($0.text) } }
        #expect(missing.isEmpty, "missing from show: \(missing)")
    }

    @Test func theDefaultRunbookIsEmbeddedAndValid() throws {
        let runbook = try DefaultRunbook.load()
        let onDisk = try RunbookLoader.load(path: RepoPaths.runbook("unifiedhealth-platform"))
        #expect(runbook == onDisk)
    }

    @Test func sourceRunbooksAreCleanOfMojibake() throws {
        let marks = ["âš", "ï¸", "â”", "â–", "âœ", "ğŸ", "‚îÄ", "‚Üí", "‚ùå", "‚ö†", "üü", "‚úÖ"]
        for file in try FileManager.default.contentsOfDirectory(atPath: RepoPaths.root + "/runbooks") where file.hasSuffix(".yaml") {
            let text = try String(contentsOfFile: RepoPaths.root + "/runbooks/\(file)", encoding: .utf8)
            for mark in marks { #expect(!text.contains(mark), "\(file) still has mojibake '\(mark)'") }
        }
    }
}

extension ContingencyPlan {
    /// The plan's actions seen as steps of a procedure, for completeness checks.
    var asProcedureForTest: Procedure {
        Procedure(id: id, title: title, steps: actions)
    }
}
