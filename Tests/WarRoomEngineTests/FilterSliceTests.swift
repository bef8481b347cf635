import Foundation
import Testing
import WarRoomTestSupport
@testable import WarRoomEngine

/// A timeline filter tested a slice at a time (`EventHistory.filter` with a limit, as a live
/// console tests a long journal before each frame): every partial answer is the matches among
/// the events tested so far, later answers only add matches after the earlier ones, the
/// progress grows to the end, and the last answer is the whole filter's, however the filter
/// was typed (key by key, each narrowing the one before, or backspaced).
@Suite struct FilterSliceTests {
    @Test func aFilterTestedInSlicesEndsAsTheWholeFilterAndOnlyGrows() throws {
        var random = SeededGenerator(state: 77)
        let directory = try RepoPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let journal = "\(directory)/j.jsonl"
        let lines = try StatusLineCheckpointTests.randomLines(count: 3_000, &random).filter { !$0.contains("\"event_retracted\"") }
        try CheckpointTests.write(lines, to: journal)
        let live = try LiveSessionTests.session(journal, live: true, at: Fixtures.t0.adding(seconds: lines.count * 40 + 60))
        let all = Array(live.events)
        #expect(live.events.completeIndex != nil, "the events are read back from the file")
        func isMatch(_ filter: String) -> (Event) -> Bool {
            let words = filter.split(separator: " ")
            return { event in words.allSatisfy { "\(event.kind) \(event.operator)".contains($0) } }
        }
        var partial = 0
        for filter in ["s", "st", "ste", "step", "step d", "ste", "note", "s"] {
            let expected = all.filter(isMatch(filter))
            let slice = Int.random(in: 1...700, using: &random)
            // Nothing tested yet for a new key: the matches so far, none or those of a kept key.
            var shown: [Event] = Array(live.events.filter(key: filter, narrowing: { filter.hasPrefix($0) }, limit: 0, isMatch(filter)))
            var progress: Double = -1
            for _ in 0..<10_000 {
                let found = live.events.filter(key: filter, narrowing: { filter.hasPrefix($0) }, limit: slice, isMatch(filter))
                let now = Array(found)
                #expect(now.starts(with: shown), "\(filter): the matches only grow at the end")
                shown = now
                guard let step = found.filterProgress else { break }
                partial += 1
                #expect(step >= progress && step < 1, "\(filter): progress \(step) after \(progress)")
                progress = step
                #expect(Set(now.map(\.sequence)).isSubset(of: Set(expected.map(\.sequence))), "\(filter): only matches")
            }
            #expect(shown == expected, "\(filter) in slices of \(slice)")
            // Asked again without a limit, the kept matches are the answer.
            #expect(Array(live.events.filter(key: filter, narrowing: { filter.hasPrefix($0) }, isMatch(filter))) == expected)
        }
        #expect(partial > 20, "\(partial) partial answers")
    }
}
