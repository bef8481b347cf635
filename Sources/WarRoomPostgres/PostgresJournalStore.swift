import PostgresNIO
import WarRoomEngine

/// An incident's journal in PostgreSQL (docs/shared-store.md): a `JournalStore` over the
/// append-only `warroom_events` table and its header row in `warroom_incidents`.
///
/// - **Append.** In one transaction (`BEGIN` … `COMMIT`), one statement takes the incident's
///   row lock by moving `last_seq` on by one *only if* it is still the sequence number this
///   handle last read, inserts the event with that number and `NOTIFY`s `INCIDENT:SEQ`. When
///   another writer got in first the statement changes nothing; the handle reads what that
///   writer committed, the engine checks the command again against it, and it tries again.
///   So sequence numbers have no gaps, are assigned under the per-incident lock and commit in
///   their order, and every check runs against the state the event follows. The event is
///   acknowledged only when `COMMIT` has returned.
/// - **Read.** `LISTEN` on every (re)connect, then everything after the last sequence number
///   seen; a notification only says that there is something to read.
/// - **Faults.** A connection that drops or times out is `.unreachable`: nothing is
///   acknowledged (a COMMIT whose answer was lost may still have been recorded, and is read
///   back like any other event once the store is reachable); the next call connects again.
/// - **Following.** A console calls `follow()`: a `PostgresWatcher` then LISTENs and asks for
///   the last sequence number every second on a connection of its own, so the console reads
///   only when there is something to read and, while the server does not answer, its reads
///   and appends fail at once instead of waiting on the network.
///
/// A class because it owns the connection; use it from one task at a time.
public final class PostgresJournalStore: JournalStore {
    public let link: PostgresLink
    /// The incident in the database (from the URL, or the fresh header's when a writer created it).
    public private(set) var incident: String?
    public var location: String { link.url.with(incident: incident).description }
    public private(set) var issues: [JournalIssue] = []
    /// The last sequence number delivered to this handle.
    private var delivered = 0
    /// Sequence numbers of rows skipped (not events this build reads), reported once each.
    private var skipped: Set<Int> = []
    /// When the table was last read (monotonic ms): with no notification, a read at most once
    /// a second is the heartbeat that notices a network gone quiet.
    private var lastRead: Int64 = 0
    /// The wake-up count at the last read.
    private var wakesSeen = -1
    /// Watches the server for a follower (`follow()`), so its loop never waits on the network.
    private var watcher: PostgresWatcher?
    /// A COMMIT's answer was lost: the next read asks the server, whatever the watcher or
    /// the heartbeat say, so the session learns whether the event was recorded.
    private var mustRead = false

    /// A store on `url`'s incident (`?incident=…`); a writer that creates may leave it out.
    public init(url: PostgresURL, warn: (String) -> Void = { _ in }) {
        link = PostgresLink(url: url, warn: warn)
        incident = url.incident
        link.onConnect = { [unowned self] connection throws(JournalError) in
            // A follower's watcher LISTENs on a connection of its own.
            guard watcher == nil else { return }
            // LISTEN first, so nothing committed after the catch-up read can be missed.
            try PostgresListener.listen(on: connection, link: link)
            // A reconnect may have missed notifications: the next read must read.
            link.wake.wake()
        }
    }

    deinit { watcher?.stop() }

    /// Starts the watcher (a second connection: `PostgresWatcher`) and returns the descriptor
    /// its wake-ups, the notifications and connection losses make readable.
    public func follow() -> Int32? {
        if watcher == nil, let incident, let configuration = try? link.configuration() {
            let watcher = PostgresWatcher(configuration: configuration, url: link.url, incident: incident, wake: link.wake)
            self.watcher = watcher
            // A statement under way when the network goes quiet is given up as soon as the
            // watcher knows, not at its timeout.
            link.abandon = {
                if case .lost(let error) = watcher.health { return error }
                return nil
            }
        }
        return link.wake.readEnd
    }

    /// Throws the watcher's error at once while it finds the store lost, dropping this
    /// handle's connection too (a network that went quiet would hold its next statement for
    /// the whole timeout); the next call after it is back connects again.
    private func failIfLost() throws(JournalError) {
        guard case .lost(let error)? = watcher?.health else { return }
        link.disconnect()
        throw error
    }

    public func open(creating fresh: (() -> JournalHeader)?) throws(JournalError) -> JournalOpening {
        if let fresh {
            let header = fresh()
            if incident == nil { incident = header.incident }
            let wanted = try incidentName()
            let outline = JSONWriter.encode(header.value["runbook"]?["procedures"] ?? .object([]))
            try link.query("""
                INSERT INTO warroom_incidents (incident, format, runbook_path, runbook_sha256, runbook_procedures, opened_at, opened_by)
                VALUES (\(wanted), \(header.format), \(header.runbookPath), \(header.runbookSHA256), \(outline)::jsonb,
                        'epoch'::timestamptz + \(header.openedAt.milliseconds) * interval '1 millisecond', \(header.openedBy))
                ON CONFLICT (incident) DO NOTHING
                """, doing: "creating the incident")
        }
        let header = try readHeader()
        let events = try read(after: 0)
        return JournalOpening(header: header, events: events)
    }

    private func incidentName() throws(JournalError) -> String {
        guard let incident else {
            throw JournalError(.invalid, path: location, "the URL names no incident: add ?incident=INC-… (warroom db list '\(link.url.with(incident: nil))' lists them)")
        }
        return incident
    }

    /// The incident's header, as a journal file's first line holds it.
    public func readHeader() throws(JournalError) -> JournalHeader {
        let incident = try incidentName()
        let rows = try link.query("""
            SELECT format, runbook_path, runbook_sha256, runbook_procedures::text,
                   (extract(epoch FROM opened_at) * 1000)::int8, opened_by
            FROM warroom_incidents WHERE incident = \(incident)
            """, doing: "reading the incident's header")
        guard let row = rows.first else {
            throw JournalError(.invalid, path: location, "no incident \(incident) in the database (warroom db list '\(link.url.with(incident: nil))' lists them)")
        }
        do {
            let (format, path, sha, procedures, opened, openedBy) = try row.decode((Int, String, String, String, Int, String).self)
            guard format <= JournalHeader.currentFormat else {
                throw JournalError(.invalid, path: location, "the journal is format \(format), newer than this warroom reads (format \(JournalHeader.currentFormat)); use a newer warroom")
            }
            var outline: [String: Int] = [:]
            if case .object(let members)? = try? JSONParser.parse(procedures) {
                for (id, count) in members { if let count = count.int { outline[id] = count } }
            }
            return JournalHeader(format: format, incident: incident, runbookPath: path, runbookSHA256: sha,
                                 openedAt: Instant(milliseconds: Int64(opened)), openedBy: openedBy, outline: outline)
        } catch let error as JournalError {
            throw error
        } catch {
            throw JournalError(.invalid, path: location, "the incident's header row cannot be read: \(error)")
        }
    }

    public func read(after sequence: Int) throws(JournalError) -> [Event] {
        let tail = sequence == delivered
        let wakes = link.wake.count
        try failIfLost()
        if tail, !mustRead {
            // The watcher knows the last sequence number (asked every second, moved on by each
            // notification): nothing after what was delivered is nothing to read, and a read
            // is never started just for a notification of this handle's own append.
            if case .live(let last)? = watcher?.health {
                if last <= delivered { return [] }
            } else if wakes == wakesSeen, link.isConnected, PostgresLink.monotonicMilliseconds() - lastRead < 1_000 {
                // Without one, a read at most once a second is the heartbeat.
                return []
            }
        }
        let connection = try link.connected()
        wakesSeen = wakes
        return try read(after: sequence, on: connection)
    }

    /// Reads the events after `sequence` on `connection` (inside an append's transaction, or not).
    private func read(after sequence: Int, on connection: PostgresConnection) throws(JournalError) -> [Event] {
        let incident = try incidentName()
        let tail = sequence == delivered
        var events: [Event] = []
        var after = sequence
        while true {
            let rows = try link.run("""
                SELECT seq, (extract(epoch FROM at) * 1000)::int8, operator, type, payload::text
                FROM warroom_events WHERE incident = \(incident) AND seq > \(after) ORDER BY seq LIMIT 10000
                """, on: connection, doing: "reading new events")
            for row in rows {
                guard let (seq, event) = decode(row) else { continue }
                after = seq
                if let event { events.append(event) }
            }
            if rows.count < 10_000 { break }
        }
        lastRead = PostgresLink.monotonicMilliseconds()
        mustRead = false
        if tail { delivered = max(delivered, after) }
        return events
    }

    /// The sequence number of a row and its event, or nil for the event when it is not one
    /// this build reads (reported once in `issues`, as a file's bad line is).
    private func decode(_ row: PostgresRow) -> (Int, Event?)? {
        guard let (seq, at, op, type, payload) = try? row.decode((Int, Int, String, String, String).self) else { return nil }
        do throws(EventJSON.Failure) {
            let value: JSONValue
            do throws(JSONParser.Failure) { value = try JSONParser.parse(payload) } catch {
                throw EventJSON.Failure(message: "the payload is not valid JSON (\(error))")
            }
            let kind = try EventJSON.kind(type: type, payload: value)
            return (seq, Event(sequence: seq, at: Instant(milliseconds: Int64(at)), operator: op, kind: kind))
        } catch {
            if skipped.insert(seq).inserted {
                issues.append(JournalIssue(line: seq + 1, message: "event \(seq): \(error.message); skipped"))
            }
            return (seq, nil)
        }
    }

    public func append(_ decide: ([Event]) -> Result<Event, Refusal>) throws(JournalError) -> JournalAppend {
        let incident = try incidentName()
        try failIfLost()
        let outcome: JournalAppend
        do throws(JournalError) {
            outcome = try transaction(incident: incident, decide)
        } catch {
            if error.outcomeUnknown { mustRead = true }
            throw error
        }
        // Only now, COMMIT having returned, is the event this handle's last.
        if case .written(let event) = outcome { delivered = event.sequence }
        return outcome
    }

    /// The append's transaction: lock, catch up, decide, insert, notify, commit.
    private func transaction(incident: String, _ decide: ([Event]) -> Result<Event, Refusal>) throws(JournalError) -> JournalAppend {
        try link.transaction(doing: "recording the event") { connection throws(JournalError) -> JournalAppend in
            // The per-incident lock, held until COMMIT: appends to one incident queue here.
            let head = try link.run("SELECT last_seq FROM warroom_incidents WHERE incident = \(incident) FOR UPDATE",
                                    on: connection, doing: "locking the incident")
            guard let last = (try? head.first?.decode(Int.self)) ?? nil else {
                throw JournalError(.invalid, path: location, "no incident \(incident) in the database any more; nothing was recorded")
            }
            // What others committed since this handle's last read: no one can add more now.
            let fresh = last > delivered ? try read(after: delivered, on: connection) : []
            guard delivered == last else {
                throw JournalError(.invalid, path: location, "the incident's last sequence number (\(last)) does not match its events "
                    + "(the last is \(delivered): was a row removed?); nothing was recorded")
            }
            let event: Event
            switch decide(fresh) {
            case .success(let decided): event = decided
            case .failure(let refusal): return .refused(refusal)
            }
            if case .failure(let refusal) = JournalLine.encode(event) { return .refused(refusal) }
            let payload = JSONWriter.encode(EventJSON.payload(event.kind))
            if payload.contains("\\u0000") {
                return .refused(Refusal("not recorded: the text holds a NUL character (U+0000), which PostgreSQL's JSONB cannot store; remove it"))
            }
            guard event.sequence == last + 1 else {
                return .refused(Refusal("not recorded: the store holds event \(last + 1) or later, which this warroom cannot read "
                    + "(\(issues.last?.message ?? "see the warnings")); use the warroom that wrote it"))
            }
            try link.run("""
                WITH added AS (
                    INSERT INTO warroom_events (incident, seq, at, operator, type, payload)
                    VALUES (\(incident), \(event.sequence), 'epoch'::timestamptz + \(event.at.milliseconds) * interval '1 millisecond',
                            \(event.operator), \(event.kind.typeName), \(payload)::jsonb)
                    RETURNING seq
                )
                UPDATE warroom_incidents SET last_seq = (SELECT seq FROM added)
                WHERE incident = \(incident)
                RETURNING pg_notify('warroom_journal', incident || ':' || last_seq)
                """, on: connection, doing: "recording the event")
            return .written(stored: event)
        }
    }

    public func waitForAppend(milliseconds: Int) -> Bool {
        link.wake.wait(milliseconds: milliseconds)
    }

    public func fault(for error: JournalError, acknowledged events: Int) -> JournalFault? {
        switch error.kind {
        case .unreachable: JournalFault.unreachable(error, events: events)
        case .io, .syncFailed:
            JournalFault(error: error, readOnly: false, savedCopy: nil, nextCommand: "give the command again",
                         advice: "PostgreSQL refused the write; nothing of it was recorded, and every acknowledged event is kept")
        case .invalid, .readOnly, .vanished, .diskFull: nil
        }
    }
}
