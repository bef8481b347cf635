import ArgumentParser
import Dispatch
import Foundation
import Synchronization
import WarRoomConsole
import WarRoomEngine
import WarRoomPostgres
import WarRoomTerminal

/// The console's main loop: draws the frame for the incident at this second, reads a key,
/// submits what it asks for, and tails the journal so another warroom process's actions
/// appear within a second. Redraws when the second, the journal or the model changes.
struct ConsoleRunner {
    /// Events a timeline filter tests before each frame: about 8 ms at 4 µs an event (read
    /// back from the journal, described, matched), so a key is answered within a frame.
    static let filterSlice = 2_048

    var source: RunbookSource
    var journal: JournalLocation
    var operatorName: String
    var theme: Theme
    /// How to ask for attention when a new item needs a human (off by default).
    var alert: AttentionAlert = .off
    /// Completing a step starts the next (`--no-start-next` turns it off).
    var startsNextStep = true

    /// Runs until the operator quits; returns the journal's fault, if it had one (the caller
    /// then names the saved copy, not the path, as the way to go on), and the journal's
    /// location (for PostgreSQL, naming the incident).
    func run() throws -> (fault: JournalFault?, location: String) {
        let session: IncidentSession
        // A shared store that is slow to answer (a server frozen, a host far away) would leave
        // a blank terminal until its connect_timeout: after a second, say what it waits for.
        let opened = StopFlag()
        if let url = journal.url {
            DispatchQueue.global().asyncAfter(deadline: .now() + 1) {
                if !opened.isSet { JournalInput.warn("warroom: connecting to \(url) (up to \(url.connectTimeout) s)…") }
            }
        }
        defer { opened.set() }
        do {
            session = try IncidentSession(store: journal.writer(create: true), runbook: source.runbook, runbookPath: source.path,
                                          runbookBytes: source.bytes, operator: operatorName, clock: SystemClock(),
                                          incident: journal.url?.incident, live: true)
            opened.set()
        } catch {
            JournalInput.warn(error.description)
            throw error.isBadInput ? ExitStatus.invalidInput : ExitCode.failure
        }
        var notices = session.warnings + session.issues.map { "journal line \($0.line) skipped: \($0.message)" }
        let stop = StopFlag()
        let signals = [SIGTERM, SIGHUP, SIGQUIT].map { number -> any DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { stop.set() }
            source.resume()
            return source
        }
        defer { signals.forEach { $0.cancel() } }
        // After the terminal is stopped (defers run last first): say plainly what the fault was.
        defer {
            if let fault = session.fault {
                JournalInput.warn("warroom: \(fault.headline): \(fault.error.description)")
                JournalInput.warn("warroom: \(fault.atExit ?? fault.advice)")
            }
            if let pending = session.unsettled {
                JournalInput.warn("warroom: the outcome of event \(pending.sequence) (\(EventText.describe(pending, runbook: source.runbook))) is unknown: "
                    + "look for it (warroom journal export) before giving it again")
            }
        }

        let terminal = try ConsolePaths.startTerminal(theme: theme)
        defer { terminal.stop() }
        if !terminal.isUTF8 { notices.append("the locale is not UTF-8 (set LANG=C.UTF-8): drawing ASCII stand-ins") }

        var model = ConsoleModel()
        model.startsNextStep = startsNextStep
        var renderCache = RenderCache()
        var watch = AttentionWatch()
        // Benchmarks only: write the wall-clock time of the first full frame and leave.
        let firstFrameFile = ProcessInfo.processInfo.environment["WARROOM_BENCH_FIRST_FRAME"]
        // A file is watched with inotify; a shared store wakes the loop through its descriptor.
        let waiter = session.store.follow().map { InputWaiter(descriptor: $0) } ?? InputWaiter(watching: session.path)
        var lastDrawn: (second: Int64, events: Int, model: ConsoleModel, width: Int, height: Int, fault: JournalFault?)?
        let localOffset = TimeZone.current.secondsFromGMT()
        // Each second's status folds only what changed since the last (a long incident's
        // updates are not walked again every second).
        var statusMemo = Status.Memo()
        // A timeline filter tests a long journal's events a slice before each frame, and the
        // frames show the matches so far (`filterLimit` 0), so keys are answered meanwhile.
        func context(at now: Instant) -> ConsoleContext {
            var context = ConsoleContext(runbook: source.runbook, state: session.state, events: session.events,
                                         incidentID: session.header.incident, operatorName: operatorName, now: now,
                                         localOffset: localOffset, notices: notices, journalFault: session.fault,
                                         status: Status(runbook: source.runbook, state: session.state, at: now, memo: &statusMemo))
            context.filterLimit = 0
            return context
        }
        var searching = false
        model.selectCurrentStep(in: context(at: session.clock.now()))
        while !stop.isSet {
            let wasLost = session.fault?.reconnects == true
            var caughtUp = 0
            do {
                caughtUp = try session.refresh().count
            } catch {
                // Why, said once (a lost store's later refreshes are quiet); cleared below when it is back.
                let reason = error.kind == .unreachable ? error.message : error.description
                model.message = .init(.error, "journal: \(reason)" + (session.fault.map { $0.reconnects ? "" : ". " + $0.advice } ?? ""))
            }
            if wasLost, session.fault == nil {
                model.message = .init(.info, "✓ the store answers again" + (caughtUp > 0 ? ": caught up on \(CountNotation.count(caughtUp, "event"))" : ""))
            }
            for settlement in session.takeSettlements() { model.message = settled(settlement) }
            // Another operator's event may have made an open question moot.
            if caughtUp > 0, model.confirmation != nil {
                ConsoleInput.withdrawStaleConfirmation(model: &model, context: context(at: session.clock.now()))
            }
            let now = session.clock.now()
            let size = terminal.size
            let second = now.milliseconds / 1_000
            let wasSearching = searching
            searching = PaneItems.searchTimeline(context(at: now), model, slice: Self.filterSlice)
            // Draw only when something visible can have changed: the second, the journal,
            // the console's own state, the size or a filter's matches.
            if lastDrawn == nil || searching || wasSearching || lastDrawn?.second != second || lastDrawn?.events != session.events.count
                || lastDrawn?.model != model || lastDrawn?.width != size.width || lastDrawn?.height != size.height
                || lastDrawn?.fault != session.fault {
                let shown = context(at: now)
                // The terminal resized while the frame was laid out or sent: lay it out again
                // now (a resize that lands outside the wait below wakes nothing until a key).
                guard terminal.draw(ConsoleRenderer.render(context: shown, model: model, width: size.width, height: size.height, cache: &renderCache)),
                      terminal.size == size else {
                    lastDrawn = nil
                    continue
                }
                if watch.somethingNew(in: shown.status.attention) { terminal.alert(alert) }
                lastDrawn = (second, session.events.count, model, size.width, size.height, session.fault)
                if let firstFrameFile {
                    var wall = timespec()
                    clock_gettime(CLOCK_REALTIME, &wall)
                    try? "\(Int64(wall.tv_sec) * 1_000_000_000 + Int64(wall.tv_nsec))\n".write(toFile: firstFrameFile, atomically: false, encoding: .utf8)
                    return (session.fault, session.path)
                }
            }
            // Sleep to the next second unless a key or the journal wakes us first (while a
            // filter is searching, only look for keys).
            guard waiter.wait(milliseconds: searching ? 0 : Int32(1_000 - now.milliseconds % 1_000)) == .input else { continue }
            // ncurses may hold several keys from one read: handle every one that is ready.
            while let key = terminal.readKey(timeout: 0) {
                if key == .resize {
                    terminal.invalidate()
                    lastDrawn = nil
                    continue
                }
                if key == .control("c"), model.entry == nil { return (session.fault, session.path) }
                let size = terminal.size
                let effects = ConsoleInput.handle(key == .control("c") ? .escape : key, model: &model, context: context(at: session.clock.now()),
                                                  screen: (size.width, size.height))
                for effect in effects {
                    switch effect {
                    case .quit:
                        return (session.fault, session.path)
                    case .submit(let commands):
                        submit(commands, to: session, model: &model)
                    case .replay:
                        break
                    }
                }
            }
        }
        return (session.fault, session.path)
    }

    /// Submits commands in order, stopping at the first that is not acknowledged, and says
    /// what happened in the footer.
    private func submit(_ commands: [Command], to session: IncidentSession, model: inout ConsoleModel) {
        for command in commands {
            switch session.submit(command, operator: operatorName) {
            case .accepted(let event):
                model.message = .init(.info, "✓ " + EventText.describe(event, runbook: source.runbook))
            case .refused(let refusal):
                model.message = .init(.error, "refused: \(refusal.reason)")
                return
            case .failed(let error) where error.outcomeUnknown && session.unsettled != nil:
                let pending = session.unsettled.map { EventText.describe($0, runbook: source.runbook) } ?? ""
                model.message = .init(.error, "OUTCOME UNKNOWN — the store went away as it was committing: \(pending). "
                    + "Do not give it again yet: this line says whether it was recorded once the store is back")
                return
            case .failed(let error):
                let advice = session.fault.map { $0.readOnly && error.message.contains($0.advice) ? "" : ". " + $0.advice } ?? ""
                // A lost store's refusal already says NOT RECORDED and the banner names the
                // store: the reason alone, once.
                let lost = "NOT RECORDED: "
                let text = error.message.hasPrefix(lost) ? String(error.message.dropFirst(lost.count))
                    : error.kind == .unreachable ? error.message : error.description
                model.message = .init(.error, "NOT RECORDED — \(text)\(advice)")
                return
            }
        }
    }
}

extension ConsoleRunner {
    /// The footer's word on a command whose outcome was lost, once the store answered again.
    func settled(_ settlement: IncidentSession.Settlement) -> ConsoleModel.Message {
        switch settlement {
        case .recorded(let event):
            .init(.info, "✓ recorded after all (#\(event.sequence)): " + EventText.describe(event, runbook: source.runbook))
        case .notRecorded(let event):
            .init(.error, "NOT RECORDED after all: " + EventText.describe(event, runbook: source.runbook) + " — give it again if it is still wanted")
        }
    }
}

/// Set from a signal handler, read by the main loop.
final class StopFlag: Sendable {
    private let value = Mutex(false)
    func set() { value.withLock { $0 = true } }
    var isSet: Bool { value.withLock { $0 } }
}
