import PostgresNIO
import WarRoomEngine

/// What `warroom db` and `warroom journal` do with the database: create or migrate the schema,
/// list incidents, and move an incident between PostgreSQL and a JSON Lines file.
public enum PostgresAdmin {
    /// What `initialise` did: the schema version found and the one left.
    public struct Migration: Sendable, Hashable {
        public var from: Int
        public var to: Int
        public init(from: Int, to: Int) {
            self.from = from
            self.to = to
        }
    }

    /// Creates warroom's tables, or migrates them to `PostgresSchema.currentVersion`, in one
    /// transaction under an advisory lock. Refuses a schema newer than this build's.
    public static func initialise(_ link: PostgresLink) throws(JournalError) -> Migration {
        try link.transaction(doing: "creating the schema") { connection throws(JournalError) -> Migration in
            try link.run("SELECT pg_advisory_xact_lock(\(PostgresSchema.lockKey))", on: connection, doing: "locking the schema")
            try link.run(PostgresQuery(unsafeSQL: PostgresSchema.versionTable), on: connection, doing: "creating the schema")
            let rows = try link.run("SELECT max(version) FROM warroom_schema", on: connection, doing: "reading the schema version")
            let found = (try? rows.first?.decode(Int?.self)) ?? nil
            let from = found ?? 0
            guard from <= PostgresSchema.currentVersion else {
                throw JournalError(.invalid, path: link.url.description, "the database's warroom schema is version \(from), newer than this warroom's "
                    + "(\(PostgresSchema.currentVersion)); use a newer warroom")
            }
            for migration in PostgresSchema.migrations.dropFirst(from) {
                for statement in migration {
                    try link.run(PostgresQuery(unsafeSQL: statement), on: connection, doing: "migrating the schema")
                }
            }
            if from < PostgresSchema.currentVersion {
                try link.run("DELETE FROM warroom_schema", on: connection, doing: "recording the schema version")
                try link.run("INSERT INTO warroom_schema (version) VALUES (\(PostgresSchema.currentVersion))", on: connection,
                             doing: "recording the schema version")
            }
            return Migration(from: from, to: PostgresSchema.currentVersion)
        }
    }

    /// One incident in the database.
    public struct Incident: Sendable, Hashable {
        public var incident: String
        public var openedAt: Instant
        public var openedBy: String
        public var lastSequence: Int
    }

    /// Every incident, the latest opened first.
    public static func incidents(_ link: PostgresLink) throws(JournalError) -> [Incident] {
        let rows = try link.query("""
            SELECT incident, (extract(epoch FROM opened_at) * 1000)::int8, opened_by, last_seq
            FROM warroom_incidents ORDER BY opened_at DESC, incident
            """, doing: "listing incidents")
        return rows.compactMap { row in
            guard let (incident, opened, by, last) = try? row.decode((String, Int, String, Int).self) else { return nil }
            return Incident(incident: incident, openedAt: Instant(milliseconds: Int64(opened)), openedBy: by, lastSequence: last)
        }
    }

    /// Writes the incident of `store` as a journal file's lines to `write`: the header line,
    /// then each event's line, each with its newline; byte for byte what the file store
    /// writes for the same events. Returns the number of events.
    @discardableResult
    public static func export(_ store: PostgresJournalStore, to write: (String) throws(JournalError) -> Void) throws(JournalError) -> Int {
        let opening = try store.open(creating: nil)
        try write(opening.header.line + "\n")
        for event in opening.events { try write(EventJSON.line(event) + "\n") }
        return opening.events.count
    }

    /// Copies the journal file at `path` into the database as the incident its header names
    /// (or `incident`), keeping every sequence number; refuses an incident already there.
    /// Lines the file's readers skip are skipped (and returned). One transaction: all or nothing.
    public static func importFile(_ path: String, into link: PostgresLink, incident: String? = nil) throws(JournalError) -> (incident: String, events: Int, issues: [JournalIssue]) {
        var events: [Event] = []
        let contents = try JournalReader.read(path: path) { events.append($0) }
        var header = contents.header
        if let incident { header.incident = incident }
        for event in events {
            if case .failure(let refusal) = JournalLine.encode(event) {
                throw JournalError(.invalid, path: path, "event \(event.sequence) cannot be imported: \(refusal.reason)")
            }
            if JSONWriter.encode(EventJSON.payload(event.kind)).contains("\\u0000") {
                throw JournalError(.invalid, path: path, "event \(event.sequence) holds a NUL character (U+0000), which PostgreSQL's JSONB cannot store")
            }
        }
        let name = header.incident
        let last = events.last?.sequence ?? 0
        try link.transaction(doing: "importing \(path)") { connection throws(JournalError) in
            let outline = JSONWriter.encode(header.value["runbook"]?["procedures"] ?? .object([]))
            let rows = try link.run("""
                INSERT INTO warroom_incidents (incident, format, runbook_path, runbook_sha256, runbook_procedures, opened_at, opened_by, last_seq)
                VALUES (\(name), \(header.format), \(header.runbookPath), \(header.runbookSHA256), \(outline)::jsonb,
                        'epoch'::timestamptz + \(header.openedAt.milliseconds) * interval '1 millisecond', \(header.openedBy), \(last))
                ON CONFLICT (incident) DO NOTHING
                RETURNING incident
                """, on: connection, doing: "importing the header")
            guard !rows.isEmpty else {
                throw JournalError(.invalid, path: link.url.with(incident: name).description,
                                   "incident \(name) is already in the database; nothing was imported (export it, or import under another name with --incident)")
            }
            var start = 0
            while start < events.count {
                let batch = events[start..<min(start + 1_000, events.count)]
                try link.run("""
                    INSERT INTO warroom_events (incident, seq, at, operator, type, payload)
                    SELECT \(name), seq, 'epoch'::timestamptz + at * interval '1 millisecond', operator, type, payload::jsonb
                    FROM unnest(\(batch.map(\.sequence))::int8[], \(batch.map { Int($0.at.milliseconds) })::int8[],
                                \(batch.map(\.operator))::text[], \(batch.map(\.kind.typeName))::text[],
                                \(batch.map { JSONWriter.encode(EventJSON.payload($0.kind)) })::text[]) AS e(seq, at, operator, type, payload)
                    """, on: connection, doing: "importing events")
                start += batch.count
            }
            try link.run("SELECT pg_notify('warroom_journal', \(name) || ':' || \(last))", on: connection, doing: "importing")
        }
        return (name, events.count, contents.issues)
    }
}
