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

    /// For each line, the index of the first line at or after it that closes an HTML table
    /// (`</table>`), or `Int.max`.
    static func closingLines(_ lines: [SourceLine]) -> [Int] {
        var result = [Int](repeating: Int.max, count: lines.count)
        var next = Int.max
        for index in lines.indices.reversed() {
            let text = lines[index].text
            if text.has("</table>") || text.has("</TABLE>") || (text.has("</") && text.lowercased().has("</table>")) { next = index }
            result[index] = next
        }
        return result
    }

    /// An HTML table (`<table>` … `</table>` on line `end`, rows of `<th>` / `<td>` cells,
    /// over any number of lines): the first row is the header. Nil when it has no row.
    static func htmlTable(_ lines: [SourceLine], from index: Int, to end: Int) -> SourceTable? {
        var rows: [(line: Int, cells: [String])] = []
        var cell: String?
        var row: (line: Int, cells: [String])?
        func finishRow() {
            if let finished = row, !finished.cells.isEmpty { rows.append(finished) }
            row = nil
        }
        for line in lines[index...end] {
            var rest = Substring(line.text)
            while !rest.isEmpty {
                guard let open = rest.firstIndex(of: "<") else { cell? += String(rest); break }
                cell? += String(rest[..<open])
                guard let close = rest[open...].firstIndex(of: ">") else { cell? += String(rest[open...]); break }
                let tag = rest[rest.index(after: open)..<close].lowercased().split(separator: " ").first.map(String.init) ?? ""
                switch tag {
                case "tr": finishRow(); row = (line.number, [])
                case "td", "th": cell = ""
                case "/td", "/th":
                    if let text = cell { row?.cells.append(MarkdownText.plain(text)) }
                    cell = nil
                case "/tr": finishRow()
                case "br", "br/": cell? += " "
                default: break
                }
                rest = rest[rest.index(after: close)...]
            }
            cell? += " "
        }
        finishRow()
        guard let header = rows.first else { return nil }
        let body = rows.dropFirst()
        return SourceTable(header: header.cells, rows: body.map(\.cells), rowLines: body.map(\.line),
                           line: lines[index].number, lines: lines[index...end].map(\.number))
    }
}
