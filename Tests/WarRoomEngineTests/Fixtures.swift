import Foundation
import Testing
@testable import WarRoomEngine

/// A small runbook with one of everything the engine uses, and helpers to drive it.
enum Fixtures {
    static let yaml = """
    format: 1
    id: drill
    title: Drill runbook
    severities: [SEV1, SEV2, SEV3, SEV4, SEV5, "SEV#1"]
    objectives:
      rto: 1h
    triggers:
      - id: error-rate
        kind: automatic
        condition: error rate > 5 % for 5m
      - id: data-loss
        kind: manual
        condition: data is being lost
    decision_trees:
      - id: choose
        title: Choose a rollback
        root: schema
        nodes:
          - id: schema
            question: Was there a schema change?
            answers:
              - {label: "No", goto: app}
              - {label: "Yes", goto: corrupted}
          - id: corrupted
            question: Is data corrupted?
            answers:
              - {label: "No", goto: app}
              - {label: "Yes", goto: db}
        outcomes:
          - id: app
            title: Roll back the application
            procedure: app-rollback
            time_limit: within 30m
          - id: db
            title: Roll back the database
            procedure: db-rollback
    procedures:
      - id: app-rollback
        title: Application rollback
        approvals: [Incident Commander]
        steps:
          - action: Announce the rollback
            duration: 2m
          - action: Switch traffic to blue
            duration: 5-10m
            checklist:
              - text: Target group switched
                items:
                  - text: Health checks green
              - Old tasks drained
          - action: Verify
            duration: within 30m
          - action: Monitor
            duration: ongoing
      - id: db-rollback
        title: Database rollback
        steps:
          - action: Restore the snapshot
            duration: 20-40m
          - action: Check the data
            duration: 10m
    communications:
      - id: execs
        audience: Executive leadership
        scope: internal
        channel: Email
        cadence: hourly
        on: [trigger]
      - id: staff
        audience: Staff
        scope: internal
        channel: Slack
        cadence: every 15m
      - id: status-page
        audience: Customers
        scope: external
        channel: Status page
        on: [declare, resolve]
      - id: patients
        audience: Patients
        scope: external
        cadence: once
        condition: impact > 2h
    contacts:
      - id: ic
        role: Incident Commander
        primary: {name: Ada, phone: "+1 555 0100"}
        backup: {name: Grace}
      - id: dba
        role: Database administrator
        primary: {name: Edgar}
    rca:
      title: Root cause analysis
      sections:
        - title: What happened
          prompts: [Timeline of events]
        - title: Why
          prompts: [Five whys]
    """

    static func runbook() throws -> Runbook {
        try RunbookLoader.load(text: yaml, file: "drill.yaml")
    }

    /// 2026-11-24T09:00:00Z.
    static let t0 = Instant(iso8601: "2026-11-24T09:00:00.000Z") ?? Instant(milliseconds: 0)
}

/// Drives an engine over an in-memory list of events with a virtual clock, like a journal would.
struct Drill {
    let engine: Engine
    var clock = VirtualClock(start: Fixtures.t0)
    var state = IncidentState()
    var events: [Event] = []
    var op = "alice"

    init(runbook: Runbook) { engine = Engine(runbook: runbook) }

    init() throws { try self.init(runbook: Fixtures.runbook()) }

    /// Applies `command` now; returns the refusal, if any.
    @discardableResult
    mutating func run(_ command: Command) -> Refusal? {
        switch engine.decide(command, in: state, at: clock.now(), operator: op) {
        case .success(let event):
            state.apply(event, after: events)
            events.append(event)
            return nil
        case .failure(let refusal):
            return refusal
        }
    }

    /// Applies `command`, recording a test failure if it is refused.
    mutating func ok(_ command: Command, sourceLocation: SourceLocation = #_sourceLocation) {
        if let refusal = run(command) {
            Issue.record("refused \(command): \(refusal.reason)", sourceLocation: sourceLocation)
        }
    }

    /// Advances the virtual clock by `minutes` (and `seconds`).
    mutating func wait(_ minutes: Int, seconds: Int = 0) { clock.advance(by: minutes * 60 + seconds) }

    /// The status now.
    func status() -> Status { Status(runbook: engine.runbook, state: state, at: clock.now()) }
}
