/// Decodes a `Decodable` value from the engine's own `JSONValue` (parsed by `JSONParser`),
/// for the checkpoints' states: `JSONDecoder` reads what `JSONEncoder` wrote just as well, but
/// it cost a fifth of every `warroom status` on a state of 3 KB (its own JSON model, coding
/// paths and containers built for every value). Numbers, strings, booleans, null, arrays and
/// objects map as `JSONEncoder` writes them (dictionaries with integer keys as objects with
/// the integers as names); nothing else is accepted.
public struct JSONValueDecoder {
    public init() {}

    /// `type` from the JSON text `bytes`; throws `DecodingError` (or the parser's failure).
    public func decode<Value: Decodable>(_ type: Value.Type, from bytes: ArraySlice<UInt8>) throws -> Value {
        let value = try bytes.withUnsafeBufferPointer { buffer in
            try JSONParser.parse(buffer, range: 0..<buffer.count)
        }
        return try decode(type, from: value)
    }

    /// `type` from the parsed `value`.
    public func decode<Value: Decodable>(_ type: Value.Type, from value: JSONValue) throws -> Value {
        try Value(from: JSONValueDecoding(value: value, codingPath: []))
    }
}

/// One value being decoded, with its place in the document.
private struct JSONValueDecoding: Decoder {
    let value: JSONValue
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object = value else { throw mismatch(of: [String: JSONValue].self, value, at: codingPath) }
        return KeyedDecodingContainer(JSONObjectContainer<Key>(object: value, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let items) = value else { throw mismatch(of: [JSONValue].self, value, at: codingPath) }
        return JSONArrayContainer(items: items, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        JSONSingleValue(value: value, codingPath: codingPath)
    }
}

/// The error for `value` found where a `type` was expected.
private func mismatch(of type: Any.Type, _ value: JSONValue, at path: [any CodingKey]) -> DecodingError {
    let found = switch value {
    case .null: "null"
    case .bool: "a boolean"
    case .int, .double: "a number"
    case .string: "a string"
    case .array: "an array"
    case .object: "an object"
    }
    return .typeMismatch(type, .init(codingPath: path, debugDescription: "expected \(type); found \(found)"))
}

/// The scalar kinds, read from one value.
private enum JSONScalar {
    static func bool(_ value: JSONValue, _ path: [any CodingKey]) throws -> Bool {
        guard case .bool(let flag) = value else { throw mismatch(of: Bool.self, value, at: path) }
        return flag
    }

    static func string(_ value: JSONValue, _ path: [any CodingKey]) throws -> String {
        guard case .string(let text) = value else { throw mismatch(of: String.self, value, at: path) }
        return text
    }

    static func double(_ value: JSONValue, _ path: [any CodingKey]) throws -> Double {
        switch value {
        case .double(let number): return number
        case .int(let number): return Double(number)
        default: throw mismatch(of: Double.self, value, at: path)
        }
    }

    static func integer<Integer: FixedWidthInteger>(_ type: Integer.Type, _ value: JSONValue, _ path: [any CodingKey]) throws -> Integer {
        switch value {
        case .int(let number):
            guard let exact = Integer(exactly: number) else { break }
            return exact
        case .double(let number):
            guard let exact = Integer(exactly: number) else { break }
            return exact
        default:
            throw mismatch(of: type, value, at: path)
        }
        throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: "number does not fit in \(type)"))
    }

    /// `type` from `value`: the scalars directly, anything else through its `init(from:)`.
    static func decode<Value: Decodable>(_ type: Value.Type, _ value: JSONValue, _ path: [any CodingKey]) throws -> Value {
        if Value.self == String.self, let text = try string(value, path) as? Value { return text }
        if Value.self == Int.self, let number = try integer(Int.self, value, path) as? Value { return number }
        return try Value(from: JSONValueDecoding(value: value, codingPath: path))
    }
}

/// An object's members by name (`JSONValue`'s subscript: the first member of a name).
private struct JSONObjectContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    /// The object (always `.object`).
    let object: JSONValue
    let codingPath: [any CodingKey]

    var allKeys: [Key] {
        guard case .object(let members) = object else { return [] }
        return members.compactMap { Key(stringValue: $0.0) }
    }

    func contains(_ key: Key) -> Bool { member(key) != nil }

    private func member(_ key: Key) -> JSONValue? { object[key.stringValue] }

    private func required(_ key: Key) throws -> JSONValue {
        guard let value = member(key) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "no member '\(key.stringValue)'"))
        }
        return value
    }

    private func path(_ key: Key) -> [any CodingKey] { codingPath + [key] }

    func decodeNil(forKey key: Key) throws -> Bool {
        if case .null = try required(key) { return true }
        return false
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try JSONScalar.bool(try required(key), path(key)) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try JSONScalar.string(try required(key), path(key)) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try JSONScalar.double(try required(key), path(key)) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { Float(try JSONScalar.double(try required(key), path(key))) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try JSONScalar.integer(type, try required(key), path(key)) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try JSONScalar.integer(type, try required(key), path(key)) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try JSONScalar.integer(type, try required(key), path(key)) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try JSONScalar.integer(type, try required(key), path(key)) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try JSONScalar.integer(type, try required(key), path(key)) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try JSONScalar.integer(type, try required(key), path(key)) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try JSONScalar.integer(type, try required(key), path(key)) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try JSONScalar.integer(type, try required(key), path(key)) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try JSONScalar.integer(type, try required(key), path(key)) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try JSONScalar.integer(type, try required(key), path(key)) }

    func decode<Value: Decodable>(_ type: Value.Type, forKey key: Key) throws -> Value {
        try JSONScalar.decode(type, try required(key), path(key))
    }

    func decodeIfPresent<Value: Decodable>(_ type: Value.Type, forKey key: Key) throws -> Value? {
        guard let value = member(key) else { return nil }
        if case .null = value { return nil }
        return try JSONScalar.decode(type, value, path(key))
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try JSONValueDecoding(value: try required(key), codingPath: path(key)).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try JSONValueDecoding(value: try required(key), codingPath: path(key)).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        JSONValueDecoding(value: object["super"] ?? .null, codingPath: codingPath)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        JSONValueDecoding(value: member(key) ?? .null, codingPath: path(key))
    }
}

/// The position in an array, as a coding key.
private struct JSONIndexKey: CodingKey {
    var intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }
    init(intValue: Int) { self.intValue = intValue }
    init?(stringValue: String) { nil }
}

/// An array's items in order.
private struct JSONArrayContainer: UnkeyedDecodingContainer {
    let items: [JSONValue]
    let codingPath: [any CodingKey]
    private(set) var currentIndex = 0

    init(items: [JSONValue], codingPath: [any CodingKey]) {
        self.items = items
        self.codingPath = codingPath
    }

    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    private mutating func next() throws -> (JSONValue, [any CodingKey]) {
        let path = codingPath + [JSONIndexKey(intValue: currentIndex)]
        guard currentIndex < items.count else {
            throw DecodingError.valueNotFound(JSONValue.self, .init(codingPath: path, debugDescription: "the array has no more items"))
        }
        defer { currentIndex += 1 }
        return (items[currentIndex], path)
    }

    mutating func decodeNil() throws -> Bool {
        guard currentIndex < items.count, case .null = items[currentIndex] else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<Value: Decodable>(_ type: Value.Type) throws -> Value {
        let (value, path) = try next()
        return try JSONScalar.decode(type, value, path)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let (value, path) = try next()
        return try JSONValueDecoding(value: value, codingPath: path).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let (value, path) = try next()
        return try JSONValueDecoding(value: value, codingPath: path).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        let (value, path) = try next()
        return JSONValueDecoding(value: value, codingPath: path)
    }
}

/// One value as a whole.
private struct JSONSingleValue: SingleValueDecodingContainer {
    let value: JSONValue
    let codingPath: [any CodingKey]

    func decodeNil() -> Bool {
        if case .null = value { return true }
        return false
    }

    func decode(_ type: Bool.Type) throws -> Bool { try JSONScalar.bool(value, codingPath) }
    func decode(_ type: String.Type) throws -> String { try JSONScalar.string(value, codingPath) }
    func decode(_ type: Double.Type) throws -> Double { try JSONScalar.double(value, codingPath) }
    func decode(_ type: Float.Type) throws -> Float { Float(try JSONScalar.double(value, codingPath)) }
    func decode(_ type: Int.Type) throws -> Int { try JSONScalar.integer(type, value, codingPath) }
    func decode(_ type: Int8.Type) throws -> Int8 { try JSONScalar.integer(type, value, codingPath) }
    func decode(_ type: Int16.Type) throws -> Int16 { try JSONScalar.integer(type, value, codingPath) }
    func decode(_ type: Int32.Type) throws -> Int32 { try JSONScalar.integer(type, value, codingPath) }
    func decode(_ type: Int64.Type) throws -> Int64 { try JSONScalar.integer(type, value, codingPath) }
    func decode(_ type: UInt.Type) throws -> UInt { try JSONScalar.integer(type, value, codingPath) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try JSONScalar.integer(type, value, codingPath) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try JSONScalar.integer(type, value, codingPath) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try JSONScalar.integer(type, value, codingPath) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try JSONScalar.integer(type, value, codingPath) }

    func decode<Value: Decodable>(_ type: Value.Type) throws -> Value {
        try JSONScalar.decode(type, value, codingPath)
    }
}
