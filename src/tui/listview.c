/* listview.c - the scrolling list of the help and history views (see
 * listview.h). */
#include "config.h"
#include "tui/listview.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "tui/app_int.h"
#include "tui/screen.h"

void list_free(struct listview *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->lines[i]);
	free(l->lines);
	l->lines = NULL;
	l->n = l->top = l->cur = 0;
}

void list_take(struct listview *l, char **lines, size_t n)
{
	list_free(l);
	l->lines = lines;
	l->n = lines ? n : 0;
}

size_t list_rows(const struct app *a)
{
	return (size_t)(a->rows > 4 ? a->rows - 3 : 1);
}

size_t list_max_top(const struct app *a, const struct listview *l)
{
	size_t h = list_rows(a);

	return l->n > h ? l->n - h : 0;
}

void list_clamp(const struct app *a, struct listview *l)
{
	size_t h = list_rows(a), max = list_max_top(a, l);

	if (l->cur >= l->n)
		l->cur = l->n ? l->n - 1 : 0;
	if (l->top > max)
		l->top = max;
	if (!l->select)
		return;
	if (l->cur < l->top)
		l->top = l->cur;
	if (l->cur >= l->top + h)
		l->top = l->cur - h + 1;
}

bool list_move(const struct app *a, struct listview *l, enum request r)
{
	size_t h = list_rows(a), max = list_max_top(a, l);
	size_t last = l->n ? l->n - 1 : 0;

	if (l->select) {
		switch (r) {
		case REQ_MOVE_DOWN: if (l->cur < last) l->cur++; break;
		case REQ_MOVE_UP: if (l->cur) l->cur--; break;
		case REQ_PAGE_DOWN:
			l->top += h;
			l->cur = l->cur + h < last ? l->cur + h : last;
			break;
		case REQ_PAGE_UP:
			l->top = l->top > h ? l->top - h : 0;
			l->cur = l->cur > h ? l->cur - h : 0;
			break;
		case REQ_FIRST: l->cur = 0; break;
		case REQ_LAST: l->cur = last; break;
		default: return false;
		}
		list_clamp(a, l);
		return true;
	}
	switch (r) {
	case REQ_MOVE_DOWN: l->top++; break;
	case REQ_MOVE_UP: if (l->top) l->top--; break;
	case REQ_PAGE_DOWN: l->top += h; break;
	case REQ_PAGE_UP: l->top = l->top > h ? l->top - h : 0; break;
	case REQ_FIRST: l->top = 0; break;
	case REQ_LAST: l->top = max; break;
	default: return false;
	}
	if (l->top > max)
		l->top = max;
	return true;
}

void list_position(const struct app *a, const struct listview *l, char *buf, size_t size)
{
	size_t h = list_rows(a), end = l->top + h < l->n ? l->top + h : l->n;

	buf[0] = '\0';
	if (l->n <= h)
		return;
	if (l->select)
		snprintf(buf, size, "%zu/%zu", l->cur + 1, l->n);
	else
		snprintf(buf, size, "%zu-%zu/%zu", l->top + 1, end, l->n);
}

void list_draw_title(struct app *a, const char *title, const char *pos)
{
	int pw = pos[0] ? text_width(pos, strlen(pos)) + 1 : 0;

	if (pw && pw + 8 > a->cols)
		pw = 0;         /* too narrow: the title says more */
	/* A title cut short says so, and keeps a space before the position. */
	screen_put_cut(0, 0, a->cols - pw - (pw ? 1 : 0), title, SA_STATUS, a->utf8 ? "…" : "~");
	if (pw) {
		screen_put(0, a->cols - pw - 1, 1, " ", SA_STATUS, false);
		char *p = text_printf("%s ", pos);

		screen_put(0, a->cols - pw, pw, p ? p : "", SA_STATUS, true);
		free(p);
	}
}

void list_draw(struct app *a, const struct listview *l, const char *hints)
{
	size_t h = list_rows(a);
	char pos[48];

	list_position(a, l, pos, sizeof pos);
	list_draw_title(a, l->title, pos);
	for (size_t y = 0; y < h; y++) {
		size_t i = l->top + y;

		if (i >= l->n)
			break;
		/* A line cut at the edge says so (Enter shows a history entry whole). */
		screen_put_cut((int)y + 1, 0, a->cols, l->lines[i],
		               l->select && i == l->cur ? SA_SELECTED : SA_NORMAL,
		               a->utf8 ? "…" : "~");
	}
	/* What the last key did, or why not, on the free row above the hints. */
	if (a->msg[0] && a->rows > 2)
		screen_put_cut(a->rows - 2, 0, a->cols, a->msg, a->msg_err ? SA_ERROR : SA_NORMAL,
		               a->utf8 ? "…" : "~");
	screen_put(a->rows - 1, 0, a->cols, hints, SA_HINT, true);
}
