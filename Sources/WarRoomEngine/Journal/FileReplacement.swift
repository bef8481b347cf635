#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing a cache file beside a journal (a checkpoint, the status line's runbook cache) so
/// that a reader sees the whole old file or the whole new one: the bytes go to a temporary
/// file in the same folder (mode 0600, never through a symbolic link), renamed over the old.
enum FileReplacement {
    /// Replaces the file at `path` with `bytes`; false (and nothing left behind) when the
    /// folder is not writable, the disk is full, or the rename fails.
    static func replace(_ path: String, with bytes: [UInt8]) -> Bool {
        let temporary = "\(path).tmp-\(getpid())-\(UInt32.random(in: 0 ... .max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { return false }
        let complete = writeAll(fd, bytes)
        close(fd)
        guard complete, rename(temporary, path) == 0 else {
            unlink(temporary)
            return false
        }
        return true
    }

    /// Writes all of `bytes` to `fd`; false on any failure.
    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { buffer -> Bool in
            var written = 0
            while written < buffer.count {
                let count = write(fd, buffer.baseAddress.map { $0 + written }, buffer.count - written)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { return false }
                written += count
            }
            return true
        }
    }
}
