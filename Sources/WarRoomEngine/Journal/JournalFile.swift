#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open journal file: POSIX I/O with `flock` for serialising writers across processes,
/// `O_APPEND` writes, and `fsync` before any append counts as done.
///
/// A class because it owns a file descriptor that must be closed exactly once; it is not
/// `Sendable` and is used from one task at a time.
public final class JournalFile {
    /// How `fsync` is called; tests put a failing one in to check that failure is fatal.
    public typealias Sync = @Sendable (Int32) -> Int32

    /// The real `fsync`.
    public static let defaultSync: Sync = { fsync($0) }

    public let path: String
    private let fd: Int32
    private let sync: Sync
    /// Whether this open created the file.
    public let created: Bool
    private var locked = false

    /// Opens `path` for reading and appending; with `create`, creates it (mode 0600) when missing.
    public init(path: String, create: Bool, sync: @escaping Sync = JournalFile.defaultSync) throws(JournalError) {
        self.path = path
        self.sync = sync
        var flags = O_RDWR | O_APPEND | O_CLOEXEC
        var didCreate = false
        var descriptor: Int32 = -1
        if create {
            descriptor = open(path, flags | O_CREAT | O_EXCL, 0o600)
            if descriptor >= 0 {
                didCreate = true
            } else if errno != EEXIST {
                throw JournalError(.io, path: path, "cannot create the journal: \(Self.errorText())")
            }
        }
        if descriptor < 0 {
            descriptor = open(path, flags)
            if descriptor < 0, errno == EACCES || errno == EROFS {
                flags = O_RDONLY | O_CLOEXEC
                descriptor = open(path, flags)
            }
        }
        guard descriptor >= 0 else {
            if errno == ENOENT { throw JournalError(.invalid, path: path, "no such journal file") }
            throw JournalError(.io, path: path, "cannot open the journal: \(Self.errorText())")
        }
        var info = stat()
        if fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            close(descriptor)
            throw JournalError(.invalid, path: path, "is a directory; expected a journal file")
        }
        fd = descriptor
        created = didCreate
    }

    /// Reused by every read, so tailing after each append allocates nothing.
    private var readBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 0, alignment: 16)

    deinit {
        close(fd)
        readBuffer.deallocate()
    }

    /// Takes the journal's lock (`flock`): exclusive to append, shared to read.
    public func lock(exclusive: Bool) throws(JournalError) {
        while flock(fd, exclusive ? LOCK_EX : LOCK_SH) != 0 {
            guard errno == EINTR else { throw JournalError(.io, path: path, "cannot lock the journal: \(Self.errorText())") }
        }
        locked = true
    }

    /// Releases the lock.
    public func unlock() {
        guard locked else { return }
        _ = flock(fd, LOCK_UN)
        locked = false
    }

    /// The file's size in bytes.
    public func size() throws(JournalError) -> Int {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw JournalError(.io, path: path, "cannot stat the journal: \(Self.errorText())") }
        return Int(info.st_size)
    }

    /// Reads from `offset` to the end of the file in chunks, passing each chunk to `body`,
    /// which returns false to stop early.
    public func read(from offset: Int, chunkSize: Int = 1 << 20, _ body: (UnsafeBufferPointer<UInt8>) -> Bool) throws(JournalError) {
        var position = offset
        if readBuffer.count < chunkSize {
            readBuffer.deallocate()
            readBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        }
        let buffer = readBuffer
        while true {
            let count = pread(fd, buffer.baseAddress, chunkSize, off_t(position))
            if count < 0 {
                if errno == EINTR { continue }
                throw JournalError(.io, path: path, "cannot read the journal: \(Self.errorText())")
            }
            if count == 0 { return }
            guard body(UnsafeBufferPointer(start: buffer.baseAddress?.assumingMemoryBound(to: UInt8.self), count: count)) else { return }
            position += count
        }
    }

    /// Appends `bytes` (one or more whole lines) and syncs them to disk; call with the
    /// exclusive lock held. If the file does not end in a newline (a writer was killed
    /// mid-line), a newline goes first, so the torn line stays one bad line of its own.
    /// Returns the bytes written (with the newline put first, if one was).
    @discardableResult
    /// `endsMidLine` says whether the file ends without a newline, when the caller knows
    /// (it has read to the end under the lock); nil looks.
    public func append(_ bytes: [UInt8], endsMidLine: Bool? = nil) throws(JournalError) -> [UInt8] {
        var data = bytes
        if let endsMidLine {
            if endsMidLine { data.insert(0x0A, at: 0) }
        } else {
            let end = try size()
            var last: UInt8 = 0
            if end > 0, pread(fd, &last, 1, off_t(end - 1)) == 1, last != 0x0A { data.insert(0x0A, at: 0) }
        }
        var written = 0
        while written < data.count {
            let result = data.withUnsafeBytes { raw in write(fd, raw.baseAddress.map { $0 + written }, data.count - written) }
            if result < 0 {
                if errno == EINTR { continue }
                throw JournalError(.io, path: path, "cannot write to the journal: \(Self.errorText())")
            }
            written += result
        }
        guard sync(fd) == 0 else {
            throw JournalError(.syncFailed, path: path, "fsync failed (\(Self.errorText())): the last write may not be on disk")
        }
        return data
    }

    /// Whether the file holds at least one newline (one complete line).
    public func hasCompleteLine() throws(JournalError) -> Bool {
        var found = false
        try read(from: 0, chunkSize: 64 * 1_024) { chunk in
            found = chunk.contains(0x0A)
            return !found
        }
        return found
    }

    /// Empties the file (call with the exclusive lock held) and syncs that.
    public func truncate() throws(JournalError) {
        guard ftruncate(fd, 0) == 0 else { throw JournalError(.io, path: path, "cannot truncate the journal: \(Self.errorText())") }
        guard sync(fd) == 0 else { throw JournalError(.syncFailed, path: path, "fsync failed (\(Self.errorText()))") }
    }

    /// Syncs the directory holding the journal, so a newly created file survives a crash.
    public func syncDirectory() throws(JournalError) {
        let directory = Self.directory(of: path)
        let dirFD = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard dirFD >= 0 else { throw JournalError(.io, path: path, "cannot open the journal's directory \(directory): \(Self.errorText())") }
        defer { close(dirFD) }
        guard sync(dirFD) == 0 else {
            throw JournalError(.syncFailed, path: path, "fsync of the directory \(directory) failed (\(Self.errorText()))")
        }
    }

    /// The directory part of a path ("." for a bare file name).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let directory = String(path[..<slash])
        return directory.isEmpty ? "/" : directory
    }

    static func errorText() -> String { String(cString: strerror(errno)) }
}
