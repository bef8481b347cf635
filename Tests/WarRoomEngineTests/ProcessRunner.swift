import Foundation
import Testing
import WarRoomTestSupport

/// Runs the built `warroom` binary for end-to-end tests.
enum ProcessRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The binary, or a recorded issue when it was not built.
    static func binary() throws -> String {
        try #require(RepoPaths.warroom, "warroom binary not found under .build-engine/ or .build/; run swift build first")
    }

    /// Runs `warroom ARGS` with `input` on standard input, to completion.
    /// `environment` is added to this process's.
    static func run(_ arguments: [String], input: String = "", directory: String? = nil, environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try binary())
        process.arguments = arguments
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // A child that exits before reading its input must not kill the test process.
        signal(SIGPIPE, SIG_IGN)
        let writer = Thread {
            try? stdin.fileHandleForWriting.write(contentsOf: Data(input.utf8))
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let errData = ErrorCollector(stderr.fileHandleForReading)
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self), stderr: errData.text())
    }
}

/// Reads a pipe to its end on a thread of its own, so a full stderr pipe never blocks the child.
final class ErrorCollector: @unchecked Sendable {
    // Sound: `data` is written only by the reader thread before `done` is signalled, and read
    // only after waiting on `done`.
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread {
            // read(2) to the end, retried when a signal (a child's SIGCHLD) interrupts it.
            var collected = Data()
            var chunk = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = chunk.withUnsafeMutableBytes { Glibc.read(handle.fileDescriptor, $0.baseAddress, $0.count) }
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { break }
                collected.append(contentsOf: chunk[..<count])
            }
            self.data = collected
            self.done.signal()
        }.start()
    }

    func text() -> String {
        done.wait()
        return String(decoding: data, as: UTF8.self)
    }
}
