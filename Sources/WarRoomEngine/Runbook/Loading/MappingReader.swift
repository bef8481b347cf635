/// Collects the diagnostics of one file while it is decoded.
package final class DecodingReport {
    package let file: String
    package private(set) var diagnostics: [Diagnostic] = []

    package init(file: String) {
        self.file = file
    }

    package func error(_ mark: SourceMark, _ message: String) {
        diagnostics.append(Diagnostic(file: file, mark: mark, severity: .error, message: message))
    }

    package var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// Reads the keys of one YAML mapping against the keys the format allows there, reporting
/// unknown keys (with a suggestion), duplicate keys, missing required keys and wrong types.
package struct MappingReader {
    package let mark: SourceMark
    /// What the mapping is, for messages: "procedure 'app-rollback'".
    package let context: String
    private let values: [String: YAMLPair]
    /// Allowed keys that an unknown key was reported as a likely typo of; their absence
    /// is not reported again as a missing key.
    private let suggested: Set<String>
    private let report: DecodingReport

    /// Nil (after reporting) when `node` is not a mapping.
    package init?(_ node: YAMLNode, context: String, allowed: [String], report: DecodingReport) {
        guard case .mapping(let pairs) = node.content else {
            report.error(node.mark, "expected a mapping (key: value lines) for \(context); found \(node.kindDescription)")
            return nil
        }
        var values: [String: YAMLPair] = [:]
        var suggested: Set<String> = []
        for pair in pairs {
            guard case .scalar(let key, _) = pair.key.content else {
                report.error(pair.key.mark, "keys in \(context) must be plain words; found \(pair.key.kindDescription)")
                continue
            }
            if let first = values[key] {
                report.error(pair.key.mark, "duplicate key '\(key)' in \(context) (first at line \(first.key.mark.line))")
                continue
            }
            if !allowed.contains(key) {
                if let suggestion = Suggestion.closest(to: key, in: allowed) {
                    suggested.insert(suggestion)
                    report.error(pair.key.mark, "unknown key '\(key)' in \(context); did you mean '\(suggestion)'?")
                } else {
                    report.error(pair.key.mark, "unknown key '\(key)' in \(context); expected one of: \(allowed.joined(separator: ", "))")
                }
                continue
            }
            values[key] = pair
        }
        self.mark = node.mark
        self.context = context
        self.values = values
        self.suggested = suggested
        self.report = report
    }

    /// The value node of `key`, or nil when it is absent or null.
    package func node(_ key: String, required: Bool = false, what: String? = nil) -> YAMLNode? {
        guard let pair = values[key], !pair.value.isNull else {
            if required, values[key] != nil || !suggested.contains(key) {
                let at = values[key]?.value.mark ?? mark
                report.error(at, "missing required key '\(key)' in \(context)\(what.map { " (\($0))" } ?? "")")
            }
            return nil
        }
        return pair.value
    }

    /// Where the value of `key` starts, or the mapping itself when the key is absent.
    package func mark(of key: String) -> SourceMark { values[key]?.value.mark ?? mark }

    package func text(_ key: String, required: Bool = false) -> String? {
        guard let value = node(key, required: required) else { return nil }
        guard case .scalar(let text, _) = value.content else {
            report.error(value.mark, "expected text for '\(key)' in \(context); found \(value.kindDescription)")
            return nil
        }
        return text
    }

    package func integer(_ key: String, required: Bool = false) -> Int? {
        guard let value = node(key, required: required), let text = text(key) else { return nil }
        guard let number = Int(text) else {
            report.error(value.mark, "expected a whole number for '\(key)' in \(context); found '\(text)'")
            return nil
        }
        return number
    }

    /// The nodes of a list; reports a non-list and lists shorter than `minimum`.
    package func list(_ key: String, required: Bool = false, minimum: Int = 0) -> [YAMLNode] {
        guard let value = node(key, required: required) else { return [] }
        guard case .sequence(let items) = value.content else {
            report.error(value.mark, "expected a list for '\(key)' in \(context); found \(value.kindDescription)")
            return []
        }
        if items.count < minimum {
            report.error(value.mark, "'\(key)' in \(context) needs at least \(minimum) \(minimum == 1 ? "entry" : "entries"); found \(items.count)")
        }
        return items
    }

    /// A list of text items.
    package func texts(_ key: String, required: Bool = false, minimum: Int = 0) -> [String] {
        textItems(key, required: required, minimum: minimum).map(\.text)
    }

    /// The text items of the list at `key`, each with where it stands (for checks across
    /// items: a repeat located at the item); an item that is not text is reported and left out.
    package func textItems(_ key: String, required: Bool = false, minimum: Int = 0) -> [(text: String, mark: SourceMark)] {
        list(key, required: required, minimum: minimum).compactMap { item in
            guard case .scalar(let text, _) = item.content, !item.isNull else {
                report.error(item.mark, "expected text items in '\(key)' of \(context); found \(item.kindDescription)")
                return nil
            }
            return (text, item.mark)
        }
    }

    /// A value in one of the small grammars of the format (timing, threshold, cadence…).
    package func parsed<T>(_ key: String, required: Bool = false, _ parse: (String) -> Result<T, TimingParseError>) -> T? {
        guard let value = node(key, required: required), let text = text(key) else { return nil }
        switch parse(text) {
        case .success(let parsed): return parsed
        case .failure(let failure):
            report.error(value.mark, "bad '\(key)' in \(context): \(failure.message)")
            return nil
        }
    }

    package func timing(_ key: String, required: Bool = false) -> Timing? {
        parsed(key, required: required, Timing.parse)
    }

    /// A single exact length in seconds (`rto: 4h`).
    package func length(_ key: String) -> Int? {
        guard let timing = timing(key) else { return nil }
        guard case .exact(let seconds) = timing else {
            report.error(mark(of: key), "bad '\(key)' in \(context): expected a single length such as 4h or 15m; found '\(timing)'")
            return nil
        }
        return seconds
    }

    /// One of a fixed set of words.
    package func choice<T: RawRepresentable & CaseIterable>(_ key: String, required: Bool = false) -> T? where T.RawValue == String {
        guard let value = node(key, required: required), let text = text(key) else { return nil }
        if let choice = T(rawValue: text) { return choice }
        let options = T.allCases.map(\.rawValue)
        let hint = Suggestion.closest(to: text, in: options).map { "; did you mean '\($0)'?" } ?? ""
        report.error(value.mark, "bad '\(key)' in \(context): expected one of \(options.joined(separator: ", ")); found '\(text)'\(hint)")
        return nil
    }

    /// An id: a slug of lower-case letters, digits and `-`.
    package func id(_ key: String = "id", required: Bool = true) -> String? {
        guard let value = node(key, required: required), let text = text(key) else { return nil }
        guard RunbookID.isValid(text) else {
            report.error(value.mark, "bad '\(key)' in \(context): '\(text)' is not an id (lower-case letters, digits and '-', at most 64, e.g. '\(RunbookID.slug(text, fallback: "my-id"))')")
            return nil
        }
        return text
    }
}

/// The rules for ids in the runbook format.
public enum RunbookID {
    /// Whether `text` is a valid id: `[a-z0-9][a-z0-9-]*`, at most 64 characters.
    public static func isValid(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, text.unicodeScalars.count <= 64,
              ("a"..."z").contains(first) || ("0"..."9").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// A valid id made from free text: "Incident Commander" → "incident-commander".
    public static func slug(_ text: String, fallback: String) -> String {
        var slug = ""
        for scalar in text.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, !slug.hasSuffix("-") {
                slug += "-"
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        if slug.count > 64 {
            slug = String(slug.prefix(64))
            while slug.hasSuffix("-") { slug.removeLast() }
        }
        return slug.isEmpty ? fallback : slug
    }
}
