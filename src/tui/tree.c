/* tree.c - tree state of the workbench's left pane. */
#include "config.h"
#include "tui/tree.h"

#include <stdlib.h>
#include <string.h>

#include "model.h"

/* Sub-processes deeper than this share the last indent (the loader's depth
 * limit keeps real models well within it). */
#define MAX_LINES 64

/* Recompute the visible rows from the open flags, keeping the cursor on
 * the same item if it is still visible, else on its category. */
static bool rebuild(struct tree *t)
{
	const struct prm_model *m = t->model;
	struct tree_row keep = { TREE_MODEL, 0, false, 0 };
	size_t n = 1, k = 0;

	if (t->rows && t->cursor < t->n_rows)
		keep = t->rows[t->cursor];
	for (size_t c = 0; c < m->n_categories; c++)
		n += 1 + (t->open[c] ? m->categories[c].n_processes : 0);
	if (t->n_orphans)
		n += 1 + (t->orphans_open ? t->n_orphans : 0);
	struct tree_row *rows = calloc(n, sizeof *rows);
	if (!rows)
		return false;
	rows[k++] = (struct tree_row){ TREE_MODEL, 0, true, 0 };
	for (size_t c = 0; c < m->n_categories; c++) {
		const struct prm_category *cat = &m->categories[c];

		rows[k++] = (struct tree_row){ TREE_CATEGORY, c,
		                               c + 1 == m->n_categories && !t->n_orphans, 0 };
		if (!t->open[c])
			continue;
		for (size_t p = 0; p < cat->n_processes; p++) {
			size_t ix = cat->processes[p];

			rows[k++] = (struct tree_row){ TREE_PROCESS, ix, t->last_sibling[ix],
			                               m->processes[ix].depth };
		}
	}
	if (t->n_orphans) {
		rows[k++] = (struct tree_row){ TREE_ORPHANS, 0, true, 0 };
		for (size_t o = 0; t->orphans_open && o < t->n_orphans; o++)
			rows[k++] = (struct tree_row){ TREE_ORPHAN, o, o + 1 == t->n_orphans, 0 };
	}
	free(t->rows);
	t->rows = rows;
	t->n_rows = n;
	t->cursor = 0;
	if (keep.kind == TREE_PROCESS && !t->open[m->processes[keep.index].category]) {
		keep.kind = TREE_CATEGORY;
		keep.index = m->processes[keep.index].category;
	}
	if (keep.kind == TREE_ORPHAN && (!t->orphans_open || keep.index >= t->n_orphans))
		keep = (struct tree_row){ TREE_ORPHANS, 0, true, 0 };
	if (keep.kind == TREE_ORPHANS && !t->n_orphans)
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
	n += (size_t)snprintf(buf + n, size - n, "%s", last_cat ? "  " : utf8 ? "│ " : "| ");
	while (k-- > 0 && n < size)
		n += (size_t)snprintf(buf + n, size - n, "%s",
		                      t->last_sibling[up[k] - m->processes] ? "  " :
		                      utf8 ? "│ " : "| ");
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
