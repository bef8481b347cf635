/// Why a journal could not be opened, read or written.
public struct JournalError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure it is, which decides the exit status and whether the session goes on.
    public enum Kind: String, Sendable, Hashable {
        /// The file is not a usable journal (no header, future format, events that no longer fit the runbook).
        case invalid
        /// The file could not be opened, read or written.
        case io
        /// `fsync` failed: nothing written since the last successful sync can be trusted, and the
        /// session acknowledges no further command.
        case syncFailed
        /// The path no longer names the file the session has open: it was deleted, moved or
        /// replaced. The session acknowledges nothing more.
        case vanished
        /// The disk is full: the command was not recorded (nothing of it is left in the file).
        case diskFull
        /// The journal can be read but not written (permissions, a read-only or immutable file).
        case readOnly
        /// A shared store (PostgreSQL) cannot be reached: the connection failed, dropped or
        /// timed out. A command it was given is not acknowledged; the session tries again.
        case unreachable
    }

    public var kind: Kind
    /// The journal's path.
    public var path: String
    /// The line the problem is on, when there is one.
    public var line: Int?
    public var message: String
    /// The store was asked to make the event durable (PostgreSQL's `COMMIT` was sent) and
    /// its answer was lost: the event may be recorded. It is not acknowledged; the session
    /// finds out which once the store answers again (`IncidentSession.Settlement`).
    public var outcomeUnknown = false

    public init(_ kind: Kind, path: String, line: Int? = nil, _ message: String) {
        self.kind = kind
        self.path = path
        self.line = line
        self.message = message
    }

    /// Whether the failure is bad input (exit status 2): a file that is not a usable journal
    /// for what was asked; otherwise it is the system failing (exit status 1).
    public var isBadInput: Bool { kind == .invalid || kind == .readOnly }

    /// `path:line: error: message`.
    public var description: String {
        "\(path)\(line.map { ":\($0)" } ?? ""): error: \(message)"
    }
}
