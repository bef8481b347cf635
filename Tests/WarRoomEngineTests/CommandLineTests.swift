import Foundation
import Testing
import WarRoomTestSupport
@testable import WarRoomEngine

@Suite("warroom validate and show, as a user runs them")
struct CommandLineTests {
    private func temporaryFile(_ contents: String, name: String = "runbook.yaml") throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("warroom-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent(name).path
        try contents.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func validateAcceptsTheSourceRunbooks() throws {
        let files = ["dentalcare-migration", "whitecross-platform", "dr-amal-clinical-os", "syncwell-contingency", "unifiedhealth-platform"].map(RepoPaths.runbook)
        let result = try ProcessRunner.run(["validate"] + files)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        #expect(result.stdout.split(separator: "\n").count == 5)
        #expect(result.stdout.contains("dentalcare-migration.yaml: ok (3 procedures, 24 steps, 11 triggers, 0 trees, 8 contacts)"))
    }

    @Test("validate reports every error of every file like a compiler and exits 2")
    func validateReportsErrors() throws {
        let bad = try temporaryFile("""
            format: 1
            id: demo
            title: Demo
            triggers:
              - {id: t, kind: manual, condition: C, leads_to: nowhere}
            procedures:
              - id: p
                title: P
                steps:
                  - {action: A, duraton: 2m}
                  - {action: B, duration: soonish}
            """)
        let result = try ProcessRunner.run(["validate", RepoPaths.runbook("dentalcare-migration"), bad])
        #expect(result.status == 2)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines == [
            "\(bad):5:51: error: 'leads_to' of trigger 't' names 'nowhere', which is not a procedure, contingency or decision tree of this runbook",
            "\(bad):10:21: error: unknown key 'duraton' in step 1 of procedure 'p'; did you mean 'duration'?",
            "\(bad):11:31: error: bad 'duration' in step 2 of procedure 'p': expected \(Timing.expectation); found 'soonish'",
        ])
        #expect(result.stdout.contains("dentalcare-migration.yaml: ok"))
    }

    @Test func validateWithoutFilesChecksTheEmbeddedRunbook() throws {
        let result = try ProcessRunner.run(["validate"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("<embedded>/runbooks/unifiedhealth-platform.yaml: ok (9 procedures"))
    }

    @Test("a mistyped database URL is refused as a URL, its password never printed")
    func mistypedDatabaseURLs() throws {
        for url in ["postgress://ada:hunter2@127.0.0.1:1/warroom?incident=INC-1", "Postgres://ada:hunter2@db/warroom?incident=INC-1",
                    "mysql://ada:hunter2@db/warroom?incident=INC-1", "postgres:/ada:hunter2@db/warroom?incident=INC-1"] {
            for command in [["status", url], ["report", url], ["journal", "export", url], ["db", "init", url], ["headless", "--journal", url]] {
                let result = try ProcessRunner.run(command)
                #expect(result.status == 2, "\(command)")
                #expect(result.stderr.contains("error: expected a journal file or a URL starting postgres:// or postgresql://"), "\(command): \(result.stderr)")
                #expect(!result.stderr.contains("hunter2") && !result.stdout.contains("hunter2"), "\(command): \(result.stderr)")
            }
        }
    }

    @Test func missingAndHostileFiles() throws {
        let missing = try ProcessRunner.run(["validate", "/nonexistent/runbook.yaml"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "/nonexistent/runbook.yaml:1:1: error: no such file\n")
        let binary = try temporaryFile("")
        try Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0x00]).write(to: URL(fileURLWithPath: binary))
        let result = try ProcessRunner.run(["show", binary])
        #expect(result.status == 2)
        #expect(result.stderr.contains("error: file is binary"))
        #expect(result.stdout.isEmpty)
    }

    @Test("show never writes raw escape sequences from a runbook, even in error messages")
    func showSanitises() throws {
        let evil = try temporaryFile("format: 1\nid: evil\ntitle: \"\\e]0;owned\\a\\e[2J\"\nprocedures:\n  - {id: p, title: P, steps: [{action: \"\\e[31mred\\r\\b\"}]}\n")
        let shown = try ProcessRunner.run(["show", evil, "--width", "120"])
        #expect(shown.status == 0)
        #expect(!shown.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x0D || $0.value == 0x08 })
        #expect(shown.stdout.contains("^[]0;owned^G^[[2J"))
        #expect(shown.stdout.contains("^[[31mred^M^H"))
        let badKey = try temporaryFile("format: 1\nid: evil\ntitle: T\n\"\\e[2Jkey\": 1\n")
        let failed = try ProcessRunner.run(["validate", badKey])
        #expect(failed.status == 2)
        #expect(!failed.stderr.unicodeScalars.contains { $0.value == 0x1B })
        #expect(failed.stderr.contains("unknown key '^[[2Jkey'"))
    }

    @Test func showJSONIsTheDocumentedModel() throws {
        let result = try ProcessRunner.run(["show", RepoPaths.runbook("dentalcare-migration"), "--json"])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["json_version"] as? Int == 1)
        #expect(object["id"] as? String == "dentalcare-migration")
        let procedures = try #require(object["procedures"] as? [[String: Any]])
        #expect(procedures.count == 3)
        let steps = try #require(procedures.first?["steps"] as? [[String: Any]])
        #expect(steps.first?["number"] as? Int == 1)
        #expect(steps.first?["owner"] as? String == "Incident Commander")
        let duration = try #require(steps.first?["duration"] as? [String: Any])
        #expect(duration["kind"] as? String == "exact")
        #expect(duration["seconds"] as? Int == 60)
        #expect(duration["text"] as? String == "1m")
        let estimate = try #require(procedures.first?["estimate"] as? [String: Any])
        #expect(estimate["kind"] as? String == "range" && estimate["low"] as? Int == 300 && estimate["high"] as? Int == 600)
        let trigger = try #require((object["triggers"] as? [[String: Any]])?.first)
        let threshold = try #require(trigger["threshold"] as? [String: Any])
        #expect(threshold["metric"] as? String == "api_error_rate")
        #expect(threshold["window_seconds"] as? Int == 300)
        #expect(trigger["leads_to"] as? String == "app-rollback")
        let audiences = try #require(object["communications"] as? [[String: Any]])
        let executives = try #require(audiences.first { ($0["audience"] as? String)?.contains("Executive") == true })
        #expect(executives["on"] as? [String] == ["trigger"])
        #expect((executives["cadence"] as? [String: Any])?["seconds"] as? Int == 3_600)
        #expect((object["contacts"] as? [[String: Any]])?.allSatisfy { $0["id"] is String } == true)
        #expect(object["decision_trees"] as? [Any] != nil, "lists are always present")
    }

    @Test("a bad --theme is an error with or without a terminal")
    func badThemes() throws {
        let unknown = try ProcessRunner.run(["open", "--theme", "solarized"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no built-in theme 'solarized'"))
        let theme = try temporaryFile("theme: 1\nname: x\nroles:\n  overrun: {fg: amberr}\n", name: "bad-theme.yaml")
        let bad = try ProcessRunner.run(["open", "--theme", theme])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("\(theme):4:17: error: unknown colour 'amberr' for 'fg' of role 'overrun'"))
        #expect(bad.stdout.isEmpty)
    }

    @Test func noArgumentsShowsTheDefaultRunbook() throws {
        let result = try ProcessRunner.run([])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("Rollback Runbook"))
        #expect(result.stdout.contains("DECISION TREES"))
        #expect(result.stdout.contains("◇ Is there a database schema change?"))
    }
}
