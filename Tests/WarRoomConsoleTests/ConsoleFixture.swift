import Foundation
import Testing
import WarRoomTestSupport
import WarRoomEngine
@testable import WarRoomConsole

/// A scripted incident on a source runbook, driven through the real `Engine` on a virtual
/// clock, so frames and key handling are tested against states the engine really produces.
struct ConsoleFixture {
    let runbook: Runbook
    let engine: Engine
    var state = IncidentState()
    var events: [Event] = []
    var now: Instant

    static let start = Instant(iso8601: "2026-11-24T03:00:00.000Z") ?? Instant(milliseconds: 0)

    init(runbook name: String) throws {
        runbook = try RunbookLoader.load(path: RepoPaths.runbook(name))
        engine = Engine(runbook: runbook)
        now = Self.start
    }

    /// Runs a command at the current instant; records an issue if the engine refuses it.
    mutating func run(_ command: Command, by name: String = "ada", sourceLocation: SourceLocation = #_sourceLocation) {
        switch engine.decide(command, in: state) {
        case .success(let kind):
            let event = Event(sequence: state.lastSequence + 1, at: now, operator: name, kind: kind)
            state.apply(event, after: events)
            events.append(event)
        case .failure(let refusal):
            Issue.record("refused \(command): \(refusal.reason)", sourceLocation: sourceLocation)
        }
    }

    mutating func wait(minutes: Int, seconds: Int = 0) { now = now.adding(seconds: minutes * 60 + seconds) }

    /// Applies what key handling asked for, as the runner would (stopping at a refusal).
    mutating func apply(_ effects: [ConsoleEffect]) -> [Refusal] {
        var refusals: [Refusal] = []
        for case .submit(let commands) in effects {
            for command in commands {
                switch engine.decide(command, in: state) {
                case .success(let kind):
                    let event = Event(sequence: state.lastSequence + 1, at: now, operator: "ada", kind: kind)
                    state.apply(event, after: events)
                    events.append(event)
                case .failure(let refusal):
                    refusals.append(refusal)
                }
            }
        }
        return refusals
    }

    var context: ConsoleContext {
        ConsoleContext(runbook: runbook, state: state, events: events, incidentID: "INC-20261124-0300", operatorName: "ada", now: now)
    }

    /// DentalCare mid-incident: declared, trigger fired, app rollback running with an
    /// overrun, a skipped step, an on-time and a late communication, a page, a note.
    static func dentalcareMidIncident() throws -> ConsoleFixture {
        var fixture = try ConsoleFixture(runbook: "dentalcare-migration")
        fixture.run(.declare(title: "Checkout 5xx after Pro cutover", severity: "SEV1"))
        fixture.run(.fireTrigger("api-error-rate"))
        fixture.wait(minutes: 3)
        fixture.run(.startProcedure("app-rollback"))
        fixture.run(.startStep(procedure: "app-rollback", step: 1))
        fixture.wait(minutes: 1, seconds: 30)
        fixture.run(.completeStep(procedure: "app-rollback", step: 1))
        fixture.run(.startStep(procedure: "app-rollback", step: 2))
        fixture.run(.communicate(audience: "it-team", channel: "Slack #incident channel", text: "Rolling back to blue"))
        fixture.wait(minutes: 5)
        fixture.run(.completeStep(procedure: "app-rollback", step: 2))
        fixture.run(.skipStep(procedure: "app-rollback", step: 3, reason: "health checks already green"))
        fixture.run(.startStep(procedure: "app-rollback", step: 4))
        fixture.run(.page(contact: "dba", target: .primary))
        fixture.run(.note("ALB switched; CloudFront invalidation queued"), by: "scribe")
        fixture.wait(minutes: 2, seconds: 10)
        return fixture
    }

    /// UnifiedHealth mid-incident: the decision tree walked to Method 4, its first steps done,
    /// one running past its estimate.
    static func unifiedhealthMidIncident() throws -> ConsoleFixture {
        var fixture = try ConsoleFixture(runbook: "unifiedhealth-platform")
        fixture.run(.declare(title: "Appointments writing bad rows", severity: "SEV1"))
        fixture.run(.fireTrigger("production-data-corruption"))
        fixture.wait(minutes: 2)
        fixture.run(.answer(tree: "select-rollback-method", node: "schema-change", answer: "YES"))
        fixture.run(.answer(tree: "select-rollback-method", node: "data-corrupted", answer: "YES"))
        fixture.wait(minutes: 1)
        fixture.run(.startProcedure("method-4-database-schema-rollback"))
        fixture.run(.startStep(procedure: "method-4-database-schema-rollback", step: 1))
        fixture.wait(minutes: 4)
        fixture.run(.completeStep(procedure: "method-4-database-schema-rollback", step: 1))
        fixture.run(.startStep(procedure: "method-4-database-schema-rollback", step: 2))
        fixture.run(.tick(procedure: "method-4-database-schema-rollback", step: 2, item: 1))
        fixture.wait(minutes: 7, seconds: 20)
        return fixture
    }
}

extension ConsoleFixture {
    /// Any runbook mid-incident, the same script for each: declared, its first trigger
    /// fired, its first plan started, the first step done late, the second running past its
    /// estimate (when it has one), a note — and long enough that a hooked update is overdue.
    static func midIncident(_ name: String) throws -> ConsoleFixture {
        switch name {
        case "dentalcare-migration": return try dentalcareMidIncident()
        case "unifiedhealth-platform": return try unifiedhealthMidIncident()
        default: break
        }
        var fixture = try ConsoleFixture(runbook: name)
        fixture.run(.declare(title: "Users cannot sign in after the release", severity: "SEV1"))
        if let trigger = fixture.runbook.triggers.first { fixture.run(.fireTrigger(trigger.id)) }
        fixture.wait(minutes: 2)
        guard let plan = fixture.runbook.plans.first else { return fixture }
        fixture.run(.startProcedure(plan.id))
        if plan.steps.count >= 2 {
            fixture.run(.startStep(procedure: plan.id, step: 1))
            fixture.wait(minutes: 4)
            fixture.run(.completeStep(procedure: plan.id, step: 1))
            fixture.run(.startStep(procedure: plan.id, step: 2))
        }
        fixture.run(.note("rollback under way; status page drafted"), by: "scribe")
        fixture.wait(minutes: 6, seconds: 15)
        return fixture
    }
}
