import Foundation

/// Repairs UTF-8 text that was decoded once as Windows-1252 / Latin-1, Windows-1254 or as Mac Roman and
/// saved again (`âš ï¸` for ⚠️, `‚îÄ` for ─). Works on runs of non-ASCII characters, so
/// correct characters on the same line are left alone; a run is replaced only when its
/// bytes in one of the two encodings form valid UTF-8.
public enum MojibakeRepair {
    /// `text` with every repairable run repaired.
    public static func repair(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 >= 0x80 }) else { return text }
        var output = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            guard scalars[index].value >= 0x80 else { output.append(scalars[index]); index += 1; continue }
            var end = index
            while end < scalars.count, scalars[end].value >= 0x80 { end += 1 }
            var run = Array(scalars[index..<end])
            // A no-break space (0xA0) inside a sequence is often turned into a plain space:
            // "âš ï¸" for ⚠️. Join the next run when that makes the bytes whole.
            while run.count >= 2, end + 1 < scalars.count, scalars[end] == " ", scalars[end + 1].value >= 0x80, endsIncomplete(run) {
                var next = end + 1
                while next < scalars.count, scalars[next].value >= 0x80 { next += 1 }
                run += ["\u{A0}"] + scalars[(end + 1)..<next]
                end = next
            }
            let repaired = repairRun(run)
            output.append(contentsOf: repaired == run ? Array(scalars[index..<end]) : repaired)
            index = end
        }
        return String(output)
    }

    /// Whether a run read as Windows-1252 bytes ends inside a UTF-8 sequence.
    static func endsIncomplete(_ run: [Unicode.Scalar]) -> Bool {
        // Only the last four bytes can hold an unfinished sequence.
        let tail = run.suffix(4)
        let bytes = tail.compactMap(windows1252Byte)
        guard bytes.count == tail.count, !bytes.isEmpty else { return false }
        var index = bytes.count - 1
        var continuation = 0
        while index >= 0, (0x80...0xBF).contains(bytes[index]), continuation < 3 { continuation += 1; index -= 1 }
        guard index >= 0 else { return false }
        let lead = bytes[index]
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 1
        return length > continuation + 1
    }

    /// One run of non-ASCII scalars, repaired if it is mojibake.
    static func repairRun(_ run: [Unicode.Scalar]) -> [Unicode.Scalar] {
        guard run.count >= 2 else { return run }
        for table in [windows1252Byte, windows1254Byte, macRomanByte] {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(run.count)
            var ok = true
            for scalar in run {
                guard let byte = table(scalar) else { ok = false; break }
                bytes.append(byte)
            }
            if ok, let decoded = decodeLeniently(bytes), decoded.count < run.count { return decoded }
        }
        return run
    }

    /// Decodes UTF-8, filling in a continuation byte that Windows-1252 cannot show (0x81,
    /// 0x8D, 0x8F, 0x90, 0x9D: lost when the text was saved) wherever one is missing.
    static func decodeLeniently(_ bytes: [UInt8]) -> [Unicode.Scalar]? {
        var scalars: [Unicode.Scalar] = []
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            if lead < 0x80 { scalars.append(Unicode.Scalar(lead)); index += 1; continue }
            let length: Int
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return nil
            }
            var sequence = [lead]
            index += 1
            while sequence.count < length {
                if index < bytes.count, (0x80...0xBF).contains(bytes[index]) {
                    sequence.append(bytes[index]); index += 1
                } else {
                    sequence.append(lostByte(after: sequence))
                }
            }
            guard let decoded = decode(sequence), decoded.count == 1 else { return nil }
            scalars += decoded
        }
        return scalars
    }

    /// The most likely lost byte after a partial sequence: `ï¸` + 0x8F is U+FE0F, `â”` +
    /// 0x90 is ┐, `â€` + 0x9D is ”.
    static func lostByte(after sequence: [UInt8]) -> UInt8 {
        switch sequence {
        case [0xE2, 0x94]: return 0x90
        case [0xE2, 0x80]: return 0x9D
        case [0xEF, 0xB8]: return 0x8F
        default: return 0x8F
        }
    }

    private static func decode(_ bytes: [UInt8]) -> [Unicode.Scalar]? {
        var scalars: [Unicode.Scalar] = []
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): scalars.append(scalar)
            case .emptyInput: return scalars
            case .error: return nil
            }
        }
    }

    /// The Windows-1252 byte for a scalar (Latin-1 for 0xA0–0xFF and C1 controls).
    static func windows1252Byte(_ scalar: Unicode.Scalar) -> UInt8? {
        if scalar.value < 0x100 { return UInt8(scalar.value) }
        if let index = windows1252High.firstIndex(of: scalar) { return UInt8(0x80 + index) }
        return nil
    }

    /// The Windows-1254 (Turkish) byte for a scalar: Windows-1252 but for six letters
    /// (`ğŸš¨` is 🚨 read as Windows-1254: ğ is 0xF0, where Windows-1252 has ð).
    static func windows1254Byte(_ scalar: Unicode.Scalar) -> UInt8? {
        switch scalar.value {
        case 0x11E: return 0xD0
        case 0x130: return 0xDD
        case 0x15E: return 0xDE
        case 0x11F: return 0xF0
        case 0x131: return 0xFD
        case 0x15F: return 0xFE
        case 0xD0, 0xDD, 0xDE, 0xF0, 0xFD, 0xFE, 0x17D, 0x17E: return nil
        default: return windows1252Byte(scalar)
        }
    }

    /// The Mac Roman byte for a scalar.
    static func macRomanByte(_ scalar: Unicode.Scalar) -> UInt8? {
        if let index = macRoman.firstIndex(of: scalar) { return UInt8(0x80 + index) }
        return nil
    }

    static let windows1252High: [Unicode.Scalar] = Array("\u{20AC}\u{FFFD}\u{201A}\u{192}\u{201E}\u{2026}\u{2020}\u{2021}\u{2C6}\u{2030}\u{160}\u{2039}\u{152}\u{FFFD}\u{17D}\u{FFFD}\u{FFFD}\u{2018}\u{2019}\u{201C}\u{201D}\u{2022}\u{2013}\u{2014}\u{2DC}\u{2122}\u{161}\u{203A}\u{153}\u{FFFD}\u{17E}\u{178}".unicodeScalars)

    private static let macRoman: [Unicode.Scalar] = Array("\u{C4}\u{C5}\u{C7}\u{C9}\u{D1}\u{D6}\u{DC}\u{E1}\u{E0}\u{E2}\u{E4}\u{E3}\u{E5}\u{E7}\u{E9}\u{E8}\u{EA}\u{EB}\u{ED}\u{EC}\u{EE}\u{EF}\u{F1}\u{F3}\u{F2}\u{F4}\u{F6}\u{F5}\u{FA}\u{F9}\u{FB}\u{FC}\u{2020}\u{B0}\u{A2}\u{A3}\u{A7}\u{2022}\u{B6}\u{DF}\u{AE}\u{A9}\u{2122}\u{B4}\u{A8}\u{2260}\u{C6}\u{D8}\u{221E}\u{B1}\u{2264}\u{2265}\u{A5}\u{B5}\u{2202}\u{2211}\u{220F}\u{3C0}\u{222B}\u{AA}\u{BA}\u{3A9}\u{E6}\u{F8}\u{BF}\u{A1}\u{AC}\u{221A}\u{192}\u{2248}\u{2206}\u{AB}\u{BB}\u{2026}\u{A0}\u{C0}\u{C3}\u{D5}\u{152}\u{153}\u{2013}\u{2014}\u{201C}\u{201D}\u{2018}\u{2019}\u{F7}\u{25CA}\u{FF}\u{178}\u{2044}\u{20AC}\u{2039}\u{203A}\u{FB01}\u{FB02}\u{2021}\u{B7}\u{201A}\u{201E}\u{2030}\u{C2}\u{CA}\u{C1}\u{CB}\u{C8}\u{CD}\u{CE}\u{CF}\u{CC}\u{D3}\u{D4}\u{F8FF}\u{D2}\u{DA}\u{DB}\u{D9}\u{131}\u{2C6}\u{2DC}\u{AF}\u{2D8}\u{2D9}\u{2DA}\u{B8}\u{2DD}\u{2DB}\u{2C7}".unicodeScalars)
}

extension MojibakeRepair {
    /// The scalar a Windows-1252 byte stands for (undefined bytes map to their C1 control).
    static func windows1252Scalar(_ byte: UInt8) -> Unicode.Scalar {
        if (0x80..<0xA0).contains(byte) {
            let scalar = windows1252High[Int(byte) - 0x80]
            return scalar == "\u{FFFD}" ? Unicode.Scalar(byte) : scalar
        }
        return Unicode.Scalar(byte)
    }
}
