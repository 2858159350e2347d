/* view_main.c - the main view: the process tree on the left, the process
 * looked at and its record on the right (one pane at a time below 60
 * columns), the status and hint lines, and its prompts on the bottom row:
 * the line editor of e (edit.c), / search and : go to. Its state is the
 * app's (struct app: tree, detail, focus, mode), which edit.c and
 * unsaved.c act on too. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "record.h"
#include "search.h"
#include "store.h"
#include "text.h"
#include "tui/app_int.h"
#include "tui/detail.h"
#include "tui/draw.h"
#include "tui/edit.h"
#include "tui/filter.h"
#include "tui/find.h"
#include "tui/keys.h"
#include "tui/legend.h"
#include "tui/lineedit.h"
#include "tui/marks.h"
#include "tui/screen.h"
#include "tui/tree.h"
#include "tui/view.h"

#define DETAIL_MIN 52   /* detail columns kept before the tree grows past 40% */
#define ORPHANS_LABEL "Orphan records"

/* ---- search --------------------------------------------------------------- */

/* The search item under the tree's cursor (search.h: processes, then
 * orphan records), or (size_t)-1. */
static size_t current_item(const struct app *a)
{
	size_t p = tree_process(&a->tree), o = tree_orphan(&a->tree);

	if (p != (size_t)-1)
		return p;
	return o != (size_t)-1 ? a->m->n_processes + o : (size_t)-1;
}

static void search_to(struct app *a, size_t item)
{
	size_t np = a->m->n_processes;

	if (item == (size_t)-1 || item == current_item(a))
		return;
	if (item < np)
		tree_goto_process(&a->tree, item);
	else
		tree_goto_orphan(&a->tree, item - np);
	app_load_record(a);
}

/* "match 2 of 6" for the item under the cursor, "searching 2048 of
 * 20000" while the search goes on, or "" if it is none. */
static void match_text(struct app *a, char *buf, size_t size)
{
	size_t k;

	buf[0] = '\0';
	if (!find_done(&a->find)) {
		snprintf(buf, size, "searching %zu of %zu", a->find.pos, a->find.n_cand);
		return;
	}
	k = find_rank(&a->find, current_item(a));
	if (k)
		snprintf(buf, size, "match %zu of %zu", k, a->find.n);
}

/* The search typed is done: to its best match. */
static void search_found(struct app *a)
{
	size_t item = find_best(&a->find);

	if (item == (size_t)-1 && a->le.buf && a->le.buf[0])
		app_message(a, true, "no match");
	search_to(a, item);
}

static bool main_busy(struct app *a, struct view *v)
{
	(void)v;
	return a->mode == MODE_SEARCH && !find_done(&a->find);
}

/* Between keys: the next slice of the search typed. */
static void main_work(struct app *a, struct view *v)
{
	(void)v;
	if (main_busy(a, v) && find_more(&a->find, a->six, FIND_SLICE))
		search_found(a);
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
		/* Enter before the search was done: as if one had waited. */
		if (!find_done(&a->find)) {
			while (!find_more(&a->find, a->six, FIND_SLICE))
				;
			search_found(a);
		}
		free(a->last_search);
		a->last_search = strdup(a->le.buf);
		le_free(&a->le);
		a->mode = MODE_MAIN;
		if (a->last_search && a->last_search[0] &&
		    (!find_run(&a->find, a->six, a->last_search) || !find_has(&a->find, current_item(a))))
			app_message(a, true, "no match for '%s'", a->last_search);
		return;
	}
	if (r == LE_CHANGED) {
		/* Every key searches anew, among the last key's matches when
		 * the query only narrows, and one slice at most now (find.h). */
		a->msg[0] = '\0';
		if (!find_start(&a->find, a->six, a->le.buf))
			app_message(a, true, "out of memory");
		else if (find_more(&a->find, a->six, FIND_SLICE))
			search_found(a);
	}
}

static void find_again(struct app *a, int dir)
{
	bool wrapped;
	size_t item;
	char m[64];

	if (!a->last_search || !a->last_search[0]) {
		app_message(a, true, "no search yet: press /");
		return;
	}
	/* Searched again: records may have changed since (find_run looks at
	 * the model again then, else only at the matches). */
	item = find_run(&a->find, a->six, a->last_search) ?
	       find_step(&a->find, current_item(a), dir, &wrapped) : (size_t)-1;
	if (item == (size_t)-1) {
		app_message(a, true, "no match for '%s'", a->last_search);
		return;
	}
	search_to(a, item);
	match_text(a, m, sizeof m);
	app_message(a, false, "%s%s", wrapped ? "search wrapped: " : "", m);
}

/* ---- dispatch ------------------------------------------------------------ */

static void move_tree(struct app *a, void (*fn)(struct tree *, long), long d)
{
	fn(&a->tree, d);
	app_load_record(a);
}

/* Following a relation remembers where from (the oldest is dropped when
 * the history is full). */
static void jump_push(struct app *a)
{
	size_t max = sizeof a->jumps / sizeof a->jumps[0];

	if (a->n_jumps == max) {
		memmove(a->jumps, a->jumps + 1, (max - 1) * sizeof a->jumps[0]);
		a->n_jumps--;
	}
	a->jumps[a->n_jumps++] = (struct jump){ app_current_proc(a), a->focus, a->detail.cursor,
	                                       a->detail.top };
}

/* <: back to the process, pane and line a relation was followed from. */
static void jump_back(struct app *a)
{
	struct jump j;

	if (!a->n_jumps) {
		app_message(a, false, "no relation followed yet: nothing to go back to");
		return;
	}
	j = a->jumps[--a->n_jumps];
	if (!tree_goto_process(&a->tree, j.proc))
		return;
	a->focus = j.focus;
	app_load_record(a);
	if (j.line < a->detail.n && a->detail.lines[j.line].kind == DL_RELATION) {
		a->detail.cursor = j.line;
		a->detail.top = j.top;
		detail_fit_view(&a->detail, a->detail.height);
	}
}

/* ---- go to a process by its id ------------------------------------------ */

/* : or a digit: the prompt, holding what was typed so far. */
static void goto_start(struct app *a, const char *typed)
{
	if (!le_init(&a->le, typed))
		return;
	a->mode = MODE_GOTO;
}

/* The process (or orphan record) with id typed: the cursor goes there,
 * and < comes back; else the message says so and offers near ids. */
static void goto_id(struct app *a, const char *typed)
{
	size_t len = strlen(typed), p, near[3], n;
	char *id;

	while (len && typed[len - 1] == ' ')
		len--;
	while (len && typed[0] == ' ') {
		typed++;
		len--;
	}
	if (!len)
		return;
	id = strndup(typed, len);
	if (!id)
		return;
	p = prm_model_index(a->m, id);
	if (p != (size_t)-1) {
		jump_push(a);
		tree_goto_process(&a->tree, p);
		app_load_record(a);
		free(id);
		return;
	}
	for (size_t o = 0; o < a->n_orphans; o++)
		if (strcmp(a->orphans[o], id) == 0) {
			jump_push(a);
			tree_goto_orphan(&a->tree, o);
			app_load_record(a);
			free(id);
			return;
		}
	n = prm_model_suggest(a->m, id, near, sizeof near / sizeof near[0]);
	if (n == 0)
		app_message(a, true, "no process %s in model %s", id, a->m->id);
	else
		app_message(a, true, "no process %s in model %s: did you mean %s%s%s%s%s?", id,
		            a->m->id, a->m->processes[near[0]].id, n > 1 ? ", " : "",
		            n > 1 ? a->m->processes[near[1]].id : "", n > 2 ? ", " : "",
		            n > 2 ? a->m->processes[near[2]].id : "");
	free(id);
}

static void goto_key(struct app *a, int key)
{
	enum le_result r = le_key(&a->le, key);
	char *typed;

	if (r == LE_CANCEL) {
		le_free(&a->le);
		a->mode = MODE_MAIN;
		return;
	}
	a->msg[0] = '\0';
	if (r != LE_COMMIT)
		return;
	typed = strdup(a->le.buf);
	le_free(&a->le);
	a->mode = MODE_MAIN;
	if (typed)
		goto_id(a, typed);
	free(typed);
}

/* A request in the main view: false if it is not the main view's (a
 * view it opens, see view.h). */
static bool request(struct app *a, enum request r)
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
		if (tree) { tree_page(&a->tree, 1); app_load_record(a); } else detail_page(&a->detail, 1);
		break;
	case REQ_PAGE_UP:
		if (tree) { tree_page(&a->tree, -1); app_load_record(a); } else detail_page(&a->detail, -1);
		break;
	case REQ_FIRST:
		if (tree) { tree_first(&a->tree); app_load_record(a); } else detail_first(&a->detail);
		break;
	case REQ_LAST:
		if (tree) { tree_last(&a->tree); app_load_record(a); } else detail_last(&a->detail);
		break;
	case REQ_ENTER:
		if (tree) {
			if (tree_enter(&a->tree) == TREE_OPEN_PROCESS)
				a->focus = FOCUS_DETAIL;
			app_load_record(a);
			break;
		}
		l = detail_current(&a->detail);
		if (l && l->kind == DL_RELATION) {
			jump_push(a);
			tree_goto_process(&a->tree, l->target);
			a->focus = FOCUS_TREE;
			app_load_record(a);
		} else if (l && (l->kind == DL_FIELD || l->kind == DL_OUTCOME)) {
			edit_start(a, l->field);
		}
		break;
	case REQ_BACK:
		if (tree) {
			tree_back(&a->tree);
			app_load_record(a);
		} else {
			a->focus = FOCUS_TREE;
		}
		break;
	case REQ_JUMP_BACK: jump_back(a); break;
	case REQ_NEXT_PANE:
		if (tree && tree_process(&a->tree) == (size_t)-1 && !app_orphan_id(a)) {
			app_message(a, false, "select a process first");
			break;
		}
		a->focus = tree ? FOCUS_DETAIL : FOCUS_TREE;
		break;
	case REQ_SEARCH:
		if (!le_init(&a->le, "")) break;
		a->search_from = current_item(a);
		if (a->search_from == (size_t)-1)
			a->search_from = 0;
		a->focus = FOCUS_TREE;
		a->mode = MODE_SEARCH;
		break;
	case REQ_GOTO: goto_start(a, ""); break;
	case REQ_FIND_NEXT: find_again(a, +1); break;
	case REQ_FIND_PREV: find_again(a, -1); break;
	case REQ_EDIT: edit_start(a, edit_target_field(a)); break;
	case REQ_EDIT_EXTERNAL: edit_external(a); break;
	case REQ_UNDO: edit_undo_redo(a, false); break;
	case REQ_REDO: edit_undo_redo(a, true); break;
	case REQ_DISCARD: edit_discard(a); break;
	case REQ_MARK: marks_toggle(a); break;
	case REQ_MARK_CLEAR: marks_clear(a); break;
	case REQ_RATE: edit_rate_start(a); break;
	case REQ_QUIT: app_quit(a); break;
	default: return false;
	}
	/* Remember which field the user works on, for 'e' from the tree. */
	l = detail_current(&a->detail);
	if (a->focus == FOCUS_DETAIL && l && (l->kind == DL_FIELD || l->kind == DL_OUTCOME))
		snprintf(a->pref_field, sizeof a->pref_field, "%s", l->field);
	return true;
}


static int escaped_width(const struct app *a, const char *s)
{
	char *e = app_escaped(a, s);
	int w = e ? text_width(e, strlen(e)) : 0;

	free(e);
	return w;
}

/* Widths of the longest tree line (every category open) and of the
 * longest process line up to its id: bounds of the tree pane's width. The
 * line layouts are draw_tree()'s. */
void view_main_measure_tree(struct app *a)
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
		const struct prm_process *pr = &m->processes[p];
		/* "│ ├─ - " (deeper for a sub-process), the id, "*" if tailored */
		int id = tree_process_lines_width(pr->depth) + 2 + 1 + escaped_width(a, pr->id) +
		         pr->tailored;
		int w = id + 1 + escaped_width(a, pr->name);

		if (id + 1 > min)
			min = id + 1;
		if (w > need)
			need = w;
	}
	if (a->n_orphans) {
		char n[48];
		int w = 3 + 1 + snprintf(n, sizeof n, ORPHANS_LABEL " (%zu)", a->n_orphans);

		if (w > need)
			need = w;
	}
	/* Orphan ids come from the store: they may widen the tree up to its
	 * share, but never squeeze the detail below it (not in min). */
	for (size_t o = 0; o < a->n_orphans; o++) {
		int w = 6 + 1 + escaped_width(a, a->orphans[o]);

		if (w > need)
			need = w;
	}
	a->tree_need = need;
	a->tree_min = min < need ? min : need;
}

/* escaped_width() as tree_process_name() takes it. */
static int tree_name_width(const char *text, void *arg)
{
	return escaped_width(arg, text);
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
			name = app_escaped(a, a->m->title);
			snprintf(line, sizeof line, "%s", name);
			screen_put_cut(y, x, w, line, at == SA_NORMAL ? SA_TITLE : at, cut);
		} else if (r->kind == TREE_CATEGORY) {
			const struct prm_category *c = &a->m->categories[r->index];
			char of[32] = "";

			if (t->shown)   /* a filter: how many of them it shows */
				snprintf(of, sizeof of, "%zu of ", tree_category_shown(t, r->index));
			name = app_escaped(a, c->name);
			snprintf(line, sizeof line, "%s%s %s (%s%zu)",
			         r->last ? (u ? "└─" : "`-") : (u ? "├─" : "|-"),
			         t->open[r->index] ? (u ? "▾" : "v") : (u ? "▸" : ">"),
			         name, of, c->n_processes);
			screen_put_cut(y, x, w, line, at == SA_NORMAL ? SA_HEADING : at, cut);
		} else if (r->kind == TREE_ORPHANS) {
			name = NULL;
			snprintf(line, sizeof line, "%s%s " ORPHANS_LABEL " (%zu)",
			         u ? "└─" : "`-", t->orphans_open ? (u ? "▾" : "v") : (u ? "▸" : ">"),
			         a->n_orphans);
			screen_put_cut(y, x, w, line, at == SA_NORMAL ? SA_HEADING : at, cut);
		} else if (r->kind == TREE_ORPHAN) {
			char mark[2] = { a->orphan_marks[r->index], '\0' };
			int used;

			name = app_escaped(a, a->orphans[r->index]);
			snprintf(line, sizeof line, "  %s ", r->last ? (u ? "└─" : "`-") : (u ? "├─" : "|-"));
			used = screen_put(y, x, w, line, at, false);
			used += screen_put(y, x + used, w - used, mark,
			                   at == SA_NORMAL ? SA_MARK : at, false);
			snprintf(line, sizeof line, " %s", name);
			screen_put_cut(y, x + used, w - used, line, at, cut);
		} else {
			const struct prm_process *p = &a->m->processes[r->index];
			char *id = app_escaped(a, p->id);
			char mark[2] = { a->marks[r->index], '\0' };
			int used, room;

			/* Tree lines (one level more per sub-process depth); a
			 * tailored process's id is followed by "*"; a name that
			 * would be cut gives way to the short name. */
			tree_process_lines(t, i, u, line, sizeof line - 1);
			strcat(line, marks_is(a, r->index) ? "*" : " ");    /* marked (t) */
			used = screen_put(y, x, w, line, at, false);
			used += screen_put(y, x + used, w - used, mark,
			                   at == SA_NORMAL ? SA_MARK : at, false);
			room = w - used - 2 - (id ? text_width(id, strlen(id)) : 0) - p->tailored;
			name = app_escaped(a, tree_process_name(p, room, tree_name_width, a));
			snprintf(line, sizeof line, " %s%s %s", id, p->tailored ? "*" : "", name);
			screen_put_cut(y, x + used, w - used, line, at, cut);
			free(id);
		}
		free(name);
	}
}

static void draw_detail(struct app *a, int x, int w)
{
	const struct detail *d = &a->detail;
	enum scr_attr sel = a->focus == FOCUS_DETAIL ? SA_SELECTED : SA_CURSOR_IDLE;

	if (d->process == (size_t)-1 && !d->orphan) {
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
			at = sel;
		/* A selected value's further lines get a bar in the margin, so the
		 * selection shows while its first line is scrolled off. */
		screen_put(y, x, 1, "", i == d->cursor || l->head == d->cursor ? sel : at, true);
		if (l->label && at == SA_NORMAL) {
			size_t n = text_fit(l->text, strlen(l->text), l->label, NULL);
			char *lab = strndup(l->text, n);
			int used = screen_put(y, x + 1, w - 1, lab ? lab : "", SA_LABEL, false);
			screen_put(y, x + 1 + used, w - 1 - used, l->text + n, at, false);
			free(lab);
		} else {
			screen_put(y, x + 1, w - 1, l->text, at, at == SA_SELECTED || at == SA_CURSOR_IDLE);
		}
	}
}

/* The tail of s that fits width columns, after a cut marker if it was cut
 * (a path's end says most: the store's own directory). Owned by the caller. */
static char *fit_tail(const char *s, int width, const char *cut)
{
	size_t len = strlen(s), i = 0;

	if (text_width(s, len) <= width)
		return strdup(s);
	if (width < 2)
		return strdup("");   /* not even the marker and one character */
	width -= text_width(cut, strlen(cut));
	while (i < len && text_width(s + i, len - i) > width) {
		unsigned cp;
		size_t n = text_utf8_decode(s + i, len - i, &cp);
		i += n ? n : 1;
	}
	return text_printf("%s%s", cut, s + i);
}

/* Where the focused pane is, if it is longer than the screen: the tree's
 * selected row ("12/80"), the detail's lines in view ("23-44/57"); else
 * "". */
static void pane_position(const struct app *a, char *buf, size_t size)
{
	const struct tree *t = &a->tree;
	const struct detail *d = &a->detail;
	size_t h;

	buf[0] = '\0';
	if (a->focus == FOCUS_TREE) {
		if (t->n_rows > (size_t)t->height)
			snprintf(buf, size, "%zu/%zu", t->cursor + 1, t->n_rows);
		return;
	}
	h = (size_t)d->height;
	if ((d->process != (size_t)-1 || d->orphan) && d->n > h)
		snprintf(buf, size, "%zu-%zu/%zu", d->top + 1, d->top + h < d->n ? d->top + h : d->n,
		         d->n);
}

/* Model id, process, store path and marks, then what the process's tree
 * mark means ("[p] planned") and where the focused pane is. The path is
 * shortened first (its start replaced by a marker), then the position,
 * then the mark's word left out; never the ids. */
static void draw_status(struct app *a, int y)
{
	char head[512], tail[320], what[64] = "", pos[48], right[128], filt[224], mk[32];
	char *path = app_escaped(a, a->db_path ? a->db_path : "");
	char *id = app_escaped(a, a->m->id);
	const char *ro = app_is_read_only(a) ? " [read-only]" : "";
	size_t p = app_current_proc(a), o = tree_orphan(&a->tree);
	const char *orphan = app_orphan_id(a);
	char *pid = app_escaped(a, p != (size_t)-1 ? a->m->processes[p].id : orphan ? orphan : "");
	char *shown, *line;
	int room, rw;

	if (p != (size_t)-1)
		legend_mark_line(a->marks[p], what, sizeof what);
	else if (orphan)
		legend_mark_line(a->orphan_marks[o], what, sizeof what);
	pane_position(a, pos, sizeof pos);
	snprintf(head, sizeof head, " %s%s%s | ", id, pid[0] ? " | " : "", pid);
	/* A filter and marks are never left out: they change what e and the
	 * tree do. */
	filter_status(a, filt, sizeof filt);
	marks_status(a, mk, sizeof mk);
	snprintf(tail, sizeof tail, "%s%s%s%s%s%s%s", ro, a->st ? "" : " (new)", filt[0] ? "  [" : "",
	         filt, filt[0] ? "]" : "", mk[0] ? "  " : "", mk);
	for (int drop = 0;; drop++) {
		/* 0: mark's word and position; 1: the word; 2: the mark; 3: nothing */
		char w[64];

		snprintf(w, sizeof w, "%.*s", drop >= 2 ? 3 : (int)sizeof w - 1, drop < 3 ? what : "");
		snprintf(right, sizeof right, "%s%s%s%s", w[0] ? "  " : "", w,
		         pos[0] && drop == 0 ? "  " : "", pos[0] && drop == 0 ? pos : "");
		rw = right[0] ? text_width(right, strlen(right)) : 0;
		room = a->cols - text_width(head, strlen(head)) - text_width(tail, strlen(tail)) - rw;
		if (room >= 2 || drop == 3)
			break;
	}
	if (room < 2)   /* no room for even a marker and a character: no path */
		snprintf(head, sizeof head, " %s%s%s", id, pid[0] ? " | " : "", pid);
	shown = fit_tail(path, room < 2 ? 0 : room, a->utf8 ? "…" : "~");
	line = text_printf("%s%s%s%s", head, shown ? shown : "", tail, right);
	screen_put(y, 0, a->cols, line ? line : "", SA_STATUS, true);
	free(line);
	free(shown);
	free(path);
	free(id);
	free(pid);
}

/* The message, else the hints, at the bottom; returns the lines used
 * (draw false: only counts them). */
static int draw_hints(struct app *a, bool draw, const char *hints)
{
	if (a->msg[0])
		return draw_message(a, a->msg, a->msg_err ? SA_ERROR : SA_NORMAL, draw);
	if (a->pending) {
		/* Until it is saved or discarded, the kept text is not forgotten. */
		const struct prm_process *p = app_proc_at(a, a->pending_proc);
		char *note = text_printf("unsaved text for %s of %s (%s): E edits it, X discards it",
		                         a->pending_field, p ? p->id : "?", a->pending_why);
		int k = draw_message(a, note ? note : "unsaved text: E edits it, X discards it",
		                     SA_ERROR, draw);
		free(note);
		return k;
	}
	if (draw)
		screen_put(a->rows - 1, 0, a->cols, hints, SA_HINT, true);
	return 1;
}

/* Lines the bottom takes above the status or editor line. */
static int bottom_lines(struct app *a)
{
	if (a->mode == MODE_EDIT)
		return a->edit_why[0] ? draw_message(a, a->edit_why, SA_ERROR, false) : 1;
	return draw_hints(a, false, "");
}

/* Pane sizes from the terminal's size; rebuilds the detail at its width. */
static void main_layout(struct app *a, struct view *v)
{
	(void)v;
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
	app_rebuild_detail(a);
}

static void main_draw(struct app *a, struct view *v)
{
	(void)v;
	/* The panes get what the bottom leaves: a wrapped message takes rows
	 * from them, and the views follow so the selection stays in sight. */
	a->body_h = a->rows - 1 - bottom_lines(a);
	if (a->body_h < 1)
		a->body_h = 1;
	tree_fit_view(&a->tree, a->body_h);
	detail_fit_view(&a->detail, a->body_h);
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
		const struct prm_process *p = app_proc_at(a, a->edit_proc);
		const struct field_def *fd = record_field(a->edit_field, NULL);

		if (a->bulk)
			snprintf(prompt, sizeof prompt, " %zu marked %s: ", a->n_marked, a->edit_field);
		else
			snprintf(prompt, sizeof prompt, " %s %s: ", p ? p->id : "?", a->edit_field);
		char *ep = app_escaped(a, prompt);
		int k = 1;
		if (a->edit_why[0]) {
			k = draw_message(a, a->edit_why, SA_ERROR, true);
		} else if (fd && fd->choices) {
			size_t used = 0;
			used += (size_t)snprintf(hint, sizeof hint, "Tab/Up/Down:");
			for (size_t i = 0; fd->choices[i] && used < sizeof hint; i++)
				used += (size_t)snprintf(hint + used, sizeof hint - used, " %s", fd->choices[i]);
			if (used < sizeof hint)
				snprintf(hint + used, sizeof hint - used, "  Enter: save  Esc: cancel");
			screen_put(a->rows - 1, 0, a->cols, hint, SA_HINT, true);
		} else {
			screen_put(a->rows - 1, 0, a->cols,
			           "Enter: save  Esc: cancel  C-a/C-e/C-k/C-u/C-w: edit", SA_HINT, true);
		}
		draw_editor(a, a->rows - 1 - k, ep);
		free(ep);
	} else if (a->mode == MODE_GOTO) {
		int k;
		size_t p = prm_model_index(a->m, a->le.buf);
		char *hint = NULL;

		if (p != (size_t)-1) {
			char *e = app_escaped(a, a->m->processes[p].id);
			char *nm = app_escaped(a, a->m->processes[p].name);

			hint = text_printf("Enter: go to %s %s  Esc: back", e, nm);
			free(e);
			free(nm);
		}
		k = draw_hints(a, true, hint ? hint : "Enter: go to the process with this id  Esc: back");
		free(hint);
		draw_editor(a, a->rows - 1 - k, ":");
	} else if (a->mode == MODE_SEARCH) {
		char m[64], hint[160];
		int k;

		match_text(a, m, sizeof m);
		snprintf(hint, sizeof hint, "%s%sEnter: stay here  Esc: go back  then n/N: next/previous",
		         m, m[0] ? "  " : "");
		k = draw_hints(a, true, hint);
		draw_editor(a, a->rows - 1 - k, "/");
	} else {
		/* Read-only: no hint offers a change (e, E, u, C-r). */
		bool ro = app_is_read_only(a);
		int k = draw_hints(a, true, a->focus == FOCUS_TREE ?
		           (ro ? "?:help q:quit /:search Enter:open Tab:pane L:log (read-only)" :
		            "?:help q:quit /:search Enter:open Tab:pane e:edit u:undo C-r:redo L:log") :
		           (ro ? "?:help q:quit Tab/h:tree Enter:follow L:log (read-only)" :
		            "?:help q:quit Tab/h:tree Enter:follow/edit e:edit E:$EDITOR u:undo L:log"));
		draw_status(a, a->rows - 1 - k);
	}
}

static enum view_key_result main_key(struct app *a, struct view *v, int key, enum request r)
{
	(void)v;
	switch (a->mode) {
	case MODE_EDIT: edit_key(a, key); return VIEW_KEY_DONE;
	case MODE_SEARCH: search_key(a, key); return VIEW_KEY_DONE;
	case MODE_GOTO: goto_key(a, key); return VIEW_KEY_DONE;
	case MODE_MAIN: break;
	}
	a->msg[0] = '\0';
	if (r == REQ_NONE && key == TK_ESC)
		return VIEW_KEY_DONE;
	if (r == REQ_NONE && key >= '0' && key <= '9') {
		/* Digits are no key of their own here: they start an id. */
		char typed[2] = { (char)key, '\0' };

		goto_start(a, typed);
		return VIEW_KEY_DONE;
	}
	if (r == REQ_NONE) {
		char name[32];
		app_message(a, false, "unknown key %s: press ? for help", keys_name(key, name, sizeof name));
		return VIEW_KEY_DONE;
	}
	return request(a, r) ? VIEW_KEY_DONE : VIEW_KEY_PASS;
}

/* The store changed: the record shown is read again. */
static void main_refresh(struct app *a, struct view *v)
{
	(void)v;
	filter_refresh(a);
	app_load_record(a);
}

const struct view_ops view_main_ops = {
	.name = "main",
	.draw = main_draw,
	.key = main_key,
	.refresh = main_refresh,
	.layout = main_layout,
	.busy = main_busy,
	.work = main_work,
};
