import Dispatch
import Synchronization

/// A journal read, split into lines and decoded on a thread of its own while the caller's
/// thread folds what it has read: reading and decoding were more than half of a long
/// journal's fold (a report at a million events spent 0.7 s of its 2.2 s there). The second
/// thread opens the journal again and feeds its own `JournalScanner` exactly as the caller
/// would; events are handed over in batches, in journal order, with a few batches in flight
/// at most, so memory stays bounded; the caller gets every event and the scanner at the end,
/// as from one `scanner.feed` of its own. Used by a caller that does much with each event
/// (the report), only for a journal long enough to be worth a thread, and only when the file
/// opened again is the one the caller has open (same device and inode; the caller holds its
/// shared lock, so no writer appends meanwhile). A fold alone does not gain: it is about as
/// fast as the decoding, and handing events from thread to thread costs CPU of its own.
final class ScanAhead: Sendable {
    /// Journals shorter than this are folded on the caller's thread.
    static let minimumBytes = 4 << 20
    static let batchSize = 4096
    static let batchesInFlight = 4

    /// An event and its line in the journal (a struct: arrays of tuples copy through generic code).
    struct Scanned: Sendable {
        var event: Event
        var line: Range<Int>

        /// Holds nothing counted: left in a batch's place when its events are moved out.
        static let placeholder = Scanned(event: .placeholder, line: 0..<0)
    }

    /// What the reading thread hands over.
    private enum Message: Sendable {
        case events([Scanned])
        case end(JournalScanner)
        case failed(JournalError)
        /// The file opened again is not the caller's: nothing was read.
        case otherFile
    }

    private let messages = Mutex<[Message]>([])
    private let filled = DispatchSemaphore(value: 0)
    private let free = DispatchSemaphore(value: ScanAhead.batchesInFlight)

    private let batchSize: Int

    private init(batchSize: Int) { self.batchSize = batchSize }

    /// Scans the journal `file` (open, locked) on a second thread from its start, calling
    /// `onEvent` on this thread for each event and its line, in order, and returns the scanner
    /// at the end (not finished); nil, with nothing seen, when the journal is shorter than
    /// `minimumBytes` or cannot be opened again as the same file (then the caller scans it itself).
    static func scan(_ file: JournalFile, minimumBytes: Int = minimumBytes, batchSize: Int = batchSize,
                     onEvent: (Event, Range<Int>) -> Void) throws(JournalError) -> JournalScanner? {
        guard let size = try? file.size(), size >= minimumBytes else { return nil }
        let ahead = ScanAhead(batchSize: max(1, batchSize))
        let path = file.path, identity = file.deviceAndInode
        DispatchQueue.global(qos: .userInitiated).async { ahead.produce(path: path, device: identity.device, inode: identity.inode) }
        while true {
            ahead.filled.wait()
            let message = ahead.messages.withLock { $0.removeFirst() }
            ahead.free.signal()
            switch consume message {
            case .events(var batch):
                // Moved out of the batch, not copied (`forEachMovingOut`).
                batch.forEachMovingOut(leaving: Scanned.placeholder) { onEvent($0.event, $0.line) }
            case .end(let scanner):
                return scanner
            case .failed(let error):
                throw error
            case .otherFile:
                return nil
            }
        }
    }

    /// The reading thread: every batch, then the end (or the failure).
    private func produce(path: String, device: UInt64, inode: UInt64) {
        func send(_ message: Message) {
            free.wait()
            messages.withLock { $0.append(message) }
            filled.signal()
        }
        guard let file = try? JournalFile(path: path, access: .read), file.deviceAndInode == (device, inode) else {
            send(.otherFile)
            return
        }
        var scanner = JournalScanner()
        var batch: [Scanned] = []
        batch.reserveCapacity(batchSize)
        do throws(JournalError) {
            try file.read(from: 0) { chunk in
                scanner.feed(chunk) { event, line in
                    batch.append(Scanned(event: event, line: line))
                    if batch.count >= batchSize {
                        send(.events(batch))
                        batch.removeAll(keepingCapacity: true)
                    }
                }
                return true
            }
        } catch {
            send(.failed(error))
            return
        }
        if !batch.isEmpty { send(.events(batch)) }
        send(.end(scanner))
    }
}
