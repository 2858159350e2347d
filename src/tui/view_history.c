/* view_history.c - the history view (L): the changes of the process looked
 * at, or (L again) of the whole store, newest first, one a line with the
 * value cut; a line is selected, Enter shows its entry whole (view_entry.c)
 * and u undoes that change alone. Other users' changes come in at the top
 * while it is open. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "store.h"
#include "text.h"
#include "tui/app_int.h"
#include "tui/detail.h"
#include "tui/edit.h"
#include "tui/keys.h"
#include "tui/listview.h"
#include "tui/view.h"

/* Lines kept of a history: the newest HIST_MAX; the rest are counted, so
 * the title can say how many there are. */
#define HIST_MAX 1000
/* Columns of a value kept in a list line (a screen shows less; Enter
 * shows the entry whole, read again from the store): a thousand entries
 * of 64 KiB values need not be held twice. */
#define HIST_VALUE_COLS 400

struct history {
	struct listview l;
	uint64_t *seq;          /* each line's entry (0: none) */
	bool all;               /* the whole store, not one process */
};

struct hist_acc { struct app *a; char **v; uint64_t *seq; size_t n, cap, total; };

/* v escaped on one line, cut after HIST_VALUE_COLS columns with a marker. */
static char *list_value(const struct app *a, const char *v)
{
	char *e = app_escaped(a, v), *cut;
	size_t len = strlen(e), n = text_fit(e, len, HIST_VALUE_COLS, NULL);

	if (n == len)
		return e;
	cut = text_printf("%.*s%s", (int)n, e, a->utf8 ? "…" : "~");
	free(e);
	return cut;
}

char *history_entry_head(const struct app *a, const struct hist_entry *e)
{
	char when[32], ref[48] = "";
	char *user = app_escaped(a, e->user), *proc = app_escaped(a, e->process);
	char *field = app_escaped(a, e->field), *head;

	detail_format_time(e->time, when, sizeof when);
	if (e->kind != HIST_SET)
		snprintf(ref, sizeof ref, " (%s of #%llu)", e->kind == HIST_UNDO ? "undo" : "redo",
		         (unsigned long long)e->ref);
	head = text_printf("#%llu %s %s %s %s%s", (unsigned long long)e->seq, when, user, proc,
	                   field, ref);
	free(user);
	free(proc);
	free(field);
	return head;
}

static bool add_hist(const struct hist_entry *e, void *arg)
{
	struct hist_acc *h = arg;
	char *head, *old_v, *new_v;

	h->total++;
	if (h->n >= HIST_MAX)
		return true;
	if (h->n == h->cap) {
		size_t cap = h->cap ? h->cap * 2 : 64;
		char **v = realloc(h->v, cap * sizeof *v);
		uint64_t *seq = v ? realloc(h->seq, cap * sizeof *seq) : NULL;

		if (v)
			h->v = v;
		if (!seq) {
			h->total--;
			return false;
		}
		h->seq = seq;
		h->cap = cap;
	}
	head = history_entry_head(h->a, e);
	old_v = list_value(h->a, e->old_value);
	new_v = list_value(h->a, e->new_value);
	h->v[h->n] = head && old_v && new_v ? text_printf("%s: '%s' -> '%s'", head, old_v, new_v)
	                                     : NULL;
	free(head);
	free(old_v);
	free(new_v);
	if (!h->v[h->n]) {
		h->total--;
		return false;
	}
	h->seq[h->n] = e->seq;
	h->n++;
	return true;
}

/* Read the history (of the process looked at, or of the whole store if
 * all or none is selected) into h, from the top. */
static void history_load(struct app *a, struct history *h, bool all)
{
	struct hist_acc acc = { a, NULL, NULL, 0, 0, 0 };
	size_t p = app_current_proc(a);
	const char *pid = all ? NULL : p != (size_t)-1 ? a->m->processes[p].id : app_orphan_id(a);
	struct listview *l = &h->l;
	char *e;

	list_free(l);
	free(h->seq);
	h->seq = NULL;
	h->all = pid == NULL;
	if (a->st)
		app_store_ok(a, store_log(a->st, pid, 0, add_hist, &acc));
	list_take(l, acc.v, acc.n);
	h->seq = acc.seq;
	e = app_escaped(a, pid ? pid : "");
	if (acc.total > acc.n)
		snprintf(l->title, sizeof l->title, " History of %s%s (newest %zu of %zu)",
		         pid ? "process " : "the whole store", e, acc.n, acc.total);
	else
		snprintf(l->title, sizeof l->title, " History of %s%s (%zu, newest first)",
		         pid ? "process " : "the whole store", e, acc.n);
	free(e);
	if (acc.total > acc.n) {
		/* The end of the list says where the rest is. */
		char **v = realloc(l->lines, (acc.n + 1) * sizeof *v);
		uint64_t *seq = v ? realloc(h->seq, (acc.n + 1) * sizeof *seq) : NULL;

		if (v)
			l->lines = v;
		if (seq) {
			h->seq = seq;
			seq[acc.n] = 0;
			l->lines[acc.n] = text_printf("(%zu older changes not shown: prmwb log lists "
			                              "them all)", acc.total - acc.n);
			if (l->lines[acc.n])
				l->n++;
		}
	}
	if (acc.n == 0) {
		list_free(l);
		free(h->seq);
		l->lines = calloc(1, sizeof *l->lines);
		h->seq = calloc(1, sizeof *h->seq);
		if (l->lines && h->seq) {
			l->lines[0] = strdup("(no changes yet)");
			l->n = l->lines[0] ? 1 : 0;
		}
	}
}

static bool history_open(struct app *a, struct view *view, void *arg)
{
	struct history *h = calloc(1, sizeof *h);

	(void)arg;
	if (!h) {
		app_message(a, true, "out of memory");
		return false;
	}
	h->l.select = true;
	history_load(a, h, false);
	view->state = h;
	return true;
}

static void history_close(struct app *a, struct view *view)
{
	struct history *h = view->state;

	(void)a;
	list_free(&h->l);
	free(h->seq);
	free(h);
	view->state = NULL;
}

/* Another process committed (or u here did): read it again, keeping the
 * scroll on the same entries. Newest first: new entries come in above. At
 * the top the view shows them; scrolled down, it keeps showing the entries
 * it showed. The selection stays on its entry. */
static void history_refresh(struct app *a, struct view *view)
{
	struct history *h = view->state;
	struct listview *l = &h->l;
	size_t top = l->top, cur = l->cur, before = l->n;
	bool none = before == 1 && l->lines && strcmp(l->lines[0], "(no changes yet)") == 0;

	history_load(a, h, h->all);
	if (!none && l->n > before) {
		if (top > 0)
			top += l->n - before;
		cur += l->n - before;
	}
	l->top = top;
	l->cur = cur < l->n ? cur : 0;
	list_clamp(a, l);
}

static void history_draw(struct app *a, struct view *view)
{
	struct history *h = view->state;

	list_clamp(a, &h->l);   /* after a resize */
	list_draw(a, &h->l, app_is_read_only(a) ?
	          "j/k: move  Enter: whole entry  L: process/whole store  q/Esc: back" :
	          "j/k: move  Enter: whole entry  u: undo this change  L: process/whole store  "
	          "q/Esc: back");
}

static enum view_key_result history_key(struct app *a, struct view *view, int key,
                                        enum request r)
{
	struct history *h = view->state;
	struct listview *l = &h->l;
	uint64_t seq = l->cur < l->n && h->seq ? h->seq[l->cur] : 0;

	a->msg[0] = '\0';   /* the last u's message holds until the next key */
	if (key == TK_ESC || r == REQ_QUIT)
		return VIEW_KEY_CLOSE;
	switch (r) {
	case REQ_HISTORY:
		history_load(a, h, !h->all);
		break;
	case REQ_EXPORT:
		return VIEW_KEY_PASS;   /* w exports the history (view_export.c) */
	case REQ_ENTER:
		if (seq)
			view_push(a, &view_entry_ops, &seq);
		break;
	case REQ_UNDO:
		/* This entry's change alone: the way past a newest change that
		 * another user's later work blocks. */
		if (!app_read_only_refused(a) && seq)
			edit_undo_entry(a, seq);
		break;
	default:
		list_move(a, l, r);
		break;
	}
	return VIEW_KEY_DONE;
}

static const char *history_title(struct app *a, struct view *view)
{
	(void)a;
	return ((struct history *)view->state)->l.title;
}

const struct view_ops view_history_ops = {
	.name = "history",
	.open_req = REQ_HISTORY,
	.open = history_open,
	.close = history_close,
	.draw = history_draw,
	.key = history_key,
	.refresh = history_refresh,
	.title = history_title,
};
