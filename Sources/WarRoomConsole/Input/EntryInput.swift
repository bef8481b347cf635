import Foundation
import WarRoomEngine

/// Keys while a text entry or a confirmation is open: they own the keyboard until the text
/// is submitted or cancelled (a refused answer keeps the prompt open with the reason in it),
/// so nothing typed can ever fall through to the hotkeys.
extension ConsoleInput {
    static func handleConfirmation(_ key: Key, model: inout ConsoleModel, context: ConsoleContext) -> [ConsoleEffect] {
        guard let confirmation = model.confirmation else { return [] }
        switch key {
        case .character(let character) where character == confirmation.confirmKey:
            model.confirmation = nil
            switch confirmation.next {
            case .submit(let commands):
                if case .completeStep = confirmation.origin { advanceSelection(&model, context) }
                return [.submit(commands)]
            case .entry(let entry):
                open(entry, from: confirmation.origin, &model)
                return []
            }
        case .escape, .enter, .character("n"), .character("N"), .character("q"):
            model.confirmation = nil
            model.message = .init(.info, "cancelled: nothing was recorded")
            return []
        default:
            return []
        }
    }

    /// Closes an open confirmation whose commands the engine would now refuse, because
    /// another operator's event made them stale (the step is done already, the plan was
    /// abandoned), and says why; true when it closed one. The runner asks after reading
    /// events from the journal, so nobody confirms what can no longer happen.
    @discardableResult
    public static func withdrawStaleConfirmation(model: inout ConsoleModel, context: ConsoleContext) -> Bool {
        guard let confirmation = model.confirmation, case .submit(let commands) = confirmation.next,
              let reason = context.refusal(for: commands) else { return false }
        model.confirmation = nil
        model.message = .init(.error, "\(confirmation.title): no longer possible — \(reason)")
        return true
    }

    /// `screenWidth` (when known) is what the composer wraps to, so Up and Down move by wrapped row.
    static func handleEntry(_ key: Key, model: inout ConsoleModel, context: ConsoleContext, screenWidth: Int? = nil) -> [ConsoleEffect] {
        guard var entry = model.entry else { return [] }
        switch key {
        case .escape:
            switch entry.purpose {
            case .filter(let pane): model.filters[pane] = nil
            case .compose(let audience):
                model.drafts[audience] = entry.string
                model.message = .init(.info, "draft kept: u reopens it")
            default: break
            }
            model.entry = nil
            model.entryOrigin = nil
            return []
        case .enter where !entry.isMultiline, .control("s"), .function(2):
            // An update with template placeholders left ({{what_broke}}) asks once; ^S again sends it.
            if case .compose = entry.purpose, !entry.placeholdersWarned, !entry.unfilledPlaceholders.isEmpty {
                let unfilled = entry.unfilledPlaceholders.count
                entry.placeholdersWarned = true
                entry.error = "\(unfilled) placeholder\(unfilled == 1 ? " is" : "s are") still unfilled ({{…}}): ^S again sends it as it is"
                model.entry = entry
                return []
            }
            switch finish(entry, model: &model, context: context) {
            case .close(let effects):
                if model.entry == entry {
                    model.entry = nil
                    model.entryOrigin = nil
                }
                return effects
            case .keepOpen(let reason):
                entry.error = reason
                model.entry = entry
                return []
            }
        case .paste(let text):
            entry.insert(PastedText.clean(text))
            entry.error = nil
            model.entry = entry
            afterEdit(entry, &model)
            return []
        default:
            guard entry.edit(key, wrapColumns: screenWidth.map { EntryOverlay.editorColumns(screenWidth: $0) }) else { return [] }
            entry.error = nil
            model.entry = entry
            afterEdit(entry, &model)
            return []
        }
    }

    private static func afterEdit(_ entry: TextEntry, _ model: inout ConsoleModel) {
        if case .filter(let pane) = entry.purpose {
            model.filters[pane] = entry.string
            model.selection[pane] = 0
        }
    }

    /// What finishing an entry does: close it with effects, or keep it open saying why.
    enum Finish {
        case close([ConsoleEffect])
        case keepOpen(String)
    }

    /// Closes with `commands` when the engine would accept them, else keeps the prompt open.
    private static func submit(_ commands: [Command], _ context: ConsoleContext) -> Finish {
        if let reason = context.refusal(for: commands) { return .keepOpen(reason) }
        return .close([.submit(commands)])
    }

    private static func finish(_ entry: TextEntry, model: inout ConsoleModel, context: ConsoleContext) -> Finish {
        let text = entry.string.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty, entry.purpose != .commandLine, !isFilter(entry.purpose) {
            return .keepOpen("an answer is required (Esc cancels); nothing was recorded")
        }
        switch entry.purpose {
        case .declare:
            let parts = declaration(text, severities: context.runbook.allowedSeverities)
            guard parts.count == 2 else {
                return .keepOpen("a severity and a title: \(context.runbook.allowedSeverities.first ?? "SEV1") Checkout errors")
            }
            return submit([.declare(title: parts[1], severity: parts[0])], context)
        case .resolve: return submit([.resolve(outcome: text)], context)
        case .note: return submit([.note(text)], context)
        case .skipReason(let procedure, let step):
            let commands = [Command.skipStep(procedure: procedure, step: step, reason: text)]
            let after = context.runbook.plan(procedure).map { nextStep(after: step, $0, model, context) } ?? []
            let result = submit(commands + after, context)
            if case .close = result { advanceSelection(&model, context) }
            return result
        case .failReason(let procedure, let step):
            // A step can fail before it really started: start it first so the journal says so.
            var commands: [Command] = []
            if (context.state.plans[procedure]?.step(step).state ?? .pending) == .pending {
                commands.append(.startStep(procedure: procedure, step: step))
            }
            return submit(commands + [.failStep(procedure: procedure, step: step, reason: text)], context)
        case .approvalWho(let subject):
            // The second field: what was approved, starting with the shown procedure.
            open(TextEntry(.approvalFor(approver: text), text: subject, suggested: true), from: .recordApproval, &model)
            return .close([])
        case .approvalFor(let approver): return submit([.approve(approver: approver, subject: text)], context)
        case .abandonReason(let procedure): return submit([.abandonProcedure(procedure, reason: text)], context)
        case .reopenReason: return submit([.reopenIncident(reason: text)], context)
        case .retractReason(let sequence, _): return submit([.retract(sequence: sequence, reason: text)], context)
        case .overrideReason(let procedure, let then):
            return submit([.overrideApprovals(procedure: procedure, reason: text)] + then, context)
        case .commandLine:
            guard !text.isEmpty else { return .close([]) }
            do throws(HeadlessParser.Failure) {
                switch try HeadlessParser.parse(text) {
                case .command(let command, _)?: return submit([command], context)
                case nil: return .close([])
                default: return .keepOpen("'\(text)' only works in `warroom headless`")
                }
            } catch {
                return .keepOpen(error.message)
            }
        case .filter: return .close([])
        case .compose(let audience):
            let channel = context.runbook.communications.first { $0.id == audience }?.channel
            let result = submit([.communicate(audience: audience, channel: channel, text: entry.string)], context)
            if case .close = result { model.drafts[audience] = nil }
            return result
        }
    }

    /// Severity and title from the declare prompt: the longest of the runbook's severities the
    /// text starts with (so a severity with a space, "SEV 1", can be declared), else the first word.
    private static func declaration(_ text: String, severities: [String]) -> [String] {
        for severity in severities.sorted(by: { $0.count > $1.count }) where severity.contains(" ") {
            let prefix = severity + " "
            if text.prefix(prefix.count).lowercased() == prefix.lowercased() {
                return [String(text.prefix(severity.count)), String(text.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)]
                    .filter { !$0.isEmpty }
            }
        }
        return text.split(separator: " ", maxSplits: 1).map(String.init)
    }

    private static func isFilter(_ purpose: TextEntry.Purpose) -> Bool {
        if case .filter = purpose { return true }
        return false
    }
}
