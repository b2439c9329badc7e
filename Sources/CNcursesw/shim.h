// The only C the project sees of ncursesw. Swift imports plain functions and
// constants; macros, globals and variadic or union-typed calls are wrapped here as
// `static inline` functions (prefix `cati_`). Only Sources/CatiTUI/Terminal/ imports this.
#ifndef CATI_NCURSESW_SHIM_H
#define CATI_NCURSESW_SHIM_H

// The wide-character API (wget_wch, mvwaddnwstr, cchar_t) is hidden without these,
// and SwiftPM drops pkg-config's -D flags, so they are defined here.
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Globals that Swift 6 strict concurrency rejects.
static inline WINDOW *cati_stdscr(void) { return stdscr; }
static inline FILE *cati_stdin(void) { return stdin; }
static inline FILE *cati_stdout(void) { return stdout; }
static inline int cati_colors(void) { return COLORS; }
static inline int cati_color_pairs(void) { return COLOR_PAIRS; }

// getmaxyx is a macro.
static inline int cati_height(WINDOW *w) { int y, x; getmaxyx(w, y, x); (void)x; return y; }
static inline int cati_width(WINDOW *w) { int y, x; getmaxyx(w, y, x); (void)y; return x; }

// Attribute and key macros.
static inline attr_t cati_a_normal(void) { return A_NORMAL; }
static inline attr_t cati_a_bold(void) { return A_BOLD; }
static inline attr_t cati_a_reverse(void) { return A_REVERSE; }
static inline attr_t cati_a_underline(void) { return A_UNDERLINE; }
static inline attr_t cati_a_dim(void) { return A_DIM; }
static inline attr_t cati_a_standout(void) { return A_STANDOUT; }
static inline attr_t cati_color_pair(short pair) { return (attr_t)COLOR_PAIR(pair); }
static inline int cati_key_f(int n) { return KEY_F(n); }

// Attributes with their proper types (wattron takes int, attr_t is unsigned).
static inline int cati_attr_on(WINDOW *w, attr_t a) { return wattr_on(w, a, NULL); }
static inline int cati_attr_off(WINDOW *w, attr_t a) { return wattr_off(w, a, NULL); }
static inline int cati_attr_set(WINDOW *w, attr_t a, short pair) { return wattr_set(w, a, pair, NULL); }

// Colours, returning bool so Swift sees Bool.
static inline bool cati_has_colors(void) { return has_colors(); }
static inline bool cati_start_color(void) { return start_color() == OK; }
static inline bool cati_use_default_colors(void) { return use_default_colors() == OK; }
static inline bool cati_init_pair(short pair, short fg, short bg) { return init_pair(pair, fg, bg) == OK; }

// Can this terminal type move the cursor (no: dumb, hard-copy)? Ask after newterm.
static inline bool cati_can_address_cursor(void) {
    const char *cup = tigetstr("cup");
    return cup != NULL && cup != (const char *)-1;
}

// Output of wide text; input of one wide character or key code.
static inline int cati_put(WINDOW *w, int y, int x, const wchar_t *text, int n) {
    return mvwaddnwstr(w, y, x, text, n);
}
/// Returns OK (a character in *out), KEY_CODE_YES (a KEY_ code in *out) or ERR.
static inline int cati_get_wch(WINDOW *w, unsigned int *out) {
    wint_t c = 0;
    int r = wget_wch(w, &c);
    *out = (unsigned int)c;
    return r;
}

// Locale: true when the character set in force is UTF-8.
static inline bool cati_codeset_is_utf8(void) {
    const char *cs = nl_langinfo(CODESET);
    return cs != NULL && strcmp(cs, "UTF-8") == 0;
}

// Is the input gone? poll() once, without waiting: POLLHUP, POLLERR or POLLNVAL.
static inline bool cati_input_hung_up(int fd) {
    struct pollfd p = { .fd = fd, .events = POLLIN, .revents = 0 };
    if (poll(&p, 1, 0) < 0) return false;
    return (p.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0;
}

// Signals: sigaction's handler is a union, awkward from Swift. The handler is passed
// in from Swift; flags are 0 (no SA_RESTART) so a blocking read returns at once.
typedef void (*cati_signal_handler)(int);
static inline int cati_sigaction(int sig, cati_signal_handler handler, struct sigaction *old) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    return sigaction(sig, &sa, old);
}
static inline int cati_sigaction_ignore(int sig, struct sigaction *old) {
    return cati_sigaction(sig, SIG_IGN, old);
}
static inline int cati_sigaction_restore(int sig, const struct sigaction *old) {
    return sigaction(sig, old, NULL);
}
/// True when `sig` is ignored now (inherited SIG_IGN, as under nohup).
static inline bool cati_signal_is_ignored(int sig) {
    struct sigaction cur;
    if (sigaction(sig, NULL, &cur) != 0) return false;
    return cur.sa_handler == SIG_IGN;
}

#endif
