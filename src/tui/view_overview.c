/* view_overview.c - the overview (O): over every process of the model,
 * how many have each status, how many reached each capability level (a
 * bar per level; not assessed apart), how many are below their target,
 * have no owner, have a review date passed or due within
 * ASSESS_REVIEW_DUE_DAYS days (today in UTC), and which are not
 * applicable, each with its justification. Enter on a count lists those
 * processes (a second view, below); Enter on one of them opens it in the
 * tree and detail. Both follow the store as it changes.
 *
 * The numbers come from the assessment rows the workbench keeps per
 * process (a->arows, assess.h), so opening it reads nothing but the
 * justifications of the processes not applicable. Bars are characters
 * (UTF-8 blocks, or '#'), so they read the same without colours. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "assess.h"
#include "model.h"
#include "record.h"
#include "store.h"
#include "text.h"
#include "tui/app_int.h"
#include "tui/keys.h"
#include "tui/listview.h"
#include "tui/tree.h"
#include "tui/view.h"

/* Which processes a line counts. */
enum ov_kind { OV_NONE, OV_STATUS, OV_LEVEL, OV_CLASS, OV_PROCESS };
struct ov_line {
	enum ov_kind kind;
	int value;          /* STATUS: record_status_index (-1 not set); LEVEL:
	                     * 0-5 or ASSESS_NOT_ASSESSED; CLASS: enum
	                     * assess_class; PROCESS: the process index */
	char label[32];     /* what the line says it counts */
};

struct overview {
	struct listview l;
	struct ov_line *what;   /* per line */
};

/* The process list (Enter on a count). */
struct plist {
	struct listview l;
	struct ov_line what;    /* the processes it lists */
	size_t *proc;           /* per line */
	size_t n_proc;          /* lines that are processes (not "(none)") */
};

#define LABEL_COLS 26

static long today(void)
{
	return assess_day((int64_t)time(NULL));
}

static bool member(const struct ov_line *w, const struct assess_row *r, long day)
{
	switch (w->kind) {
	case OV_STATUS: return r->status == w->value;
	case OV_LEVEL: return r->level == w->value;
	case OV_CLASS: return assess_row_is(r, (enum assess_class)w->value, day);
	case OV_PROCESS: return r->process == (size_t)w->value;
	case OV_NONE: break;
	}
	return false;
}

static size_t count(const struct app *a, const struct ov_line *w, long day)
{
	size_t n = 0;

	for (size_t p = 0; p < a->m->n_processes; p++)
		n += member(w, &a->arows[p], day);
	return n;
}

/* Lines being built: text and what each counts. */
struct build {
	char **v;
	struct ov_line *w;
	size_t n, cap;
	bool oom;
};

static void push(struct build *b, char *line, struct ov_line w)
{
	if (b->oom || !line) {
		free(line);
		b->oom = true;
		return;
	}
	if (b->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 32;
		char **v = realloc(b->v, cap * sizeof *v);
		struct ov_line *wl = v ? realloc(b->w, cap * sizeof *wl) : NULL;

		if (v)
			b->v = v;
		if (!wl) {
			free(line);
			b->oom = true;
			return;
		}
		b->w = wl;
		b->cap = cap;
	}
	b->v[b->n] = line;
	b->w[b->n++] = w;
}

/* "  planned                    3  ███" : the label, the count, and a bar
 * of the count's share of all processes. */
static void count_line(struct app *a, struct build *b, const char *label, struct ov_line w,
                       long day, bool bar)
{
	size_t n, total = a->m->n_processes;
	/* Narrow screens shorten the labels first: the count stays in sight. */
	int lw = a->cols - 8 < LABEL_COLS ? a->cols - 8 : LABEL_COLS;
	int room = a->cols - (LABEL_COLS + 7), len = 0;
	char *lab;
	char bars[256] = "";
	const char *cell = a->utf8 ? "\u2588" : "#";

	snprintf(w.label, sizeof w.label, "%s", label);
	n = count(a, &w, day);
	if (room > 40)
		room = 40;
	if (bar && room > 0 && n && total) {
		len = (int)((n * (size_t)room + total - 1) / total);   /* a count shows */
		for (int i = 0, k = 0; i < len && k + 4 < (int)sizeof bars; i++)
			k += snprintf(bars + k, sizeof bars - (size_t)k, "%s", cell);
	}
	if (lw < 4)
		lw = 4;
	lab = strndup(label, text_fit(label, strlen(label), lw - 2, NULL));
	push(b, text_printf("  %-*s %4zu%s%s", lw - 2, lab ? lab : "", n, len ? "  " : "", bars), w);
	free(lab);
}

/* The first line of process p's justification, escaped ("" if none). */
static char *justification(struct app *a, size_t p)
{
	struct record r;
	const struct field_value *fv;
	char *line = NULL;

	if (!a->st || !app_store_ok(a, store_get(a->st, a->m->processes[p].id, &r)))
		return strdup("");
	fv = record_get(&r, "justification");
	if (fv) {
		size_t n = strcspn(fv->value, "\n");
		char *first = strndup(fv->value, n);

		line = first ? text_printf("%s%s", first, fv->value[n] ? (a->utf8 ? " \u2026" : " ...")
		                                                        : "") : NULL;
		free(first);
	}
	record_free(&r);
	if (line) {
		char *e = app_escaped(a, line);

		free(line);
		return e;
	}
	return strdup("");
}

static void overview_build(struct app *a, struct overview *o)
{
	const struct field_def *st = record_field("status", NULL);
	struct build b = { 0 };
	long day = today();
	const struct ov_line none = { OV_NONE, 0, "" };
	char label[64];
	char *title = app_escaped(a, a->m->id);

	push(&b, strdup("Status"), none);
	count_line(a, &b, "not set", (struct ov_line){ OV_STATUS, -1, "" }, day, true);
	for (int i = 0; st && st->choices[i]; i++)
		count_line(a, &b, st->choices[i], (struct ov_line){ OV_STATUS, i, "" }, day, true);
	push(&b, strdup("Capability level"), none);
	for (int k = 0; k <= ASSESS_MAX_LEVEL; k++) {
		snprintf(label, sizeof label, "level %d", k);
		count_line(a, &b, label, (struct ov_line){ OV_LEVEL, k, "" }, day, true);
	}
	count_line(a, &b, "not assessed (-)", (struct ov_line){ OV_LEVEL, ASSESS_NOT_ASSESSED, "" }, day,
	           true);
	push(&b, strdup("Needs attention"), none);
	count_line(a, &b, "below target", (struct ov_line){ OV_CLASS, AC_BELOW_TARGET, "" }, day, false);
	count_line(a, &b, "no owner", (struct ov_line){ OV_CLASS, AC_NO_OWNER, "" }, day, false);
	count_line(a, &b, "review date passed", (struct ov_line){ OV_CLASS, AC_REVIEW_PASSED, "" }, day,
	           false);
	snprintf(label, sizeof label, "review due in %d days", ASSESS_REVIEW_DUE_DAYS);
	count_line(a, &b, label, (struct ov_line){ OV_CLASS, AC_REVIEW_DUE, "" }, day, false);
	count_line(a, &b, "not applicable", (struct ov_line){ OV_CLASS, AC_NOT_APPLICABLE, "" }, day,
	           false);
	for (size_t p = 0; p < a->m->n_processes && !b.oom; p++) {
		char *id, *j;

		if (!assess_row_is(&a->arows[p], AC_NOT_APPLICABLE, day))
			continue;
		id = app_escaped(a, a->m->processes[p].id);
		j = justification(a, p);
		push(&b, text_printf("    %s: %s", id, j && j[0] ? j : "(no justification)"),
		     (struct ov_line){ OV_PROCESS, (int)p, "" });
		free(id);
		free(j);
	}
	if (b.oom) {
		for (size_t i = 0; i < b.n; i++)
			free(b.v[i]);
		free(b.v);
		free(b.w);
		app_message(a, true, "out of memory");
		b = (struct build){ 0 };
	}
	list_take(&o->l, b.v, b.n);
	free(o->what);
	o->what = b.w;
	snprintf(o->l.title, sizeof o->l.title, " Overview: %zu processes of %.100s",
	         a->m->n_processes, title);
	free(title);
}

static bool selectable(const struct overview *o, size_t i)
{
	return i < o->l.n && o->what && o->what[i].kind != OV_NONE;
}

/* The selection off a heading, in direction dir (then the other way). */
static void skip_headings(const struct app *a, struct overview *o, int dir)
{
	size_t i = o->l.cur;

	while (!selectable(o, i) && i < o->l.n && (dir > 0 ? i + 1 < o->l.n : i > 0))
		i = dir > 0 ? i + 1 : i - 1;
	while (!selectable(o, i) && i > 0)
		i--;
	while (!selectable(o, i) && i + 1 < o->l.n)
		i++;
	o->l.cur = i;
	list_clamp(a, &o->l);
}

static bool overview_open(struct app *a, struct view *v, void *arg)
{
	struct overview *o = calloc(1, sizeof *o);

	(void)arg;
	if (!o) {
		app_message(a, true, "out of memory");
		return false;
	}
	o->l.select = true;
	overview_build(a, o);
	skip_headings(a, o, 1);
	v->state = o;
	a->msg[0] = '\0';
	return true;
}

static void overview_close(struct app *a, struct view *v)
{
	struct overview *o = v->state;

	(void)a;
	list_free(&o->l);
	free(o->what);
	free(o);
	v->state = NULL;
}

static void overview_draw(struct app *a, struct view *v)
{
	struct overview *o = v->state;

	list_clamp(a, &o->l);
	list_draw(a, &o->l, "j/k: move  Enter: list these processes  q/Esc/O: back");
}

/* The store changed, or the width (the bars): the lines anew, the
 * selection on the same line. */
static void overview_refresh(struct app *a, struct view *v)
{
	struct overview *o = v->state;
	size_t cur = o->l.cur, top = o->l.top;

	overview_build(a, o);
	o->l.cur = cur;
	o->l.top = top;
	skip_headings(a, o, 1);
}

/* Enter on process p (a list's line): every view closes, the tree and
 * detail show it. */
static void open_process(struct app *a, size_t p)
{
	while (!view_main_on_top(a))
		view_pop(a);
	tree_goto_process(&a->tree, p);
	a->focus = FOCUS_DETAIL;
	app_load_record(a);
}

static enum view_key_result overview_key(struct app *a, struct view *v, int key, enum request r)
{
	struct overview *o = v->state;

	a->msg[0] = '\0';
	if (key == TK_ESC || r == REQ_QUIT || r == REQ_OVERVIEW)
		return VIEW_KEY_CLOSE;
	if (r == REQ_EXPORT)
		return VIEW_KEY_PASS;   /* w: the store to a file (view_export.c) */
	if (r == REQ_ENTER && selectable(o, o->l.cur)) {
		struct ov_line w = o->what[o->l.cur];

		if (w.kind == OV_PROCESS) {
			open_process(a, (size_t)w.value);
			return VIEW_KEY_DONE;
		}
		view_push(a, &view_plist_ops, o);
		return VIEW_KEY_DONE;
	}
	if (list_move(a, &o->l, r))
		skip_headings(a, o, r == REQ_MOVE_UP || r == REQ_PAGE_UP || r == REQ_FIRST ? -1 : 1);
	return VIEW_KEY_DONE;
}

static const char *overview_title(struct app *a, struct view *v)
{
	(void)a;
	return ((struct overview *)v->state)->l.title;
}

const struct view_ops view_overview_ops = {
	.name = "overview",
	.open_req = REQ_OVERVIEW,
	.open = overview_open,
	.close = overview_close,
	.draw = overview_draw,
	.key = overview_key,
	.refresh = overview_refresh,
	.layout = overview_refresh,
	.title = overview_title,
};

/* ---- the processes of one line ------------------------------------------ */

/* "2026-12-01" of a day number (assess_day). */
static void day_text(long day, char *buf, size_t size)
{
	time_t t = (time_t)day * 86400;
	struct tm tm;

	if (!gmtime_r(&t, &tm) || strftime(buf, size, "%Y-%m-%d", &tm) == 0)
		snprintf(buf, size, "?");
}

/* What a list line says after the id, for the kind of list. */
static char *detail_of(struct app *a, const struct ov_line *w, size_t p)
{
	const struct assess_row *r = &a->arows[p];
	char buf[64] = "";

	if (w->kind == OV_CLASS && (w->value == AC_REVIEW_PASSED || w->value == AC_REVIEW_DUE)) {
		day_text(r->review_day, buf, sizeof buf);
		return text_printf("review %s  ", buf);
	}
	if (w->kind == OV_CLASS && w->value == AC_NOT_APPLICABLE) {
		char *j = justification(a, p), *s;

		s = text_printf("n/a: %s  ", j && j[0] ? j : "(no justification)");
		free(j);
		return s;
	}
	if ((w->kind == OV_CLASS && w->value == AC_BELOW_TARGET) || w->kind == OV_LEVEL) {
		if (r->target >= 0)
			snprintf(buf, sizeof buf, " %s target %d", a->utf8 ? "\u2192" : "->", r->target);
		return text_printf("level %s%s  ", assess_level_text(r->level), buf);
	}
	return strdup("");
}

static void plist_build(struct app *a, struct plist *pl)
{
	long day = today();
	size_t n = count(a, &pl->what, day), k = 0;
	char **v = calloc(n + 1, sizeof *v);
	size_t *proc = calloc(n + 1, sizeof *proc);
	int idw = 0;

	for (size_t p = 0; p < a->m->n_processes; p++)
		if (member(&pl->what, &a->arows[p], day)) {
			char *id = app_escaped(a, a->m->processes[p].id);
			int w = text_width(id, strlen(id));

			if (w > idw)
				idw = w;
			free(id);
		}
	for (size_t p = 0; v && proc && p < a->m->n_processes && k < n; p++) {
		char *id, *name, *d;

		if (!member(&pl->what, &a->arows[p], day))
			continue;
		id = app_escaped(a, a->m->processes[p].id);
		name = app_escaped(a, a->m->processes[p].name);
		d = detail_of(a, &pl->what, p);
		v[k] = text_printf("%s%*s  %s%s", id, idw - text_width(id, strlen(id)), "",
		                   d ? d : "", name);
		proc[k] = p;
		free(id);
		free(name);
		free(d);
		if (v[k])
			k++;
	}
	if (!v || !proc) {
		free(v);
		free(proc);
		v = NULL;
		proc = NULL;
		k = 0;
		app_message(a, true, "out of memory");
	}
	list_take(&pl->l, v, k);
	free(pl->proc);
	pl->proc = proc;
	pl->n_proc = k;
	snprintf(pl->l.title, sizeof pl->l.title, " %s%s: %zu process%s",
	         pl->what.kind == OV_STATUS ? "status " : "", pl->what.label, k, k == 1 ? "" : "es");
	if (k == 0) {
		/* Nothing (any more): a line says so. */
		char **none = calloc(1, sizeof *none);

		if (none && (none[0] = strdup("(none)")) != NULL)
			list_take(&pl->l, none, 1);
		else
			free(none);
	}
}

static bool plist_open(struct app *a, struct view *v, void *arg)
{
	struct overview *o = arg;
	struct plist *pl = calloc(1, sizeof *pl);

	if (!pl) {
		app_message(a, true, "out of memory");
		return false;
	}
	pl->what = o->what[o->l.cur];
	pl->l.select = true;
	plist_build(a, pl);
	v->state = pl;
	return true;
}

static void plist_close(struct app *a, struct view *v)
{
	struct plist *pl = v->state;

	(void)a;
	list_free(&pl->l);
	free(pl->proc);
	free(pl);
	v->state = NULL;
}

static void plist_draw(struct app *a, struct view *v)
{
	struct plist *pl = v->state;

	list_clamp(a, &pl->l);
	list_draw(a, &pl->l, "j/k: move  Enter: open the process  q/Esc: back to the overview");
}

/* The store changed: the list anew, the selection on the same process
 * if it is still in it. */
static void plist_refresh(struct app *a, struct view *v)
{
	struct plist *pl = v->state;
	size_t was = pl->l.cur < pl->n_proc ? pl->proc[pl->l.cur] : (size_t)-1;
	size_t cur = pl->l.cur;

	plist_build(a, pl);
	pl->l.cur = cur < pl->l.n ? cur : pl->l.n ? pl->l.n - 1 : 0;
	for (size_t i = 0; i < pl->n_proc; i++)
		if (pl->proc[i] == was)
			pl->l.cur = i;
	list_clamp(a, &pl->l);
}

static enum view_key_result plist_key(struct app *a, struct view *v, int key, enum request r)
{
	struct plist *pl = v->state;

	a->msg[0] = '\0';
	if (key == TK_ESC || r == REQ_QUIT)
		return VIEW_KEY_CLOSE;
	if (r == REQ_EXPORT)
		return VIEW_KEY_PASS;   /* w: the store to a file (view_export.c) */
	if (r == REQ_ENTER) {
		if (pl->l.cur < pl->n_proc)
			open_process(a, pl->proc[pl->l.cur]);
		return VIEW_KEY_DONE;
	}
	list_move(a, &pl->l, r);
	return VIEW_KEY_DONE;
}

static const char *plist_title(struct app *a, struct view *v)
{
	(void)a;
	return ((struct plist *)v->state)->l.title;
}

const struct view_ops view_plist_ops = {
	.name = "processes",
	.open_req = REQ_NONE,
	.open = plist_open,
	.close = plist_close,
	.draw = plist_draw,
	.key = plist_key,
	.refresh = plist_refresh,
	.title = plist_title,
};
