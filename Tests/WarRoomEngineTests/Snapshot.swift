import Foundation
import Testing
import WarRoomTestSupport

/// Output snapshots: command output compared as text with files in `Snapshots/`, the way
/// swift-argument-parser checks its help. Record them anew (and review the diff like code)
/// with `WARROOM_RECORD_SNAPSHOTS=1 swift test --filter Snapshot`.
enum Snapshot {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    static let recording = ProcessInfo.processInfo.environment["WARROOM_RECORD_SNAPSHOTS"] == "1"

    /// Compares `text` with `Snapshots/NAME`, after the repository's path and `replacing`'s
    /// keys (temporary folders) are replaced by stable names; records it when recording.
    static func check(_ text: String, _ name: String, replacing: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation) throws {
        var stable = text.replacingOccurrences(of: RepoPaths.root + "/", with: "")
        for (from, to) in replacing.sorted(by: { $0.key.count > $1.key.count }) { stable = stable.replacingOccurrences(of: from, with: to) }
        let url = folder.appendingPathComponent(name)
        if recording {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try stable.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let recorded = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("no snapshot \(name); record it with WARROOM_RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
            return
        }
        if recorded != stable {
            let expected = recorded.split(separator: "\n", omittingEmptySubsequences: false)
            let actual = stable.split(separator: "\n", omittingEmptySubsequences: false)
            let line = zip(expected, actual).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(expected.count, actual.count)
            let was = line < expected.count ? String(expected[line]) : "(end)", now = line < actual.count ? String(actual[line]) : "(end)"
            Issue.record("output differs from Snapshots/\(name) at line \(line + 1):\n- \(was)\n+ \(now)", sourceLocation: sourceLocation)
        }
    }
}
