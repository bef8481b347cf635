import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Output paths that are not regular files (a named pipe, /dev/null) are written into, never
/// replaced by a rename; regular files are still replaced whole.
@Suite("output files that are devices or pipes")
struct OutputFileTests {
    private func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("warroom-output-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    private func fileType(_ path: String) -> mode_t? {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : nil
    }

    @Test("import -o FIFO writes the runbook into the pipe and leaves the pipe in place")
    func namedPipe() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("out.fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let reader = PipeReader(fifo)
        let result = try ProcessRunner.run(["import", ImportFixtures.seedPath("000_9e9940f7bb1f4c75.txt"), "-o", fifo])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(fileType(fifo) == S_IFIFO, "the named pipe was replaced")
        let text = try #require(reader.text(within: 10), "nothing opened the pipe for writing")
        #expect(text.hasPrefix("# Imported by `warroom import`"))
    }

    @Test("import -o /dev/null and --report /dev/null succeed and /dev/null stays a character device")
    func devNull() throws {
        #expect(fileType("/dev/null") == S_IFCHR)
        let result = try ProcessRunner.run(["import", ImportFixtures.seedPath("000_9e9940f7bb1f4c75.txt"),
                                            "-o", "/dev/null", "--report", "/dev/null"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty && result.stderr.isEmpty)
        #expect(fileType("/dev/null") == S_IFCHR)
    }

    @Test("a regular -o file is still replaced whole, through a rename")
    func regularFile() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("out.yaml").path
        #expect(FileManager.default.createFile(atPath: output, contents: Data(String(repeating: "old\n", count: 50_000).utf8)))
        var before = stat()
        #expect(stat(output, &before) == 0)
        let result = try ProcessRunner.run(["import", ImportFixtures.seedPath("000_9e9940f7bb1f4c75.txt"), "-o", output])
        #expect(result.status == 0, "\(result.stderr)")
        var after = stat()
        #expect(stat(output, &after) == 0)
        #expect(after.st_ino != before.st_ino, "a regular file is replaced by a rename, not rewritten in place")
        let text = try String(contentsOfFile: output, encoding: .utf8)
        #expect(text.hasPrefix("# Imported by `warroom import`") && !text.contains("old\n"))
    }
}

/// Opens a named pipe for reading on a thread of its own (the open waits for a writer) and
/// reads it to its end.
private final class PipeReader: @unchecked Sendable {
    // Sound: `data` is written only by the reader thread before `done` is signalled, and read
    // only after `done` was waited on successfully.
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ path: String) {
        Thread {
            if let handle = FileHandle(forReadingAtPath: path) {
                self.data = handle.readDataToEndOfFile()
                try? handle.close()
            }
            self.done.signal()
        }.start()
    }

    /// What was read, or nil when no writer came within `seconds` (the thread is left waiting).
    func text(within seconds: Double) -> String? {
        guard done.wait(timeout: .now() + seconds) == .success else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
