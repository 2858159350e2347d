/* draw.c - the screen's layout and the pieces views share (see draw.h). */
#include "config.h"
#include "tui/draw.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "tui/app_int.h"
#include "tui/screen.h"
#include "tui/view.h"

#define MIN_ROWS 6
#define MIN_COLS 20

void draw_layout(struct app *a)
{
	screen_size(&a->rows, &a->cols);
	a->too_small = a->rows < MIN_ROWS || a->cols < MIN_COLS;
	view_layout_all(a);
}

/* Lines a message may take at the bottom: enough for a reason with its
 * example or a conflict with who, when and their value, but the panes
 * keep most of the screen. */
#define MSG_MAX_LINES 4

/* A message at the bottom of the screen, wrapped so it can be read whole
 * (the status or editor line moves up); a message longer than
 * MSG_MAX_LINES ends in a cut marker. Returns the lines used (>= 1). */
int draw_message(struct app *a, const char *msg, enum scr_attr at, bool draw)
{
	struct text_lines tl = { 0 };
	int max = a->rows - 3 < MSG_MAX_LINES ? a->rows - 3 : MSG_MAX_LINES, n;

	if (max < 1)
		max = 1;
	if (text_width(msg, strlen(msg)) <= a->cols || !text_wrap(msg, a->cols, &tl) ||
	    tl.n < 2) {
		text_lines_free(&tl);
		if (draw)
			screen_put(a->rows - 1, 0, a->cols, msg, at, true);
		return 1;
	}
	n = tl.n < (size_t)max ? (int)tl.n : max;
	for (int i = 0; draw && i < n; i++) {
		int y = a->rows - n + i;

		if (i == n - 1 && tl.n > (size_t)n) {
			/* More than fits: say so at the end of the last line. */
			char *rest = text_printf("%s %s", tl.line[i], tl.line[i + 1]);
			screen_put_cut(y, 0, a->cols, rest ? rest : tl.line[i], at,
			               a->utf8 ? "…" : "~");
			free(rest);
		} else {
			screen_put(y, 0, a->cols, tl.line[i], at, true);
		}
	}
	text_lines_free(&tl);
	return n;
}

/* The line editor on row y, with a prompt. The prompt takes at most half
 * the width and always ends in its ": " (a long one is cut before that);
 * text scrolled out on the left is marked at the start of the field. */
void draw_editor(struct app *a, int y, const char *prompt)
{
	int pw, x, room, max = a->cols / 2;
	size_t off, n, plen = strlen(prompt);
	int col;
	char *text;
	const char *cut = a->utf8 ? "…" : "~";

	if (text_width(prompt, plen) <= max || plen < 2 ||
	    strcmp(prompt + plen - 2, ": ") != 0) {
		pw = screen_put(y, 0, max, prompt, SA_STATUS, false);
	} else {
		char *core = strndup(prompt, plen - 2);

		pw = screen_put_cut(y, 0, max - 2, core ? core : "", SA_STATUS, cut);
		pw += screen_put(y, pw, 2, ": ", SA_STATUS, false);
		free(core);
	}
	x = pw;
	room = a->cols - x - 1;
	le_view(&a->le, room, &off, &n, &col);
	if (off > 0 && room > 2) {
		/* Text hidden on the left: a marker, the text after it. */
		le_view(&a->le, room - 1, &off, &n, &col);
		screen_put(y, x, 1, a->utf8 ? "…" : "<", SA_HINT, false);
		x++;
	}
	text = strndup(a->le.buf + off, n);
	screen_put(y, x, a->cols - x, text ? text : "", SA_NORMAL, true);
	free(text);
	screen_cursor(y, x + col);
}


void draw_screen(struct app *a)
{
	screen_erase();
	screen_cursor(-1, 0);
	if (a->too_small) {
		char buf[700];
		struct text_lines tl = { 0 };
		/* A message (q's warning) first: the screen may hold little. */
		snprintf(buf, sizeof buf, "%s%sTerminal too small (%dx%d): need %dx%d. q quits.",
		         a->msg, a->msg[0] ? " " : "", a->cols, a->rows, MIN_COLS, MIN_ROWS);
		/* Wrapped by words (a word longer than the width is cut). */
		if (text_wrap(buf, a->cols, &tl))
			for (int y = 0; y < a->rows && (size_t)y < tl.n; y++)
				screen_put(y, 0, a->cols, tl.line[y], SA_NORMAL, false);
		text_lines_free(&tl);
		screen_refresh();
		return;
	}
	view_draw(a);
	screen_refresh();
}
