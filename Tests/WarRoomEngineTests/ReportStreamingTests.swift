import Foundation
import Testing
import WarRoomTestSupport
@testable import WarRoomEngine

/// The Markdown report written as the journal is read again (`MarkdownReport.write` with a
/// `StreamedEventLog`, as `warroom report` does) is the report rendered from the events held
/// in memory, byte for byte; and the escaping's fast paths give the character-by-character answer.
@Suite struct ReportStreamingTests {
    /// Texts with what Markdown escaping and line joining act on, ASCII and not.
    static let texts = [
        "plain", "snake_case _edge_ | pipe", "[link](x) and [not", "é_é [ä] *bold*", "  two\nlines  ", "a\u{2028}b\u{2029}c",
        "tab\there", "—→ arrows", "`code` <tag> back\\slash", "x\u{301}_y", "\u{85}nel", "] [ ] [", "_", "ü_", "_ü", "\r\n", "",
        "🚨_🚨 [🚨]", "café | ok", "\u{0600}|x", " lead", "trail ", "\u{3000}ideographic\u{3000}",
    ]

    static func journal(events count: Int, _ random: inout SeededGenerator) throws -> String {
        let runbook = try DefaultRunbook.load()
        let start = Instant(seconds: 1_795_510_800)
        var lines = [JournalHeader(incident: "INC-STREAM", runbook: runbook, path: RunbookSource.embeddedPrefix + DefaultRunbook.fileName,
                                   bytes: DefaultRunbook.bytes, openedAt: start, openedBy: "test").line]
        func text() -> String { texts.randomElement(using: &random) ?? "" }
        for sequence in 1...count {
            let kind: EventKind
            switch sequence == 1 ? -1 : Int.random(in: 0..<8, using: &random) {
            case -1: kind = .incidentDeclared(title: text(), severity: "SEV1")
            case 0...2: kind = .eventRetracted(sequence: Int.random(in: 1..<sequence, using: &random), reason: text())
            case 3: kind = .noteAdded(text: text())
            case 4: kind = .communicationSent(audience: "rollback-progress-updates", channel: text(), text: text())
            case 5: kind = .stepFailed(procedure: "method-4-database-schema-rollback", step: Int.random(in: 1...7, using: &random), reason: text())
            case 6: kind = .procedureStarted(procedure: "method-4-database-schema-rollback")
            default: kind = .roleAssigned(role: "IC", person: text())
            }
            let op = ["ada", "b_b", "c|y", "é"].randomElement(using: &random) ?? "ada"
            lines.append(EventJSON.line(Event(sequence: sequence, at: start.adding(seconds: sequence * 7), operator: op, kind: kind)))
        }
        let path = try RepoPaths.temporaryDirectory() + "/streamed.jsonl"
        try Data(lines.map { $0 + "\n" }.joined().utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func aStreamedReportIsTheInMemoryOne() throws {
        var random = SeededGenerator(state: 14)
        let path = try Self.journal(events: 3_000, &random)
        let runbook = try DefaultRunbook.load()
        var events: [Event] = []
        var tally = EventTally()
        let contents = try JournalReader.read(path: path, onEvent: { events.append($0); tally.add($0) })
        #expect(contents.state.retractions.count > 500, "many retractions, some of retractions and of events retracted twice")
        let whole = MarkdownReport.render(IncidentReport(runbook: runbook, header: contents.header, state: contents.state, events: events))
        let report = IncidentReport(runbook: runbook, header: contents.header, state: contents.state, tally: tally)
        let log = StreamedEventLog(runbook: runbook, state: contents.state, count: tally.count) { (body: (Event) -> Void) throws(JournalError) in
            try JournalReader.events(path: path, limit: tally.count, onEvent: body)
        }
        var streamed = ""
        try MarkdownReport.write(report, log: log, to: &streamed)
        #expect(streamed == whole)
        #expect(whole.contains("[VOID: retracted by #"))
        // Without a log (and no events counted): no event log section, as with --no-event-log.
        var bare = ""
        MarkdownReport.write(IncidentReport(runbook: runbook, header: contents.header, state: contents.state, tally: EventTally()),
                             log: StreamedEventLog<Never>?.none, to: &bare)
        #expect(bare == MarkdownReport.render(IncidentReport(runbook: runbook, header: contents.header, state: contents.state)))
        #expect(!bare.contains("## Event log"))
    }

    @Test func theStreamedLogStopsAtTheCountRead() throws {
        var random = SeededGenerator(state: 15)
        let path = try Self.journal(events: 50, &random)
        var sequences: [Int] = []
        try JournalReader.events(path: path, limit: 20) { sequences.append($0.sequence) }
        #expect(sequences == Array(1...20))
    }

    /// The escaping as it was written first, a character at a time.
    static func referenceInline(_ text: String) -> String {
        var out = ""
        let characters = Array(TextSanitizer.line(text))
        for (index, character) in characters.enumerated() {
            switch character {
            case "|", "*", "`", "<", "\\": out.append("\\")
            case "_":
                let before = index > 0 ? characters[index - 1] : " ", after = index + 1 < characters.count ? characters[index + 1] : " "
                if !(before.isLetter || before.isNumber) || !(after.isLetter || after.isNumber) { out.append("\\") }
            case "[" where characters[(index + 1)...].contains("]"):
                out.append("\\")
            default: break
            }
            out.append(character)
        }
        return out
    }

    static func referenceJoinedLines(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { String($0).trimmed }.filter { !$0.isEmpty }.joined(separator: " ")
    }

    @Test func escapingAndJoiningKeepTheirAnswers() {
        var random = SeededGenerator(state: 16)
        var samples = Self.texts
        for _ in 0..<2_000 {
            samples.append((0..<Int.random(in: 1...4, using: &random)).map { _ in Self.texts.randomElement(using: &random) ?? "" }.joined())
        }
        for text in samples {
            #expect(MarkdownReport.inline(text) == Self.referenceInline(text), "\(text.debugDescription)")
            #expect(MarkdownReport.joinedLines(text) == Self.referenceJoinedLines(text), "\(text.debugDescription)")
        }
    }
}
