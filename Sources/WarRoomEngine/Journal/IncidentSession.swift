/// A live incident on a journal: the engine, the state and the journal's store together.
///
/// `submit` asks the store (`JournalStore.append`) to take the incident's exclusive hold and
/// hand over what other processes appended since the last read, checks the command against
/// that up-to-date state, and has the store append the event with the next sequence number
/// durably (for a file, by the append rule of `JournalLine`: written and `fsync`ed; for
/// PostgreSQL, committed) before it returns it as acknowledged. A fault of the journal (it
/// vanished or was replaced, fsync or a write failed, the disk is full, the store cannot be
/// reached) is kept in `fault`; all but a full disk make the session read-only: that command
/// and every later one are refused. A store that cannot be reached is tried again at every
/// refresh and command, and the session catches up and writes again once it is back.
///
/// A live session (`live`, the console's) keeps the state compacted (`LiveState`: no notes,
/// only the latest pages and updates sent) and its events in an `EventHistory`, which for a
/// journal file reads them back from the file when shown: what it holds does not grow with
/// the incident's length. Any other session keeps the whole state, with every event held.
///
/// A class because it owns the open journal; use it from one task at a time.
public final class IncidentSession {
    /// What became of a submitted command.
    public enum Outcome: Sendable {
        /// Written and synced: acknowledged.
        case accepted(Event)
        /// Refused by the engine (or too long for a journal line); nothing was written.
        case refused(Refusal)
        /// The journal could not be written; nothing of the command is in it (see `fault`).
        case failed(JournalError)
    }

    public let engine: Engine
    /// The journal's location: its path, or the store's URL without a password.
    public let path: String
    /// Where the events are kept.
    public let store: any JournalStore
    public private(set) var header: JournalHeader
    public private(set) var state = IncidentState()
    /// Every event read so far, in sequence order (the console's timeline).
    public private(set) var events = EventHistory()
    /// Whether the state is compacted (`LiveState`); then `status()` is the full state's at
    /// any instant from `validFrom` on.
    public let live: Bool
    /// For a live session, the earliest instant whose status the compacted state gives.
    public private(set) var validFrom: Instant?
    /// A live session's fold since it last compacted.
    private var liveFold = LiveFold()
    /// Lines of the journal skipped so far (torn, garbage), with their numbers.
    public var issues: [JournalIssue] { store.issues }
    /// Warnings from opening (a runbook that changed since the journal was opened).
    public private(set) var warnings: [String] = []
    /// The journal's fault, once one happened (cleared by the next success for a full disk
    /// or a store that can be reached again).
    public private(set) var fault: JournalFault?
    /// The error that made the session read-only for good, if one did (a store that cannot
    /// be reached is not: the session goes on once it is back).
    public var fatal: JournalError? { fault.flatMap { $0.readOnly && !$0.reconnects ? $0.error : nil } }
    /// Where time comes from.
    public var clock: any Clock
    /// The event of a command whose outcome was lost with the store (`JournalError.outcomeUnknown`),
    /// until a read once the store is back shows whether it was recorded.
    public private(set) var unsettled: Event?
    private var settlements: [Settlement] = []

    /// What became of a command whose outcome was lost, found out once the store answered again.
    public enum Settlement: Sendable, Equatable {
        /// It was recorded after all: `event` is in the journal (do not give it again).
        case recorded(Event)
        /// It was not: nothing of `event` is in the journal (give it again if it is still wanted).
        case notRecorded(Event)
    }

    /// Opens (with `create`, creating when missing or empty) the journal file at `path` for
    /// `runbook`, whose file is `runbookPath` with bytes `runbookBytes`.
    public convenience init(journal path: String, runbook: Runbook, runbookPath: String, runbookBytes: [UInt8], operator: String,
                            clock: any Clock, create: Bool = true, sync: @escaping JournalFile.Sync = JournalFile.defaultSync,
                            live: Bool = false) throws(JournalError) {
        let store = try JournalFileStore(path: path, create: create, sync: sync)
        try self.init(store: store, runbook: runbook, runbookPath: runbookPath, runbookBytes: runbookBytes, operator: `operator`,
                      clock: clock, create: create, live: live)
    }

    /// Opens the journal in `store` for `runbook` (whose file is `runbookPath` with bytes
    /// `runbookBytes`); with `create`, a journal without a header gets one, opened now by
    /// `operator` (`incident` names it, else the id of this instant). With `live`, the state
    /// is kept compacted and the events read back when shown (the console's session).
    public init(store: any JournalStore, runbook: Runbook, runbookPath: String, runbookBytes: [UInt8], operator: String,
                clock: any Clock, create: Bool = true, incident: String? = nil, live: Bool = false) throws(JournalError) {
        self.store = store
        self.path = store.location
        self.engine = Engine(runbook: runbook)
        self.clock = clock
        self.live = live
        let sha = SHA256.hex(runbookBytes)
        let fresh: (() -> JournalHeader)? = create ? {
            let now = clock.now()
            return JournalHeader(incident: incident ?? JournalHeader.incidentID(at: now), runbook: runbook, path: runbookPath,
                                 bytes: runbookBytes, openedAt: now, openedBy: `operator`)
        } : nil
        if live {
            let opening = try store.openLive(creating: fresh)
            header = opening.header
            liveFold = LiveFold(from: opening.live)
            state = opening.live.state
            validFrom = opening.live.validFrom
            events = opening.history
        } else {
            let opening = try store.open(creating: fresh)
            header = opening.header
            var state = IncidentState()
            var events: [Event] = []
            for event in opening.events {
                state.apply(event, after: events)
                events.append(event)
            }
            self.state = state
            self.events = EventHistory(events)
        }
        warnings = try RunbookFit.check(location: store.location, header: header, runbook: runbook, sha256: sha, events: events)
    }

    /// Checks `command` against the journal as it is now and, if it is accepted, appends and
    /// syncs its event before returning it.
    public func submit(_ command: Command, operator: String) -> Outcome {
        if let fault, fault.readOnly {
            guard fault.reconnects else {
                return .failed(JournalError(fault.error.kind, path: path, "this session is read-only: \(fault.error.message). \(fault.advice)"))
            }
            do throws(JournalError) {
                try refreshAfterLoss()
            } catch {
                return .failed(JournalError(error.kind, path: path, "NOT RECORDED: \(error.message); read-only until the store can be reached again"))
            }
        }
        var decided: Event?
        do throws(JournalError) {
            let outcome = try store.append { fresh in
                fold(fresh)
                let now: Instant
                switch journalTime() {
                case .success(let instant): now = instant
                case .failure(let refusal): return .failure(refusal)
                }
                let result = engine.decide(command, in: state, at: now, operator: `operator`)
                decided = try? result.get()
                return result
            }
            switch outcome {
            case .refused(let refusal):
                return .refused(refusal)
            case .written(let stored):
                fold([stored])
                if fault != nil { fault = nil }
                tellStoreFolded()
                settle()
                return .accepted(decided ?? stored)
            }
        } catch {
            note(error)
            if error.outcomeUnknown, let decided { unsettled = decided }
            return .failed(error)
        }
    }

    /// What became of commands whose outcome was lost, each said once: the caller tells the
    /// operator.
    public func takeSettlements() -> [Settlement] {
        defer { settlements = [] }
        return settlements
    }

    /// After a read that reached the store: the unsettled event is recorded when an event by
    /// the same operator with the same content holds its sequence number, and was not when
    /// another holds it or none does (the store that lost an answer reads from the server next:
    /// what it committed is there).
    private func settle() {
        guard let pending = unsettled else { return }
        unsettled = nil
        if let held = events.last(where: { $0.sequence == pending.sequence }), held.operator == pending.operator, held.kind == pending.kind {
            settlements.append(.recorded(held))
        } else {
            settlements.append(.notRecorded(pending))
        }
    }

    /// Folds events read from the store into the state and the timeline.
    private func fold(_ fresh: [Event]) {
        guard !fresh.isEmpty else { return }
        guard live else {
            // In place: a copy of the state would copy its arrays at the first change.
            for (offset, event) in fresh.enumerated() {
                state.apply(event, after: Array(self.events) + fresh[..<offset])
            }
            events.append(contentsOf: fresh)
            return
        }
        for event in fresh {
            if liveFold.state.retractsFoldedEvent(event) {
                // Its target is folded in already: fold everything again with it void.
                events.append(event)
                liveFold = LiveFold(from: LiveFold.fold(events))
            } else {
                liveFold.apply(event)
                events.append(event)
            }
        }
        // Compacted as the fold goes, so the state holds no more than `LiveFold` lets it.
        state = liveFold.state
        validFrom = liveFold.validFrom
    }

    /// Tells the store what was folded (its checkpoint).
    private func tellStoreFolded() {
        guard live else { return store.didFold(state) }
        store.didFold(live: LiveState(state: state, validFrom: validFrom), history: &events)
    }

    /// The instant a new event is stamped with: event times never go backwards. A real clock
    /// behind the journal's last event (stepped back, or another writer's clock ahead) stamps
    /// the last event's instant; a virtual clock set before it is refused, since a drill or a
    /// transcription that goes back in time is a mistake in its script.
    private func journalTime() -> Result<Instant, Refusal> {
        let now = clock.now()
        guard let last = events.last, now < last.at else { return .success(now) }
        guard clock is SystemClock else {
            return .failure(Refusal("the clock reads \(InstantNotation.dateAndTime(now)), before the journal's last event "
                + "(#\(last.sequence) at \(InstantNotation.dateAndTime(last.at))): events are recorded in time order; "
                + "move the clock past it (advance, or a later --virtual-clock)"))
        }
        return .success(last.at)
    }

    /// Reads events other processes appended since the last read; returns them. Checks that
    /// the path still names the open journal (a journal deleted or replaced is a fault that
    /// makes the session read-only, thrown once). A store that cannot be reached is a fault
    /// thrown once too; later refreshes try it again, quietly, and clear the fault (catching
    /// up on everything missed) once it answers.
    @discardableResult
    public func refresh() throws(JournalError) -> [Event] {
        if fatal != nil { return [] }
        if fault?.reconnects == true {
            return (try? refreshAfterLoss()) ?? []
        }
        do throws(JournalError) {
            return try readNew()
        } catch {
            if error.kind == .vanished || error.kind == .unreachable { note(error) }
            throw error
        }
    }

    /// A refresh while the store could not be reached: on success the fault is cleared.
    @discardableResult
    private func refreshAfterLoss() throws(JournalError) -> [Event] {
        do throws(JournalError) {
            let fresh = try readNew()
            fault = nil
            return fresh
        } catch {
            note(error)
            throw error
        }
    }

    private func readNew() throws(JournalError) -> [Event] {
        let fresh = try store.read(after: events.last?.sequence ?? 0)
        fold(fresh)
        if !fresh.isEmpty { tellStoreFolded() }
        settle()
        return fresh
    }

    /// Waits up to `milliseconds` for another participant's append, then reads it.
    @discardableResult
    public func waitAndRefresh(milliseconds: Int) throws(JournalError) -> [Event] {
        if fatal == nil, fault == nil { _ = store.waitForAppend(milliseconds: milliseconds) }
        return try refresh()
    }

    /// The status at the clock's instant.
    public func status() -> Status { Status(runbook: engine.runbook, state: state, at: clock.now()) }

    /// Keeps the fault `error` is, if it is one (saving a copy of a journal that vanished).
    private func note(_ error: JournalError) {
        if let fault = store.fault(for: error, acknowledged: events.count) {
            self.fault = fault
        }
    }
}
