import Foundation
import WarRoomEngine

/// Text written to standard output through a buffer of `capacity` bytes, for output too
/// long to build in memory first (a report's event log). The first write error is kept and
/// thrown by `flush`; nothing is written after it.
struct StandardOutputSink: TextSink {
    static let capacity = 1 << 16
    private var buffer: [UInt8] = []
    private var failure: (any Error)?

    init() { buffer.reserveCapacity(Self.capacity) }

    mutating func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.capacity { drain() }
    }

    mutating func write(bytes: UnsafeRawBufferPointer) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.capacity { drain() }
    }

    /// Writes what is buffered; throws the first error any write met.
    mutating func flush() throws {
        drain()
        if let failure { throw failure }
    }

    private mutating func drain() {
        defer { buffer.removeAll(keepingCapacity: true) }
        guard failure == nil, !buffer.isEmpty else { return }
        do {
            try FileHandle.standardOutput.write(contentsOf: buffer)
        } catch {
            failure = error
        }
    }
}
