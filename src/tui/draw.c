/* draw.c - layout and drawing of the workbench (see draw.h). */
#include "config.h"
#include "tui/draw.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "record.h"
#include "store.h"
#include "text.h"
#include "tui/app_int.h"
#include "tui/listview.h"
#include "tui/screen.h"

#define MIN_ROWS 6
#define MIN_COLS 20
#define DETAIL_MIN 52   /* detail columns kept before the tree grows past 40% */
#define ORPHANS_LABEL "Orphan records"

void draw_layout(struct app *a)
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
	app_rebuild_detail(a);
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
void draw_measure_tree(struct app *a)
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
			name = app_escaped(a, c->name);
			snprintf(line, sizeof line, "%s%s %s (%zu)",
			         r->last ? (u ? "└─" : "`-") : (u ? "├─" : "|-"),
			         t->open[r->index] ? (u ? "▾" : "v") : (u ? "▸" : ">"),
			         name, c->n_processes);
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
			strcat(line, " ");
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

/* Model id, process, store path and marks: the path is shortened (its
 * start replaced by a marker), never the marks or the ids. */
static void draw_status(struct app *a, int y)
{
	char head[512], tail[64];
	char *path = app_escaped(a, a->db_path ? a->db_path : "");
	char *id = app_escaped(a, a->m->id);
	const char *ro = app_is_read_only(a) ? " [read-only]" : "";
	size_t p = app_current_proc(a);
	const char *orphan = app_orphan_id(a);
	char *pid = app_escaped(a, p != (size_t)-1 ? a->m->processes[p].id : orphan ? orphan : "");
	char *shown, *line;
	int room;

	snprintf(head, sizeof head, " %s%s%s | ", id, pid[0] ? " | " : "", pid);
	snprintf(tail, sizeof tail, "%s%s", ro, a->st ? "" : " (new)");
	room = a->cols - text_width(head, strlen(head)) - text_width(tail, strlen(tail));
	if (room < 2)   /* no room for even a marker and a character: no path */
		snprintf(head, sizeof head, " %s%s%s", id, pid[0] ? " | " : "", pid);
	shown = fit_tail(path, room < 2 ? 0 : room, a->utf8 ? "…" : "~");
	line = text_printf("%s%s%s", head, shown ? shown : "", tail);
	screen_put(y, 0, a->cols, line ? line : "", SA_STATUS, true);
	free(line);
	free(shown);
	free(path);
	free(id);
	free(pid);
}

/* Lines a message may take at the bottom: enough for a reason with its
 * example or a conflict with who, when and their value, but the panes
 * keep most of the screen. */
#define MSG_MAX_LINES 4

/* A message at the bottom of the screen, wrapped so it can be read whole
 * (the status or editor line moves up); a message longer than
 * MSG_MAX_LINES ends in a cut marker. Returns the lines used (>= 1). */
static int draw_message(struct app *a, const char *msg, enum scr_attr at, bool draw)
{
	struct text_lines tl = { 0 };
	int max = a->rows - 3 < MSG_MAX_LINES ? a->rows - 3 : MSG_MAX_LINES, n;

	if (max < 1)
		max = 1;
	if (text_width(msg, strlen(msg)) <= a->cols || !text_wrap(msg, a->cols, &tl) ||
	    tl.n < 2) {
		text_lines_free(&tl);
		if (draw)
			screen_put(a->rows - 1, 0, a->cols, msg, at, true);
		return 1;
	}
	n = tl.n < (size_t)max ? (int)tl.n : max;
	for (int i = 0; draw && i < n; i++) {
		int y = a->rows - n + i;

		if (i == n - 1 && tl.n > (size_t)n) {
			/* More than fits: say so at the end of the last line. */
			char *rest = text_printf("%s %s", tl.line[i], tl.line[i + 1]);
			screen_put_cut(y, 0, a->cols, rest ? rest : tl.line[i], at,
			               a->utf8 ? "…" : "~");
			free(rest);
		} else {
			screen_put(y, 0, a->cols, tl.line[i], at, true);
		}
	}
	text_lines_free(&tl);
	return n;
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

/* The line editor on row y, with a prompt. The prompt takes at most half
 * the width and always ends in its ": " (a long one is cut before that);
 * text scrolled out on the left is marked at the start of the field. */
static void draw_editor(struct app *a, int y, const char *prompt)
{
	int pw, x, room, max = a->cols / 2;
	size_t off, n, plen = strlen(prompt);
	int col;
	char *text;
	const char *cut = a->utf8 ? "…" : "~";

	if (text_width(prompt, plen) <= max || plen < 2 ||
	    strcmp(prompt + plen - 2, ": ") != 0) {
		pw = screen_put(y, 0, max, prompt, SA_STATUS, false);
	} else {
		char *core = strndup(prompt, plen - 2);

		pw = screen_put_cut(y, 0, max - 2, core ? core : "", SA_STATUS, cut);
		pw += screen_put(y, pw, 2, ": ", SA_STATUS, false);
		free(core);
	}
	x = pw;
	room = a->cols - x - 1;
	le_view(&a->le, room, &off, &n, &col);
	if (off > 0 && room > 2) {
		/* Text hidden on the left: a marker, the text after it. */
		le_view(&a->le, room - 1, &off, &n, &col);
		screen_put(y, x, 1, a->utf8 ? "…" : "<", SA_HINT, false);
		x++;
	}
	text = strndup(a->le.buf + off, n);
	screen_put(y, x, a->cols - x, text ? text : "", SA_NORMAL, true);
	free(text);
	screen_cursor(y, x + col);
}

void draw_screen(struct app *a)
{
	screen_erase();
	screen_cursor(-1, 0);
	if (a->too_small) {
		char buf[700];
		struct text_lines tl = { 0 };
		/* A message (q's warning) first: the screen may hold little. */
		snprintf(buf, sizeof buf, "%s%sTerminal too small (%dx%d): need %dx%d. q quits.",
		         a->msg, a->msg[0] ? " " : "", a->cols, a->rows, MIN_COLS, MIN_ROWS);
		/* Wrapped by words (a word longer than the width is cut). */
		if (text_wrap(buf, a->cols, &tl))
			for (int y = 0; y < a->rows && (size_t)y < tl.n; y++)
				screen_put(y, 0, a->cols, tl.line[y], SA_NORMAL, false);
		text_lines_free(&tl);
		screen_refresh();
		return;
	}
	if (a->mode == MODE_HELP || a->mode == MODE_HISTORY) {
		list_draw(a, a->mode == MODE_HELP ? "j/k, PgUp/PgDn: scroll  q/Esc/?: back" :
		          a->read_only ? "j/k: move  Enter: whole entry  L: process/whole store  q/Esc: back"
		          : "j/k: move  Enter: whole entry  u: undo this change  L: process/whole store  q/Esc: back");
		screen_refresh();
		return;
	}
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
	} else if (a->mode == MODE_SEARCH) {
		int k = draw_hints(a, true, "Enter: stay here  Esc: go back  then n/N: next/previous");
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
	screen_refresh();
}

