import Foundation
import WarRoomEngine

/// Fills an audience's message template from the live incident: completed steps ✓, the
/// step in progress ▶, next steps, ETA, issues. A placeholder standing on a line of its
/// own with a prefix (`✓ {{completed}}`) yields one line per item with that prefix.
public enum StatusUpdateComposer {
    /// The default body for audiences whose template has none.
    public static let defaultBody = """
        {{incident_id}} {{severity}} — {{title}}
        Status: {{status}} at {{time}} UTC ({{elapsed}} since declared)
        Procedure: {{procedure}} — {{progress}}
        Completed:
        ✓ {{completed}}
        In progress:
        ▶ {{in_progress}}
        Next steps:
        - {{next_steps}}
        ETA: {{eta}}
        Issues:
        - {{issues}}
        """

    /// Placeholders that stand for lists (one line per item).
    static let listPlaceholders: Set<String> = ["completed", "in_progress", "next_steps", "issues"]

    public static func compose(for audience: CommsAudience, context: ConsoleContext) -> String {
        let body = audience.template.flatMap { context.runbook.template($0)?.body } ?? defaultBody
        let values = values(context)
        var lines: [String] = []
        for line in body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if let name = listPlaceholders.first(where: { line.contains("{{\($0)}}") }), let range = line.range(of: "{{\(name)}}") {
                let prefix = String(line[..<range.lowerBound]), suffix = String(line[range.upperBound...])
                let items = values.lists[name] ?? []
                for item in items.isEmpty ? ["None"] : items {
                    lines.append(TemplatePlaceholders.fill(prefix + item + suffix, with: values.scalars))
                }
            } else {
                lines.append(TemplatePlaceholders.fill(line, with: values.scalars))
            }
        }
        return lines.joined(separator: "\n")
    }

    static func values(_ context: ConsoleContext) -> (scalars: [String: String], lists: [String: [String]]) {
        let status = context.status
        let plan = status.currentPlan
        let runnable = plan.flatMap { context.runbook.plan($0.id) }
        let steps = plan?.steps ?? []
        var scalars: [String: String] = [
            "incident_id": context.incidentID,
            "title": status.incident.title ?? "(not declared)",
            "severity": status.incident.severity ?? "—",
            "time": String(context.now.timeOfDay.prefix(5)),
            "status": status.incident.phase == .resolved ? "Resolved" : (status.incident.phase == .active ? "In Progress" : "Not declared"),
            "phase": plan?.title ?? "Assessment",
            "procedure": plan?.title ?? "none started",
            "operator": context.operatorName,
            "elapsed": status.incident.elapsed.map(DurationNotation.text) ?? "—",
            "started": status.incident.declaredAt.map { String($0.timeOfDay.prefix(5)) + " UTC" } ?? "—",
        ]
        if let plan {
            let percent = plan.estimatedProgress.map { Int(($0 * 100).rounded()) } ?? (plan.total > 0 ? plan.done * 100 / plan.total : 0)
            scalars["progress"] = "\(percent)% (\(plan.done)/\(plan.total) steps)"
        } else {
            scalars["progress"] = "0%"
        }
        if let eta = plan?.eta {
            scalars["eta"] = Glyphs.eta(eta)
        } else {
            scalars["eta"] = plan?.state == .completed ? "done" : "unknown"
        }
        func action(_ number: Int) -> String { runnable?.step(number)?.action ?? "step \(number)" }
        let lists: [String: [String]] = [
            "completed": steps.filter { $0.state == .done }.map { action($0.number) },
            "in_progress": steps.filter { $0.state == .running }.map { action($0.number) },
            "next_steps": Array(steps.filter { $0.state == .pending }.prefix(3)).map { action($0.number) },
            "issues": steps.filter { $0.state == .failed || $0.state == .skipped }.map {
                "\(action($0.number)) \($0.state == .failed ? "failed" : "skipped")\($0.reason.map { ": \($0)" } ?? "")"
            },
        ]
        return (scalars, lists)
    }
}
