/// Events read straight from journal lines in the form `EventJSON.line` writes them
/// (`{"seq":N,"at":"…","operator":"…","type":"…","payload":{…}}`, compact, in that order),
/// without building the line's JSON tree: every fold of a journal reads a million of them.
/// A line in any other form (other member order, whitespace, a string with an escape, a
/// number that is not a plain integer, a nested payload value) gives nil, and the caller
/// parses it in full (`JSONParser`, `EventJSON.event`), which decides what is valid and says
/// what is wrong. So this never accepts a line the full reading refuses, nor reads one
/// differently: it is only faster where it answers.
enum EventLineDecoder {
    /// The event on `bytes[range]` (a line without its newline), or nil to read it in full.
    static func event(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Event? {
        var cursor = Cursor(bytes: bytes, index: range.lowerBound, end: range.upperBound)
        guard cursor.literal(Self.seqKey), let sequence = cursor.integer(), JournalLine.isValidSequence(sequence),
              cursor.literal(Self.atKey), let at = cursor.instant(),
              cursor.literal(Self.operatorKey), let op = cursor.string(),
              cursor.literal(Self.typeKey), let type = cursor.string(),
              cursor.literal(Self.payloadKey), let payload = cursor.flatObject(),
              cursor.literal(Self.close), cursor.index == cursor.end else { return nil }
        guard let kind = try? EventJSON.kind(type: type, payload: payload) else { return nil }
        return Event(sequence: sequence, at: at, operator: op, kind: kind)
    }

    private static let seqKey = Array(#"{"seq":"#.utf8), atKey = Array(#","at":"#.utf8), operatorKey = Array(#","operator":"#.utf8),
                       typeKey = Array(#","type":"#.utf8), payloadKey = Array(#","payload":"#.utf8), close = Array("}".utf8)

    /// A position in the line.
    private struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var index: Int
        let end: Int

        /// Steps over `expected` when the line goes on with exactly those bytes.
        mutating func literal(_ expected: [UInt8]) -> Bool {
            guard end - index >= expected.count else { return false }
            for (offset, byte) in expected.enumerated() where bytes[index + offset] != byte { return false }
            index += expected.count
            return true
        }

        /// The bytes of a string with no escape and no control character, after its opening quote.
        private mutating func stringBytes() -> (slice: Slice<UnsafeBufferPointer<UInt8>>, ascii: Bool)? {
            guard index < end, bytes[index] == 0x22 else { return nil }
            let start = index + 1
            var position = start, ascii = true
            while position < end {
                let byte = bytes[position]
                if byte == 0x22 {
                    index = position + 1
                    return (bytes[start..<position], ascii)
                }
                if byte == 0x5C || byte < 0x20 { return nil }
                if byte >= 0x80 { ascii = false }
                position += 1
            }
            return nil
        }

        /// A string as `JSONParser` reads one without escapes (valid UTF-8 only).
        mutating func string() -> String? {
            guard let (slice, ascii) = stringBytes() else { return nil }
            let buffer = UnsafeBufferPointer(rebasing: slice)
            return ascii ? String(decoding: buffer, as: UTF8.self) : String(validating: buffer, as: UTF8.self)
        }

        /// A string holding an instant (`Instant(iso8601:)`).
        mutating func instant() -> Instant? {
            guard let (slice, _) = stringBytes() else { return nil }
            return Instant.parse(slice)
        }

        /// A non-negative integer of at most 18 digits, with no leading zero (as JSON writes it).
        mutating func integer() -> Int? {
            let start = index
            var value = 0
            while index < end, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                // 19 digits could overflow: such a number is left to the full reading.
                guard index - start < 18 else { return nil }
                value = value * 10 + Int(bytes[index] - 0x30)
                index += 1
            }
            let digits = index - start
            guard digits >= 1, digits <= 18, digits == 1 || bytes[start] != 0x30 else { return nil }
            // A fraction or an exponent follows: not an integer here.
            if index < end, bytes[index] == 0x2E || bytes[index] == 0x65 || bytes[index] == 0x45 { return nil }
            return value
        }

        /// `{"name":value,…}` whose values are strings, integers, true or false.
        mutating func flatObject() -> JSONValue? {
            guard index < end, bytes[index] == 0x7B else { return nil }
            index += 1
            var members: [(String, JSONValue)] = []
            if index < end, bytes[index] == 0x7D { index += 1; return .object(members) }
            while true {
                guard let name = string(), index < end, bytes[index] == 0x3A else { return nil }
                index += 1
                guard index < end else { return nil }
                let value: JSONValue
                switch bytes[index] {
                case 0x22:
                    guard let text = string() else { return nil }
                    value = .string(text)
                case 0x74:
                    guard literal(Self.trueLiteral) else { return nil }
                    value = .bool(true)
                case 0x66:
                    guard literal(Self.falseLiteral) else { return nil }
                    value = .bool(false)
                default:
                    guard let number = integer() else { return nil }
                    value = .int(number)
                }
                members.append((name, value))
                guard index < end else { return nil }
                if bytes[index] == 0x2C { index += 1; continue }
                guard bytes[index] == 0x7D else { return nil }
                index += 1
                return .object(members)
            }
        }

        private static let trueLiteral = Array("true".utf8), falseLiteral = Array("false".utf8)
    }
}
