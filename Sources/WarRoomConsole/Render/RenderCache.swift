import WarRoomEngine

/// What the last frame was drawn from, region by region, so that the frame for the next
/// second redraws only what can have changed.
///
/// On an idle tick only the clock moves: the header, the tabs' badges, the checklist, the comms
/// countdowns, the decision timer and (while a page waits) the contacts are redrawn, while the
/// triggers, timeline and footer (which never read the clock) are kept from the last frame. Anything else that changes —
/// the console's model (a key), the journal (an event from any process), the size, the
/// runbook, the key table, the replay position, the notices, a timeline filter's progress
/// through a long journal — redraws everything, so a
/// frame built with a cache is always the frame `ConsoleRenderer` builds without one (the
/// render-cache tests hold it to that).
///
/// The journal is identified by its event count and last sequence number: a journal only
/// grows, and a replay's events are always a prefix of one journal.
public struct RenderCache: Sendable {
    /// A part of the screen drawn as a whole.
    enum Region: Hashable, Sendable {
        case header, tabs, footer
        case pane(PaneKind)
    }

    /// Everything every region may read, apart from the clock.
    struct SharedInputs: Equatable, Sendable {
        var width: Int
        var height: Int
        var layout: ConsoleLayout
        var model: ConsoleModel
        var keys: [KeyBinding]
        var runbook: Runbook
        var events: Int
        var lastSequence: Int?
        var stateSequence: Int
        var incidentID: String
        var operatorName: String
        var localOffset: Int
        var replay: ReplayInfo?
        var notices: [String]
        var journalFault: JournalFault?
        /// How far the timeline's filter has got through a long journal (it grows between frames).
        var timelineSearch: Double?

        init(context: ConsoleContext, model: ConsoleModel, layout: ConsoleLayout, keys: KeyMap, width: Int, height: Int) {
            self.width = width
            self.height = height
            self.layout = layout
            self.model = model
            self.keys = keys.bindings
            runbook = context.runbook
            events = context.events.count
            lastSequence = context.events.last?.sequence
            stateSequence = context.state.lastSequence
            incidentID = context.incidentID
            operatorName = context.operatorName
            localOffset = context.localOffset
            replay = context.replay
            notices = context.notices
            journalFault = context.journalFault
            timelineSearch = PaneItems.timelineSearch(context, model)
        }
    }

    /// The frame as drawn before any overlay (help, text entry) went over it.
    var base: Frame?
    var shared: SharedInputs?
    /// For each region drawn into `base`: the instant it was drawn at, or nil when the region
    /// does not read the clock.
    var drawnAt: [Region: Int64?] = [:]
    /// Each pane's rows as drawn into `base`, so the next frame redraws only the rows that changed.
    var retained: [PaneKind: RetainedRows] = [:]
    /// The regions the last frame drew anew (the rest came from the frame before).
    private(set) var redrawn: Set<Region> = []
    /// What the checklist keeps between frames: the step detail as last wrapped (wrapped again
    /// only when the step, its progress or the room changes) and whether the plan can be completed.
    var checklist = ChecklistPane.Memo()
    /// What the timeline keeps between frames: its operator column's width.
    var timeline = TimelinePane.Memo()
    /// The last layout worked out, and what it was worked out from.
    private var lastLayout: (key: LayoutKey, layout: ConsoleLayout)?

    /// What a layout depends on.
    private struct LayoutKey: Equatable {
        var width: Int, height: Int, focus: PaneKind, hasTrees: Bool
    }

    public init() {}

    /// Whether a region reads the clock (elapsed times, countdowns, the wall clock). Contacts
    /// does while a page waits for an answer (how long, and the ⚠ once it waited too long).
    static func readsClock(_ region: Region, state: IncidentState) -> Bool {
        switch region {
        case .header, .tabs: return true   // the tabs carry attention badges
        case .footer: return false
        case .pane(let pane):
            switch pane {
            case .tree, .checklist, .comms: return true
            case .contacts: return state.pages.contains { $0.acknowledgedAt == nil }
            case .triggers, .timeline: return false
            }
        }
    }

    /// The layout for a size and focus: the last one when they are the same.
    mutating func layout(width: Int, height: Int, focus: PaneKind, hasTrees: Bool) -> ConsoleLayout {
        let key = LayoutKey(width: width, height: height, focus: focus, hasTrees: hasTrees)
        if let lastLayout, lastLayout.key == key { return lastLayout.layout }
        let layout = ConsoleLayout(width: width, height: height, focus: focus, hasTrees: hasTrees)
        lastLayout = (key, layout)
        return layout
    }

    /// Starts a frame: the last one when nothing but the clock changed, else a blank one.
    mutating func begin(_ inputs: SharedInputs) -> Frame {
        redrawn = []
        if let base, shared == inputs {
            self.base = nil   // the caller's copy is then the only one: drawing into it copies nothing
            return base
        }
        // The checklist's memo names steps by plan and number, which another runbook reuses.
        if shared?.runbook != inputs.runbook { checklist = ChecklistPane.Memo() }
        shared = inputs
        drawnAt = [:]
        retained = [:]
        base = nil
        return Frame(width: inputs.width, height: inputs.height)
    }

    /// Whether the frame `begin` returned holds `region` as last drawn (else that part is blank).
    func holds(_ region: Region) -> Bool {
        drawnAt[region] != nil
    }

    /// Whether `region` must be drawn at `now` (and, if so, records that it is).
    mutating func needsDrawing(_ region: Region, now: Instant, state: IncidentState) -> Bool {
        let stamp: Int64? = Self.readsClock(region, state: state) ? now.milliseconds : nil
        if let drawn = drawnAt[region], drawn == stamp { return false }
        drawnAt[region] = stamp
        redrawn.insert(region)
        return true
    }

    /// Keeps the frame the regions were drawn into.
    mutating func finish(_ frame: Frame) {
        base = frame
    }

    /// Forgets everything: the next frame is drawn whole.
    mutating func reset() {
        self = RenderCache()
    }
}
