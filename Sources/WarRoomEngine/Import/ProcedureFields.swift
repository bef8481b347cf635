import Foundation

/// Procedure-level fields written as `Label: value` in the text around the steps:
/// "Estimated Duration: 45-90 minutes Data Impact: … When: …", "**Use Case:** …",
/// "**Risk Level:** Low", "**Time to Execute:** 2-5 minutes".
enum ProcedureFields {
    enum Field { case estimate, when, dataImpact, risk, approvals, owner }

    static let labels: [(String, Field)] = [
        ("estimated duration", .estimate), ("time to execute", .estimate), ("time to complete", .estimate),
        ("duration", .estimate), ("estimated time", .estimate), ("estimate", .estimate),
        ("when to use", .when), ("use case", .when), ("only if", .when), ("when", .when),
        ("data impact", .dataImpact), ("data loss", .dataImpact),
        ("risk level", .risk), ("risk", .risk),
        ("approvals required", .approvals), ("approval required", .approvals), ("requires approval", .approvals),
    ]

    private static let labelsWithColon = labels.map { ($0.0 + ":", $0.1) }

    /// Splits one line into the labelled fields it holds, in order; empty if it holds none.
    static func split(_ raw: String) -> [(Field, String)] {
        guard raw.utf8.contains(UInt8(ascii: ":")) else { return [] }
        let text = MarkdownText.plain(raw)
        // Lower-casing ASCII letters keeps byte offsets the same as in `text`.
        let bytes = Array(text.utf8)
        let lower = String(decoding: bytes.map { (0x41...0x5A).contains($0) ? $0 + 32 : $0 }, as: UTF8.self)
        var hits: [(range: Range<Int>, field: Field)] = []
        for (label, field) in labelsWithColon {
            var from = 0
            while let found = lower.utf8Offset(of: label, from: from) {
                let range = found..<(found + label.utf8.count)
                let atWordStart = found == 0 || bytes[found - 1] == UInt8(ascii: " ")
                let overlaps = hits.contains { $0.range.overlaps(range) }
                if atWordStart, !overlaps { hits.append((range, field)) }
                from = range.upperBound
            }
        }
        guard let firstHit = hits.map(\.range.lowerBound).min(), firstHit == 0 else { return [] }
        hits.sort { $0.range.lowerBound < $1.range.lowerBound }
        var fields: [(Field, String)] = []
        for (index, hit) in hits.enumerated() {
            let end = index + 1 < hits.count ? hits[index + 1].range.lowerBound : bytes.count
            let value = String(decoding: bytes[hit.range.upperBound..<end], as: UTF8.self).trimmingSpaces
            if !value.isEmpty { fields.append((hit.field, value)) }
        }
        return fields
    }

    /// Applies the fields of one text line to a procedure; true if the line held any.
    static func apply(_ text: String, line: Int, to procedure: inout Procedure, state: inout ImportState) -> Bool {
        let fields = split(text)
        guard !fields.isEmpty else { return false }
        for (field, value) in fields {
            switch field {
            case .estimate:
                if let timing = ImportTiming.parse(value) { procedure.estimate = timing } else { procedure.notes = join(procedure.notes, "Duration: \(value)") }
            case .when: procedure.when = value
            case .dataImpact: procedure.dataImpact = value
            case .risk: procedure.risk = value
            case .approvals: procedure.approvals.append(contentsOf: value.split(separator: ",").map { $0.trimmingSpaces })
            case .owner: break
            }
        }
        state.use(lines: [line])
        return true
    }

    static func join(_ existing: String?, _ more: String) -> String {
        guard let existing, !existing.isEmpty else { return more }
        return existing + "\n" + more
    }
}
