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

/// Writes one grapheme (up to 8 wide characters, NUL-terminated) at (y, x) with attributes
/// and a colour pair.
static inline int wr_put_cell(int y, int x, const wchar_t *text, attr_t attributes, short pair) {
    cchar_t cell;
    if (setcchar(&cell, text, attributes, pair, NULL) != OK) return ERR;
    return mvwadd_wch(stdscr, y, x, &cell);
}

/// Whether the current locale's character set is UTF-8.
static inline int wr_locale_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    if (codeset == NULL) return 0;
    return (codeset[0] == 'U' || codeset[0] == 'u') && (codeset[1] == 'T' || codeset[1] == 't')
        && (codeset[2] == 'F' || codeset[2] == 'f');
}

#endif
