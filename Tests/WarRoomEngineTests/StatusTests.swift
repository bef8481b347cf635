import Foundation
import Testing
@testable import WarRoomEngine

@Suite struct StatusTests {
    /// Declared at t0, decided at 4m, procedure running with overruns.
    func scenario() throws -> Drill {
        var drill = try Drill()
        drill.ok(.declare(title: "Checkout errors", severity: "SEV1"))      // 09:00
        drill.wait(1)
        drill.ok(.fireTrigger("error-rate"))                                  // 09:01
        drill.wait(2)
        drill.ok(.answer(tree: "choose", node: "schema", answer: "No"))      // 09:03
        drill.wait(1)
        drill.ok(.startProcedure("app-rollback"))                              // 09:04
        drill.ok(.startStep(procedure: "app-rollback", step: 1))
        drill.wait(3)
        drill.ok(.completeStep(procedure: "app-rollback", step: 1))           // 09:07, 3m against 2m
        drill.ok(.startStep(procedure: "app-rollback", step: 2))
        return drill
    }

    @Test func stepFigures() throws {
        var drill = try scenario()
        drill.wait(7)                                                          // 09:14, step 2 ran 7m of 5-10m
        var status = drill.status()
        var plan = try #require(status.plan("app-rollback"))
        let one = plan.steps[0], two = plan.steps[1], three = plan.steps[2], four = plan.steps[3]
        #expect(one.state == .done && one.elapsed == 180 && one.overrun == 60)
        #expect(two.state == .running && two.elapsed == 420 && two.overrun == nil)
        #expect(two.estimate?.best == 300 && two.estimate?.worst == 600)
        #expect(three.state == .pending && three.elapsed == nil && three.deadlineLeft == 20 * 60)   // due 09:34
        #expect(four.estimate == nil && four.deadlineLeft == nil)
        #expect(two.checklistTotal == 3 && two.checklistDone == 0 && one.checklistTotal == 0)
        drill.wait(5)                                                          // 09:19: step 2 ran 12m, 2m over
        status = drill.status()
        plan = try #require(status.plan("app-rollback"))
        #expect(plan.steps[1].overrun == 120)
        drill.wait(20)                                                         // 09:39: deadline of step 3 passed 5m ago
        #expect(drill.status().plan("app-rollback")?.steps[2].deadlineLeft == -5 * 60)
    }

    @Test func procedureFigures() throws {
        var drill = try scenario()
        drill.wait(2)                                                          // 09:09, step 2 ran 2m
        let plan = try #require(drill.status().plan("app-rollback"))
        #expect(plan.done == 1 && plan.total == 4)
        #expect(plan.elapsed == 5 * 60)
        // Weights: step 1 = 2m, step 2 = mean(5m, 10m) = 7m30s; steps 3, 4 have none.
        #expect(plan.estimatedDone == 120 && plan.estimatedTotal == 570)
        // Remaining: step 2 has 3m-8m left; 2 steps unestimated.
        #expect(plan.eta?.best == 180 && plan.eta?.worst == 480)
        #expect(plan.unestimatedLeft == 2)
        #expect(plan.approvalsRequired == ["Incident Commander"] && plan.approvalsRecorded.isEmpty)
        drill.ok(.approve(approver: "Ada", subject: "App-Rollback start"))
        #expect(drill.status().plan("app-rollback")?.approvalsRecorded.map(\.approver) == ["Ada"])
    }

    @Test func incidentFigures() throws {
        var drill = try scenario()
        drill.wait(13)                                                         // 09:20
        var incident = drill.status().incident
        #expect(incident.phase == .active && incident.severity == "SEV1")
        #expect(incident.elapsed == 20 * 60)
        #expect(incident.rto == 3_600 && incident.rtoLeft == 40 * 60)
        #expect(incident.timeToDecision == 4 * 60)
        drill.wait(50)                                                         // 10:10: RTO exceeded by 10m
        incident = drill.status().incident
        #expect(incident.rtoLeft == -10 * 60)
    }

    @Test func undeclaredIncidentHasNoFigures() throws {
        let drill = try Drill()
        let status = drill.status()
        #expect(status.incident.phase == .undeclared && status.incident.elapsed == nil && status.incident.rtoLeft == nil)
        #expect(status.audiences.allSatisfy { $0.nextDue == nil })
    }

    @Test("each hook's reason names the hook as runbooks write it")
    func hookReasons() {
        for hook in CommsHook.allCases {
            #expect(hook.reason == "on " + hook.rawValue.split(separator: "_").joined(separator: " "))
        }
    }

    @Test func commsHookAndCadence() throws {
        var drill = try scenario()                                             // 09:07, trigger fired 09:01
        var execs = try #require(drill.status().audience("execs"))
        // on trigger: fired 09:01, due after five minutes of grace at 09:06, overdue by 1m.
        #expect(execs.nextDue == Fixtures.t0.adding(seconds: 6 * 60) && execs.dueIn == -1 * 60 && execs.reason == "on trigger")
        drill.ok(.communicate(audience: "execs", channel: nil, text: "Rolling back"))
        execs = try #require(drill.status().audience("execs"))
        // hourly after that: due 10:07.
        #expect(execs.lastSent == Fixtures.t0.adding(seconds: 7 * 60))
        #expect(execs.nextDue == Fixtures.t0.adding(seconds: 67 * 60) && execs.dueIn == 60 * 60 && execs.reason == "hourly")
        // staff: every 15m from declaration, 09:15; at 09:07 due in 8m.
        let staff = try #require(drill.status().audience("staff"))
        #expect(staff.nextDue == Fixtures.t0.adding(seconds: 15 * 60) && staff.dueIn == 8 * 60)
        // status page: on declare, due 09:05 (grace), overdue 2m.
        #expect(drill.status().audience("status-page")?.dueIn == -2 * 60)
        // patients: once, when impact > 2h: due at 11:00.
        #expect(drill.status().audience("patients")?.nextDue == Fixtures.t0.adding(seconds: 7_200))
        #expect(drill.status().audience("patients")?.reason == "impact > 2h")
    }

    @Test func commsScheduleRecordsLateness() throws {
        var drill = try Drill()
        drill.ok(.declare(title: "x", severity: "SEV1"))
        drill.wait(20)                                                          // 09:20: staff due 09:15
        drill.ok(.communicate(audience: "staff", channel: nil, text: "update"))  // 5m late
        drill.wait(14)                                                          // 09:34, next due 09:35
        drill.ok(.communicate(audience: "staff", channel: nil, text: "update"))  // early: on time
        drill.wait(16)                                                          // 09:50
        let runbook = drill.engine.runbook
        let staff = try #require(runbook.audience(named: "staff"))
        let schedule = CommsSchedule(audience: staff, state: drill.state, at: drill.clock.now())
        #expect(schedule.obligations.map(\.late) == [5 * 60, 60])                 // 09:15 sent 09:20; 09:49 unsent, 1m so far
        #expect(schedule.obligations.map(\.sent) == [Fixtures.t0.adding(seconds: 20 * 60), nil])
        #expect(schedule.nextDue == Fixtures.t0.adding(seconds: 49 * 60))
        drill.wait(130)                                                         // 12:00
        let patients = try #require(runbook.audience(named: "patients"))
        let late = CommsSchedule(audience: patients, state: drill.state, at: drill.clock.now())
        #expect(late.obligations.count == 1 && late.obligations[0].due == Fixtures.t0.adding(seconds: 7_200) && late.obligations[0].late == 3_600)
    }

    @Test func cadenceStopsAtResolutionButResolveHookIsDue() throws {
        var drill = try Drill()
        drill.ok(.declare(title: "x", severity: "SEV1"))
        drill.ok(.communicate(audience: "status-page", channel: nil, text: "investigating"))
        drill.wait(10)
        drill.ok(.resolve(outcome: "fixed"))
        drill.wait(60)
        let status = drill.status()
        #expect(status.audience("staff")?.nextDue == nil)
        #expect(status.audience("status-page")?.nextDue == Fixtures.t0.adding(seconds: 600 + CommsAudience.defaultGrace))
        #expect(status.audience("status-page")?.reason == "on resolve")
        #expect(status.incident.elapsed == 600 && status.incident.phase == .resolved)
    }

    @Test func treeFigures() throws {
        var drill = try Drill()
        drill.ok(.declare(title: "x", severity: "SEV1"))
        drill.wait(3)
        var tree = try #require(drill.status().tree("choose"))
        #expect(tree.currentNode == "schema" && tree.question == "Was there a schema change?" && tree.path.isEmpty)
        #expect(tree.timeSpent == 180 && tree.timeLimit == nil)
        drill.ok(.answer(tree: "choose", node: "schema", answer: "Yes"))
        drill.wait(2)
        drill.ok(.answer(tree: "choose", node: "corrupted", answer: "No"))     // outcome app at 09:05, limit 30m
        drill.wait(10)                                                         // 09:15, procedure not started
        tree = try #require(drill.status().tree("choose"))
        #expect(tree.currentNode == nil && tree.outcome == "app" && tree.outcomeTitle == "Roll back the application")
        #expect(tree.path.map(\.answer) == ["Yes", "No"])
        #expect(tree.timeSpent == 15 * 60 && tree.timeLimit == 30 * 60 && tree.timeLeft == 15 * 60)
        drill.wait(20)                                                         // 09:35: over by 5m
        #expect(drill.status().tree("choose")?.timeLeft == -5 * 60)
        drill.ok(.startProcedure("app-rollback"))
        drill.wait(30)                                                         // the clock stops at the start
        #expect(drill.status().tree("choose")?.timeSpent == 35 * 60)
    }

    @Test func theDecisionClockStopsWhenTheIncidentIsResolvedUndecided() throws {
        var drill = try Drill()
        drill.ok(.declare(title: "x", severity: "SEV1"))
        drill.wait(5)
        drill.ok(.resolve(outcome: "fixed forward"))
        drill.wait(7)
        #expect(drill.status().tree("choose")?.timeSpent == 5 * 60)
        #expect(drill.status().tree("choose")?.outcome == nil)
    }
}

@Suite struct StatusLineTests {
    @Test func oneLineSummaryForTmux() throws {
        var drill = try Drill()
        #expect(StatusLine.render(drill.status(), incidentID: "INC-42") == "INC-42 · not declared")
        drill.ok(.declare(title: "x", severity: "SEV#1"))
        drill.wait(1)
        #expect(StatusLine.render(drill.status(), incidentID: "INC-42") == "INC-42 SEV#1 ▶ deciding · status-page due in 4m · RTO 59m left")
        drill.ok(.communicate(audience: "status-page", channel: nil, text: "x"))
        drill.ok(.startProcedure("app-rollback"))
        drill.ok(.startStep(procedure: "app-rollback", step: 1))
        drill.wait(3)
        #expect(StatusLine.render(drill.status(), incidentID: "INC-42") == "INC-42 SEV#1 ▶ 0/4 steps step 1 over by 1m · staff due in 11m · RTO 56m left")
        #expect(StatusLine.render(drill.status(), incidentID: "INC-42", tmux: true)
            == "INC-42 SEV##1 ▶ 0/4 steps #[fg=red,bold]step 1 over by 1m#[default] · staff due in 11m · RTO 56m left")
        drill.ok(.abandonProcedure("app-rollback", reason: "x"))
        drill.wait(60)
        drill.ok(.resolve(outcome: "done"))
        #expect(StatusLine.render(drill.status(), incidentID: "INC-42", tmux: true) == "INC-42 SEV##1 ✓ resolved in 1h4m · #[fg=red,bold]RTO exceeded by 4m#[default]")
    }

    /// The two cases docs/journal-format.md's rules settle: a cadence slot that falls due
    /// while a hook's update is outstanding is its own update, and so is the update a
    /// `resolve` hook asks for while a cadence update is overdue. One send settles both.
    @Test func everyHookAndCadenceSlotIsItsOwnUpdate() throws {
        let yaml = Fixtures.yaml.replacingOccurrences(of: """
              - id: status-page
                audience: Customers
                scope: external
                channel: Status page
                on: [declare, resolve]
            """, with: """
              - id: status-page
                audience: Customers
                scope: external
                channel: Status page
                cadence: every 30m
                on: [declare, resolve]
            """)
        #expect(yaml != Fixtures.yaml)
        var drill = Drill(runbook: try RunbookLoader.load(text: yaml, file: "drill.yaml"))
        drill.ok(.declare(title: "x", severity: "SEV1"))                            // 09:00 declare: due 09:05 (grace)
        drill.wait(40)
        drill.ok(.communicate(audience: "status-page", channel: nil, text: "first"))   // 09:40 settles 09:00 and 09:30
        drill.wait(40)                                                                // 10:20: the 10:10 slot overdue
        drill.ok(.resolve(outcome: "fixed"))                                          // 10:20 resolve: due
        drill.ok(.communicate(audience: "status-page", channel: nil, text: "all clear"))
        let audience = try #require(drill.engine.runbook.audience(named: "status-page"))
        let schedule = CommsSchedule(audience: audience, state: drill.state, at: drill.clock.now())
        #expect(schedule.obligations.map { "\($0.reason) \($0.due.timeOfDay) \($0.late)" } == [
            "on declare 09:05:00 2100", "every 30m 09:30:00 600", "every 30m 10:10:00 600", "on resolve 10:25:00 0",
        ])
        #expect(schedule.tally == CommsTally(schedule.obligations))
        #expect([schedule.tally.due, schedule.tally.onTime, schedule.tally.late, schedule.tally.neverSent] == [4, 1, 3, 0] as [Int])
        // The status counts the same way as the schedule.
        #expect(drill.status().audience("status-page")?.tally == schedule.tally)
    }
}
