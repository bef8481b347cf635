import Foundation

extension BlockScanner {
    /// A pipe table starting at `index`; the separator row (`|---|`) is skipped.
    static func pipeTable(_ lines: [SourceLine], from index: Int) -> (SourceTable?, Int) {
        var rows: [[String]] = []
        var rowLines: [Int] = []
        var covered: [Int] = []
        var next = index
        while next < lines.count, lines[next].text.trimmingSpaces.hasPrefix("|") {
            let cells = pipeCells(lines[next].text.trimmingSpaces)
            covered.append(lines[next].number)
            let isSeparator = cells.allSatisfy { cell in !cell.isEmpty && cell.allSatisfy { "-:= ".contains($0) } }
            if !isSeparator {
                rows.append(cells)
                rowLines.append(lines[next].number)
            }
            next += 1
        }
        guard let header = rows.first else { return (nil, next) }
        let body = rows.dropFirst().filter { row in row.contains { !$0.isEmpty } }
        let bodyLines = zip(rows.dropFirst(), rowLines.dropFirst()).filter { $0.0.contains { !$0.isEmpty } }.map(\.1)
        let table = SourceTable(header: header.map(MarkdownText.plain), rows: Array(body), rowLines: bodyLines, line: lines[index].number, lines: covered)
        return (table, next)
    }

    /// Splits `| a | b \| c |` into cells, honouring escaped pipes.
    static func pipeCells(_ row: String) -> [String] {
        var cells: [String] = []
        var current: [UInt8] = []
        var escaped = false
        func finish() { cells.append(String(decoding: current, as: UTF8.self).trimmingSpaces); current.removeAll(keepingCapacity: true) }
        for byte in row.utf8 {
            if escaped { current.append(byte); escaped = false; continue }
            if byte == UInt8(ascii: "\\") { escaped = true; continue }
            if byte == UInt8(ascii: "|") { finish() } else { current.append(byte) }
        }
        finish()
        if cells.first?.isEmpty == true { cells.removeFirst() }
        if cells.last?.isEmpty == true, row.hasSuffix("|") { cells.removeLast() }
        return cells
    }

    /// The wiki-export table: every cell on its own line starting with a tab, rows separated
    /// by one blank line, the first row the header. Ends at a line without a tab or two
    /// blank lines. Nil when fewer than two cells make the header.
    static func tabTable(_ lines: [SourceLine], from index: Int) -> (SourceTable, Int)? {
        var rows: [[String]] = []
        var rowLines: [Int] = []
        var covered: [Int] = []
        var next = index
        while next < lines.count {
            var row: [String] = []
            let first = lines[next].number
            while next < lines.count, lines[next].text.hasPrefix("\t") {
                // A line may hold several cells separated by tabs.
                for cell in lines[next].text.split(separator: "\t", omittingEmptySubsequences: true) {
                    row.append(String(cell).trimmingSpaces)
                }
                if lines[next].text.trimmingSpaces.isEmpty { row.append("") }
                covered.append(lines[next].number)
                next += 1
            }
            if !row.isEmpty { rows.append(row); rowLines.append(first) }
            // Exactly one blank line between rows.
            if next + 1 < lines.count, lines[next].text.trimmingSpaces.isEmpty, lines[next + 1].text.hasPrefix("\t") {
                next += 1
                continue
            }
            break
        }
        guard let header = rows.first, header.count >= 2, rows.count >= 2 else { return nil }
        let table = SourceTable(header: header.map(MarkdownText.plain), rows: Array(rows.dropFirst()), rowLines: Array(rowLines.dropFirst()), line: lines[index].number, lines: covered)
        return (table, next)
    }

    /// An HTML table (`<table>` … `</table>`, rows of `<th>` / `<td>` cells, over any number
    /// of lines): the first row is the header. Nil when no `</table>` closes it within 2,000
    /// lines or it has no row.
    static func htmlTable(_ lines: [SourceLine], from index: Int) -> (SourceTable, Int)? {
        var end = index
        while end < lines.count, end - index < 2_000, !lines[end].text.lowercased().has("</table>") { end += 1 }
        guard end < lines.count, end - index < 2_000 else { return nil }
        var rows: [[String]] = []
        var rowLines: [Int] = []
        var cell: String?
        var row: [String]?
        for line in lines[index...end] {
            var rest = Substring(line.text)
            while !rest.isEmpty {
                guard let open = rest.firstIndex(of: "<") else { cell? += String(rest); break }
                cell? += String(rest[..<open])
                guard let close = rest[open...].firstIndex(of: ">") else { cell? += String(rest[open...]); break }
                let tag = rest[rest.index(after: open)..<close].lowercased().split(separator: " ").first.map(String.init) ?? ""
                switch tag {
                case "tr": row = []; rowLines.append(line.number)
                case "td", "th": cell = ""
                case "/td", "/th":
                    if let text = cell { row?.append(MarkdownText.plain(text)) }
                    cell = nil
                case "/tr":
                    if let finished = row, !finished.isEmpty { rows.append(finished) } else if row != nil { rowLines.removeLast() }
                    row = nil
                case "br", "br/": cell? += " "
                default: break
                }
                rest = rest[rest.index(after: close)...]
            }
            cell? += " "
        }
        guard let header = rows.first else { return nil }
        let table = SourceTable(header: header, rows: Array(rows.dropFirst()), rowLines: Array(rowLines.dropFirst().prefix(rows.count - 1)),
                                line: lines[index].number, lines: lines[index...end].map(\.number))
        return (table, end + 1)
    }
}
