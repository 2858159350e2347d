/* tree.h - the left pane's state: model -> categories -> processes (and
 * their sub-processes, always shown, indented under their parent), then
 * (if the store has any) a last group of orphan records: records of
 * process ids the model lacks. Which groups are open, the cursor and the
 * scroll position. No curses: the
 * tests drive it directly and screen code only reads rows[top..].
 *
 * The tree borrows the model (it must outlive the tree). */
#ifndef PRMWB_TUI_TREE_H
#define PRMWB_TUI_TREE_H

#include <stdbool.h>
#include <stddef.h>

struct prm_model;
struct prm_process;

enum tree_kind {
	TREE_MODEL, TREE_CATEGORY, TREE_PROCESS,
	TREE_ORPHANS,       /* the group of orphan records (a category's level) */
	TREE_ORPHAN,        /* one orphan record (a process's level) */
};

struct tree_row {
	enum tree_kind kind;
	size_t index;       /* category, process or orphan index (0 for the model and the group) */
	bool last;          /* last child of its parent (for tree lines) */
	int depth;          /* a process: 0 in its category, 1 for a sub-process, ... */
};

struct tree {
	const struct prm_model *model;  /* borrowed */
	bool *open;                     /* per category */
	size_t n_orphans;               /* orphan records (ids kept by the caller) */
	bool orphans_open;
	bool *last_sibling;             /* per process: last child of its parent */
	struct tree_row *rows;          /* visible rows */
	size_t n_rows;
	size_t cursor, top;             /* row index; first row shown */
	int height;                     /* rows shown (>= 1) */
	/* A filter (tree_set_filter): per process whether it is in the tree
	 * (NULL: every one), per process whether it is the last of its
	 * siblings in the tree, per category how many of it are in the tree. */
	bool *shown, *last_shown;
	size_t *cat_shown;
	bool filter_dropped;            /* tree_goto_process dropped the filter */
};

/* All categories open, cursor on the first process (or the model row). */
bool tree_init(struct tree *t, const struct prm_model *m);
void tree_free(struct tree *t);
/* Number of orphan records shown in the last group (0: no group); the
 * cursor stays on its item, or on the group if that item is gone. */
bool tree_set_orphans(struct tree *t, size_t n);

/* Rows shown; scrolls so the cursor stays visible. */
void tree_set_height(struct tree *t, int height);
/* Rows shown now (the bottom may hold a longer message): the view keeps
 * its scroll and moves only as far as the cursor needs to stay in it. */
void tree_fit_view(struct tree *t, int height);
/* Move by delta rows (clamped). */
void tree_move(struct tree *t, long delta);
/* A page down (dir > 0) or up: cursor and view move together. */
void tree_page(struct tree *t, int dir);
void tree_first(struct tree *t);
void tree_last(struct tree *t);

enum tree_enter { TREE_NOTHING, TREE_EXPANDED, TREE_MOVED, TREE_OPEN_PROCESS };
/* Enter/l: open a closed category (or the orphan group); on an open one go
 * to its first item; on a process or an orphan: TREE_OPEN_PROCESS (the
 * caller focuses the detail pane). */
enum tree_enter tree_enter(struct tree *t);
/* h/Left: close an open category, else go to the parent row. Returns
 * false if nothing changed (on the model row). */
bool tree_back(struct tree *t);
/* Put the cursor on a process, opening its category. A process the
 * filter hides is shown: the filter is dropped (filter_dropped is set for
 * the caller to say so), so that one always sees where one went. */
bool tree_goto_process(struct tree *t, size_t process);

/* Show only the processes match[p] says, with the parents of those (so a
 * sub-process keeps its place), or every process again (match NULL).
 * Categories with none of them and the orphan records are left out. The
 * cursor stays on its process if it is still in the tree, else goes to
 * the nearest one after it (before it, at the end). match is copied.
 * False on out-of-memory (nothing changed). */
bool tree_set_filter(struct tree *t, const bool *match);
/* Whether process p is in the tree (always, without a filter). */
bool tree_shows(const struct tree *t, size_t p);
/* Processes of category c in the tree (all of them without a filter). */
size_t tree_category_shown(const struct tree *t, size_t c);
/* Put the cursor on an orphan record, opening their group. */
bool tree_goto_orphan(struct tree *t, size_t orphan);

/* The tree lines in front of process row i's mark, e.g. "│ │ └─" (UTF-8)
 * or "| | `-": one level for the category and one per sub-process depth.
 * Writes at most size bytes (NUL-terminated). */
void tree_process_lines(const struct tree *t, size_t i, bool utf8, char *buf, size_t size);
/* Columns tree_process_lines() takes for a process at depth. */
int tree_process_lines_width(int depth);
/* The name of process p to show in room columns, where width(text) says
 * how wide a text is shown: its name if it fits, else its short name if
 * it has one (the caller cuts what still does not fit). */
const char *tree_process_name(const struct prm_process *p, int room,
                              int (*width)(const char *text, void *arg), void *arg);

const struct tree_row *tree_current(const struct tree *t);
/* Process index under the cursor, or (size_t)-1. */
size_t tree_process(const struct tree *t);
/* Orphan index under the cursor, or (size_t)-1. */
size_t tree_orphan(const struct tree *t);

#endif
