import CNcursesw
#if canImport(Glibc)
import Glibc
#endif
import WarRoomConsole

/// The ncurses session: the only type in warroom that calls ncurses. It sets the locale
/// up, starts and ends curses mode, reads keys, and draws `Frame`s: only the cells that
/// changed since the last frame, sent in one write built from the terminal's terminfo
/// strings (`TerminalOutput`); ncurses' own screen update is used only where the terminal
/// lacks cursor addressing or a reset (then colour pairs are registered for the theme).
///
/// Not thread-safe: create, use and stop it on one thread (the console's main loop).
public final class TerminalSession {
    /// Whether the locale is UTF-8; when it is not, glyphs are drawn as ASCII stand-ins.
    public let isUTF8: Bool
    public let colourMode: ColourMode
    private let palette: StylePalette
    private let styles: [StyleRole: (attributes: attr_t, pair: Int16)]
    /// The frame the terminal shows, when known.
    private var previous: Frame?
    /// How frames are sent; nil: through ncurses' update.
    private let output: TerminalOutput?
    private var active = false

    /// Starts curses mode. `escapeDelay` is how long a bare Esc waits for a sequence (ms).
    public init(theme: Theme, environment: [String: String], escapeDelay: Int32 = 25) throws(TerminalError) {
        setlocale(LC_ALL, "")
        isUTF8 = wr_locale_is_utf8() != 0
        Self.receiveResizeSignals()
        guard initscr() != nil else { throw TerminalError.cannotStart }
        active = true
        set_escdelay(escapeDelay)
        raw()
        noecho()
        nonl()
        keypad(wr_stdscr(), true)
        curs_set(0)
        // Bracketed paste: the terminal wraps pasted text in ESC [200~ … ESC [201~, read
        // as one `Key.paste` so no pasted byte can act as a key.
        define_key("\u{1B}[200~", KeyDecoder.pasteStart)
        define_key("\u{1B}[201~", KeyDecoder.pasteEnd)
        Self.writeRaw(Self.pasteOn)
        Self.restorePasteModeOnCrash()
        // ncurses polls the terminal for typeahead while it writes an update, to cut the
        // update short if a key is waiting; our loop reads every waiting key before it
        // draws, so the check only costs a system call or two a frame.
        typeahead(-1)
        let hasColours = has_colors()
        if hasColours {
            start_color()
            use_default_colors()
        }
        colourMode = ColourMode.detect(terminalColours: Int(wr_colors()), hasColours: hasColours, environment: environment)
        palette = StylePalette(theme: theme, mode: colourMode)
        styles = Self.styles(palette)
        let available = Int(wr_color_pairs()) - 1
        for (index, pair) in palette.pairs.enumerated() where index < available {
            init_pair(Int16(index + 1), Int16(pair.foreground), Int16(pair.background))
        }
        output = Self.controls(palette: palette, colours: hasColours, utf8: isUTF8).map(TerminalOutput.init)
        // Let ncurses clear and take the screen now, once, so a read of a key never finds
        // its window changed and redraws it over ours.
        refresh()
    }

    deinit {
        stop()
    }

    /// The terminal's size in cells, as the kernel has it now. ncurses learns of a resize only
    /// inside its own update or key read, and the console draws with neither: a SIGWINCH
    /// that came while the loop was not waiting on a key would leave frames of the old size
    /// going to the new terminal (wrapped, garbled) until the next key. So each call asks the
    /// kernel (one ioctl) and, when the size moved, has ncurses resize now and forgets the
    /// last frame, so the next draw is whole.
    public var size: (width: Int, height: Int) {
        var rows: Int32 = 0, columns: Int32 = 0
        wr_getmaxyx(wr_stdscr(), &rows, &columns)
        var actualRows: Int32 = 0, actualColumns: Int32 = 0
        guard wr_terminal_size(&actualRows, &actualColumns) == 0 else { return (Int(columns), Int(rows)) }
        if actualRows != rows || actualColumns != columns {
            resizeterm(actualRows, actualColumns)
            invalidate()
        }
        // The kernel's answer, even if ncurses refused it, so `draw` always accepts a frame
        // laid out at this size until the terminal moves again.
        return (Int(actualColumns), Int(actualRows))
    }

    /// Draws a frame the size of the terminal, writing only cells that differ from the
    /// last frame drawn (all of them after a resize). Returns false, writing nothing, when
    /// the terminal's size changed since the frame was laid out: a frame of the old size
    /// would wrap in the new terminal, so the caller lays out again at the new `size`.
    @discardableResult
    public func draw(_ frame: Frame) -> Bool {
        var actualRows: Int32 = 0, actualColumns: Int32 = 0
        if wr_terminal_size(&actualRows, &actualColumns) == 0,
           Int(actualRows) != frame.height || Int(actualColumns) != frame.width {
            return false
        }
        var changedRows: [Int] = []
        if let output {
            Self.writeAll(output.bytes(for: frame, after: previous, changedRows: &changedRows))
        } else {
            if previous.map({ $0.width != frame.width || $0.height != frame.height }) ?? true { erase() }
            frame.forEachCell(changedSince: previous) { x, y, cell in
                if changedRows.last != y { changedRows.append(y) }
                put(cell, x: x, y: y)
            }
            refresh()
        }
        // Keep our own copy, updated in place, rather than sharing the renderer's buffer: a
        // shared buffer would make the renderer's next frame copy every cell before it draws.
        if var kept = previous.take(), kept.width == frame.width, kept.height == frame.height {
            kept.copy(rows: changedRows, from: frame)
            previous = kept
        } else {
            previous = frame
        }
        return true
    }

    /// Asks for attention the way the operator chose: the terminal bell, or a flash of the
    /// screen (ncurses falls back to the other when the terminal lacks one).
    public func alert(_ kind: AttentionAlert) {
        switch kind {
        case .off: return
        case .bell: beep()
        case .flash: flash()
        }
    }

    /// Forgets the last frame so the next draw writes every cell (after `KEY_RESIZE`, or
    /// when another program wrote over the screen).
    public func invalidate() {
        previous = nil
        clearok(wr_stdscr(), true)
        // ncurses has resized its window: let it update now, so it does not during a read.
        if output != nil { refresh() }
    }

    /// Waits up to `timeout` milliseconds for a key (negative: forever); nil on timeout.
    public func readKey(timeout: Int32) -> Key? {
        wtimeout(wr_stdscr(), timeout)
        var code: wint_t = 0
        let status = wget_wch(wr_stdscr(), &code)
        if status == wr_key_code_yes(), Int32(bitPattern: UInt32(code)) == KeyDecoder.pasteStart {
            // The paste's bytes are already on their way: wait a little for each.
            wtimeout(wr_stdscr(), 200)
            return KeyDecoder.paste {
                var next: wint_t = 0
                let status = wget_wch(wr_stdscr(), &next)
                return status == ERR ? nil : (status, UInt32(next))
            }
        }
        return KeyDecoder.key(status: status, code: UInt32(code))
    }

    /// Ends curses mode and restores the terminal. Safe to call more than once.
    public func stop() {
        guard active else { return }
        active = false
        Self.writeRaw(Self.pasteOff)
        endwin()
    }

    private static let pasteOn: StaticString = "\u{1B}[?2004h"
    private static let pasteOff: StaticString = "\u{1B}[?2004l"

    /// Writes all of `bytes` to the terminal, going on after a partial write or a signal.
    private static func writeAll(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { buffer in
            guard var next = buffer.baseAddress else { return }
            var left = buffer.count
            while left > 0 {
                let written = write(STDOUT_FILENO, next, left)
                if written < 0 {
                    if errno == EINTR || errno == EAGAIN { continue }
                    return   // the terminal is gone; the next key read ends the session
                }
                left -= written
                next += written
            }
        }
    }

    /// The terminal's control strings for `TerminalOutput`, or nil when it lacks one it needs
    /// (cursor addressing, clear, reset): ncurses then draws.
    private static func controls(palette: StylePalette, colours: Bool, utf8: Bool) -> TerminalOutput.Controls? {
        func string(_ name: String) -> [UInt8]? { wr_tigetstr(name).map { Array(String(cString: $0).utf8) } }
        guard let cup = wr_tigetstr("cup"), let clear = string("clear"), let reset = string("sgr0") else { return nil }
        func parameterised(_ cap: UnsafePointer<CChar>, _ values: Int32...) -> [UInt8] {
            let text: UnsafePointer<CChar>? = switch values.count {
            case 1: wr_tiparm1(cap, values[0])
            case 2: wr_tiparm2(cap, values[0], values[1])
            default: wr_tiparm9(cap, values[0], values[1], values[2], values[3], values[4], values[5], values[6], values[7], values[8])
            }
            return text.map { Array(String(cString: $0).utf8) } ?? []
        }
        let hpa = wr_tigetstr("hpa"), vpa = wr_tigetstr("vpa")
        let sgr = wr_tigetstr("sgr"), setaf = colours ? wr_tigetstr("setaf") : nil, setab = colours ? wr_tigetstr("setab") : nil
        var styles: [StyleRole: [UInt8]] = [:]
        for role in StyleRole.allCases {
            let attributes = palette.attributes(role)
            var bytes: [UInt8]
            if let sgr {
                // standout, underline, reverse, blink, dim, bold, invisible, protect, alternate charset
                bytes = parameterised(sgr, attributes.contains(.standout) ? 1 : 0, attributes.contains(.underline) ? 1 : 0,
                                      attributes.contains(.reverse) ? 1 : 0, 0, attributes.contains(.dim) ? 1 : 0,
                                      attributes.contains(.bold) ? 1 : 0, 0, 0, 0)
            } else {
                bytes = reset
                let names: [(TextAttribute, String)] = [(.bold, "bold"), (.dim, "dim"), (.reverse, "rev"), (.underline, "smul"), (.standout, "smso")]
                for (attribute, name) in names where attributes.contains(attribute) { bytes += string(name) ?? [] }
            }
            if attributes.contains(.italic) { bytes += string("sitm") ?? [] }
            let number = palette.pair(role)
            if number > 0, number <= palette.pairs.count {
                let pair = palette.pairs[number - 1]
                if pair.foreground >= 0, let setaf { bytes += parameterised(setaf, Int32(pair.foreground)) }
                if pair.background >= 0, let setab { bytes += parameterised(setab, Int32(pair.background)) }
            }
            styles[role] = bytes
        }
        return TerminalOutput.Controls(
            clear: clear, reset: reset,
            move: { row, column in parameterised(cup, Int32(row), Int32(column)) },
            column: hpa.map { hpa in { column in parameterised(hpa, Int32(column)) } },
            row: vpa.map { vpa in { row in parameterised(vpa, Int32(row)) } },
            styles: styles, lastCellScrolls: wr_tigetflag("am") != 0 && wr_tigetflag("xenl") == 0, utf8: utf8)
    }

    /// Writes bytes straight to the terminal (async-signal-safe).
    private static func writeRaw(_ bytes: StaticString) {
        _ = write(STDOUT_FILENO, bytes.utf8Start, bytes.utf8CodeUnitCount)
    }

    /// A crash (a trap, abort, bus error) would leave the shell in bracketed-paste mode:
    /// turn it off, then die of the same signal. Only `write` and `signal` run in the
    /// handler, both async-signal-safe.
    private static func restorePasteModeOnCrash() {
        for number in [SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGSEGV, SIGFPE] {
            signal(number) { received in
                TerminalSession.writeRaw(TerminalSession.pasteOff)
                signal(received, SIG_DFL)
                raise(received)
            }
        }
    }

    /// ncurses learns of resizes from SIGWINCH, and installs its handler only when the
    /// signal has its default disposition. A launcher can hand us SIGWINCH ignored or blocked
    /// (both survive exec), which would freeze the layout at the first size: undo both.
    private static func receiveResizeSignals() {
        signal(SIGWINCH, SIG_DFL)
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGWINCH)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    private func put(_ cell: Cell, x: Int, y: Int) {
        let style = styles[cell.role] ?? (wr_a_normal(), 0)
        if isUTF8 || cell.isASCII {
            let values = cell.scalarValues
            var text: (wchar_t, wchar_t, wchar_t, wchar_t, wchar_t) = (
                wchar_t(bitPattern: values.0), wchar_t(bitPattern: values.1), wchar_t(bitPattern: values.2), wchar_t(bitPattern: values.3), 0)
            withUnsafePointer(to: &text) { tuple in
                tuple.withMemoryRebound(to: wchar_t.self, capacity: 5) { _ = wr_put_cell(Int32(y), Int32(x), $0, style.attributes, style.pair) }
            }
        } else {
            // An ASCII stand-in, one character a column (two for a wide grapheme).
            for (offset, scalar) in ASCIIGlyphs.fallback(cell.grapheme, width: cell.width).unicodeScalars.prefix(max(1, cell.width)).enumerated() {
                _ = wr_put_cell(Int32(y), Int32(x + offset), [wchar_t(bitPattern: scalar.value), 0], style.attributes, style.pair)
            }
        }
    }

    /// Each role's ncurses attributes and colour pair, resolved once from the palette.
    private static func styles(_ palette: StylePalette) -> [StyleRole: (attributes: attr_t, pair: Int16)] {
        var styles: [StyleRole: (attributes: attr_t, pair: Int16)] = [:]
        for role in StyleRole.allCases {
            var attributes = wr_a_normal()
            for attribute in palette.attributes(role) {
                switch attribute {
                case .bold: attributes |= wr_a_bold()
                case .dim: attributes |= wr_a_dim()
                case .italic: attributes |= wr_a_italic()
                case .underline: attributes |= wr_a_underline()
                case .reverse: attributes |= wr_a_reverse()
                case .standout: attributes |= wr_a_standout()
                }
            }
            styles[role] = (attributes, Int16(clamping: palette.pair(role)))
        }
        return styles
    }
}

/// Why the terminal could not be used.
public enum TerminalError: Error, Sendable, CustomStringConvertible {
    case cannotStart

    public var description: String {
        switch self {
        case .cannotStart: return "cannot start the terminal (is TERM set, and is this a terminal?)"
        }
    }
}
