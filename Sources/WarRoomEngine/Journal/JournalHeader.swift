/// The first line of a journal: which format, which incident, which runbook (path and
/// SHA-256, and an outline to say what changed), when and by whom it was opened.
public struct JournalHeader: Sendable, Hashable {
    /// The journal format this build writes and the newest it reads.
    public static let currentFormat = 1

    public var format: Int
    public var incident: String
    public var runbookPath: String
    public var runbookSHA256: String
    public var openedAt: Instant
    public var openedBy: String
    /// Step counts of the runbook's procedures and contingency plans, by id, when the journal was opened.
    public var outline: [String: Int]

    public init(format: Int = JournalHeader.currentFormat, incident: String, runbookPath: String, runbookSHA256: String,
                openedAt: Instant, openedBy: String, outline: [String: Int] = [:]) {
        self.format = format
        self.incident = incident
        self.runbookPath = runbookPath
        self.runbookSHA256 = runbookSHA256
        self.openedAt = openedAt
        self.openedBy = openedBy
        self.outline = outline
    }

    /// The header for a new journal of `runbook` (whose file bytes are `bytes`).
    public init(incident: String, runbook: Runbook, path: String, bytes: [UInt8], openedAt: Instant, openedBy: String) {
        self.init(incident: incident, runbookPath: path, runbookSHA256: SHA256.hex(bytes), openedAt: openedAt,
                  openedBy: openedBy, outline: JournalHeader.outline(of: runbook))
    }

    /// Step counts by plan id.
    public static func outline(of runbook: Runbook) -> [String: Int] {
        Dictionary(runbook.plans.map { ($0.id, $0.steps.count) }, uniquingKeysWith: { first, _ in first })
    }

    /// An incident id from the opening instant: `INC-20261124-0900`.
    public static func incidentID(at instant: Instant) -> String {
        let text = instant.iso8601
        let date = text.prefix(10).filter { $0 != "-" }
        let time = text.dropFirst(11).prefix(5).filter { $0 != ":" }
        return "INC-\(date)-\(time)"
    }

    /// The header as a JSON object.
    public var value: JSONValue {
        .object([
            ("journal", .string("warroom")),
            ("format", .int(format)),
            ("incident", .string(incident)),
            ("runbook", .object([
                ("path", .string(runbookPath)),
                ("sha256", .string(runbookSHA256)),
                ("procedures", .object(outline.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })),
            ])),
            ("opened_at", .string(openedAt.iso8601)),
            ("opened_by", .string(openedBy)),
        ])
    }

    /// The header line, without the newline.
    public var line: String { JSONWriter.encode(value) }

    /// Reads a header from a parsed first line.
    public static func parse(_ value: JSONValue) throws(EventJSON.Failure) -> JournalHeader {
        guard value["journal"]?.string == "warroom" else {
            throw EventJSON.Failure(message: "expected the journal header: an object with \"journal\": \"warroom\"")
        }
        guard let format = value["format"]?.int, format >= 1 else {
            throw EventJSON.Failure(message: "expected \"format\": the journal format version, a whole number")
        }
        guard format <= currentFormat else {
            throw EventJSON.Failure(message: "the journal is format \(format), newer than this warroom reads (format \(currentFormat)); use a newer warroom")
        }
        guard let incident = value["incident"]?.string, let runbook = value["runbook"],
              let path = runbook["path"]?.string, let sha = runbook["sha256"]?.string,
              let openedText = value["opened_at"]?.string, let openedAt = Instant(iso8601: openedText),
              let openedBy = value["opened_by"]?.string
        else {
            throw EventJSON.Failure(message: "the header needs \"incident\", \"runbook\": {\"path\", \"sha256\"}, \"opened_at\" (UTC timestamp) and \"opened_by\"")
        }
        var outline: [String: Int] = [:]
        if case .object(let members)? = runbook["procedures"] {
            for (id, count) in members { if let count = count.int { outline[id] = count } }
        }
        return JournalHeader(format: format, incident: incident, runbookPath: path, runbookSHA256: sha,
                             openedAt: openedAt, openedBy: openedBy, outline: outline)
    }
}
