import Foundation

/// A journal as the end-to-end tests read it back: its event lines (the header left out)
/// and each event's `type`.
enum JournalText {
    static func eventLines(_ path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst().map(String.init)
    }

    static func types(_ path: String) throws -> [String] {
        try eventLines(path).compactMap { line in
            line.range(of: #""type":"[a-z_]+""#, options: .regularExpression).map { String(line[$0].dropFirst(8).dropLast()) }
        }
    }
}
