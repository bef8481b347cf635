import Foundation

/// Paths in the package, found from this file's location (no Bundle.module).
enum RepoPaths {
    /// The package root: the nearest folder above this file holding Package.swift.
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
            url = url.deletingLastPathComponent()
        }
        return FileManager.default.currentDirectoryPath
    }()

    /// The built `warroom` binary: `.build-engine/debug/warroom` when present, else
    /// `.build/debug/warroom` (or the release builds), else the folder next to the test bundle.
    static let warroom: String? = {
        let candidates = [".build-engine/debug", ".build/debug", ".build-engine/release", ".build/release"]
            .map { root + "/" + $0 + "/warroom" }
        // The test runner sits in the build products folder, next to the warroom it built.
        let runner = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments.first ?? ""
        let runnerDir = URL(fileURLWithPath: runner).deletingLastPathComponent().path
        let all = [runnerDir + "/warroom", Bundle.main.bundlePath + "/warroom"] + candidates
        let found = all.filter { FileManager.default.isExecutableFile(atPath: $0) }
        // The newest binary is the one this test run built.
        return found.max { modified($0) < modified($1) }
    }()

    private static func modified(_ path: String) -> Date {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date) ?? .distantPast
    }

    /// The path of a runbook in `runbooks/` by name: `runbook("dentalcare-migration")`.
    static func runbook(_ name: String) -> String {
        root + "/runbooks/\(name).yaml"
    }

    /// A fresh temporary directory for one test.
    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "warroom-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
