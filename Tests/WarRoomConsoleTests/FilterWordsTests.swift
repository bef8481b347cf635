import Testing
import WarRoomTestSupport
@testable import WarRoomConsole

/// A filter matches as it always did (every word, lowered, in the fields joined by spaces,
/// lowered) whichever way it is matched, and a filter narrows only a filter it extends.
@Suite struct FilterWordsTests {
    /// The matching the byte-wise one must equal.
    static func reference(_ fields: [String], _ filter: String) -> Bool {
        let haystack = fields.joined(separator: " ").lowercased()
        return filter.lowercased().split(separator: " ").allSatisfy { haystack.contains($0) }
    }

    @Test func matchesAsTheLoweredWordsDoOnRandomText() {
        var random = SeededGenerator(state: 11)
        let pieces = ["step", "Step", "DONE", "d", "é", "e\u{301}", "\r\n", "\r", "\n", " ", "  ", "-", "_", "9", "ΣΑΣ", "σ", "ß", "SS", "🚨", "x",
                      "İ", "i", "\u{212A}", "k", "\u{0600}", "\u{301}", "—", "→"]
        func text(_ count: Int) -> String { (0..<count).map { _ in pieces.randomElement(using: &random) ?? "" }.joined() }
        var matched = 0
        for _ in 0..<6_000 {
            let fields = (0..<Int.random(in: 1...3, using: &random)).map { _ in text(Int.random(in: 0...6, using: &random)) }
            let filter = text(Int.random(in: 1...3, using: &random))
            let expected = Self.reference(fields, filter)
            #expect(FilterWords(filter).match(fields) == expected, "\(fields) \(filter)")
            if expected { matched += 1 }
        }
        #expect(matched > 600 && matched < 5_400, "both outcomes are tried: \(matched) matched")
    }

    @Test func aFilterNarrowsOnlyTheASCIIFiltersItExtends() {
        #expect(FilterWords("Step d").narrows("step"))
        #expect(FilterWords("step ").narrows("STEP"))
        #expect(FilterWords("step").narrows("step"))
        #expect(!FilterWords("step").narrows("step d"))
        #expect(!FilterWords("ste").narrows("step"))
        #expect(!FilterWords("e\u{301}").narrows("e"), "an accent typed after a letter makes another character")
        #expect(!FilterWords("é x").narrows("é"))
        #expect(!FilterWords("a\r\n").narrows("a\r"))
    }
}
