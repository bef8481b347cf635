import WarRoomEngine

/// The checklist of one plan: each step's glyph, number, action, owner, estimate, live
/// elapsed time and overrun; progress by count and by estimated time; ETA best and worst;
/// and the selected step whole (`StepDetail`) — under the list, or beside it when the pane
/// is wide — scrolling when it is longer than its room.
enum ChecklistPane {
    /// What the pane keeps from one frame to the next: the selected step's wrapped detail, and
    /// whether the engine would complete the shown plan (asked again only when the journal moved).
    struct Memo: Sendable {
        var detail = StepDetail.Memo()
        var completable: (plan: String, sequence: Int, events: Int, answer: Bool)?
        /// The shown steps' texts, cut to the columns they were last cut to.
        var rows: StepRows?

        /// The texts of each step's row that only the runbook decides (its action, owner,
        /// estimate and sub-item count), for one plan's shown steps, cut to one set of columns.
        struct StepRows: Sendable {
            var plan: String, numbers: [Int]
            var estimates: [String], items: [Int], longestOwner: Int
            var columns: (action: Int, owner: Int) = (0, 0)
            var cut: [(action: String, owner: String)] = []
        }

        /// The rows' texts for `steps` of `plan`, cut to `action` and `owner` columns.
        mutating func rows(plan: String, steps: [Step]) -> StepRows {
            let numbers = steps.map(\.number)
            if let rows, rows.plan == plan, rows.numbers == numbers { return rows }
            let kept = StepRows(plan: plan, numbers: numbers, estimates: steps.map { Glyphs.estimate($0.duration) },
                                items: steps.map { $0.checklist.flatMap(\.flattened).count },
                                longestOwner: steps.map { DisplayWidth.of(TextSanitizer.line($0.owner ?? "")) }.max() ?? 0)
            rows = kept
            return kept
        }

        /// The actions and owners of the rows kept by `rows(plan:steps:)`, cut to these columns.
        mutating func cut(_ steps: [Step], action: Int, owner: Int) -> [(action: String, owner: String)] {
            guard var kept = rows else { return [] }
            if kept.columns == (action, owner), kept.cut.count == steps.count { return kept.cut }
            kept.columns = (action, owner)
            kept.cut = steps.map { step in
                (DisplayWidth.truncate(TextSanitizer.line(step.action), to: action),
                 owner > 0 ? DisplayWidth.truncate(TextSanitizer.line(step.owner ?? ""), to: owner - 1) : "")
            }
            rows = kept
            return kept.cut
        }

        /// Whether `complete` of `plan` would be accepted now; the engine's answer depends on
        /// the incident's state, not on the clock, so it is kept until an event arrives.
        mutating func canComplete(_ plan: String, context: ConsoleContext) -> Bool {
            let sequence = context.state.lastSequence, events = context.events.count
            if let kept = completable, kept.plan == plan, kept.sequence == sequence, kept.events == events { return kept.answer }
            let answer = context.refusal(for: [.completeProcedure(plan)]) == nil
            completable = (plan, sequence, events, answer)
            return answer
        }
    }

    static func draw(_ canvas: inout PaneCanvas, context: ConsoleContext, model: ConsoleModel, memo: inout Memo) {
        guard let plan = model.shownPlan(in: context) else {
            canvas.line(0, [("This runbook has no procedures.", .dim)])
            return
        }
        let status = context.status.plan(plan.id)
        // Title and state.
        var title: [(String, StyleRole)] = [(plan.title, .title)]
        let finished = status?.state == .running && memo.canComplete(plan.id, context: context)
        switch status?.state {
        case .running?: title.append(("  running \(DurationNotation.text(status?.elapsed ?? 0))", .running))
        case .completed?: title.append(("  completed in \(DurationNotation.text(status?.elapsed ?? 0))", .done))
        case .abandoned?: title.append(("  abandoned", .failed))
        case nil: title.append((context.isReplaying ? "  not started" : "  not started — Enter starts it", .dim))
        }
        canvas.line(0, title)
        canvas.line(1, progress(plan: plan, status: status, context: context))
        // The offer to complete, in one key, once every step is finished.
        let offer: [(String, StyleRole)] = finished ? [("all steps finished: C completes the procedure  ", .due)] : []
        if plan.approvals.isEmpty {
            canvas.line(2, offer)
        } else {
            let missing = context.state.missingApprovals(for: plan)
            let recorded = context.state.approvals(for: plan).map { TextSanitizer.line($0.approver) }
            canvas.line(2, offer + [("needs approval: ", .due)] + plan.approvals.map { role in
                missing.contains(role) ? ("✗ \(role)  ", .overdue) : ("✓ \(role)  ", .done)
            } + (recorded.isEmpty ? [] : [("by " + recorded.joined(separator: ", ") + "  ", .dim)]))
        }
        let steps = PaneItems.steps(context, model)
        let listTop = 3
        let available = canvas.inner.height - listTop
        if steps.isEmpty {
            canvas.line(listTop, [("No step matches the filter (Esc clears it).", .dim)])
            return
        }
        let selected = min(model.selected(.checklist), steps.count - 1)
        let stepStatuses: [StepStatus?] = steps.map { step in status?.steps.first { $0.number == step.number } }
        // Wide: the detail beside the list. Otherwise under it, when there is room for both.
        let side = canvas.inner.width >= 110
        let listWidth = side ? max(60, canvas.inner.width * 11 / 20) : canvas.inner.width
        let listHeight: Int
        if side || available < 9 {
            listHeight = available
        } else {
            listHeight = max(3, min(steps.count, available - max(6, available / 2)))
        }
        let detail: Rect?
        if side {
            let x = listWidth + 1
            for row in listTop..<canvas.inner.height { canvas.line(row, [("┊", .border)], indent: listWidth) }
            detail = Rect(x: x + 1, y: listTop, width: canvas.inner.width - x - 1, height: available)
        } else if available - listHeight >= 3 {
            canvas.line(listTop + listHeight, [(String(repeating: "┄", count: canvas.inner.width), .border)])
            detail = Rect(x: 0, y: listTop + listHeight + 1, width: canvas.inner.width, height: available - listHeight - 1)
        } else {
            detail = nil
        }
        drawSteps(&canvas, steps: steps, statuses: stepStatuses, selected: selected, top: listTop, height: listHeight, width: listWidth,
                  plan: plan.id, memo: &memo)
        guard let detail, let step = steps[safe: selected] else { return }
        StepDetail.draw(&canvas, in: detail, plan: plan.id, step: step, status: stepStatuses[selected],
                        progress: context.state.plans[plan.id]?.step(step.number), scroll: model.detailScroll,
                        following: steps.dropFirst(selected + 1).filter { stepStatus in
                            let state = status?.steps.first { $0.number == stepStatus.number }?.state ?? .pending
                            return state == .pending || state == .running
                        }.prefix(8), memo: &memo.detail)
    }

    private static func progress(plan: RunnablePlan, status: PlanStatus?, context: ConsoleContext) -> [(String, StyleRole)] {
        var progress: [(String, StyleRole)] = [(plan.id + " · ", .dim)]
        if let status {
            progress.append(("\(status.done)/\(status.total) steps", .normal))
            if let fraction = status.estimatedProgress { progress.append((" · \(Int((fraction * 100).rounded()))% by estimate", .normal)) }
            if let overrun = status.overrun, let estimate = plan.estimate {
                // Timed only as a whole, and past it: an ETA of 0 would say nothing.
                progress.append((" · +\(DurationNotation.text(overrun)) OVER its \(estimate)", .overrun))
            } else if let eta = status.eta {
                progress.append((" · ETA \(Glyphs.eta(eta))", .normal))
                if status.unestimatedLeft > 0 { progress.append((" +\(status.unestimatedLeft) unestimated", .dim)) }
            }
        } else {
            let estimate = plan.steps.reduce((0, 0)) { total, step in
                guard let e = step.duration?.estimate else { return total }
                return (total.0 + e.best, total.1 + e.worst)
            }
            progress.append(("\(plan.steps.count) steps", .normal))
            if estimate.1 > 0 {
                let text = DurationNotation.range(estimate.0, estimate.1)
                progress.append((" · estimate \(text)", .normal))
            }
        }
        let others = context.runbook.planCount - 1
        if others > 0 { progress.append(("   [ ] " + CountNotation.count(others, "other plan"), .hintText)) }
        return progress
    }

    private static func drawSteps(_ canvas: inout PaneCanvas, steps: [Step], statuses: [StepStatus?], selected: Int, top: Int, height: Int, width: Int,
                                  plan: String, memo: inout Memo) {
        let texts = memo.rows(plan: plan, steps: steps)
        let ownerWidth = width >= 70 && texts.longestOwner > 0 ? min(texts.longestOwner + 1, max(12, width / 4)) : 0
        // The timing column on the right: estimate · elapsed and a flag (overrun, deadline).
        // Measured over every step first so the action and owner columns line up.
        let timings = statuses.indices.map { index -> (text: String, role: StyleRole, flag: (String, StyleRole)?) in
            let stepStatus = statuses[index]
            var text = texts.estimates[index]
            let items = texts.items[index]
            if items > 0 {
                let ticked = stepStatus?.checklistDone ?? 0
                text = "☑\(ticked)/\(items)" + (text.isEmpty ? "" : " · ") + text
            }
            if let elapsed = stepStatus?.elapsed { text += (text.isEmpty ? "" : " · ") + DurationNotation.text(elapsed) }
            var flag: (String, StyleRole)?
            if let overrun = stepStatus?.overrun { flag = (" +\(DurationNotation.text(overrun)) OVER", .overrun) }
            if let left = stepStatus?.deadlineLeft, stepStatus?.state != .done, stepStatus?.state != .skipped {
                flag = left < 0 ? (" deadline -\(DurationNotation.text(-left))", .overdue) : (" due in \(DurationNotation.text(left))", left <= 300 ? .due : .onTime)
            }
            return (text, stepStatus?.elapsed == nil ? .dim : .normal, flag)
        }
        let rightWidth = min(width / 2, timings.map { DisplayWidth.of($0.text) + DisplayWidth.of($0.flag?.0 ?? "") }.max() ?? 0)
        let actionWidth = max(8, width - 6 - ownerWidth - rightWidth - 1)
        let cut = memo.cut(steps, action: actionWidth, owner: ownerWidth)
        let offset = canvas.list(count: steps.count, selected: selected, top: top, height: height, marks: false) { canvas, index, y in
            let step = steps[index]
            let state = statuses[index]?.state ?? .pending
            let (glyph, role) = Glyphs.step(state)
            canvas.line(y, [(glyph + " ", role), (pad("\(step.number)", 3), .dim), (cut[index].action, state == .skipped ? .skipped : .normal)])
            if ownerWidth > 0 {
                canvas.line(y, [(cut[index].owner, .dim)], indent: 6 + actionWidth + 1)
            }
            let timing = timings[index]
            let flagWidth = DisplayWidth.of(timing.flag?.0 ?? "")
            let textX = width - DisplayWidth.of(timing.text) - flagWidth
            canvas.line(y, [(timing.text, timing.role)] + (timing.flag.map { [$0] } ?? []), indent: textX)
            if index == selected { canvas.select(y, width: width) }
        }
        // More above and below, inside the pane (its border also frames the detail).
        let below = steps.count - min(steps.count, offset + height)
        if offset > 0 { canvas.line(top - 1, [("▲ \(offset) more", .hintText)], indent: max(0, width - 12)) }
        if below > 0 { canvas.line(top + height, [(" ▼ \(below) more ", .hintText)], indent: max(0, width - 14)) }
    }

    static func pad(_ text: String, _ width: Int) -> String { DisplayWidth.pad(text, to: width) }
}
