#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A cache beside a journal (`JOURNAL.status-runbook`) of the `StatusRunbook` of the runbook
/// the status line last read, so the next status line need not load it. It names the runbook
/// as the journal's header (or `--runbook`) resolved it, the identity of the file that held it
/// then (device, inode, size, modification and change times to the nanosecond; for the
/// embedded runbook, those of the warroom executable that holds it) and the runbook's SHA-256.
/// A reader uses it only when the runbook resolves to the same path, that file is the same by
/// every one of these, and the SHA-256 is the one the journal's header records (a runbook
/// changed since the incident opened is loaded whole, for its warnings); anything else and
/// the runbook is loaded and the cache written again. The file is one JSON line of identity,
/// then the parts (`StatusRunbook.json`), whose length and FNV-1a checksum the first line
/// holds (a damaged or hand-edited cache is caught, not a malicious one). It is written only
/// for a file unchanged for `settled` seconds, so a change within the file system's timestamp
/// granularity of the write cannot go unseen (git's "racy" entries). The runbook file stays
/// the only source (docs/journal-format.md, "Caches").
public enum StatusRunbookCache {
    /// The cache file's format.
    static let format = 1
    /// How long a runbook file must have been unchanged before it is cached, in seconds.
    public static let settled = 2

    /// The cache's path for the journal at `journal`.
    public static func path(forJournal journal: String) -> String { journal + ".status-runbook" }

    /// The cached parts for the runbook `runbookPath` resolves to (`RunbookSource.resolve`),
    /// when the cache is of that runbook exactly as it is now and of the one whose SHA-256 is
    /// `sha256`; nil otherwise.
    public static func load(journal: String, runbookPath: String, sha256: String) -> StatusRunbook? {
        guard let bytes = contents(of: path(forJournal: journal)), let newline = bytes.firstIndex(of: JournalLine.terminator),
              let meta = try? bytes.withUnsafeBufferPointer({ buffer throws(JSONParser.Failure) in try JSONParser.parse(buffer, range: 0..<newline) }),
              meta["cache"]?.string == "warroom-status-runbook", meta["format"]?.int == format,
              meta["runbook"]?.string == runbookPath, meta["sha256"]?.string == sha256,
              let recorded = meta["file"].flatMap(FileIdentity.init(json:)),
              let current = FileIdentity(path: identityPath(runbookPath)), recorded == current,
              meta["parts_length"]?.int == bytes.count - newline - 1,
              meta["parts_fnv1a"]?.string == String(JournalCheckpoint.fnv1a(bytes[(newline + 1)...])),
              let parts = try? bytes.withUnsafeBufferPointer({ buffer throws(JSONParser.Failure) in try JSONParser.parse(buffer, range: newline + 1..<buffer.count) })
        else { return nil }
        return StatusRunbook(json: parts)
    }

    /// Writes the cache of `runbook` (its bytes' SHA-256 `sha256`), read from `runbookPath`,
    /// beside `journal`, through a temporary file renamed over the old one; false when the file
    /// changed in the last `settledAfter` seconds or the cache cannot be written (both harmless).
    @discardableResult
    public static func store(_ runbook: Runbook, journal: String, runbookPath: String, sha256: String,
                             settledAfter: Int = settled) -> Bool {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        guard let identity = FileIdentity(path: identityPath(runbookPath)), identity.isSettled(at: now, after: settledAfter) else { return false }
        let parts = Array(JSONWriter.encode(StatusRunbook(runbook).json).utf8)
        let meta = JSONValue.object([
            ("cache", .string("warroom-status-runbook")), ("format", .int(format)), ("runbook", .string(runbookPath)),
            ("file", identity.json), ("sha256", .string(sha256)),
            ("parts_length", .int(parts.count)), ("parts_fnv1a", .string(String(JournalCheckpoint.fnv1a(parts[...])))),
        ])
        var bytes = Array(JSONWriter.encode(meta).utf8)
        bytes.append(JournalLine.terminator)
        bytes += parts
        return FileReplacement.replace(path(forJournal: journal), with: bytes)
    }

    /// The file whose identity stands for the runbook's: the runbook file, or for the embedded
    /// runbook the executable it is compiled into.
    static func identityPath(_ runbookPath: String) -> String {
        runbookPath.hasPrefix(RunbookSource.embeddedPrefix) ? "/proc/self/exe" : runbookPath
    }

    /// The whole (small) file at `path`; nil when missing, unreadable or larger than 1 MiB.
    private static func contents(of path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size > 0, info.st_size < 1 << 20 else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var filled = 0
        while filled < bytes.count {
            let count = bytes.withUnsafeMutableBytes { buffer in read(fd, buffer.baseAddress.map { $0 + filled }, buffer.count - filled) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return nil }
            filled += count
        }
        return bytes
    }
}
