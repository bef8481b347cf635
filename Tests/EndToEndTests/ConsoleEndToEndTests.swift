import Foundation
import Testing
import WarRoomTestSupport

/// The console as an operator uses it: the built binary in a detached tmux session.
@Suite(.serialized, .enabled(if: TmuxSession.available, "tmux is not installed (.ci/run installs it)"))
struct ConsoleEndToEndTests {
    let directory: String
    let binary: String

    init() throws {
        directory = try RepoPaths.temporaryDirectory()
        binary = try #require(RepoPaths.warroom, "warroom is not built; run swift build first")
    }

    @Test("open, declare, walk the tree, work steps, comms, page, note, resize, quit, resume")
    func wholeIncident() throws {
        let journal = directory + "/incident.jsonl"
        let runbook = RepoPaths.root + "/runbooks/dr-amal-clinical-os.yaml"
        let tmux = try TmuxSession(command: "\(binary) open \(runbook) --journal \(journal) --operator ada", width: 80, height: 24)
        try tmux.waitFor("press D to declare")
        try tmux.send("D")
        try tmux.waitFor("Declare (SEVERITY TITLE)")
        try tmux.type("Sign-in broken after deploy")
        try tmux.send("Enter")
        try tmux.waitFor("Sign-in broken after deploy")
        // The decision tree: Yes (broken), No (not hotfixable) → ROLLBACK IMMEDIATELY.
        try tmux.send("2")
        try tmux.waitFor("Is production broken?")
        try tmux.send("j", "Enter")
        try tmux.waitFor("Can it be hotfixed")
        try tmux.send("j", "Enter")
        try tmux.waitFor("ROLLBACK IMMEDIATELY")
        try tmux.send("o")
        try tmux.waitFor("running")
        // Steps: complete 1, skip 2 with a reason, fail 3 with a reason.
        try tmux.send("x")
        try tmux.waitFor("✓ 1")
        try tmux.send("s")
        try tmux.type("done from the CLI")
        try tmux.send("Enter")
        try tmux.waitFor("» 2")
        try tmux.send("f")
        try tmux.type("button missing")
        try tmux.send("Enter")
        try tmux.waitFor("✗ 3")
        // A communication, a page, a note.
        try tmux.send("4")
        try tmux.waitFor("4 Comms")
        try tmux.send("c")
        try tmux.waitFor("sent to Team via")
        try tmux.send("5")
        try tmux.send("p")
        // The runbook's number is a placeholder: the page is confirmed first.
        try tmux.waitFor("no number for")
        try tmux.send("y")
        try tmux.waitFor("paged DevOps Lead")
        try tmux.send("n")
        try tmux.type("Vercel support on the bridge")
        try tmux.send("Enter")
        try tmux.waitFor("note: Vercel support on the bridge")
        // The timeline shows this process's own events, as they happen.
        try tmux.send("6")
        // Rows read time, who, verb, then the object.
        try tmux.waitFor(all: ["ada declared  SEV1 Sign-in broken", "ada done      step 1 of", "ada note      Vercel support on the bridge"])
        // Resizes: every layout, and the too-small message.
        try tmux.resize(width: 200, height: 60)
        // Pane borders, not the tab bar: every pane on screen at once.
        try tmux.waitFor(all: ["╭─ 1 Triggers", "╭─ 2 Decision", "╭─ 3 Checklist", "╭─ 6 Timeline"])
        try tmux.resize(width: 59, height: 17)
        try tmux.waitFor("terminal too small (need 60×18, have 59×17)")
        try tmux.resize(width: 120, height: 40)
        // Two columns: the checklist beside comms, no tab bar.
        try tmux.waitFor(all: ["╭─ 3 Checklist", "✗ 3", "╭─ 4 Comms"], absent: ["1 Triggers   2 Decision", "too small"])
        try tmux.send("q")
        try tmux.waitFor("Incident journal:")
        let types = try JournalText.types(journal)
        for expected in ["incident_declared", "decision_answered", "procedure_started", "step_done", "step_skipped", "step_failed",
                         "communication_sent", "contact_paged", "note_added"] {
            #expect(types.contains(expected), "journal lacks \(expected)")
        }
        let mode = try FileManager.default.attributesOfItem(atPath: journal)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        // Resume: everything as it was.
        let resumed = try TmuxSession(command: "\(binary) resume \(journal) --operator ada", width: 120, height: 40)
        try resumed.waitFor(all: ["Sign-in broken after deploy", "✓ 1", "» 2", "✗ 3"])
        try resumed.send("6")
        try resumed.waitFor("Vercel support on the bridge")
        try resumed.send("q")
    }

    @Test("a second process on the same journal sees the first one's actions, and back")
    func commanderAndScribe() throws {
        let journal = directory + "/shared.jsonl"
        let runbook = RepoPaths.root + "/runbooks/dentalcare-migration.yaml"
        let commander = try TmuxSession(command: "\(binary) open \(runbook) --journal \(journal) --operator commander", width: 200, height: 50)
        try commander.waitFor("press D to declare")
        try commander.send("D")
        try commander.type("Bridge test")
        try commander.send("Enter")
        try commander.waitFor("Bridge test")
        let scribe = try TmuxSession(command: "\(binary) open \(runbook) --journal \(journal) --operator scribe", width: 200, height: 50)
        try scribe.waitFor("Bridge test")
        try commander.send("n")
        try commander.type("from the commander")
        try commander.send("Enter")
        try scribe.waitFor("commander note      from the commander")
        try scribe.send("n")
        try scribe.type("from the scribe")
        try scribe.send("Enter")
        try commander.waitFor("scribe    note      from the scribe")
        let sequences = try JournalText.eventLines(journal).compactMap { line -> Int? in
            guard let range = line.range(of: #""seq":[0-9]+"#, options: .regularExpression) else { return nil }
            return Int(line[range].dropFirst(6))
        }
        #expect(sequences == Array(1...sequences.count), "sequence numbers are unique and ordered")
        try commander.send("q")
        try scribe.send("q")
    }

    @Test("hostile text in a runbook is shown escaped, never acted on by the terminal")
    func hostileRunbookText() throws {
        let runbook = directory + "/evil.yaml"
        try """
            format: 1
            id: evil
            title: "Evil \\e[2J\\e]0;owned\\a runbook"
            procedures:
              - id: p
                title: "P \\u202Egnp.exe"
                steps: [{action: "\\e[31mred\\r\\boverwrite 漢字 ✓", owner: Ops, duration: 2m}]
            """.write(toFile: runbook, atomically: true, encoding: .utf8)
        let tmux = try TmuxSession(command: "\(binary) open \(runbook) --journal \(directory)/evil.jsonl", width: 100, height: 30)
        try tmux.waitFor(all: ["^[[31mred^M^Hoverwrite 漢字 ✓", "P <U+202E>gnp.exe"])
        try tmux.send("q")
    }
}
