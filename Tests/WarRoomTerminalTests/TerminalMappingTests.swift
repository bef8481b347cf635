import CNcursesw
import Testing
import WarRoomConsole
@testable import WarRoomTerminal

@Suite("The terminal layer's mappings, without a terminal")
struct TerminalMappingTests {
    @Test func decodesKeys() {
        let ok = Int32(OK), function = wr_key_code_yes()
        #expect(KeyDecoder.key(status: ok, code: UInt32(("x" as Unicode.Scalar).value)) == .character("x"))
        #expect(KeyDecoder.key(status: ok, code: 0x6F22) == .character("漢"))
        #expect(KeyDecoder.key(status: ok, code: 9) == .tab)
        #expect(KeyDecoder.key(status: ok, code: 13) == .enter)
        #expect(KeyDecoder.key(status: ok, code: 27) == .escape)
        #expect(KeyDecoder.key(status: ok, code: 127) == .backspace)
        #expect(KeyDecoder.key(status: ok, code: 19) == .control("s"))
        #expect(KeyDecoder.key(status: ok, code: 0) == nil)
        #expect(KeyDecoder.key(status: ok, code: 28) == nil)
        #expect(KeyDecoder.key(status: function, code: UInt32(KEY_UP)) == .up)
        #expect(KeyDecoder.key(status: function, code: UInt32(KEY_BTAB)) == .backTab)
        #expect(KeyDecoder.key(status: function, code: UInt32(wr_key_resize())) == .resize)
        #expect(KeyDecoder.key(status: function, code: UInt32(wr_key_f(1))) == .function(1))
        #expect(KeyDecoder.key(status: Int32(ERR), code: 0) == nil)
    }

    @Test("a bracketed paste is one text value, its control bytes written out")
    func decodesPastes() {
        let ok = Int32(OK), function = wr_key_code_yes()
        var reads: [(Int32, UInt32)] = "pasted \u{1B}xxxx\r\nline".unicodeScalars.map { (ok, $0.value) }
            + [(function, UInt32(bitPattern: KeyDecoder.pasteEnd)), (ok, UInt32(("q" as Unicode.Scalar).value))]
        let key = KeyDecoder.paste { reads.isEmpty ? nil : reads.removeFirst() }
        #expect(key == .paste("pasted ^[xxxx\nline"))
        #expect(reads.count == 1, "the key after the closing bracket is left for the next read")
        // A paste whose end never comes still ends (nothing more to read).
        var endless: [(Int32, UInt32)] = [(ok, 0x61), (ok, 0x9B)]
        #expect(KeyDecoder.paste { endless.isEmpty ? nil : endless.removeFirst() } == .paste("aU+9B"))
        #expect(KeyDecoder.key(status: function, code: UInt32(bitPattern: KeyDecoder.pasteEnd)) == nil)
    }

    @Test func colourModes() {
        #expect(ColourMode.detect(terminalColours: 256, hasColours: true, environment: [:]) == .full)
        #expect(ColourMode.detect(terminalColours: 8, hasColours: true, environment: [:]) == .eight)
        #expect(ColourMode.detect(terminalColours: 256, hasColours: true, environment: ["NO_COLOR": "1"]) == .none)
        #expect(ColourMode.detect(terminalColours: 256, hasColours: true, environment: ["NO_COLOR": ""]) == .full)
        #expect(ColourMode.detect(terminalColours: 0, hasColours: false, environment: [:]) == .none)
    }

    @Test func palettesShareEqualPairsAndKeepAttributes() throws {
        let theme = try ThemeLoader.load(nameOrPath: "default")
        let full = StylePalette(theme: theme, mode: .full)
        #expect(full.pair(.normal) == 0, "the terminal's own colours need no pair")
        #expect(full.pair(.overrun) != 0)
        #expect(full.pair(.overdue) == full.pair(.budgetAlarm), "identical colours share one pair")
        #expect(Set(full.pairs).count == full.pairs.count)
        #expect(full.pairs.allSatisfy { (-1...255).contains($0.foreground) && (-1...255).contains($0.background) })
        let eight = StylePalette(theme: theme, mode: .eight)
        #expect(eight.pairs.allSatisfy { (-1...7).contains($0.foreground) && (-1...7).contains($0.background) })
        let none = StylePalette(theme: theme, mode: .none)
        #expect(none.pairs.isEmpty)
        #expect(StyleRole.allCases.allSatisfy { none.pair($0) == 0 })
        #expect(none.attributes(.overdue) == [.bold, .reverse])
    }

    @Test func asciiStandIns() {
        #expect(ASCIIGlyphs.fallback("─", width: 1) == "-")
        #expect(ASCIIGlyphs.fallback("✓", width: 1) == "v")
        #expect(ASCIIGlyphs.fallback("a", width: 1) == "a")
        #expect(ASCIIGlyphs.fallback("漢", width: 2) == "??")
        #expect(ASCIIGlyphs.fallback("☐", width: 1) == "o")
        #expect(ASCIIGlyphs.fallback("é", width: 1) == "?")
    }
}
