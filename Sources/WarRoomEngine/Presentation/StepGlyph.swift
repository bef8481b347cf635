/// The one symbol of each step and plan state, shared by the console, `replay`, `status` and
/// the report, so a state is drawn the same wherever it appears.
public enum StepGlyph {
    /// `○` pending, `▶` running, `✓` done, `»` skipped, `✗` failed.
    public static func symbol(_ state: StepProgress.State) -> String {
        switch state {
        case .pending: "○"
        case .running: "▶"
        case .done: "✓"
        case .skipped: "»"
        case .failed: "✗"
        }
    }

    /// `▶` running, `✓` completed, `✗` abandoned.
    public static func symbol(_ state: PlanProgress.State) -> String {
        switch state {
        case .running: "▶"
        case .completed: "✓"
        case .abandoned: "✗"
        }
    }
}
