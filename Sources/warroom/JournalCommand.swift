import ArgumentParser
import Foundation
import WarRoomEngine
import WarRoomPostgres

/// `warroom journal export|import`: move an incident between PostgreSQL and a JSON Lines file.
struct JournalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "journal",
        abstract: "Move an incident between PostgreSQL and a journal file (docs/shared-store.md).",
        subcommands: [JournalExportCommand.self, JournalImportCommand.self]
    )

    /// The incident of `text` (a URL with ?incident=, or INC-… in WARROOM_DATABASE_URL).
    static func incident(_ text: String) throws -> PostgresURL {
        guard case .postgres(let url)? = try JournalLocation.parse(text), url.incident != nil else {
            JournalInput.warn("warroom: \(JournalInput.shown(text)): error: expected an incident in PostgreSQL: "
                + "postgres://USER@HOST/DB?incident=INC-… (or INC-… with \(JournalLocation.databaseVariable))")
            throw ExitStatus.invalidInput
        }
        return url
    }
}

/// `warroom journal export URL [-o FILE]`: the incident as a journal file, byte for byte what
/// the file store writes for the same events.
struct JournalExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write an incident in PostgreSQL as a JSON Lines journal file (the file format, byte for byte)."
    )

    @Argument(help: "The incident: postgres://USER@HOST/DB?incident=INC-… (or INC-… with WARROOM_DATABASE_URL).")
    var incident: String

    @Option(name: .shortAndLong, help: "The file to write (default: standard output).")
    var output: String?

    func run() throws {
        let url = try JournalCommand.incident(incident)
        var bytes: [UInt8] = []
        do {
            try PostgresAdmin.export(PostgresJournalStore(url: url, warn: JournalInput.warn)) { line in bytes += line.utf8 }
        } catch {
            throw DatabaseCommand.fail(error)
        }
        guard let output else {
            FileHandle.standardOutput.write(Data(bytes))
            return
        }
        do {
            try OutputFile.write(Data(bytes), to: output)
        } catch {
            JournalInput.warn("\(output): error: cannot write the journal: \(error.localizedDescription)")
            throw ExitCode.failure
        }
    }
}

/// `warroom journal import FILE URL`: a journal file copied into PostgreSQL, every sequence
/// number kept, so the incident goes on in the shared store.
struct JournalImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Copy a JSON Lines journal into PostgreSQL (as the incident its header names, or --incident) to go on there."
    )

    @Argument(help: "The journal file.")
    var file: String

    @Argument(help: "The database: postgres://USER@HOST/DB (default: $WARROOM_DATABASE_URL).")
    var url: String?

    @Option(help: "The incident's id in the database (default: the file's).")
    var incident: String?

    func run() throws {
        let database = try DatabaseCommand.database(url)
        do {
            let done = try PostgresAdmin.importFile(file, into: PostgresLink(url: database, warn: JournalInput.warn), incident: incident ?? database.incident)
            for issue in done.issues { JournalInput.warn("\(file):\(issue.line): warning: \(issue.message); not imported") }
            let target = database.with(incident: done.incident)
            print("\(CountNotation.count(done.events, "event")) of \(file) imported as \(target)")
            print("Go on with: warroom open --journal '\(target)'  (stop every writer of \(file) first: it is not kept in step)")
        } catch {
            throw DatabaseCommand.fail(error)
        }
    }
}
