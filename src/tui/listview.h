/* listview.h - a scrolling list of lines under a title line, with the keys
 * at the bottom: what the help and history views show. Either the lines
 * just scroll (help) or one line is selected and the view follows it
 * (history). A list longer than the screen says where it is ("1-21/45",
 * or the selected line "12/80") at the right end of its title. */
#ifndef PRMWB_TUI_LISTVIEW_H
#define PRMWB_TUI_LISTVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "tui/keys.h"

struct app;

struct listview {
	char **lines;           /* owned, escaped, one line each */
	size_t n;
	size_t top;             /* first line shown */
	size_t cur;             /* the selected line (with select) */
	bool select;            /* a line is selected (else the lines scroll) */
	char title[160];        /* escaped */
};

/* Free the lines (safe when none); the rest stays. */
void list_free(struct listview *l);
/* Take lines (an array of n malloc'd strings) in place of the old ones. */
void list_take(struct listview *l, char **lines, size_t n);
/* Lines shown: the screen less the title, a free row and the hints. */
size_t list_rows(const struct app *a);
/* The highest first line: the view never scrolls past the end. */
size_t list_max_top(const struct app *a, const struct listview *l);
/* Scroll (or move the selection) for r; false if r is not a move. */
bool list_move(const struct app *a, struct listview *l, enum request r);
/* Keep the view inside the list and around the selection (after a
 * resize or new lines). */
void list_clamp(const struct app *a, struct listview *l);
/* "12/80" (select) or "1-21/45" into buf if the list is longer than the
 * screen, else "". */
void list_position(const struct app *a, const struct listview *l, char *buf, size_t size);
/* Draw the title line, the lines and the hints; msg (if not empty) on the
 * free row above the hints. */
void list_draw(struct app *a, const struct listview *l, const char *hints);
/* The title line alone (with the position mark pos, "" for none). */
void list_draw_title(struct app *a, const char *title, const char *pos);

#endif
