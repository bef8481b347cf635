/// Where everything goes at a given terminal size.
///
/// Every layout has the header on top — two lines of figures and the attention line, the
/// most urgent things that need a human now — and the footer at the bottom.
///
/// - From 160 columns, every pane in three columns (from 200, the middle column, the
///   checklist, takes more of the width).
/// - From 110, two columns.
/// - From 70×20 (80×23 and 79×24 included), one pane at a time under a tab bar.
/// - From 60×18, compact: one pane at a time without the tab bar (the pane's title says
///   which of the six it is).
/// - Below 60×18, a "terminal too small" message.
public struct ConsoleLayout: Sendable, Hashable {
    public enum Mode: Sendable, Hashable { case tooSmall, compact, tabs, twoColumns, threeColumns }

    public static let minimumWidth = 60
    public static let minimumHeight = 18
    /// Rows of the header: two lines of figures and the attention line.
    public static let headerHeight = 3

    public var mode: Mode
    public var header: Rect
    /// The tab bar (tabs mode only).
    public var tabs: Rect?
    public var footer: Rect
    /// Each visible pane's rectangle.
    public var panes: [PaneKind: Rect]

    /// Whether a terminal of this size only shows the "terminal too small" message.
    public static func isTooSmall(width: Int, height: Int) -> Bool {
        width < minimumWidth || height < minimumHeight
    }

    /// `hasTrees`: whether the runbook has decision trees; without any, the decision pane
    /// shrinks to a few rows and the checklist takes the room.
    public init(width: Int, height: Int, focus: PaneKind, hasTrees: Bool = true) {
        let screen = Rect(x: 0, y: 0, width: width, height: height)
        guard !Self.isTooSmall(width: width, height: height) else {
            mode = .tooSmall
            header = Rect(x: 0, y: 0, width: 0, height: 0)
            footer = header
            panes = [:]
            return
        }
        let (header, rest) = screen.top(Self.headerHeight)
        let (footer, body) = rest.bottom(2)
        self.header = header
        self.footer = footer
        if width >= 160 {
            mode = .threeColumns
            let columns = body.columns(width >= 280 ? [1, 2, 1] : (width >= 200 ? [2, 3, 2] : [3, 4, 3]))
            // Without trees the decision pane keeps three rows to say so; the triggers take the rest.
            let left: [Rect] = hasTrees ? columns[0].rows([2, 3]) : { let (tree, triggers) = columns[0].bottom(3); return [triggers, tree] }()
            let right = columns[2].rows([2, 1, 1])
            panes = [.triggers: left[0], .tree: left[1], .checklist: columns[1],
                     .comms: right[0], .contacts: right[1], .timeline: right[2]]
        } else if width >= 110 {
            mode = .twoColumns
            let columns = body.columns([1, 1])
            let (treeRect, checklistRect) = hasTrees ? { let rows = columns[0].rows([2, 3]); return (rows[0], rows[1]) }() : columns[0].top(4)
            let right = columns[1].rows([1, 1, 1, 1])
            panes = [.tree: treeRect, .checklist: checklistRect,
                     .comms: right[0], .triggers: right[1], .contacts: right[2], .timeline: right[3]]
        } else if width >= 70, height >= 20 {
            mode = .tabs
            let (tabs, pane) = body.top(1)
            self.tabs = tabs
            panes = [focus: pane]
        } else {
            mode = .compact
            panes = [focus: body]
        }
    }

    /// Whether one pane is shown at a time.
    public var showsOnePane: Bool { mode == .tabs || mode == .compact }
}
