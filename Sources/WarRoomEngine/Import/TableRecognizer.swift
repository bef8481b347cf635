import Foundation

/// Sends each table to the recogniser its columns call for.
enum TableRecognizer {
    static func dispatch(_ table: RoledTable, section index: Int, state: inout ImportState) -> Bool {
        let tree = state.tree
        if table.has(.audience) { return CommsRecognizer.fromTable(table, section: index, state: &state) }
        if table.has(.test), table.has(.frequency) || table.has(.timing) { return RecordRecognizer.tests(table, state: &state) }
        if table.has(.version), table.has(.commit) || table.has(.date), !table.has(.author) { return RecordRecognizer.knownGood(table, state: &state) }
        if table.has(.role), table.has(.primary) || table.has(.phone) || table.has(.contact) {
            return ContactRecognizer.fromTable(table, state: &state)
        }
        if table.has(.role), table.has(.name), table.has(.date) { return RecordRecognizer.approvals(table, state: &state) }
        if table.has(.action), table.has(.owner) || table.has(.duration) || table.has(.step) || table.has(.timeline) {
            if ContingencyRecognizer.isPlanTitle(tree.sections[index].title) { return false }
            ProcedureRecognizer.tableProcedure(index, table: table.table, state: &state)
            return true
        }
        let triggerish = TriggerRecognizer.isTriggerSection(index, tree: tree)
        if table.has(.condition), table.has(.decisionMaker), table.has(.decisionTime), !triggerish {
            return RecordRecognizer.authority(table, state: &state)
        }
        if triggerish, table.has(.condition) || table.has(.criteria) {
            return TriggerRecognizer.fromTable(table, section: index, state: &state)
        }
        return false
    }
}
