#if canImport(Glibc)
import Glibc
#endif

/// Sleeps until there is something to do: a key on the terminal, a change to a watched file
/// (the incident journal, through inotify) or a store's wake-up descriptor, or a deadline. One wake-up a second when idle,
/// and another process's journal appends are seen at once.
public final class InputWaiter {
    /// What ended a wait.
    public enum Wake: Sendable, Hashable { case input, fileChanged, timeout }

    private let notify: Int32
    /// Whether `notify` is this waiter's to close (not when it was lent by a store).
    private let ownsNotify: Bool
    private var buffer = [UInt8](repeating: 0, count: 4_096)

    /// Watches `path` for appends; without inotify (or a path) it waits on the terminal only.
    public init(watching path: String?) {
        var descriptor: Int32 = -1
        if let path {
            descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
            if descriptor >= 0, inotify_add_watch(descriptor, path, UInt32(IN_MODIFY)) < 0 {
                close(descriptor)
                descriptor = -1
            }
        }
        notify = descriptor
        ownsNotify = true
    }

    /// Wakes on `descriptor` becoming readable (a shared journal store's wake-up pipe, which
    /// stays the store's: this waiter reads it empty but never closes it).
    public init(descriptor: Int32) {
        notify = descriptor
        ownsNotify = false
    }

    deinit {
        if notify >= 0, ownsNotify { close(notify) }
    }

    /// Waits up to `milliseconds` for the terminal's input or the watched file.
    public func wait(milliseconds: Int32) -> Wake {
        var descriptors = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)]
        if notify >= 0 { descriptors.append(pollfd(fd: notify, events: Int16(POLLIN), revents: 0)) }
        let ready = poll(&descriptors, nfds_t(descriptors.count), max(0, milliseconds))
        // A signal (SIGWINCH) interrupts the wait: report it as input so ncurses is asked.
        if ready < 0 { return errno == EINTR ? .input : .timeout }
        if ready == 0 { return .timeout }
        if descriptors[0].revents != 0 { return .input }
        while read(notify, &buffer, buffer.count) > 0 {}
        return .fileChanged
    }
}
