import Foundation

/// Paths the tests need: the package root, its runbooks, the built `warroom` binary.
enum TestPaths {
    /// The package root, found from this file's path.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func runbook(_ name: String) -> String {
        packageRoot.appendingPathComponent("runbooks/\(name).yaml").path
    }

    /// The `warroom` executable built alongside the tests: `$WARROOM_BIN`, else the folder
    /// of the running test executable (any `--scratch-path`), else the build folder holding
    /// this test bundle, else `.build/debug`.
    static var warroomBinary: String {
        if let path = ProcessInfo.processInfo.environment["WARROOM_BIN"] { return path }
        let bundleFolder = Bundle.main.bundleURL.deletingLastPathComponent()
        let executableFolder = Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent()
        for candidate in (executableFolder.map { [$0.appendingPathComponent("warroom")] } ?? []) + [bundleFolder.appendingPathComponent("warroom"), bundleFolder.deletingLastPathComponent().appendingPathComponent("warroom"),
                          packageRoot.appendingPathComponent(".build/debug/warroom")]
        where FileManager.default.isExecutableFile(atPath: candidate.path) {
            return candidate.path
        }
        return packageRoot.appendingPathComponent(".build/debug/warroom").path
    }
}

/// What a finished child process printed and returned.
struct ProcessResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs the `warroom` binary with arguments and optional standard input.
func runWarroom(_ arguments: [String], input: String? = nil, environment: [String: String]? = nil) throws -> ProcessResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: TestPaths.warroomBinary)
    process.arguments = arguments
    if let environment { process.environment = environment }
    let out = Pipe(), err = Pipe(), inPipe = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = inPipe
    try process.run()
    if let input { inPipe.fileHandleForWriting.write(Data(input.utf8)) }
    try inPipe.fileHandleForWriting.close()
    // Read both pipes concurrently so a child filling one cannot block on the other.
    let errorData = ErrorCollector(err.fileHandleForReading)
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = errorData.wait()
    process.waitUntilExit()
    return ProcessResult(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
}

/// Reads a pipe to its end on a background thread.
final class ErrorCollector: Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let box: DataBox

    init(_ handle: FileHandle) {
        let box = DataBox()
        self.box = box
        let done = self.done
        Thread.detachNewThread {
            box.set(handle.readDataToEndOfFile())
            done.signal()
        }
    }

    func wait() -> Data {
        done.wait()
        return box.get()
    }
}

/// A lock-protected Data shared between the reading thread and the waiter.
final class DataBox: Sendable {
    private let lock = NSLock()
    // Sound: only touched while holding `lock`.
    nonisolated(unsafe) private var data = Data()

    func set(_ value: Data) { lock.lock(); data = value; lock.unlock() }
    func get() -> Data { lock.lock(); defer { lock.unlock() }; return data }
}
