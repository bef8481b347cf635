import CNcursesw
import WarRoomConsole

/// Turns what `wget_wch` returned into a `Key`.
public enum KeyDecoder {
    /// Key codes given (with `define_key`) to the bracketed-paste brackets `ESC [200~` and
    /// `ESC [201~`, above every ncurses key code.
    public static let pasteStart: Int32 = 0x7E00
    public static let pasteEnd: Int32 = 0x7E01
    /// The most a paste keeps, in scalars; the rest is dropped (a paste is not a file).
    public static let pasteLimit = 65_536

    /// Collects one bracketed paste: every scalar read up to the closing bracket is text.
    /// `next` reads the next (status, code) or nil when nothing more came in time.
    public static func paste(reading next: () -> (status: Int32, code: UInt32)?) -> Key {
        var scalars = String.UnicodeScalarView()
        while let (status, code) = next() {
            if status == wr_key_code_yes() {
                let key = Int32(bitPattern: code)
                if key == pasteEnd { break }
                if key == KEY_ENTER { scalars.append("\n") }
                continue
            }
            guard status == OK, let scalar = Unicode.Scalar(code), scalars.count < pasteLimit else { continue }
            scalars.append(scalar)
        }
        return .paste(PastedText.clean(String(scalars)))
    }

    /// `status` is wget_wch's result (OK for a character, KEY_CODE_YES for a function key),
    /// `code` the character or key code. Nil for codes the console has no use for.
    public static func key(status: Int32, code: UInt32) -> Key? {
        if status == wr_key_code_yes() {
            return functionKey(Int32(bitPattern: code))
        }
        guard status == OK else { return nil }
        switch code {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .control(Character(Unicode.Scalar(UInt8(code) + 0x60)))
        case 0..<32: return nil
        default:
            guard let scalar = Unicode.Scalar(code) else { return nil }
            return .character(Character(scalar))
        }
    }

    private static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case wr_key_resize(): return .resize
        case pasteEnd: return nil
        default:
            for number in 1...12 where code == wr_key_f(Int32(number)) { return .function(number) }
            return nil
        }
    }
}
