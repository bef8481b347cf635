#if canImport(Glibc)
import Glibc
#endif
import WarRoomConsole
import WarRoomEngine

/// `warroom-bench render [--runbook FILE] [--frames N]`: builds the console's 200×60 frame for
/// a runbook mid-incident N times (default 2,000) and prints the median and p99, beside the
/// cost of merely allocating and filling an empty 200×60 frame (the floor), and the pure part
/// of a keystroke (key handling plus the frame after it) and of a resize (a frame at a new size).
func renderBenchmark(_ arguments: [String]) throws {
    let path = option("--runbook", in: arguments) ?? "runbooks/whitecross-platform.yaml"
    let frames = Int(option("--frames", in: arguments) ?? "") ?? 2_000
    let size = (option("--size", in: arguments) ?? "200x60").split(separator: "x").compactMap { Int($0) }
    let (width, height) = size.count == 2 ? (size[0], size[1]) : (200, 60)
    let runbook = try RunbookLoader.load(path: path)
    let context = midIncident(runbook)
    func time(_ body: () -> Void) -> [UInt64] {
        (0..<frames).map { _ in
            let start = monotonicNanoseconds()
            body()
            return monotonicNanoseconds() - start
        }.sorted()
    }
    var model = ConsoleModel()
    model.selection[.checklist] = 3
    var sink = 0
    let render = time { sink &+= ConsoleRenderer.render(context: context, model: model, width: width, height: height).cells.count }
    let floor = time {
        var frame = Frame(width: 200, height: 60)
        frame.fill(frame.bounds, role: .normal)
        sink &+= frame.cells.count
    }
    let keystroke = time {
        var copy = model
        _ = ConsoleInput.handle(.character("j"), model: &copy, context: context)
        sink &+= ConsoleRenderer.render(context: context, model: copy, width: 200, height: 60).cells.count
    }
    let sizes = [(120, 40), (200, 60), (80, 24), (160, 48)]
    var next = 0
    let resize = time {
        let (width, height) = sizes[next % sizes.count]
        next += 1
        sink &+= ConsoleRenderer.render(context: context, model: model, width: width, height: height).cells.count
    }
    // An idle tick: the frame for the next second through a render cache (only the regions
    // that read the clock are drawn), then the cells a terminal would write for it.
    var cache = RenderCache()
    var tickContext = context
    var last = ConsoleRenderer.render(context: tickContext, model: model, width: width, height: height, cache: &cache)
    var changed = 0
    let idleTick = time {
        tickContext = ConsoleContext(runbook: context.runbook, state: context.state, events: context.events, incidentID: context.incidentID,
                                     operatorName: context.operatorName, now: tickContext.now.adding(seconds: 1))
        let frame = ConsoleRenderer.render(context: tickContext, model: model, width: width, height: height, cache: &cache)
        frame.forEachCell(changedSince: last) { _, _, _ in changed += 1 }
        last = frame
    }
    var statusSink = 0
    let statusOnly = time {
        statusSink &+= Status(runbook: context.runbook, state: context.state, at: context.now.adding(seconds: 1)).audiences.count
    }
    let steps = runbook.procedures.reduce(0) { $0 + $1.steps.count }
    print("render: \(path) (\(runbook.procedures.count) procedures, \(steps) steps) mid-incident, \(context.events.count) events, \(frames) frames each")
    print("| work | median µs | p99 µs |")
    print("|---|---:|---:|")
    func row(_ name: String, _ samples: [UInt64]) {
        print("| \(name) | \(formatted(percentile(samples, 0.5) / 1_000, 1)) | \(formatted(percentile(samples, 0.99) / 1_000, 1)) |")
    }
    row("console frame \(width)x\(height) (render)", render)
    row("idle tick \(width)x\(height): status, cached frame, changed cells (\(changed / frames) a tick)", idleTick)
    row("of which the status at an instant (Status)", statusOnly)
    row("key j handled + frame 200x60", keystroke)
    row("frame at a new size (80x24 … 200x60)", resize)
    row("floor: empty 200x60 frame, filled", floor)
    // The largest screen the console supports, whatever --size says: a full frame at 300x80.
    let largest = time { sink &+= ConsoleRenderer.render(context: context, model: model, width: 300, height: 80).cells.count }
    row("console frame 300x80 (render, the largest screen)", largest)
    let median = percentile(render, 0.5) / 1_000_000
    let largestMedian = percentile(largest, 0.5) / 1_000_000
    print("")
    print("render median \(formatted(median, 3)) ms = \(formatted(percentile(render, 0.5) / max(1, percentile(floor, 0.5)), 1))x the floor (target: <= 1 ms): \(median <= 1 ? "met" : "NOT met")")
    print("full frame 300x80 median \(formatted(largestMedian, 3)) ms (target: <= 0.5 ms): \(largestMedian <= 0.5 ? "met" : "NOT met")")
    if sink == 42 || statusSink == 42 { print("") }
}

/// The runbook mid-incident: declared, trigger fired, the first tree walked, a procedure
/// half done with an overrun and a failure, comms sent, notes.
func midIncident(_ runbook: Runbook) -> ConsoleContext {
    let engine = Engine(runbook: runbook)
    let start = Instant(iso8601: "2026-11-24T03:00:00.000Z") ?? Instant(milliseconds: 0)
    var now = start
    var state = IncidentState()
    var events: [Event] = []
    func run(_ command: Command) {
        guard case .success(let kind) = engine.decide(command, in: state) else { return }
        let event = Event(sequence: state.lastSequence + 1, at: now, operator: "ada", kind: kind)
        state.apply(event)
        events.append(event)
    }
    run(.declare(title: "Benchmark incident", severity: "SEV1"))
    if let trigger = runbook.triggers.first { run(.fireTrigger(trigger.id)) }
    if let tree = runbook.decisionTrees.first, let node = tree.node(tree.root), let answer = node.answers.last {
        run(.answer(tree: tree.id, node: node.id, answer: answer.label))
    }
    let plan = runbook.plans.max { $0.steps.count < $1.steps.count }
    if let plan {
        run(.startProcedure(plan.id))
        for step in plan.steps.prefix(plan.steps.count / 2) {
            now = now.adding(seconds: 150)
            run(.startStep(procedure: plan.id, step: step.number))
            now = now.adding(seconds: 200)
            run(step.number % 4 == 3 ? .failStep(procedure: plan.id, step: step.number, reason: "timeout") : .completeStep(procedure: plan.id, step: step.number))
        }
    }
    for audience in runbook.communications.prefix(3) { run(.communicate(audience: audience.id, channel: nil, text: "update")) }
    for index in 0..<30 { run(.note("note \(index)")) }
    return ConsoleContext(runbook: runbook, state: state, events: events, incidentID: "INC-BENCH", operatorName: "ada", now: now.adding(seconds: 95))
}
