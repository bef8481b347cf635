/// A rectangle of cells: where a pane or widget draws.
public struct Rect: Sendable, Hashable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var isEmpty: Bool { width == 0 || height == 0 }
    public var maxX: Int { x + width }
    public var maxY: Int { y + height }

    /// The rectangle shrunk by `amount` on every side (a border's inside).
    public func inset(by amount: Int) -> Rect {
        Rect(x: x + amount, y: y + amount, width: width - 2 * amount, height: height - 2 * amount)
    }

    /// Splits into columns of the given relative weights; the last column takes the rounding.
    public func columns(_ weights: [Int]) -> [Rect] {
        split(total: width, weights: weights).map { Rect(x: x + $0.offset, y: y, width: $0.size, height: height) }
    }

    /// Splits into rows of the given relative weights; the last row takes the rounding.
    public func rows(_ weights: [Int]) -> [Rect] {
        split(total: height, weights: weights).map { Rect(x: x, y: y + $0.offset, width: width, height: $0.size) }
    }

    /// The top `count` rows, and the rest.
    public func top(_ count: Int) -> (Rect, Rect) {
        let taken = min(max(0, count), height)
        return (Rect(x: x, y: y, width: width, height: taken), Rect(x: x, y: y + taken, width: width, height: height - taken))
    }

    /// The bottom `count` rows, and the rest above them.
    public func bottom(_ count: Int) -> (Rect, Rect) {
        let taken = min(max(0, count), height)
        return (Rect(x: x, y: maxY - taken, width: width, height: taken), Rect(x: x, y: y, width: width, height: height - taken))
    }

    private func split(total: Int, weights: [Int]) -> [(offset: Int, size: Int)] {
        let sum = max(1, weights.reduce(0) { $0 + max(0, $1) })
        var offset = 0
        return weights.enumerated().map { index, weight in
            let size = index == weights.count - 1 ? total - offset : total * max(0, weight) / sum
            defer { offset += size }
            return (offset, size)
        }
    }
}
