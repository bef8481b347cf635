import WarRoomEngine

/// A line (or block) of text being typed: a reason, a note, a command line, a filter, or
/// a status update being edited before it is recorded.
public struct TextEntry: Sendable, Hashable {
    /// What the text is for, and so what finishing it does.
    public enum Purpose: Sendable, Hashable {
        case declare
        case resolve
        case note
        case skipReason(procedure: String, step: Int)
        case failReason(procedure: String, step: Int)
        /// Who approved; `subject` is what the second field starts with.
        case approvalWho(subject: String)
        /// What `approver` approved.
        case approvalFor(approver: String)
        case abandonReason(procedure: String)
        case reopenReason
        /// Why event `sequence` (described by `summary`) is taken back.
        case retractReason(sequence: Int, summary: String)
        /// Why `procedure` starts without its approvals; `then` is what the override allows.
        case overrideReason(procedure: String, then: [Command])
        case commandLine
        case filter(PaneKind)
        case compose(audience: String)
    }

    public var purpose: Purpose
    /// Why the last attempt to finish was refused, shown inside the prompt (which stays open).
    public var error: String?
    public var text: [Character]
    /// Insertion point, 0…text.count.
    public var cursor: Int
    /// Set once finishing was refused because template placeholders are left unfilled
    /// (`{{what_broke}}`): finishing again records the text as it is.
    public var placeholdersWarned = false
    /// The text is a suggestion (the resolve prompt's "Service restored", the approval's
    /// procedure): Enter takes it as it is, but the first character typed or pasted, Backspace
    /// or Delete replaces it whole instead of adding to it; moving the cursor makes it text to edit.
    public var isSuggestion: Bool

    public init(_ purpose: Purpose, text: String = "", suggested: Bool = false) {
        self.purpose = purpose
        self.text = Array(text)
        cursor = self.text.count
        isSuggestion = suggested && !text.isEmpty
    }

    /// Drops a suggestion the operator starts to type over.
    private mutating func replaceSuggestion() {
        guard isSuggestion else { return }
        text = []
        cursor = 0
        isSuggestion = false
    }

    /// Whether Enter adds a line instead of finishing (the composer).
    public var isMultiline: Bool {
        if case .compose = purpose { return true }
        return false
    }

    public var string: String { String(text) }

    /// The template placeholders left in the text (`{{what_broke}}`), as character ranges.
    public var unfilledPlaceholders: [Range<Int>] {
        var found: [Range<Int>] = []
        var index = 0
        while index + 1 < text.count {
            if text[index] == "{", text[index + 1] == "{",
               let close = (index + 2..<max(index + 2, text.count - 1)).first(where: { text[$0] == "}" && text[$0 + 1] == "}" }),
               !text[index + 2..<close].contains("\n") {
                found.append(index..<(close + 2))
                index = close + 2
            } else {
                index += 1
            }
        }
        return found
    }

    /// The title of a one-line entry's box: what finishing does.
    public var title: String {
        if case .retractReason(_, let summary) = purpose { return "Retract: \(summary) · Enter retracts · Esc cancels" }
        return "Enter records · Esc cancels"
    }

    /// The prompt shown before the text.
    public var prompt: String {
        switch purpose {
        case .declare: return "Declare (SEVERITY TITLE): "
        case .resolve: return "Resolve — outcome: "
        case .note: return "Note: "
        case .skipReason(let procedure, let step): return "Skip \(procedure) step \(step) — reason: "
        case .failReason(let procedure, let step): return "Fail \(procedure) step \(step) — reason: "
        case .approvalWho: return "Approval 1/2 — who approved (name, role): "
        case .approvalFor(let approver): return "Approval 2/2 — what \(approver) approved: "
        case .abandonReason(let procedure): return "Abandon \(procedure) — reason: "
        case .reopenReason: return "Reopen the incident — reason: "
        case .retractReason(let sequence, _): return "Retract #\(sequence) — reason: "
        case .overrideReason(let procedure, _): return "Start \(procedure) without approval — reason: "
        case .commandLine: return ":"
        case .filter: return "/"
        case .compose(let audience): return "Update for \(audience) — ^S records it, Esc cancels"
        }
    }

    /// Inserts pasted text at the cursor; a one-line entry gets its line breaks as spaces.
    public mutating func insert(_ pasted: String) {
        replaceSuggestion()
        let characters = Array(isMultiline ? pasted : String(pasted.map { $0.isNewline ? " " : $0 }))
        text.insert(contentsOf: characters, at: cursor)
        cursor += characters.count
    }

    /// Applies an editing key; false when the key is not an editing key. `wrapColumns` is the
    /// width the composer wraps its text to: Up and Down then move by wrapped row, as the
    /// text is seen, not by the lines typed.
    public mutating func edit(_ key: Key, wrapColumns: Int? = nil) -> Bool {
        switch key {
        case .character, .backspace, .delete, .control("u"): replaceSuggestion()
        default: break
        }
        switch key {
        case .character(let character):
            text.insert(character, at: cursor)
            cursor += 1
        case .enter where isMultiline:
            text.insert("\n", at: cursor)
            cursor += 1
        case .backspace:
            guard cursor > 0 else { return true }
            text.remove(at: cursor - 1)
            cursor -= 1
        case .delete:
            if cursor < text.count { text.remove(at: cursor) }
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(text.count, cursor + 1)
        case .home, .control("a"): cursor = lineStart()
        case .end, .control("e"): cursor = lineEnd()
        case .control("u"):
            let start = lineStart()
            text.removeSubrange(start..<cursor)
            cursor = start
        case .up where isMultiline: moveVertically(-1, wrapColumns: wrapColumns)
        case .down where isMultiline: moveVertically(1, wrapColumns: wrapColumns)
        default: return false
        }
        isSuggestion = false
        return true
    }

    private func lineStart() -> Int {
        var index = cursor
        while index > 0, text[index - 1] != "\n" { index -= 1 }
        return index
    }

    private func lineEnd() -> Int {
        var index = cursor
        while index < text.count, text[index] != "\n" { index += 1 }
        return index
    }

    private mutating func moveVertically(_ direction: Int, wrapColumns: Int?) {
        if let wrapColumns {
            // By wrapped row, keeping the display column (or the nearest before it).
            let lines = TextWrap.lines(text, columns: wrapColumns)
            let position = TextWrap.position(of: cursor, in: lines, characters: text)
            let target = position.row + direction
            guard lines.indices.contains(target) else { return }
            cursor = TextWrap.offset(row: target, column: position.column, in: lines, characters: text)
            return
        }
        let column = cursor - lineStart()
        if direction < 0 {
            let start = lineStart()
            guard start > 0 else { return }
            cursor = start - 1
            let previousStart = lineStart()
            cursor = min(previousStart + column, start - 1)
        } else {
            let end = lineEnd()
            guard end < text.count else { return }
            cursor = end + 1
            cursor = min(cursor + column, lineEnd())
        }
    }
}
