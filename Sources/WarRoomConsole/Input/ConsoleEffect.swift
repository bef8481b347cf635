import WarRoomEngine

/// What handling a key asks the runner to do beyond changing the model.
public enum ConsoleEffect: Sendable, Hashable {
    /// Submit commands to the engine, in order, stopping at the first refusal.
    case submit([Command])
    /// Leave the console.
    case quit
    /// Replay controls.
    case replay(ReplayControl)
}

/// A request to the replay driver.
public enum ReplayControl: Sendable, Hashable {
    case togglePause, stepForward, seek(seconds: Int)
}
