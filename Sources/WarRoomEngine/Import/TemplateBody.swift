import Foundation

/// Template bodies the runbook format accepts: every `{{…}}` must name a placeholder of
/// lower-case letters, digits and `_`.
enum TemplateBody {
    /// The body with placeholders written as names (`{{ Customer Name }}` → `{{customer_name}}`),
    /// whether anything changed, or nil when a `{{` is never closed or names nothing.
    static func normalized(_ body: String) -> (body: String, changed: Bool)? {
        guard body.has("{{") else { return (body, false) }
        var output = ""
        var rest = Substring(body)
        var changed = false
        while let open = rest.textRange(of: "{{") {
            output += rest[..<open.lowerBound]
            rest = rest[open.upperBound...]
            guard let close = rest.textRange(of: "}}") else { return nil }
            let raw = String(rest[..<close.lowerBound])
            let name = placeholderName(raw)
            guard TemplatePlaceholders.isValidName(name) else { return nil }
            if name != raw { changed = true }
            output += "{{" + name + "}}"
            rest = rest[close.upperBound...]
        }
        output += rest
        return (output, changed)
    }

    /// "Customer Name" → "customer_name".
    static func placeholderName(_ raw: String) -> String {
        var name = ""
        for scalar in raw.lowercased().unicodeScalars {
            if CharacterClass.isASCIILetter(scalar) || CharacterClass.isASCIIDigit(scalar) {
                name.unicodeScalars.append(scalar)
            } else if !name.isEmpty, !name.hasSuffix("_") {
                name += "_"
            }
        }
        while name.hasSuffix("_") { name.removeLast() }
        return name
    }
}
