import Foundation
import Testing
import WarRoomTestSupport
@testable import WarRoomEngine

/// The fast reading of journal lines (`EventLineDecoder`) answers for the lines `EventJSON`
/// writes, and only ever gives the event the full reading (`JSONParser` + `EventJSON`) gives:
/// for any line, damaged or not, it either agrees or leaves the line to the full reading.
@Suite struct EventLineDecoderTests {
    /// The fast answer and the full one for `line`.
    private func both(_ line: [UInt8]) -> (fast: Event?, full: Event?) {
        line.withUnsafeBufferPointer { buffer in
            let fast = EventLineDecoder.event(buffer, 0..<buffer.count)
            let full = try? EventJSON.event(from: JSONParser.parse(buffer, range: 0..<buffer.count))
            return (fast, full)
        }
    }

    /// Events of every kind, texts with and without what needs escaping.
    private func events(_ count: Int, _ random: inout SeededGenerator) -> [Event] {
        let extra: [EventKind] = [
            .approvalOverridden(procedure: "db-restore", missing: ["cto", "dba"], reason: "outage"),
            .pageAcknowledged(contact: "dba", person: "Ada"), .incidentReopened(reason: "again"),
            .eventRetracted(sequence: 3, reason: "typo"), .decisionAnswered(tree: "t", node: "n", answer: "NO", leadsTo: "x", outcome: false),
            .noteAdded(text: "tab\there"), .noteAdded(text: "back\\slash"), .noteAdded(text: "ünïcödé ok"), .noteAdded(text: ""),
        ]
        return (1...count).map { sequence in
            let kind = sequence % 10 == 0 ? extra[(sequence / 10) % extra.count] : CheckpointTests.randomKind(&random)
            return Event(sequence: sequence * 37, at: Instant(milliseconds: 1_795_510_800_000 + Int64(sequence) * 1_237),
                         operator: ["ada", "é", "b\"b", "x y"].randomElement(using: &random) ?? "ada", kind: kind)
        }
    }

    @Test func writtenLinesAreReadFastAndAlike() {
        var random = SeededGenerator(state: 31)
        var fastCount = 0
        let all = events(4_000, &random)
        for event in all {
            let (fast, full) = both(Array(EventJSON.line(event).utf8))
            #expect(full == event)
            if let fast {
                fastCount += 1
                #expect(fast == event)
            }
        }
        // Lines with an escape or an array are left to the full reading; most have neither.
        #expect(fastCount > all.count / 2, "\(fastCount) of \(all.count)")
    }

    @Test func damagedLinesAreNeverReadDifferently() {
        var random = SeededGenerator(state: 32)
        var agreed = 0, left = 0
        for event in events(1_500, &random) {
            let line = Array(EventJSON.line(event).utf8)
            for _ in 0..<12 {
                var damaged = line
                JournalFuzzTests.mutate(&damaged, times: 1...3, &random)
                let (fast, full) = both(damaged)
                if let fast {
                    agreed += 1
                    #expect(fast == full, "\(String(decoding: damaged, as: UTF8.self))")
                } else {
                    left += 1
                }
            }
        }
        #expect(agreed > 0 && left > 0)
    }

    @Test func otherFormsAreLeftToTheFullReading() {
        for text in [
            #"{"seq": 1,"at":"2026-11-24T09:00:00.000Z","operator":"ada","type":"note_added","payload":{"text":"x"}}"#,
            #"{"at":"2026-11-24T09:00:00.000Z","seq":1,"operator":"ada","type":"note_added","payload":{"text":"x"}}"#,
            #"{"seq":1.0,"at":"2026-11-24T09:00:00.000Z","operator":"ada","type":"note_added","payload":{"text":"x"}}"#,
            #"{"seq":01,"at":"2026-11-24T09:00:00.000Z","operator":"ada","type":"note_added","payload":{"text":"x"}}"#,
            #"{"seq":1,"at":"2026-11-24T09:00:00.000Z","operator":"ad\u0061","type":"note_added","payload":{"text":"x"}}"#,
            #"{"seq":1,"at":"2026-11-24T09:00:00.000Z","operator":"ada","type":"note_added","payload":{"text":"x"}} "#,
            #"{"seq":1,"at":"2026-11-24T09:00:00.000Z","operator":"ada","type":"note_added","payload":{"text":"x"},"x":1}"#,
            #"{"seq":1,"at":"2026-11-24T09:00:00.000Z","operator":"ada","type":"note_added","payload":{"text":null}}"#,
            #"{"seq":12345678901234567890123,"at":"2026-11-24T09:00:00.000Z","operator":"ada","type":"note_added","payload":{"text":"x"}}"#,
            #"{"seq":1,"at":"2026-11-24T09:00:00.000Z","operator":"ada","type":"step_done","payload":{"procedure":"p","step":99999999999999999999999}}"#,
            #"{"seq":9007199254740992,"at":"2026-11-24T09:00:00.000Z","operator":"ada","type":"note_added","payload":{"text":"x"}}"#,
        ] {
            #expect(both(Array(text.utf8)).fast == nil, "\(text)")
        }
        let plain = #"{"seq":1,"at":"2026-11-24T09:00:00.000Z","operator":"ada","type":"note_added","payload":{"text":"x"}}"#
        let (fast, full) = both(Array(plain.utf8))
        #expect(fast != nil && fast == full)
    }
}
