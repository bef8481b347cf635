import Testing
@testable import WarRoomEngine

/// Loads YAML text and returns its error diagnostics as `line:col: message` strings.
func errors(in yaml: String, file: String = "t.yaml") -> [String] {
    RunbookLoader.loadReporting(bytes: Array(yaml.utf8), file: file).diagnostics
        .filter { $0.severity == .error }
        .map { "\($0.mark.line):\($0.mark.column): \($0.message)" }
}

let minimalRunbook = """
    format: 1
    id: mini
    title: Mini
    procedures:
      - id: app-rollback
        title: App rollback
        steps:
          - action: Roll back
            duration: 2m

    """

@Suite("Loader errors: every problem, located")
struct LoaderErrorTests {
    @Test func minimalRunbookLoads() throws {
        let runbook = try RunbookLoader.load(text: minimalRunbook, file: "t.yaml")
        #expect(runbook.procedures.first?.steps.first?.duration == .exact(seconds: 120))
        #expect(runbook.procedures.first?.steps.first?.number == 1)
    }

    @Test("a typo'd key, a bad duration and a dangling reference give three located errors")
    func threeErrors() {
        let yaml = """
            format: 1
            id: demo
            title: Demo
            triggers:
              - id: errors
                kind: automatic
                condition: Error rate high
                leads_to: app-rolback
            procedures:
              - id: app-rollback
                titel: App rollback
                steps:
                  - action: Roll back
                    duration: 5 parsecs
            """
        let found = errors(in: yaml)
        #expect(found == [
            "8:15: 'leads_to' of trigger 'errors' names 'app-rolback', which is not a procedure, contingency or decision tree of this runbook; did you mean 'app-rollback'?",
            "11:5: unknown key 'titel' in a procedure; did you mean 'title'?",
            "14:19: bad 'duration' in step 1 of procedure 'app-rollback': expected \(Timing.expectation); found '5 parsecs'",
        ])
    }

    @Test func diagnosticsPrintLikeACompiler() throws {
        let failure = #expect(throws: LoadFailure.self) {
            try RunbookLoader.load(text: "format: 1\nid: x\ntitle: X\nprocedures: 3\n", file: "runbooks/x.yaml")
        }
        #expect(failure?.description == "runbooks/x.yaml:4:13: error: expected a list for 'procedures' in the runbook; found text")
    }

    @Test func formatVersion() {
        #expect(errors(in: "id: x\ntitle: X\n") == ["1:1: missing required key 'format' in the runbook"])
        #expect(errors(in: "format: 2\nid: x\ntitle: X\n") == ["1:9: format 2 is not supported: this warroom reads format 1"])
        #expect(errors(in: "format: one\nid: x\ntitle: X\n") == ["1:9: expected a whole number for 'format' in the runbook; found 'one'"])
    }

    @Test func wrongTypes() {
        let yaml = """
            format: 1
            id: Bad Id
            title: [a, list]
            principles: {a: b}
            warnings: [ok, [nested]]
            objectives:
              rto: 5-10m
            contacts:
              - role: DBA
                primary: Kevin
            """
        #expect(errors(in: yaml) == [
            "2:5: bad 'id' in the runbook: 'Bad Id' is not an id (lower-case letters, digits and '-', at most 64, e.g. 'bad-id')",
            "3:8: expected text for 'title' in the runbook; found a list",
            "4:13: expected a list for 'principles' in the runbook; found a mapping",
            "5:16: expected text items in 'warnings' of the runbook; found a list",
            "7:8: bad 'rto' in objectives: expected a single length such as 4h or 15m; found '5-10m'",
            "10:14: expected a mapping (key: value lines) for primary of contact 'dba'; found text",
        ])
    }

    @Test func duplicateKeysAndIds() {
        let yaml = """
            format: 1
            id: dup
            title: Dup
            title: Again
            procedures:
              - id: p
                title: P
                steps: [{action: A}]
              - id: p
                title: P2
                steps: [{action: B, id: s}, {action: C, id: s}]
            """
        #expect(errors(in: yaml) == [
            "4:1: duplicate key 'title' in the runbook (first at line 3)",
            "9:9: duplicate procedure id 'p' (first defined at line 6)",
            "11:49: duplicate step id 's' in procedure 'p' (first used by step 1)",
        ])
    }

    @Test func enumsSuggest() {
        let yaml = """
            format: 1
            id: e
            title: E
            triggers:
              - {id: t, kind: automatc, condition: C}
            communications:
              - {id: c, audience: A, scope: outside, on: [declare, startup], cadence: sometimes, condition: users > 2h, template: nope}
            """
        let found = errors(in: yaml)
        #expect(found.count == 6)
        #expect(found[0] == "5:19: bad 'kind' in a trigger: expected one of automatic, manual; found 'automatc'; did you mean 'automatic'?")
        #expect(found.contains { $0.contains("bad 'scope'") && $0.contains("expected one of internal, external") })
        #expect(found.contains { $0.contains("bad hook in 'on'") && $0.contains("'startup'") })
        #expect(found.contains { $0.contains("bad 'cadence'") })
        #expect(found.contains { $0.contains("bad 'condition'") })
        #expect(found.contains { $0.contains("'template' of communication 'c' names 'nope', which is not a template") })
    }

    @Test("decision trees: dangling answers, unreachable nodes, cycles, too few answers")
    func treeShape() {
        let yaml = """
            format: 1
            id: trees
            title: Trees
            procedures:
              - {id: fix, title: Fix, steps: [{action: Fix it}]}
            decision_trees:
              - id: loop
                title: Loop
                nodes:
                  - id: a
                    question: A?
                    answers: [{label: "Yes", goto: b}, {label: "No", goto: done}]
                  - id: b
                    question: B?
                    answers: [{label: "Yes", goto: a}, {label: "No", goto: nowhere}]
                  - id: island
                    question: Unreachable?
                    answers: [{label: only, goto: done}]
                outcomes:
                  - {id: done, title: Done, procedure: fixx}
                  - {id: orphan, title: Orphan}
            """
        #expect(errors(in: yaml) == [
            "13:13: decision tree 'loop' has a cycle: a → b → a",
            "15:64: answer of node 'b' in decision tree 'loop' goes to 'nowhere', which is not a node or outcome of this tree",
            "16:13: node 'island' of decision tree 'loop' cannot be reached from the root 'a'",
            "18:18: 'answers' in a node of decision tree 'loop' needs at least 2 entries; found 1",
            "20:44: 'procedure' of outcome 'done' in decision tree 'loop' names 'fixx', which is not a procedure or contingency of this runbook; did you mean 'fix'?",
            "21:14: outcome 'orphan' of decision tree 'loop' cannot be reached from the root 'a'",
        ])
    }

    @Test func matrixRowsMatchColumns() {
        let yaml = """
            format: 1
            id: m
            title: M
            decision_matrices:
              - id: sev
                title: Severity
                columns: [Error rate, Latency]
                rows:
                  - {severity: Critical, values: [">5%"], decision: Roll back}
            """
        #expect(errors(in: yaml) == ["9:38: row 'Critical' of decision matrix 'sev' has 1 values for 2 columns (Error rate, Latency)"])
    }

    @Test func placeholdersAreChecked() {
        let yaml = """
            format: 1
            id: p
            title: P
            templates:
              - {id: t, name: T, body: "Status {{Status}} at {{time"}
            """
        #expect(errors(in: yaml) == [
            "5:28: bad placeholder '{{Status}}' in the body of template 't': names are lower-case letters, digits and '_'",
            "5:28: unclosed placeholder '{{' in the body of template 't'",
        ])
    }

    @Test func checklistNestingIsBounded() {
        var item = "x"
        for _ in 0..<10 { item = "{text: t, items: [\(item)]}" }
        let yaml = "format: 1\nid: c\ntitle: C\nchecklists:\n  - {id: deep, title: Deep, items: [\(item)]}\n"
        let found = errors(in: yaml)
        #expect(found.count == 1)
        #expect(found.first?.contains("nest deeper than 8 levels") == true)
    }

    @Test func nullsAndOptionalValues() throws {
        let yaml = """
            format: 1
            id: n
            title: N
            system:
            contacts:
              - role: AWS Support
                primary: {name: Enterprise Support, phone: "(888) 555-0100"}
                backup: ~
            """
        let runbook = try RunbookLoader.load(text: yaml, file: "n.yaml")
        #expect(runbook.system == nil)
        #expect(runbook.contacts.first?.backup == nil)
        #expect(runbook.contacts.first?.id == "aws-support")
    }

    @Test("scalars stay as written: No, 1.0 and dates are text")
    func scalarsAreText() throws {
        let yaml = """
            format: 1
            id: s
            title: S
            document: {version: 1.0, updated: 2025-01-21}
            decision_trees:
              - id: t
                title: T
                nodes: [{id: q, question: Q?, answers: [{label: No, goto: o}, {label: Yes, goto: o}]}]
                outcomes: [{id: o, title: O}]
            """
        let runbook = try RunbookLoader.load(text: yaml, file: "s.yaml")
        #expect(runbook.document?.version == "1.0")
        #expect(runbook.document?.updated == "2025-01-21")
        #expect(runbook.decisionTrees.first?.nodes.first?.answers.map(\.label) == ["No", "Yes"])
    }
}

/// Severity names are chosen by name when an incident is declared, so each must be a name, once.
@Suite("Loader errors: severities")
struct SeverityListTests {
    @Test("a blank and a repeated severity are each located; the others load")
    func blankAndDuplicate() {
        let yaml = minimalRunbook + """
            severities:
              - SEV1
              - "  "
              - SEV2
              - SEV1

            """
        #expect(errors(in: yaml) == [
            "12:5: a severity in 'severities' is blank; expected a name such as SEV1",
            "14:5: duplicate severity 'SEV1' in 'severities' (first at line 11)",
        ])
    }

    @Test func distinctSeveritiesLoad() throws {
        let runbook = try RunbookLoader.load(text: minimalRunbook + "severities: [SEV1, SEV2, SEV3]\n", file: "t.yaml")
        #expect(runbook.severities == ["SEV1", "SEV2", "SEV3"])
    }
}
