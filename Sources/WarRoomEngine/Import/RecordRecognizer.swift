import Foundation

/// Tables of records: the rollback test schedule, last-known-good versions, sign-offs and
/// the authority matrix.
enum RecordRecognizer {
    static func tests(_ table: RoledTable, state: inout ImportState) -> Bool {
        for row in table.table.rows {
            guard let test = table.cell(row, .test) else { continue }
            state.runbook.tests.append(TestRecord(test: test, frequency: table.cell(row, .frequency) ?? table.cell(row, .timing),
                                                  last: table.cell(row, .last), next: table.cell(row, .next), result: table.cell(row, .result)))
        }
        state.use(lines: table.table.lines)
        return true
    }

    static func knownGood(_ table: RoledTable, state: inout ImportState) -> Bool {
        for row in table.table.rows {
            guard let version = table.cell(row, .version) else { continue }
            state.runbook.lastKnownGood.append(KnownGoodVersion(version: version, commit: table.cell(row, .commit), date: table.cell(row, .date),
                                                                status: table.cell(row, .result), notes: table.cell(row, .notes)))
        }
        state.use(lines: table.table.lines)
        return true
    }

    static func approvals(_ table: RoledTable, state: inout ImportState) -> Bool {
        var document = state.runbook.document ?? DocumentInfo()
        for row in table.table.rows {
            guard let role = table.cell(row, .role) else { continue }
            document.approvals.append(SignOff(role: role, name: table.cell(row, .name), date: table.cell(row, .date)))
        }
        state.runbook.document = document
        state.use(lines: table.table.lines)
        return true
    }

    static func authority(_ table: RoledTable, state: inout ImportState) -> Bool {
        for row in table.table.rows {
            guard let scenario = table.cell(row, .condition), let maker = table.cell(row, .decisionMaker) else { continue }
            state.runbook.authority.append(AuthorityRule(scenario: scenario, decisionMaker: maker,
                                                         approvalTime: table.cell(row, .decisionTime).flatMap(ImportTiming.parse)))
        }
        state.use(lines: table.table.lines)
        return true
    }
}
