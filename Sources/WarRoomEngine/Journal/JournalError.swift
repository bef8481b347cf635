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
    }

    public var kind: Kind
    /// The journal's path.
    public var path: String
    /// The line the problem is on, when there is one.
    public var line: Int?
    public var message: String

    public init(_ kind: Kind, path: String, line: Int? = nil, _ message: String) {
        self.kind = kind
        self.path = path
        self.line = line
        self.message = message
    }

    /// `path:line: error: message`.
    public var description: String {
        "\(path)\(line.map { ":\($0)" } ?? ""): error: \(message)"
    }
}
