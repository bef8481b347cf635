import Foundation
import WarRoomEngine

/// Loads themes from YAML (`themes/*.yaml`, documented in `themes/README.md`), with every
/// problem located by file, line and column: unknown roles, unknown colours, missing roles.
public enum ThemeLoader {
    /// The theme file format version.
    public static let formatVersion = 1

    /// The themes that ship with warroom, by name.
    public static let builtInNames = ["default", "light", "high-contrast", "monochrome"]

    /// Loads a theme by built-in name or from a file path.
    public static func load(nameOrPath: String) throws(LoadFailure) -> Theme {
        if let bytes = BuiltInThemes.bytes(named: nameOrPath) {
            return try load(bytes: bytes, file: "<built-in>/themes/\(nameOrPath).yaml")
        }
        guard nameOrPath.contains("/") || nameOrPath.hasSuffix(".yaml") || nameOrPath.hasSuffix(".yml") else {
            let hint = builtInNames.joined(separator: ", ")
            throw LoadFailure([Diagnostic(file: nameOrPath, mark: SourceMark(line: 1, column: 1),
                                          message: "no built-in theme '\(nameOrPath)' (built in: \(hint)); give a file path for your own")])
        }
        return try load(bytes: RunbookLoader.readBytes(path: nameOrPath), file: nameOrPath)
    }

    /// Loads a theme from YAML bytes; `file` names it in diagnostics.
    public static func load(bytes: [UInt8], file: String) throws(LoadFailure) -> Theme {
        let start = SourceMark(line: 1, column: 1)
        let root: YAMLNode?
        do {
            root = try YAMLComposer.compose(bytes)
        } catch {
            throw LoadFailure([Diagnostic(file: file, mark: error.mark, message: error.message)])
        }
        guard let root, !root.isNull else {
            throw LoadFailure([Diagnostic(file: file, mark: start, message: "file holds no theme; expected a mapping with 'theme: 1', 'name' and 'roles'")])
        }
        let report = DecodingReport(file: file)
        let theme = decode(root, report: report)
        guard let theme, !report.hasErrors else { throw LoadFailure(report.diagnostics.sorted { $0.mark < $1.mark }) }
        return theme
    }

    private static func decode(_ root: YAMLNode, report: DecodingReport) -> Theme? {
        guard let top = MappingReader(root, context: "the theme", allowed: ["theme", "name", "description", "palette", "roles"], report: report) else { return nil }
        guard let version = top.integer("theme", required: true) else { return nil }
        guard version == formatVersion else {
            report.error(top.mark(of: "theme"), "theme format \(version) is not supported: this warroom reads theme format \(formatVersion)")
            return nil
        }
        let name = top.text("name", required: true)
        var palette: [String: Int] = [:]
        if let paletteNode = top.node("palette"), case .mapping(let pairs) = paletteNode.content {
            for pair in pairs {
                guard case .scalar(let key, _) = pair.key.content else { continue }
                guard case .scalar(let value, _) = pair.value.content, let index = Int(value), (0...255).contains(index) else {
                    report.error(pair.value.mark, "palette colour '\(key)' must be a colour index from 0 to 255")
                    continue
                }
                palette[key] = index
            }
        } else if let paletteNode = top.node("palette") {
            report.error(paletteNode.mark, "expected a mapping of names to colour indexes for 'palette'; found \(paletteNode.kindDescription)")
        }
        var styles: [StyleRole: Style] = [:]
        if let rolesNode = top.node("roles", required: true) {
            let roleNames = StyleRole.allCases.map(\.rawValue)
            if let roles = MappingReader(rolesNode, context: "roles", allowed: roleNames, report: report) {
                for role in StyleRole.allCases {
                    guard let node = roles.node(role.rawValue) else { continue }
                    styles[role] = decodeStyle(node, role: role, palette: palette, report: report)
                }
                let missing = StyleRole.allCases.filter { styles[$0] == nil && roles.node($0.rawValue) == nil }
                if !missing.isEmpty {
                    report.error(rolesNode.mark, "roles missing from the theme: \(missing.map(\.rawValue).joined(separator: ", ")) (every role needs a style)")
                }
            }
        }
        guard let name else { return nil }
        return Theme(name: name, description: top.text("description"), styles: styles)
    }

    private static func decodeStyle(_ node: YAMLNode, role: StyleRole, palette: [String: Int], report: DecodingReport) -> Style? {
        let context = "role '\(role.rawValue)'"
        guard let map = MappingReader(node, context: context, allowed: ["fg", "bg", "fg8", "bg8", "attributes"], report: report) else { return nil }
        func colour(_ key: String, eight: Bool) -> TerminalColour {
            guard let text = map.text(key) else { return .terminalDefault }
            let lowered = text.lowercased()
            if lowered == "default" { return .terminalDefault }
            if let index = TerminalColour.named[lowered] { return .index(index) }
            if !eight, let index = palette[text] { return .index(index) }
            if let index = Int(text), (0...(eight ? 7 : 255)).contains(index) { return .index(index) }
            let choices = eight ? "default, a colour name (black, red, green, yellow, blue, magenta, cyan, white) or 0-7"
                : "default, a colour name, a palette name or an index 0-255"
            let candidates = Array(TerminalColour.named.keys) + (eight ? [] : Array(palette.keys))
            let hint = Suggestion.closest(to: text, in: candidates).map { "; did you mean '\($0)'?" } ?? ""
            report.error(map.mark(of: key), "unknown colour '\(text)' for '\(key)' of \(context): expected \(choices)\(hint)")
            return .terminalDefault
        }
        let foreground = colour("fg", eight: false), background = colour("bg", eight: false)
        let foreground8 = map.node("fg8") == nil ? eight(foreground) : colour("fg8", eight: true)
        let background8 = map.node("bg8") == nil ? eight(background) : colour("bg8", eight: true)
        var attributes: Set<TextAttribute> = []
        for item in map.list("attributes") {
            guard case .scalar(let text, _) = item.content, let attribute = TextAttribute(rawValue: text) else {
                let options = TextAttribute.allCases.map(\.rawValue)
                let found = { if case .scalar(let text, _) = item.content { return "'\(text)'" } else { return item.kindDescription } }()
                report.error(item.mark, "bad attribute \(found) in \(context): expected one of \(options.joined(separator: ", "))")
                continue
            }
            attributes.insert(attribute)
        }
        return Style(foreground: foreground, background: background, foreground8: foreground8, background8: background8, attributes: attributes)
    }

    /// An 8-colour stand-in for a 256-colour choice: indexes 0–7 and 8–15 (their bright
    /// twins) map to the base eight; the extended palette falls back to the default.
    private static func eight(_ colour: TerminalColour) -> TerminalColour {
        guard case .index(let index) = colour else { return colour }
        return index < 16 ? .index(index % 8) : .terminalDefault
    }
}
