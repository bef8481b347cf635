import NIOCore
import PostgresNIO
import WarRoomEngine

/// `LISTEN warroom_journal` on a connection, each notification waking the link's `WakePipe`
/// straight from the connection's event loop (no Swift concurrency thread is needed to
/// deliver one, so a busy process still wakes at once).
///
/// The listener is added on the event loop, and only while the connection is open:
/// postgres-nio traps when a listener is handed to a connection that has already closed
/// (the server restarting under us). Then an explicit `LISTEN` is run and waited for, so the
/// server is listening before the caller's catch-up read, and no commit after that read can
/// be missed.
enum PostgresListener {
    static func listen(on connection: PostgresConnection, link: PostgresLink) throws(JournalError) {
        let wake = link.wake
        let added = connection.eventLoop.submit { () -> Bool in
            guard !connection.isClosed else { return false }
            connection.addListener(channel: PostgresSchema.channel) { _, _ in wake.wake() }
            return true
        }
        let open: Bool
        do {
            open = try link.wait(added, timeout: link.statementTimeout)
        } catch {
            throw link.failure(error, doing: "listening for new events")
        }
        guard open else {
            throw JournalError(.unreachable, path: link.url.description, "the connection closed while listening for new events")
        }
        try link.run("LISTEN warroom_journal", on: connection, doing: "listening for new events")
    }
}
