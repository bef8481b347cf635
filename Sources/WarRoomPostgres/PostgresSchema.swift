/// The tables warroom keeps in PostgreSQL, created and migrated by `warroom db init`
/// (docs/shared-store.md): each migration runs once, in order, in one transaction with the
/// schema version recorded in `warroom_schema`, under an advisory lock so two `db init`s at
/// once do not race.
public enum PostgresSchema {
    /// The schema version this build writes and reads.
    public static var currentVersion: Int { migrations.count }

    /// The channel of `LISTEN` / `NOTIFY`; the payload is `INCIDENT:SEQ`, never the event.
    public static let channel = "warroom_journal"

    /// The key of the advisory lock `db init` takes.
    static let lockKey = 0x7761_7272_6F6F_6D

    /// The statements of each migration, by version from 1.
    public static let migrations: [[String]] = [
        [
            """
            CREATE TABLE warroom_incidents (
                incident text PRIMARY KEY,
                format integer NOT NULL,
                runbook_path text NOT NULL,
                runbook_sha256 text NOT NULL,
                runbook_procedures jsonb NOT NULL,
                opened_at timestamptz NOT NULL,
                opened_by text NOT NULL,
                last_seq bigint NOT NULL DEFAULT 0 CHECK (last_seq >= 0)
            )
            """,
            """
            CREATE TABLE warroom_events (
                incident text NOT NULL REFERENCES warroom_incidents (incident),
                seq bigint NOT NULL CHECK (seq >= 1 AND seq <= 9007199254740991),
                at timestamptz NOT NULL,
                operator text NOT NULL,
                type text NOT NULL,
                payload jsonb NOT NULL CHECK (jsonb_typeof(payload) = 'object'),
                PRIMARY KEY (incident, seq)
            )
            """,
            """
            CREATE FUNCTION warroom_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'warroom_events is append-only: % is not allowed (a correction is a later event)', TG_OP;
            END
            $$
            """,
            """
            CREATE TRIGGER warroom_events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON warroom_events
                FOR EACH STATEMENT EXECUTE FUNCTION warroom_events_append_only()
            """,
        ],
    ]

    /// The statement that records the schema version table itself (run before the migrations).
    static let versionTable = "CREATE TABLE IF NOT EXISTS warroom_schema (version integer NOT NULL)"
}
