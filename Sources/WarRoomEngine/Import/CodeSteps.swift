import Foundation

/// A step being assembled from the source, before it is numbered.
struct DraftStep {
    var action: String
    var owner: String?
    var duration: Timing?
    var commands: String?
    var checklist: [ChecklistItem] = []
    var notes: String?
    var line: Int

    /// Code under the step: its commands, or, after "The output is similar to this:", its
    /// example output, kept in its notes, left out of its commands, and reported.
    mutating func attach(_ code: String, line codeLine: Int, asOutput: Bool, state: inout ImportState) {
        if asOutput {
            notes = ProcedureFields.join(notes, "Example output:\n" + code)
            state.note(codeLine, "code block read as example output of the step at line \(line), left out of its commands")
        } else {
            commands = commands.map { $0 + "\n\n" + code } ?? code
        }
    }

    func step(number: Int) -> Step {
        Step(number: number, id: nil, action: action, owner: owner, duration: duration ?? ImportTiming.impliedBy(action: action), commands: commands,
             checklist: checklist, notes: notes, source: line)
    }
}

/// Steps read out of a code block: numbered comments (`# 1. Stop writes`, `-- 2. …`,
/// `// 3. …`), numbered lines (`1. Go to the dashboard`), or groups of lines separated by
/// blank lines that each open with a comment.
enum CodeSteps {
    /// The comment markers of a code block's language: `#` for shells and scripts, `--` for
    /// SQL, `//` for C-like languages; all three for a block that names none.
    static func markers(_ info: String) -> [String] {
        let language = info.split(separator: " ").first.map { $0.lowercased() } ?? ""
        switch language {
        case "bash", "sh", "shell", "zsh", "console", "shell-session", "powershell", "ps1", "python", "py", "ruby", "yaml", "yml", "toml",
             "dockerfile", "make", "makefile", "hcl", "terraform", "tf", "perl", "r":
            return ["#"]
        case "sql", "psql", "pgsql", "postgresql", "postgres", "mysql", "plsql", "tsql", "sqlite", "cql", "haskell", "lua":
            return ["--"]
        case "js", "javascript", "ts", "typescript", "go", "java", "c", "cpp", "c++", "swift", "rust", "kotlin", "scala", "csharp", "cs", "json5":
            return ["//"]
        default:
            return ["#", "--", "//"]
        }
    }

    /// The comment text of a line, without its marker; nil if the line is no comment. A
    /// shell flag (`--db-instance-identifier …`) is no SQL comment: outside a SQL block `--`
    /// counts only before a space.
    static func comment(_ raw: String, info: String = "") -> String? {
        let text = raw.trimmingSpaces
        if text.hasPrefix("#!") { return nil }
        let languageMarkers = markers(info)
        for marker in languageMarkers where text.hasPrefix(marker) {
            let rest = text.dropFirst(marker.count)
            if marker == "--", languageMarkers.count > 1, let next = rest.first, next != " " { return nil }
            return String(rest).trimmingSpaces
        }
        return nil
    }

    /// "1. Stop writes" → (1, "Stop writes").
    static func numbered(_ text: String) -> (Int, String)? {
        let digits = text.prefix(while: { $0.isASCII && $0.isNumber })
        guard !digits.isEmpty, digits.count <= 2, let number = Int(digits) else { return nil }
        let rest = text.dropFirst(digits.count)
        guard rest.hasPrefix(". ") || rest.hasPrefix(") ") else { return nil }
        let title = String(rest.dropFirst(2)).trimmingSpaces
        return title.isEmpty ? nil : (number, title)
    }

    /// Steps from numbered comments or numbered lines; nil unless at least two, counting up from 1.
    static func numberedSteps(_ block: CodeBlock) -> [DraftStep]? {
        var starts: [(index: Int, title: String)] = []
        var expected = 1
        for (index, line) in block.lines.enumerated() {
            let candidate = comment(line.text, info: block.info) ?? line.text.trimmingSpaces
            guard let (number, title) = numbered(candidate), number == expected else { continue }
            // A numbered line outside a comment counts only in a block without commands.
            if comment(line.text, info: block.info) == nil, line.text.hasPrefix(" ") { continue }
            starts.append((index, title))
            expected += 1
        }
        guard starts.count >= 2 else { return nil }
        var steps: [DraftStep] = []
        for (position, start) in starts.enumerated() {
            let end = position + 1 < starts.count ? starts[position + 1].index : block.lines.count
            let lines = block.lines[start.index..<end].map(\.text)
            let isCommand = comment(block.lines[start.index].text, info: block.info) != nil
            steps.append(DraftStep(action: MarkdownText.plain(start.title), commands: isCommand ? trimmedBlock(lines) : nil,
                                   line: block.lines[start.index].number))
        }
        return steps
    }

    /// Steps from blank-line separated groups that each open with a comment; groups that
    /// are all comment (example output) join the step before. Nil unless every group that
    /// holds commands opens with a comment.
    static func commentGroups(_ block: CodeBlock) -> [DraftStep]? {
        var groups: [[SourceLine]] = [[]]
        for line in block.lines {
            if line.text.trimmingSpaces.isEmpty {
                if !(groups.last?.isEmpty ?? true) { groups.append([]) }
            } else if !line.text.trimmingSpaces.hasPrefix("#!") {
                groups[groups.count - 1].append(line)
            }
        }
        groups.removeAll { $0.isEmpty }
        var steps: [DraftStep] = []
        for group in groups {
            guard let first = group.first else { continue }
            let allComments = group.allSatisfy { comment($0.text, info: block.info) != nil }
            if allComments, !steps.isEmpty {
                let last = steps.count - 1
                steps[last].commands = (steps[last].commands ?? "") + "\n\n" + group.map(\.text).joined(separator: "\n")
                continue
            }
            guard let title = comment(first.text, info: block.info), !title.isEmpty else { return nil }
            steps.append(DraftStep(action: MarkdownText.plain(title.hasSuffix(":") ? String(title.dropLast()) : title),
                                   commands: group.map(\.text).joined(separator: "\n"), line: first.number))
        }
        return steps.isEmpty ? nil : steps
    }

    /// The first comment of a block that is not a shebang, as an action.
    static func firstComment(_ block: CodeBlock) -> (String, Int)? {
        for line in block.lines {
            if let text = comment(line.text, info: block.info), !text.isEmpty { return (MarkdownText.plain(text), line.number) }
        }
        return nil
    }

    static func trimmedBlock(_ lines: [String]) -> String {
        var lines = lines
        while lines.last?.trimmingSpaces.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    /// Whether a code block draws a decision tree.
    static func isTree(_ block: CodeBlock) -> Bool {
        let text = block.text
        return text.has("├──") || text.has("└──") || text.has("▼") || text.has("─►")
            || text.has("──→") || (text.has("↓") && text.has("?"))
    }
}
