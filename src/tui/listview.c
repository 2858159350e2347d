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
#include "tui/edit.h"
#include "tui/detail.h"
#include "tui/keys.h"
#include "tui/lineedit.h"
#include "tui/screen.h"

static void whole_free(struct app *a)
{
	free(a->list_whole);
	a->list_whole = NULL;
	a->whole_top = 0;
	a->list_show = false;
}

void list_free(struct app *a)
{
	for (size_t i = 0; i < a->n_list; i++)
		free(a->list[i]);
	free(a->list);
	free(a->list_seq);
	a->list = NULL;
	a->list_seq = NULL;
	a->n_list = a->list_top = a->list_cur = 0;
	whole_free(a);
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
/* Columns of a value kept in a list line (a screen shows less; Enter
 * shows the entry whole, read again from the store): a thousand entries
 * of 64 KiB values need not be held twice. */
#define HIST_VALUE_COLS 400

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

/* "#12 2026-11-27 17:19Z user 7.4 owner (undo of #11)", escaped. */
static char *entry_head(const struct app *a, const struct hist_entry *e)
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
	head = entry_head(h->a, e);
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

void list_open_history(struct app *a, bool all)
{
	struct hist_acc h = { a, NULL, NULL, 0, 0, 0 };
	size_t p = app_current_proc(a);
	const char *pid = all ? NULL : p != (size_t)-1 ? a->m->processes[p].id : app_orphan_id(a);
	char *e;

	list_free(a);
	a->hist_all = pid == NULL;
	if (a->st)
		app_store_ok(a, store_log(a->st, pid, 0, add_hist, &h));
	a->list = h.v;
	a->list_seq = h.seq;
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
		uint64_t *seq = v ? realloc(a->list_seq, (h.n + 1) * sizeof *seq) : NULL;

		if (v)
			a->list = v;
		if (seq) {
			a->list_seq = seq;
			seq[h.n] = 0;
			a->list[h.n] = text_printf("(%zu older changes not shown: prmwb log lists them all)",
			                           h.total - h.n);
			if (a->list[h.n])
				a->n_list++;
		}
	}
	if (h.n == 0) {
		free(a->list);
		free(a->list_seq);
		a->list = calloc(1, sizeof *a->list);
		a->list_seq = calloc(1, sizeof *a->list_seq);
		if (a->list && a->list_seq) {
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
	char *whole = a->list_whole;
	size_t whole_top = a->whole_top;

	if (a->mode != MODE_HISTORY)
		return;
	a->list_whole = NULL;   /* an entry never changes: it stays shown */
	list_open_history(a, a->hist_all);
	a->list_whole = whole;
	a->whole_top = whole_top;
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

struct find_entry { struct app *a; uint64_t seq; char *text; bool oom; };

/* v escaped with its line breaks, each line after a tab, into *out. */
static char *value_lines(const struct app *a, const char *v)
{
	char *e = text_escape(v, (size_t)-1, a->esc | TEXT_KEEP_NEWLINES), *out, *o;
	size_t lines = 1;

	if (!e)
		return NULL;
	if (!e[0]) {
		free(e);
		return strdup("\t(empty)");
	}
	for (const char *p = e; *p; p++)
		lines += *p == '\n';
	out = o = malloc(strlen(e) + lines + 1);
	if (out) {
		*o++ = '\t';
		for (const char *p = e; *p; p++) {
			*o++ = *p;
			if (*p == '\n')
				*o++ = '\t';
		}
		*o = '\0';
	}
	free(e);
	return out;
}

/* The entry whole: its head, then the value before and after, every line
 * of them (escaped, line breaks kept). */
static bool whole_entry(const struct hist_entry *e, void *arg)
{
	struct find_entry *f = arg;
	char *head, *old_v, *new_v;

	if (e->seq > f->seq)
		return true;
	if (e->seq < f->seq)
		return false;           /* newest first: it is not there */
	head = entry_head(f->a, e);
	old_v = value_lines(f->a, e->old_value);
	new_v = value_lines(f->a, e->new_value);
	f->text = head && old_v && new_v ?
	          text_printf("%s\n\nBefore:\n%s\n\nAfter:\n%s", head, old_v, new_v) : NULL;
	f->oom = !f->text;
	free(head);
	free(old_v);
	free(new_v);
	return false;
}

/* Enter on a history line: read its entry again, whole, from the store. */
static void show_whole(struct app *a)
{
	struct find_entry f = { a, 0, NULL, false };

	if (a->list_cur >= a->n_list || !a->list_seq || !a->list_seq[a->list_cur] || !a->st)
		return;
	f.seq = a->list_seq[a->list_cur];
	if (!app_store_ok(a, store_log(a->st, NULL, 0, whole_entry, &f)) || !f.text) {
		free(f.text);
		app_message(a, true, f.oom ? "out of memory" : "history entry #%llu cannot be read",
		            (unsigned long long)f.seq);
		return;
	}
	whole_free(a);
	a->list_whole = f.text;
	a->list_show = true;
}

/* Append row (owned; NULL: out of memory) to rows. */
static bool push_row(struct text_lines *rows, char *row)
{
	if (row && rows->n == rows->cap) {
		size_t cap = rows->cap ? rows->cap * 2 : 64;
		char **p = realloc(rows->line, cap * sizeof *p);

		if (!p) {
			free(row);
			return false;
		}
		rows->line = p;
		rows->cap = cap;
	}
	if (!row)
		return false;
	rows->line[rows->n++] = row;
	return true;
}

/* The rows of the entry at width columns: lines wrapped, value lines
 * indented by 2 and by their own indent. Appends to rows. */
static bool whole_rows(const struct app *a, int width, struct text_lines *rows)
{
	char *copy = strdup(a->list_whole ? a->list_whole : "");
	bool ok = copy != NULL;

	for (char *line = copy; ok && line;) {
		char *nl = strchr(line, '\n');
		bool value = line[0] == '\t';
		int lead = 0, indent;
		struct text_lines tl = { 0 };

		if (nl)
			*nl = '\0';
		if (value)
			line++;
		while (value && line[lead] == ' ')
			lead++;
		if (!line[lead])
			lead = 0;
		indent = value ? 2 + lead : 0;
		if (indent > width / 2)
			indent = width / 2;
		ok = text_wrap(line + lead, width - indent, &tl);
		for (size_t i = 0; ok && i < tl.n; i++)
			ok = push_row(rows, text_printf("%*s%s", indent, "", tl.line[i]));
		text_lines_free(&tl);
		line = nl ? nl + 1 : NULL;
	}
	free(copy);
	return ok;
}

/* Keys on the entry shown whole: scroll; q, Esc, Enter, h: back. */
static void whole_key(struct app *a, int key, enum request r, size_t h)
{
	struct text_lines rows = { 0 };
	size_t max;

	if (key == TK_ESC || r == REQ_QUIT || r == REQ_ENTER || r == REQ_BACK) {
		whole_free(a);
		return;
	}
	whole_rows(a, a->cols, &rows);
	max = rows.n > h ? rows.n - h : 0;
	text_lines_free(&rows);
	switch (r) {
	case REQ_MOVE_DOWN: a->whole_top++; break;
	case REQ_MOVE_UP: if (a->whole_top) a->whole_top--; break;
	case REQ_PAGE_DOWN: a->whole_top += h; break;
	case REQ_PAGE_UP: a->whole_top = a->whole_top > h ? a->whole_top - h : 0; break;
	case REQ_FIRST: a->whole_top = 0; break;
	case REQ_LAST: a->whole_top = max; break;
	default: break;
	}
	if (a->whole_top > max)
		a->whole_top = max;
}

static void whole_draw(struct app *a, size_t h)
{
	struct text_lines rows = { 0 };
	size_t max;
	char hint[160];

	if (!whole_rows(a, a->cols, &rows)) {
		text_lines_free(&rows);
		screen_put(1, 0, a->cols, "out of memory", SA_ERROR, true);
		return;
	}
	max = rows.n > h ? rows.n - h : 0;
	if (a->whole_top > max)     /* after a resize */
		a->whole_top = max;
	for (size_t y = 0; y < h && a->whole_top + y < rows.n; y++)
		screen_put_cut((int)y + 1, 0, a->cols, rows.line[a->whole_top + y], SA_NORMAL,
		               a->utf8 ? "…" : "~");
	if (rows.n > h)
		snprintf(hint, sizeof hint, "%zu-%zu/%zu  j/k/PgDn/PgUp  q/Esc/Enter: back",
		         a->whole_top + 1, a->whole_top + h, rows.n);
	else
		snprintf(hint, sizeof hint, "q/Esc/Enter: back to the history");
	screen_put(a->rows - 1, 0, a->cols, hint, SA_HINT, true);
	text_lines_free(&rows);
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
	case REQ_ENTER: show_whole(a); return;
	case REQ_UNDO:
		/* This entry's change alone: the way past a newest change that
		 * another user's later work blocks. */
		if (app_read_only_refused(a))
			return;
		if (a->list_cur < a->n_list && a->list_seq && a->list_seq[a->list_cur])
			edit_undo_entry(a, a->list_seq[a->list_cur]);
		return;
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

	if (a->mode == MODE_HISTORY)
		a->msg[0] = '\0';   /* the last u's message holds until the next key */
	if (a->mode == MODE_HISTORY && a->list_show) {
		whole_key(a, key, r, h);
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
	if (a->mode == MODE_HISTORY && a->list_show) {
		whole_draw(a, h);
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
	/* What u did, or why not, on the free row above the hints. */
	if (a->mode == MODE_HISTORY && a->msg[0] && a->rows > 2)
		screen_put_cut(a->rows - 2, 0, a->cols, a->msg, a->msg_err ? SA_ERROR : SA_NORMAL,
		               a->utf8 ? "…" : "~");
	screen_put(a->rows - 1, 0, a->cols, hints, SA_HINT, true);
}
