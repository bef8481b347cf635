import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program with posix_spawn, standard output and error to a file (never a pipe: a
/// daemon it forks, such as the postmaster or tmux's server, would hold a pipe open for ever),
/// waiting at most `timeout` seconds before killing it (nil: as long as it runs).
public enum Spawn {
    /// How the program ended, and what it wrote.
    public struct Result: Sendable {
        public var status: Int32
        public var output: String
    }

    /// `errors`: whether standard error goes into `output` too (else to /dev/null).
    public static func run(_ argv: [String], timeout: Double? = 120, errors: Bool = true) throws -> Result {
        let outputPath = NSTemporaryDirectory() + "warroom-spawn-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        if errors {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        var cArguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t(), defaults = sigset_t()
        sigemptyset(&empty)
        sigfillset(&defaults)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, argv[0], &actions, &attributes, &cArguments, environ)
        guard spawned == 0 else { throw SpawnError(message: "cannot run \(argv[0]): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        guard let timeout else {
            while waitpid(pid, &status, 0) == -1, errno == EINTR {}
            return Result(status: exitCode(status), output: (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "")
        }
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let done = waitpid(pid, &status, WNOHANG)
            if done == pid { break }
            if done == -1, errno != EINTR { break }
            if Date() > deadline {
                kill(pid, SIGKILL)
                while waitpid(pid, &status, 0) == -1, errno == EINTR {}
                throw SpawnError(message: "\(argv.joined(separator: " ")) did not finish within \(timeout) s")
            }
            usleep(20_000)
        }
        return Result(status: exitCode(status), output: (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "")
    }

    /// The exit code of a wait status, 128 + the signal for a program killed by one.
    private static func exitCode(_ status: Int32) -> Int32 {
        (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }

    /// A program that could not be run or did not finish in time.
    public struct SpawnError: Error, CustomStringConvertible {
        public var message: String
        public init(message: String) { self.message = message }
        public var description: String { message }
    }
}
