#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open journal file: POSIX I/O with `flock` for serialising writers across processes,
/// `O_APPEND` writes, and `fsync` before any append counts as done. `append(_:after:)` is
/// the append rule of `JournalLine` (the one place it is carried out for files).
///
/// A writer never writes through a symbolic link (`O_NOFOLLOW`), creates files `0600`, and
/// checks on every append and refresh that the path still names the file it has open
/// (device and inode), so a journal deleted, moved or replaced under it is noticed.
/// A reader opens read-only, so an immutable or read-only journal still replays.
///
/// A class because it owns a file descriptor that must be closed exactly once; it is not
/// `Sendable` and is used from one task at a time.
public final class JournalFile {
    /// How `fsync` is called: the one injectable file operation, so tests can make it fail.
    public typealias Sync = @Sendable (Int32) -> Int32

    /// The real `fsync`.
    public static let defaultSync: Sync = { fsync($0) }

    /// What the file is opened for.
    public enum Access: Sendable, Hashable {
        /// Reading only (replay, status, report): `O_RDONLY`, links followed.
        case read
        /// Reading and appending; with `create`, the file is created (0600) when missing.
        case write(create: Bool)
    }

    public let path: String
    private let fd: Int32
    private let sync: Sync
    /// Whether this open created the file.
    public let created: Bool
    /// The device and inode of the open file, to check the path still names it.
    private let identity: (device: UInt64, inode: UInt64)
    /// The device and inode of the open file (a checkpoint names the journal by them).
    public var deviceAndInode: (device: UInt64, inode: UInt64) { identity }
    private var locked = false

    /// Opens `path` for `access`.
    public init(path: String, access: Access, sync: @escaping Sync = JournalFile.defaultSync) throws(JournalError) {
        self.path = path
        self.sync = sync
        var didCreate = false
        var descriptor: Int32 = -1
        switch access {
        case .read:
            // O_NONBLOCK: a named pipe given as the journal must not hang the open (it is then
            // refused as not a regular file); regular files ignore the flag.
            descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        case .write(let create):
            let flags = O_RDWR | O_APPEND | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK
            if create {
                descriptor = open(path, flags | O_CREAT | O_EXCL, 0o600)
                if descriptor >= 0 {
                    didCreate = true
                } else if errno != EEXIST {
                    throw Self.openError(path: path, errno, creating: true)
                }
            }
            if descriptor < 0 { descriptor = open(path, flags) }
        }
        guard descriptor >= 0 else { throw Self.openError(path: path, errno, creating: false) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let error = JournalError(.io, path: path, "cannot stat the journal: \(Self.errorText())")
            close(descriptor)
            throw error
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            let what = (info.st_mode & S_IFMT) == S_IFDIR ? "is a directory" : "is not a regular file"
            throw JournalError(.invalid, path: path, "\(what); expected a journal file")
        }
        fd = descriptor
        created = didCreate
        identity = (UInt64(info.st_dev), UInt64(info.st_ino))
    }

    private static func openError(path: String, _ code: Int32, creating: Bool) -> JournalError {
        let reason = String(cString: strerror(code))
        switch code {
        case ENOENT:
            return JournalError(.invalid, path: path, creating ? "cannot create the journal: its directory does not exist" : "no such journal file")
        case EISDIR:
            return JournalError(.invalid, path: path, "is a directory; expected a journal file")
        case ELOOP:
            return JournalError(.invalid, path: path, "is a symbolic link; warroom does not write a journal through a link "
                + "(it could overwrite the file it points to): give the journal's real path")
        case EACCES, EPERM, EROFS, ETXTBSY:
            return JournalError(.readOnly, path: path, "the journal is read-only (\(reason)): nothing can be recorded to it. "
                + "`warroom replay \(path)` reads it; to go on with the incident, copy it somewhere writable and open the copy")
        default:
            return JournalError(.io, path: path, "cannot \(creating ? "create" : "open") the journal: \(reason)")
        }
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

    /// Checks that the path still names the open file (same device and inode, not a link);
    /// throws `.vanished` saying what became of it. Returns the file's size, read in the same
    /// call (the path's file is the open one), so a poll costs one system call.
    @discardableResult
    public func checkIdentity() throws(JournalError) -> Int {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            let reason = errno == ENOENT ? "was deleted or moved away" : "can no longer be found (\(Self.errorText()))"
            throw JournalError(.vanished, path: path, "the journal \(reason) while this session had it open")
        }
        guard UInt64(info.st_dev) == identity.device, UInt64(info.st_ino) == identity.inode else {
            throw JournalError(.vanished, path: path, "the journal was replaced by another file while this session had it open")
        }
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

    /// The append rule (`JournalLine`), with the exclusive lock held and every complete line
    /// up to `completeEnd` read:
    /// 1. the path must still name this file, or `.vanished` is thrown and nothing is written;
    /// 2. a torn tail after `completeEnd` is truncated away;
    /// 3. `line` (whole lines, the last ending in `\n`) is written; if the write fails (a full
    ///    disk), the file is truncated back to `completeEnd` and `.diskFull` / `.io` thrown;
    /// 4. the file is synced; if that fails, the file is truncated back to `completeEnd` (so
    ///    the line the caller is told failed is never read back) and `.syncFailed` thrown.
    /// Returns the bytes of torn tail removed.
    @discardableResult
    public func append(_ line: [UInt8], after completeEnd: Int) throws(JournalError) -> Int {
        try checkIdentity()
        let end = try size()
        let torn = end - completeEnd
        if torn != 0 {
            guard torn > 0, ftruncate(fd, off_t(completeEnd)) == 0 else {
                throw JournalError(.io, path: path, "cannot remove the torn last line before appending: \(Self.errorText())")
            }
        }
        var written = 0
        while written < line.count {
            let result = line.withUnsafeBytes { raw in write(fd, raw.baseAddress.map { $0 + written }, line.count - written) }
            if result < 0 {
                if errno == EINTR { continue }
                let code = errno
                let undone = ftruncate(fd, off_t(completeEnd)) == 0
                let kind: JournalError.Kind = code == ENOSPC || code == EDQUOT ? .diskFull : .io
                let what = kind == .diskFull ? "the disk is full" : "cannot write to the journal (\(String(cString: strerror(code))))"
                throw JournalError(kind, path: path, undone
                    ? "\(what): the command was NOT recorded and nothing of it is left in the journal"
                    : "\(what), and the part written could not be removed (\(Self.errorText())); it is a torn line no reader takes as an event")
            }
            written += result
        }
        guard sync(fd) == 0 else {
            let reason = Self.errorText()
            let undone = ftruncate(fd, off_t(completeEnd)) == 0
            _ = sync(fd)
            throw JournalError(.syncFailed, path: path, "fsync failed (\(reason)): the command was NOT recorded"
                + (undone ? " (its line was removed again)" : " and its line could not be removed (\(Self.errorText()))"))
        }
        return torn
    }

    /// Whether the file holds at least one newline (one complete line).
    public func hasCompleteLine() throws(JournalError) -> Bool {
        var found = false
        try read(from: 0, chunkSize: 64 * 1_024) { chunk in
            found = chunk.contains(JournalLine.terminator)
            return !found
        }
        return found
    }

    /// Empties the file (call with the exclusive lock held) and syncs that.
    public func truncate() throws(JournalError) {
        guard ftruncate(fd, 0) == 0 else { throw JournalError(.io, path: path, "cannot truncate the journal: \(Self.errorText())") }
        guard sync(fd) == 0 else { throw JournalError(.syncFailed, path: path, "fsync failed (\(Self.errorText()))") }
    }

    /// Writes the first `length` bytes of the open file (its complete lines) to a new file
    /// beside the journal's path (`NAME.recovered.jsonl`, `NAME.recovered-2.jsonl`, …), synced,
    /// mode 0600; returns its path. For a journal deleted or replaced under a session: the
    /// open file still holds every acknowledged event.
    public func saveCopy(length: Int) throws(JournalError) -> String {
        let stem = path.hasSuffix(".jsonl") ? String(path.dropLast(6)) : path
        var copyFD: Int32 = -1
        var copyPath = ""
        for attempt in 1...100 {
            copyPath = stem + (attempt == 1 ? ".recovered.jsonl" : ".recovered-\(attempt).jsonl")
            copyFD = open(copyPath, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if copyFD >= 0 || errno != EEXIST { break }
        }
        guard copyFD >= 0 else { throw JournalError(.io, path: path, "cannot save a copy as \(copyPath): \(Self.errorText())") }
        defer { close(copyFD) }
        var remaining = length
        var failure: String?
        try read(from: 0) { chunk in
            let take = min(remaining, chunk.count)
            var done = 0
            while done < take {
                let result = write(copyFD, chunk.baseAddress.map { $0 + done }, take - done)
                if result < 0 {
                    if errno == EINTR { continue }
                    failure = Self.errorText()
                    return false
                }
                done += result
            }
            remaining -= take
            return remaining > 0
        }
        if let failure { throw JournalError(.io, path: path, "cannot save a copy as \(copyPath): \(failure)") }
        guard sync(copyFD) == 0 else { throw JournalError(.syncFailed, path: path, "fsync of the copy \(copyPath) failed (\(Self.errorText()))") }
        try? Self.syncDirectory(of: copyPath, sync: sync)
        return copyPath
    }

    /// Syncs the directory holding the journal, so a newly created file survives a crash.
    public func syncDirectory() throws(JournalError) {
        try Self.syncDirectory(of: path, sync: sync)
    }

    private static func syncDirectory(of path: String, sync: Sync) throws(JournalError) {
        let directory = directory(of: path)
        let dirFD = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard dirFD >= 0 else { throw JournalError(.io, path: path, "cannot open the journal's directory \(directory): \(errorText())") }
        defer { close(dirFD) }
        guard sync(dirFD) == 0 else {
            throw JournalError(.syncFailed, path: path, "fsync of the directory \(directory) failed (\(errorText()))")
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
