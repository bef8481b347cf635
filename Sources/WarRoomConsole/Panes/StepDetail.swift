import Foundation
import WarRoomEngine

/// The selected step whole, for the checklist: its state and timing, the action wrapped,
/// owner and estimate, why it was skipped or failed, every sub-item, every command and the
/// notes — wrapped by display width (`TextWrap`) and scrolled from line `scroll` (J/K) when
/// longer than its room, with how much is above and below.
enum StepDetail {
    /// The detail's lines under its heading (the heading's state can change with the clock), kept
    /// from one frame to the next while what they were wrapped from holds, so an idle tick
    /// does not wrap the whole step and the steps up next again. Steps are named by plan and
    /// number: whoever keeps a memo starts a new one when the runbook changes.
    struct Memo: Sendable {
        struct Key: Equatable, Sendable {
            var plan: String, step: Int, state: StepProgress.State, progress: StepProgress?, width: Int, height: Int, following: [Int]
        }
        var key: Key?
        /// Wrapped and cut to the width.
        var body: [(String, StyleRole)] = []
    }

    /// The heading: the step, its state and timing. A running step says since when, not for
    /// how long: its row just above ticks the elapsed time and the overrun, so the heading
    /// stays still instead of repeating them every second.
    static func heading(step: Step, status: StepStatus?) -> (String, StyleRole) {
        let state = status?.state ?? .pending
        var heading = "Step \(step.number) · " + state.rawValue
        if state == .running, let started = status?.startedAt {
            heading += " since \(started.timeOfDay.prefix(8))"
        } else if let elapsed = status?.elapsed {
            heading += " \(DurationNotation.text(elapsed))"
        }
        if status?.overrun != nil { heading += state == .running ? " · over its estimate" : " · over its estimate by \(DurationNotation.text(status?.overrun ?? 0))" }
        return (heading, status?.overrun != nil ? .overrun : .heading)
    }

    static func lines(step: Step, status: StepStatus?, progress: StepProgress?, width: Int) -> [(String, StyleRole)] {
        [heading(step: step, status: status)] + body(step: step, state: status?.state ?? .pending, progress: progress, width: width)
    }

    /// Everything under the heading: the action, owner and estimate, the reason, sub-items,
    /// commands and notes.
    static func body(step: Step, state: StepProgress.State, progress: StepProgress?, width: Int) -> [(String, StyleRole)] {
        var lines: [(String, StyleRole)] = []
        func add(_ text: String, _ role: StyleRole, indent: String = "", hanging: String? = nil) {
            let hang = hanging ?? indent
            let wrapped = DisplayWidth.wrap(TextSanitizer.block(text), to: max(1, width - DisplayWidth.of(hang)))
            for (index, line) in wrapped.enumerated() { lines.append(((index == 0 ? indent : hang) + line, role)) }
        }
        add(step.action, .title)
        var facts: [String] = []
        if let owner = step.owner { facts.append("owner: \(owner)") }
        if let duration = step.duration { facts.append("estimate: \(duration)") }
        if !facts.isEmpty { add(facts.joined(separator: " · "), .dim) }
        if let reason = progress?.reason { add("\(state == .failed ? "failed" : "skipped"): \(reason)", state == .failed ? .failed : .skipped) }
        let items = step.checklist.flatMap(\.flattened)
        if !items.isEmpty {
            lines.append(("Checklist (\(progress?.ticked.count ?? 0)/\(items.count), i ticks the next)", .heading))
            for (index, item) in items.enumerated() {
                let ticked = progress?.ticked.contains(index + 1) == true
                add(item.text, ticked ? .dim : .normal, indent: ticked ? " ☑ " : " ☐ ", hanging: "   ")
            }
        }
        if let commands = step.commands, !commands.isEmpty {
            lines.append(("Commands", .heading))
            for command in commands.split(separator: "\n", omittingEmptySubsequences: false) {
                if command.trimmingCharacters(in: .whitespaces).isEmpty { lines.append(("", .command)); continue }
                add(String(command), .command, indent: " $ ", hanging: "   ")
            }
        }
        if let notes = step.notes, !notes.isEmpty {
            lines.append(("Notes", .heading))
            add(notes, .note, indent: " ")
        }
        return lines
    }

    /// The steps after the selected one, while room is left under its detail: what comes
    /// next, so a tall pane is not empty.
    static func upNext(_ steps: ArraySlice<Step>, width: Int, room: Int) -> [(String, StyleRole)] {
        guard room >= 3, !steps.isEmpty else { return [] }
        var lines: [(String, StyleRole)] = [("", .normal), ("Up next", .heading)]
        for step in steps {
            var facts = [step.owner, step.duration?.description].compactMap { $0 }.joined(separator: " · ")
            if !facts.isEmpty { facts = "  (\(facts))" }
            let wrapped = DisplayWidth.wrap(TextSanitizer.line("\(step.number). \(step.action)\(facts)"), to: max(1, width - 1))
            guard lines.count + wrapped.count <= room else { break }
            lines += wrapped.enumerated().map { (($0.offset == 0 ? " " : "    ") + $0.element, StyleRole.dim) }
        }
        return lines.count > 2 ? lines : []
    }

    static func draw(_ canvas: inout PaneCanvas, in rect: Rect, plan: String, step: Step, status: StepStatus?, progress: StepProgress?,
                     scroll: Int, following: ArraySlice<Step> = [], memo: inout Memo) {
        guard rect.height > 0, rect.width > 4 else { return }
        let state = status?.state ?? .pending
        let key = Memo.Key(plan: plan, step: step.number, state: state, progress: progress, width: rect.width, height: rect.height,
                           following: following.map(\.number))
        if memo.key != key {
            let body = body(step: step, state: state, progress: progress, width: rect.width)
            memo = Memo(key: key, body: (body + upNext(following, width: rect.width, room: rect.height - 1 - body.count)).map { line in
                (DisplayWidth.truncate(line.0, to: rect.width), line.1)
            })
        }
        let head = heading(step: step, status: status)
        let count = 1 + memo.body.count
        let fits = count <= rect.height
        let rows = fits ? rect.height : rect.height - 1
        let offset = min(max(0, scroll), max(0, count - rows))
        for row in 0..<min(rows, count - offset) {
            let index = offset + row
            let line = index == 0 ? (DisplayWidth.truncate(head.0, to: rect.width), head.1) : memo.body[index - 1]
            canvas.line(rect.y + row, [line], indent: rect.x)
        }
        guard !fits else { return }
        let below = count - offset - rows
        var hint = "lines \(offset + 1)–\(offset + rows) of \(count) · J/K scroll"
        if offset > 0 { hint = "▲ \(offset) · " + hint }
        if below > 0 { hint = "▼ \(below) more · " + hint }
        canvas.line(rect.y + rows, [(DisplayWidth.truncate(hint, to: rect.width), .hintText)], indent: rect.x)
    }
}
