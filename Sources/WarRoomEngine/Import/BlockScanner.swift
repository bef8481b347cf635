import Foundation

/// Turns repaired lines into blocks: headings, text, list items, pipe tables, the
/// tab-separated one-cell-per-line tables of wiki exports, and fenced code.
public enum BlockScanner {
    /// The blocks of `lines`, in order, and the front-matter title if there is one.
    public static func scan(_ lines: [SourceLine]) -> (blocks: [SourceBlock], frontTitle: String?) {
        var blocks: [SourceBlock] = []
        var frontTitle: String?
        var index = 0
        // YAML front matter.
        if let first = lines.first, first.text.trimmingSpaces == "---" {
            var end = 1
            while end < lines.count, lines[end].text.trimmingSpaces != "---" { end += 1 }
            if end < lines.count {
                for line in lines[1..<end] where line.text.hasPrefix("title:") {
                    frontTitle = MarkdownText.unquote(String(line.text.dropFirst(6)).trimmingSpaces)
                }
                index = end + 1
            }
        }
        let markdownHeadings = lines.contains { $0.text.hasPrefix("# ") || $0.text.hasPrefix("## ") || setextLevel($0.text) == 1 }
        var lastTopNumber = 0
        var tableCloses: [Int]?
        while index < lines.count {
            let line = lines[index]
            let text = line.text
            let trimmed = text.trimmingSpaces
            if trimmed.isEmpty { index += 1; continue }
            if let fence = fenceMarker(trimmed) {
                var body: [SourceLine] = []
                var next = index + 1
                // A fence indented inside a list item: its lines lose that indentation.
                let fenceIndent = text.prefix(while: { $0 == " " }).count
                while next < lines.count, !lines[next].text.trimmingSpaces.hasPrefix(fence) {
                    var bodyLine = lines[next]
                    if fenceIndent > 0 {
                        let strip = min(fenceIndent, bodyLine.text.prefix(while: { $0 == " " }).count)
                        bodyLine.text = String(bodyLine.text.dropFirst(strip))
                    }
                    body.append(bodyLine); next += 1
                }
                let info = String(trimmed.dropFirst(fence.count)).trimmingSpaces
                blocks.append(.code(CodeBlock(info: info, lines: body, line: line.number, indent: indentation(text))))
                index = min(next + 1, lines.count)
                continue
            }
            if let heading = markdownHeading(trimmed, line: line.number) {
                blocks.append(.heading(heading)); index += 1; continue
            }
            if isRule(trimmed) { index += 1; continue }
            if trimmed.hasPrefix("<"), trimmed.lowercased().hasPrefix("<table") {
                // Where each table closes, found once for the whole document (many unclosed
                // `<table` lines must not make the scan quadratic).
                if tableCloses == nil { tableCloses = closingLines(lines) }
                if let close = tableCloses?[index], close - index < 2_000, let table = htmlTable(lines, from: index, to: close) {
                    blocks.append(.table(table)); index = close + 1; continue
                }
            }
            if trimmed.hasPrefix("|") {
                let (table, next) = pipeTable(lines, from: index)
                if let table { blocks.append(.table(table)) }
                index = next
                continue
            }
            if text.hasPrefix("\t"), let (table, next) = tabTable(lines, from: index) {
                blocks.append(.table(table)); index = next; continue
            }
            // Setext headings: a line of text underlined with === or ---.
            if index + 1 < lines.count, let underline = setextLevel(lines[index + 1].text), listItem(text, line: 0) == nil,
               !trimmed.hasPrefix("|"), !trimmed.hasPrefix("**") || !trimmed.hasSuffix(":**") {
                let title = MarkdownText.plain(trimmed)
                if !title.isEmpty {
                    blocks.append(.heading(SourceHeading(level: underline, text: title, line: line.number)))
                    index += 2
                    continue
                }
            }
            if !markdownHeadings, let heading = numberedHeading(lines, at: index, lastTop: lastTopNumber) {
                if heading.level == 2 { lastTopNumber = Int(lines[index].text.trimmingSpaces.prefix(while: { $0.isASCII && $0.isNumber })) ?? lastTopNumber }
                blocks.append(.heading(heading)); index += 1; continue
            }
            if var item = listItem(text, line: line.number) {
                index += 1
                // A wrapped item: the lines right under it belong to it.
                while index < lines.count, isContinuation(lines[index].text) {
                    item.text += " " + lines[index].text.trimmingSpaces
                    item.continuation.append(lines[index].number)
                    index += 1
                }
                blocks.append(.item(item)); continue
            }
            blocks.append(.text(TextLine(text: trimmed, indent: indentation(text), line: line.number)))
            index += 1
        }
        return (blocks, frontTitle)
    }

    /// Whether a line right under a list item continues it: text that opens no block of its own.
    static func isContinuation(_ raw: String) -> Bool {
        let trimmed = raw.trimmingSpaces
        guard !trimmed.isEmpty, fenceMarker(trimmed) == nil, !trimmed.hasPrefix("#"), !trimmed.hasPrefix("|"), !trimmed.hasPrefix(">"),
              !isRule(trimmed), setextLevel(trimmed) == nil, listItem(raw, line: 0) == nil, !raw.hasPrefix("\t") else { return false }
        // Shortcodes, HTML comments and numbered headings of plain text ("7.2 Short-Term") stand alone.
        let numbering = trimmed.prefix(while: { ($0.isASCII && $0.isNumber) || $0 == "." })
        if numbering.contains(where: \.isNumber), numbering.contains("."), trimmed.dropFirst(numbering.count).first == " " { return false }
        return !trimmed.hasPrefix("{{") && !trimmed.hasPrefix("<!--")
    }

    static func fenceMarker(_ trimmed: String) -> String? {
        if trimmed.hasPrefix("```") { return "```" }
        if trimmed.hasPrefix("~~~") { return "~~~" }
        return nil
    }

    static func markdownHeading(_ trimmed: String, line: Int) -> SourceHeading? {
        guard trimmed.hasPrefix("#") else { return nil }
        let level = trimmed.prefix(while: { $0 == "#" }).count
        guard level <= 6 else { return nil }
        let rest = trimmed.dropFirst(level)
        guard rest.first == " " else { return nil }
        var title = String(rest).trimmingSpaces
        while title.hasSuffix("#") { title.removeLast() }
        title = MarkdownText.plain(title.trimmingSpaces)
        // "1. Application Rollback", "3.2 Database Rollback": the numbering is not the title.
        let numbering = title.prefix(while: { ($0.isASCII && $0.isNumber) || $0 == "." })
        if !numbering.isEmpty, numbering.contains(where: \.isNumber), title.dropFirst(numbering.count).first == " ",
           numbering.hasSuffix(".") || numbering.has(".") {
            title = String(title.dropFirst(numbering.count)).trimmingSpaces
        }
        guard !title.isEmpty else { return nil }
        return SourceHeading(level: level, text: title, line: line)
    }

    /// 1 for a line of `=`, 2 for a line of `-` (three or more, nothing else); nil otherwise.
    static func setextLevel(_ raw: String) -> Int? {
        let text = raw.trimmingSpaces
        guard text.utf8.count >= 3, let first = text.utf8.first, text.utf8.allSatisfy({ $0 == first }) else { return nil }
        if first == UInt8(ascii: "=") { return 1 }
        if first == UInt8(ascii: "-") { return 2 }
        return nil
    }

    static func isRule(_ trimmed: String) -> Bool {
        guard let lead = trimmed.utf8.first, lead == UInt8(ascii: "-") || lead == UInt8(ascii: "*") || lead == UInt8(ascii: "_") || lead == UInt8(ascii: "=") else { return false }
        let compact = trimmed.filter { $0 != " " }
        guard compact.count >= 3, let first = compact.first, "-*_=".contains(first) else { return false }
        return compact.allSatisfy { $0 == first }
    }

    static func indentation(_ text: String) -> Int {
        var count = 0
        for character in text {
            if character == " " { count += 1 } else if character == "\t" { count += 4 } else { break }
        }
        return count
    }

    /// `- x`, `* x`, `+ x`, `1. x`, `1) x`, optionally `[ ]`/`[x]`.
    static func listItem(_ text: String, line: Int) -> SourceListItem? {
        let indent = indentation(text)
        let body = text.drop(while: { $0 == " " || $0 == "\t" })
        var ordinal: Int?
        var rest: Substring
        if let first = body.first, "-*+•".contains(first), body.dropFirst().first == " " {
            rest = body.dropFirst(2)
        } else {
            let digits = body.prefix(while: { $0.isASCII && $0.isNumber })
            guard !digits.isEmpty, digits.count <= 3 else { return nil }
            let after = body.dropFirst(digits.count)
            guard let mark = after.first, mark == "." || mark == ")", after.dropFirst().first == " " || after.dropFirst().first == "\t" else { return nil }
            ordinal = Int(digits)
            rest = after.dropFirst(2)
        }
        var trimmedRest = String(rest).trimmingSpaces
        var checkbox = false
        for box in ["[ ]", "[x]", "[X]"] where trimmedRest.hasPrefix(box) {
            checkbox = true
            trimmedRest = String(trimmedRest.dropFirst(3)).trimmingSpaces
        }
        return SourceListItem(indent: indent, ordinal: ordinal, isCheckbox: checkbox, text: trimmedRest, line: line)
    }

    /// Plain-text numbered headings: `3.1 Title` always; `3. Title` when its number is
    /// above the headings' before it and is not part of a list (neither the line
    /// before nor the line after is a neighbouring numbered item).
    static func numberedHeading(_ lines: [SourceLine], at index: Int, lastTop: Int) -> SourceHeading? {
        let text = lines[index].text.trimmingSpaces
        guard let first = text.first, first.isASCII, first.isNumber else { return nil }
        let number = text.prefix(while: { ($0.isASCII && $0.isNumber) || $0 == "." })
        let parts = number.split(separator: ".", omittingEmptySubsequences: true)
        let title = text.dropFirst(number.count)
        guard title.first == " ", !parts.isEmpty, parts.count <= 4 else { return nil }
        let titleText = String(title).trimmingSpaces
        guard let initial = titleText.first, initial.isUppercase || initial.isNumber, titleText.count <= 90 else { return nil }
        if parts.count == 1 {
            guard number.hasSuffix(".") else { return nil }
            let own = Int(parts[0]) ?? 0
            guard own > lastTop else { return nil }
            // A neighbour numbered n-1, n or n+1 makes this line part of a list.
            func neighbourIsItem(_ step: Int) -> Bool {
                var probe = index + step
                while probe >= 0, probe < lines.count, lines[probe].text.trimmingSpaces.isEmpty { probe += step }
                guard probe >= 0, probe < lines.count else { return false }
                guard let item = listItem(lines[probe].text, line: 0), let ordinal = item.ordinal, abs(ordinal - own) <= 1 else { return false }
                return !lines[probe].text.contains(where: { $0 == "\t" }) && numberedSubheading(lines[probe].text) == false
            }
            if neighbourIsItem(-1) || neighbourIsItem(1) { return nil }
        }
        return SourceHeading(level: parts.count + 1, text: MarkdownText.plain(titleText), line: lines[index].number)
    }

    private static func numberedSubheading(_ text: String) -> Bool {
        let number = text.prefix(while: { ($0.isASCII && $0.isNumber) || $0 == "." })
        return number.split(separator: ".").count > 1
    }
}
