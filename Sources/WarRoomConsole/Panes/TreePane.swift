import WarRoomEngine

/// The decision tree navigator: the path taken as a breadcrumb, the current question with
/// its answers, the outcome once reached with the key that starts its procedure, and the
/// time spent against the outcome's limit.
enum TreePane {
    static func draw(_ canvas: inout PaneCanvas, context: ConsoleContext, model: ConsoleModel) {
        guard let tree = model.shownTree(in: context), let status = context.status.tree(tree.id) else {
            canvas.line(0, [("This runbook has no decision tree.", .dim)])
            return
        }
        let trees = context.runbook.decisionTrees
        let index = (trees.firstIndex { $0.id == tree.id } ?? 0) + 1
        canvas.line(0, [(tree.title, .title)])
        if trees.count > 1 { canvas.right(0, "[ ] tree \(index)/\(trees.count)", role: .hintText) }
        var row = 1
        if !status.path.isEmpty {
            let crumbs = status.path.map { answered in
                let question = tree.node(answered.node)?.question ?? answered.node
                return "\(question) \(answered.answer)"
            }.joined(separator: " › ")
            for text in DisplayWidth.wrap(TextSanitizer.line(crumbs), to: canvas.inner.width).prefix(2) {
                canvas.line(row, [(text, .breadcrumb)])
                row += 1
            }
        }
        row += 1
        if let outcomeID = status.outcome, let outcome = tree.outcome(outcomeID) {
            canvas.line(row, [("■ ", .outcome), (outcome.title, .outcome)])
            row += 1
            if let procedure = outcome.procedure {
                let started = context.status.plan(procedure) != nil
                let hint = context.isReplaying ? "  leads to \(procedure) (not started yet)" : "  Enter/o: start \(procedure)"
                canvas.line(row, [(started ? "  ▶ \(procedure) started" : hint, started ? .done : .answerKey)])
                row += 1
            }
        } else if let node = tree.node(status.currentNode ?? tree.root) {
            for text in DisplayWidth.wrap(TextSanitizer.line("◇ " + node.question), to: canvas.inner.width).prefix(3) {
                canvas.line(row, [(text, .question)])
                row += 1
            }
            let selected = model.selected(.tree)
            for (number, answer) in node.answers.enumerated() {
                let target = tree.node(answer.goto)?.question ?? tree.outcome(answer.goto)?.title ?? answer.goto
                canvas.line(row, [("  \(answer.label)", .answerKey), (" → \(target)", .normal)])
                if number == selected { canvas.select(row) }
                row += 1
            }
        }
        if context.state.declaration != nil, let spent = status.timeSpent {
            row += 1
            var segments: [(String, StyleRole)] = [("decision time \(DurationNotation.text(spent))", .normal)]
            if let limit = status.timeLimit {
                let left = status.timeLeft ?? 0
                let acted = status.outcome.flatMap { tree.outcome($0)?.procedure }.map { context.status.plan($0) != nil } ?? false
                if limit == 0 {
                    // "Immediate": a limit that cannot be met in seconds; it asks to act, it is not a countdown.
                    segments.append(acted ? ("  · immediate: acted", .done) : ("  · immediate: act now", .overdue))
                } else {
                    segments.append((" / limit \(DurationNotation.text(limit))", .dim))
                    segments.append(left < 0 ? ("  EXCEEDED +\(DurationNotation.text(-left))", .overdue) : ("  \(DurationNotation.text(left)) left", left <= 300 ? .due : .onTime))
                }
            }
            canvas.line(row, segments)
        }
    }
}
