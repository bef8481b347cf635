import Foundation
import Testing
@testable import WarRoomEngine

/// The attention list, the RTO forecast and the grace of hooked updates, on a virtual clock.
@Suite struct AttentionTests {
    /// Declared at 09:00, app rollback (2m, 5-10m, within 30m, ongoing) started at 09:02.
    private func running() throws -> Drill {
        var drill = try Drill()
        drill.ok(.declare(title: "x", severity: "SEV1"))
        drill.ok(.communicate(audience: "status-page", channel: nil, text: "investigating"))
        drill.wait(2)
        drill.ok(.startProcedure("app-rollback"))
        drill.ok(.startStep(procedure: "app-rollback", step: 1))
        return drill
    }

    @Test func hookedUpdateIsDueAfterItsGraceNotAtOnce() throws {
        var drill = try running()
        drill.ok(.fireTrigger("error-rate"))                       // 09:02: execs due on trigger
        drill.wait(0, seconds: 1)
        let execs = try #require(drill.status().audience("execs"))
        #expect(execs.dueIn == CommsAudience.defaultGrace - 1)    // due in 4:59, not OVERDUE +0:01
        #expect(!drill.status().attention.contains { $0.id == "update:execs" })
        drill.wait(5)
        let items = drill.status().attention
        #expect(items.first { $0.id == "update:execs" }?.text == "Executive leadership update OVERDUE +1s")
    }

    @Test func aRunbookCanGiveAnAudienceItsOwnGrace() throws {
        let yaml = Fixtures.yaml.replacingOccurrences(of: "cadence: hourly\n    on: [trigger]", with: "cadence: hourly\n    on: [trigger]\n    grace: 10m")
        let runbook = try RunbookLoader.load(text: yaml, file: "drill.yaml")
        #expect(runbook.communications.first?.grace == 600)
        var drill = Drill(runbook: runbook)
        drill.ok(.declare(title: "x", severity: "SEV1"))
        drill.ok(.fireTrigger("error-rate"))
        drill.wait(7)
        #expect(drill.status().audience("execs")?.dueIn == 180)
    }

    @Test func rankedMostUrgentFirst() throws {
        var drill = try running()
        drill.wait(4)                                              // step 1 (2m) runs 4m: 2m over
        drill.ok(.fireTrigger("error-rate"))
        drill.wait(6)                                              // execs 1m overdue, step 1 8m over
        let items = drill.status().attention
        #expect(items.map(\.kind) == [.updateOverdue, .stepOverrun, .approvalMissing])
        #expect(items[1].text == "step 1 over its estimate by 8m")
        #expect(items[2].text == "approval missing: Incident Commander")
        drill.ok(.approve(approver: "Kim", subject: "app-rollback"))
        drill.ok(.communicate(audience: "execs", channel: nil, text: "update"))
        #expect(drill.status().attention.map(\.kind) == [.stepOverrun])
        drill.wait(60)                                             // 1h12m in: RTO of 1h exceeded
        #expect(drill.status().attention.first?.text == "RTO EXCEEDED +12m")
    }

    @Test func forecastAgainstTheRTOAtThePaceSoFar() throws {
        var drill = try running()
        drill.wait(4)                                              // step 1: 4m for 2m — pace 2
        drill.ok(.completeStep(procedure: "app-rollback", step: 1))
        let forecast = try #require(drill.status().forecast)
        #expect(forecast.pace == 2)
        // Left: 5-10m (step 2), 30m deadline step counts nothing, ongoing nothing.
        #expect(forecast.finishBest == Fixtures.t0.adding(seconds: 6 * 60 + 5 * 60))
        #expect(forecast.finishWorst == Fixtures.t0.adding(seconds: 6 * 60 + 20 * 60))
        #expect(forecast.deadline == Fixtures.t0.adding(seconds: 3600))
        #expect(forecast.spare == 34 * 60 && !forecast.missesRTO)
        drill.ok(.startStep(procedure: "app-rollback", step: 2))
        drill.wait(45)                                             // step 2 runs 45m, 35m over: the RTO is missed at this pace
        let late = try #require(drill.status().forecast)
        #expect(late.missesRTO)
        #expect(drill.status().attention.contains { $0.kind == .rtoForecastMissed })
    }

    @Test func aProcedureTimedOnlyAsAWholeGivesTheETAForecastAndOverrun() throws {
        // The database rollback (20-40m, 10m) timed only as a whole, 30-50m.
        var runbook = try Fixtures.runbook()
        let index = try #require(runbook.procedures.firstIndex { $0.id == "db-rollback" })
        runbook.procedures[index].estimate = .range(low: 30 * 60, high: 50 * 60)
        for step in runbook.procedures[index].steps.indices { runbook.procedures[index].steps[step].duration = nil }
        var drill = Drill(runbook: runbook)
        drill.ok(.declare(title: "x", severity: "SEV1"))
        drill.wait(2)
        drill.ok(.startProcedure("db-rollback"))
        drill.ok(.startStep(procedure: "db-rollback", step: 1))
        drill.wait(20)                                             // 09:22, 20m into 30-50m
        let plan = try #require(drill.status().plans.first { $0.id == "db-rollback" })
        #expect(plan.eta?.best == 10 * 60 && plan.eta?.worst == 30 * 60)
        #expect(plan.unestimatedLeft == 0 && plan.overrun == nil)
        let forecast = try #require(drill.status().forecast)
        #expect(forecast.finishWorst == Fixtures.t0.adding(seconds: 52 * 60))
        #expect(forecast.spare == 8 * 60 && !forecast.missesRTO)
        drill.wait(33)                                             // 09:55, 53m in: 3m past 50m
        let late = try #require(drill.status().plans.first { $0.id == "db-rollback" })
        #expect(late.overrun == 3 * 60 && late.eta?.worst == 0)
        #expect(drill.status().attention.first { $0.id == "plan:db-rollback" }?.text == "db-rollback over its estimate by 3m")
        // Still running past its worst case: it has to end, so the forecast looks 3m on.
        #expect(drill.status().forecast?.finishWorst == Fixtures.t0.adding(seconds: 58 * 60))
        // Steps with estimates of their own keep theirs: no whole-plan overrun for them.
        var timed = try Drill()
        timed.ok(.declare(title: "x", severity: "SEV1"))
        timed.ok(.startProcedure("db-rollback"))
        timed.wait(55)
        #expect(timed.status().plans.first { $0.id == "db-rollback" }?.overrun == nil)
    }

    @Test("a plan whose worst case is the RTO, on pace, meets it at any millisecond of the second")
    func worstCaseOnTheDeadlineMeetsIt() throws {
        // The database rollback timed only as a whole, 30-60m, against the drill's 1h RTO.
        var runbook = try Fixtures.runbook()
        let index = try #require(runbook.procedures.firstIndex { $0.id == "db-rollback" })
        runbook.procedures[index].estimate = .range(low: 30 * 60, high: 60 * 60)
        for step in runbook.procedures[index].steps.indices { runbook.procedures[index].steps[step].duration = nil }
        var drill = Drill(runbook: runbook)
        drill.ok(.declare(title: "x", severity: "SEV1"))
        drill.ok(.startProcedure("db-rollback"))
        drill.ok(.startStep(procedure: "db-rollback", step: 1))
        drill.wait(20)
        for milliseconds in [0, 1, 400, 999] as [Int64] {
            let status = Status(runbook: drill.engine.runbook, state: drill.state, at: drill.clock.now().adding(milliseconds: milliseconds))
            let forecast = try #require(status.forecast)
            #expect(forecast.spare == 0 && !forecast.missesRTO, "at +\(milliseconds) ms")
            #expect(!status.attention.contains { $0.kind == .rtoForecastMissed })
        }
    }

    @Test func immediateOutcomeAsksToActNowNotExceeded() throws {
        let yaml = Fixtures.yaml.replacingOccurrences(of: "time_limit: within 30m", with: "time_limit: immediate")
        var drill = Drill(runbook: try RunbookLoader.load(text: yaml, file: "drill.yaml"))
        drill.ok(.declare(title: "x", severity: "SEV1"))
        drill.ok(.answer(tree: "choose", node: "schema", answer: "No"))
        drill.wait(1)
        #expect(drill.status().attention.contains { $0.text == "act now: start app-rollback" })
        drill.ok(.startProcedure("app-rollback"))
        #expect(!drill.status().attention.contains { $0.kind == .decisionLate })
    }

    @Test func nothingNeedsAttentionBeforeDeclarationOrAfterResolution() throws {
        var drill = try Drill()
        #expect(drill.status().attention.isEmpty)
        drill.ok(.declare(title: "x", severity: "SEV1"))
        drill.wait(30)
        #expect(!drill.status().attention.isEmpty)
        drill.ok(.resolve(outcome: "fixed"))
        #expect(drill.status().attention.isEmpty)
    }
}
