/* app.c - the workbench: state, layout, the request dispatcher, editing
 * through the store API, and the main loop (keyboard or script).
 *
 * View logic lives in tree.c, detail.c, lineedit.c and find.c (no curses);
 * drawing goes through screen.c. The store is only touched through
 * store.h: every commit is one store_set/undo/redo (one transaction). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "model.h"
#include "record.h"
#include "store.h"
#include "text.h"
#include "tui/detail.h"
#include "tui/find.h"
#include "tui/keys.h"
#include "tui/lineedit.h"
#include "tui/screen.h"
#include "tui/script.h"
#include "tui/tree.h"

enum focus { FOCUS_TREE, FOCUS_DETAIL };
enum mode { MODE_MAIN, MODE_HELP, MODE_HISTORY, MODE_EDIT, MODE_SEARCH };

#define MIN_ROWS 6
#define MIN_COLS 20
#define DETAIL_MIN 52   /* detail columns kept before the tree grows past 40% */

struct app {
	struct cli *cli;
	const struct prm_model *m;
	struct store *st;
	char *db_path;
	bool read_only;             /* asked for, or the store is not writable */
	unsigned esc;               /* text_escape flags: TEXT_ASCII outside UTF-8 */
	bool utf8;

	struct tree tree;
	struct detail detail;
	struct record rec;          /* record of rec_proc */
	size_t rec_proc;            /* (size_t)-1: none loaded */
	char **rec_text;            /* per process: record values, for search */
	char *marks;                /* per process: status mark */
	uint64_t last_seq;

	enum focus focus;
	enum mode mode;
	char pref_field[32];        /* field 'e' edits from the tree */

	struct lineedit le;         /* MODE_EDIT and MODE_SEARCH */
	char edit_field[32];
	size_t edit_proc;
	uint64_t edit_base;
	char *edit_orig;
	char edit_why[512];

	size_t search_from;         /* where / started */
	char *last_search;

	char **list;                /* MODE_HELP / MODE_HISTORY lines */
	size_t n_list, list_top;
	char list_title[160];
	bool hist_all;

	char msg[512];
	bool msg_err;

	int rows, cols, body_h, tree_w, det_x, det_w;
	int tree_need, tree_min;    /* columns of the longest tree line; of the ids */
	bool single, too_small;
	bool script;
	bool quit;
};

static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
	got_signal = sig;
}

static void message(struct app *a, bool err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void message(struct app *a, bool err, const char *fmt, ...)
{
	va_list ap;
	char buf[sizeof a->msg];
	char *e;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	e = text_escape(buf, (size_t)-1, a->esc);
	snprintf(a->msg, sizeof a->msg, "%s", e ? e : "");
	free(e);
	a->msg_err = err;
}

static const struct prm_process *proc_at(const struct app *a, size_t p)
{
	return p < a->m->n_processes ? &a->m->processes[p] : NULL;
}

/* ---- records ------------------------------------------------------------ */

static size_t proc_outcomes(const struct app *a, size_t p)
{
	const struct prm_process *pr = proc_at(a, p);
	int max = 0;

	for (size_t i = 0; pr && i < pr->n_outcomes; i++)
		if (pr->outcomes[i].number > max)
			max = pr->outcomes[i].number;
	return (size_t)max;
}

/* Refresh the search text and status mark of one process from the store. */
static void refresh_summary(struct app *a, size_t p)
{
	struct record r;
	size_t len = 1;
	char *t;

	if (!a->st || p >= a->m->n_processes)
		return;
	if (store_get(a->st, a->m->processes[p].id, &r) != STORE_OK)
		return;
	for (size_t i = 0; i < r.n_fields; i++)
		len += strlen(r.fields[i].value) + 1;
	t = malloc(len);
	if (t) {
		t[0] = '\0';
		for (size_t i = 0; i < r.n_fields; i++) {
			strcat(t, r.fields[i].value);
			strcat(t, "\n");
		}
		free(a->rec_text[p]);
		a->rec_text[p] = t;
	}
	const struct field_value *s = record_get(&r, "status");
	a->marks[p] = record_status_mark(s ? s->value : "");
	record_free(&r);
}

static void load_summaries(struct app *a)
{
	char **ids = NULL;
	size_t n = 0;

	for (size_t p = 0; p < a->m->n_processes; p++)
		a->marks[p] = record_status_mark("");
	if (!a->st)
		return;
	a->last_seq = store_last_seq(a->st);
	if (store_list(a->st, &ids, &n) != STORE_OK)
		return;
	for (size_t i = 0; i < n; i++) {
		size_t p = prm_model_index(a->m, ids[i]);
		if (p != (size_t)-1)
			refresh_summary(a, p);
		free(ids[i]);
	}
	free(ids);
}

/* The process the user looks at: the detail's, else the tree's. */
static size_t current_proc(const struct app *a)
{
	size_t p = tree_process(&a->tree);

	if (p == (size_t)-1 && a->focus == FOCUS_DETAIL)
		p = a->detail.process;
	return p;
}

static void rebuild_detail(struct app *a)
{
	size_t p = tree_process(&a->tree);

	if (p == (size_t)-1) {
		detail_free(&a->detail);
		return;
	}
	detail_set_height(&a->detail, a->body_h);
	detail_build(&a->detail, a->m, p, a->rec_proc == p ? &a->rec : NULL,
	             a->det_w - 1, a->esc);
}

/* Load the record shown on the right (always re-read: it is one short read
 * transaction and keeps the view honest). */
static void load_record(struct app *a)
{
	size_t p = tree_process(&a->tree);

	if (a->rec_proc != (size_t)-1)
		record_free(&a->rec);
	a->rec_proc = (size_t)-1;
	if (p != (size_t)-1 && a->st &&
	    store_get(a->st, a->m->processes[p].id, &a->rec) == STORE_OK)
		a->rec_proc = p;
	rebuild_detail(a);
}

struct seen { struct app *a; uint64_t since; bool *changed; };

/* Called inside the store's read transaction: only note which processes
 * changed; reading them now would open a second transaction. */
static bool note_change(const struct hist_entry *e, void *arg)
{
	struct seen *s = arg;
	size_t p;

	if (e->seq <= s->since)
		return false;
	p = prm_model_index(s->a->m, e->process);
	if (p != (size_t)-1)
		s->changed[p] = true;
	return true;
}

/* Something was committed (by us or another process): refresh what
 * changed since last_seq. */
static void store_changed(struct app *a)
{
	uint64_t seq;

	if (!a->st)
		return;
	seq = store_last_seq(a->st);
	if (seq != a->last_seq) {
		bool *changed = calloc(a->m->n_processes + 1, sizeof *changed);
		struct seen s = { a, a->last_seq, changed };

		if (changed && store_log(a->st, NULL, 0, note_change, &s) == STORE_OK) {
			for (size_t p = 0; p < a->m->n_processes; p++)
				if (changed[p])
					refresh_summary(a, p);
		} else {
			load_summaries(a);
		}
		free(changed);
		a->last_seq = seq;
	}
	load_record(a);
}

/* Idle: notice other processes' commits; pick up a store created since. */
static void idle(struct app *a)
{
	if (!a->st) {
		struct stat sb;
		if (a->db_path && stat(a->db_path, &sb) == 0 &&
		    store_open(a->db_path, a->m->id, a->read_only ? STORE_OPEN_READONLY : 0,
		               &a->st, NULL) == STORE_OK) {
			a->cli->store = a->st;
			load_summaries(a);
			load_record(a);
		}
		return;
	}
	if (store_last_seq(a->st) != a->last_seq)
		store_changed(a);
}

/* The store for a write: created on the first one. */
static bool writable_store(struct app *a)
{
	char *err = NULL;
	enum store_rc rc;

	if (a->read_only || (a->st && store_readonly(a->st))) {
		message(a, true, "read-only: the store %s cannot be changed%s",
		        a->db_path, a->cli->read_only ? " (--read-only)" : "");
		return false;
	}
	if (a->st)
		return true;
	rc = store_open(a->db_path, a->m->id, STORE_OPEN_CREATE, &a->st, &err);
	if (rc != STORE_OK) {
		message(a, true, "cannot create the store: %s", err ? err : store_strerror(rc));
		free(err);
		a->st = NULL;
		return false;
	}
	free(err);
	a->cli->store = a->st;
	a->last_seq = store_last_seq(a->st);
	return true;
}

/* ---- layout and drawing --------------------------------------------------- */

static void layout(struct app *a)
{
	screen_size(&a->rows, &a->cols);
	a->too_small = a->rows < MIN_ROWS || a->cols < MIN_COLS;
	a->body_h = a->rows - 2;
	if (a->body_h < 1)
		a->body_h = 1;
	a->single = a->cols < 60;
	if (a->single) {
		a->tree_w = a->cols;
		a->det_x = 0;
		a->det_w = a->cols;
	} else {
		/* The tree gets 40% of the width, or more while the detail keeps
		 * DETAIL_MIN columns (so wide terminals show whole names), but
		 * never more than its longest line, nor less than the ids need. */
		int hi = a->cols * 2 / 5;

		if (a->cols - 1 - DETAIL_MIN > hi)
			hi = a->cols - 1 - DETAIL_MIN;
		a->tree_w = a->tree_need < hi ? a->tree_need : hi;
		if (a->tree_w < a->tree_min)
			a->tree_w = a->tree_min;
		a->det_x = a->tree_w + 1;
		a->det_w = a->cols - a->det_x;
	}
	tree_set_height(&a->tree, a->body_h);
	rebuild_detail(a);
}

static char *escaped(const struct app *a, const char *s)
{
	char *e = text_escape(s ? s : "", (size_t)-1, a->esc);
	return e ? e : strdup("");
}

static int escaped_width(const struct app *a, const char *s)
{
	char *e = escaped(a, s);
	int w = e ? text_width(e, strlen(e)) : 0;

	free(e);
	return w;
}

/* Widths of the longest tree line (every category open) and of the
 * longest process line up to its id: bounds of the tree pane's width. The
 * line layouts are draw_tree()'s. */
static void measure_tree(struct app *a)
{
	const struct prm_model *m = a->m;
	int need = escaped_width(a, m->title), min = 0;

	for (size_t c = 0; c < m->n_categories; c++) {
		char n[32];
		int w = snprintf(n, sizeof n, " (%zu)", m->categories[c].n_processes);

		w += 3 + 1 + escaped_width(a, m->categories[c].name);   /* "├─▾ " */
		if (w > need)
			need = w;
	}
	for (size_t p = 0; p < m->n_processes; p++) {
		int id = 6 + 1 + escaped_width(a, m->processes[p].id); /* "│ ├─ - " */
		int w = id + 1 + escaped_width(a, m->processes[p].name);

		if (id + 1 > min)
			min = id + 1;
		if (w > need)
			need = w;
	}
	a->tree_need = need;
	a->tree_min = min < need ? min : need;
}

static void draw_tree(struct app *a, int x, int w)
{
	const struct tree *t = &a->tree;
	bool u = a->utf8;
	const char *cut = u ? "…" : "~";

	for (int y = 0; y < a->body_h; y++) {
		size_t i = t->top + (size_t)y;
		char line[1024];
		char *name;
		enum scr_attr at = SA_NORMAL;

		if (i >= t->n_rows)
			break;
		const struct tree_row *r = &t->rows[i];
		if (i == t->cursor)
			at = a->focus == FOCUS_TREE ? SA_SELECTED : SA_CURSOR_IDLE;
		if (r->kind == TREE_MODEL) {
			name = escaped(a, a->m->title);
			snprintf(line, sizeof line, "%s", name);
			screen_put_cut(y, x, w, line, at == SA_NORMAL ? SA_TITLE : at, cut);
		} else if (r->kind == TREE_CATEGORY) {
			const struct prm_category *c = &a->m->categories[r->index];
			name = escaped(a, c->name);
			snprintf(line, sizeof line, "%s%s %s (%zu)",
			         r->last ? (u ? "└─" : "`-") : (u ? "├─" : "|-"),
			         t->open[r->index] ? (u ? "▾" : "v") : (u ? "▸" : ">"),
			         name, c->n_processes);
			screen_put_cut(y, x, w, line, at == SA_NORMAL ? SA_HEADING : at, cut);
		} else {
			const struct prm_process *p = &a->m->processes[r->index];
			bool last_cat = p->category + 1 == a->m->n_categories;
			char *id = escaped(a, p->id);
			char mark[2] = { a->marks[r->index], '\0' };
			int used;

			name = escaped(a, p->name);
			snprintf(line, sizeof line, "%s%s ",
			         last_cat ? "  " : (u ? "│ " : "| "),
			         r->last ? (u ? "└─" : "`-") : (u ? "├─" : "|-"));
			used = screen_put(y, x, w, line, at, false);
			used += screen_put(y, x + used, w - used, mark,
			                   at == SA_NORMAL ? SA_MARK : at, false);
			snprintf(line, sizeof line, " %s %s", id, name);
			screen_put_cut(y, x + used, w - used, line, at, cut);
			free(id);
		}
		free(name);
	}
}

static void draw_detail(struct app *a, int x, int w)
{
	const struct detail *d = &a->detail;

	if (d->process == (size_t)-1) {
		screen_put(0, x + 1, w - 1, "Select a process (j/k, Enter).", SA_HINT, false);
		return;
	}
	for (int y = 0; y < a->body_h; y++) {
		size_t i = d->top + (size_t)y;
		enum scr_attr at;

		if (i >= d->n)
			break;
		const struct dline *l = &d->lines[i];
		switch (l->kind) {
		case DL_TITLE: at = SA_TITLE; break;
		case DL_HEADING: at = SA_HEADING; break;
		default: at = SA_NORMAL; break;
		}
		if (i == d->cursor)
			at = a->focus == FOCUS_DETAIL ? SA_SELECTED : SA_CURSOR_IDLE;
		if (l->label && at == SA_NORMAL) {
			size_t n = text_fit(l->text, strlen(l->text), l->label, NULL);
			char *lab = strndup(l->text, n);
			int used = screen_put(y, x + 1, w - 1, lab ? lab : "", SA_LABEL, false);
			screen_put(y, x + 1 + used, w - 1 - used, l->text + n, at, false);
			free(lab);
		} else {
			screen_put(y, x, 1, "", at, true);
			screen_put(y, x + 1, w - 1, l->text, at, at == SA_SELECTED || at == SA_CURSOR_IDLE);
		}
	}
}

static void draw_status(struct app *a)
{
	char line[1024];
	char *path = escaped(a, a->db_path ? a->db_path : "");
	char *id = escaped(a, a->m->id);
	const char *ro = (a->read_only || (a->st && store_readonly(a->st))) ? " [read-only]" : "";
	size_t p = current_proc(a);
	char *pid = escaped(a, p != (size_t)-1 ? a->m->processes[p].id : "");

	snprintf(line, sizeof line, " %s%s%s | %s%s%s", id, pid[0] ? " | " : "", pid,
	         path, ro, a->st ? "" : " (new)");
	screen_put(a->rows - 2, 0, a->cols, line, SA_STATUS, true);
	free(path);
	free(id);
	free(pid);
}

static void draw_hints(struct app *a, const char *hints)
{
	int y = a->rows - 1;

	if (a->msg[0])
		screen_put(y, 0, a->cols, a->msg, a->msg_err ? SA_ERROR : SA_NORMAL, true);
	else
		screen_put(y, 0, a->cols, hints, SA_HINT, true);
}

/* The line editor on the status row, with a prompt. */
static void draw_editor(struct app *a, const char *prompt)
{
	int y = a->rows - 2, pw, x;
	size_t off, n;
	int col;
	char *text;

	pw = screen_put(y, 0, a->cols / 2, prompt, SA_STATUS, false);
	x = pw;
	le_view(&a->le, a->cols - x - 1, &off, &n, &col);
	text = strndup(a->le.buf + off, n);
	screen_put(y, x, a->cols - x, text ? text : "", SA_NORMAL, true);
	free(text);
	screen_cursor(y, x + col);
}

static void draw_list(struct app *a, const char *hints)
{
	int h = a->rows - 2;

	screen_put(0, 0, a->cols, a->list_title, SA_STATUS, true);
	if (a->n_list > (size_t)h - 1 && a->list_top > a->n_list - ((size_t)h - 1))
		a->list_top = a->n_list - ((size_t)h - 1);
	for (int y = 1; y < h + 1 && y < a->rows - 1; y++) {
		size_t i = a->list_top + (size_t)y - 1;
		if (i >= a->n_list)
			break;
		screen_put(y, 0, a->cols, a->list[i], SA_NORMAL, false);
	}
	screen_put(a->rows - 1, 0, a->cols, hints, SA_HINT, true);
}

static void draw(struct app *a)
{
	screen_erase();
	screen_cursor(-1, 0);
	if (a->too_small) {
		char buf[80];
		snprintf(buf, sizeof buf, "Terminal too small (%dx%d): need %dx%d. q quits.",
		         a->cols, a->rows, MIN_COLS, MIN_ROWS);
		for (int y = 0, off = 0; y < a->rows && off < (int)strlen(buf); y++) {
			size_t n = text_fit(buf + off, strlen(buf + off), a->cols, NULL);
			char part[80];
			snprintf(part, sizeof part, "%.*s", (int)n, buf + off);
			screen_put(y, 0, a->cols, part, SA_NORMAL, false);
			off += (int)n;
		}
		screen_refresh();
		return;
	}
	if (a->mode == MODE_HELP || a->mode == MODE_HISTORY) {
		draw_list(a, a->mode == MODE_HELP ? "j/k, PgUp/PgDn: scroll  q/Esc/?: back" :
		          "j/k, PgUp/PgDn: scroll  L: this process / whole store  q/Esc: back");
		screen_refresh();
		return;
	}
	if (a->single) {
		if (a->focus == FOCUS_TREE)
			draw_tree(a, 0, a->cols);
		else
			draw_detail(a, 0, a->cols);
	} else {
		draw_tree(a, 0, a->tree_w);
		for (int y = 0; y < a->body_h; y++)
			screen_put(y, a->tree_w, 1, a->utf8 ? "│" : "|", SA_BORDER, false);
		draw_detail(a, a->det_x, a->det_w);
	}
	if (a->mode == MODE_EDIT) {
		char prompt[128], hint[512];
		const struct prm_process *p = proc_at(a, a->edit_proc);
		const struct field_def *fd = record_field(a->edit_field, NULL);

		snprintf(prompt, sizeof prompt, " %s %s: ", p ? p->id : "?", a->edit_field);
		char *ep = escaped(a, prompt);
		if (a->edit_why[0]) {
			screen_put(a->rows - 1, 0, a->cols, a->edit_why, SA_ERROR, true);
		} else if (fd && fd->choices) {
			size_t k = 0;
			k += (size_t)snprintf(hint, sizeof hint, "Tab/Up/Down:");
			for (size_t i = 0; fd->choices[i] && k < sizeof hint; i++)
				k += (size_t)snprintf(hint + k, sizeof hint - k, " %s", fd->choices[i]);
			if (k < sizeof hint)
				snprintf(hint + k, sizeof hint - k, "  Enter: save  Esc: cancel");
			screen_put(a->rows - 1, 0, a->cols, hint, SA_HINT, true);
		} else {
			screen_put(a->rows - 1, 0, a->cols,
			           "Enter: save  Esc: cancel  C-a/C-e/C-k/C-u/C-w: edit", SA_HINT, true);
		}
		draw_editor(a, ep);
		free(ep);
	} else if (a->mode == MODE_SEARCH) {
		draw_status(a);
		draw_hints(a, "Enter: stay here  Esc: go back  then n/N: next/previous");
		draw_editor(a, "/");
	} else {
		draw_status(a);
		draw_hints(a, a->focus == FOCUS_TREE ?
		           "?:help q:quit /:search Enter:open Tab:pane e:edit u:undo C-r:redo L:log" :
		           "?:help q:quit Tab/h:tree Enter:follow/edit e:edit E:$EDITOR u:undo L:log");
	}
	screen_refresh();
}

/* ---- help and history ------------------------------------------------------ */

static void free_list(struct app *a)
{
	for (size_t i = 0; i < a->n_list; i++)
		free(a->list[i]);
	free(a->list);
	a->list = NULL;
	a->n_list = a->list_top = 0;
}

static void open_help(struct app *a)
{
	free_list(a);
	a->list = keys_help_lines(20, &a->n_list);
	snprintf(a->list_title, sizeof a->list_title, " prmwb %s - keys", PACKAGE_VERSION);
	a->mode = MODE_HELP;
}

struct hist_acc { struct app *a; char **v; size_t n, cap; };

static bool add_hist(const struct hist_entry *e, void *arg)
{
	struct hist_acc *h = arg;
	char when[32], buf[2048], ref[48] = "";
	time_t t = (time_t)e->time;
	struct tm tm;

	if (h->n == h->cap) {
		size_t cap = h->cap ? h->cap * 2 : 64;
		char **v = realloc(h->v, cap * sizeof *v);
		if (!v)
			return false;
		h->v = v;
		h->cap = cap;
	}
	if (!localtime_r(&t, &tm) || !strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm))
		snprintf(when, sizeof when, "-");
	if (e->kind != HIST_SET)
		snprintf(ref, sizeof ref, " (%s of #%llu)", e->kind == HIST_UNDO ? "undo" : "redo",
		         (unsigned long long)e->ref);
	snprintf(buf, sizeof buf, "#%llu %s %s %s %s%s: '%s' -> '%s'",
	         (unsigned long long)e->seq, when, e->user, e->process, e->field, ref,
	         e->old_value, e->new_value);
	h->v[h->n] = escaped(h->a, buf);
	h->n++;
	return true;
}

static void open_history(struct app *a, bool all)
{
	struct hist_acc h = { a, NULL, 0, 0 };
	size_t p = current_proc(a);
	const char *pid = (!all && p != (size_t)-1) ? a->m->processes[p].id : NULL;
	char *e;

	free_list(a);
	a->hist_all = pid == NULL;
	if (a->st)
		store_log(a->st, pid, 1000, add_hist, &h);
	a->list = h.v;
	a->n_list = h.n;
	e = escaped(a, pid ? pid : "");
	snprintf(a->list_title, sizeof a->list_title, " History of %s%s (%zu, newest first)",
	         pid ? "process " : "the whole store", e, h.n);
	free(e);
	if (h.n == 0) {
		a->list = calloc(1, sizeof *a->list);
		if (a->list) {
			a->list[0] = strdup("(no changes yet)");
			a->n_list = a->list[0] ? 1 : 0;
		}
	}
	a->mode = MODE_HISTORY;
}

static void list_key(struct app *a, int key)
{
	size_t h = (size_t)(a->rows > 3 ? a->rows - 3 : 1);
	enum request r = keys_request(key);

	if (key == TK_ESC || r == REQ_QUIT || (a->mode == MODE_HELP && r == REQ_HELP)) {
		free_list(a);
		a->mode = MODE_MAIN;
		return;
	}
	if (a->mode == MODE_HISTORY && r == REQ_HISTORY) {
		open_history(a, !a->hist_all);
		return;
	}
	switch (r) {
	case REQ_MOVE_DOWN: if (a->list_top + 1 < a->n_list) a->list_top++; break;
	case REQ_MOVE_UP: if (a->list_top) a->list_top--; break;
	case REQ_PAGE_DOWN: a->list_top += h; if (a->list_top >= a->n_list) a->list_top = a->n_list ? a->n_list - 1 : 0; break;
	case REQ_PAGE_UP: a->list_top = a->list_top > h ? a->list_top - h : 0; break;
	case REQ_FIRST: a->list_top = 0; break;
	case REQ_LAST: a->list_top = a->n_list; break;
	default: break;
	}
}

/* ---- editing ------------------------------------------------------------ */

static const struct field_value *shown_value(const struct app *a, size_t p, const char *field)
{
	return a->rec_proc == p ? record_get(&a->rec, field) : NULL;
}

/* The field 'e'/'E' acts on: the selected one in the detail pane, or the
 * preferred one from the tree. */
static const char *target_field(struct app *a)
{
	const struct dline *l = detail_current(&a->detail);

	if (a->focus == FOCUS_DETAIL && l && (l->kind == DL_FIELD || l->kind == DL_OUTCOME))
		return l->field;
	return a->pref_field;
}

static void start_edit(struct app *a, const char *field)
{
	size_t p = current_proc(a);
	const struct field_value *fv;
	const struct field_def *fd = record_field(field, NULL);
	bool escaped_value;

	if (p == (size_t)-1) {
		message(a, true, "no process selected");
		return;
	}
	if (!fd) {
		message(a, true, "no field %s", field);
		return;
	}
	if (a->read_only || (a->st && store_readonly(a->st))) {
		message(a, true, "read-only: the store cannot be changed%s",
		        a->cli->read_only ? " (--read-only)" : "");
		return;
	}
	load_record(a);   /* edit what the store holds now */
	fv = shown_value(a, p, field);
	if (fv && strchr(fv->value, '\n')) {
		message(a, true, "%s has several lines: press E to edit it in $EDITOR", field);
		return;
	}
	/* A value holding control characters or invalid bytes (written by
	 * another tool, an older version, or damage) is edited as shown,
	 * escaped (^[, \u009B, \xNN): the editor never holds what it cannot
	 * show, Enter without a change writes nothing, and what is saved is
	 * what the user saw. */
	free(a->edit_orig);
	a->edit_orig = text_escape(fv ? fv->value : "", (size_t)-1, 0);
	if (!a->edit_orig || !le_init(&a->le, a->edit_orig)) {
		message(a, true, "out of memory");
		return;
	}
	escaped_value = fv && strcmp(a->edit_orig, fv->value) != 0;
	if (fd->kind == FIELD_ENUM)
		le_set_choices(&a->le, fd->choices);
	snprintf(a->edit_field, sizeof a->edit_field, "%s", field);
	a->edit_proc = p;
	a->edit_base = fv ? fv->rev : 0;
	a->edit_why[0] = '\0';
	if (escaped_value)
		snprintf(a->edit_why, sizeof a->edit_why, "%s holds control characters or "
		         "invalid bytes: shown escaped, saved as shown", field);
	a->msg[0] = '\0';
	a->mode = MODE_EDIT;
	detail_select_field(&a->detail, field);
}

static void format_when(int64_t t, char *buf, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (!localtime_r(&tt, &tm) || !strftime(buf, size, "%Y-%m-%d %H:%M", &tm))
		snprintf(buf, size, "?");
}

/* Validate and write one field with the base revision the user saw.
 * Returns true if the editor can close (written, unchanged, or refused
 * for a reason editing cannot fix); false keeps it open (invalid value,
 * reason in edit_why). */
static bool commit_value(struct app *a, size_t p, const char *field, const char *value,
                         uint64_t base)
{
	const struct prm_process *pr = proc_at(a, p);
	size_t nout = proc_outcomes(a, p);
	struct store_change info;
	char *why = NULL, *v;
	enum store_rc rc;

	v = record_validate(field, value, nout, &why);
	if (!v) {
		char *e = escaped(a, why ? why : "invalid value");
		snprintf(a->edit_why, sizeof a->edit_why, "%s", e);
		free(e);
		free(why);
		return false;
	}
	if (!writable_store(a)) {
		free(v);
		return true;
	}
	memset(&info, 0, sizeof info);
	rc = store_set(a->st, pr->id, field, v, nout, base, &info);
	switch (rc) {
	case STORE_OK:
		message(a, false, "%s of %s: saved (#%llu)", field, pr->id,
		        (unsigned long long)info.seq);
		break;
	case STORE_CONFLICT: {
		char when[32];
		const struct field_value *now;

		store_changed(a);
		now = shown_value(a, p, field);
		format_when(info.time, when, sizeof when);
		message(a, true, "not saved: %s of %s was changed by %s at %s, now '%s'",
		        field, pr->id, info.user, when, now ? now->value : "");
		break;
	}
	case STORE_INVALID:
		if (info.needs_justification)
			snprintf(a->edit_why, sizeof a->edit_why, "%s: applicable 'no' needs a "
			         "justification: write it first (E on Justification)", field);
		else
			snprintf(a->edit_why, sizeof a->edit_why, "%s: invalid value", field);
		free(v);
		return false;
	default:
		message(a, true, "%s of %s not saved: %s", field, pr->id, store_strerror(rc));
		break;
	}
	free(v);
	store_changed(a);
	return true;
}

static void edit_key(struct app *a, int key)
{
	enum le_result r = le_key(&a->le, key);

	if (r == LE_CHANGED)
		a->edit_why[0] = '\0';
	if (r == LE_CANCEL) {
		le_free(&a->le);
		a->mode = MODE_MAIN;
		message(a, false, "not changed");
		return;
	}
	if (r != LE_COMMIT)
		return;
	if (strcmp(a->le.buf, a->edit_orig) == 0) {
		le_free(&a->le);
		a->mode = MODE_MAIN;
		message(a, false, "not changed");
		return;
	}
	if (commit_value(a, a->edit_proc, a->edit_field, a->le.buf, a->edit_base)) {
		le_free(&a->le);
		a->mode = MODE_MAIN;
	}
}

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	size_t len = 0, cap = 0, n;
	char tmp[4096];

	if (!f)
		return NULL;
	while ((n = fread(tmp, 1, sizeof tmp, f)) > 0) {
		if (len + n + 1 > cap) {
			cap = (len + n + 1) * 2;
			char *p = realloc(buf, cap);
			if (!p) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = p;
		}
		memcpy(buf + len, tmp, n);
		len += n;
	}
	fclose(f);
	if (!buf)
		buf = calloc(1, 1);
	else
		buf[len] = '\0';
	return buf;
}

/* E: the value in $VISUAL / $EDITOR (fallback vi) on a private temporary
 * file; the terminal is handed over and taken back. The child only execs
 * the editor: it never uses the store. */
static void edit_external(struct app *a)
{
	const char *field = target_field(a);
	const struct field_def *fd = record_field(field, NULL);
	size_t p = current_proc(a);
	const struct field_value *fv;
	const char *ed = getenv("VISUAL");
	char path[256], cmd[1024];
	uint64_t base;
	char *old, *neu;
	int fd_tmp, status = 0;
	pid_t pid;

	if (p == (size_t)-1) {
		message(a, true, "no process selected");
		return;
	}
	if (!fd || (fd->kind != FIELD_TEXT && fd->kind != FIELD_LIST))
		field = "notes";
	if (a->read_only || (a->st && store_readonly(a->st))) {
		message(a, true, "read-only: the store cannot be changed");
		return;
	}
	if (!ed || !ed[0])
		ed = getenv("EDITOR");
	if (!ed || !ed[0])
		ed = "vi";
	load_record(a);
	fv = shown_value(a, p, field);
	base = fv ? fv->rev : 0;
	old = strdup(fv ? fv->value : "");
	const char *tmpdir = getenv("TMPDIR");
	snprintf(path, sizeof path, "%s/prmwb-%s-XXXXXX", tmpdir && tmpdir[0] ? tmpdir : "/tmp", field);
	fd_tmp = mkstemp(path);
	if (!old || fd_tmp < 0) {
		message(a, true, "cannot make a temporary file: %s", strerror(errno));
		free(old);
		if (fd_tmp >= 0)
			close(fd_tmp);
		return;
	}
	size_t ol = strlen(old);
	if ((ol && write(fd_tmp, old, ol) != (ssize_t)ol) ||
	    (ol && write(fd_tmp, "\n", 1) != 1) || close(fd_tmp) != 0) {
		message(a, true, "cannot write %s: %s", path, strerror(errno));
		unlink(path);
		free(old);
		return;
	}
	snprintf(cmd, sizeof cmd, "%s \"$1\"", ed);
	screen_suspend();
	pid = fork();
	if (pid == 0) {
		dup2(screen_stderr_fd(), STDERR_FILENO);
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		execl("/bin/sh", "sh", "-c", cmd, "sh", path, (char *)NULL);
		_exit(127);
	}
	if (pid > 0)
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	screen_resume();
	if (pid < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		message(a, true, "editor '%s' failed%s: %s not changed", ed,
		        pid < 0 ? " to start" : "", field);
		unlink(path);
		free(old);
		return;
	}
	neu = read_file(path);
	unlink(path);
	if (!neu) {
		message(a, true, "cannot read back the edited file");
		free(old);
		return;
	}
	size_t nl = strlen(neu);
	while (nl > 0 && neu[nl - 1] == '\n')
		neu[--nl] = '\0';
	if (strcmp(neu, old) == 0) {
		message(a, false, "%s not changed", field);
	} else {
		a->edit_why[0] = '\0';
		if (!commit_value(a, p, field, neu, base))
			message(a, true, "%s", a->edit_why);
	}
	detail_select_field(&a->detail, field);
	free(neu);
	free(old);
}

static void undo_redo(struct app *a, bool redo)
{
	struct store_change info;
	enum store_rc rc;

	if (!a->st) {
		message(a, true, "nothing to %s", redo ? "redo" : "undo");
		return;
	}
	if (!writable_store(a))
		return;
	memset(&info, 0, sizeof info);
	rc = redo ? store_redo(a->st, &info) : store_undo(a->st, &info);
	switch (rc) {
	case STORE_OK: {
		size_t p = prm_model_index(a->m, info.process);
		if (p != (size_t)-1)
			tree_goto_process(&a->tree, p);
		store_changed(a);
		detail_select_field(&a->detail, info.field);
		message(a, false, "%s %s of %s (#%llu)", redo ? "redid" : "undid",
		        info.field, info.process, (unsigned long long)info.seq);
		break;
	}
	case STORE_NOTFOUND:
		message(a, false, "nothing to %s", redo ? "redo" : "undo");
		break;
	case STORE_CONFLICT: {
		char when[32];
		format_when(info.time, when, sizeof when);
		message(a, true, "cannot %s: %s of %s was changed since by %s at %s",
		        redo ? "redo" : "undo", info.field, info.process, info.user, when);
		store_changed(a);
		break;
	}
	default:
		message(a, true, "%s failed: %s", redo ? "redo" : "undo", store_strerror(rc));
	}
}

/* ---- search --------------------------------------------------------------- */

static void search_to(struct app *a, size_t p)
{
	if (p != (size_t)-1 && p != tree_process(&a->tree)) {
		tree_goto_process(&a->tree, p);
		load_record(a);
	}
}

static void search_key(struct app *a, int key)
{
	enum le_result r = le_key(&a->le, key);

	if (r == LE_CANCEL) {
		search_to(a, a->search_from);
		le_free(&a->le);
		a->mode = MODE_MAIN;
		return;
	}
	if (r == LE_COMMIT) {
		free(a->last_search);
		a->last_search = strdup(a->le.buf);
		le_free(&a->le);
		a->mode = MODE_MAIN;
		if (a->last_search && a->last_search[0] &&
		    !find_match(a->m, a->rec_text, tree_process(&a->tree), a->last_search))
			message(a, true, "no match for '%s'", a->last_search);
		return;
	}
	if (r == LE_CHANGED) {
		size_t p = find_process(a->m, a->rec_text, a->le.buf, a->search_from, +1, true, NULL);
		a->msg[0] = '\0';
		if (p == (size_t)-1 && a->le.buf[0])
			message(a, true, "no match");
		search_to(a, p);
	}
}

static void find_again(struct app *a, int dir)
{
	bool wrapped;
	size_t from = tree_process(&a->tree), p;

	if (!a->last_search || !a->last_search[0]) {
		message(a, true, "no search yet: press /");
		return;
	}
	if (from == (size_t)-1)
		from = dir > 0 ? a->m->n_processes - 1 : 0;
	p = find_process(a->m, a->rec_text, a->last_search, from, dir, false, &wrapped);
	if (p == (size_t)-1) {
		message(a, true, "no match for '%s'", a->last_search);
		return;
	}
	search_to(a, p);
	if (wrapped)
		message(a, false, "search wrapped");
}

/* ---- dispatch ------------------------------------------------------------ */

static void move_tree(struct app *a, void (*fn)(struct tree *, long), long d)
{
	fn(&a->tree, d);
	load_record(a);
}

static void request(struct app *a, enum request r)
{
	bool tree = a->focus == FOCUS_TREE;
	const struct dline *l;

	switch (r) {
	case REQ_MOVE_DOWN:
		if (tree) move_tree(a, tree_move, 1); else detail_move(&a->detail, 1);
		break;
	case REQ_MOVE_UP:
		if (tree) move_tree(a, tree_move, -1); else detail_move(&a->detail, -1);
		break;
	case REQ_PAGE_DOWN:
		if (tree) { tree_page(&a->tree, 1); load_record(a); } else detail_page(&a->detail, 1);
		break;
	case REQ_PAGE_UP:
		if (tree) { tree_page(&a->tree, -1); load_record(a); } else detail_page(&a->detail, -1);
		break;
	case REQ_FIRST:
		if (tree) { tree_first(&a->tree); load_record(a); } else detail_first(&a->detail);
		break;
	case REQ_LAST:
		if (tree) { tree_last(&a->tree); load_record(a); } else detail_last(&a->detail);
		break;
	case REQ_ENTER:
		if (tree) {
			if (tree_enter(&a->tree) == TREE_OPEN_PROCESS)
				a->focus = FOCUS_DETAIL;
			load_record(a);
			break;
		}
		l = detail_current(&a->detail);
		if (l && l->kind == DL_RELATION) {
			tree_goto_process(&a->tree, l->target);
			a->focus = FOCUS_TREE;
			load_record(a);
		} else if (l && (l->kind == DL_FIELD || l->kind == DL_OUTCOME)) {
			start_edit(a, l->field);
		}
		break;
	case REQ_BACK:
		if (tree) {
			tree_back(&a->tree);
			load_record(a);
		} else {
			a->focus = FOCUS_TREE;
		}
		break;
	case REQ_NEXT_PANE:
		if (tree && tree_process(&a->tree) == (size_t)-1) {
			message(a, false, "select a process first");
			break;
		}
		a->focus = tree ? FOCUS_DETAIL : FOCUS_TREE;
		break;
	case REQ_SEARCH:
		if (!le_init(&a->le, "")) break;
		a->search_from = tree_process(&a->tree);
		if (a->search_from == (size_t)-1)
			a->search_from = 0;
		a->focus = FOCUS_TREE;
		a->mode = MODE_SEARCH;
		break;
	case REQ_FIND_NEXT: find_again(a, +1); break;
	case REQ_FIND_PREV: find_again(a, -1); break;
	case REQ_EDIT: start_edit(a, target_field(a)); break;
	case REQ_EDIT_EXTERNAL: edit_external(a); break;
	case REQ_UNDO: undo_redo(a, false); break;
	case REQ_REDO: undo_redo(a, true); break;
	case REQ_HISTORY: open_history(a, false); break;
	case REQ_HELP: open_help(a); break;
	case REQ_REDRAW: screen_repaint(); break;
	case REQ_QUIT: a->quit = true; break;
	case REQ_NONE: case REQ_COUNT: break;
	}
	/* Remember which field the user works on, for 'e' from the tree. */
	l = detail_current(&a->detail);
	if (a->focus == FOCUS_DETAIL && l && (l->kind == DL_FIELD || l->kind == DL_OUTCOME))
		snprintf(a->pref_field, sizeof a->pref_field, "%s", l->field);
}

static void handle_key(struct app *a, int key)
{
	if (key == TK_RESIZE) {
		layout(a);
		return;
	}
	if (a->too_small) {
		if (key == 'q')
			a->quit = true;
		return;
	}
	switch (a->mode) {
	case MODE_EDIT: edit_key(a, key); return;
	case MODE_SEARCH: search_key(a, key); return;
	case MODE_HELP: case MODE_HISTORY: list_key(a, key); return;
	case MODE_MAIN: break;
	}
	a->msg[0] = '\0';
	enum request r = keys_request(key);
	if (r == REQ_NONE && key == TK_ESC)
		return;
	if (r == REQ_NONE) {
		char name[32];
		message(a, false, "unknown key %s: press ? for help", keys_name(key, name, sizeof name));
		return;
	}
	request(a, r);
}

/* ---- set-up and main loop ------------------------------------------------- */

static bool open_store(struct app *a)
{
	char *err = NULL;
	unsigned flags = 0;
	enum store_rc rc;

	a->db_path = a->cli->db_path ? strdup(a->cli->db_path) : store_default_path();
	if (!a->db_path) {
		cli_error("cannot find a store directory: set --db or PRMWB_DB");
		return false;
	}
	if (a->cli->read_only)
		flags |= STORE_OPEN_READONLY;
	if (a->cli->force_model)
		flags |= STORE_OPEN_FORCE_MODEL;
	rc = store_open(a->db_path, a->m->id, flags, &a->st, &err);
	if (rc == STORE_NOTFOUND) {
		/* Created on the first write. */
		free(err);
		a->st = NULL;
		return true;
	}
	if (rc != STORE_OK) {
		cli_error("%s", err ? err : store_strerror(rc));
		free(err);
		a->st = NULL;
		return false;
	}
	if (err) {
		message(a, true, "%s", err);
		free(err);
	}
	a->cli->store = a->st;
	return true;
}

static void app_free(struct app *a)
{
	tree_free(&a->tree);
	detail_free(&a->detail);
	if (a->rec_proc != (size_t)-1)
		record_free(&a->rec);
	for (size_t i = 0; a->rec_text && i < a->m->n_processes; i++)
		free(a->rec_text[i]);
	free(a->rec_text);
	free(a->marks);
	free(a->db_path);
	free(a->edit_orig);
	free(a->last_search);
	le_free(&a->le);
	free_list(a);
}

int cmd_tui(struct cli *c, int argc, char **argv)
{
	struct app a;
	struct script sc;
	const char *script_path = getenv("PRMWB_SCRIPT");
	char *err = NULL;
	int rc = EXIT_OK;
	struct sigaction sa;

	(void)argv;
	if (argc > 1) {
		cli_error("the workbench takes no arguments");
		return EXIT_USAGE;
	}
	memset(&a, 0, sizeof a);
	a.cli = c;
	a.rec_proc = (size_t)-1;
	a.script = script_path && script_path[0];
	snprintf(a.pref_field, sizeof a.pref_field, "owner");
	a.utf8 = text_locale_is_utf8();
	a.esc = a.utf8 ? 0 : TEXT_ASCII;

	a.m = cli_model(c);
	if (!a.m)
		return EXIT_USAGE;
	if (!open_store(&a))
		return EXIT_NOTFOUND;
	a.read_only = c->read_only;
	a.rec_text = calloc(a.m->n_processes + 1, sizeof *a.rec_text);
	a.marks = calloc(a.m->n_processes + 1, 1);
	if (!a.rec_text || !a.marks || !tree_init(&a.tree, a.m)) {
		cli_error("out of memory");
		app_free(&a);
		return EXIT_USAGE;
	}
	detail_init(&a.detail);
	measure_tree(&a);
	load_summaries(&a);
	if (a.script && !script_open(&sc, script_path, &err)) {
		cli_error("%s", err);
		free(err);
		app_free(&a);
		return EXIT_USAGE;
	}

	/* Signals only set a flag: the loop below ends cleanly (endwin,
	 * store_close); a store write is one transaction, never half done. */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);

	if (!screen_open(a.script, a.script ? getenv("PRMWB_SCRIPT_OUTPUT") : NULL, &err)) {
		cli_error("%s", err ? err : "cannot open the terminal");
		free(err);
		if (a.script)
			script_close(&sc);
		app_free(&a);
		return EXIT_USAGE;
	}
	layout(&a);
	load_record(&a);

	while (!a.quit && !got_signal) {
		int key;

		draw(&a);
		if (a.script) {
			struct script_step st;

			script_next(&sc, &st);
			if (st.op == SCRIPT_END)
				break;
			if (st.op == SCRIPT_ERROR) {
				err = strdup(st.arg);
				rc = EXIT_USAGE;
				break;
			}
			if (st.op == SCRIPT_SAVE) {
				if (!screen_dump(st.arg)) {
					err = strdup("cannot write the screen dump");
					rc = EXIT_USAGE;
					break;
				}
				continue;
			}
			if (st.op == SCRIPT_IDLE) {
				idle(&a);
				continue;
			}
			if (st.op == SCRIPT_RESIZE) {
				screen_resize(st.rows, st.cols);
				handle_key(&a, TK_RESIZE);
				continue;
			}
			key = st.key;
		} else {
			key = screen_getkey(1000);
			if (key < 0)
				break;  /* the terminal is gone: end, do not spin */
			if (key == TK_NONE) {
				if (!got_signal)
					idle(&a);
				continue;
			}
		}
		handle_key(&a, key);
	}
	screen_close();
	if (a.script)
		script_close(&sc);
	if (err) {
		cli_error("%s", err);
		free(err);
	}
	app_free(&a);
	if (got_signal)
		rc = 128 + got_signal;
	return rc;
}
