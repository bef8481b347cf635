#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// A pipe that an event-loop thread writes a byte into to wake a thread waiting in `poll`
/// (the console's loop, or `wait`): the store's notifications and connection losses reach
/// the synchronous session through it. Closing is guarded by a lock, so a notification that
/// arrives while the store is being closed never writes to a descriptor reused by another
/// file.
final class WakePipe: Sendable {
    private let descriptors: Mutex<(read: Int32, write: Int32)?>
    private let wakes = Mutex(0)
    /// How many wake-ups there have been: a reader compares it with the count it last saw
    /// (the pipe itself may be drained by someone else's `poll` loop).
    var count: Int { wakes.withLock { $0 } }
    /// The end to poll for reading (-1 once closed).
    let readEnd: Int32

    init() {
        var ends: [Int32] = [-1, -1]
        if pipe(&ends) == 0 {
            for end in ends {
                _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
                _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            }
            descriptors = Mutex((ends[0], ends[1]))
            readEnd = ends[0]
        } else {
            descriptors = Mutex(nil)
            readEnd = -1
        }
    }

    /// Wakes the waiter (a full pipe already will).
    func wake() {
        wakes.withLock { $0 += 1 }
        descriptors.withLock { ends in
            guard let ends else { return }
            var byte: UInt8 = 1
            _ = write(ends.write, &byte, 1)
        }
    }

    /// Empties the pipe; true when it held a wake-up.
    @discardableResult
    func drain() -> Bool {
        descriptors.withLock { ends in
            guard let ends else { return false }
            var buffer = [UInt8](repeating: 0, count: 256)
            var woken = false
            while read(ends.read, &buffer, buffer.count) > 0 { woken = true }
            return woken
        }
    }

    /// Waits up to `milliseconds` for a wake-up; true when one came (the pipe is drained).
    func wait(milliseconds: Int) -> Bool {
        guard readEnd >= 0 else { return false }
        var descriptor = pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, Int32(clamping: max(0, milliseconds)))
        return ready > 0 && drain()
    }

    func close() {
        descriptors.withLock { ends in
            guard let current = ends else { return }
            _ = Glibc.close(current.read)
            _ = Glibc.close(current.write)
            ends = nil
        }
    }

    deinit { close() }
}

/// A flag set on one thread (the event loop's) and read on another.
final class SharedFlag: Sendable {
    private let value = Mutex(false)
    var isSet: Bool { value.withLock { $0 } }
    func set(_ flag: Bool) { value.withLock { $0 = flag } }
}
