import Foundation

/// Where the tests find the package's files and the built `warroom`, wherever the build went
/// (`.build`, a private `--scratch-path`, debug or release).
public enum RepoPaths {
    /// The package root: the nearest folder above this file holding Package.swift.
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
            url = url.deletingLastPathComponent()
        }
        return FileManager.default.currentDirectoryPath
    }()

    /// The newest built `warroom` (the one this test run built): beside the test runner or
    /// its bundle (a build with its own `--scratch-path`), or in a usual build folder.
    public static let warroom: String? = {
        let usual = [".build/debug", ".build-engine/debug", ".build/release", ".build-engine/release"]
            .map { root + "/" + $0 + "/warroom" }
        let runner = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments.first ?? ""
        let bundle = Bundle.main.bundleURL
        let beside = [URL(fileURLWithPath: runner).deletingLastPathComponent().path, bundle.path,
                      bundle.deletingLastPathComponent().path].map { $0 + "/warroom" }
        return (beside + usual).filter { FileManager.default.isExecutableFile(atPath: $0) }.max { modified($0) < modified($1) }
    }()

    private static func modified(_ path: String) -> Date {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date) ?? .distantPast
    }

    /// The path of a runbook in `runbooks/` by name: `runbook("dentalcare-migration")`.
    public static func runbook(_ name: String) -> String {
        root + "/runbooks/\(name).yaml"
    }

    /// A fresh temporary directory for one test.
    public static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "warroom-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
