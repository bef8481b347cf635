import Testing
@testable import WarRoomEngine

@Suite("Sanitising and measuring text")
struct TextTests {
    @Test func escapesControlCharacters() {
        #expect(TextSanitizer.line("a\u{1B}[31mred\u{1B}[0m") == "a^[[31mred^[[0m")
        #expect(TextSanitizer.line("over\rwrite\u{8}") == "over^Mwrite^H")
        #expect(TextSanitizer.line("two\nlines\ttab") == "two^Jlines^Itab")
        #expect(TextSanitizer.line("del\u{7F}") == "del^?")
        #expect(TextSanitizer.line("c1\u{9B}31m") == "c1<U+009B>31m")
        #expect(TextSanitizer.line("bidi \u{202E}evil\u{2066}") == "bidi <U+202E>evil<U+2066>")
        #expect(TextSanitizer.block("keep\nnewlines\u{1B}") == "keep\nnewlines^[")
        #expect(TextSanitizer.line("plain ✓ café 漢字") == "plain ✓ café 漢字")
    }

    @Test func displayWidths() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("漢字") == 4)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("🚨") == 2)
        #expect(DisplayWidth.of("⚠️") == 2)
        #expect(DisplayWidth.truncate("abcdef", to: 4) == "abc…")
        #expect(DisplayWidth.truncate("漢字漢字", to: 5) == "漢字…")
        #expect(DisplayWidth.wrap("one two three", to: 7) == ["one two", "three"])
    }

    @Test func tableAlignsWideCharacters() {
        let lines = TextTable(headers: ["A", "B"], rows: [["漢字", "x"], ["ab", "y"]]).render(width: 80, indent: "")
        #expect(lines == ["A     B", "────  ─", "漢字  x", "ab    y"])
    }

    @Test func suggestions() {
        #expect(Suggestion.closest(to: "titel", in: ["title", "steps"]) == "title")
        #expect(Suggestion.closest(to: "duraton", in: ["duration", "owner"]) == "duration")
        #expect(Suggestion.closest(to: "zzz", in: ["title", "steps"]) == nil)
        #expect(Suggestion.editDistance("kitten", "sitting") == 3)
    }

    @Test func slugs() {
        #expect(RunbookID.slug("Incident Commander", fallback: "x") == "incident-commander")
        #expect(RunbookID.slug("DBA / Database", fallback: "x") == "dba-database")
        #expect(RunbookID.slug("漢字", fallback: "contact-3") == "contact-3")
        #expect(RunbookID.isValid("method-1-kubernetes"))
        #expect(!RunbookID.isValid("Method 1"))
        #expect(!RunbookID.isValid("-x"))
    }

    @Test("scalars that stand alone are graphemes of their own, whatever their neighbours, and take columns")
    func standaloneScalars() {
        let all = (0x20...0x2FFF).compactMap(Unicode.Scalar.init).filter(DisplayWidth.standsAlone)
        #expect(all.count > 2_000)
        for scalar in all {
            for neighbour in [Unicode.Scalar("a"), "─", "é", "✓", scalar] {
                var text = String.UnicodeScalarView()
                text.append(contentsOf: [neighbour, scalar, neighbour])
                #expect(String(text).count == 3, "U+\(String(scalar.value, radix: 16)) joins a neighbour")
                // The scalar-at-a-time width and truncation agree with the grapheme-at-a-time ones.
                let graphemeWidth = String(text).reduce(0) { $0 + DisplayWidth.of($1) }
                #expect(DisplayWidth.of(String(text)) == graphemeWidth)
                var kept = "", used = 0
                for character in String(text) {
                    if used + DisplayWidth.of(character) > 2 { break }
                    kept.append(character)
                    used += DisplayWidth.of(character)
                }
                #expect(DisplayWidth.truncate(String(text), to: 3) == (graphemeWidth <= 3 ? String(text) : kept + "…"))
            }
            #expect(DisplayWidth.of(scalar) >= 1, "U+\(String(scalar.value, radix: 16)) takes no column")
            #expect(DisplayWidth.of(Character(scalar)) == DisplayWidth.of(scalar))
        }
        #expect(!DisplayWidth.standsAlone("\u{301}"))
        #expect(!DisplayWidth.standsAlone("\u{200D}"))
        #expect(!DisplayWidth.standsAlone("\u{FE0F}"))
        #expect(!DisplayWidth.standsAlone("\u{AD}"))
        // Looked up in the symbol table: the emoji-presentation ones are wide, the rest narrow.
        #expect(DisplayWidth.of("⌚" as Unicode.Scalar) == 2 && DisplayWidth.of("✅" as Unicode.Scalar) == 2)
        #expect(DisplayWidth.of("⏱" as Unicode.Scalar) == 1 && DisplayWidth.of("─" as Unicode.Scalar) == 1)
        #expect(DisplayWidth.of("\u{200B}" as Unicode.Scalar) == 0 && DisplayWidth.of("\u{AD}" as Unicode.Scalar) == 0)
        #expect(DisplayWidth.of("⏱ 12:04 · ✅") == 12)
    }
}
