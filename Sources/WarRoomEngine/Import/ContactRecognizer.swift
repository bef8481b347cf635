import Foundation

/// Finds contacts: role / primary / phone / backup / phone tables, role / name / contact /
/// authority tables, and `**Hotline:** +1 …` lines in a contacts section.
enum ContactRecognizer {
    static func fromTable(_ table: RoledTable, state: inout ImportState) -> Bool {
        var made = 0
        for (offset, row) in table.table.rows.enumerated() {
            guard let role = table.cell(row, .role), let primaryName = table.cell(row, .primary) ?? table.cell(row, .name) else { continue }
            let primaryIndex = table.columns[.primary] ?? table.columns[.name] ?? 0
            var primaryPhone: String?
            var backupPhone: String?
            let backupIndex = table.columns[.backup]
            for column in table.phones {
                guard let value = RoledTable.value(row, column) else { continue }
                if let backupIndex, column > backupIndex { backupPhone = backupPhone ?? value }
                else if column > primaryIndex { primaryPhone = primaryPhone ?? value }
            }
            var primary = Person(name: primaryName, phone: primaryPhone)
            if let contact = table.cell(row, .contact) {
                if primary.phone == nil, contact.contains(where: \.isNumber) || contact.lowercased().has("phone") { primary.phone = contact }
                else { primary.handles.append(contact) }
            }
            let backup = table.cell(row, .backup).map { Person(name: $0, phone: backupPhone) }
            let contact = Contact(id: state.ids.make(role, kind: "contact", fallback: "contact"), role: role, primary: primary,
                                  backup: backup, authority: table.cell(row, .authority), source: table.table.rowLines[offset])
            state.runbook.contacts.append(contact)
            made += 1
        }
        if made > 0 { state.use(lines: table.table.lines) }
        return made > 0
    }

    /// `**Escalation Hotline:** +1-800-… (24/7)` in a contacts section.
    static func fromLines(_ index: Int, state: inout ImportState) {
        for block in state.tree.sections[index].blocks {
            guard case .text(let text) = block, let pair = MarkdownText.keyValue(text.text) else { continue }
            let digits = pair.value.filter(\.isNumber).count
            guard digits >= 3 || pair.value.has("xxx"), pair.value.contains(where: { "+(-".contains($0) }) else { continue }
            let contact = Contact(id: state.ids.make(pair.key, kind: "contact", fallback: "contact"), role: pair.key,
                                  primary: Person(name: pair.key, phone: pair.value), source: text.line)
            state.runbook.contacts.append(contact)
            state.use(block)
        }
    }
}
