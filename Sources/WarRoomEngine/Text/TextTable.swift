/// A plain-text table for terminal output: columns sized to their content, the widest
/// wrapping columns wrapped to fit a total width. Cells must already be sanitised.
public struct TextTable {
    public var headers: [String]
    public var rows: [[String]]
    /// Columns that may wrap when the table is too wide, by index.
    public var wrapping: Set<Int>

    public init(headers: [String], rows: [[String]], wrapping: Set<Int> = []) {
        self.headers = headers
        self.rows = rows
        self.wrapping = wrapping
    }

    /// The same table without the columns that are empty in every row, except `keeping`.
    public func droppingEmptyColumns(keeping: Set<Int> = [0]) -> TextTable {
        let kept = headers.indices.filter { column in
            keeping.contains(column) || rows.contains { $0.indices.contains(column) && !$0[column].isEmpty }
        }
        let newWrapping = Set(kept.enumerated().filter { wrapping.contains($0.element) }.map(\.offset))
        return TextTable(headers: kept.map { headers[$0] },
                         rows: rows.map { row in kept.map { row.indices.contains($0) ? row[$0] : "" } },
                         wrapping: newWrapping)
    }

    /// The table as lines, each starting with `indent`, fitting `width` columns where the
    /// wrapping columns allow.
    public func render(width: Int, indent: String = "  ") -> [String] {
        let count = headers.count
        var widths = (0..<count).map { column in
            ([headers[column]] + rows.map { $0.indices.contains(column) ? $0[column] : "" }).map(DisplayWidth.of).max() ?? 0
        }
        let gap = 2
        let available = width - DisplayWidth.of(indent) - gap * (count - 1)
        var total = widths.reduce(0, +)
        // Narrow the widest wrapping column one column at a time, so the wrapping columns end
        // up balanced, until the table fits or every wrapping column is down to 16.
        while total > available, let widest = wrapping.filter({ widths[$0] > 16 }).max(by: { widths[$0] < widths[$1] }) {
            widths[widest] -= 1
            total -= 1
        }
        var lines: [String] = []
        func emit(_ cells: [String]) {
            let wrapped = (0..<count).map { column -> [String] in
                let cell = cells.indices.contains(column) ? cells[column] : ""
                return wrapping.contains(column) ? DisplayWidth.wrap(cell, to: widths[column]) : [cell]
            }
            let height = wrapped.map(\.count).max() ?? 1
            for row in 0..<height {
                let parts = (0..<count).map { column -> String in
                    let text = row < wrapped[column].count ? wrapped[column][row] : ""
                    return column == count - 1 ? text : DisplayWidth.pad(text, to: widths[column])
                }
                var line = indent + parts.joined(separator: String(repeating: " ", count: gap))
                while line.hasSuffix(" ") { line.removeLast() }
                lines.append(line)
            }
        }
        emit(headers)
        lines.append(indent + widths.map { String(repeating: "─", count: $0) }.joined(separator: String(repeating: " ", count: gap)))
        rows.forEach(emit)
        return lines
    }
}
