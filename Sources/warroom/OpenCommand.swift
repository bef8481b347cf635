import ArgumentParser
import Foundation
import WarRoomConsole
import WarRoomEngine
import WarRoomPostgres
import WarRoomTerminal

/// `warroom open [RUNBOOK] [--journal FILE] [--operator NAME] [--theme NAME|FILE]`: the
/// console on a new (or existing) incident journal. `warroom` with no arguments runs this on
/// the embedded default runbook.
struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open the war-room console on a runbook (default: the embedded one).",
        discussion: """
            The incident's journal goes to --journal, or to a new file under $XDG_STATE_HOME/warroom/ \
            (~/.local/state/warroom/). Give an existing journal to join an incident another warroom is \
            running (the scribe's terminal). Without a terminal, prints the runbook instead.
            """
    )

    @Argument(help: "The runbook (YAML). Default: the embedded runbook.")
    var runbook: String?

    @Option(help: "The incident journal to create or join: a file, or postgres://…[?incident=INC-…] (default: $WARROOM_DATABASE_URL, else a new file).")
    var journal: String?

    @OptionGroup var console: ConsoleOptions

    func run() throws {
        let source: RunbookSource
        do {
            source = try RunbookSource.load(path: runbook.map(ConsolePaths.absolute))
        } catch {
            for diagnostic in error.diagnostics { JournalInput.warn(diagnostic.description) }
            throw ExitStatus.invalidInput
        }
        // Bad options are errors with or without a terminal.
        let theme = try ConsolePaths.theme(console.theme)
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            JournalInput.warn("warroom: not a terminal, so no console; showing the runbook (warroom show does this on purpose)")
            FileHandle.standardOutput.write(Data(RunbookSummary(runbook: source.runbook).render().utf8))
            return
        }
        let location = try JournalLocation.parse(journal) ?? .file(ConsolePaths.newJournal(for: source.runbook))
        let alert = try console.attentionAlert()
        let (fault, shown) = try ConsoleRunner(source: source, journal: location, operatorName: ConsolePaths.operatorName(console.operatorName),
                                               theme: theme, alert: alert, startsNextStep: !console.noStartNext).run()
        // After a fault the path may hold another file: the fault's advice (printed) names the way on.
        guard fault?.readOnly == true, fault?.reconnects != true else {
            print("Incident journal: \(shown)  (warroom resume '\(shown)')")
            return
        }
        throw ExitCode.failure
    }
}

/// `warroom resume JOURNAL`: reopen an incident exactly where its journal left it.
struct ResumeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Reopen an incident's console exactly where its journal left it."
    )

    @Argument(help: "The incident journal: a JSON Lines file, or postgres://…?incident=INC-… (or INC-… with WARROOM_DATABASE_URL).")
    var journal: String

    @Option(help: "The runbook to use instead of the one the journal names.")
    var runbook: String?

    @OptionGroup var console: ConsoleOptions

    func run() throws {
        let source: RunbookSource
        let header: JournalHeader
        let location = try JournalLocation.parse(journal) ?? .file(journal)
        let journal = location.description
        do {
            header = try location.header()
            source = try RunbookSource.forJournal(header: header, journalPath: location.url == nil ? journal : "./", override: runbook) { FileManager.default.fileExists(atPath: $0) }
        } catch let error as JournalError {
            JournalInput.warn(error.description)
            throw ExitStatus.invalidInput
        } catch let error as LoadFailure {
            for diagnostic in error.diagnostics { JournalInput.warn(diagnostic.description) }
            throw ExitStatus.invalidInput
        }
        let theme = try ConsolePaths.theme(console.theme)
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            JournalInput.warn("warroom: the console needs a terminal; `warroom status \(journal)` or `warroom replay \(journal)` work without one")
            throw ExitStatus.invalidInput
        }
        let alert = try console.attentionAlert()
        let operatorName = console.operatorName ?? OperatorPrompt.ask(lastOperator: OperatorPrompt.lastOperator(journal: location, header: header))
        let (fault, _) = try ConsoleRunner(source: source, journal: location, operatorName: operatorName, theme: theme,
                                           alert: alert, startsNextStep: !console.noStartNext).run()
        if fault?.readOnly == true, fault?.reconnects != true { throw ExitCode.failure }
    }
}

/// The options every console command takes.
struct ConsoleOptions: ParsableArguments {
    @Option(name: .customLong("operator"), help: "Your name in the journal (default: $USER).")
    var operatorName: String?

    @Option(help: "Theme: default, light, high-contrast, monochrome, or a theme file.")
    var theme: String = "default"

    @Flag(name: .customLong("no-start-next"), help: "Completing a step does not start the next one (nor starting a procedure its first step).")
    var noStartNext = false
    @Option(help: "When something new needs attention: off, bell or flash (default: $WARROOM_ALERT, else off).")
    var alert: String?

    /// The alert chosen by --alert or WARROOM_ALERT; a bad value is bad input.
    func attentionAlert() throws -> AttentionAlert {
        guard let chosen = AttentionAlert.choose(flag: alert, environment: ProcessInfo.processInfo.environment) else {
            JournalInput.warn("warroom: --alert (or WARROOM_ALERT) must be off, bell or flash; found '\(alert ?? ProcessInfo.processInfo.environment["WARROOM_ALERT"] ?? "")'")
            throw ExitStatus.invalidInput
        }
        return chosen
    }
}

/// Where the console keeps journals, who the operator is, which theme to load, and starting
/// the terminal.
enum ConsolePaths {
    /// Starts curses mode, or says why it cannot.
    static func startTerminal(theme: Theme) throws -> TerminalSession {
        do {
            return try TerminalSession(theme: theme, environment: ProcessInfo.processInfo.environment)
        } catch {
            JournalInput.warn("warroom: \(error.description)")
            throw ExitCode.failure
        }
    }

    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") || path.hasPrefix(RunbookSource.embeddedPrefix) ? path : FileManager.default.currentDirectoryPath + "/" + path
    }

    static func operatorName(_ given: String?) -> String {
        given ?? ProcessInfo.processInfo.environment["USER"] ?? "operator"
    }

    static func theme(_ nameOrPath: String) throws -> Theme {
        do {
            return try ThemeLoader.load(nameOrPath: nameOrPath)
        } catch {
            for diagnostic in error.diagnostics { JournalInput.warn(diagnostic.description) }
            throw ExitStatus.invalidInput
        }
    }

    /// A new journal path under `$XDG_STATE_HOME/warroom/` (default `~/.local/state/warroom/`).
    static func newJournal(for runbook: Runbook) throws -> String {
        let environment = ProcessInfo.processInfo.environment
        let base = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/state"
        let folder = base + "/warroom"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            JournalInput.warn("warroom: cannot create \(folder): \(error.localizedDescription)")
            throw ExitCode.failure
        }
        let stamp = String(SystemClock().now().iso8601.prefix(19)).replacingOccurrences(of: ":", with: "").replacingOccurrences(of: "-", with: "")
        var path = "\(folder)/\(runbook.id)-\(stamp).jsonl"
        var suffix = 2
        while FileManager.default.fileExists(atPath: path) {
            path = "\(folder)/\(runbook.id)-\(stamp)-\(suffix).jsonl"
            suffix += 1
        }
        return path
    }
}
