/* view_profile.c - the profile view (P): the processes of the model
 * against the nine process attributes, with level, target and gap (all
 * from assess.h), totals under it, and one-key rating of the cell under
 * the cursor (ratekeys.h: n p l f, - +, x). Each key is one change saved
 * through edit.c against the revision shown, so it is one undoable
 * history entry and a conflict with another user's change asks first.
 *
 * As of a baseline (b): the profile as it was at a baseline of the store,
 * read-only, with the change of each level since beside it (up or down
 * and the level now). b again: back to now.
 *
 * Layout, top to bottom: a title line (with the row's position), the
 * column header, a row per process, the totals, a status line naming the
 * cell, and the hints or the message. The cell under the cursor is
 * bracketed ([L+]) so that it shows without colour or reverse video; an
 * unrated cell is a dot. Too narrow for every column: the names go
 * (shortened first), then the columns scroll sideways with the cursor,
 * the id staying. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess.h"
#include "model.h"
#include "record.h"
#include "store.h"
#include "text.h"
#include "tui/app_int.h"
#include "tui/detail.h"
#include "tui/draw.h"
#include "tui/edit.h"
#include "tui/keys.h"
#include "tui/listview.h"
#include "tui/ratekeys.h"
#include "tui/screen.h"
#include "tui/tree.h"
#include "tui/view.h"

/* Columns after the name: the nine PAs, level, target, gap, and as of a
 * baseline the level now with its change. */
enum { COL_LVL = ASSESS_N_PA, COL_TGT, COL_GAP, COL_NOW, N_COLS };
#define BAR_W ASSESS_MAX_LEVEL

struct profile {
	struct assess_profile now;
	uint64_t *rev;              /* [process * ASSESS_N_PA + pa]: revision shown now */
	struct assess_profile then; /* as of a baseline (as_of) */
	bool as_of;
	char as_of_name[STORE_MAX_BASELINE + 1];
	uint64_t as_of_seq;
	int64_t as_of_time;
	/* b with several baselines: which one (newest first on screen) */
	bool choosing;
	struct store_baseline *bl;
	size_t n_bl, bl_cur;
	size_t row, col;            /* the cell: process, PA (0-8) */
	size_t top;                 /* first row shown */
	size_t first;               /* first column shown when they scroll */
	int name_max;               /* widest name, escaped (indented by depth) */
	int short_max;              /* widest short name (else name), the same */
	int id_max;                 /* widest id, escaped */
	char title[200];
};

/* ---- reading ------------------------------------------------------------- */

struct reader {
	struct app *a;
	struct profile *pf;
	uint64_t seq;               /* STORE_NOW: now, with the revisions */
};

/* assess_get_fn: the record now (noting the PA fields' revisions, the
 * base of a rating) or as of a seq; no store yet: empty. */
static enum store_rc read_record(void *arg, const char *process, struct record *out)
{
	struct reader *r = arg;
	enum store_rc rc;
	size_t p;

	memset(out, 0, sizeof *out);
	if (!r->a->st)
		return STORE_OK;
	rc = r->seq == STORE_NOW ? store_get(r->a->st, process, out)
	                         : store_get_at(r->a->st, process, r->seq, out);
	if (rc != STORE_OK || r->seq != STORE_NOW)
		return rc;
	p = prm_model_index(r->a->m, process);
	for (size_t k = 0; p != (size_t)-1 && k < ASSESS_N_PA; k++) {
		const struct field_value *fv = record_get(out, assess_pa_field(k));

		r->pf->rev[p * ASSESS_N_PA + k] = fv ? fv->rev : 0;
	}
	return rc;
}

/* Read the profile now, or (seq not STORE_NOW) as of seq into then. */
static bool read_profile(struct app *a, struct profile *pf, uint64_t seq)
{
	struct reader r = { a, pf, seq };
	struct assess_profile *out = seq == STORE_NOW ? &pf->now : &pf->then;
	struct assess_profile fresh;
	size_t failed = (size_t)-1;
	enum store_rc rc = assess_profile_read(a->m, read_record, &r, &fresh, &failed);

	if (!app_store_ok(a, rc)) {
		if (rc != STORE_OK)
			app_message(a, true, "cannot read the record of %s: %s",
			            failed < a->m->n_processes ? a->m->processes[failed].id : "?",
			            store_strerror(rc));
		return false;
	}
	assess_profile_free(out);
	*out = fresh;
	return true;
}

/* ---- open, close ---------------------------------------------------------- */

static int escaped_width(const struct app *a, const char *s)
{
	char *e = app_escaped(a, s);
	int w = e ? text_width(e, strlen(e)) : 0;

	free(e);
	return w;
}

static void profile_free(struct profile *pf)
{
	assess_profile_free(&pf->now);
	assess_profile_free(&pf->then);
	store_baselines_free(pf->bl, pf->n_bl);
	free(pf->rev);
	free(pf);
}

static bool profile_open(struct app *a, struct view *v, void *arg)
{
	struct profile *pf = calloc(1, sizeof *pf);
	size_t p = tree_process(&a->tree);

	(void)arg;
	if (!a->m->n_processes) {
		free(pf);
		app_message(a, true, "model %s has no processes: no profile", a->m->id);
		return false;
	}
	if (pf)
		pf->rev = calloc(a->m->n_processes * ASSESS_N_PA, sizeof *pf->rev);
	if (!pf || !pf->rev) {
		if (pf)
			free(pf->rev);
		free(pf);
		app_message(a, true, "out of memory");
		return false;
	}
	if (!read_profile(a, pf, STORE_NOW)) {
		profile_free(pf);
		return false;
	}
	/* At the process looked at, if any. */
	pf->row = p != (size_t)-1 ? p : 0;
	for (size_t i = 0; i < a->m->n_processes; i++) {
		const struct prm_process *pr = &a->m->processes[i];
		int w = 2 * pr->depth + escaped_width(a, pr->name);
		int sw = pr->short_name ? 2 * pr->depth + escaped_width(a, pr->short_name) : w;

		if (w > pf->name_max)
			pf->name_max = w;
		if (sw > pf->short_max)
			pf->short_max = sw;
		w = escaped_width(a, pr->id);
		if (w > pf->id_max)
			pf->id_max = w;
	}
	v->state = pf;
	a->msg[0] = '\0';
	return true;
}

static void profile_close(struct app *a, struct view *v)
{
	(void)a;
	profile_free(v->state);
	v->state = NULL;
}

/* Read process p's row now again (and its revisions), the totals kept
 * right: what read_profile() would give for it. */
static bool read_row(struct app *a, struct profile *pf, size_t p)
{
	struct reader r = { a, pf, STORE_NOW };
	struct assess_row *row = &pf->now.rows[p];
	struct record rec;
	enum store_rc rc = read_record(&r, a->m->processes[p].id, &rec);

	if (!app_store_ok(a, rc)) {
		app_message(a, true, "cannot read the record of %s: %s", a->m->processes[p].id,
		            store_strerror(rc));
		return false;
	}
	assess_totals_count(&pf->now.totals, row, -1);
	assess_row(a->m, p, &rec, row);
	assess_totals_count(&pf->now.totals, row, 1);
	record_free(&rec);
	return true;
}

/* The store changed (a rating here, an undo, another user): read the
 * rows of the processes changed since (a->changed), or all of them when
 * that is not known; a baseline's past does not change. A key's rating
 * so reads one record, not one per process. */
static void profile_refresh(struct app *a, struct view *v)
{
	struct profile *pf = v->state;

	if (a->changed_all) {
		read_profile(a, pf, STORE_NOW);
		return;
	}
	for (size_t i = 0; i < a->n_changed; i++)
		if (a->changed[i] < pf->now.n && !read_row(a, pf, a->changed[i]))
			return;
}

static const char *profile_title(struct app *a, struct view *v)
{
	struct profile *pf = v->state;
	char *id = app_escaped(a, a->m->id);

	if (pf->as_of) {
		char when[32];
		char *name = app_escaped(a, pf->as_of_name);

		detail_format_time(pf->as_of_time, when, sizeof when);
		snprintf(pf->title, sizeof pf->title, " Profile of %s as of %s (#%llu, %s), read-only",
		         id ? id : "?", name ? name : "?", (unsigned long long)pf->as_of_seq, when);
		free(name);
	} else {
		snprintf(pf->title, sizeof pf->title, " Profile of %s: %zu processes", id ? id : "?",
		         a->m->n_processes);
	}
	free(id);
	return pf->title;
}

/* ---- layout --------------------------------------------------------------- */

struct layout {
	int id_w, name_w;
	int n_cols;                 /* N_COLS as of a baseline, else COL_NOW */
	size_t first, shown;        /* columns shown: first .. first + shown - 1 */
	bool bar;
	int body, totals;           /* rows of processes, of totals */
	int bottom;                 /* rows of the message or hints */
};

static int col_width(int c)
{
	(void)c;
	return 3;
}

/* Columns from first on, each after a separator, and the closing one. */
static int cols_width(size_t first, size_t n)
{
	int w = 1;

	for (size_t c = first; c < first + n; c++)
		w += 1 + col_width((int)c);
	return w;
}

static const char *hints(const struct app *a, const struct profile *pf)
{
	if (pf->choosing)
		return "j/k: choose  Enter: show the profile as of it  Esc: back";
	if (pf->as_of)
		return "?:help q:back b:back to now Tab/h:column Enter:open (read-only as of a baseline)";
	if (app_is_read_only(a))
		return "?:help q:back Tab/h:column b:as-of Enter:open (read-only)";
	return "?:help q:back n/p/l/f:rate -/+:refine x:clear Tab/h:column b:as-of Enter:open";
}

/* "levels 0:1 1:2 ...", "not assessed: 3", ... as lines of at most width
 * columns (n: how many; lines NULL: only count). */
static int totals_lines(const struct assess_totals *t, int width, char lines[][160], int max)
{
	char items[4][64];
	int ni = 0, n = 0, used = 0;
	size_t len = 0;

	len = (size_t)snprintf(items[ni], sizeof items[ni], "levels");
	for (int k = 0; k <= ASSESS_MAX_LEVEL; k++)
		len += (size_t)snprintf(items[ni] + len, sizeof items[ni] - len, " %d:%zu", k,
		                        t->at_level[k]);
	ni++;
	snprintf(items[ni++], sizeof items[0], "not assessed: %zu", t->not_assessed);
	snprintf(items[ni++], sizeof items[0], "below target: %zu", t->below_target);
	if (t->not_applicable)
		snprintf(items[ni++], sizeof items[0], "n/a: %zu", t->not_applicable);
	for (int i = 0; i < ni; i++) {
		int w = (int)strlen(items[i]);

		if (used && used + 3 + w > width) {
			n++;
			used = 0;
		}
		if (n >= max)
			return max;
		if (!used && lines)
			lines[n][0] = '\0';
		if (lines)
			snprintf(lines[n] + strlen(lines[n]), 160 - strlen(lines[n]), "%s%s",
			         used ? "   " : "", items[i]);
		used += (used ? 3 : 0) + w;
	}
	return used ? n + 1 : n;
}

static void lay_out(struct app *a, struct profile *pf, struct layout *l)
{
	const struct assess_profile *shown = pf->as_of ? &pf->then : &pf->now;
	int fixed, avail, rest;
	size_t n = a->m->n_processes;

	memset(l, 0, sizeof *l);
	l->n_cols = pf->as_of ? N_COLS : COL_NOW;
	l->id_w = pf->id_max > 2 ? pf->id_max : 2;
	if (l->id_w > a->cols / 3)
		l->id_w = a->cols / 3 > 2 ? a->cols / 3 : 2;
	fixed = l->id_w + cols_width(0, (size_t)l->n_cols);
	avail = a->cols - fixed;        /* for " name" and " bar" */
	l->first = 0;
	l->shown = (size_t)l->n_cols;
	if (avail >= 2 + 6) {
		/* " name " and " bar": the bar only where short names still fit
		 * beside it (the names say more) */
		int want = pf->short_max < 24 ? pf->short_max : 24;

		l->bar = avail - (1 + BAR_W) >= 2 + want;
		l->name_w = avail - 2 - (l->bar ? 1 + BAR_W : 0);
		if (l->name_w > pf->name_max)
			l->name_w = pf->name_max;
	} else if (avail < 0) {
		/* Not every column fits: they scroll sideways with the cursor. */
		l->shown = 1;
		while (l->shown < (size_t)l->n_cols &&
		       l->id_w + cols_width(0, l->shown + 1) <= a->cols)
			l->shown++;
		if (pf->first > pf->col)
			pf->first = pf->col;
		if (pf->col >= pf->first + l->shown)
			pf->first = pf->col + 1 - l->shown;
		if (pf->first + l->shown > (size_t)l->n_cols)
			pf->first = (size_t)l->n_cols - l->shown;
		l->first = pf->first;
	}
	/* Rows: title, header, processes, totals, status, bottom. */
	l->bottom = a->msg[0] ? draw_message(a, a->msg, SA_NORMAL, false) : 1;
	rest = a->rows - 2 - 1 - l->bottom;
	l->totals = totals_lines(&shown->totals, a->cols, NULL, 3);
	if (rest - l->totals < (n < 4 ? (int)n : 4))
		l->totals = 0;          /* a low terminal: the rows first */
	l->body = rest - l->totals;
	if (l->body < 1)
		l->body = 1;
	/* The cursor's row in view. */
	if (pf->row < pf->top)
		pf->top = pf->row;
	if (pf->row >= pf->top + (size_t)l->body)
		pf->top = pf->row + 1 - (size_t)l->body;
	if (pf->top + (size_t)l->body > n)
		pf->top = n > (size_t)l->body ? n - (size_t)l->body : 0;
}

/* ---- drawing -------------------------------------------------------------- */

static int name_width(const char *text, void *arg)
{
	return escaped_width(arg, text);
}

/* The level now beside the level then, right-aligned in 3 columns: "^2"
 * up, "v-" down (arrows in UTF-8), "~1" from not applicable, "n/a" to
 * it; "" the same. */
static void change_text(const struct app *a, int then, int now, char *buf, size_t size)
{
	const char *mark;
	const char *lv = assess_level_text(now);

	buf[0] = '\0';
	if (then == now)
		return;
	if (now == ASSESS_NA) {
		snprintf(buf, size, "%s", lv);
		return;
	}
	if (then == ASSESS_NA)
		mark = "~";
	else    /* not assessed (-1) is below level 0 */
		mark = now > then ? (a->utf8 ? "\u2191" : "^") : (a->utf8 ? "\u2193" : "v");
	snprintf(buf, size, "%*s%s%s", 2 - (int)strlen(lv), "", mark, lv);
}

/* The text of column c of process p's row (as of a baseline: then's). */
static void cell_text(const struct app *a, const struct profile *pf, size_t p, int c,
                      char *buf, size_t size)
{
	const struct assess_row *r = pf->as_of ? &pf->then.rows[p] : &pf->now.rows[p];

	buf[0] = '\0';
	if (c < ASSESS_N_PA)
		snprintf(buf, size, "%s", r->pa[c] ? assess_rating_text(r->pa[c]) :
		         a->utf8 ? "\u00b7" : ".");
	else if (c == COL_LVL)
		snprintf(buf, size, "%3s", assess_level_text(r->level));
	else if (c == COL_TGT && r->target >= 0)
		snprintf(buf, size, "%3d", r->target);
	else if (c == COL_GAP && r->has_gap)
		snprintf(buf, size, "%3d", r->gap);
	else if (c == COL_NOW)
		change_text(a, r->level, pf->now.rows[p].level, buf, size);
}

static const char *const header_text[N_COLS] = {
	[COL_LVL] = "lvl", [COL_TGT] = "tgt", [COL_GAP] = "gap", [COL_NOW] = "now",
};

/* One line: the id, the name, the columns (with brackets round the
 * cursor's cell, sel_col; -1 none) and the bar. */
static void draw_line(struct app *a, const struct layout *l, int y, const char *id,
                      const char *name, char cols[][16], long sel_col, const char *bar,
                      enum scr_attr at)
{
	int x = 0;

	/* screen_put() returns the text's width: the fill is counted here */
	screen_put(y, x, l->id_w, id, at, true);
	x += l->id_w;
	if (l->name_w) {
		screen_put(y, x, 1, "", at, true);
		screen_put_cut(y, x + 1, l->name_w, name, at, a->utf8 ? "\u2026" : "~");
		screen_put(y, x + 1 + l->name_w, 1, "", at, true);
		x += 2 + l->name_w;
	}
	for (size_t c = l->first; c <= l->first + l->shown; c++) {
		/* the separator before column c: the cursor's brackets, or a
		 * column cut off on the left or right */
		const char *sep = sel_col >= 0 && (long)c == sel_col ? "[" :
		                  sel_col >= 0 && (long)c == sel_col + 1 ? "]" :
		                  c == l->first && c > 0 ? "<" :
		                  c == l->first + l->shown && c < (size_t)l->n_cols ? ">" : " ";

		screen_put(y, x, 1, sep, at, true);
		x += 1;
		if (c == l->first + l->shown)
			break;
		screen_put(y, x, col_width((int)c), cols[c], at, true);
		x += col_width((int)c);
	}
	if (bar && l->bar) {
		screen_put(y, x, 1, "", at, true);
		screen_put(y, x + 1, BAR_W, bar, at, true);
		x += 1 + BAR_W;
	}
	if (x < a->cols)
		screen_put(y, x, a->cols - x, "", at, true);
}

/* Level reached, what the target still wants, the rest: a glyph each,
 * so that it reads without colour (as prmwb profile's bar). */
static void bar_text(const struct app *a, const struct assess_row *r, char *buf, size_t size)
{
	size_t n = 0;

	buf[0] = '\0';
	if (r->level < 0)
		return;
	for (int k = 1; k <= BAR_W; k++)
		n += (size_t)snprintf(buf + n, size - n, "%s",
		                      k <= r->level ? (a->utf8 ? "\u2588" : "#") :
		                      k <= r->target ? (a->utf8 ? "\u2591" : "-") :
		                      (a->utf8 ? "\u00b7" : "."));
}

static void draw_chooser(struct app *a, struct profile *pf, const struct layout *l)
{
	char line[400], when[32];

	screen_put(1, 0, a->cols, "As of which baseline? (newest first)", SA_HEADING, true);
	for (int y = 0; y < l->body + l->totals && (size_t)y < pf->n_bl; y++) {
		/* newest first: the list's last is on top */
		size_t i = pf->n_bl - 1 - (size_t)y;
		const struct store_baseline *b = &pf->bl[i];
		char *raw, *e;

		detail_format_time(b->time, when, sizeof when);
		raw = text_printf("%s  #%llu  %s  %s%s%s", b->name, (unsigned long long)b->seq, when,
		                  b->user ? b->user : "", b->note && b->note[0] ? "  " : "",
		                  b->note ? b->note : "");
		e = app_escaped(a, raw ? raw : "");
		snprintf(line, sizeof line, "%s %s", i == pf->bl_cur ? ">" : " ", e ? e : "");
		screen_put(2 + y, 0, a->cols, line, i == pf->bl_cur ? SA_SELECTED : SA_NORMAL, true);
		free(raw);
		free(e);
	}
}

/* The status line: the process and the cell under the cursor. */
static void draw_status(struct app *a, struct profile *pf, int y)
{
	const struct assess_profile *shown = pf->as_of ? &pf->then : &pf->now;
	const struct assess_row *r = &shown->rows[pf->row];
	const struct prm_process *pr = &a->m->processes[pf->row];
	const struct field_def *fd = record_field(assess_pa_field(pf->col), NULL);
	const char *v = assess_rating_text(r->pa[pf->col]);
	char tgt[16] = "-", what[96], *raw, *e;

	if (r->target >= 0)
		snprintf(tgt, sizeof tgt, "%d", r->target);
	/* "PA 2.1 performance management", without "(capability level 2)" */
	snprintf(what, sizeof what, "%s", fd ? fd->help : assess_pa_field(pf->col));
	what[strcspn(what, "(")] = '\0';
	if (strlen(what) && what[strlen(what) - 1] == ' ')
		what[strlen(what) - 1] = '\0';
	raw = text_printf(" %s %s | level %s, target %s | %s: %s", pr->id,
	                  pr->short_name ? pr->short_name : pr->name, assess_level_text(r->level),
	                  tgt, what, v[0] ? v : "not rated");
	e = app_escaped(a, raw ? raw : "");

	screen_put_cut(y, 0, a->cols, e ? e : "", SA_STATUS, a->utf8 ? "\u2026" : "~");
	free(raw);
	free(e);
}

static void profile_draw(struct app *a, struct view *v)
{
	struct profile *pf = v->state;
	const struct assess_profile *shown = pf->as_of ? &pf->then : &pf->now;
	struct layout l;
	char cols[N_COLS][16], pos[48], tot[3][160];
	int y;

	lay_out(a, pf, &l);
	snprintf(pos, sizeof pos, "%zu/%zu", pf->row + 1, a->m->n_processes);
	list_draw_title(a, profile_title(a, v), pos);
	if (pf->choosing) {
		draw_chooser(a, pf, &l);
	} else {
		for (int c = 0; c < N_COLS; c++)
			snprintf(cols[c], sizeof cols[c], "%s", c < ASSESS_N_PA ?
			         assess_pa_field((size_t)c) + 3 : header_text[c]);
		draw_line(a, &l, 1, "id", "process", cols, -1, NULL, SA_HEADING);
		for (y = 0; y < l.body; y++) {
			size_t p = pf->top + (size_t)y;
			const struct prm_process *pr;
			char bar[32], *id, *name, *ind;
			int room;

			if (p >= a->m->n_processes)
				break;
			pr = &a->m->processes[p];
			for (int c = 0; c < N_COLS; c++)
				cell_text(a, pf, p, c, cols[c], sizeof cols[c]);
			bar_text(a, &shown->rows[p], bar, sizeof bar);
			room = l.name_w - 2 * pr->depth;
			id = app_escaped(a, pr->id);
			name = app_escaped(a, tree_process_name(pr, room, name_width, a));
			ind = text_printf("%*s%s", 2 * pr->depth, "", name ? name : "");
			draw_line(a, &l, 2 + y, id ? id : "", ind ? ind : "", cols,
			          p == pf->row ? (long)pf->col : -1, bar, SA_NORMAL);
			free(id);
			free(name);
			free(ind);
		}
		totals_lines(&shown->totals, a->cols, tot, l.totals);
		for (y = 0; y < l.totals; y++)
			screen_put(2 + l.body + y, 0, a->cols, tot[y], SA_HINT, true);
	}
	y = a->rows - 1 - l.bottom;
	draw_status(a, pf, y);
	if (a->msg[0])
		draw_message(a, a->msg, a->msg_err ? SA_ERROR : SA_NORMAL, true);
	else
		screen_put(a->rows - 1, 0, a->cols, hints(a, pf), SA_HINT, true);
}

/* ---- keys ----------------------------------------------------------------- */

/* The profile as of baseline i of pf->bl. */
static void show_as_of(struct app *a, struct profile *pf, size_t i)
{
	const struct store_baseline *b = &pf->bl[i];

	pf->choosing = false;
	if (!read_profile(a, pf, b->seq))
		return;
	pf->as_of = true;
	pf->as_of_seq = b->seq;
	pf->as_of_time = b->time;
	snprintf(pf->as_of_name, sizeof pf->as_of_name, "%s", b->name);
	app_message(a, false, "as of baseline %s: read-only; beside each level its change since "
	            "(now)", b->name);
}

/* b: as of a baseline (one: at once; several: which?), or back to now. */
static void as_of_key(struct app *a, struct profile *pf)
{
	if (pf->as_of) {
		pf->as_of = false;
		assess_profile_free(&pf->then);
		app_message(a, false, "the profile now");
		return;
	}
	store_baselines_free(pf->bl, pf->n_bl);
	pf->bl = NULL;
	pf->n_bl = 0;
	if (a->st && !app_store_ok(a, store_baselines(a->st, &pf->bl, &pf->n_bl)))
		return;
	if (pf->n_bl == 0) {
		app_message(a, false, "no baseline yet: 'prmwb baseline create NAME' names the "
		            "point to compare with");
		return;
	}
	if (pf->n_bl == 1) {
		show_as_of(a, pf, 0);
		return;
	}
	pf->choosing = true;
	pf->bl_cur = pf->n_bl - 1;
}

static void chooser_key(struct app *a, struct profile *pf, int key, enum request r)
{
	if (key == TK_ESC || r == REQ_QUIT) {
		pf->choosing = false;
		return;
	}
	if (r == REQ_MOVE_DOWN && pf->bl_cur > 0)       /* down: older */
		pf->bl_cur--;
	else if (r == REQ_MOVE_UP && pf->bl_cur + 1 < pf->n_bl)
		pf->bl_cur++;
	else if (r == REQ_ENTER)
		show_as_of(a, pf, pf->bl_cur);
}

/* A rating key on the cell under the cursor: one saved change. */
static void rate(struct app *a, struct profile *pf, const struct rate_key *k)
{
	const char *field = assess_pa_field(pf->col), *why;
	const struct prm_process *pr = &a->m->processes[pf->row];
	enum assess_rating cur = pf->now.rows[pf->row].pa[pf->col], next;
	size_t n;

	if (pf->as_of) {
		app_message(a, true, "as of baseline %s the profile is read-only: b goes back to now",
		            pf->as_of_name);
		return;
	}
	if (app_read_only_refused(a))
		return;
	if (!rate_apply(k, cur, &next, &why)) {
		app_message(a, true, "%s of %s is %s: %s", field, pr->id,
		            cur ? assess_rating_text(cur) : "not rated", why);
		return;
	}
	if (next == cur) {
		app_message(a, false, "%s of %s is %s already: nothing to save", field, pr->id,
		            cur ? assess_rating_text(cur) : "not rated");
		return;
	}
	if (!edit_rate(a, pf->row, field, assess_rating_text(next),
	               pf->rev[pf->row * ASSESS_N_PA + pf->col]))
		return;
	/* The message says what the level is now (the view was refreshed). */
	n = strlen(a->msg);
	if (n < sizeof a->msg)
		snprintf(a->msg + n, sizeof a->msg - n, " - level of %s: %s", pr->id,
		         assess_level_text(pf->now.rows[pf->row].level));
}

/* After an undo or redo: the cursor to the cell it changed (the tree's
 * process and the detail's field, where edit.c left them). */
static void follow_undo(struct app *a, struct profile *pf)
{
	size_t p = tree_process(&a->tree);
	const struct dline *l = detail_current(&a->detail);

	if (p == (size_t)-1 || a->msg_err)      /* nothing undone: stay */
		return;
	pf->row = p;
	for (size_t k = 0; l && k < ASSESS_N_PA; k++)
		if (strcmp(l->field, assess_pa_field(k)) == 0)
			pf->col = k;
}

/* Enter: the process in the main view, its detail at the PA. */
static void open_process(struct app *a, struct profile *pf)
{
	tree_goto_process(&a->tree, pf->row);
	a->focus = FOCUS_DETAIL;
	app_load_record(a);
	detail_select_field(&a->detail, assess_pa_field(pf->col));
	snprintf(a->pref_field, sizeof a->pref_field, "%s", assess_pa_field(pf->col));
}

static enum view_key_result profile_key(struct app *a, struct view *v, int key, enum request r)
{
	struct profile *pf = v->state;
	size_t n = a->m->n_processes;
	const struct rate_key *rk;
	struct layout l;

	if (pf->choosing) {
		chooser_key(a, pf, key, r);
		return VIEW_KEY_DONE;
	}
	a->msg[0] = '\0';
	rk = rate_key_of(key);
	if (rk) {
		rate(a, pf, rk);
		return VIEW_KEY_DONE;
	}
	switch (rate_profile_request(key)) {
	case PROF_LEFT:
		if (pf->col > 0)
			pf->col--;
		return VIEW_KEY_DONE;
	case PROF_RIGHT:
		if (pf->col + 1 < ASSESS_N_PA)
			pf->col++;
		return VIEW_KEY_DONE;
	case PROF_AS_OF:
		as_of_key(a, pf);
		return VIEW_KEY_DONE;
	case PROF_OPEN:
		open_process(a, pf);
		return VIEW_KEY_CLOSE;
	case PROF_NONE:
		break;
	}
	lay_out(a, pf, &l);
	switch (r) {
	case REQ_MOVE_DOWN: if (pf->row + 1 < n) pf->row++; break;
	case REQ_MOVE_UP: if (pf->row > 0) pf->row--; break;
	case REQ_PAGE_DOWN:
		pf->row = pf->row + (size_t)l.body < n ? pf->row + (size_t)l.body : n - 1;
		break;
	case REQ_PAGE_UP:
		pf->row = pf->row > (size_t)l.body ? pf->row - (size_t)l.body : 0;
		break;
	case REQ_FIRST: pf->row = 0; break;
	case REQ_LAST: pf->row = n - 1; break;
	case REQ_UNDO:
	case REQ_REDO:
		if (pf->as_of) {
			app_message(a, true, "as of baseline %s the profile is read-only: b goes back "
			            "to now", pf->as_of_name);
			break;
		}
		edit_undo_redo(a, r == REQ_REDO);
		follow_undo(a, pf);
		break;
	case REQ_HELP:
		view_push(a, &view_help_ops, NULL);
		break;
	case REQ_QUIT:
	case REQ_PROFILE:
		return VIEW_KEY_CLOSE;
	case REQ_EXPORT:
		return VIEW_KEY_PASS;   /* w: the profile to a file (view_export.c) */
	default:
		if (key == TK_ESC)
			return VIEW_KEY_CLOSE;
		{
			char name[32];

			app_message(a, false, "unknown key %s in the profile: press ? for help",
			            keys_name(key, name, sizeof name));
		}
		break;
	}
	return VIEW_KEY_DONE;
}

const struct view_ops view_profile_ops = {
	.name = "profile",
	.open_req = REQ_PROFILE,
	.open = profile_open,
	.close = profile_close,
	.draw = profile_draw,
	.key = profile_key,
	.refresh = profile_refresh,
	.title = profile_title,
};
