#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the engine's time comes from. Nothing else in the engine reads the time of day:
/// a live session uses `SystemClock`, tests and replay a `VirtualClock`.
public protocol Clock: Sendable {
    /// The current instant.
    func now() -> Instant
}

/// The real time of day (`CLOCK_REALTIME`).
public struct SystemClock: Clock {
    public init() {}

    public func now() -> Instant {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Instant(milliseconds: Int64(spec.tv_sec) * 1_000 + Int64(spec.tv_nsec) / 1_000_000)
    }
}

/// A clock that tests and replay move themselves: by hand (`advance(by:)`, `set(to:)`), or
/// running at `speed` times real time against a base clock (×1, ×10, ×60 playback).
public struct VirtualClock: Clock {
    /// The virtual instant at the moment the clock was last anchored.
    private var anchor: Instant
    /// The base clock's instant at that moment.
    private var baseAnchor: Instant
    /// How fast virtual time runs against the base clock; 0 means it only moves by hand.
    public private(set) var speed: Double
    private let base: any Clock

    /// A clock standing at `start`; with `speed` > 0 it runs that many times faster than `base`.
    public init(start: Instant, speed: Double = 0, base: any Clock = SystemClock()) {
        self.anchor = start
        self.base = base
        self.baseAnchor = speed > 0 ? base.now() : start
        self.speed = max(0, speed)
    }

    public func now() -> Instant {
        guard speed > 0 else { return anchor }
        let elapsed = Double(base.now().milliseconds - baseAnchor.milliseconds)
        return anchor.adding(milliseconds: Int64((elapsed * speed).rounded(.down)))
    }

    /// Moves the clock forward (or back, with a negative value) by `seconds`.
    public mutating func advance(by seconds: Int) { advance(milliseconds: Int64(seconds) * 1_000) }

    /// Moves the clock by `milliseconds`.
    public mutating func advance(milliseconds: Int64) { reanchor(at: now().adding(milliseconds: milliseconds)) }

    /// Puts the clock at `instant`.
    public mutating func set(to instant: Instant) { reanchor(at: instant) }

    /// Changes the playback speed from now on (0 stops the clock).
    public mutating func setSpeed(_ newSpeed: Double) {
        let current = now()
        speed = max(0, newSpeed)
        reanchor(at: current)
    }

    private mutating func reanchor(at instant: Instant) {
        anchor = instant
        baseAnchor = speed > 0 ? base.now() : instant
    }
}
