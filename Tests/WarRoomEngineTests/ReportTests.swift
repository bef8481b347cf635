import Testing
@testable import WarRoomEngine

@Suite struct ReportTests {
    @Test func hostileTextCannotBreakTheMarkdownOrTheTerminal() throws {
        var drill = try Drill()
        drill.ok(.declare(title: "Pipes | and \u{1B}[31mred\u{1B}[0m and \u{202E}bidi", severity: "SEV1"))
        drill.ok(.note("*bold* _em_ snake_case [link](http://x) <script>"))
        let header = JournalHeader(incident: "INC-1", runbookPath: "drill.yaml", runbookSHA256: "0", openedAt: Fixtures.t0, openedBy: "ada")
        let markdown = MarkdownReport.render(IncidentReport(runbook: drill.engine.runbook, header: header, state: drill.state))
        #expect(!markdown.contains("\u{1B}") && !markdown.contains("\u{202E}"))
        #expect(markdown.hasPrefix(#"# Post-incident report: Pipes \| and ^[[31mred^[[0m and \<U+202E>bidi"#))
        #expect(markdown.contains(#"alice: \*bold\* \_em\_ snake_case \[link](http://x) \<script>"#))
    }

    @Test func unresolvedIncidentReportSaysSo() throws {
        var drill = try Drill()
        drill.ok(.declare(title: "Still going", severity: "SEV2"))
        drill.wait(30)
        drill.ok(.note("half an hour in"))
        let header = JournalHeader(incident: "INC-2", runbookPath: "drill.yaml", runbookSHA256: "0", openedAt: Fixtures.t0, openedBy: "ada")
        let report = IncidentReport(runbook: drill.engine.runbook, header: header, state: drill.state)
        #expect(report.timeToRestore == nil && report.end == Fixtures.t0.adding(seconds: 1_800))
        // The status page (on declare) was due 09:05, after the five minutes of grace.
        // Staff (every 15m) were due at 09:15 and 09:30 is not reached as a separate due: one unsent, 15m late so far.
        #expect(report.communications.map { "\($0.audience) \($0.due.timeOfDay) \($0.late)" } == ["status-page 09:05:00 1500", "staff 09:15:00 900"])
        let markdown = MarkdownReport.render(report)
        #expect(markdown.contains("**Not resolved** when the journal ends (09:30:00Z)."))
        #expect(markdown.contains("| Staff | 09:15:00Z | every 15m | — | **never sent** (15m overdue at the end) |"))
        #expect(markdown.contains("| Communications | 2 due: 0 on time, 0 late, 2 never sent |"))
        #expect(markdown.contains("### What happened\n\n- Timeline of events\n"))
    }
}
