import CYaml

/// Builds `YAMLNode` trees from libyaml's event stream.
///
/// Written over the events rather than Yams' composer so that hostile input stays cheap:
/// composing is iterative (no recursion, whatever the nesting), nesting is capped by
/// libyaml at 1,000 levels, and aliases are counted by the size they expand to, so an
/// alias bomb ("billion laughs") is refused instead of walked.
package struct YAMLComposer {
    /// Why composing failed, and where.
    package struct Failure: Error, Sendable {
        package var mark: SourceMark
        package var message: String
    }

    /// The most nodes a document may expand to, counting every alias at its full size.
    package static let maximumExpandedNodes = 1_000_000

    /// Composes the single document in `bytes`; nil for a stream with no document.
    package static func compose(_ bytes: [UInt8]) throws(Failure) -> YAMLNode? {
        var composer = YAMLComposer()
        return try composer.run(bytes)
    }

    /// A collection being composed; mutated in place on the stack so appends never copy.
    private struct Frame {
        var isMapping: Bool
        var items: [YAMLNode] = []
        var pairs: [YAMLPair] = []
        var pendingKey: YAMLNode?
        var mark: SourceMark
        var anchor: String?
        /// Nodes this collection expands to, aliases counted at full size.
        var weight = 1

        var node: YAMLNode {
            YAMLNode(content: isMapping ? .mapping(pairs) : .sequence(items), mark: mark)
        }
    }

    private var stack: [Frame] = []
    private var anchors: [String: (node: YAMLNode, weight: Int)] = [:]
    private var root: YAMLNode?
    private var documents = 0
    /// The bytes being parsed, to locate reader errors (libyaml gives only a byte offset).
    private var source: [UInt8] = []

    private mutating func run(_ bytes: [UInt8]) throws(Failure) -> YAMLNode? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw Failure(mark: SourceMark(line: 1, column: 1), message: "out of memory starting the YAML parser")
        }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        source = bytes
        let result: Result<YAMLNode?, Failure> = bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            do throws(Failure) {
                try loop(&parser)
                return .success(root)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private mutating func loop(_ parser: inout yaml_parser_t) throws(Failure) {
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else { throw syntaxFailure(parser) }
            defer { yaml_event_delete(&event) }
            let mark = SourceMark(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 {
                    throw Failure(mark: mark, message: "a runbook is one YAML document; a second one starts here")
                }
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                let value = Self.string(scalar.value, Int(scalar.length))
                let node = YAMLNode(content: .scalar(value, plain: scalar.style == YAML_PLAIN_SCALAR_STYLE), mark: mark)
                try add(node, weight: 1, anchor: Self.optionalString(scalar.anchor))
            case YAML_ALIAS_EVENT:
                let name = Self.optionalString(event.data.alias.anchor) ?? ""
                guard let target = anchors[name] else {
                    throw Failure(mark: mark, message: "alias '*\(name)' has no anchor '&\(name)' before it (anchors must be defined before use and cannot refer to themselves)")
                }
                try add(YAMLNode(content: target.node.content, mark: mark), weight: target.weight, anchor: nil)
            case YAML_SEQUENCE_START_EVENT:
                stack.append(Frame(isMapping: false, mark: mark, anchor: Self.optionalString(event.data.sequence_start.anchor)))
            case YAML_MAPPING_START_EVENT:
                stack.append(Frame(isMapping: true, mark: mark, anchor: Self.optionalString(event.data.mapping_start.anchor)))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let frame = stack.popLast() else { continue }
                try add(frame.node, weight: frame.weight, anchor: frame.anchor)
            default:
                continue
            }
        }
    }

    private mutating func add(_ node: YAMLNode, weight: Int, anchor: String?) throws(Failure) {
        if let anchor { anchors[anchor] = (node, weight) }
        guard !stack.isEmpty else {
            root = node
            return
        }
        let top = stack.count - 1
        if !stack[top].isMapping {
            stack[top].items.append(node)
        } else if let key = stack[top].pendingKey {
            stack[top].pairs.append(YAMLPair(key: key, value: node))
            stack[top].pendingKey = nil
        } else {
            stack[top].pendingKey = node
        }
        stack[top].weight += weight
        if stack[top].weight > Self.maximumExpandedNodes {
            throw Failure(mark: node.mark, message: "the document expands to more than 1,000,000 nodes through aliases (an alias bomb?); refusing to load it")
        }
    }

    private func syntaxFailure(_ parser: yaml_parser_t) -> Failure {
        let mark = SourceMark(line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1)
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
        if problem.contains("Maximum nesting level") {
            return Failure(mark: mark, message: "YAML nesting is deeper than 1,000 levels")
        }
        if parser.error == YAML_READER_ERROR {
            return readerFailure(problem, offset: Int(parser.problem_offset), value: Int(parser.problem_value))
        }
        var message = "YAML syntax error: \(problem)"
        if let context = parser.context.map({ String(cString: $0) }) {
            message += " (\(context) at line \(parser.context_mark.line + 1), column \(parser.context_mark.column + 1))"
        }
        return Failure(mark: mark, message: message)
    }

    /// A reader error (a control character, bad encoding) at its line and column, counted
    /// from the byte offset libyaml gives; the offending byte is named in hex.
    private func readerFailure(_ problem: String, offset: Int, value: Int) -> Failure {
        let end = min(max(0, offset), source.count)
        var line = 1, lineStart = 0
        for index in 0..<end where source[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        // Columns count characters: every byte that does not continue a UTF-8 sequence.
        let column = 1 + source[lineStart..<end].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        var message = "YAML reader error: \(problem)"
        if value >= 0, offset < source.count {
            let hex = source[offset].hexDigits
            message += " (byte 0x\(hex) at line \(line), column \(column)); runbooks are text: "
                + "remove it, or write it as an escape such as \\x\(hex) in a double-quoted string"
        }
        return Failure(mark: SourceMark(line: line, column: column), message: message)
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, _ length: Int) -> String {
        guard let pointer else { return "" }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
    }

    private static func optionalString(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }
}
