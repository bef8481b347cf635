import WarRoomEngine

/// The header: incident id, title, severity, elapsed since declared, the RTO budget as a
/// bar that turns warning then alarm, the active procedure, wall clock in UTC and local.
enum HeaderView {
    static func draw(_ frame: inout Frame, rect: Rect, context: ConsoleContext) {
        frame.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), role: .headerBar)
        let figures = context.status.incident
        var x = rect.x + 1
        func put(_ text: String, _ role: StyleRole) {
            x += frame.put(text, x: x, y: rect.y, role: role, limit: rect.maxX - x)
        }
        put(context.incidentID + " ", .headerBar)
        switch figures.phase {
        case .undeclared:
            put(context.isReplaying ? "not declared" : "no incident declared — press D to declare", .headerBar)
        case .active, .resolved:
            put((figures.severity ?? "") + " ", .budgetAlarm)
            put(" " + (figures.title ?? ""), .headerBar)
            if figures.phase == .resolved { put("  RESOLVED", .done) }
        }
        // Right side: clocks.
        let utc = String(context.now.timeOfDay.prefix(8))
        let local = String(context.now.adding(seconds: context.localOffset).timeOfDay.prefix(5))
        var right = "\(utc)Z · \(local) local"
        if let replay = context.replay {
            right = "REPLAY ×\(NumberText.plain(replay.speed))\(replay.paused ? " ⏸" : "") \(replay.position)/\(replay.total) · " + right
        }
        let rightWidth = DisplayWidth.of(right)
        if x + rightWidth + 2 < rect.maxX {
            frame.put(right, x: rect.maxX - rightWidth - 1, y: rect.y, role: .headerBar)
        }
        // Second line: elapsed, RTO bar, active procedure.
        guard rect.height > 1 else { return }
        let y = rect.y + 1
        x = rect.x + 1
        func put2(_ text: String, _ role: StyleRole) {
            x += frame.put(text, x: x, y: y, role: role, limit: rect.maxX - x)
        }
        if let elapsed = figures.elapsed {
            put2("⏱ \(DurationNotation.text(elapsed))", .title)
            if let decision = figures.timeToDecision { put2("  decided in \(DurationNotation.text(decision))", .dim) }
        } else {
            put2("⏱ —", .dim)
        }
        put2("   RTO ", .dim)
        if let rto = figures.rto {
            let left = figures.rtoLeft ?? rto
            let used = max(0, min(1, 1 - Double(left) / Double(max(1, rto))))
            let role: StyleRole = left < 0 ? .budgetAlarm : (used >= 0.75 ? .budgetAlarm : (used >= 0.5 ? .budgetWarning : .budgetOK))
            let barWidth = 12
            let filled = Int((used * Double(barWidth)).rounded())
            put2(String(repeating: "█", count: filled), role)
            put2(String(repeating: "░", count: barWidth - filled), .dim)
            put2(left < 0 ? " EXCEEDED +\(DurationNotation.text(-left))" : " \(DurationNotation.text(left)) left", role)
        } else {
            put2("not set", .dim)
        }
        if let plan = context.status.currentPlan {
            put2("   ▶ ", .running)
            put2("\(plan.title) \(plan.done)/\(plan.total)", plan.state == .running ? .normal : .dim)
        }
        if let urgent = context.status.mostUrgentAudience, let dueIn = urgent.dueIn {
            let (text, role) = Glyphs.due(dueIn)
            put2("   ✉ \(urgent.audience) ", .dim)
            put2(text, role)
        }
    }
}
