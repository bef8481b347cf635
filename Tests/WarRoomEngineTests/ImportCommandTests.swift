import Foundation
import Testing
@testable import WarRoomEngine

/// `warroom import` from the command line: success, bad input, and the output file.
@Suite("warroom import command")
struct ImportCommandTests {
    private func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("warroom-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test("a seed imports to a file that warroom validate accepts, with the report on stderr")
    func importsAndValidates() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("out.yaml").path
        let result = try ProcessRunner.run(["import", ImportFixtures.seedPath("000_9e9940f7bb1f4c75.txt"), "-o", output])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("Placed:") && result.stderr.contains("procedures: 3"))
        #expect(result.stdout.isEmpty)
        let verified = try ProcessRunner.run(["import", ImportFixtures.seedPath("001_16916295a71bea32.txt"), "--verify", "-o", folder.appendingPathComponent("verified.yaml").path])
        #expect(verified.status == 0, "\(verified.stderr)")
        let validate = try ProcessRunner.run(["validate", output])
        #expect(validate.status == 0, "\(validate.stderr)")
        #expect(validate.stdout.contains("3 procedures, 24 steps"))
    }

    @Test("the report can go to a file, and without -o the runbook goes to stdout")
    func reportFile() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = folder.appendingPathComponent("report.txt").path
        let result = try ProcessRunner.run(["import", ImportFixtures.importPath("kubernetes-platform.md"), "--report", report])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("# Imported by `warroom import`"))
        #expect(result.stderr.isEmpty)
        #expect(try String(contentsOfFile: report, encoding: .utf8).contains("Not placed (0):"))
    }

    @Test("bad input exits 2 with a clear message and leaves -o alone", arguments: [
        ("binary", [UInt8]([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0x00]), "not a text file"),
        ("empty", [UInt8](), "the document is empty"),
        ("prose", Array("Just some notes.\nNothing to roll back here.\n".utf8), "no recognisable runbook structure"),
    ])
    func badInput(_ name: String, _ bytes: [UInt8], _ message: String) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent(name).path
        #expect(FileManager.default.createFile(atPath: input, contents: Data(bytes)))
        let output = folder.appendingPathComponent("out.yaml").path
        #expect(FileManager.default.createFile(atPath: output, contents: Data("previous\n".utf8)))
        let result = try ProcessRunner.run(["import", input, "-o", output])
        #expect(result.status == 2)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "previous\n", "-o must not be touched on failure")
        let fresh = folder.appendingPathComponent("fresh.yaml").path
        _ = try ProcessRunner.run(["import", input, "-o", fresh])
        #expect(!FileManager.default.fileExists(atPath: fresh))
    }

    @Test("a missing file exits 2")
    func missingFile() throws {
        let result = try ProcessRunner.run(["import", "/nonexistent/runbook.md"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("cannot open"))
    }

    @Test("a 100 MB file is refused without reading it into memory")
    func hugeFile() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("huge.md").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data("# Huge\n".utf8)))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 100 * 1_024 * 1_024)   // sparse: costs no disk
        try handle.close()
        let result = try ProcessRunner.run(["import", path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("larger than 32 MiB"), "\(result.stderr)")
    }

    @Test("a refused document still gets its report, and the message says where it is")
    func refusedDocumentReport() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("notes.md").path
        #expect(FileManager.default.createFile(atPath: input, contents: Data("# Notes\n\nJust some notes.\nNothing to roll back here.\n".utf8)))
        let report = folder.appendingPathComponent("report.txt").path
        let result = try ProcessRunner.run(["import", input, "--report", report])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no recognisable runbook structure") && result.stderr.contains(report), "\(result.stderr)")
        let text = try String(contentsOfFile: report, encoding: .utf8)
        #expect(text.hasPrefix("Refused "), "\(text)")
        #expect(text.contains("line 3: Just some notes."), "every block found is listed with its line: \(text)")
        // Without --report the report goes to standard error, and the message says so.
        let bare = try ProcessRunner.run(["import", input])
        #expect(bare.status == 2)
        #expect(bare.stderr.contains("Refused ") && bare.stderr.contains("standard error"), "\(bare.stderr)")
    }

    @Test("bidirectional overrides in the document never reach the terminal raw; the YAML keeps them escaped")
    func bidiOverridesAreEscaped() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("bidi\u{202E}.md").path
        let text = "# Runbook \u{202E}evil\n\n## Steps\n\n1. Drain \u{202E}the node\n2. Restart it\n"
        #expect(FileManager.default.createFile(atPath: input, contents: Data(text.utf8)))
        let result = try ProcessRunner.run(["import", input])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.unicodeScalars.contains("\u{202E}") && !result.stderr.unicodeScalars.contains("\u{202E}"))
        #expect(result.stdout.contains("\\u202E"))
        let reloaded = RunbookLoader.loadReporting(bytes: Array(result.stdout.utf8), file: input)
        #expect(reloaded.runbook?.procedures.first?.steps.first?.action == "Drain \u{202E}the node")
    }
}
