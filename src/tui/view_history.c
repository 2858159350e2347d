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

/* Lines a history holds: the newest HIST_MAX (the title says how many
 * there are). They are read as the view reaches them: the first screen,
 * then HIST_PAGE at a time (or a screen's worth if more), so that opening
 * it costs the same however long the history. */
#define HIST_MAX 1000
#define HIST_PAGE 64
/* Columns of a value kept in a list line (a screen shows less; Enter
 * shows the entry whole, read again from the store): a thousand entries
 * of 64 KiB values need not be held twice. */
#define HIST_VALUE_COLS 400

struct history {
	struct listview l;
	uint64_t *seq;          /* each line's entry (0: none; l.n of them) */
	char *pid;              /* the process whose history; NULL: the whole store */
	size_t shown;           /* entries the list holds: lines 0..shown-1 */
	size_t loaded;          /* lines 0..loaded-1 are read */
	uint64_t total;         /* entries the history has */
	bool all;               /* the whole store, not one process */
	bool empty;             /* "(no changes yet)" */
};

struct hist_fill { struct app *a; struct history *h; };

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
	struct hist_fill *f = arg;
	struct history *h = f->h;
	char *head, *old_v, *new_v, *line;

	if (h->loaded >= h->shown)
		return false;
	head = history_entry_head(f->a, e);
	old_v = list_value(f->a, e->old_value);
	new_v = list_value(f->a, e->new_value);
	line = head && old_v && new_v ? text_printf("%s: '%s' -> '%s'", head, old_v, new_v) : NULL;
	free(head);
	free(old_v);
	free(new_v);
	if (!line)
		return false;
	h->l.lines[h->loaded] = line;
	h->seq[h->loaded++] = e->seq;
	return h->loaded < h->shown;
}

/* Read the lines up to upto (at most shown), a page at least, below the
 * oldest one read. If the store gives fewer (it failed, or memory ran
 * out), the list ends where the reading stopped. */
static void history_fill(struct app *a, struct history *h, size_t upto)
{
	struct hist_fill f = { a, h };
	struct listview *l = &h->l;
	size_t want;
	uint64_t before;

	if (upto > h->shown)
		upto = h->shown;
	if (h->loaded >= upto || !a->st)
		return;
	want = upto - h->loaded;
	if (want < HIST_PAGE && h->loaded)     /* the first: a screen's worth */
		want = HIST_PAGE;
	/* The first page of the whole store starts at the last entry
	 * counted: lines and count agree even if a change came in between
	 * (it shows on the refresh it causes). */
	before = h->loaded ? h->seq[h->loaded - 1] : h->pid ? STORE_NOW : h->total + 1;
	app_store_ok(a, store_log_before(a->st, h->pid, before, want, add_hist, &f));
	if (h->loaded < upto) {
		for (size_t i = h->loaded; i < l->n; i++)
			free(l->lines[i]);
		l->n = h->shown = h->loaded;
	}
}

/* Read the history (of the process looked at, or of the whole store if
 * all or none is selected) into h, from the top: its count, and the lines
 * of the first screen. */
static void history_load(struct app *a, struct history *h, bool all)
{
	size_t p = app_current_proc(a);
	const char *pid = all ? NULL : p != (size_t)-1 ? a->m->processes[p].id : app_orphan_id(a);
	struct listview *l = &h->l;
	uint64_t total = 0;
	char *e;

	list_free(l);
	free(h->seq);
	free(h->pid);
	h->seq = NULL;
	h->pid = pid ? strdup(pid) : NULL;
	h->all = pid == NULL;
	h->shown = h->loaded = 0;
	h->empty = false;
	if (a->st && (!pid || h->pid) && !app_store_ok(a, store_log_count(a->st, h->pid, &total)))
		total = 0;
	h->total = total;
	h->shown = total > HIST_MAX ? HIST_MAX : (size_t)total;
	l->lines = calloc(h->shown + 1, sizeof *l->lines);
	h->seq = calloc(h->shown + 1, sizeof *h->seq);
	if (!l->lines || !h->seq) {
		app_message(a, true, "out of memory");
		h->shown = 0;
	}
	if (h->shown && total > h->shown) {
		/* The end of the list says where the rest is. */
		l->lines[h->shown] = text_printf("(%llu older changes not shown: prmwb log lists "
		                                 "them all)", (unsigned long long)(total - h->shown));
		l->n = h->shown + (l->lines[h->shown] != NULL);
	} else {
		l->n = h->shown;
	}
	e = app_escaped(a, pid ? pid : "");
	if (total > h->shown && h->shown)
		snprintf(l->title, sizeof l->title, " History of %s%s (newest %zu of %llu)",
		         pid ? "process " : "the whole store", e, h->shown, (unsigned long long)total);
	else
		snprintf(l->title, sizeof l->title, " History of %s%s (%zu, newest first)",
		         pid ? "process " : "the whole store", e, h->shown);
	free(e);
	history_fill(a, h, list_rows(a));
	if (l->n == 0 && l->lines) {
		l->lines[0] = strdup("(no changes yet)");
		l->n = l->lines[0] ? 1 : 0;
		h->empty = true;
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
	free(h->pid);
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
	bool none = h->empty;

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
	history_fill(a, h, h->l.top + list_rows(a));
	list_clamp(a, &h->l);   /* the list may have ended early */
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
	uint64_t seq;

	history_fill(a, h, l->cur + 1);
	seq = l->cur < l->n && l->cur < h->loaded ? h->seq[l->cur] : 0;

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
