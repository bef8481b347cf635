/// Where everything goes at a given terminal size.
///
/// From 160 columns every pane is on screen in three columns; from 110, two columns; below
/// that (down to 80×24) one pane at a time under a tab bar. Header and footer stay in every
/// layout. Below 80×24 the console shows only a "terminal too small" message.
public struct ConsoleLayout: Sendable, Hashable {
    public enum Mode: Sendable, Hashable { case tooSmall, tabs, twoColumns, threeColumns }

    public static let minimumWidth = 80
    public static let minimumHeight = 24

    public var mode: Mode
    public var header: Rect
    /// The tab bar (tabs mode only).
    public var tabs: Rect?
    public var footer: Rect
    /// Each visible pane's rectangle.
    public var panes: [PaneKind: Rect]

    /// `hasTrees`: whether the runbook has decision trees; without any, the decision pane
    /// shrinks to a few rows and the checklist takes the room.
    public init(width: Int, height: Int, focus: PaneKind, hasTrees: Bool = true) {
        let screen = Rect(x: 0, y: 0, width: width, height: height)
        guard width >= Self.minimumWidth, height >= Self.minimumHeight else {
            mode = .tooSmall
            header = Rect(x: 0, y: 0, width: 0, height: 0)
            footer = header
            panes = [:]
            return
        }
        let (header, rest) = screen.top(2)
        let (footer, body) = rest.bottom(2)
        self.header = header
        self.footer = footer
        if width >= 160 {
            mode = .threeColumns
            let columns = body.columns([3, 4, 3])
            let left = hasTrees ? columns[0].rows([2, 3]) : columns[0].rows([5, 1])
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
        } else {
            mode = .tabs
            let (tabs, pane) = body.top(1)
            self.tabs = tabs
            panes = [focus: pane]
        }
    }
}
