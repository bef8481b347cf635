import Foundation
import Testing
import WarRoomTestSupport
@testable import WarRoomEngine

/// The subcommands end to end, through the built binary.
@Suite(.serialized) struct HeadlessCommandLineTests {
    let directory: String
    let runbook = RepoPaths.root + "/runbooks/dentalcare-migration.yaml"

    init() throws { directory = try RepoPaths.temporaryDirectory() }

    func drill(_ journal: String) throws -> ProcessRunner.Result {
        try ProcessRunner.run(["headless", "--runbook", runbook, "--journal", journal, "--operator", "ada",
                               "--virtual-clock", "2026-11-24T09:00:00Z"], input: """
            declare SEV1 Checkout errors
            trigger api-error-rate
            advance 3m
            procedure start app-rollback
            step start app-rollback 1
            advance 2m
            step done app-rollback 1
            step done app-rollback 2
            comms executive-leadership "Rolling back"
            status
            """)
    }

    func copyOfRunbook() throws -> String {
        let copy = directory + "/copy.yaml"
        try FileManager.default.copyItem(atPath: runbook, toPath: copy)
        return copy
    }

    @Test func headlessAnswersEveryLineAndWritesA0600Journal() throws {
        let journal = directory + "/inc.jsonl"
        let result = try drill(journal)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 10)
        #expect(lines[7].contains(#""ok":false"#) && lines[7].contains("has not been started"))
        #expect(lines[9].hasPrefix(#"{"ok":true,"line":10,"status":{"#))
        let mode = try FileManager.default.attributesOfItem(atPath: journal)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func replayPrintsTimelineAndStatus() throws {
        let journal = directory + "/inc.jsonl"
        _ = try drill(journal)
        let text = try ProcessRunner.run(["replay", journal])
        #expect(text.status == 0)
        #expect(text.stdout.contains("Timeline (6 events)"))
        #expect(text.stdout.contains("09:05:00Z  +5m  #5  ada: step 1 of app-rollback: Decision to rollback communicated — done"))
        #expect(text.stdout.contains("✓ 1. Decision to rollback communicated  [2m, est. 1m, over by 1m]"))
        let json = try ProcessRunner.run(["replay", journal, "--format", "json", "--at", "+4m"])
        let value = try JSONParser.parse(json.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(value["status"]?["at"]?.string == "2026-11-24T09:04:00.000Z")
        #expect(value["events"]?.int == 4)
        #expect(value["status"]?["procedures"].map { if case .array(let p) = $0 { p.count } else { -1 } } == 1)
        let at = try ProcessRunner.run(["replay", journal, "--no-timeline", "--at", "2026-11-24T09:01:00Z"])
        #expect(at.stdout.contains("elapsed 1m") && !at.stdout.contains("Timeline"))
    }

    @Test func reportAndStatus() throws {
        let journal = directory + "/inc.jsonl"
        _ = try drill(journal)
        let report = try ProcessRunner.run(["report", journal])
        #expect(report.status == 0)
        #expect(report.stdout.hasPrefix("# Post-incident report: Checkout errors"))
        for heading in ["## Summary", "## Timeline", "## Decision path", "## Procedures and steps", "## Communications", "## Pages and approvals", "## Root cause analysis"] {
            #expect(report.stdout.contains("\n\(heading)\n"), "\(heading)")
        }
        #expect(report.stdout.contains("## Event log\n\n6 events from the journal.\n"))
        #expect(report.stdout.contains("- 09:05:00Z to **Executive Leadership** via Phone call by ada: Rolling back"))
        let json = try ProcessRunner.run(["report", journal, "--format", "json"])
        #expect(try JSONParser.parse(json.stdout.trimmingCharacters(in: .whitespacesAndNewlines))["time_to_decision"]?.int == 180)
        let line = try ProcessRunner.run(["status", journal, "--at", "+10m"])
        #expect(line.stdout == "INC-20261124-0900 SEV1 ▶ 1/8 steps · clinical-staff due in 20m\n")
        let tmux = try ProcessRunner.run(["status", journal, "--at", "+40m", "--tmux"])
        #expect(tmux.stdout.contains("#[fg=red,bold]clinical-staff overdue by 10m#[default]"))
    }

    /// A second process's appends reach a live session by tailing (`refresh`).
    @Test func aSessionPicksUpAnotherProcesssEventsByTailing() throws {
        let journal = directory + "/shared.jsonl"
        _ = try drill(journal)
        let source = try RunbookSource.load(path: runbook)
        let session = try IncidentSession(journal: journal, runbook: source.runbook, runbookPath: source.path, runbookBytes: source.bytes,
                                          operator: "scribe", clock: VirtualClock(start: Fixtures.t0))
        #expect(session.state.eventCount == 6)
        let other = try ProcessRunner.run(["headless", "--journal", journal, "--operator", "commander"],
                                          input: "step start app-rollback 2\nnote from the other process\n")
        #expect(other.status == 0)
        let fresh = try session.refresh()
        #expect(fresh.map(\.operator) == ["commander", "commander"])
        #expect(session.state.plans["app-rollback"]?.step(2).state == .running)
        #expect(try session.refresh().isEmpty)
    }

    @Test func badJournalsExitWithStatus2AndALocatedError() throws {
        let missing = try ProcessRunner.run(["replay", directory + "/nope.jsonl"])
        #expect(missing.status == 2 && missing.stderr.contains("nope.jsonl: error: no such journal file"))
        let garbage = directory + "/garbage.jsonl"
        try Data("\u{1B}[2Jnot a journal\n".utf8).write(to: URL(fileURLWithPath: garbage))
        let bad = try ProcessRunner.run(["report", garbage])
        #expect(bad.status == 2 && bad.stderr.contains("garbage.jsonl:1: error: expected the journal header"))
        #expect(!bad.stderr.contains("\u{1B}"))
        let empty = directory + "/empty.jsonl"
        _ = FileManager.default.createFile(atPath: empty, contents: Data())
        let emptyResult = try ProcessRunner.run(["status", empty])
        #expect(emptyResult.status == 2 && emptyResult.stderr.contains("empty.jsonl:1: error: the journal is empty"))
        let future = directory + "/future.jsonl"
        try Data(#"{"journal":"warroom","format":9,"incident":"I","runbook":{"path":"x","sha256":"0"},"opened_at":"2026-11-24T09:00:00Z","opened_by":"z"}"#.utf8 + [0x0A]).write(to: URL(fileURLWithPath: future))
        let futureResult = try ProcessRunner.run(["replay", future])
        #expect(futureResult.status == 2 && futureResult.stderr.contains("future.jsonl:1: error: the journal is format 9"))
        // A journal whose runbook cannot be found says so; --runbook supplies it.
        let moved = directory + "/moved.jsonl"
        _ = try ProcessRunner.run(["headless", "--runbook", copyOfRunbook(), "--journal", moved], input: "declare SEV1 x\n")
        try FileManager.default.removeItem(atPath: directory + "/copy.yaml")
        let lost = try ProcessRunner.run(["replay", moved])
        #expect(lost.status == 2 && lost.stderr.contains("moved.jsonl:1:1: error: cannot find the journal's runbook"))
        let found = try ProcessRunner.run(["replay", moved, "--runbook", runbook])
        #expect(found.status == 0 && found.stderr.contains("moved.jsonl:1: warning: runbook") == false)
        let headless = try ProcessRunner.run(["headless", "--runbook", directory + "/missing.yaml", "--journal", directory + "/x.jsonl"])
        #expect(headless.status == 2 && headless.stderr.contains("missing.yaml:1:1: error: no such file"))
    }

    @Test func damagedLinesAreWarnedWithLineNumbersAndSkipped() throws {
        let journal = directory + "/inc.jsonl"
        _ = try drill(journal)
        let handle = try #require(FileHandle(forWritingAtPath: journal))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{\"seq\":99,\"at\":\"2026-11-24T10:00:00.000Z\",\"operator\":\"x\",\"type\":\"note_ad".utf8))
        try handle.close()
        let replay = try ProcessRunner.run(["replay", journal, "--no-timeline"])
        #expect(replay.status == 0)
        #expect(replay.stderr.contains("inc.jsonl:8: warning: torn last line"))
        #expect(replay.stdout.contains("Status at 2026-11-24 09:05:00Z"))
    }
}
