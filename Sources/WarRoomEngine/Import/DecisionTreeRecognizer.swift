import Foundation

/// Reads decision trees drawn in code blocks: `├── YES →` / `└── NO →` trees, box-drawn
/// trees (┌ │ ▼ ─►) and arrow trees (`──NO──→`), into question nodes and outcomes.
enum DecisionTreeRecognizer {
    /// A question, answer label, or outcome read from the drawing.
    private enum Token {
        case question(String, Int)
        case label(String, Int)
        case arrow(String, Int)
        case text(String, Int)
    }

    static let answerWords: Set<String> = ["yes", "no", "y", "n", "true", "false", "else", "otherwise"]
    static let drawing: Set<Character> = ["┌", "┐", "└", "┘", "─", "│", "┬", "┴", "├", "┤", "┼", "▼", "►", "▶", "→", "↓", "═", "║", "-", ">", "v"]

    /// A tree from a code block, or nil (with the reason) if it does not read as one.
    static func read(_ block: CodeBlock, title: String, state: inout ImportState) -> DecisionTree? {
        let boxed = block.text.has("┌") || block.text.has("▼")
        if !boxed, block.text.has("├──") || block.text.has("└──") { return readIndented(block, title: title, state: &state) }
        return readFlow(block, title: title, state: &state)
    }

    // MARK: - ├── trees

    private static func readIndented(_ block: CodeBlock, title: String, state: inout ImportState) -> DecisionTree? {
        var builder = TreeBuilder(title: title, line: block.line)
        var stack: [(depth: Int, node: Int)] = []
        for line in block.lines {
            let text = line.text
            guard !text.trimmingSpaces.isEmpty else { continue }
            guard let branch = text.textRange(of: "├──") ?? text.textRange(of: "└──") else {
                // The root question.
                let question = text.trimmingSpaces
                guard question.hasSuffix("?"), stack.isEmpty else { return nil }
                stack.append((0, builder.addNode(question, line: line.number)))
                continue
            }
            let depth = text.distance(from: text.startIndex, to: branch.lowerBound) / 4 + 1
            var rest = String(text[branch.upperBound...]).trimmingSpaces
            var label = "→"
            for arrow in ["→", "->", "─►", "=>"] {
                if let range = rest.textRange(of: arrow) {
                    label = String(rest[..<range.lowerBound]).trimmingSpaces
                    rest = String(rest[range.upperBound...]).trimmingSpaces
                    break
                }
            }
            while let last = stack.last, last.depth >= depth { stack.removeLast() }
            guard let parent = stack.last else { return nil }
            if rest.hasSuffix("?") {
                let node = builder.addNode(rest, line: line.number)
                builder.answer(parent.node, label: label, goto: .node(node))
                stack.append((depth, node))
            } else {
                let outcome = builder.addOutcome(rest, line: line.number)
                builder.answer(parent.node, label: label, goto: .outcome(outcome))
            }
        }
        return builder.build(state: &state)
    }

    // MARK: - Box and arrow flows

    private static func tokens(_ block: CodeBlock) -> [Token] {
        var tokens: [Token] = []
        for line in block.lines {
            var text = line.text
            var arrowTarget: String?
            for arrow in ["─►", "──→", "→", "->", "►"] {
                if let range = text.textRange(of: arrow) {
                    arrowTarget = String(text[range.upperBound...])
                    text = String(text[..<range.lowerBound])
                    break
                }
            }
            let segments = text.split(whereSeparator: { drawing.contains($0) && $0 != "-" && $0 != ">" && $0 != "v" })
                .map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
            for segment in segments {
                if answerWords.contains(segment.lowercased()) { tokens.append(.label(segment, line.number)) }
                else if segment.hasSuffix("?") { tokens.append(.question(segment, line.number)) }
                else { tokens.append(.text(segment, line.number)) }
            }
            if let arrowTarget {
                let target = arrowTarget.filter { !drawing.contains($0) || $0 == "-" || $0 == ">" || $0 == "v" }.trimmingSpaces
                if !target.isEmpty { tokens.append(.arrow(target, line.number)) }
            }
        }
        return tokens
    }

    private static func readFlow(_ block: CodeBlock, title: String, state: inout ImportState) -> DecisionTree? {
        var builder = TreeBuilder(title: title, line: block.line)
        var current: Int?
        var pending: String?
        var unread: [Token] = []
        let stream = tokens(block)
        var index = 0
        while index < stream.count {
            let token = stream[index]
            switch token {
            case .question(let text, let line):
                let node = builder.addNode(text, line: line)
                if let current, let pending { builder.answer(current, label: pending, goto: .node(node)) }
                else if current != nil { unread.append(token) }
                current = node
                pending = nil
            case .label(let text, _):
                if index + 1 < stream.count, case .arrow(let target, let line) = stream[index + 1], let current {
                    let outcome = builder.addOutcome(target, line: line)
                    builder.answer(current, label: text, goto: .outcome(outcome))
                    index += 1
                } else {
                    pending = text
                }
            case .arrow(let target, let line):
                if let current, let pending {
                    builder.answer(current, label: pending, goto: .outcome(builder.addOutcome(target, line: line)))
                } else { unread.append(token) }
            case .text(let text, let line):
                if let current, let label = pending {
                    builder.answer(current, label: label, goto: .outcome(builder.addOutcome(text, line: line)))
                    pending = nil
                } else { unread.append(token) }
            }
            index += 1
        }
        for token in unread {
            switch token {
            case .question(let text, let line), .label(let text, let line), .arrow(let text, let line), .text(let text, let line):
                state.note(line, "decision tree: could not place '\(text)'")
            }
        }
        return builder.build(state: &state)
    }
}

/// Collects nodes and outcomes and makes a valid tree: unique ids, answers that lead somewhere.
struct TreeBuilder {
    enum Target { case node(Int), outcome(Int) }
    var title: String
    var line: Int
    var nodes: [(question: String, line: Int, answers: [(String, Target)])] = []
    var outcomes: [(title: String, line: Int)] = []

    init(title: String, line: Int) {
        self.title = title
        self.line = line
    }

    mutating func addNode(_ question: String, line: Int) -> Int {
        nodes.append((MarkdownText.plain(question), line, []))
        return nodes.count - 1
    }

    mutating func addOutcome(_ title: String, line: Int) -> Int {
        outcomes.append((MarkdownText.plain(title), line))
        return outcomes.count - 1
    }

    mutating func answer(_ node: Int, label: String, goto target: Target) {
        let text = label.lowercased()
        let display = text == "yes" || text == "y" ? "Yes" : text == "no" || text == "n" ? "No" : label
        nodes[node].answers.append((display, target))
    }

    /// The tree, or nil when a node has fewer than two answers.
    func build(state: inout ImportState) -> DecisionTree? {
        guard !nodes.isEmpty, !outcomes.isEmpty, nodes.allSatisfy({ $0.answers.count >= 2 }) else { return nil }
        // Every node must be reachable from the first one, as the format requires.
        var reached: Set<Int> = [0]
        var queue = [0]
        while let node = queue.popLast() {
            for (_, target) in nodes[node].answers {
                if case .node(let next) = target, reached.insert(next).inserted { queue.append(next) }
            }
        }
        guard reached.count == nodes.count else { return nil }
        var ids = ImportIDs()
        let nodeIDs = nodes.map { ids.make(String($0.question.dropLast()), kind: "tree", fallback: "question") }
        let outcomeIDs = outcomes.map { ids.make($0.title, kind: "tree", fallback: "outcome") }
        let treeNodes = nodes.enumerated().map { offset, node in
            DecisionNode(id: nodeIDs[offset], question: node.question, answers: node.answers.map { label, target in
                switch target {
                case .node(let index): return DecisionAnswer(label: label, goto: nodeIDs[index])
                case .outcome(let index): return DecisionAnswer(label: label, goto: outcomeIDs[index])
                }
            }, source: node.line)
        }
        let treeOutcomes = outcomes.enumerated().map { offset, outcome in
            DecisionOutcome(id: outcomeIDs[offset], title: outcome.title, timeLimit: timeLimit(outcome.title), source: outcome.line)
        }
        let id = state.ids.make(title, kind: "tree", fallback: "decision-tree")
        return DecisionTree(id: id, title: title, root: nodeIDs[0], nodes: treeNodes, outcomes: treeOutcomes, source: line)
    }

    /// "Rollback within 30 min" → within 30m; "ROLLBACK IMMEDIATELY" → immediate.
    func timeLimit(_ title: String) -> Timing? {
        let lower = title.lowercased()
        if let range = lower.textRange(of: "within ") {
            let words = lower[range.upperBound...].split(separator: " ").prefix(2).joined(separator: " ")
            if let seconds = try? DurationText.parseLength(words).get() { return .within(seconds: seconds) }
        }
        if lower.has("immediate") { return .immediate }
        return nil
    }
}
