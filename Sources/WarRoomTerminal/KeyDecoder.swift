import CNcursesw
import WarRoomConsole

/// Turns what `wget_wch` returned into a `Key`.
public enum KeyDecoder {
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
        default:
            for number in 1...12 where code == wr_key_f(Int32(number)) { return .function(number) }
            return nil
        }
    }
}
