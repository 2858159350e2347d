/* tree.c - tree state of the workbench's left pane. */
#include "config.h"
#include "tui/tree.h"

#include <stdlib.h>
#include <string.h>

#include "model.h"

/* Sub-processes deeper than this share the last indent (the loader's depth
 * limit keeps real models well within it). */
#define MAX_LINES 64

/* The process in the tree nearest after p in the tree's order (before
 * it if none is after), or (size_t)-1: where the cursor goes when a
 * filter hides its process. */
static size_t nearest_shown(const struct tree *t, size_t p)
{
	const struct prm_model *m = t->model;
	size_t before = (size_t)-1;
	bool past = false;

	for (size_t c = 0; c < m->n_categories; c++)
		for (size_t i = 0; i < m->categories[c].n_processes; i++) {
			size_t ix = m->categories[c].processes[i];

			if (ix == p)
				past = true;
			else if (tree_shows(t, ix) && past)
				return ix;
			else if (tree_shows(t, ix))
				before = ix;
		}
	return before;
}

/* Recompute the visible rows from the open flags and the filter, keeping
 * the cursor on the same item if it is still visible, else on its
 * category (or, hidden by the filter, on the nearest process shown). */
static bool rebuild(struct tree *t)
{
	const struct prm_model *m = t->model;
	struct tree_row keep = { TREE_MODEL, 0, false, 0 };
	size_t n = 1, k = 0, n_orphans = t->shown ? 0 : t->n_orphans, last_cat = 0;

	if (t->rows && t->cursor < t->n_rows)
		keep = t->rows[t->cursor];
	for (size_t c = 0; c < m->n_categories; c++) {
		size_t in = tree_category_shown(t, c);

		if (t->shown && !in)
			continue;
		n += 1 + (t->open[c] ? in : 0);
		last_cat = c;
	}
	if (n_orphans)
		n += 1 + (t->orphans_open ? n_orphans : 0);
	struct tree_row *rows = calloc(n, sizeof *rows);
	if (!rows)
		return false;
	rows[k++] = (struct tree_row){ TREE_MODEL, 0, true, 0 };
	for (size_t c = 0; c < m->n_categories; c++) {
		const struct prm_category *cat = &m->categories[c];

		if (t->shown && !tree_category_shown(t, c))
			continue;
		rows[k++] = (struct tree_row){ TREE_CATEGORY, c, c == last_cat && !n_orphans, 0 };
		if (!t->open[c])
			continue;
		for (size_t p = 0; p < cat->n_processes; p++) {
			size_t ix = cat->processes[p];

			if (!tree_shows(t, ix))
				continue;
			rows[k++] = (struct tree_row){ TREE_PROCESS, ix,
			                               t->shown ? t->last_shown[ix] : t->last_sibling[ix],
			                               m->processes[ix].depth };
		}
	}
	if (n_orphans) {
		rows[k++] = (struct tree_row){ TREE_ORPHANS, 0, true, 0 };
		for (size_t o = 0; t->orphans_open && o < n_orphans; o++)
			rows[k++] = (struct tree_row){ TREE_ORPHAN, o, o + 1 == n_orphans, 0 };
	}
	free(t->rows);
	t->rows = rows;
	t->n_rows = n;
	t->cursor = 0;
	if (t->shown && (keep.kind == TREE_ORPHANS || keep.kind == TREE_ORPHAN ||
	                 (keep.kind == TREE_CATEGORY && !tree_category_shown(t, keep.index)))) {
		/* Its row is gone: the first process shown after it. */
		size_t first = (size_t)-1;

		for (size_t i = 0; i < n && first == (size_t)-1; i++)
			if (rows[i].kind == TREE_PROCESS &&
			    (keep.kind != TREE_CATEGORY ||
			     m->processes[rows[i].index].category >= keep.index))
				first = rows[i].index;
		keep = (struct tree_row){ TREE_MODEL, 0, true, 0 };
		if (first != (size_t)-1)
			keep = (struct tree_row){ TREE_PROCESS, first, false, 0 };
	}
	if (keep.kind == TREE_PROCESS && !tree_shows(t, keep.index)) {
		size_t near = nearest_shown(t, keep.index);

		keep = (struct tree_row){ TREE_MODEL, 0, true, 0 };
		if (near != (size_t)-1)
			keep = (struct tree_row){ TREE_PROCESS, near, false, 0 };
	}
	if (keep.kind == TREE_PROCESS && !t->open[m->processes[keep.index].category]) {
		keep.kind = TREE_CATEGORY;
		keep.index = m->processes[keep.index].category;
	}
	if (keep.kind == TREE_ORPHAN && (!t->orphans_open || keep.index >= n_orphans))
		keep = (struct tree_row){ TREE_ORPHANS, 0, true, 0 };
	if (keep.kind == TREE_ORPHANS && !n_orphans)
		keep = (struct tree_row){ TREE_CATEGORY, m->n_categories ? m->n_categories - 1 : 0,
		                          true, 0 };
	for (size_t i = 0; i < n; i++)
		if (rows[i].kind == keep.kind && rows[i].index == keep.index)
			t->cursor = i;
	tree_set_height(t, t->height);
	return true;
}

/* Which process is the last child of its parent (or the last at the top
 * of its category): where the tree line turns. */
static void find_last_siblings(const struct prm_model *m, bool *last)
{
	for (size_t c = 0; c < m->n_categories; c++) {
		const struct prm_category *cat = &m->categories[c];

		for (size_t k = cat->n_processes; k-- > 0;)
			if (m->processes[cat->processes[k]].depth == 0) {
				last[cat->processes[k]] = true;
				break;
			}
	}
	for (size_t i = 0; i < m->n_processes; i++) {
		const struct prm_process *p = &m->processes[i];

		if (p->n_children)
			last[p->children[p->n_children - 1]] = true;
	}
}

bool tree_init(struct tree *t, const struct prm_model *m)
{
	memset(t, 0, sizeof *t);
	t->model = m;
	t->height = 1;
	t->open = calloc(m->n_categories ? m->n_categories : 1, sizeof *t->open);
	t->last_sibling = calloc(m->n_processes ? m->n_processes : 1, sizeof *t->last_sibling);
	if (!t->open || !t->last_sibling) {
		free(t->open);
		free(t->last_sibling);
		t->open = NULL;
		t->last_sibling = NULL;
		return false;
	}
	find_last_siblings(m, t->last_sibling);
	for (size_t c = 0; c < m->n_categories; c++)
		t->open[c] = true;
	if (!rebuild(t))
		return false;
	for (size_t i = 0; i < t->n_rows; i++)
		if (t->rows[i].kind == TREE_PROCESS) {
			t->cursor = i;
			break;
		}
	return true;
}

bool tree_set_orphans(struct tree *t, size_t n)
{
	if (n == t->n_orphans)
		return true;
	if (!t->n_orphans)
		t->orphans_open = true;
	t->n_orphans = n;
	return rebuild(t);
}

void tree_free(struct tree *t)
{
	free(t->shown);
	free(t->last_shown);
	free(t->cat_shown);
	free(t->open);
	free(t->last_sibling);
	free(t->rows);
	memset(t, 0, sizeof *t);
}

static void scroll_to_cursor(struct tree *t)
{
	size_t h = (size_t)t->height;

	if (t->cursor < t->top)
		t->top = t->cursor;
	if (t->cursor >= t->top + h)
		t->top = t->cursor - h + 1;
	/* No empty space below the last row while rows are above the view. */
	if (t->n_rows >= h && t->top > t->n_rows - h)
		t->top = t->n_rows - h;
	if (t->n_rows < h)
		t->top = 0;
}

void tree_set_height(struct tree *t, int height)
{
	if (height < 1)
		height = 1;
	if (height != t->height)
		t->top = 0;     /* a layout change: scroll only as far as the cursor needs */
	t->height = height;
	scroll_to_cursor(t);
}

void tree_fit_view(struct tree *t, int height)
{
	t->height = height < 1 ? 1 : height;
	scroll_to_cursor(t);
}

void tree_move(struct tree *t, long delta)
{
	long c = (long)t->cursor + delta;

	if (c < 0)
		c = 0;
	if (c >= (long)t->n_rows)
		c = (long)t->n_rows - 1;
	t->cursor = (size_t)c;
	scroll_to_cursor(t);
}

void tree_page(struct tree *t, int dir)
{
	size_t h = (size_t)t->height;

	if (dir > 0) {
		if (t->top + h < t->n_rows)
			t->top += h;
		t->cursor += h;
		if (t->cursor >= t->n_rows)
			t->cursor = t->n_rows - 1;
	} else {
		t->top = t->top > h ? t->top - h : 0;
		t->cursor = t->cursor > h ? t->cursor - h : 0;
	}
	scroll_to_cursor(t);
}

void tree_first(struct tree *t)
{
	tree_move(t, -(long)t->n_rows);
}

void tree_last(struct tree *t)
{
	tree_move(t, (long)t->n_rows);
}

enum tree_enter tree_enter(struct tree *t)
{
	const struct tree_row *r = tree_current(t);

	switch (r->kind) {
	case TREE_MODEL:
		if (t->n_rows > 1) {
			tree_move(t, 1);
			return TREE_MOVED;
		}
		return TREE_NOTHING;
	case TREE_CATEGORY:
		if (!t->open[r->index]) {
			t->open[r->index] = true;
			rebuild(t);
			return TREE_EXPANDED;
		}
		if (t->model->categories[r->index].n_processes > 0) {
			tree_move(t, 1);
			return TREE_MOVED;
		}
		return TREE_NOTHING;
	case TREE_ORPHANS:
		if (!t->orphans_open) {
			t->orphans_open = true;
			rebuild(t);
			return TREE_EXPANDED;
		}
		tree_move(t, 1);
		return TREE_MOVED;
	case TREE_PROCESS:
	case TREE_ORPHAN:
		return TREE_OPEN_PROCESS;
	}
	return TREE_NOTHING;
}

/* Depth in the tree: the orphan group is a category, an orphan a process;
 * a sub-process is a level below its parent. */
static int level(const struct tree_row *r)
{
	switch (r->kind) {
	case TREE_MODEL: return 0;
	case TREE_CATEGORY: case TREE_ORPHANS: return 1;
	case TREE_PROCESS: return 2 + r->depth;
	case TREE_ORPHAN: return 2;
	}
	return 0;
}

bool tree_back(struct tree *t)
{
	const struct tree_row *r = tree_current(t);

	if (r->kind == TREE_CATEGORY && t->open[r->index]) {
		t->open[r->index] = false;
		rebuild(t);
		return true;
	}
	if (r->kind == TREE_ORPHANS && t->orphans_open) {
		t->orphans_open = false;
		rebuild(t);
		return true;
	}
	if (r->kind == TREE_MODEL)
		return false;
	/* Parent: the nearest row above of a higher level. */
	for (size_t i = t->cursor; i-- > 0;)
		if (level(&t->rows[i]) < level(r)) {
			t->cursor = i;
			scroll_to_cursor(t);
			return true;
		}
	return false;
}

bool tree_goto_process(struct tree *t, size_t process)
{
	if (process >= t->model->n_processes)
		return false;
	if (!tree_shows(t, process)) {
		tree_set_filter(t, NULL);
		t->filter_dropped = true;
	}
	size_t c = t->model->processes[process].category;
	if (!t->open[c]) {
		t->open[c] = true;
		rebuild(t);
	}
	for (size_t i = 0; i < t->n_rows; i++)
		if (t->rows[i].kind == TREE_PROCESS && t->rows[i].index == process) {
			t->cursor = i;
			scroll_to_cursor(t);
			return true;
		}
	return false;
}

bool tree_goto_orphan(struct tree *t, size_t orphan)
{
	if (orphan >= t->n_orphans)
		return false;
	if (!t->orphans_open) {
		t->orphans_open = true;
		rebuild(t);
	}
	for (size_t i = 0; i < t->n_rows; i++)
		if (t->rows[i].kind == TREE_ORPHAN && t->rows[i].index == orphan) {
			t->cursor = i;
			scroll_to_cursor(t);
			return true;
		}
	return false;
}

int tree_process_lines_width(int depth)
{
	return 4 + 2 * (depth > 0 ? depth : 0);
}

void tree_process_lines(const struct tree *t, size_t i, bool utf8, char *buf, size_t size)
{
	const struct prm_model *m = t->model;
	const struct tree_row *r = &t->rows[i];
	const struct prm_process *p = &m->processes[r->index], *up[MAX_LINES];
	bool last_cat = p->category + 1 == m->n_categories && !t->n_orphans;
	size_t n = 0, k = 0;

	if (size == 0)
		return;
	buf[0] = '\0';
	/* The ancestors, outermost first: each draws a line down while it has
	 * siblings still to come. */
	for (const struct prm_process *a = p->parent; a && k < MAX_LINES; a = a->parent)
		up[k++] = a;
	const bool *last = t->shown ? t->last_shown : t->last_sibling;

	if (t->shown) {
		/* The last category in the tree, not in the model. */
		last_cat = true;
		for (size_t c = p->category + 1; c < m->n_categories; c++)
			if (t->cat_shown[c])
				last_cat = false;
	}
	n += (size_t)snprintf(buf + n, size - n, "%s", last_cat ? "  " : utf8 ? "│ " : "| ");
	while (k-- > 0 && n < size)
		n += (size_t)snprintf(buf + n, size - n, "%s",
		                      last[up[k] - m->processes] ? "  " : utf8 ? "│ " : "| ");
	if (n < size)
		snprintf(buf + n, size - n, "%s", r->last ? (utf8 ? "└─" : "`-") :
		                                          (utf8 ? "├─" : "|-"));
}

const char *tree_process_name(const struct prm_process *p, int room,
                              int (*width)(const char *text, void *arg), void *arg)
{
	if (p->short_name && *p->short_name && width(p->name, arg) > room)
		return p->short_name;
	return p->name;
}

const struct tree_row *tree_current(const struct tree *t)
{
	return &t->rows[t->cursor];
}

size_t tree_process(const struct tree *t)
{
	const struct tree_row *r = tree_current(t);

	return r->kind == TREE_PROCESS ? r->index : (size_t)-1;
}

size_t tree_orphan(const struct tree *t)
{
	const struct tree_row *r = tree_current(t);

	return r->kind == TREE_ORPHAN ? r->index : (size_t)-1;
}

bool tree_shows(const struct tree *t, size_t p)
{
	return !t->shown || (p < t->model->n_processes && t->shown[p]);
}

size_t tree_category_shown(const struct tree *t, size_t c)
{
	if (c >= t->model->n_categories)
		return 0;
	return t->shown ? t->cat_shown[c] : t->model->categories[c].n_processes;
}

bool tree_set_filter(struct tree *t, const bool *match)
{
	const struct prm_model *m = t->model;
	size_t np = m->n_processes ? m->n_processes : 1;
	bool *shown = NULL, *last = NULL, *old_shown = t->shown, *old_last = t->last_shown;
	size_t *cat = NULL, *old_cat = t->cat_shown;

	if (match) {
		shown = calloc(np, sizeof *shown);
		last = calloc(np, sizeof *last);
		cat = calloc(m->n_categories ? m->n_categories : 1, sizeof *cat);
		if (!shown || !last || !cat) {
			free(shown);
			free(last);
			free(cat);
			return false;
		}
		/* A process shown keeps its parents in sight. */
		for (size_t p = 0; p < m->n_processes; p++)
			for (const struct prm_process *q = match[p] ? &m->processes[p] : NULL;
			     q && !shown[q - m->processes]; q = q->parent)
				shown[q - m->processes] = true;
		for (size_t c = 0; c < m->n_categories; c++) {
			const struct prm_category *cc = &m->categories[c];
			size_t top = (size_t)-1;

			for (size_t i = 0; i < cc->n_processes; i++) {
				size_t ix = cc->processes[i];

				if (!shown[ix])
					continue;
				cat[c]++;
				if (m->processes[ix].depth == 0)
					top = ix;
			}
			if (top != (size_t)-1)
				last[top] = true;
		}
		for (size_t p = 0; p < m->n_processes; p++) {
			const struct prm_process *q = &m->processes[p];

			for (size_t i = q->n_children; i-- > 0;)
				if (shown[q->children[i]]) {
					last[q->children[i]] = true;
					break;
				}
		}
	}
	t->shown = shown;
	t->last_shown = last;
	t->cat_shown = cat;
	if (!rebuild(t)) {
		t->shown = old_shown;
		t->last_shown = old_last;
		t->cat_shown = old_cat;
		free(shown);
		free(last);
		free(cat);
		return false;
	}
	free(old_shown);
	free(old_last);
	free(old_cat);
	return true;
}
