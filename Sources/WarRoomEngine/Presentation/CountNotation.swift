/// A count with its noun in the right number, as every output writes it: `1 event`,
/// `2 events`, `0 events`.
public enum CountNotation {
    /// `count` and `noun`, the noun made plural (with `plural`, or an `s`) unless `count` is 1.
    public static func count(_ count: Int, _ noun: String, plural: String? = nil) -> String {
        "\(count) " + (count == 1 ? noun : plural ?? noun + "s")
    }
}
