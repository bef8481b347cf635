import Foundation
import Testing
import WarRoomTestSupport
@testable import WarRoomEngine

/// `JSONValueDecoder` reads back what `JSONEncoder` wrote exactly as `JSONDecoder` does, and
/// refuses what does not fit the type with a `DecodingError` that names the place.
@Suite struct JSONValueDecoderTests {
    /// Every shape the checkpoints' states are made of, and a few more.
    struct Everything: Codable, Equatable {
        enum Kind: Codable, Equatable {
            case plain
            case labelled(name: String, count: Int)
            case nested(Inner?)
        }

        struct Inner: Codable, Equatable {
            var flag: Bool
            var ratio: Double
            var tags: [String]
        }

        var text: String
        var number: Int
        var small: Int8
        var unsigned: UInt16
        var wide: Int64
        var ratio: Double
        var single: Float
        var flag: Bool
        var missing: String?
        var present: Int?
        var inner: Inner
        var inners: [Inner]
        var optionals: [Int?]
        var byNumber: [Int: String]
        var byName: [String: [Int]]
        var kinds: [Kind]
        var matrix: [[Double]]
        var emptyList: [String]
        var emptyMap: [String: Int]
    }

    static let everything = Everything(
        text: "é 🚨 \"quoted\" / back\\slash\n\ttab \u{1}",
        number: Int.min, small: -128, unsigned: 65535, wide: Int64.max, ratio: -0.125, single: 1.5,
        flag: true, missing: nil, present: 0,
        inner: .init(flag: false, ratio: 1e-300, tags: ["a", ""]),
        inners: [.init(flag: true, ratio: 3, tags: [])],
        optionals: [1, nil, 3],
        byNumber: [1: "one", -2: "minus two", 300: ""],
        byName: ["x": [1, 2], "": []],
        kinds: [.plain, .labelled(name: "n", count: 2), .nested(nil), .nested(.init(flag: true, ratio: 0, tags: ["t"]))],
        matrix: [[1, 2.5], [], [-0.0]],
        emptyList: [], emptyMap: [:])

    @Test func readsBackWhatJSONEncoderWroteAsJSONDecoderDoes() throws {
        for formatting in [JSONEncoder.OutputFormatting(), [.sortedKeys], [.prettyPrinted, .withoutEscapingSlashes]] {
            let encoder = JSONEncoder()
            encoder.outputFormatting = formatting
            let bytes = [UInt8](try encoder.encode(Self.everything))
            let ours = try JSONValueDecoder().decode(Everything.self, from: bytes[...])
            let foundations = try JSONDecoder().decode(Everything.self, from: Data(bytes))
            #expect(ours == Self.everything)
            #expect(ours == foundations)
        }
    }

    @Test func readsARandomIncidentStateAsJSONDecoderDoes() throws {
        var random = SeededGenerator(state: 11)
        var state = IncidentState()
        for sequence in 1...400 {
            state.apply(Event(sequence: sequence, at: Instant(seconds: Int64(sequence)), operator: ["ada", "grace"][sequence % 2], kind: CheckpointTests.randomKind(&random)))
        }
        let bytes = [UInt8](try JSONEncoder().encode(state))
        let ours = try JSONValueDecoder().decode(IncidentState.self, from: bytes[...])
        #expect(ours == state)
        #expect(ours == (try JSONDecoder().decode(IncidentState.self, from: Data(bytes))))
    }

    /// The error thrown for `text` decoded as `type`.
    private func failure<Value: Decodable>(_ type: Value.Type, _ text: String) -> (any Error)? {
        do {
            _ = try JSONValueDecoder().decode(type, from: Array(text.utf8)[...])
            return nil
        } catch {
            return error
        }
    }

    private func path(of error: (any Error)?) -> String? {
        let context: DecodingError.Context? = switch error as? DecodingError {
        case .typeMismatch(_, let context)?, .valueNotFound(_, let context)?, .keyNotFound(_, let context)?, .dataCorrupted(let context)?: context
        default: nil
        }
        return context.map { $0.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".") }
    }

    @Test func aValueOfTheWrongKindIsATypeMismatchAtItsPlace() {
        struct Wrapper: Decodable { var inners: [Everything.Inner] }
        let error = failure(Wrapper.self, #"{"inners":[{"flag":true,"ratio":1,"tags":[]},{"flag":"yes","ratio":1,"tags":[]}]}"#)
        guard case .typeMismatch(let type, _)? = error as? DecodingError else {
            Issue.record("expected a type mismatch, got \(String(describing: error))")
            return
        }
        #expect(ObjectIdentifier(type) == ObjectIdentifier(Bool.self))
        #expect(path(of: error) == "inners.1.flag")
        guard case .typeMismatch? = failure([Int].self, #"[1, "2"]"#) as? DecodingError else {
            Issue.record("a string read as an integer must be a type mismatch")
            return
        }
    }

    @Test func aMissingMemberIsKeyNotFound() {
        let error = failure(Everything.Inner.self, #"{"flag":true,"tags":[]}"#)
        guard case .keyNotFound(let key, _)? = error as? DecodingError else {
            Issue.record("expected a missing key, got \(String(describing: error))")
            return
        }
        #expect(key.stringValue == "ratio")
    }

    @Test func aNumberThatDoesNotFitIsRefusedNotTruncated() {
        #expect(failure(UInt8.self, "256") is DecodingError)
        #expect(failure(Int8.self, "-129") is DecodingError)
        #expect(failure(UInt.self, "-1") is DecodingError)
        #expect(failure(Int.self, "1.5") is DecodingError)
        #expect(failure(Int.self, "1e30") is DecodingError)
        #expect((try? JSONValueDecoder().decode(Int.self, from: Array("2.0".utf8)[...])) == 2)
        #expect((try? JSONValueDecoder().decode(UInt8.self, from: Array("255".utf8)[...])) == 255)
    }

    @Test func textThatIsNotJSONThrows() {
        for text in ["", "{", #"{"flag":true,"ratio":1,"tags":[]"#, "[1,]", "nul", #"{"flag" true}"#] {
            #expect(failure(Everything.Inner.self, text) != nil, "\(text)")
        }
    }

    @Test func anArrayTooShortIsValueNotFound() {
        struct Pair: Decodable {
            var first: Int
            var second: Int
            init(from decoder: any Decoder) throws {
                var items = try decoder.unkeyedContainer()
                first = try items.decode(Int.self)
                second = try items.decode(Int.self)
            }
        }
        guard case .valueNotFound? = failure(Pair.self, "[1]") as? DecodingError else {
            Issue.record("a missing array item must be valueNotFound")
            return
        }
        #expect(path(of: failure(Pair.self, "[1]")) == "1")
    }
}
