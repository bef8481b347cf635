import WarRoomEngine

/// Rendering as a function: the context and the console's model at a size, to a `Frame`.
public enum ConsoleRenderer {
    public static func render(context: ConsoleContext, model: ConsoleModel, width: Int, height: Int, keys: KeyMap = .standard) -> Frame {
        var cache = RenderCache()
        return render(context: context, model: model, width: width, height: height, keys: keys, cache: &cache)
    }

    /// The same frame, reusing the regions of the last frame `cache` saw whose inputs have
    /// not changed (on an idle tick, everything that does not read the clock).
    public static func render(context: ConsoleContext, model: ConsoleModel, width: Int, height: Int, keys: KeyMap = .standard,
                              cache: inout RenderCache) -> Frame {
        let layout = cache.layout(width: width, height: height, focus: model.focus, hasTrees: !context.runbook.decisionTrees.isEmpty)
        guard layout.mode != .tooSmall else {
            cache.reset()
            return tooSmall(width: width, height: height)
        }
        var frame = cache.begin(.init(context: context, model: model, layout: layout, keys: keys, width: width, height: height))
        func region(_ region: RenderCache.Region, _ rect: Rect, draw: (inout Frame) -> Void) {
            guard cache.needsDrawing(region, now: context.now, state: context.state) else { return }
            frame.fill(rect, role: .normal)
            draw(&frame)
        }
        let badges = AttentionBadges.counts(context.status.attention)
        region(.header, layout.header) { HeaderView.draw(&$0, rect: layout.header, context: context) }
        // The banner takes the header's two lines of figures; the attention line stays under it.
        if let fault = context.journalFault {
            JournalFaultBanner.draw(&frame, rect: Rect(x: layout.header.x, y: layout.header.y, width: layout.header.width, height: 2), fault: fault)
        }
        if let tabs = layout.tabs {
            region(.tabs, tabs) { drawTabs(&$0, rect: tabs, focus: model.focus, badges: badges) }
        }
        for pane in PaneKind.allCases {
            guard let rect = layout.panes[pane] else { continue }
            // A pane the frame already holds redraws only the rows that changed.
            let kept = cache.holds(.pane(pane)) ? cache.retained[pane] : nil
            guard cache.needsDrawing(.pane(pane), now: context.now, state: context.state) else { continue }
            if kept == nil { frame.fill(rect, role: .normal) }
            let number = (PaneKind.allCases.firstIndex(of: pane) ?? 0) + 1
            let title = paneTitle(pane, model: model, badges: badges, compact: layout.mode == .compact,
                                  searching: pane == .timeline ? PaneItems.timelineSearch(context, model) : nil)
            var canvas = RenderCache.readsClock(.pane(pane), state: context.state)
                ? PaneCanvas(frame: frame.take(), rect: rect, title: title, focused: model.focus == pane, number: number, retaining: kept)
                : PaneCanvas(frame: frame.take(), rect: rect, title: title, focused: model.focus == pane, number: number)
            switch pane {
            case .triggers: TriggersPane.draw(&canvas, context: context, model: model)
            case .tree: TreePane.draw(&canvas, context: context, model: model)
            case .checklist: ChecklistPane.draw(&canvas, context: context, model: model, memo: &cache.checklist)
            case .comms: CommsPane.draw(&canvas, context: context, model: model)
            case .contacts: ContactsPane.draw(&canvas, context: context, model: model)
            case .timeline: TimelinePane.draw(&canvas, context: context, model: model, memo: &cache.timeline)
            }
            cache.retained[pane] = canvas.finish()
            frame = canvas.frame
        }
        region(.footer, layout.footer) { FooterView.draw(&$0, rect: layout.footer, context: context, model: model, keys: keys) }
        cache.finish(frame)
        guard model.showingHelp || model.entry != nil || model.confirmation != nil || model.openedEvent != nil else { return frame }
        let body = Rect(x: 0, y: layout.header.maxY, width: width, height: layout.footer.y - layout.header.maxY)
        if let opened = model.openedEvent, let event = PaneItems.events(context, model)[safe: opened] {
            EventOverlay.draw(&frame, in: body, event: event, context: context, scroll: model.overlayScroll)
        }
        if model.showingHelp { Overlays.help(&frame, in: body, keys: keys, context: context, model: model) }
        if let entry = model.entry { Overlays.entry(&frame, in: body, entry: entry) }
        if let confirmation = model.confirmation { Overlays.confirmation(&frame, in: body, confirmation: confirmation) }
        return frame
    }

    private static func tooSmall(width: Int, height: Int) -> Frame {
        var frame = Frame(width: width, height: height)
        let message = "terminal too small (need \(ConsoleLayout.minimumWidth)×\(ConsoleLayout.minimumHeight), have \(width)×\(height)): "
            + "keys do nothing until it is larger; q quits"
        let lines = DisplayWidth.wrap(message, to: max(1, width - 2))
        for (index, line) in lines.enumerated() {
            let y = height / 2 - lines.count / 2 + index
            frame.put(line, x: max(0, (width - DisplayWidth.of(line)) / 2), y: y, role: .error)
        }
        return frame
    }

    /// A pane's title: its name, a badge with how many attention items point at it, the
    /// filter in force ("/text", and how far it has searched a long journal), and in the
    /// compact layout which of the six it is.
    static func paneTitle(_ pane: PaneKind, model: ConsoleModel, badges: [PaneKind: Int], compact: Bool, searching: Double? = nil) -> String {
        var title = AttentionBadges.title(pane, counts: badges)
        if let filter = model.filters[pane], !filter.isEmpty { title += " /" + TextSanitizer.line(filter) }
        if let searching { title += " · searching \(Int(searching * 100))%" }
        if compact { title += " · Tab ⇥" }
        return title
    }

    /// The tab bar, each tab with its attention badge; at narrow widths the inactive tabs
    /// drop their names before a badge is dropped.
    private static func drawTabs(_ frame: inout Frame, rect: Rect, focus: PaneKind, badges: [PaneKind: Int]) {
        let full = PaneKind.allCases.enumerated().map { index, pane in " \(index + 1) \(AttentionBadges.title(pane, counts: badges)) " }
        let width = full.reduce(0) { $0 + DisplayWidth.of($1) }
        // Names with a gap between tabs, else names without gaps, else numbers and badges only.
        let gap = width + full.count <= rect.width - 1 ? 1 : 0
        let fits = width + gap * full.count <= rect.width - 1
        var x = rect.x + 1
        for (index, pane) in PaneKind.allCases.enumerated() {
            let short = badges[pane].map { " \(index + 1) ⚠\($0) " } ?? " \(index + 1) "
            let label = fits || pane == focus ? full[index] : short
            x += frame.put(label, x: x, y: rect.y, role: pane == focus ? .tabActive : (badges[pane] != nil ? .due : .tabInactive))
            x += fits ? gap : 1
        }
    }
}
