import WarRoomEngine

/// Contacts: role, primary and backup with phones, who was paged; then who may decide what.
enum ContactsPane {
    static func draw(_ canvas: inout PaneCanvas, context: ConsoleContext, model: ConsoleModel) {
        let contacts = PaneItems.contacts(context, model)
        var row = 0
        if let filter = model.filters[.contacts], !filter.isEmpty {
            canvas.line(row, [("filter: \(filter)", .hintText)])
            row += 1
        }
        if contacts.isEmpty {
            canvas.line(row, [(context.runbook.contacts.isEmpty ? "No contacts in this runbook." : "No contact matches the filter.", .dim)])
            row += 1
        }
        let paged = Set(context.state.pages.map(\.contact))
        let authorityRows = context.runbook.authority.isEmpty ? 0 : min(context.runbook.authority.count + 1, max(0, canvas.inner.height - row - 3))
        let height = max(1, canvas.inner.height - row - authorityRows)
        let selected = min(model.selected(.contacts), max(0, contacts.count - 1))
        let offset = PaneCanvas.scrollOffset(selected: selected, count: contacts.count, height: height)
        for (index, contact) in contacts.enumerated().dropFirst(offset).prefix(height) {
            let y = row + index - offset
            var person = contact.primary.name + (contact.primary.phone.map { " \($0)" } ?? "")
            if let backup = contact.backup { person += "  ⇄ " + backup.name + (backup.phone.map { " \($0)" } ?? "") }
            // A paged contact is marked before the name, never over a phone number.
            let mark: (String, StyleRole) = paged.contains(contact.id) ? ("☎ ", .running) : ("  ", .normal)
            canvas.line(y, [(ChecklistPane.pad(DisplayWidth.truncate(TextSanitizer.line(contact.role), to: 20), 21), .heading), mark, (person, .normal)])
            if index == selected { canvas.select(y) }
        }
        guard authorityRows > 1 else { return }
        var y = canvas.inner.height - authorityRows
        canvas.line(y, [("Who decides", .heading)])
        for rule in context.runbook.authority.prefix(authorityRows - 1) {
            y += 1
            let time = rule.approvalTime.map { " (\($0))" } ?? ""
            canvas.line(y, [(rule.scenario + ": ", .dim), (rule.decisionMaker + time, .normal)])
        }
    }
}
