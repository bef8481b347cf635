import Foundation
import Testing
import WarRoomTestSupport

/// A console whose journal is deleted or replaced under it, in a real terminal: the header
/// gives way to a banner no one can miss, nothing more is acknowledged, the screen stays
/// usable, and quitting names the saved copy to resume.
@Suite(.serialized, .enabled(if: TmuxSession.available, "tmux is not installed (.ci/run installs it)"))
struct JournalFaultEndToEndTests {
    let directory: String
    let binary: String

    init() throws {
        directory = try RepoPaths.temporaryDirectory()
        binary = try #require(RepoPaths.warroom, "warroom is not built; run swift build first")
    }

    @Test("the journal deleted under a running console at 80×24, then 200×60")
    func deletedUnderTheConsole() throws {
        let journal = directory + "/incident.jsonl"
        let copy = directory + "/incident.recovered.jsonl"
        let tmux = try TmuxSession(command: "\(binary) open --journal \(journal) --operator ada", width: 80, height: 24)
        try tmux.waitFor("press D to declare")
        try tmux.send("D")
        try tmux.waitFor("Declare (SEVERITY TITLE)")
        try tmux.type("Checkout down")
        try tmux.send("Enter")
        try tmux.waitFor("✓ incident declared")
        try FileManager.default.removeItem(atPath: journal)
        // Noticed by the next refresh (within a second), without a key pressed.
        let banner = try tmux.waitFor(all: ["⚠ JOURNAL DELETED OR MOVED", "NOTHING IS RECORDED", "…/incident.jsonl", "→ warroom resume …", "/incident.recovered.jsonl"])
        #expect(banner.split(separator: "\n").first?.contains("⚠ JOURNAL DELETED OR MOVED") == true, "the banner is not the first row:\n\(banner)")
        // A note is refused, not acknowledged, and the screen still moves between panes.
        try tmux.send("n")
        try tmux.waitFor("Note: ")
        try tmux.type("lost?")
        try tmux.send("Enter")
        try tmux.waitFor("NOT RECORDED")
        try tmux.send("6")
        try tmux.waitFor(all: ["6 Timeline", "⚠ JOURNAL DELETED OR MOVED"])
        try tmux.resize(width: 200, height: 60)
        try tmux.waitFor(all: ["⚠ JOURNAL DELETED OR MOVED · read-only: NOTHING IS RECORDED · \(journal)",
                               "→ events saved · quit (q), then: warroom resume \(copy)"])
        try tmux.send("q")
        try tmux.waitFor("[exited 1]")
        let said = try String(contentsOfFile: tmux.errorLog, encoding: .utf8)
        #expect(said.contains("JOURNAL DELETED OR MOVED") && said.contains("warroom resume \(copy)"), "\(said)")
        #expect(!(try tmux.screen()).contains("Incident journal: \(journal)"))
        let saved = try String(contentsOfFile: copy, encoding: .utf8)
        #expect(saved.contains("Checkout down") && !saved.contains("lost?"))
        #expect(!FileManager.default.fileExists(atPath: journal))
    }

    @Test("the journal replaced by another incident's under a running console")
    func replacedUnderTheConsole() throws {
        let journal = directory + "/shared.jsonl"
        let tmux = try TmuxSession(command: "\(binary) open --journal \(journal) --operator ada", width: 80, height: 24)
        try tmux.waitFor("press D to declare")
        let other = #"{"journal":"warroom","format":1,"incident":"INC-OTHER","runbook":{"path":"x","sha256":"0"},"opened_at":"2026-11-24T09:00:00.000Z","opened_by":"eve"}"# + "\n"
        try other.write(toFile: directory + "/other.jsonl", atomically: false, encoding: .utf8)
        #expect(rename(directory + "/other.jsonl", journal) == 0)
        try tmux.waitFor(all: ["⚠ JOURNAL REPLACED", "→ warroom resume …", "/shared.recovered.jsonl"])
        try tmux.send("D")
        try tmux.type("never recorded")
        try tmux.send("Enter")
        try tmux.waitFor("NOT RECORDED")
        try tmux.send("q")
        try tmux.waitFor("[exited 1]")
        #expect(try String(contentsOfFile: journal, encoding: .utf8) == other, "the other incident's journal was written to")
    }
}
