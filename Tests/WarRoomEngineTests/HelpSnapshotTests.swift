import Testing
import WarRoomTestSupport

/// Every `--help` as the user sees it, compared with `Snapshots/help-*.txt` (re-recorded with
/// `WARROOM_RECORD_SNAPSHOTS=1`), as swift-argument-parser checks its own help output.
@Suite struct HelpSnapshotTests {
    static let subcommands = ["open", "resume", "show", "validate", "import", "headless", "replay", "status", "report"]

    @Test func topLevelHelp() throws {
        let result = try ProcessRunner.run(["--help"])
        #expect(result.status == 0)
        try Snapshot.check(result.stdout, "help-warroom.txt")
    }

    @Test(arguments: subcommands)
    func subcommandHelp(_ name: String) throws {
        let result = try ProcessRunner.run([name, "--help"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("USAGE: warroom \(name)"))
        try Snapshot.check(result.stdout, "help-\(name).txt")
    }
}
