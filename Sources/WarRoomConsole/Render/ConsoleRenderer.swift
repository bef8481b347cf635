import WarRoomEngine

/// Rendering as a function: the context and the console's model at a size, to a `Frame`.
public enum ConsoleRenderer {
    public static func render(context: ConsoleContext, model: ConsoleModel, width: Int, height: Int, keys: KeyMap = .standard) -> Frame {
        var frame = Frame(width: width, height: height)
        let layout = ConsoleLayout(width: width, height: height, focus: model.focus, hasTrees: !context.runbook.decisionTrees.isEmpty)
        guard layout.mode != .tooSmall else {
            let message = "terminal too small (need \(ConsoleLayout.minimumWidth)×\(ConsoleLayout.minimumHeight), have \(width)×\(height))"
            let lines = DisplayWidth.wrap(message, to: max(1, width - 2))
            for (index, line) in lines.enumerated() {
                let y = height / 2 - lines.count / 2 + index
                frame.put(line, x: max(0, (width - DisplayWidth.of(line)) / 2), y: y, role: .error)
            }
            return frame
        }
        HeaderView.draw(&frame, rect: layout.header, context: context)
        if let tabs = layout.tabs { drawTabs(&frame, rect: tabs, focus: model.focus) }
        for pane in PaneKind.allCases {
            guard let rect = layout.panes[pane] else { continue }
            let number = (PaneKind.allCases.firstIndex(of: pane) ?? 0) + 1
            var canvas = PaneCanvas(frame: frame.take(), rect: rect, title: pane.title, focused: model.focus == pane, number: number)
            switch pane {
            case .triggers: TriggersPane.draw(&canvas, context: context, model: model)
            case .tree: TreePane.draw(&canvas, context: context, model: model)
            case .checklist: ChecklistPane.draw(&canvas, context: context, model: model)
            case .comms: CommsPane.draw(&canvas, context: context, model: model)
            case .contacts: ContactsPane.draw(&canvas, context: context, model: model)
            case .timeline: TimelinePane.draw(&canvas, context: context, model: model)
            }
            frame = canvas.frame
        }
        FooterView.draw(&frame, rect: layout.footer, context: context, model: model, keys: keys)
        let body = Rect(x: 0, y: layout.header.maxY, width: width, height: layout.footer.y - layout.header.maxY)
        if model.showingHelp { Overlays.help(&frame, in: body, keys: keys, replaying: context.isReplaying, scroll: model.helpScroll) }
        if let entry = model.entry { Overlays.entry(&frame, in: body, entry: entry) }
        return frame
    }

    private static func drawTabs(_ frame: inout Frame, rect: Rect, focus: PaneKind) {
        var x = rect.x + 1
        for (index, pane) in PaneKind.allCases.enumerated() {
            let label = " \(index + 1) \(pane.title) "
            x += frame.put(label, x: x, y: rect.y, role: pane == focus ? .tabActive : .tabInactive)
            x += 1
        }
    }
}
