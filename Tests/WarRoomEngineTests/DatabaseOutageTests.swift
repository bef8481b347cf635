import Foundation
import Testing
import WarRoomTestSupport
@testable import WarRoomEngine

/// A 20-hour database outage that crosses midnight, modelled on the public postmortem of the
/// GitLab.com database outage of 31 January 2017: a replica re-seed abandoned when the
/// primary's data is deleted, a restore from a six-hour-old copy, 59 updates to two
/// audiences and one never sent. The journal is made by `warroom headless --virtual-clock`
/// from `Fixtures/postmortem/database-outage.headless`; every figure below is worked out by
/// hand from that script, and `replay`, `report` and `status` must agree with it.
@Suite(.serialized) struct DatabaseOutageTests {
    let directory: String
    static let fixtures = RepoPaths.root + "/Tests/WarRoomEngineTests/Fixtures/postmortem/"

    init() throws {
        directory = try RepoPaths.temporaryDirectory()
        try FileManager.default.copyItem(atPath: Self.fixtures + "database-outage.yaml", toPath: directory + "/database-outage.yaml")
        let script = try String(contentsOfFile: Self.fixtures + "database-outage.headless", encoding: .utf8)
        let run = try ProcessRunner.run(["headless", "--virtual-clock", "2017-01-31T23:20:00Z", "--runbook", "database-outage.yaml",
                                         "--journal", "incident.jsonl", "--operator", "maria"], input: script, directory: directory)
        #expect(run.status == 0, "\(run.stderr)")
        let refused = run.stdout.split(separator: "\n").filter { !$0.contains(#""ok":true"#) }
        #expect(refused.isEmpty, "\(refused)")
    }

    func warroom(_ arguments: [String]) throws -> String {
        let result = try ProcessRunner.run(arguments, directory: directory)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return result.stdout
    }

    func t(_ text: String) -> Instant { Instant(iso8601: text) ?? Instant(milliseconds: 0) }

    @Test func reportFiguresMatchTheHandCalculation() throws {
        let report = try JSONParser.parse(try warroom(["report", "incident.jsonl", "--format", "json"]))
        // Declared 2017-01-31 23:20, resolved 2017-02-01 19:34: 40m + 19h34m = 20h14m = 72 840 s;
        // RTO 4h = 14 400 s, exceeded by 58 440 s (16h14m).
        #expect(report["declared_at"]?.string == "2017-01-31T23:20:00.000Z")
        #expect(report["resolved_at"]?.string == "2017-02-01T19:34:00.000Z")
        #expect(report["time_to_restore"]?.int == 72_840)
        #expect(report["rto"]?.int == 14_400 && report["rto_margin"]?.int == -58_440)
        // The decision path ended at "restore": restore-from-copy started 23:55, 35m = 2 100 s
        // after declaration; the first attempt, replica-reseed, started 23:22 (120 s) and was abandoned.
        #expect(report["decided_procedure"]?.string == "restore-from-copy")
        #expect(report["time_to_decision"]?.int == 2_100)
        #expect(report["first_attempt"]?["procedure"]?.string == "replica-reseed")
        #expect(report["first_attempt"]?["after"]?.int == 120)
        #expect(report["first_attempt"]?["state"]?.string == "abandoned")
        // Newest data kept 17:20, incident detected (trigger and declaration) 23:20: 6h = 21 600 s
        // lost, against an RPO of 1h = 3 600 s: exceeded by 18 000 s.
        #expect(report["recovery_point"]?["data_up_to"]?.string == "2017-01-31T17:20:00.000Z")
        #expect(report["data_lost"]?.int == 21_600 && report["rpo"]?.int == 3_600 && report["rpo_margin"]?.int == -18_000)
        #expect(report["title"]?.string == "Database outage: primary data deleted during a replica re-seed, restored from a six-hour-old copy")
        #expect(report["declared_title"]?.string == "Replication lag on the database secondary")

        // Steps: replica-reseed 23:22-23:24, 23:24-23:26, step 3 restarted 23:37 and still running
        // at the abandonment 23:47 (600 s), step 4 never started. restore-from-copy: 23:55-00:00
        // (300), 00:00-00:45 (2 700 vs 30m: +900), step 3 restarted 02:20 after failing at 02:15,
        // done 16:20 (50 400 vs 4h: +36 000), 16:20-17:05 (2 700 vs 30m: +900), 17:05-18:19
        // (4 440 vs 1h: +840), step 6 ongoing 18:19-19:30 closed by the completion (4 260).
        let steps = try #require(report["steps"]?.items)
        #expect(steps.map { $0["actual"]?.int } == [120, 120, 600, nil, 300, 2_700, 50_400, 2_700, 4_440, 4_260])
        #expect(steps.map { $0["overrun"]?.int } == [nil, nil, nil, nil, nil, 900, 36_000, 900, 840, nil])
        #expect(steps.map { $0["state"]?.string } == ["done", "done", "running", "pending", "done", "done", "done", "done", "done", "done"])
        #expect(steps.map { $0["failures"]?.items?.count } == [0, 0, 1, 0, 0, 0, 1, 0, 0, 0])
        #expect(steps[6]["failures"]?.items?.first?["at"]?.string == "2017-02-01T02:15:00.000Z")
        let procedures = try #require(report["procedures"]?.items)
        #expect(procedures.map { $0["elapsed"]?.int } == [1_500, 70_500])   // 23:22-23:47; 23:55-19:30

        // Communications by the documented rules.
        // status-page (hourly + declare + resolve): declare 23:20, due after its 5m grace at
        // 23:25, sent 23:25 (on time); hourly
        // after each send: 00:25, 01:25, 02:25, 03:25 on time; 04:25 sent 06:10 (late 6 300);
        // 07:10 … 18:10 on time (12); 19:10 still owed at the resolution 19:34 and settled by the
        // all-clear (late 1 440); the resolve update (due 19:39 after its grace) sent 19:34 on
        // time. 20 due, 18 on time, 2 late.
        // engineering (every 30m): 23:50 … 03:50 on time (9); 04:20 sent 04:29:15 (late 555);
        // 04:59:15 + 30m × 0…29 on time (30). 40 due, 39 on time, 1 late.
        // enterprise (once, impact > 4h): due 03:20, never sent: 16h14m = 58 440 s at the end.
        // Total 61 due: 57 on time, 3 late, 1 never sent.
        let tally = report["communications_tally"]
        #expect([tally?["due"]?.int, tally?["on_time"]?.int, tally?["late"]?.int, tally?["never_sent"]?.int] == [61, 57, 3, 1])
        let rows = try #require(report["communications"]?.items)
        let late = rows.filter { $0["result"]?.string != "on_time" }.map { "\($0["audience"]?.string ?? "") \($0["due"]?.string ?? "") \($0["late"]?.int ?? -1)" }
        #expect(late == [
            "enterprise 2017-02-01T03:20:00.000Z 58440",
            "engineering 2017-02-01T04:20:00.000Z 555",
            "status-page 2017-02-01T04:25:00.000Z 6300",
            "status-page 2017-02-01T19:10:00.000Z 1440",
        ])
        #expect(rows.filter { $0["audience"]?.string == "status-page" }.last?["reason"]?.string == "on resolve")
        #expect(rows.filter { $0["audience"]?.string == "status-page" }.last?["result"]?.string == "on_time")
        #expect(report["sent"]?.items?.count == 59)   // 18 hourly + the all-clear; 40 to engineering

        #expect(report["roles"]?.items?.map { "\($0["role"]?.string ?? ""): \($0["person"]?.string ?? "")" } == [
            "Incident Commander: Maria Lopez", "Scribe: Lee Chan", "Database Engineer: Tom Berg", "Communications Lead: Lee Chan",
        ])
        #expect(report["participants"]?.items?.map { $0["operator"]?.string ?? "" } == ["maria", "tom", "lee"])
    }

    @Test func markdownStatesTheFiguresWithDatesAndUnits() throws {
        let md = try warroom(["report", "incident.jsonl"])
        #expect(md.hasPrefix("# Post-incident report: Database outage: primary data deleted during a replica re-seed, restored from a six-hour-old copy\n"))
        for line in [
            "| Time to decision (declared → start of `restore-from-copy`, the procedure decided on) | 35m |",
            "| First attempt (declared → start of `replica-reseed`, abandoned) | 2m |",
            "| Time to restore (declared → resolved) | 20h14m against RTO 4h: **RTO exceeded by 16h14m** |",
            "| Data lost (newest data kept 2017-01-31 17:20:00Z → detected) | 6h against RPO 1h: **RPO exceeded by 5h** |",
            "| Steps over their estimate | 4 of 10 |",
            "| Communications | 61 due: 57 on time, 3 late, 1 never sent |",
            "| 3 | Copy the data directory from staging to db1 | ✗ failed at 2017-02-01 02:15:00Z: copy stalled: the staging disks read at 60 Mbps; then ✓ done | 2-4h | 14h | **+10h** |",
            "| Engineering and support | 2017-02-01 04:20:00Z | every 30m | 2017-02-01 04:29:15Z | **late by 9m15s** |",
            "| Enterprise customers | 2017-02-01 03:20:00Z | impact > 4h | — | **never sent** (16h14m overdue at the end) |",
            "| Users (status page and status account) | 2017-02-01 19:39:00Z | on resolve | 2017-02-01 19:34:00Z | on time |",
            "| 29 | 2017-02-01 00:00:00Z | tom | step 1 of restore-from-copy: Take the service offline so nothing more is written — done |",
            "| Communications Lead | Lee Chan | 2017-02-01 02:00:00Z |",
        ] {
            #expect(md.contains("\n" + line + "\n"), "\(line)")
        }
        // Nothing cut, no raw HTML, no clock-style lengths.
        #expect(!md.contains("…") && !md.contains("<details>"))
        // Every length in the figures, steps and communications tables has units: once the
        // instants (2017-02-01 04:29:15Z) are taken out, no h:mm or m:ss is left.
        let tables = md.split(separator: "\n").prefix { $0 != "## Event log" }   // the log holds the journal's own texts
            .filter { $0.hasPrefix("| ") }
        #expect(tables.count > 80)
        for line in tables {
            let withoutInstants = line.replacingOccurrences(of: #"\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ"#, with: "", options: .regularExpression)
            #expect(withoutInstants.range(of: #"\d:\d\d"#, options: .regularExpression) == nil, "\(line)")
        }
        try Snapshot.check(md, "database-outage-report.md")
        try Snapshot.check(try warroom(["report", "incident.jsonl", "--format", "json"]), "database-outage-report.json")
    }

    @Test func statusAtAnInstantTakesEveryFigureThen() throws {
        // 23:40: still SEV2 (SEV1 came at 23:45), the re-seed running with 2 of 4 steps done;
        // engineering due 23:50 (in 10m), status page 00:25; RTO 4h - 20m = 3h40m left.
        #expect(try warroom(["status", "incident.jsonl", "--at", "2017-01-31T23:40:00Z"])
                == "INC-20170131-2320 SEV2 ▶ 2/4 steps · engineering due in 10m · RTO 3h40m left\n")
        // +5h (04:20): SEV1, restore 2/6, step 3 restarted 02:20 so 2h of its 4h worst case (not
        // over); the enterprise update (due 03:20) is the most overdue, by 1h (engineering is due
        // now, the status page at 04:25); 5h against RTO 4h: exceeded by 1h.
        #expect(try warroom(["status", "incident.jsonl", "--at", "+5h", "--tmux"])
                == "INC-20170131-2320 SEV1 ▶ 2/6 steps · #[fg=red,bold]enterprise overdue by 1h#[default] · #[fg=red,bold]RTO exceeded by 1h#[default]\n")
        #expect(try warroom(["status", "incident.jsonl"]) == "INC-20170131-2320 SEV1 ✓ resolved in 20h14m · RTO exceeded by 16h14m\n")
        try Snapshot.check(try warroom(["status", "incident.jsonl", "--at", "2017-01-31T23:40:00Z"])
                           + (try warroom(["status", "incident.jsonl", "--at", "+5h"]))
                           + (try warroom(["status", "incident.jsonl", "--at", "+5h", "--tmux"]))
                           + (try warroom(["status", "incident.jsonl"])), "database-outage-status.txt")
    }

    @Test func replayAgreesAndNeverSaysOverdueOnceResolved() throws {
        let text = try warroom(["replay", "incident.jsonl"])
        #expect(text.contains("  2017-02-01 00:00:00Z  +40m  #29  tom: step 1 of restore-from-copy"))
        #expect(text.contains("  communications: 61 due: 57 on time, 3 late, 1 never sent\n"))
        #expect(text.contains("elapsed 20h14m · RTO exceeded by 16h14m · time to decision 35m (restore-from-copy) · first attempt after 2m (replica-reseed)"))
        #expect(!text.lowercased().contains("overdue"))
        let at = try warroom(["replay", "incident.jsonl", "--no-timeline", "--at", "2017-02-01T00:00:00Z"])
        #expect(at.contains("INC-20170131-2320 SEV1 — Replication lag on the database secondary (active)"))   // retitled at 02:00
        #expect(at.contains("elapsed 40m · RTO 3h20m left · time to decision 35m (restore-from-copy) · first attempt after 2m (replica-reseed)"))
        try Snapshot.check(text, "database-outage-replay.txt")
        try Snapshot.check(at, "database-outage-replay-at-midnight.txt")
        let json = try warroom(["replay", "incident.jsonl", "--format", "json"])
        let status = try JSONParser.parse(json)["status"]
        #expect(status?["incident"]?["communications"]?["due"]?.int == 61)
        #expect(status?["incident"]?["time_to_decision"]?.int == 2_100)
        try Snapshot.check(json, "database-outage-replay.json")
    }
}

private extension JSONValue {
    /// The elements, when this is an array.
    var items: [JSONValue]? { if case .array(let values) = self { values } else { nil } }
}
