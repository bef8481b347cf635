/// One problem found in an input file, located like a compiler's: `file:line:col: error: …`.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// How serious the problem is.
    public enum Severity: String, Sendable, Hashable { case error, warning }

    public var file: String
    public var mark: SourceMark
    public var severity: Severity
    public var message: String

    public init(file: String, mark: SourceMark, severity: Severity = .error, message: String) {
        self.file = file
        self.mark = mark
        self.severity = severity
        self.message = message
    }

    /// `file:line:col: error: message`, the form editors jump to.
    public var description: String {
        "\(file):\(mark.line):\(mark.column): \(severity.rawValue): \(message)"
    }
}

/// The problems that stopped a file from loading, all of them, in file order.
public struct LoadFailure: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
