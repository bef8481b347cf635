import Testing
import WarRoomTestSupport
@testable import WarRoomEngine

@Suite struct EngineTests {
    @Test func everyCommandBecomesItsEvent() throws {
        var drill = try Drill()
        drill.ok(.declare(title: "Checkout errors", severity: "SEV2"))
        drill.ok(.changeSeverity("SEV1"))
        drill.ok(.fireTrigger("error-rate"))
        drill.ok(.answer(tree: "choose", node: "schema", answer: "yes"))
        drill.ok(.answer(tree: "choose", node: "corrupted", answer: "1"))
        drill.ok(.approve(approver: "Ada (IC)", subject: "app-rollback"))
        drill.ok(.startProcedure("app-rollback"))
        drill.ok(.startStep(procedure: "app-rollback", step: 1))
        drill.ok(.completeStep(procedure: "app-rollback", step: 1))
        drill.ok(.startStep(procedure: "app-rollback", step: 2))
        drill.ok(.tick(procedure: "app-rollback", step: 2, item: 2))
        drill.ok(.failStep(procedure: "app-rollback", step: 2, reason: "timeout"))
        drill.ok(.reopenStep(procedure: "app-rollback", step: 2))
        drill.ok(.skipStep(procedure: "app-rollback", step: 2, reason: "done by hand"))
        drill.ok(.skipStep(procedure: "app-rollback", step: 3, reason: "not needed"))
        drill.ok(.completeProcedure("app-rollback"))
        drill.ok(.startProcedure("db-rollback"))
        drill.ok(.abandonProcedure("db-rollback", reason: "not needed"))
        drill.ok(.communicate(audience: "execs", channel: nil, text: "Rolling back"))
        drill.ok(.page(contact: "Incident Commander", target: .backup))
        drill.ok(.note("All good"))
        drill.ok(.resolve(outcome: "Rolled back"))
        let types = drill.events.map(\.kind.typeName)
        #expect(types == [
            "incident_declared", "severity_changed", "trigger_fired", "decision_answered", "decision_answered",
            "approval_recorded", "procedure_started", "step_started", "step_done", "step_started", "checklist_ticked",
            "step_failed", "step_reopened", "step_skipped", "step_skipped", "procedure_completed", "procedure_started",
            "procedure_abandoned", "communication_sent", "contact_paged", "note_added", "incident_resolved",
        ])
        #expect(drill.events[4].kind == .decisionAnswered(tree: "choose", node: "corrupted", answer: "No", leadsTo: "app", outcome: true))
        #expect(drill.events[18].kind == .communicationSent(audience: "execs", channel: "Email", text: "Rolling back"))
        #expect(drill.events[19].kind == .contactPaged(contact: "ic", target: .backup, person: "Grace"))
        #expect(drill.state.severity == "SEV1")
        #expect(drill.state.trees["choose"]?.outcome == "app")
        #expect(drill.state.plans["app-rollback"]?.state == .completed)
        #expect(drill.state.plans["app-rollback"]?.step(2).ticked == [2])
        #expect(drill.state.plans["db-rollback"]?.state == .abandoned)
        #expect(drill.state.resolution?.outcome == "Rolled back")
    }

    /// Each refusal names why; the state is unchanged.
    @Test(arguments: [
        (Command.startProcedure("app-rollback"), "no incident has been declared"),
        (Command.fireTrigger("error-rate"), "no incident has been declared"),
        (Command.note("hello"), "no incident has been declared"),
        (Command.resolve(outcome: "x"), "no incident has been declared"),
        (Command.declare(title: "", severity: "SEV1"), "expected a title"),
        (Command.declare(title: "x", severity: " "), "expected a severity"),
    ])
    func refusedBeforeDeclaration(command: Command, reason: String) throws {
        var drill = try Drill()
        let refusal = drill.run(command)
        #expect(refusal?.reason.contains(reason) == true)
        #expect(drill.events.isEmpty)
    }

    @Test func refusalsSayWhy() throws {
        var drill = try Drill()
        drill.ok(.declare(title: "Errors", severity: "SEV1"))
        let cases: [(Command, String)] = [
            (.declare(title: "Again", severity: "SEV1"), "already declared"),
            (.declare(title: " ", severity: "SEV1"), "already declared"),
            (.changeSeverity("SEV1"), "already SEV1"),
            (.fireTrigger("nope"), "no trigger 'nope'"),
            (.answer(tree: "choose", node: "corrupted", answer: "yes"), "not the current node"),
            (.answer(tree: "choose", node: "schema", answer: "maybe"), "not an answer"),
            (.answer(tree: "nope", node: "schema", answer: "1"), "no decision tree"),
            (.completeStep(procedure: "app-rollback", step: 1), "has not been started"),
            (.startStep(procedure: "app-rollback", step: 1), "has not been started"),
            (.completeProcedure("app-rollback"), "has not been started"),
            (.abandonProcedure("app-rollback", reason: "x"), "has not been started"),
            (.startProcedure("nope"), "no procedure or contingency plan 'nope'"),
            (.communicate(audience: "nobody", channel: nil, text: "x"), "no audience 'nobody'"),
            (.communicate(audience: "execs", channel: nil, text: "  "), "expected the text sent"),
            (.page(contact: "dba", target: .backup), "has no backup"),
            (.page(contact: "cfo", target: .primary), "no contact 'cfo'"),
            (.note(""), "expected the note's text"),
            (.approve(approver: "", subject: "x"), "expected who approved"),
        ]
        for (command, reason) in cases {
            let refusal = drill.run(command)
            #expect(refusal?.reason.contains(reason) == true, "\(command): \(refusal?.reason ?? "accepted")")
        }
        #expect(drill.events.count == 1)
    }

    @Test func stepAndProcedureRefusals() throws {
        var drill = try Drill()
        drill.ok(.declare(title: "Errors", severity: "SEV1"))
        drill.ok(.startProcedure("app-rollback"))
        let count = drill.events.count
        #expect(drill.run(.startProcedure("app-rollback"))?.reason.contains("already running") == true)
        #expect(drill.run(.startStep(procedure: "app-rollback", step: 9))?.reason.contains("steps 1 to 4; there is no step 9") == true)
        #expect(drill.run(.completeStep(procedure: "app-rollback", step: 1))?.reason.contains("has not been started: start it first") == true)
        #expect(drill.run(.failStep(procedure: "app-rollback", step: 1, reason: "x"))?.reason.contains("only a running step can fail") == true)
        #expect(drill.run(.reopenStep(procedure: "app-rollback", step: 1))?.reason.contains("only a done, skipped or failed step") == true)
        #expect(drill.run(.skipStep(procedure: "app-rollback", step: 1, reason: ""))?.reason.contains("reason for skipping") == true)
        #expect(drill.run(.tick(procedure: "app-rollback", step: 1, item: 1))?.reason.contains("has no checklist") == true)
        #expect(drill.run(.tick(procedure: "app-rollback", step: 2, item: 4))?.reason.contains("items 1 to 3") == true)
        #expect(drill.run(.completeProcedure("app-rollback"))?.reason.contains("unfinished steps: 1, 2, 3") == true)
        #expect(drill.run(.resolve(outcome: "done"))?.reason.contains("still running") == true)
        #expect(drill.events.count == count)
        drill.ok(.startStep(procedure: "app-rollback", step: 1))
        #expect(drill.run(.startStep(procedure: "app-rollback", step: 1))?.reason.contains("already running") == true)
        drill.ok(.failStep(procedure: "app-rollback", step: 1, reason: "boom"))
        #expect(drill.run(.startStep(procedure: "app-rollback", step: 1))?.reason.contains("already failed: reopen it first") == true)
        #expect(drill.run(.completeProcedure("app-rollback"))?.reason.contains("step 1 of 'app-rollback' failed") == true)
        drill.ok(.tick(procedure: "app-rollback", step: 2, item: 1))
        #expect(drill.run(.tick(procedure: "app-rollback", step: 2, item: 1))?.reason.contains("already ticked") == true)
        drill.ok(.abandonProcedure("app-rollback", reason: "wrong plan"))
        #expect(drill.run(.startStep(procedure: "app-rollback", step: 2))?.reason.contains("is abandoned, not running") == true)
        drill.ok(.startProcedure("app-rollback"))
        // A restart after abandoning is a fresh run.
        #expect(drill.state.plans["app-rollback"]?.step(1).state == .pending)
        #expect(drill.state.plans["app-rollback"]?.step(2).ticked == [])
    }

    @Test func treeRefusalsAfterOutcome() throws {
        var drill = try Drill()
        drill.ok(.declare(title: "Errors", severity: "SEV1"))
        drill.ok(.answer(tree: "choose", node: "schema", answer: "No"))
        #expect(drill.run(.answer(tree: "choose", node: "app", answer: "1"))?.reason.contains("already reached its outcome 'app'") == true)
    }

    @Test func afterResolutionOnlyNotesAndComms() throws {
        var drill = try Drill()
        drill.ok(.declare(title: "Errors", severity: "SEV1"))
        drill.ok(.resolve(outcome: "false alarm"))
        #expect(drill.run(.startProcedure("app-rollback"))?.reason.contains("now only notes, communications, a new title, the recovery point, roles and corrections (retract, reopen) are recorded") == true)
        drill.ok(.communicate(audience: "status-page", channel: nil, text: "Resolved"))
        #expect(drill.run(.resolve(outcome: "again"))?.reason.contains("resolved at 2026-11-24T09:00:00.000Z") == true)
        drill.ok(.note("post-mortem booked"))
        #expect(drill.state.notes.count == 1)
    }

    @Test func triggerFiresOnce() throws {
        var drill = try Drill()
        drill.ok(.declare(title: "Errors", severity: "SEV1"))
        drill.ok(.fireTrigger("error-rate"))
        #expect(drill.run(.fireTrigger("error-rate"))?.reason.contains("already fired at") == true)
    }

    @Test func ongoingStepsDoNotBlockCompletionAndCloseWithIt() throws {
        var drill = try Drill()
        drill.ok(.declare(title: "Errors", severity: "SEV1"))
        drill.ok(.startProcedure("app-rollback"))
        for step in 1...3 {
            drill.ok(.startStep(procedure: "app-rollback", step: step))
            drill.ok(.completeStep(procedure: "app-rollback", step: step))
        }
        drill.ok(.startStep(procedure: "app-rollback", step: 4))
        drill.wait(5)
        drill.ok(.completeProcedure("app-rollback"))
        #expect(drill.state.plans["app-rollback"]?.step(4).state == .done)
        #expect(drill.state.plans["app-rollback"]?.step(4).endedAt == Fixtures.t0.adding(seconds: 300))
    }

    @Test func contingencyPlansRunLikeProcedures() throws {
        let runbook = try RunbookLoader.load(path: RepoPaths.root + "/runbooks/syncwell-contingency.yaml")
        var drill = Drill(runbook: runbook)
        drill.ok(.declare(title: "Region down", severity: "SEV1"))
        drill.ok(.startProcedure("plan-a-regional-outage"))
        drill.ok(.startStep(procedure: "plan-a-regional-outage", step: 1))
        drill.ok(.completeStep(procedure: "plan-a-regional-outage", step: 1))
    }
}

@Suite struct ReducerTests {
    @Test func reduceIsTotalOnEventsThatDoNotFit() {
        let t = Fixtures.t0
        let events: [Event] = [
            Event(sequence: 1, at: t, operator: "x", kind: .stepDone(procedure: "ghost", step: 99)),
            Event(sequence: 2, at: t, operator: "x", kind: .procedureCompleted(procedure: "never-started")),
            Event(sequence: 3, at: t, operator: "x", kind: .decisionAnswered(tree: "t", node: "n", answer: "a", leadsTo: "o", outcome: true)),
            Event(sequence: 7, at: t, operator: "x", kind: .incidentResolved(outcome: "before declaring")),
        ]
        let state = IncidentState.reduce(events)
        #expect(state.plans["ghost"]?.step(99).state == .done)
        #expect(state.plans["never-started"]?.state == .completed)
        #expect(state.lastSequence == 7)
        #expect(state.eventCount == 4)
        #expect(state.resolution?.outcome == "before declaring")
    }

    @Test func reduceIsPureFold() throws {
        var drill = try Drill()
        drill.ok(.declare(title: "Errors", severity: "SEV1"))
        drill.ok(.startProcedure("app-rollback"))
        drill.ok(.startStep(procedure: "app-rollback", step: 1))
        #expect(IncidentState.reduce(drill.events) == drill.state)
        #expect(IncidentState.reduce(drill.events) == IncidentState.reduce(drill.events))
    }
}
