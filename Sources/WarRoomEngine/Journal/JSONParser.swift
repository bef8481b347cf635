/// A strict JSON parser over UTF-8 bytes (RFC 8259), built for journal lines: one object a
/// line, parsed without Foundation. Depth is limited so hostile input cannot exhaust the stack.
public struct JSONParser {
    /// Why a line did not parse, with the byte column (from 1) where it went wrong.
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        public var column: Int
        public var message: String
        public var description: String { "column \(column): \(message)" }
    }

    /// The deepest nesting accepted.
    public static let maximumDepth = 64

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index: Int
    private let end: Int
    private var depth = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) {
        self.bytes = bytes
        self.index = start
        self.end = end
    }

    /// Parses the bytes `range` of `bytes` as one JSON value with nothing after it but spaces.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>) throws(Failure) -> JSONValue {
        var parser = JSONParser(bytes, start: range.lowerBound, end: range.upperBound)
        let start = range.lowerBound
        do throws(Failure) {
            parser.skipSpaces()
            let value = try parser.value()
            parser.skipSpaces()
            guard parser.index == parser.end else { throw parser.failure("unexpected text after the value") }
            return value
        } catch {
            throw Failure(column: error.column - start, message: error.message)
        }
    }

    /// Parses a string as one JSON value.
    public static func parse(_ text: String) throws(Failure) -> JSONValue {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { buffer throws(Failure) in try parse(buffer, range: 0..<buffer.count) }
    }

    private func failure(_ message: String) -> Failure { Failure(column: index + 1, message: message) }

    private mutating func skipSpaces() {
        while index < end {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func value() throws(Failure) -> JSONValue {
        guard index < end else { throw failure("expected a value; found the end of the line") }
        switch bytes[index] {
        case 0x7B: return try object()
        case 0x5B: return try array()
        case 0x22: return .string(try string())
        case 0x74: try literal("true"); return .bool(true)
        case 0x66: try literal("false"); return .bool(false)
        case 0x6E: try literal("null"); return .null
        case 0x2D, 0x30...0x39: return try number()
        default: throw failure("expected a value")
        }
    }

    private mutating func literal(_ word: StaticString) throws(Failure) {
        let count = word.utf8CodeUnitCount
        guard end - index >= count else { throw failure("expected '\(word)'") }
        let text = word.utf8Start
        for offset in 0..<count where bytes[index + offset] != text[offset] { throw failure("expected '\(word)'") }
        index += count
    }

    private mutating func enter() throws(Failure) {
        depth += 1
        guard depth <= Self.maximumDepth else { throw failure("nested more than \(Self.maximumDepth) deep") }
    }

    private mutating func object() throws(Failure) -> JSONValue {
        try enter()
        index += 1
        var members: [(String, JSONValue)] = []
        members.reserveCapacity(6)
        skipSpaces()
        if index < end, bytes[index] == 0x7D { index += 1; depth -= 1; return .object(members) }
        while true {
            skipSpaces()
            guard index < end, bytes[index] == 0x22 else { throw failure("expected a member name in double quotes") }
            let name = try string()
            skipSpaces()
            guard index < end, bytes[index] == 0x3A else { throw failure("expected ':' after a member name") }
            index += 1
            skipSpaces()
            members.append((name, try value()))
            skipSpaces()
            guard index < end else { throw failure("expected ',' or '}'; found the end of the line") }
            if bytes[index] == 0x2C { index += 1; continue }
            if bytes[index] == 0x7D { index += 1; depth -= 1; return .object(members) }
            throw failure("expected ',' or '}'")
        }
    }

    private mutating func array() throws(Failure) -> JSONValue {
        try enter()
        index += 1
        var items: [JSONValue] = []
        skipSpaces()
        if index < end, bytes[index] == 0x5D { index += 1; depth -= 1; return .array(items) }
        while true {
            skipSpaces()
            items.append(try value())
            skipSpaces()
            guard index < end else { throw failure("expected ',' or ']'; found the end of the line") }
            if bytes[index] == 0x2C { index += 1; continue }
            if bytes[index] == 0x5D { index += 1; depth -= 1; return .array(items) }
            throw failure("expected ',' or ']'")
        }
    }

    private mutating func number() throws(Failure) -> JSONValue {
        let start = index
        if bytes[index] == 0x2D { index += 1 }
        guard index < end, (0x30...0x39).contains(bytes[index]) else { throw failure("expected a digit") }
        if bytes[index] == 0x30 { index += 1 } else { while index < end, (0x30...0x39).contains(bytes[index]) { index += 1 } }
        var integral = true
        if index < end, bytes[index] == 0x2E {
            integral = false
            index += 1
            guard index < end, (0x30...0x39).contains(bytes[index]) else { throw failure("expected a digit after '.'") }
            while index < end, (0x30...0x39).contains(bytes[index]) { index += 1 }
        }
        if index < end, bytes[index] == 0x65 || bytes[index] == 0x45 {
            integral = false
            index += 1
            if index < end, bytes[index] == 0x2B || bytes[index] == 0x2D { index += 1 }
            guard index < end, (0x30...0x39).contains(bytes[index]) else { throw failure("expected a digit in the exponent") }
            while index < end, (0x30...0x39).contains(bytes[index]) { index += 1 }
        }
        if integral, index - start <= 18 {
            // Fast path: up to 18 digits always fit in Int.
            var value = 0
            var position = start
            let negative = bytes[position] == 0x2D
            if negative { position += 1 }
            while position < index { value = value * 10 + Int(bytes[position] - 0x30); position += 1 }
            return .int(negative ? -value : value)
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        if integral, let value = Int(text) { return .int(value) }
        guard let value = Double(text) else { throw failure("number out of range") }
        return .double(value)
    }

    private mutating func string() throws(Failure) -> String {
        index += 1
        let start = index
        // Fast path: no escapes; ASCII needs no UTF-8 validation.
        var ascii = true
        while index < end {
            let byte = bytes[index]
            if byte == 0x22 {
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<index])
                index += 1
                if ascii { return String(decoding: slice, as: UTF8.self) }
                guard let text = String(validating: slice, as: UTF8.self) else {
                    throw Failure(column: start + 1, message: "string is not valid UTF-8")
                }
                return text
            }
            if byte == 0x5C { break }
            if byte < 0x20 { throw failure("control character in a string (escape it)") }
            if byte >= 0x80 { ascii = false }
            index += 1
        }
        var buffer = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < end {
            let byte = bytes[index]
            if byte == 0x22 {
                index += 1
                guard let text = String(validating: buffer, as: UTF8.self) else {
                    throw Failure(column: start + 1, message: "string is not valid UTF-8")
                }
                return text
            }
            if byte < 0x20 { throw failure("control character in a string (escape it)") }
            guard byte == 0x5C else { buffer.append(byte); index += 1; continue }
            index += 1
            guard index < end else { break }
            switch bytes[index] {
            case 0x22: buffer.append(0x22)
            case 0x5C: buffer.append(0x5C)
            case 0x2F: buffer.append(0x2F)
            case 0x62: buffer.append(0x08)
            case 0x66: buffer.append(0x0C)
            case 0x6E: buffer.append(0x0A)
            case 0x72: buffer.append(0x0D)
            case 0x74: buffer.append(0x09)
            case 0x75:
                var scalar = try hex4()
                if (0xD800...0xDBFF).contains(scalar) {
                    guard index + 2 < end, bytes[index + 1] == 0x5C, bytes[index + 2] == 0x75 else { throw failure("unpaired surrogate") }
                    index += 2
                    let low = try hex4()
                    guard (0xDC00...0xDFFF).contains(low) else { throw failure("unpaired surrogate") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    throw failure("unpaired surrogate")
                }
                guard let unicode = Unicode.Scalar(scalar) else { throw failure("invalid \\u escape") }
                buffer.append(contentsOf: Array(String(Character(unicode)).utf8))
            default: throw failure("invalid escape")
            }
            index += 1
        }
        throw failure("unterminated string")
    }

    /// Reads the four hex digits after `\u`, leaving `index` on the last one.
    private mutating func hex4() throws(Failure) -> UInt32 {
        guard end - index > 4 else { throw failure("expected four hex digits after \\u") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            index += 1
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
            default: throw failure("expected four hex digits after \\u")
            }
            value = value * 16 + digit
        }
        return value
    }
}
