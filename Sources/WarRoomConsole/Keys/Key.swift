/// A key press as the console sees it, independent of the terminal library.
public enum Key: Sendable, Hashable {
    case character(Character)
    case up, down, left, right, home, end, pageUp, pageDown
    case enter, escape, tab, backTab, backspace, delete
    case function(Int)
    /// Ctrl with a letter: `control("s")` is Ctrl-S.
    case control(Character)
    /// The terminal changed size.
    case resize
    /// Text pasted in one go (bracketed paste): always text, never keys, whatever it holds.
    /// The terminal layer has already replaced control characters (see `PastedText`).
    case paste(String)

    /// How the key is written in hints and help: `x`, `Space`, `Enter`, `↑`, `S-Tab`, `F1`.
    public var label: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let character): return String(character)
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "S-Tab"
        case .backspace: return "Bksp"
        case .delete: return "Del"
        case .function(let number): return "F\(number)"
        case .control(let letter): return "^" + String(letter).uppercased()
        case .resize: return "resize"
        case .paste: return "paste"
        }
    }
}
