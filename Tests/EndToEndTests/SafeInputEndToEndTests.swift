import Foundation
import Testing
import WarRoomTestSupport

/// Issue 10's problems, each tried as a tired commander would in a real terminal: nothing a
/// stray key (or a paste) can do writes an entry the operator did not mean.
@Suite(.serialized, .enabled(if: TmuxSession.available, "tmux is not installed (.ci/run installs it)"))
struct SafeInputEndToEndTests {
    let directory: String
    let binary: String

    init() throws {
        directory = try RepoPaths.temporaryDirectory()
        binary = try #require(RepoPaths.warroom, "warroom is not built; run swift build first")
    }

    private func open(_ runbook: String, _ journal: String, width: Int = 80, height: Int = 24) throws -> TmuxSession {
        let tmux = try TmuxSession(command: "\(binary) open \(RepoPaths.root)/runbooks/\(runbook).yaml --journal \(journal) --operator ada",
                                   width: width, height: height)
        try tmux.waitFor("press D to declare")
        return tmux
    }

    private func declare(_ tmux: TmuxSession, _ title: String) throws {
        try tmux.send("D")
        try tmux.waitFor("Declare (SEVERITY TITLE)")
        try tmux.type(title)
        try tmux.send("Enter")
        try tmux.waitFor(title)
    }

    /// The journal's event types and payloads, one line each.
    private func journal(_ path: String) throws -> [String] { try JournalText.eventLines(path) }
    private func types(_ path: String) throws -> [String] { try JournalText.types(path) }

    @Test("1, 2: an empty answer keeps the prompt open; a paste holding ESC is text")
    func promptsOwnTheKeyboard() throws {
        let path = directory + "/prompts.jsonl"
        let tmux = try open("unifiedhealth-platform", path)
        try declare(tmux, "Checkout errors")
        try tmux.send("Enter")                                  // start the shown procedure (and its first step)
        try tmux.waitFor("▶ 1")
        try tmux.send("s")
        try tmux.waitFor("reason:")
        try tmux.send("Enter")
        try tmux.waitFor(all: ["an answer is required", "reason:"])
        try tmux.type("health verified by ALB already")
        try tmux.send("Enter")
        try tmux.waitFor("» 1")
        #expect(try types(path) == ["incident_declared", "procedure_started", "step_started", "step_skipped", "step_started"])
        #expect(try journal(path)[3].contains(#""reason":"health verified by ALB already""#))
        // A bracketed paste with ESC in a note: one note, nothing run as keys.
        try tmux.send("n")
        try tmux.waitFor("Note:")
        try tmux.paste("pasted from chat \u{1B}xxxx")
        try tmux.waitFor("pasted from chat ^[xxxx")
        try tmux.send("Enter")
        try tmux.send("6")
        try tmux.waitFor("note      pasted from chat ^[xxxx")   // the timeline row: verb, then the object
        #expect(try types(path).suffix(1) == ["note_added"])
        #expect(try types(path).filter { $0 == "step_done" }.isEmpty)
        // A paste outside a prompt is ignored, whatever it holds.
        try tmux.send("3")
        try tmux.paste("xxxx")
        try tmux.waitFor("paste ignored")
        #expect(try types(path).count == 6)
        try tmux.send("q")
    }

    @Test("3, 5, 8: browsing a plan, R then Enter, Caps Lock: nothing starts or ends without a yes")
    func strayKeysAsk() throws {
        let path = directory + "/stray.jsonl"
        let tmux = try open("dentalcare-migration", path)
        try declare(tmux, "Checkout 5xx")
        try tmux.send("Enter")
        try tmux.waitFor("▶ 1")
        // ] shows another plan; Space there asks before starting it, and Enter (the default) cancels.
        try tmux.send("]")
        try tmux.waitFor("db-rollback")
        try tmux.send("Space")
        try tmux.waitFor(all: ["Start db-rollback", "Running now: app-rollback"])
        try tmux.send("Enter")
        try tmux.waitFor("cancelled: nothing was recorded")
        // [ goes back: [ is previous, ] is next.
        try tmux.send("[")
        try tmux.waitFor("app-rollback · ")
        // R asks; Enter cancels; so does a Caps-Lock Y.
        try tmux.send("3")
        try tmux.send("R")
        try tmux.waitFor("R resolve: 'app-rollback' is still running")
        try tmux.send("A")
        try tmux.waitFor("Abandon app-rollback?")
        try tmux.send("Y")
        try tmux.send("Enter")
        try tmux.waitFor("cancelled")
        try tmux.send("A", "y")
        try tmux.waitFor("Abandon app-rollback — reason:")
        try tmux.type("wrong plan")
        try tmux.send("Enter")
        try tmux.waitFor("abandoned")
        try tmux.send("R")
        try tmux.waitFor("Resolve the incident?")
        try tmux.send("Enter")
        try tmux.waitFor("cancelled")
        #expect(try types(path) == ["incident_declared", "procedure_started", "step_started", "procedure_abandoned"])
        // The footer ends with help and quit; help says why a key does nothing now.
        let screen = try tmux.waitFor("? help  q quit")
        #expect(screen.contains("R resolve"), "R works now, so the footer offers it")
        try tmux.send("2", "?")
        try tmux.waitFor("digits always switch panes")
        try tmux.send("Escape", "1")
        try tmux.waitFor("1 Triggers")
        try tmux.send("q")
    }

    @Test("4, 6: approvals as two fields shown beside what needs them; complete and abandon on keys")
    func lifecycleOnKeys() throws {
        let path = directory + "/lifecycle.jsonl"
        let tmux = try open("unifiedhealth-platform", path, width: 200, height: 60)
        try declare(tmux, "Bad rows")
        // Method 4 needs DBA and VP Engineering: starting it asks, and shows who must approve.
        for _ in 0..<3 { try tmux.send("]") }
        try tmux.waitFor("method-4-database-schema-rollback")
        try tmux.waitFor("✗ DBA")
        try tmux.send("Enter")
        try tmux.waitFor(all: ["needs approval", "Must approve first: DBA, VP Engineering"])
        try tmux.send("Escape")
        try tmux.send("a")
        try tmux.waitFor("who approved")
        try tmux.type("James Ortiz, VP Engineering")
        try tmux.send("Enter")
        try tmux.waitFor("what James Ortiz, VP Engineering approved:")
        try tmux.send("Enter")
        try tmux.waitFor("✓ VP Engineering")
        #expect(try journal(path).last?.contains(#""approver":"James Ortiz, VP Engineering","for":"method-4-database-schema-rollback""#) == true)
        // Still missing DBA: o overrides, with a reason, journaled.
        try tmux.send("Enter")
        try tmux.waitFor("Must approve first: DBA")
        try tmux.send("o")
        try tmux.waitFor("without approval — reason:")
        try tmux.type("DBA on a plane")
        try tmux.send("Enter")
        try tmux.waitFor("▶ 1")
        #expect(try types(path).suffix(3) == ["approval_overridden", "procedure_started", "step_started"])
        // A with a reason abandons it; then a small plan done to the end and completed with C.
        try tmux.send("A", "y")
        try tmux.type("schema fine after all")
        try tmux.send("Enter")
        try tmux.waitFor("abandoned")
        try tmux.send("[")
        try tmux.waitFor("method-3-container-image-rollback")
        try tmux.send("Enter")
        try tmux.waitFor("▶ 1")
        try tmux.send("x")                                      // step 1 has no sub-items: done, step 2 starts
        try tmux.waitFor("▶ 2")
        try tmux.send("x")
        try tmux.waitFor("4 of 4 sub-items unticked")
        try tmux.send("y")
        try tmux.waitFor("all steps finished: C completes the procedure")
        try tmux.send("C")
        try tmux.waitFor("completed in")
        #expect(try types(path).last == "procedure_completed")
        try tmux.send("R", "y")
        try tmux.waitFor("Resolve — outcome: Service restored")
        try tmux.send("Enter")
        try tmux.waitFor("resolved")
        #expect(try types(path).suffix(2) == ["procedure_completed", "incident_resolved"])
        // Resolved by mistake: O reopens it.
        try tmux.send("O", "y")
        try tmux.type("errors came back")
        try tmux.send("Enter")
        try tmux.waitFor("incident reopened")
        #expect(try types(path).last == "incident_reopened")
        try tmux.send("q")
    }

    @Test("7: severities, placeholder numbers, unticked sub-items, never-started steps; U retracts")
    func warningsAndCorrections() throws {
        let path = directory + "/warnings.jsonl"
        let tmux = try open("dr-amal-clinical-os", path)
        try tmux.send("D")
        try tmux.send("C-u")
        try tmux.type("banana Sign-in broken")
        try tmux.send("Enter")
        try tmux.waitFor("expected one of: SEV1, SEV2")
        try tmux.send("C-u")
        try tmux.type("SEV2 Sign-in broken")
        try tmux.send("Enter")
        try tmux.waitFor("SEV2   Sign-in broken")
        // A page to a [Phone] placeholder asks first.
        try tmux.send("5", "p")
        try tmux.waitFor("no number for")
        try tmux.send("n")
        try tmux.waitFor("cancelled")
        // Space on a step never started: asks (its time would read 0:00).
        try tmux.send("3", "Enter")
        try tmux.waitFor("▶ 1")
        try tmux.send("j", "Space")
        try tmux.waitFor("was never started")
        try tmux.send("Escape")
        #expect(try types(path) == ["incident_declared", "procedure_started", "step_started"])
        // U on the timeline takes the selected entry back: it stays, marked void.
        try tmux.send("6", "U")
        try tmux.waitFor("Retract #3 — reason:")
        try tmux.type("started by mistake")
        try tmux.send("Enter")
        try tmux.waitFor(all: ["[VOID: retracted by #4]", "retracted event #3 (started by mistake)"])
        try tmux.send("3")
        try tmux.waitFor("○ 1")
        try tmux.send("q")
        // Replay lists it void too, with the retraction.
        let replay = try TmuxSession(command: "\(binary) replay \(path)", width: 200, height: 40)
        try replay.waitFor(all: ["[VOID: retracted by #4] step 1 of vercel-rollback", "retracted event #3 (started by mistake)"])
    }

    /// Each runbook walked from declare to resolve with keys only (no `:` command line):
    /// `T:` types text, anything else is one tmux key.
    static let walks: [(runbook: String, keys: [String])] = [
        ("dentalcare-migration", ["D", "T:Checkout 5xx after cutover", "Enter", "1", "Enter", "3", "Enter"]
            + Array(repeating: "x", count: 8) + ["C", "4", "c", "R", "y", "Enter"]),
        ("dr-amal-clinical-os", ["D", "T:Sign-in broken after deploy", "Enter", "2", "j", "Enter", "j", "Enter", "o"]
            + Array(repeating: "x", count: 8) + ["C", "4", "c", "R", "y", "Enter"]),
        ("syncwell-contingency", ["D", "T:Insights down", "Enter", "3", "]", "Enter", "x", "x", "x", "C", "R", "y", "Enter"]),
        ("unifiedhealth-platform", ["D", "T:Checkout errors after deploy", "Enter", "1", "Enter", "2", "Enter", "j", "Enter", "o",
                                    "i", "i", "i", "x", "x", "y", "x", "y", "x", "y", "C", "R", "y", "Enter"]),
        ("whitecross-platform", ["D", "T:Deploy broke payments", "Enter", "3", "Enter", "x", "x", "y", "x", "C", "R", "y", "Enter"]),
    ]

    @Test("declare to resolve with keys only, every runbook, 80x24 and 200x60", arguments: [(80, 24), (200, 60)])
    func walkEveryRunbook(size: (width: Int, height: Int)) throws {
        for walk in Self.walks {
            let path = directory + "/walk-\(walk.runbook)-\(size.width).jsonl"
            let tmux = try open(walk.runbook, path, width: size.width, height: size.height)
            for key in walk.keys {
                if key.hasPrefix("T:") { try tmux.type(String(key.dropFirst(2))) } else { try tmux.send(key) }
            }
            try tmux.waitFor(all: ["RESOLVED", "O reopen"])
            let types = try types(path)
            #expect(types.first == "incident_declared" && types.last == "incident_resolved", "\(walk.runbook): \(types)")
            #expect(types.contains("procedure_completed") && types.filter { $0 == "step_done" }.count >= 3, "\(walk.runbook): \(types)")
            try tmux.send("q")
        }
    }
}
