import Dispatch
import Synchronization

/// `map` of a long list on two threads, in order: the report's notes and updates sent (a
/// hundred thousand lines each at a million events) are described once the fold is done,
/// when the second core has nothing else to do. Short lists are mapped on the calling thread.
enum ParallelMap {
    /// Lists shorter than this are mapped on the calling thread.
    static let minimumCount = 8_192

    /// `items.map(transform)`, the two halves mapped on two threads at once.
    static func map<Item: Sendable, Mapped: Sendable>(_ items: [Item], minimumCount: Int = minimumCount,
                                                      _ transform: @escaping @Sendable (Item) -> Mapped) -> [Mapped] {
        guard items.count >= max(2, minimumCount) else { return items.map(transform) }
        let middle = items.count / 2
        let halves = Mutex<[[Mapped]]>([[], []])
        DispatchQueue.concurrentPerform(iterations: 2) { half in
            let mapped = (half == 0 ? items[..<middle] : items[middle...]).map(transform)
            halves.withLock { $0[half] = mapped }
        }
        return halves.withLock { $0[0] + $0[1] }
    }
}
