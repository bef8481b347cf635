import Foundation
import Testing
import WarRoomTestSupport
@testable import WarRoomEngine

/// A status derived with a `Status.Memo` kept from earlier instants is the status derived
/// afresh: for random journals (updates, hooks, resolutions, retractions, clocks that run
/// early), events arriving one by one, and a clock that mostly runs on but sometimes goes
/// back (a replay sought backwards).
@Suite struct StatusMemoTests {
    @Test("every status derived with the memo equals the one derived without it", arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func memoMatchesFreshStatus(seed: UInt64) throws {
        var random = SeededGenerator(state: seed &* 7_919)
        let runbook = try Fixtures.runbook()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("status-memo-\(seed)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("journal.jsonl").path
        let lines = try StatusLineCheckpointTests.randomLines(count: 300, &random)
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        var events: [Event] = []
        try JournalReader.events(path: path, limit: Int.max) { events.append($0) }
        #expect(events.count > 200)

        var memo = Status.Memo()
        var state = IncidentState()
        var now = Fixtures.t0
        // Derivations of a declared incident (only those have a fold to keep), and those that reused it.
        var compared = 0, declared = 0, kept = 0
        for (index, event) in events.enumerated() {
            state.apply(event, after: Array(events[..<index]))
            for _ in 0..<Int.random(in: 0...4, using: &random) {
                let step = Int.random(in: 0..<10, using: &random) == 0 ? -Int.random(in: 0...300, using: &random) : Int.random(in: 0...900, using: &random)
                now = now.adding(seconds: step)
                let before = memo
                let remembered = Status(runbook: runbook, state: state, at: now, memo: &memo)
                let fresh = Status(runbook: runbook, state: state, at: now)
                compared += 1
                if state.declaration.map({ $0.at <= now }) ?? false { declared += 1 }
                if before.audiences.keys.contains(where: { before.audiences[$0]?.fold != nil && before.audiences[$0]?.identity == memo.audiences[$0]?.identity
                    && before.audiences[$0]?.fold?.holdsFrom == memo.audiences[$0]?.fold?.holdsFrom }) { kept += 1 }
                guard remembered == fresh else {
                    Issue.record("seed \(seed), event \(index), \(now.iso8601): the status with the memo differs")
                    return
                }
                for (left, right) in zip(remembered.audiences, fresh.audiences) {
                    #expect(left.obligations == right.obligations && left.tally == CommsTally(right.obligations))
                }
                #expect(remembered.incident.communications == fresh.incident.communications)
            }
        }
        #expect(compared > 300)
        #expect(kept >= declared / 4, "the memo was reused in \(kept) of \(declared) derivations of the declared incident")
    }
}
