import WarRoomEngine

/// The header, three rows in every layout:
///
/// 1. in a replay, the REPLAY banner (speed or PAUSED, event n of N); the incident id,
///    severity and title; on the right the operator and the wall clock (UTC and local);
/// 2. elapsed since declared, the RTO budget as a bar that turns warning then alarm, the
///    forecast against the RTO, and the procedure the team works on with its state;
/// 3. the attention line: what needs a human now, most urgent first, as many as fit and
///    how many more. It is never dropped, whatever the width.
enum HeaderView {
    static func draw(_ frame: inout Frame, rect: Rect, context: ConsoleContext) {
        frame.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), role: .headerBar)
        drawTitleLine(&frame, rect: rect, context: context)
        if rect.height > 1 { drawFiguresLine(&frame, y: rect.y + 1, rect: rect, context: context) }
        if rect.height > 2 { drawAttentionLine(&frame, y: rect.y + 2, rect: rect, context: context) }
    }

    /// A writer of segments along one row, clipped at the right edge.
    private struct Row {
        var x: Int
        let y: Int
        let maxX: Int
        mutating func put(_ frame: inout Frame, _ text: String, _ role: StyleRole) {
            guard x < maxX else { return }
            x += frame.put(text, x: x, y: y, role: role, limit: maxX - x)
        }
        var room: Int { maxX - x }
    }

    private static func drawTitleLine(_ frame: inout Frame, rect: Rect, context: ConsoleContext) {
        let figures = context.status.incident
        // Right side first, so the title knows how much room it has: operator and clocks.
        // Live, the wall clock reads to the minute (the elapsed time beside ⏱ ticks the
        // seconds); a replay shows the instant to the second, as its events are timed.
        let utc = String(context.now.timeOfDay.prefix(context.isReplaying ? 8 : 5))
        let local = String(context.now.adding(seconds: context.localOffset).timeOfDay.prefix(5))
        var right = context.isReplaying || rect.width < 100 ? "\(utc)Z" : "\(utc)Z · \(local) local"
        if let replay = context.replay {
            right = "event \(replay.position) of \(replay.total) · " + context.now.iso8601.prefix(10) + " " + right
        } else {
            right = "● " + TextSanitizer.line(context.operatorName) + " · " + right
        }
        let rightWidth = DisplayWidth.of(right)
        var row = Row(x: rect.x + 1, y: rect.y, maxX: rect.maxX - 1)
        if let replay = context.replay {
            let banner = replay.paused ? " REPLAY ×\(NumberText.plain(replay.speed)) PAUSED " : " REPLAY ×\(NumberText.plain(replay.speed)) ▶ "
            row.put(&frame, banner, .budgetAlarm)
            row.put(&frame, " ", .headerBar)
        }
        let titleEnd = rightWidth + 2 < row.room ? rect.maxX - rightWidth - 2 : rect.maxX - 1
        var title = Row(x: row.x, y: rect.y, maxX: titleEnd)
        title.put(&frame, context.incidentID + " ", .headerBar)
        switch figures.phase {
        case .undeclared:
            title.put(&frame, "not declared", .headerBar)
        case .active, .resolved:
            title.put(&frame, " " + (figures.severity ?? "") + " ", .budgetAlarm)
            if figures.phase == .resolved { title.put(&frame, " RESOLVED", .done) }
            title.put(&frame, "  " + (figures.title ?? ""), .headerBar)
        }
        if rightWidth + 2 < row.room {
            frame.put(right, x: rect.maxX - rightWidth - 1, y: rect.y, role: .headerBar)
        }
    }

    private static func drawFiguresLine(_ frame: inout Frame, y: Int, rect: Rect, context: ConsoleContext) {
        let figures = context.status.incident
        var row = Row(x: rect.x + 1, y: y, maxX: rect.maxX - 1)
        if let elapsed = figures.elapsed {
            row.put(&frame, "⏱ \(DurationNotation.text(elapsed))", .title)
            if let decision = figures.timeToDecision, rect.width >= 120 { row.put(&frame, "  " + decisionText(decision, figures: figures, context: context), .dim) }
        } else {
            row.put(&frame, "⏱ —", .dim)
        }
        row.put(&frame, "   RTO ", .dim)
        if let rto = figures.rto {
            let left = figures.rtoLeft ?? rto
            let used = max(0, min(1, 1 - Double(left) / Double(max(1, rto))))
            let role: StyleRole = left < 0 ? .budgetAlarm : (used >= 0.75 ? .budgetAlarm : (used >= 0.5 ? .budgetWarning : .budgetOK))
            let barWidth = rect.width >= 100 ? 12 : 6
            let filled = Int((used * Double(barWidth)).rounded())
            row.put(&frame, String(repeating: "█", count: filled), role)
            row.put(&frame, String(repeating: "░", count: barWidth - filled), .dim)
            row.put(&frame, left < 0 ? " EXCEEDED +\(DurationNotation.text(-left))" : " \(DurationNotation.text(left)) left", role)
        } else {
            row.put(&frame, "not set", .dim)
        }
        if let forecast = context.status.forecast {
            let exceeded = (context.status.incident.rtoLeft ?? 0) < 0
            for (text, role) in forecastSegments(forecast, width: rect.width, rtoExceeded: exceeded) { row.put(&frame, text, role) }
        }
        if let plan = context.status.currentPlan {
            let (glyph, role, word): (String, StyleRole, String) = {
                switch plan.state {
                case .running: return ("▶", .running, "")
                case .completed: return ("✓", .done, " completed")
                case .abandoned: return ("■", .failed, " abandoned")
                }
            }()
            row.put(&frame, "   \(glyph) ", role)
            row.put(&frame, "\(TextSanitizer.line(plan.title)) \(plan.done)/\(plan.total)", plan.state == .running ? .normal : .dim)
            if !word.isEmpty { row.put(&frame, word, role) }
        }
    }

    /// "decided in 2m" when a tree's outcome led to the running procedure; when it was started
    /// otherwise, "started in 0s" — and, when the runbook has a tree nobody answered, that too.
    static func decisionText(_ seconds: Int, figures: IncidentFigures, context: ConsoleContext) -> String {
        let duration = DurationNotation.text(seconds)
        if figures.decidedByTree { return "decided in \(duration)" }
        let unanswered = !context.runbook.decisionTrees.isEmpty && !figures.treeAnswered
        return "started in \(duration)" + (unanswered ? ", tree unanswered" : "")
    }

    /// "ETA 03:25–03:41Z · at this pace the RTO is met with 12m to spare" (or missed at).
    /// At narrow widths the ETA gives way to the verdict, the verdict to its short form. Once
    /// the RTO is exceeded there is no verdict left to give (the budget says EXCEEDED): the ETA only.
    static func forecastSegments(_ forecast: RTOForecast, width: Int, rtoExceeded: Bool = false) -> [(String, StyleRole)] {
        let best = String(forecast.finishBest.timeOfDay.prefix(5)), worst = String(forecast.finishWorst.timeOfDay.prefix(5))
        let eta = ("   ETA \(best == worst ? best : "\(best)–\(worst)")Z", StyleRole.normal)
        guard let spare = forecast.spare, !rtoExceeded else { return [eta] }
        var segments = width >= 80 ? [eta] : []
        let lead = width >= 120 ? " · at this pace the RTO is " : (width >= 80 ? " · RTO " : "   RTO ")
        if spare < 0 {
            segments.append((lead + "missed at \(worst)Z", .overdue))
        } else {
            segments.append((lead + "met with \(DurationNotation.text(spare / 60 * 60)) to spare", spare <= 300 ? .due : .onTime))
        }
        return segments
    }

    private static func drawAttentionLine(_ frame: inout Frame, y: Int, rect: Rect, context: ConsoleContext) {
        var row = Row(x: rect.x + 1, y: y, maxX: rect.maxX - 1)
        let items = context.status.attention
        guard !items.isEmpty else {
            switch context.status.incident.phase {
            case .undeclared:
                row.put(&frame, context.isReplaying ? "no incident declared yet at this point of the replay" : "no incident declared — press D to declare", .dim)
            case .active: row.put(&frame, "✓ nothing needs attention now", .dim)
            case .resolved: row.put(&frame, "✓ resolved", .done)
            }
            return
        }
        row.put(&frame, "⚠ ", .overdue)
        // The first item always shows (cut if it must be); the others while they fit whole,
        // leaving room to say how many more there are.
        for (index, item) in items.enumerated() {
            let text = TextSanitizer.line(item.text)
            let rest = items.count - index - 1
            let more = rest > 0 ? "  +\(rest) more" : ""
            if index == 0 {
                let room = max(1, row.room - DisplayWidth.of(more))
                row.put(&frame, DisplayWidth.truncate(text, to: room), index == 0 ? .overdue : .due)
                continue
            }
            let separator = "  ·  "
            guard DisplayWidth.of(separator + text) + DisplayWidth.of(more) <= row.room else {
                row.put(&frame, "  +\(items.count - index) more", .dim)
                return
            }
            row.put(&frame, separator, .dim)
            row.put(&frame, text, item.kind <= .rtoForecastMissed ? .overdue : .due)
        }
    }
}
