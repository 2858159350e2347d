/* listview.c - help and history views of the workbench (see listview.h). */
#include "config.h"
#include "tui/listview.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "store.h"
#include "text.h"
#include "tui/app_int.h"
#include "tui/detail.h"
#include "tui/keys.h"
#include "tui/lineedit.h"
#include "tui/screen.h"

void list_free(struct app *a)
{
	for (size_t i = 0; i < a->n_list; i++)
		free(a->list[i]);
	free(a->list);
	a->list = NULL;
	a->n_list = a->list_top = a->list_cur = 0;
	a->list_show = false;
}

/* Help: the main keys, then the editor's (the one-line editor of e and the
 * search prompt of /), both made from their key tables. */
void list_open_help(struct app *a)
{
	size_t nm = 0, ne = 0;
	char **main_keys = keys_help_lines(20, &nm);
	char **ed_keys = le_help_lines(20, &ne);
	char **v = calloc(nm + ne + 3, sizeof *v);
	size_t k = 0;

	list_free(a);
	for (size_t i = 0; i < nm; i++)
		if (v) v[k++] = main_keys[i]; else free(main_keys[i]);
	for (size_t i = 0; v && i < ne + 2; i++) {
		char *l = i == 0 ? strdup("") :
		          i == 1 ? strdup("In the editor (e) and the search prompt (/):") :
		          ed_keys[i - 2];
		if (l)
			v[k++] = l;
	}
	if (!v)
		for (size_t i = 0; i < ne; i++)
			free(ed_keys[i]);
	free(main_keys);
	free(ed_keys);
	a->list = v;
	a->n_list = k;
	snprintf(a->list_title, sizeof a->list_title, " prmwb %s - keys", PACKAGE_VERSION);
	a->mode = MODE_HELP;
}

/* Lines kept of a history: the newest HIST_MAX; the rest are counted, so
 * the title can say how many there are. */
#define HIST_MAX 1000

struct hist_acc { struct app *a; char **v; size_t n, cap, total; };

static bool add_hist(const struct hist_entry *e, void *arg)
{
	struct hist_acc *h = arg;
	char when[32], buf[2048], ref[48] = "";

	h->total++;
	if (h->n >= HIST_MAX)
		return true;
	if (h->n == h->cap) {
		size_t cap = h->cap ? h->cap * 2 : 64;
		char **v = realloc(h->v, cap * sizeof *v);
		if (!v) {
			h->total--;
			return false;
		}
		h->v = v;
		h->cap = cap;
	}
	detail_format_time(e->time, when, sizeof when);
	if (e->kind != HIST_SET)
		snprintf(ref, sizeof ref, " (%s of #%llu)", e->kind == HIST_UNDO ? "undo" : "redo",
		         (unsigned long long)e->ref);
	snprintf(buf, sizeof buf, "#%llu %s %s %s %s%s: '%s' -> '%s'",
	         (unsigned long long)e->seq, when, e->user, e->process, e->field, ref,
	         e->old_value, e->new_value);
	h->v[h->n] = app_escaped(h->a, buf);
	h->n++;
	return true;
}

void list_open_history(struct app *a, bool all)
{
	struct hist_acc h = { a, NULL, 0, 0, 0 };
	size_t p = app_current_proc(a);
	const char *pid = all ? NULL : p != (size_t)-1 ? a->m->processes[p].id : app_orphan_id(a);
	char *e;

	list_free(a);
	a->hist_all = pid == NULL;
	if (a->st)
		store_log(a->st, pid, 0, add_hist, &h);
	a->list = h.v;
	a->n_list = h.n;
	e = app_escaped(a, pid ? pid : "");
	if (h.total > h.n)
		snprintf(a->list_title, sizeof a->list_title, " History of %s%s (newest %zu of %zu)",
		         pid ? "process " : "the whole store", e, h.n, h.total);
	else
		snprintf(a->list_title, sizeof a->list_title, " History of %s%s (%zu, newest first)",
		         pid ? "process " : "the whole store", e, h.n);
	free(e);
	if (h.total > h.n) {
		/* The end of the list says where the rest is. */
		char **v = realloc(a->list, (h.n + 1) * sizeof *v);
		if (v) {
			a->list = v;
			a->list[h.n] = text_printf("(%zu older changes not shown: prmwb log lists them all)",
			                           h.total - h.n);
			if (a->list[h.n])
				a->n_list++;
		}
	}
	if (h.n == 0) {
		a->list = calloc(1, sizeof *a->list);
		if (a->list) {
			a->list[0] = strdup("(no changes yet)");
			a->n_list = a->list[0] ? 1 : 0;
		}
	}
	a->mode = MODE_HISTORY;
}

static size_t list_max_top(const struct app *a);
static size_t list_rows(const struct app *a);

void list_refresh_history(struct app *a)
{
	size_t top = a->list_top, cur = a->list_cur, before = a->n_list;
	bool show = a->list_show;
	bool none = before == 1 && a->list && strcmp(a->list[0], "(no changes yet)") == 0;

	if (a->mode != MODE_HISTORY)
		return;
	list_open_history(a, a->hist_all);
	/* Newest first: new entries come in above. At the top the view shows
	 * them; scrolled down, it keeps showing the entries it showed. The
	 * selection stays on its entry. */
	if (!none && a->n_list > before) {
		if (top > 0)
			top += a->n_list - before;
		cur += a->n_list - before;
	}
	a->list_top = top;
	a->list_cur = cur < a->n_list ? cur : 0;
	a->list_show = show;
	if (a->list_top > list_max_top(a))
		a->list_top = list_max_top(a);
	if (a->list_cur < a->list_top)
		a->list_top = a->list_cur;
	if (a->list_cur >= a->list_top + list_rows(a))
		a->list_top = a->list_cur - list_rows(a) + 1;
}

/* Lines the list shows (the title above, a free row and the hints below)
 * and the highest first line: the view never scrolls past the end, nor at
 * all when everything fits. */
static size_t list_rows(const struct app *a)
{
	return (size_t)(a->rows > 4 ? a->rows - 3 : 1);
}

static size_t list_max_top(const struct app *a)
{
	size_t h = list_rows(a);

	return a->n_list > h ? a->n_list - h : 0;
}

/* The history has a selected entry (Enter shows it whole); the view
 * follows it. */
static void history_key(struct app *a, enum request r, size_t h, size_t max)
{
	size_t last = a->n_list ? a->n_list - 1 : 0;

	switch (r) {
	case REQ_MOVE_DOWN: if (a->list_cur < last) a->list_cur++; break;
	case REQ_MOVE_UP: if (a->list_cur) a->list_cur--; break;
	case REQ_PAGE_DOWN:
		a->list_top += h;
		a->list_cur = a->list_cur + h < last ? a->list_cur + h : last;
		break;
	case REQ_PAGE_UP:
		a->list_top = a->list_top > h ? a->list_top - h : 0;
		a->list_cur = a->list_cur > h ? a->list_cur - h : 0;
		break;
	case REQ_FIRST: a->list_cur = 0; break;
	case REQ_LAST: a->list_cur = last; break;
	case REQ_ENTER: if (a->n_list) a->list_show = true; return;
	default: return;
	}
	if (a->list_top > max)
		a->list_top = max;
	if (a->list_cur < a->list_top)
		a->list_top = a->list_cur;
	if (a->list_cur >= a->list_top + h)
		a->list_top = a->list_cur - h + 1;
}

void list_key(struct app *a, int key)
{
	size_t h = list_rows(a), max = list_max_top(a);
	enum request r = keys_request(key);

	if (a->mode == MODE_HISTORY && a->list_show) {
		/* The entry shown whole: any of these goes back to the list. */
		if (key == TK_ESC || r == REQ_QUIT || r == REQ_ENTER || r == REQ_BACK)
			a->list_show = false;
		return;
	}
	if (key == TK_ESC || r == REQ_QUIT || (a->mode == MODE_HELP && r == REQ_HELP)) {
		list_free(a);
		a->mode = MODE_MAIN;
		return;
	}
	if (a->mode == MODE_HISTORY && r == REQ_HISTORY) {
		list_open_history(a, !a->hist_all);
		return;
	}
	if (a->mode == MODE_HISTORY) {
		history_key(a, r, h, max);
		return;
	}
	switch (r) {
	case REQ_MOVE_DOWN: a->list_top++; break;
	case REQ_MOVE_UP: if (a->list_top) a->list_top--; break;
	case REQ_PAGE_DOWN: a->list_top += h; break;
	case REQ_PAGE_UP: a->list_top = a->list_top > h ? a->list_top - h : 0; break;
	case REQ_FIRST: a->list_top = 0; break;
	case REQ_LAST: a->list_top = max; break;
	default: break;
	}
	if (a->list_top > max)
		a->list_top = max;
}


void list_draw(struct app *a, const char *hints)
{
	size_t h = list_rows(a);

	if (a->list_top > list_max_top(a))   /* after a resize */
		a->list_top = list_max_top(a);
	screen_put(0, 0, a->cols, a->list_title, SA_STATUS, true);
	if (a->mode == MODE_HISTORY && a->list_show && a->list_cur < a->n_list) {
		/* The selected entry whole, wrapped (values can be long). */
		struct text_lines tl = { 0 };

		if (text_wrap(a->list[a->list_cur], a->cols, &tl))
			for (size_t y = 0; y < tl.n && y < h; y++)
				screen_put_cut((int)y + 1, 0, a->cols,
				               y + 1 == h && tl.n > h ? "" : tl.line[y], SA_NORMAL,
				               a->utf8 ? "…" : "~");
		if (tl.n > h)   /* more than a screen: the last row says so */
			screen_put((int)h, 0, a->cols, a->utf8 ? "…" : "~", SA_HINT, true);
		text_lines_free(&tl);
		screen_put(a->rows - 1, 0, a->cols, "q/Esc/Enter: back to the history",
		           SA_HINT, true);
		return;
	}
	for (size_t y = 0; y < h; y++) {
		size_t i = a->list_top + y;
		enum scr_attr at = SA_NORMAL;

		if (i >= a->n_list)
			break;
		if (a->mode == MODE_HISTORY && i == a->list_cur)
			at = SA_SELECTED;
		/* A line cut at the edge says so (Enter shows a history entry whole). */
		screen_put_cut((int)y + 1, 0, a->cols, a->list[i], at, a->utf8 ? "…" : "~");
	}
	screen_put(a->rows - 1, 0, a->cols, hints, SA_HINT, true);
}
