#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file's identity as `stat` gives it: what changes when the file is replaced or written.
struct FileIdentity: Sendable, Hashable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var modified: FileTime
    var changed: FileTime

    /// A file time: seconds and nanoseconds since the epoch (`timespec` is not `Hashable`).
    struct FileTime: Sendable, Hashable {
        var seconds: Int
        var nanoseconds: Int
    }

    /// The identity of the file at `path` (symbolic links followed), or nil.
    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        modified = FileTime(seconds: Int(info.st_mtim.tv_sec), nanoseconds: Int(info.st_mtim.tv_nsec))
        changed = FileTime(seconds: Int(info.st_ctim.tv_sec), nanoseconds: Int(info.st_ctim.tv_nsec))
    }

    /// Whether the file was last changed at least `seconds` before `now`.
    func isSettled(at now: timespec, after seconds: Int) -> Bool {
        let latest = max(modified.seconds * 1_000_000_000 + modified.nanoseconds, changed.seconds * 1_000_000_000 + changed.nanoseconds)
        return Int(now.tv_sec) * 1_000_000_000 + Int(now.tv_nsec) - latest >= seconds * 1_000_000_000
    }

    var json: JSONValue {
        .object([("device", .string(String(device))), ("inode", .string(String(inode))), ("size", .string(String(size))),
                 ("modified", .array([.int(modified.seconds), .int(modified.nanoseconds)])),
                 ("changed", .array([.int(changed.seconds), .int(changed.nanoseconds)]))])
    }

    init?(json: JSONValue) {
        func time(_ value: JSONValue?) -> FileTime? {
            guard case .array(let parts)? = value, parts.count == 2, let seconds = parts[0].int, let nanoseconds = parts[1].int else { return nil }
            return FileTime(seconds: seconds, nanoseconds: nanoseconds)
        }
        guard let device = json["device"]?.string.flatMap({ UInt64($0) }), let inode = json["inode"]?.string.flatMap({ UInt64($0) }),
              let size = json["size"]?.string.flatMap({ Int64($0) }), let modified = time(json["modified"]),
              let changed = time(json["changed"]) else { return nil }
        self.device = device
        self.inode = inode
        self.size = size
        self.modified = modified
        self.changed = changed
    }
}
