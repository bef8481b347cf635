/// What one journal line is, in one place for the write path and the read path (and for any
/// other store of the same format, which must keep to the same rules):
///
/// - A line is **complete** only when its `\n` is in the file. Only a complete line can hold
///   an event, because a writer acknowledges an event only after its whole line, newline
///   included, is written and synced.
/// - The bytes after the last `\n` are a **torn tail**: a write cut short (kill -9, a full
///   disk). No reader takes them as an event, however well-formed they look, and a writer
///   removes them (under the exclusive lock) before it appends, so its line starts where the
///   last complete line ends and its sequence number follows that line's.
/// - A line is at most `maximumLength` bytes without its newline: readers skip longer ones,
///   so a writer refuses to write one.
/// - A sequence number is from 1 to `maximumSequence`: readers skip a line outside that range
///   (it is never arithmetic on a hostile number), and a writer stops before passing it.
public enum JournalLine {
    /// The byte that ends every complete line.
    public static let terminator: UInt8 = 0x0A

    /// The longest line a reader keeps (and a writer writes), in bytes, without its newline.
    public static let maximumLength = 1 << 20

    /// The largest sequence number: 2^53 − 1, the largest integer every JSON reader (jq,
    /// JavaScript) holds exactly.
    public static let maximumSequence = (1 << 53) - 1

    /// `maximumLength` as people read it: `1048576 bytes (1 MiB)`.
    public static let maximumLengthText = "\(maximumLength) bytes (1 MiB)"

    /// The bytes of `event`'s line, newline included, or why it must not be written.
    public static func encode(_ event: Event) -> Result<[UInt8], Refusal> {
        guard event.sequence >= 1, event.sequence <= maximumSequence else {
            return .failure(Refusal("the journal has used its last sequence number (\(maximumSequence)); continue the incident in a new journal"))
        }
        var bytes = Array(EventJSON.line(event).utf8)
        guard bytes.count <= maximumLength else {
            return .failure(Refusal("not recorded: the event would be a journal line of \(bytes.count) bytes, over the limit of \(maximumLengthText) "
                + "that every reader keeps; shorten the text by at least \(bytes.count - maximumLength) bytes"))
        }
        bytes.append(terminator)
        return .success(bytes)
    }

    /// Whether `sequence` is one a journal line may carry.
    @inline(__always)
    public static func isValidSequence(_ sequence: Int) -> Bool { sequence >= 1 && sequence <= maximumSequence }
}
