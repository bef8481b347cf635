extension UInt8 {
    /// The byte as two uppercase hex digits, as error messages name a bad byte: `0A`, `E9`.
    var hexDigits: String {
        let hex = String(self, radix: 16, uppercase: true)
        return hex.count == 1 ? "0" + hex : hex
    }
}
