import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
import WarRoomTestSupport

/// A detached tmux session on a private socket, for driving the built `warroom` binary as a
/// person would: send keys, read the screen, resize the window.
final class TmuxSession {
    let socket: String
    let name = "e2e"
    /// Where the program's standard error goes (read it when a test fails).
    let errorLog: String

    /// Starts `command` (run by the shell) in a detached session of `width`×`height`.
    init(command: String, width: Int, height: Int, environment: [String: String] = [:]) throws {
        socket = "warroom-e2e-\(UUID().uuidString.prefix(8))"
        errorLog = NSTemporaryDirectory() + socket + ".stderr"
        let exports = environment.map { "\($0.key)=\(Self.quote($0.value))" }.joined(separator: " ")
        try tmux(["new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)",
                  "env TERM=tmux-256color LANG=C.UTF-8 \(exports) \(command) 2>>\(Self.quote(errorLog)); echo \"[exited $?]\"; sleep 30"])
    }

    deinit {
        _ = try? tmux(["kill-server"])
    }

    static var available: Bool {
        ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].contains { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Types keys (tmux key names such as `Enter`, `C-s`, or literal text with `literal`).
    func send(_ keys: String..., literal: Bool = false) throws {
        try tmux(["send-keys", "-t", name] + (literal ? ["-l"] : []) + keys)
    }

    func type(_ text: String) throws { try send(text, literal: true) }

    /// Pastes `text` as a terminal does: bracketed (`ESC [200~ … ESC [201~`) when the program
    /// asked for bracketed paste, raw otherwise.
    func paste(_ text: String) throws {
        try tmux(["set-buffer", "-b", "e2e-paste", "--", text])
        try tmux(["paste-buffer", "-p", "-d", "-b", "e2e-paste", "-t", name])
    }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"])
    }

    /// The screen as text.
    func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", name]) }

    /// The screen with its attributes as escape sequences (reverse video is `ESC[7m`).
    func screenWithEscapes() throws -> String { try tmux(["capture-pane", "-p", "-e", "-t", name]) }

    /// Waits (up to `seconds`) until the screen contains `text`; records an issue with the
    /// screen when it never does.
    @discardableResult
    func waitFor(_ text: String, seconds: Double = 8, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try waitFor(all: [text], seconds: seconds, sourceLocation: sourceLocation)
    }

    /// Waits (up to `seconds`) until one capture of the screen contains every one of `texts`
    /// and none of `absent`. A frame reaches tmux in several writes, so a capture taken as soon
    /// as one string shows may still lack the rest of the same frame: checking the rest after
    /// that would fail on a busy machine.
    @discardableResult
    func waitFor(all texts: [String], absent: [String] = [], seconds: Double = 8,
                 sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let wanted = texts.map { "'\($0)'" }.joined(separator: ", ")
            + (absent.isEmpty ? "" : " without " + absent.map { "'\($0)'" }.joined(separator: ", "))
        return try waitUntil(wanted, seconds: seconds, sourceLocation: sourceLocation) { screen in
            texts.allSatisfy(screen.contains) && !absent.contains(where: screen.contains)
        }
    }

    /// Waits (up to `seconds`) until one capture of the screen satisfies `condition`; records
    /// an issue naming `wanted`, with the last screen and standard error, when none does.
    @discardableResult
    func waitUntil(_ wanted: String, seconds: Double = 8, sourceLocation: SourceLocation = #_sourceLocation,
                   _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if condition(last) { return last }
            Thread.sleep(forTimeInterval: 0.1)
        }
        let errors = (try? String(contentsOfFile: errorLog, encoding: .utf8)) ?? ""
        Issue.record("screen never showed \(wanted) in \(seconds) s; last screen:\n\(last)\nstandard error:\n\(errors)",
                     sourceLocation: sourceLocation)
        return last
    }

    /// Runs tmux with posix_spawn and waitpid (`Spawn`). Foundation's Process is not used:
    /// tmux's client forks the server, and Process's exit monitoring can then wait forever.
    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        let result = try Spawn.run(["tmux", "-L", socket] + arguments, timeout: nil, errors: false)
        return arguments.first == "capture-pane" ? result.output : ""
    }

    static func quote(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}
