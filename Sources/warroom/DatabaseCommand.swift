import ArgumentParser
import Foundation
import WarRoomEngine
import WarRoomPostgres

/// `warroom db init|list [URL]`: the shared store's schema and its incidents (docs/shared-store.md).
struct DatabaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Set up the PostgreSQL database that holds shared incidents, and list them.",
        subcommands: [DatabaseInitCommand.self, DatabaseListCommand.self]
    )

    /// The database of `url`, or of WARROOM_DATABASE_URL; a bad or missing URL is bad input.
    static func database(_ url: String?) throws -> PostgresURL {
        // `USER@HOST/DB` is short for postgres://USER@HOST/DB; another scheme is refused as such.
        guard let location = try JournalLocation.parse(url.map { PostgresURL.isURL($0) || JournalLocation.looksLikeURL($0) ? $0 : "postgres://" + $0 }),
              case .postgres(let database) = location else {
            JournalInput.warn("warroom db: give the database as postgres://USER@HOST/DB (or set \(JournalLocation.databaseVariable))")
            throw ExitStatus.invalidInput
        }
        return database
    }

    /// Exits as the journal commands do for `error`, after saying it.
    static func fail(_ error: JournalError) -> any Error {
        JournalInput.warn(error.description)
        return error.isBadInput ? ExitStatus.invalidInput : ExitCode.failure
    }
}

/// `warroom db init [URL]`: create warroom's tables, or migrate them to this build's schema.
struct DatabaseInitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create warroom's tables in a PostgreSQL database, or migrate them to this warroom's schema."
    )

    @Argument(help: "The database: postgres://USER@HOST/DB (default: $WARROOM_DATABASE_URL).")
    var url: String?

    func run() throws {
        let database = try DatabaseCommand.database(url)
        do {
            let done = try PostgresAdmin.initialise(PostgresLink(url: database, warn: JournalInput.warn))
            print(done.from == done.to ? "\(database): the warroom schema is at version \(done.to); nothing to do"
                  : "\(database): the warroom schema \(done.from == 0 ? "created" : "migrated from version \(done.from)") at version \(done.to)")
        } catch {
            throw DatabaseCommand.fail(error)
        }
    }
}

/// `warroom db list [URL]`: the incidents in the database.
struct DatabaseListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the incidents in a PostgreSQL database, the latest first."
    )

    @Argument(help: "The database: postgres://USER@HOST/DB (default: $WARROOM_DATABASE_URL).")
    var url: String?

    func run() throws {
        let database = try DatabaseCommand.database(url)
        do {
            for incident in try PostgresAdmin.incidents(PostgresLink(url: database, warn: JournalInput.warn)) {
                print("\(TextSanitizer.line(incident.incident))  opened \(incident.openedAt.iso8601) by \(TextSanitizer.line(incident.openedBy))  "
                      + CountNotation.count(incident.lastSequence, "event"))
            }
        } catch {
            throw DatabaseCommand.fail(error)
        }
    }
}
