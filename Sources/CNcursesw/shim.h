// The small part of ncursesw that Swift cannot import directly: macros (COLOR_PAIR,
// A_BOLD, getmaxyx, KEY_F) and globals that Swift 6 refuses as shared mutable state
// (stdscr, LINES, COLS, COLORS, COLOR_PAIRS). Each is wrapped in a static inline function.
#ifndef WARROOM_CNCURSESW_SHIM_H
#define WARROOM_CNCURSESW_SHIM_H

// SwiftPM drops pkg-config's -D_XOPEN_SOURCE=600; without these, get_wch and wint_t
// do not import.
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <ncursesw/curses.h>
#include <sys/ioctl.h>
#include <unistd.h>


static inline WINDOW *wr_stdscr(void) { return stdscr; }
static inline int wr_lines(void) { return LINES; }
static inline int wr_cols(void) { return COLS; }
static inline int wr_colors(void) { return COLORS; }
static inline int wr_color_pairs(void) { return COLOR_PAIRS; }

static inline attr_t wr_a_normal(void) { return A_NORMAL; }
static inline attr_t wr_a_bold(void) { return A_BOLD; }
static inline attr_t wr_a_dim(void) { return A_DIM; }
static inline attr_t wr_a_italic(void) { return A_ITALIC; }
static inline attr_t wr_a_underline(void) { return A_UNDERLINE; }
static inline attr_t wr_a_reverse(void) { return A_REVERSE; }
static inline attr_t wr_a_standout(void) { return A_STANDOUT; }

static inline int wr_key_resize(void) { return KEY_RESIZE; }
static inline int wr_key_f(int n) { return KEY_F(n); }
static inline int wr_key_code_yes(void) { return KEY_CODE_YES; }

static inline void wr_getmaxyx(WINDOW *window, int *rows, int *columns) {
    getmaxyx(window, *rows, *columns);
}

/// The terminal's size as the kernel has it now (ioctl is variadic, so Swift cannot call it);
/// 0 when it is known, -1 when standard output is not a terminal or has no size.
static inline int wr_terminal_size(int *rows, int *columns) {
    struct winsize size;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) != 0 || size.ws_row == 0 || size.ws_col == 0) return -1;
    *rows = size.ws_row;
    *columns = size.ws_col;
    return 0;
}

/// Writes one grapheme (up to 8 wide characters, NUL-terminated) at (y, x) with attributes
/// and a colour pair.
static inline int wr_put_cell(int y, int x, const wchar_t *text, attr_t attributes, short pair) {
    cchar_t cell;
    if (setcchar(&cell, text, attributes, pair, NULL) != OK) return ERR;
    return mvwadd_wch(stdscr, y, x, &cell);
}

/// A terminfo string capability by name, or NULL when the terminal has none (tigetstr's
/// (char *)-1 for "not a string capability" included).
static inline const char *wr_tigetstr(const char *name) {
    char *value = tigetstr(name);
    return (value == NULL || value == (char *)-1) ? NULL : value;
}

/// A terminfo boolean capability by name (1 when the terminal has it).
static inline int wr_tigetflag(const char *name) { return tigetflag(name) > 0; }

/// tiparm with one, two or nine integer parameters (Swift cannot call C variadics).
static inline const char *wr_tiparm1(const char *cap, int a) { return tiparm(cap, a); }
static inline const char *wr_tiparm2(const char *cap, int a, int b) { return tiparm(cap, a, b); }
static inline const char *wr_tiparm9(const char *cap, int a, int b, int c, int d, int e, int f, int g, int h, int i) {
    return tiparm(cap, a, b, c, d, e, f, g, h, i);
}

/// Whether the current locale's character set is UTF-8.
static inline int wr_locale_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    if (codeset == NULL) return 0;
    return (codeset[0] == 'U' || codeset[0] == 'u') && (codeset[1] == 'T' || codeset[1] == 't')
        && (codeset[2] == 'F' || codeset[2] == 'f');
}

#endif
