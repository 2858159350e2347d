/* screen.h - the thin curses layer: the one place that sets up and tears
 * down the terminal, knows colours, draws clipped text and reads keys.
 * Everything it draws was escaped by the caller (text_escape); it clips by
 * display width so no character is split. Only app.c calls it.
 *
 * While the screen is open, stderr is held back in a temporary file and
 * written out by screen_close(), so nothing garbles the display. */
#ifndef PRMWB_TUI_SCREEN_H
#define PRMWB_TUI_SCREEN_H

#include <stdbool.h>

enum scr_attr {
	SA_NORMAL, SA_SELECTED, SA_CURSOR_IDLE, SA_TITLE, SA_HEADING, SA_LABEL,
	SA_STATUS, SA_ERROR, SA_HINT, SA_MARK, SA_BORDER, SA_COUNT
};

/* Open the terminal. script: draw into a virtual screen whose output goes
 * to output (NULL: /dev/null), size from LINES/COLUMNS (default 80x24), no
 * keyboard. Returns false with a malloc'd message in *err (e.g. an unknown
 * TERM). */
bool screen_open(bool script, const char *output, char **err);
void screen_close(void);
bool screen_is_open(void);

void screen_size(int *rows, int *cols);
bool screen_has_colors(void);   /* colours in use (not NO_COLOR / mono) */

void screen_erase(void);
/* Draw s (escaped UTF-8) at y,x clipped to width columns; with fill, pad
 * with spaces to width. Returns the columns used. */
int screen_put(int y, int x, int width, const char *s, enum scr_attr a, bool fill);
/* As screen_put with fill, but a line cut at the edge ends in marker (one
 * column, e.g. "…" or "~") so the user sees that it goes on. */
int screen_put_cut(int y, int x, int width, const char *s, enum scr_attr a,
                   const char *marker);
/* Place the terminal cursor (visible) or hide it (y < 0). */
void screen_cursor(int y, int x);
void screen_refresh(void);
/* Repaint everything on the next refresh (Ctrl-L). */
void screen_repaint(void);

/* Next key (keys.h ints), waiting at most timeout_ms: TK_NONE on timeout
 * or interruption, TK_RESIZE after a size change, -1 if the terminal is
 * gone (EOF/EIO on input). */
int screen_getkey(int timeout_ms);

/* Leave curses mode to run another program on the terminal, and come back. */
void screen_suspend(void);
void screen_resume(void);
/* The real stderr while it is held back (for a child process), or 2. */
int screen_stderr_fd(void);

/* Script mode: change the virtual screen's size. */
void screen_resize(int rows, int cols);
/* Write the virtual screen, one line a row, trailing spaces removed. */
bool screen_dump(const char *path);

#endif
