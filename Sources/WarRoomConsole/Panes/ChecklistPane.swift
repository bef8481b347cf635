import WarRoomEngine

/// The checklist of one plan: each step's glyph, number, action, owner, estimate, live
/// elapsed time and overrun; progress by count and by estimated time; ETA best and worst;
/// and the selected step's sub-items and commands.
enum ChecklistPane {
    static func draw(_ canvas: inout PaneCanvas, context: ConsoleContext, model: ConsoleModel) {
        guard let plan = model.shownPlan(in: context) else {
            canvas.line(0, [("This runbook has no procedures.", .dim)])
            return
        }
        let status = context.status.plan(plan.id)
        let width = canvas.inner.width
        // Title and state.
        var title: [(String, StyleRole)] = [(plan.title, .title)]
        let finished = status?.state == .running && context.refusal(for: [.completeProcedure(plan.id)]) == nil
        switch status?.state {
        case .running?: title.append(("  running \(DurationNotation.text(status?.elapsed ?? 0))", .running))
        case .completed?: title.append(("  completed in \(DurationNotation.text(status?.elapsed ?? 0))", .done))
        case .abandoned?: title.append(("  abandoned", .failed))
        case nil: title.append(("  not started — Enter starts it", .dim))
        }
        canvas.line(0, title)
        // Progress.
        var progress: [(String, StyleRole)] = [(plan.id + " · ", .dim)]
        if let status {
            progress.append(("\(status.done)/\(status.total) steps", .normal))
            if let fraction = status.estimatedProgress { progress.append((" · \(Int((fraction * 100).rounded()))% by estimate", .normal)) }
            if let eta = status.eta {
                progress.append((" · ETA \(Glyphs.eta(eta))", .normal))
                if status.unestimatedLeft > 0 { progress.append((" +\(status.unestimatedLeft) unestimated", .dim)) }
            }
        } else {
            let estimate = plan.steps.reduce((0, 0)) { total, step in
                guard let e = step.duration?.estimate else { return total }
                return (total.0 + e.best, total.1 + e.worst)
            }
            progress.append(("\(plan.steps.count) steps", .normal))
            if estimate.1 > 0 { progress.append((" · estimate \(DurationText.compact(estimate.0))–\(DurationText.compact(estimate.1))", .normal)) }
        }
        let planCount = context.runbook.planCount
        if planCount > 1 {
            progress.append(("   [ ] other plans (\(planCount))", .hintText))
        }
        canvas.line(1, progress)
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
        // Steps.
        let steps = plan.steps
        let listTop = 3
        let detailHeight = canvas.inner.height >= 16 ? min(10, canvas.inner.height / 3) : 0
        let listHeight = max(1, canvas.inner.height - listTop - detailHeight)
        let selected = min(model.selected(.checklist), max(0, steps.count - 1))
        let offset = PaneCanvas.scrollOffset(selected: selected, count: steps.count, height: listHeight)
        let ownerWidth = width >= 70 ? 18 : 0
        // The timing column on the right: estimate · elapsed and a flag (overrun, deadline).
        // Measured over every step first so the action and owner columns line up.
        // The status lists the plan's steps in order: look each up by position, by number if not.
        let stepStatuses: [StepStatus?] = steps.indices.map { index in
            guard let all = status?.steps else { return nil }
            if let byPosition = all[safe: index], byPosition.number == steps[index].number { return byPosition }
            return all.first { $0.number == steps[index].number }
        }
        let timings = zip(steps, stepStatuses).map { step, stepStatus -> (text: String, role: StyleRole, flag: (String, StyleRole)?) in
            var text = Glyphs.estimate(step.duration)
            let items = step.checklist.flatMap(\.flattened).count
            if items > 0 {
                let ticked = context.state.plans[plan.id]?.step(step.number).ticked.count ?? 0
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
        for (row, step) in steps.enumerated().dropFirst(offset).prefix(listHeight) {
            let y = listTop + row - offset
            let state = stepStatuses[row]?.state ?? .pending
            let (glyph, role) = Glyphs.step(state)
            canvas.line(y, [(glyph + " ", role), (pad("\(step.number)", 3), .dim),
                            (DisplayWidth.truncate(TextSanitizer.line(step.action), to: actionWidth), state == .skipped ? .skipped : .normal)])
            if ownerWidth > 0 {
                canvas.line(y, [(DisplayWidth.truncate(TextSanitizer.line(step.owner ?? ""), to: ownerWidth - 1), .dim)], indent: 6 + actionWidth + 1)
            }
            let timing = timings[row]
            if let flag = timing.flag {
                canvas.right(y, flag.0, role: flag.1)
                canvas.line(y, [(timing.text, timing.role)], indent: width - DisplayWidth.of(timing.text) - DisplayWidth.of(flag.0))
            } else {
                canvas.right(y, timing.text, role: timing.role)
            }
            if row == selected { canvas.select(y) }
        }
        guard detailHeight > 0, let step = steps[safe: selected] else { return }
        drawDetails(&canvas, step: step, progress: context.state.plans[plan.id]?.step(step.number), top: canvas.inner.height - detailHeight)
    }

    private static func drawDetails(_ canvas: inout PaneCanvas, step: Step, progress: StepProgress?, top: Int) {
        canvas.line(top, [(String(repeating: "┄", count: canvas.inner.width), .border)])
        var row = top + 1
        var facts = "Step \(step.number)"
        if let owner = step.owner { facts += " · \(owner)" }
        if let duration = step.duration { facts += " · \(duration)" }
        if let reason = progress?.reason { facts += " · \(progress?.state == .failed ? "failed" : "skipped"): \(reason)" }
        canvas.line(row, [(facts, .heading)])
        row += 1
        for (index, item) in step.checklist.flatMap(\.flattened).enumerated() where row < canvas.inner.height {
            let ticked = progress?.ticked.contains(index + 1) == true
            canvas.line(row, [(ticked ? "☑ " : "☐ ", ticked ? .done : .pending), (item.text, ticked ? .dim : .normal)], indent: 1)
            row += 1
        }
        for command in (step.commands ?? "").split(separator: "\n", omittingEmptySubsequences: true) where row < canvas.inner.height {
            canvas.line(row, [("$ ", .dim), (String(command), .command)], indent: 1)
            row += 1
        }
        if let notes = step.notes, row < canvas.inner.height {
            canvas.line(row, [(notes.split(separator: "\n").first.map(String.init) ?? "", .note)], indent: 1)
        }
    }

    static func pad(_ text: String, _ width: Int) -> String { DisplayWidth.pad(text, to: width) }
}
