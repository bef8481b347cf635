import Foundation
import Testing
@testable import WarRoomEngine

/// The importer's small parts: mojibake repair, scanning, timings, thresholds, cadences,
/// and the YAML emitter's quoting.
@Suite("Import building blocks")
struct ImportTextTests {
    @Test("UTF-8 read once as Windows-1252 or Mac Roman is repaired; good text is left alone")
    func mojibake() {
        #expect(MojibakeRepair.repair("**âš\u{A0}ï¸ WARNING**") == "**⚠️ WARNING**")   // 0x8F lost on the way
        #expect(MojibakeRepair.repair("**âš ï¸ WARNING**") == "**⚠️ WARNING**")   // and the no-break space became a space
        #expect(MojibakeRepair.repair("‚îÄ‚îÄ‚ñ∫ go") == "──► go")
        #expect(MojibakeRepair.repair("Is it broken? ‚îÄ‚îÄNO‚îÄ‚îÄ‚Üí Monitor") == "Is it broken? ──NO──→ Monitor")
        #expect(MojibakeRepair.repair("â”Œâ”€â”") == "┌─┐")                   // ┐ lost its 0x90
        #expect(MojibakeRepair.repair("“Service restored” — café → Zürich") == "“Service restored” — café → Zürich")
        #expect(MojibakeRepair.repair("plain ascii") == "plain ascii")
    }

    @Test("documents that are binary, empty or control characters are refused with a reason")
    func badDocuments() {
        func failure(_ bytes: [UInt8]) -> String? {
            do { _ = try ImportDocument.parse(bytes: bytes, name: "doc"); return nil } catch { return error.message }
        }
        #expect(failure([]) == "doc: the document is empty")
        #expect(failure(Array(" \n\t\n".utf8)) == "doc: the document is empty")
        #expect(failure([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00]) == "doc: not a text file (it contains NUL bytes)")
        #expect(failure(Array(repeating: 0x01, count: 200)) == "doc: not a text file (it is full of control characters)")
        #expect(failure(Array("# Title\n".utf8)) == nil)
    }

    @Test("Latin-1 bytes that are not UTF-8 are read as Windows-1252")
    func windows1252Bytes() throws {
        let document = try ImportDocument.parse(bytes: [0x43, 0x61, 0x66, 0xE9, 0x20, 0x93, 0x6F, 0x6B, 0x94], name: "doc")
        #expect(document.lines.map(\.text) == ["Café “ok”"])
    }

    @Test("plain-text numbered headings are told apart from numbered lists")
    func numberedHeadings() {
        let text = "1. Purpose\nWhy.\n\n2. Steps\n2.1 Before\n1. Check\n1. Check again\n3. Contacts\n"
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { SourceLine(number: $0.offset + 1, text: String($0.element)) }
        let headings = BlockScanner.scan(lines).blocks.compactMap { block -> String? in
            if case .heading(let heading) = block { return "\(heading.level) \(heading.text)" }
            return nil
        }
        #expect(headings == ["2 Purpose", "2 Steps", "3 Before", "2 Contacts"])
    }

    @Test("setext headings, emoji headings and stray HTML do not stop the import")
    func oddHeadingsAndHTML() throws {
        let text = """
        Payments Runbook
        ================

        <div class="banner">Internal</div>

        🚨 Rollback Procedure
        ---------------------

        | Step | Action | Owner | Time |
        |------|--------|-------|------|
        | 1 | Stop <b>intake</b> | SRE | 2 min |
        | 2 | Restore	the snapshot | DBA | 30 min |
        """
        let document = try ImportDocument.parse(bytes: Array(text.utf8), name: "odd.md")
        let (runbook, report) = try RunbookImporter.run(document)
        #expect(runbook.title == "Payments Runbook")
        #expect(runbook.procedures.map(\.title) == ["🚨 Rollback Procedure"])
        #expect(runbook.procedures.first?.id == "rollback-procedure")
        #expect(runbook.procedures.first?.steps.map(\.action) == ["Stop intake", "Restore the snapshot"])
        #expect(report.unplaced.map(\.line) == [4], "the HTML banner is reported, not dropped")
    }

    @Test("a bulleted step list in a procedure section, with owners, durations and sub-items")
    func bulletedSteps() throws {
        let text = """
        # Cluster
        ## Node Drain Procedure
        - Cordon the node — SRE On-Call (1 min)
        - Drain the node — SRE On-Call (5-10 min)
          - Pods evicted
          - DaemonSets ignored
        - Uncordon after the fix (Owner: Platform Lead, 2 min)
        """
        let (runbook, report) = try RunbookImporter.run(ImportDocument.parse(bytes: Array(text.utf8), name: "drain.md"))
        let steps = try #require(runbook.procedures.first?.steps)
        #expect(steps.map(\.action) == ["Cordon the node", "Drain the node", "Uncordon after the fix"])
        #expect(steps.map(\.owner) == ["SRE On-Call", "SRE On-Call", "Platform Lead"])
        #expect(steps.map(\.duration) == [.exact(seconds: 60), .range(low: 300, high: 600), .exact(seconds: 120)])
        #expect(steps[1].checklist.map(\.text) == ["Pods evicted", "DaemonSets ignored"])
        #expect(report.unplaced.isEmpty)
    }

    @Test("tab-separated one-cell-per-line tables are read row by row")
    func tabTables() throws {
        let text = "\tStep\n\tAction\n\n\t1\n\tDo it\n\n\t2\n\tCheck it\n\n\nAfter"
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { SourceLine(number: $0.offset + 1, text: String($0.element)) }
        let blocks = BlockScanner.scan(lines).blocks
        guard case .table(let table) = try #require(blocks.first) else { Issue.record("no table"); return }
        #expect(table.header == ["Step", "Action"])
        #expect(table.rows == [["1", "Do it"], ["2", "Check it"]])
        #expect(table.rowLines == [4, 7])
        #expect(blocks.count == 2)
    }

    @Test("timings in cells, headings and prose", arguments: [
        ("2 min", "2m"), ("5-10 minutes", "5-10m"), ("Within 48 hours", "within 48h"), ("Ongoing", "ongoing"),
        ("Next day", "next day"), ("After restoration", "after restoration"), ("First 15 Minutes", "within 15m"),
        ("First Hour", "within 1h"), ("10-20 minutes (includes DNS propagation)", "10-20m"), ("< 5 minutes", "within 5m"),
    ])
    func timings(_ raw: String, _ expected: String) {
        #expect(ImportTiming.parse(raw)?.description == expected)
    }

    @Test("text that is not a timing is not read as one", arguments: ["Team consensus", "if applicable", "Phase 2", ""])
    func notTimings(_ raw: String) {
        #expect(ImportTiming.parse(raw) == nil)
    }

    @Test("thresholds are pulled out of prose", arguments: [
        ("API error rate > 5% for 5+ minutes", "api_error_rate > 5 % for 5m"),
        ("Database connection failures > 100/minute", "database_connection_failures > 100 /minute"),
        ("Financial balance mismatch > $1.00 total", "financial_balance_mismatch > 1 USD"),
        ("Response Time >1000ms p95 for 10 minutes", "response_time > 1000 ms for 10m"),
        ("5xx error rate >25% for >2 minutes", "m_5xx_error_rate > 25 % for 2m"),
    ])
    func thresholds(_ raw: String, _ expected: String) {
        #expect(ThresholdText.find(in: raw)?.description == expected)
    }

    @Test("no threshold is made up where the text has no comparison")
    func noThreshold() {
        #expect(ThresholdText.find(in: "Critical security vulnerability discovered") == nil)
    }

    @Test("cadence phrases", arguments: [
        ("every 15 minutes", "every 15m"), ("Every hour", "hourly"), ("Hourly", "hourly"), ("Real-time", "real-time"),
        ("On trigger + hourly", "hourly"), ("Pre-scheduled", "scheduled"), ("Updates will be provided every 10 minutes.", "every 10m"),
        ("Next Update: In 15 minutes", "every 15m"), ("If impact > 2 hrs", "once"), ("Immediately when rollback initiated", "once"),
    ])
    func cadences(_ raw: String, _ expected: String) {
        #expect(CadencePhrase.parse(raw).cadence?.description == expected)
    }

    @Test("cadence hooks and conditions")
    func hooksAndConditions() {
        #expect(CadencePhrase.parse("On trigger + hourly").hooks == [.trigger])
        #expect(CadencePhrase.parse("If impact > 2 hrs").condition?.description == "impact > 2h")
        #expect(CadencePhrase.parse("if outage >15 min").condition?.description == "outage > 15m")
        #expect(CadencePhrase.parse("Technical status updates").cadence == nil)
    }

    @Test("ids are slugs, unique per kind, cut at a word")
    func ids() {
        var ids = ImportIDs()
        #expect(ids.make("Database Rollback", kind: "procedure", fallback: "p") == "database-rollback")
        #expect(ids.make("Database Rollback", kind: "procedure", fallback: "p") == "database-rollback-2")
        #expect(ids.make("Database Rollback", kind: "contact", fallback: "p") == "database-rollback")
        #expect(ids.make("🚨 ⚠️", kind: "procedure", fallback: "procedure") == "procedure")
        for title in ["Incident Commander", "  --Step 2: Execute (3-5 min)!! ", "DBA / Database", "x" + String(repeating: "-y", count: 40), "Café Zürich", "???"] {
            #expect(ImportIDs.slug(title, fallback: "f") == RunbookID.slug(title, fallback: "f"), "\(title)")
        }
        let long = ids.make(String(repeating: "word ", count: 30), kind: "x", fallback: "x")
        #expect(long.count <= 48 && !long.hasSuffix("-"))
    }

    @Test("hostile strings survive the YAML writer and read back exactly")
    func yamlQuoting() throws {
        let hostile = [
            "yes", "No", "null", "~", "- dash", "key: value", "# not a comment", "a #b", "'single'", "\"double\"",
            "  leading spaces", "trailing spaces  ", "tab\there", "back\\slash", "{flow}", "[list]", "&anchor", "*alias",
            "!tag", "%directive", "@at", "`tick`", "|pipe", ">fold", "?question", ": colon", "123", "1.5", "0x1F", "2025-01-21",
            "line one\nline two", "  indented first\nsecond", "ends with newline\n", "\ncarriage\r\nreturn", "bell\u{07}", "escape \u{1B}[31mred",
            "nel\u{85}line", "ls\u{2028}sep", "bom\u{FEFF}", "emoji 🚨 ⚠️", "mixed\n\n  \nblank-ish lines", "✓ done\n\t tabbed",
        ]
        var runbook = Runbook(id: "hostile", title: "Hostile: strings")
        runbook.procedures = [Procedure(id: "p", title: "P", steps: hostile.enumerated().map { offset, text in
            Step(number: offset + 1, action: text, commands: text, notes: text, source: offset + 1)
        })]
        let yaml = RunbookYAMLWriter.yaml(runbook, importedFrom: "evil\nname: x")
        let loaded = RunbookLoader.loadReporting(bytes: Array(yaml.utf8), file: "hostile.yaml")
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.description))\n\(yaml)")
        let steps = try #require(loaded.runbook?.procedures.first?.steps)
        #expect(steps.map(\.action) == hostile)
        #expect(steps.map(\.commands) == hostile)
        #expect(loaded.runbook?.title == "Hostile: strings")
    }
}
