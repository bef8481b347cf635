import Foundation

/// Loads and validates runbook files. Every problem of a file is reported at once, each
/// located by file, line and column; hostile files (huge, binary, not UTF-8, deeply
/// nested, alias bombs) get a clear error rather than a crash, hang or memory blow-up.
public enum RunbookLoader {
    /// The largest runbook file accepted, in bytes.
    public static let maximumFileSize = 16 * 1_024 * 1_024

    /// Loads the runbook at `path`; throws every problem found.
    public static func load(path: String) throws(LoadFailure) -> Runbook {
        let bytes = try readBytes(path: path)
        return try load(bytes: bytes, file: path)
    }

    /// Loads a runbook from bytes; `file` names it in diagnostics.
    public static func load(bytes: [UInt8], file: String) throws(LoadFailure) -> Runbook {
        let result = loadReporting(bytes: bytes, file: file)
        guard let runbook = result.runbook, !result.diagnostics.contains(where: { $0.severity == .error }) else {
            throw LoadFailure(result.diagnostics)
        }
        return runbook
    }

    /// Loads a runbook from text; `file` names it in diagnostics.
    public static func load(text: String, file: String) throws(LoadFailure) -> Runbook {
        try load(bytes: Array(text.utf8), file: file)
    }

    /// Loads and returns the runbook (when there were no errors) with every diagnostic,
    /// warnings included, sorted by position.
    public static func loadReporting(bytes: [UInt8], file: String) -> (runbook: Runbook?, diagnostics: [Diagnostic]) {
        let start = SourceMark(line: 1, column: 1)
        func fail(_ mark: SourceMark, _ message: String) -> (Runbook?, [Diagnostic]) {
            (nil, [Diagnostic(file: file, mark: mark, message: message)])
        }
        if bytes.count > maximumFileSize {
            return fail(start, "file is \(ByteText.size(bytes.count)); a runbook may be at most \(ByteText.size(maximumFileSize))")
        }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if body.starts(with: [0xFF, 0xFE]) || body.starts(with: [0xFE, 0xFF]) {
            return fail(start, "file is UTF-16; runbooks are UTF-8 text")
        }
        if let problem = TextCheck.firstProblem(in: body) {
            return fail(problem.mark, problem.message)
        }
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            return fail(start, "file is empty; expected a runbook: a YAML mapping starting with 'format: 1'")
        }
        let root: YAMLNode?
        do {
            root = try YAMLComposer.compose(Array(body))
        } catch {
            return fail(error.mark, error.message)
        }
        guard let root, !root.isNull else {
            return fail(start, "file holds no YAML document; expected a runbook: a YAML mapping starting with 'format: 1'")
        }
        let report = DecodingReport(file: file)
        var decoder = RunbookDecoder(report: report)
        let runbook = decoder.decode(root)
        let diagnostics = report.diagnostics.sorted { $0.mark < $1.mark }
        return (report.hasErrors ? nil : runbook, diagnostics)
    }

    /// Reads a file without ever reading more than the size limit.
    public static func readBytes(path: String) throws(LoadFailure) -> [UInt8] {
        let start = SourceMark(line: 1, column: 1)
        func failure(_ message: String) -> LoadFailure { LoadFailure([Diagnostic(file: path, mark: start, message: message)]) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw failure("no such file")
        }
        guard !isDirectory.boolValue else { throw failure("is a directory; expected a runbook file") }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw failure("cannot open the file for reading (permissions?)") }
        defer { try? handle.close() }
        do {
            let data = try handle.read(upToCount: maximumFileSize + 1) ?? Data()
            if data.count > maximumFileSize {
                let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? data.count
                throw failure("file is \(ByteText.size(size)); a runbook may be at most \(ByteText.size(maximumFileSize))")
            }
            return [UInt8](data)
        } catch let failure as LoadFailure {
            throw failure
        } catch {
            throw failure("cannot read the file: \(error.localizedDescription)")
        }
    }
}

/// Checks that bytes are text: UTF-8, no NUL bytes. Reports the first offender's position.
enum TextCheck {
    static func firstProblem(in bytes: ArraySlice<UInt8>) -> (mark: SourceMark, message: String)? {
        var line = 1, column = 1
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            let mark = SourceMark(line: line, column: column)
            if byte == 0 {
                return (mark, "file is binary (a NUL byte at line \(line), column \(column)); runbooks are UTF-8 text")
            }
            let length: Int
            switch byte {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: length = 0
            }
            var valid = length > 0 && index + length <= bytes.endIndex
            if valid, length > 1 {
                for offset in 1..<length where bytes[index + offset] & 0xC0 != 0x80 { valid = false }
                if valid {
                    let second = bytes[index + 1]
                    if byte == 0xE0, second < 0xA0 { valid = false }      // overlong
                    if byte == 0xED, second > 0x9F { valid = false }      // surrogates
                    if byte == 0xF0, second < 0x90 { valid = false }      // overlong
                    if byte == 0xF4, second > 0x8F { valid = false }      // beyond U+10FFFF
                }
            }
            guard valid else {
                return (mark, "file is not valid UTF-8 (byte 0x\(byte.hexDigits) at line \(line), column \(column)); save it as UTF-8")
            }
            if byte == 0x0A { line += 1; column = 1 } else { column += 1 }
            index += length
        }
        return nil
    }
}

/// Human-readable byte counts.
enum ByteText {
    static func size(_ bytes: Int) -> String {
        if bytes >= 1_024 * 1_024 { return "\(bytes / (1_024 * 1_024)) MiB" }
        if bytes >= 1_024 { return "\(bytes / 1_024) KiB" }
        return "\(bytes) bytes"
    }
}
