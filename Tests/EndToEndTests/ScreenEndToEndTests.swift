import Foundation
import Testing
import WarRoomTestSupport

/// Issue 11 in a real terminal, one test per numbered problem: the built binary in a
/// detached tmux session on incidents journalled minutes in the past (`warroom headless
/// --virtual-clock`), so overdue updates and overrunning steps are there at once.
@Suite(.serialized, .enabled(if: TmuxSession.available, "tmux is not installed (.ci/run installs it)"))
struct ScreenEndToEndTests {
    let directory: String
    let binary: String

    init() throws {
        directory = try RepoPaths.temporaryDirectory()
        binary = try #require(RepoPaths.warroom, "warroom is not built; run swift build first")
    }

    /// A journal of `commands` (headless syntax) that started `minutesAgo` minutes ago.
    private func journal(_ runbook: String, minutesAgo: Int, _ commands: [String], name: String = "j") throws -> String {
        let path = "\(directory)/\(name).jsonl"
        let formatter = ISO8601DateFormatter()
        let start = formatter.string(from: Date().addingTimeInterval(Double(-minutesAgo * 60)))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["headless", "--runbook", runbook, "--journal", path, "--operator", "ada", "--virtual-clock", start]
        let input = Pipe()
        process.standardInput = input
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data((commands.joined(separator: "\n") + "\n").utf8))
        try input.fileHandleForWriting.close()
        let answers = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(!answers.contains(#""ok":false"#), "\(answers)")
        return path
    }

    private var dentalcare: String { RepoPaths.runbook("dentalcare-migration") }

    private func midIncident() throws -> String {
        try journal(dentalcare, minutesAgo: 14, [
            "declare SEV1 Checkout 5xx", "trigger api-error-rate", "advance 2m",
            "procedure start app-rollback", "step start app-rollback 1", "advance 2m", "step done app-rollback 1",
            "step start app-rollback 2",
        ])
    }

    @Test("1. with a procedure running, the overdue update stays in the header at 80-100 columns; the tabs say so")
    func overdueUpdateStaysOnScreen() throws {
        let tmux = try TmuxSession(command: "\(binary) open \(dentalcare) --journal \(try midIncident()) --operator ada", width: 90, height: 24)
        try tmux.waitFor(all: ["Executive Leadership update OVERDUE", "▶ Application-Level Rollback", "4 Comms ⚠1"])
        try tmux.resize(width: 80, height: 24)
        try tmux.waitFor(all: ["Executive Leadership update OVERDUE", "4 Comms ⚠1"])
        try tmux.send("q")
    }

    @Test("2. 80x23, 79x24 and 60x18 are usable consoles, not 'terminal too small'")
    func smallSizesAreUsable() throws {
        let tmux = try TmuxSession(command: "\(binary) open \(dentalcare) --journal \(try midIncident()) --operator ada", width: 80, height: 23)
        try tmux.waitFor(all: ["3 Checklist", "? help"], absent: ["too small"])
        try tmux.resize(width: 79, height: 24)
        try tmux.waitFor(all: ["3 Checklist", "? help", "6 Timeline"], absent: ["too small"])
        try tmux.resize(width: 60, height: 18)
        try tmux.waitFor(all: ["3 Checklist", "Tab ⇥", "OVERDUE"], absent: ["too small"])
        try tmux.send("Tab")
        try tmux.waitFor("4 Comms")
        try tmux.resize(width: 59, height: 17)
        try tmux.waitFor("terminal too small")
        try tmux.send("q")
    }

    @Test("2. resizes that land at any moment, while a teammate writes to the journal, leave one whole frame of the new size")
    func resizesAtAnyMomentRedrawWhole() throws {
        let path = try midIncident()
        let tmux = try TmuxSession(command: "\(binary) open \(dentalcare) --journal \(path) --operator ada", width: 120, height: 40)
        try tmux.waitFor(all: ["Checkout 5xx", "? help"])
        // A second operator's headless session on the same journal: each note wakes the
        // console to read and draw, so resizes land while it works, not only while it waits
        // (a resize during the wait interrupts it and was always noticed).
        let teammate = Process()
        teammate.executableURL = URL(fileURLWithPath: binary)
        teammate.arguments = ["headless", "--runbook", dentalcare, "--journal", path, "--operator", "bob"]
        let notes = Pipe()
        teammate.standardInput = notes
        teammate.standardOutput = FileHandle.nullDevice
        try teammate.run()
        defer {
            try? notes.fileHandleForWriting.close()
            teammate.waitUntilExit()
        }
        var sizes: [(width: Int, height: Int)] = []
        var written = 0
        for round in 0..<6 {
            // Bursts of resizes milliseconds apart, as a window manager sends them while a
            // split is dragged.
            for _ in 0..<12 {
                let size = (width: Int.random(in: 60...210), height: Int.random(in: 18...62))
                sizes.append(size)
                written += 1
                notes.fileHandleForWriting.write(Data("note resize load \(written)\n".utf8))
                try tmux.resize(width: size.width, height: size.height)
                Thread.sleep(forTimeInterval: Double.random(in: 0...0.02))
            }
            let last = try #require(sizes.last)
            // Whole: the header on the first row, the footer on the last row of the new
            // height, the incident number once (a frame of the old size wraps and repeats it). The
            // clock ticks each second, so a frame of the old size would be corrected by the
            // next tick at the latest; before the console asked the kernel, it stayed wrong until a key.
            try tmux.waitUntil("one whole \(last.width)x\(last.height) frame after round \(round) of resizes \(sizes)", seconds: 4) { screen in
                let rows = screen.split(separator: "\n", omittingEmptySubsequences: false)
                return rows.first?.hasPrefix(" INC-") == true
                    && rows.count >= last.height && rows[last.height - 1].contains("? help")
                    && rows.first.map { $0.count <= last.width } == true
                    && screen.components(separatedBy: " INC-").count == 2
            }
        }
        try tmux.send("q")
    }

    @Test("3. a prose step is readable whole at every size, and lists say more is below")
    func longStepsReadWhole() throws {
        let runbook = RepoPaths.runbook("syncwell-contingency")
        let path = try journal(runbook, minutesAgo: 3, ["declare SEV1 Region down", "procedure start plan-a-regional-outage"])
        let tmux = try TmuxSession(command: "\(binary) open \(runbook) --journal \(path) --operator ada", width: 200, height: 60)
        try tmux.waitFor("Plan A: Full AWS Regional Outage")
        try tmux.send("j")
        try tmux.waitFor(all: ["as they become available.\"", "Public Communication: Post a message"])
        try tmux.resize(width: 80, height: 23)
        try tmux.waitFor(all: ["become available.\"", "▼ 1 more"])
        try tmux.send("q")
    }

    @Test("4. the composer types where its cursor is, and long lines wrap instead of vanishing")
    func composerTypesWhereTheCursorIs() throws {
        let tmux = try TmuxSession(command: "\(binary) open \(dentalcare) --journal \(try midIncident()) --operator ada", width: 80, height: 24)
        try tmux.waitFor("Checkout 5xx")
        try tmux.send("u")
        try tmux.waitFor("^S records it")
        try tmux.send("Up", "Up", "Home")
        try tmux.type("ZZFIRST ")
        try tmux.send("C-e")
        let long = (1...20).map { "word\($0)" }.joined(separator: " ")
        try tmux.type(" " + long)
        try tmux.waitFor(all: ["ZZFIRST ", "word20"])
        try tmux.send("Escape")
        try tmux.send("q")
    }

    @Test("5. an abandoned procedure is not shown as running; other plans do not count the shown one")
    func abandonedProcedureInTheHeader() throws {
        let path = try journal(dentalcare, minutesAgo: 5, ["declare SEV1 x", "procedure start app-rollback", "procedure abandon app-rollback wrong plan"])
        let tmux = try TmuxSession(command: "\(binary) open \(dentalcare) --journal \(path) --operator ada", width: 200, height: 60)
        try tmux.waitFor(all: ["■ Application-Level Rollback (Blue/Green Deployment) 0/8 abandoned", "6 other plans"], absent: ["other plans (7)"])
        try tmux.send("q")
    }

    @Test("6. a replay says REPLAY with its speed, PAUSED, event n of N; no live-only hints")
    func replayIsUnmistakable() throws {
        let path = try midIncident()
        let tmux = try TmuxSession(command: "\(binary) replay \(path) --tui --speed 60", width: 80, height: 24)
        try tmux.waitFor(all: ["REPLAY ×60 ▶", "event ", " of 6", "Space pause"], absent: ["Enter starts it", "press D"])
        try tmux.send("Space")
        try tmux.waitFor(all: ["REPLAY ×60 PAUSED", "Space resume"])
        try tmux.send("x")
        try tmux.waitFor("replay is read-only")
        try tmux.send("q")
    }

    @Test("7. attention is demanded: badges on the tabs, and a bell when asked for")
    func attentionBadgesAndBell() throws {
        let path = try journal(dentalcare, minutesAgo: 4, ["declare SEV1 x", "procedure start app-rollback", "step start app-rollback 1"])
        // Step 1 (1m) has run 4 minutes: over its estimate; the checklist tab says so.
        let tmux = try TmuxSession(command: "\(binary) open \(dentalcare) --journal \(path) --operator ada --alert bell", width: 80, height: 24)
        try tmux.waitFor(all: ["3 Checklist ⚠", "step 1 over its estimate"])
        try tmux.send("q")
        let refused = try TmuxSession(command: "\(binary) open \(dentalcare) --journal \(path) --alert loud", width: 80, height: 24)
        try refused.waitFor("[exited 2]")
        #expect(try String(contentsOfFile: refused.errorLog, encoding: .utf8).contains("must be off, bell or flash; found 'loud'"))
    }

    @Test("8. audiences show channel and cadence; timeline rows lead with the verb; Enter opens the event")
    func linesTellApart() throws {
        let runbook = RepoPaths.runbook("unifiedhealth-platform")
        let path = try journal(runbook, minutesAgo: 6, ["declare SEV1 Bad rows", "procedure start method-4-database-schema-rollback",
                                                        "step start method-4-database-schema-rollback 1"])
        let tmux = try TmuxSession(command: "\(binary) open \(runbook) --journal \(path) --operator ada", width: 80, height: 24)
        try tmux.waitFor("Bad rows")
        try tmux.send("4")
        try tmux.waitFor(all: ["Slack", " · "])
        try tmux.send("6")
        try tmux.waitFor("ada started   step 1 of method-4")
        try tmux.send("g", "Enter")   // the first event, opened whole
        try tmux.waitFor(all: ["Event — Esc closes", "incident_declared", "Bad rows"])
        try tmux.send("Escape")
        try tmux.waitFor("6 Timeline", seconds: 3)
        try tmux.send("q")
    }

    @Test("9. a hooked update is due after a grace, not overdue at once; an immediate outcome reads act now")
    func timersThatCanBeMet() throws {
        let runbook = RepoPaths.runbook("dr-amal-clinical-os")
        let path = try journal(runbook, minutesAgo: 1, ["declare SEV1 x", "answer rollback-decision production-broken Yes",
                                                        "answer rollback-decision hotfixable No", "procedure start vercel-rollback"])
        let tmux = try TmuxSession(command: "\(binary) open \(runbook) --journal \(path) --operator ada", width: 120, height: 40)
        // Team is due on procedure start, five minutes of grace: about four minutes left.
        try tmux.waitFor(all: ["due in 3m", "immediate: acted"], absent: ["OVERDUE", "limit 0:00 EXCEEDED"])
        try tmux.send("q")
        let undecided = try journal(runbook, minutesAgo: 1, ["declare SEV1 x", "answer rollback-decision production-broken Yes",
                                                             "answer rollback-decision hotfixable No"], name: "undecided")
        let second = try TmuxSession(command: "\(binary) open \(runbook) --journal \(undecided) --operator ada", width: 120, height: 40)
        try second.waitFor(all: ["act now: start vercel-rollback", "immediate: act now"], absent: ["EXCEEDED +"])
        try second.send("q")
    }

    @Test("10. resume asks who is at the terminal; filters show and clear; the selection is reverse video under NO_COLOR")
    func identityFiltersSelection() throws {
        let path = try midIncident()
        let tmux = try TmuxSession(command: "\(binary) resume \(path)", width: 80, height: 24, environment: ["NO_COLOR": "1"])
        try tmux.waitFor("Who is at this terminal? Your name for the journal [ada]:")
        try tmux.type("bea")
        try tmux.send("Enter")
        try tmux.waitFor("● bea")
        try tmux.send("/")
        try tmux.type("smoke")
        try tmux.send("Enter")
        try tmux.waitFor(all: ["3 Checklist ⚠1 /smoke", "Smoke tests on blue"], absent: ["DNS cache flush"])
        // The selected row (the one step left) is drawn in reverse video, colour or not.
        let selectedRow = try tmux.screenWithEscapes().split(separator: "\n").first { $0.contains("Smoke tests on blue") }
        #expect(selectedRow?.contains("\u{1B}[7m") == true, "\(selectedRow ?? "")")
        try tmux.send("Escape")
        try tmux.waitFor(all: ["DNS cache flush", "filter cleared"], absent: ["/smoke"])
        try tmux.send("4", "/")
        try tmux.type("nobody-here")
        try tmux.send("Enter")
        try tmux.waitFor("No audience matches the filter")
        try tmux.send("n")
        try tmux.type("bea was here")
        try tmux.send("Enter")
        try tmux.waitFor("note: bea was here")
        try tmux.send("q")
        let journal = try String(contentsOfFile: path, encoding: .utf8)
        #expect(journal.contains(#""operator":"bea","type":"note_added""#))
    }
}
