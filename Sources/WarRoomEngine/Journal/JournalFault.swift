/// A fault of the journal under a live session, as data for the console's banner and the
/// headless answers: what happened to which file, whether the session has gone read-only,
/// where the acknowledged events are now, and how to go on.
public struct JournalFault: Sendable, Hashable {
    /// What failed, with the journal's path.
    public var error: JournalError
    /// True when the session acknowledges nothing more (the file vanished, fsync or a write
    /// failed); false for a full disk, where a later command is recorded once there is room.
    public var readOnly: Bool
    /// Where the session saved every acknowledged event, when the journal vanished under it.
    public var savedCopy: String?
    /// The one command that goes on with the incident (after quitting this session).
    public var nextCommand: String
    /// What to do next, as one or two sentences naming the commands.
    public var advice: String
    /// True when the session goes on by itself once the store can be reached again (it
    /// retries at every refresh and command, then catches up on what it missed).
    public var reconnects = false
    /// What to say when the session ends with this fault, when it differs from `advice`
    /// (a store that reconnects by itself does not once the session has ended).
    public var atExit: String?

    public init(error: JournalError, readOnly: Bool, savedCopy: String? = nil, nextCommand: String, advice: String, reconnects: Bool = false) {
        self.error = error
        self.readOnly = readOnly
        self.savedCopy = savedCopy
        self.nextCommand = nextCommand
        self.advice = advice
        self.reconnects = reconnects
    }

    /// A few capital words for the banner: `JOURNAL DELETED`, `FSYNC FAILED`, `DISK FULL`.
    public var headline: String {
        switch error.kind {
        case .vanished: error.message.contains("replaced") ? "JOURNAL REPLACED" : "JOURNAL DELETED OR MOVED"
        case .syncFailed: "FSYNC FAILED"
        case .diskFull: "DISK FULL"
        case .unreachable: "STORE UNREACHABLE"
        case .invalid, .io, .readOnly: "JOURNAL WRITE FAILED"
        }
    }

    /// The fault that `error` (from an append or a refresh) is, for the journal at `path`
    /// holding `events` acknowledged events; `saveCopy` writes them to a new file for a
    /// journal that vanished. Nil for an error that is no fault of the journal.
    static func from(_ error: JournalError, events: Int, saveCopy: () throws(JournalError) -> String) -> JournalFault? {
        let path = error.path
        switch error.kind {
        case .invalid, .readOnly:
            return nil
        case .diskFull:
            return JournalFault(error: error, readOnly: false, savedCopy: nil, nextCommand: "cp \(path) NEW.jsonl && warroom resume NEW.jsonl",
                                advice: "Free space on the disk holding \(path) and do it again (every acknowledged event is kept), "
                                    + "or quit and go on from a copy on another disk: cp \(path) NEW.jsonl && warroom resume NEW.jsonl")
        case .unreachable:
            return JournalFault.unreachable(error, events: events)
        case .syncFailed, .io:
            return JournalFault(error: error, readOnly: true, savedCopy: nil, nextCommand: "warroom resume \(path)",
                                advice: "\(path) holds every acknowledged event: quit (q) and, once the disk "
                                    + "is healthy, run warroom resume \(path) (or copy it to a healthy disk and resume the copy)")
        case .vanished:
            do throws(JournalError) {
                let copy = try saveCopy()
                return JournalFault(error: error, readOnly: true, savedCopy: copy, nextCommand: "warroom resume \(copy)",
                                    advice: "Every acknowledged event (\(events)) was saved to \(copy): "
                                        + "quit (q) and run warroom resume \(copy)")
            } catch let failure {
                return JournalFault(error: error, readOnly: true, savedCopy: nil, nextCommand: "warroom open RUNBOOK --journal NEW.jsonl",
                                    advice: "Saving its \(events) acknowledged events failed (\(failure.message)): "
                                        + "keep this screen open, and continue in a new journal: warroom open RUNBOOK --journal NEW.jsonl")
            }
        }
    }

    /// The fault of a shared store that cannot be reached: read-only until it answers again.
    public static func unreachable(_ error: JournalError, events: Int) -> JournalFault {
        var fault = JournalFault(error: error, readOnly: true, savedCopy: nil, nextCommand: "nothing: it reconnects by itself",
                                 advice: "The store cannot be reached; nothing is recorded until it can (every acknowledged event, "
                                     + "\(events) so far, is in the store). This session tries again every second and catches up when it is back")
        fault.reconnects = true
        fault.atExit = "The store could not be reached when this session ended: every acknowledged event (\(events)) is in it, "
            + "and nothing given while it could not be reached was recorded"
        return fault
    }
}
