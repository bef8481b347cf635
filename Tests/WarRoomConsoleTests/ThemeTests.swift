import Foundation
import Testing
import WarRoomEngine
@testable import WarRoomConsole

@Suite("Themes are data: every role, located errors, meaning without colour")
struct ThemeTests {
    @Test("every built-in theme loads and maps every role", arguments: ThemeLoader.builtInNames)
    func builtInThemesLoad(name: String) throws {
        let theme = try ThemeLoader.load(nameOrPath: name)
        #expect(theme.name == name)
        #expect(Set(theme.styles.keys) == Set(StyleRole.allCases))
    }

    @Test("overrun, due and overdue differ by attributes alone in every theme", arguments: ThemeLoader.builtInNames)
    func distinguishableWithoutColour(name: String) throws {
        let theme = try ThemeLoader.load(nameOrPath: name)
        let sets = [StyleRole.overrun, .due, .overdue].map { theme.style($0).attributes }
        #expect(Set(sets).count == 3, "\(name): \(sets)")
        #expect(sets.allSatisfy { !$0.isEmpty })
        #expect(theme.style(.failed).attributes != theme.style(.done).attributes)
    }

    @Test("the selected row is reverse video in every theme, so NO_COLOR still shows it", arguments: ThemeLoader.builtInNames)
    func selectionIsReverseVideo(name: String) throws {
        let theme = try ThemeLoader.load(nameOrPath: name)
        #expect(theme.style(.selection).attributes.contains(.reverse), "\(name): \(theme.style(.selection).attributes)")
    }

    @Test func monochromeHasNoColour() throws {
        let theme = try ThemeLoader.load(nameOrPath: "monochrome")
        #expect(theme.styles.values.allSatisfy {
            $0.foreground == .terminalDefault && $0.background == .terminalDefault
                && $0.foreground8 == .terminalDefault && $0.background8 == .terminalDefault
        })
    }

    @Test func paletteNamesAndEightColourFallbacks() throws {
        let theme = try ThemeLoader.load(nameOrPath: "default")
        #expect(theme.style(.overrun).foreground == .index(214))
        #expect(theme.style(.overrun).foreground8 == .index(3))
        #expect(theme.style(.failed).attributes == [.bold])
    }

    private func themeErrors(_ yaml: String) -> [String] {
        do {
            _ = try ThemeLoader.load(bytes: Array(yaml.utf8), file: "t.yaml")
            return []
        } catch {
            return error.diagnostics.map { "\($0.mark.line):\($0.mark.column): \($0.message)" }
        }
    }

    private var allRoles: String {
        StyleRole.allCases.map { "  \($0.rawValue): {}" }.joined(separator: "\n")
    }

    @Test func unknownRolesAndColoursAreLocated() {
        let yaml = "theme: 1\nname: bad\npalette: {amber: 214}\nroles:\n" + allRoles
            .replacingOccurrences(of: "  overrun: {}", with: "  overrun: {fg: amberr, fg8: orange, attributes: [blink]}")
            + "\n  overrunn: {}\n"
        #expect(themeErrors(yaml) == [
            "23:17: unknown colour 'amberr' for 'fg' of role 'overrun': expected default, a colour name, a palette name or an index 0-255; did you mean 'amber'?",
            "23:30: unknown colour 'orange' for 'fg8' of role 'overrun': expected default, a colour name (black, red, green, yellow, blue, magenta, cyan, white) or 0-7",
            "23:51: bad attribute 'blink' in role 'overrun': expected one of bold, dim, italic, underline, reverse, standout",
            "41:3: unknown key 'overrunn' in roles; did you mean 'overrun'?",
        ])
    }

    @Test func missingRolesAndVersions() {
        #expect(themeErrors("theme: 1\nname: x\nroles:\n  normal: {}\n").first?.hasPrefix("4:3: roles missing from the theme: dim, title,") == true)
        #expect(themeErrors("theme: 2\nname: x\nroles: {}\n") == ["1:8: theme format 2 is not supported: this warroom reads theme format 1"])
        #expect(themeErrors("name: x\n") == ["1:1: missing required key 'theme' in the theme"])
        #expect(themeErrors("theme: 1\nname: x\nroles:\n" + allRoles + "\npalette: {big: 300}\n").contains { $0.contains("palette colour 'big' must be a colour index from 0 to 255") })
    }

    @Test func unknownBuiltInName() {
        let failure = #expect(throws: LoadFailure.self) { try ThemeLoader.load(nameOrPath: "solarized") }
        #expect(failure?.description.contains("no built-in theme 'solarized' (built in: default, light, high-contrast, monochrome)") == true)
    }
}
