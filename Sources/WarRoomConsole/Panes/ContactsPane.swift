import WarRoomEngine

/// Contacts: role, primary and backup with phones, who was paged and whether they answered;
/// then who may decide what.
enum ContactsPane {
    static func draw(_ canvas: inout PaneCanvas, context: ConsoleContext, model: ConsoleModel) {
        let contacts = PaneItems.contacts(context, model)
        var row = 0
        if contacts.isEmpty {
            canvas.line(row, [(context.runbook.contacts.isEmpty ? "No contacts in this runbook." : "No contact matches the filter (Esc clears it).", .dim)])
            row += 1
        }
        let pages = Dictionary(context.status.pages.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
        let authorityRows = context.runbook.authority.isEmpty ? 0 : min(context.runbook.authority.count + 1, max(0, canvas.inner.height - row - 3))
        let selected = min(model.selected(.contacts), max(0, contacts.count - 1))
        // The selected contact's page, on the pane's last row above "Who decides".
        let pageLine = contacts[safe: selected].flatMap { pages[$0.id] }.map { Self.pageLine($0) }
        let pageRows = pageLine != nil && canvas.inner.height - row - authorityRows >= 3 ? 1 : 0
        let height = max(1, canvas.inner.height - row - authorityRows - pageRows)
        // Role, mark, primary, then the backup on the same row when every contact fits; on
        // two rows (the backup under the primary) when one would lose a phone number.
        let roleWidth = 21, personX = roleWidth + 2
        let rows = contacts.map { contact -> (primary: String, backup: String?) in
            (contact.primary.name + (contact.primary.phone.map { " \($0)" } ?? ""),
             contact.backup.map { "⇄ " + $0.name + ($0.phone.map { " \($0)" } ?? "") })
        }
        let oneRow = rows.allSatisfy { row in
            personX + DisplayWidth.of(TextSanitizer.line(row.primary + (row.backup.map { "  " + $0 } ?? ""))) <= canvas.inner.width
        }
        let rowsPer = oneRow ? 1 : 2
        canvas.list(count: contacts.count, selected: selected, top: row, height: height, rowsPer: rowsPer) { canvas, index, y in
            let contact = contacts[index]
            let (primary, backup) = rows[index]
            // A paged contact is marked before the name, never over a phone number: ☎ while
            // the page waits, ⚠ once it waited past the contact's ack_within, ✓ answered.
            let mark = pages[contact.id].map(Self.mark) ?? ("  ", .normal)
            let role = (ChecklistPane.pad(DisplayWidth.truncate(TextSanitizer.line(contact.role), to: 20), roleWidth), StyleRole.heading)
            if oneRow {
                canvas.line(y, [role, mark, (primary + (backup.map { "  " + $0 } ?? ""), .normal)])
            } else {
                canvas.line(y, [role, mark, (primary, .normal)])
                if let backup { canvas.line(y + 1, [(backup, .normal)], indent: personX) }
            }
            if index == selected { canvas.select(y, rows: rowsPer) }
        }
        if pageRows == 1, let pageLine {
            canvas.line(canvas.inner.height - authorityRows - 1, pageLine)
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

    /// The mark before a paged contact's name.
    static func mark(_ page: PageStatus) -> (String, StyleRole) {
        if page.acknowledgedAt != nil { return ("✓ ", .done) }
        return page.overdue != nil ? ("⚠ ", .overdue) : ("☎ ", .running)
    }

    /// "☎ Ana Lima (primary) paged 6m ago, no answer yet", or "✓ Ana Lima (primary) answered after 2m".
    static func pageLine(_ page: PageStatus) -> [(String, StyleRole)] {
        let (mark, role) = mark(page)
        let who = "\(page.person) (\(page.target.rawValue))"
        if let answered = page.acknowledgedAt {
            return [(mark, role), (who + " answered after \(DurationNotation.text(max(0, answered.seconds(since: page.pagedAt))))", .dim)]
        }
        let waiting = DurationNotation.text(page.waiting ?? 0)
        let state = page.overdue != nil ? "no answer for \(waiting) (ack within \(DurationNotation.text(page.grace)))" : "paged \(waiting) ago, no answer yet"
        return [(mark, role), (who + " ", .normal), (state, page.overdue != nil ? .overdue : .dim)]
    }
}
