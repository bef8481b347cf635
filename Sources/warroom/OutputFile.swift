import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a command's output to a path the user named: atomically (a temporary file renamed
/// over it) when the path is a regular file or does not exist yet, and directly into it when it
/// is a device, a named pipe or another non-regular file, which a rename would replace (as root,
/// `-o /dev/null` would turn /dev/null into a regular file).
enum OutputFile {
    /// Why a direct write failed, in the words of the system's error.
    struct WriteError: LocalizedError {
        var path: String
        var code: Int32

        var errorDescription: String? { String(cString: strerror(code)) }
    }

    /// Writes `data` to `path`, replacing a regular file's contents whole or not at all.
    static func write(_ data: Data, to path: String) throws {
        var info = stat()
        // stat follows a symbolic link, so a link to /dev/null is written through as well.
        if stat(path, &info) == 0, info.st_mode & S_IFMT != S_IFREG {
            try writeDirectly(data, to: path)
        } else {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        }
    }

    /// Opens an existing non-regular file for writing (no creation, no rename) and writes all of `data`.
    private static func writeDirectly(_ data: Data, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw WriteError(path: path, code: errno) }
        defer { close(descriptor) }
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw WriteError(path: path, code: errno)
                }
                offset += written
            }
        }
    }
}
