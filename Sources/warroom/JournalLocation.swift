import ArgumentParser
import Foundation
import WarRoomEngine
import WarRoomPostgres

/// Where a command's journal is: a JSON Lines file, or an incident in PostgreSQL
/// (`postgres://…?incident=INC-…`, docs/shared-store.md). `WARROOM_DATABASE_URL` is the
/// database when no journal is given, and a bare incident id (`INC-…`) names an incident in
/// it.
enum JournalLocation {
    case file(String)
    case postgres(PostgresURL)

    /// The variable naming the shared database.
    static let databaseVariable = "WARROOM_DATABASE_URL"

    /// Reads a `--journal` value or a JOURNAL argument; nil `text` is the database of
    /// `WARROOM_DATABASE_URL`, when set. A bad URL is bad input (exit 2).
    /// `environment` is the process's when nil; only the database variable is read from it
    /// unless the journal is in a database (copying the whole environment cost a twentieth of
    /// every `warroom status`).
    static func parse(_ text: String?, environment given: [String: String]? = nil) throws -> JournalLocation? {
        var environment: [String: String] { given ?? ProcessInfo.processInfo.environment }
        let variable = given.map { $0[databaseVariable] } ?? getenv(databaseVariable).map { String(cString: $0) }
        let database = variable.flatMap { $0.isEmpty ? nil : $0 }
        // `postgress://…`, `Postgres://…`, `mysql://…`: a URL, not a file name, and maybe
        // holding a password: refused without ever being printed whole.
        if let text, !PostgresURL.isURL(text), looksLikeURL(text), !FileManager.default.fileExists(atPath: text) {
            JournalInput.warn("warroom: \(PostgresURL.redacting(text)): error: expected a journal file or a URL starting postgres:// or postgresql://")
            throw ExitStatus.invalidInput
        }
        do throws(PostgresURL.Failure) {
            if let text, PostgresURL.isURL(text) { return .postgres(try PostgresURL(text, environment: environment)) }
            if let text, let database, text.hasPrefix("INC-"), !text.contains("/"), !FileManager.default.fileExists(atPath: text) {
                return .postgres(try PostgresURL(database, environment: environment).with(incident: text))
            }
            if let text { return .file(text) }
            if let database { return .postgres(try PostgresURL(database, environment: environment)) }
            return nil
        } catch {
            JournalInput.warn("warroom: \(text.map { _ in "" } ?? "\(databaseVariable): ")\(error.message)")
            throw ExitStatus.invalidInput
        }
    }

    /// Whether `text` starts as a URL does: a scheme (a letter, then letters, digits, `+`,
    /// `-` or `.`) and `:/`.
    static func looksLikeURL(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":"), text[colon...].hasPrefix(":/") else { return false }
        let scheme = text[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter else { return false }
        return scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
    }

    /// The journal as messages name it (a URL without its password).
    var description: String {
        switch self {
        case .file(let path): path
        case .postgres(let url): url.description
        }
    }

    /// The incident's URL, for a PostgreSQL journal.
    var url: PostgresURL? {
        if case .postgres(let url) = self { return url }
        return nil
    }

    /// A store on this journal for a writer (with `create`, one that may create it).
    func writer(create: Bool) throws(JournalError) -> any JournalStore {
        switch self {
        case .file(let path): try JournalFileStore(path: path, create: create)
        case .postgres(let url): PostgresJournalStore(url: url, warn: JournalInput.warn)
        }
    }

    /// A store on this journal for a reader; nil for a file (read with `JournalReader`'s file
    /// functions, which open it read-only and use its checkpoints).
    func reader() -> (any JournalStore)? {
        switch self {
        case .file: nil
        case .postgres(let url): PostgresJournalStore(url: url, warn: JournalInput.warn)
        }
    }

    /// The journal's header, read without writing.
    func header() throws(JournalError) -> JournalHeader {
        switch self {
        case .file(let path): try JournalReader.header(path: path)
        case .postgres(let url): try PostgresJournalStore(url: url, warn: JournalInput.warn).readHeader()
        }
    }

    /// Whether a journal is there to continue (a file that exists; an incident the URL names).
    var mayExist: Bool {
        switch self {
        case .file(let path): FileManager.default.fileExists(atPath: path)
        case .postgres(let url): url.incident != nil
        }
    }
}
