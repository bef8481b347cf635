/// What a report needs to know of the events without keeping them: how many there are and
/// how many each operator gave. Built one event at a time while the journal is read.
public struct EventTally: Sendable, Hashable {
    /// Events counted.
    public private(set) var count = 0
    /// Events counted, by operator.
    public private(set) var byOperator: [String: Int] = [:]

    public init() {}

    /// The tally of `events`.
    public init<S: Sequence>(_ events: S) where S.Element == Event {
        for event in events { add(event) }
    }

    /// Counts one more event.
    public mutating func add(_ event: Event) {
        count += 1
        byOperator[event.operator, default: 0] += 1
    }
}
