import Foundation
import Testing
@testable import WarRoomEngine

/// The five seed documents and the four import fixtures import exactly as recorded in
/// `Fixtures/import-golden/` (the YAML the importer wrote before it read structure first;
/// the only change since is seed 001's Windows-1254 mojibake, `ğŸš¨` now 🚨). A change to the
/// importer that moves any of them shows here line by line.
@Suite struct ImportGoldenTests {
    static let documents: [String] = ImportFixtures.seeds.map { "seeds/\($0.file)" }
        + ["kubernetes-platform.md", "ledger-rollback.md", "onprem-dr-plan.md", "payments-db-migration.txt"].map { "import/\($0)" }

    @Test("seeds and fixtures import exactly as recorded", arguments: documents)
    func importsAsRecorded(_ document: String) throws {
        let path = ImportFixtures.folder.appendingPathComponent(document).path
        let name = (document as NSString).lastPathComponent
        let golden = try String(contentsOfFile: ImportFixtures.folder.appendingPathComponent("import-golden/\(name).yaml").path, encoding: .utf8)
        let yaml = try RunbookImport.run(path: path).yaml
        let want = golden.split(separator: "\n", omittingEmptySubsequences: false)
        let got = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        let first = zip(want, got).enumerated().first { $0.element.0 != $0.element.1 }
        #expect(yaml == golden, "first difference at line \(first.map { "\($0.offset + 1): want \($0.element.0) got \($0.element.1)" } ?? "at the end (\(want.count) vs \(got.count) lines)")")
    }
}
