import Foundation

/// One line of a source document, numbered from 1, after mojibake repair.
public struct SourceLine: Sendable, Hashable {
    public var number: Int
    public var text: String
}

/// Why a document cannot be imported at all.
public struct ImportFailure: Error, Sendable, CustomStringConvertible {
    /// What is wrong, for the user.
    public var message: String
    /// What the importer found, when it read the document but it made no runbook.
    public var report: ImportReport?
    public var description: String { message }

    public init(message: String, report: ImportReport? = nil) {
        self.message = message
        self.report = report
    }
}

/// A Markdown or text runbook read into repaired, numbered lines.
public struct ImportDocument: Sendable {
    /// The largest document the importer reads (32 MiB); larger files are refused before
    /// they are read into memory.
    public static let maximumSize = 32 * 1_024 * 1_024

    public var name: String
    public var lines: [SourceLine]
    /// How many lines had mojibake repaired.
    public var repairedLines: Int

    /// Reads a file, refusing what is too large without reading all of it.
    public static func read(path: String) throws(ImportFailure) -> ImportDocument {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ImportFailure(message: "\(path): cannot open the file")
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: maximumSize + 1) ?? Data()
        } catch {
            throw ImportFailure(message: "\(path): cannot read the file (\(error.localizedDescription))")
        }
        guard data.count <= maximumSize else {
            throw ImportFailure(message: "\(path): the file is larger than \(maximumSize / 1_048_576) MiB; split it or trim it before importing")
        }
        return try parse(bytes: [UInt8](data), name: path)
    }

    /// Decodes bytes: refuses binary and empty input, repairs mojibake line by line.
    public static func parse(bytes: [UInt8], name: String) throws(ImportFailure) -> ImportDocument {
        guard bytes.count <= maximumSize else {
            throw ImportFailure(message: "\(name): the document is larger than \(maximumSize / 1_048_576) MiB")
        }
        if bytes.contains(0) {
            throw ImportFailure(message: "\(name): not a text file (it contains NUL bytes)")
        }
        var text: String
        // Mojibake is UTF-8 that went through another encoding; text that is not UTF-8 at
        // all is genuine Windows-1252 and is not "repaired".
        let isUTF8: Bool
        if let utf8 = String(validating: bytes, as: UTF8.self) {
            text = utf8
            isUTF8 = true
        } else {
            isUTF8 = false
            // Not UTF-8: read it as Windows-1252, the usual wiki export.
            text = String(String.UnicodeScalarView(bytes.map { byte in
                MojibakeRepair.windows1252Scalar(byte)
            }))
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        // Control characters are single bytes in UTF-8: count them on the bytes.
        var controls = 0
        for byte in text.utf8 where byte < 0x20 && byte != 0x0A && byte != 0x0D && byte != 0x09 && byte != 0x0C { controls += 1 }
        if controls > max(8, text.utf8.count / 100) {
            throw ImportFailure(message: "\(name): not a text file (it is full of control characters)")
        }
        guard text.utf8.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 && $0 != 0x0C }), text.contains(where: { !$0.isWhitespace }) else {
            throw ImportFailure(message: "\(name): the document is empty")
        }
        var lines: [SourceLine] = []
        var repaired = 0
        var number = 0
        // Split on bytes: \n, \r\n or a lone \r end a line.
        var rawLines: [String] = []
        var utf8 = Array(text.utf8)
        utf8.append(UInt8(ascii: "\n"))
        var start = 0
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                rawLines.append(String(decoding: utf8[start..<index], as: UTF8.self))
                if byte == UInt8(ascii: "\r"), index + 1 < utf8.count, utf8[index + 1] == UInt8(ascii: "\n") { index += 1 }
                start = index + 1
            }
            index += 1
        }
        for original in rawLines {
            number += 1
            let fixed = isUTF8 ? MojibakeRepair.repair(original) : original
            if fixed != original { repaired += 1 }
            lines.append(SourceLine(number: number, text: fixed))
        }
        return ImportDocument(name: name, lines: lines, repairedLines: repaired)
    }
}
