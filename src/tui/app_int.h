/* app_int.h - the workbench's state, shared by its modules (app.c: state,
 * records, keys before the views, main loop; view.c and view_*.c: the
 * views; draw.c: layout and shared drawing; edit.c: changes to the store).
 * The main view's state (tree, detail, focus, its prompts) is here too:
 * edit.c and unsaved.c act on the process it shows. Private to src/tui/:
 * nothing outside the workbench includes it. */
#ifndef PRMWB_TUI_APP_INT_H
#define PRMWB_TUI_APP_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store.h"
#include "tui/detail.h"
#include "tui/find.h"
#include "tui/lineedit.h"
#include "tui/tree.h"
#include "tui/view.h"

struct cli;
struct prm_model;
struct prm_process;
struct recovery;
struct search_index;
struct assess_row;
struct filter;
struct bulk;

#define APP_MAX_VIEWS 8

enum focus { FOCUS_TREE, FOCUS_DETAIL };
/* The main view's bottom row: status and hints, or a prompt. */
enum mode { MODE_MAIN, MODE_EDIT, MODE_SEARCH, MODE_GOTO };
/* A question that waits for one key (edit.c): its text and choices are the
 * message (PROMPT_CONFLICT_LINE: edit_why, over the open line editor). */
enum prompt {
	PROMPT_NONE,
	PROMPT_CONFLICT_LINE,   /* the line editor's save met another user's change */
	PROMPT_CONFLICT_E,      /* the kept E text is based on a value changed since */
	PROMPT_RECOVER,         /* a recovery file from an earlier session */
	PROMPT_MARKS,           /* marks.c: set a field in every marked process? */
	PROMPT_CONFLICT_RATE,   /* a one-key rating met another user's change */
	PROMPT_RATE,            /* r in the detail pane: which rating (edit.c) */
};

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
	struct record rec;          /* record of rec_proc or rec_orphan */
	size_t rec_proc;            /* (size_t)-1: none loaded */
	size_t rec_orphan;          /* (size_t)-1: none loaded */
	struct search_index *six;   /* the model's, records' and orphans' text */
	char *marks;                /* per process: status mark */
	char **orphans;             /* ids with a record the model lacks, sorted */
	char *orphan_marks;         /* per orphan: status mark */
	/* Per process: what assess.h derives from its record (level, target,
	 * status, owner, review), kept with the marks for the overview and
	 * the filter (filter.h), which so never read the store themselves. */
	struct assess_row *arows;
	size_t n_orphans;
	uint64_t last_seq;
	/* While the views refresh (view_refresh_all) after commits: the
	 * processes whose records changed since they last looked (model
	 * indices, ascending, each once; a->arows already holds their new
	 * rows), so that a view re-reads only those. changed_all: any may
	 * have (the store appeared, or the log could not say): read all. */
	const size_t *changed;
	size_t n_changed;
	bool changed_all;

	enum focus focus;
	enum mode mode;
	char pref_field[32];        /* field 'e' edits from the tree */

	struct lineedit le;         /* MODE_EDIT, MODE_SEARCH and MODE_GOTO */
	char edit_field[32];
	size_t edit_proc;
	uint64_t edit_base;
	char *edit_orig;
	char edit_why[512];

	/* Text written in E that could not be saved (invalid, a conflict, a
	 * store error): kept, never dropped, until it is saved, discarded with
	 * X, or the user quits after a warning. E reopens the editor on it. */
	char *pending;              /* owned, or NULL */
	size_t pending_proc;
	char pending_field[32];
	char pending_why[512];      /* why it was not saved (escaped) */
	uint64_t pending_base;      /* the field's revision the text is based on */
	bool quit_armed;            /* q pressed once over unsaved work */

	/* Unsaved text and recovery files (edit.c, recover.h): the file a
	 * restored text came from is removed once the text is saved or
	 * discarded; $EDITOR's file is kept when a signal came while it ran. */
	enum prompt prompt;
	uint64_t prompt_rev;        /* PROMPT_CONFLICT_*: their revision shown */
	char *store_key;            /* recover_store_key(db_path) */
	char *edit_recovery;        /* file the open line edit came from, or NULL */
	char *pending_recovery;     /* file the kept E text came from, or NULL */
	char *editor_file;          /* $EDITOR's file left for recovery, or NULL */
	struct recovery *recov;     /* offered at start-up, one after another */
	size_t n_recov, recov_next;
	/* A one-key rating: the field r rates (PROMPT_RATE, based on
	 * prompt_rev), or one refused by a conflict (PROMPT_CONFLICT_RATE):
	 * what 'o' would save over theirs. */
	size_t rate_proc;
	char rate_field[32];
	char rate_value[8];

	/* Where relations were followed from, newest last: < goes back. */
	struct jump { size_t proc; enum focus focus; size_t line, top; } jumps[64];
	size_t n_jumps;

	size_t search_from;         /* where / started (a search.h item) */
	struct find find;           /* the matches of the search typed, or of last_search */
	char *last_search;

	/* The tree's filter (filter.h; NULL: none) and the processes marked
	 * with t (marks.h: per process, NULL until the first mark), and the
	 * change set an edit with marks set waits to confirm. */
	struct filter *filter;
	bool *marked;
	size_t n_marked;
	struct bulk *bulk;

	/* The views, the main view first; the last one is on screen. */
	struct view views[APP_MAX_VIEWS];
	size_t n_views;

	char msg[512];
	bool msg_err;

	int rows, cols, body_h, tree_w, det_x, det_w;
	int tree_need, tree_min;    /* columns of the longest tree line; of the ids */
	bool single, too_small;
	bool script;
	bool quit;
};

/* Set the message line (escaped here; err: shown as an error). */
void app_message(struct app *a, bool err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* s escaped for the terminal; never NULL; the caller frees it. */
char *app_escaped(const struct app *a, const char *s);
/* rc == STORE_OK. Damage (STORE_DAMAGED) ends the workbench as a fault
 * inside the store does: what the user typed is saved, the store is left
 * alone, exit status 2 (fatal.h). */
bool app_store_ok(struct app *a, enum store_rc rc);
/* Process p of the model, or NULL if out of range (borrowed). */
const struct prm_process *app_proc_at(const struct app *a, size_t p);
/* Highest outcome number of process p: the bound of its outcome.N fields. */
size_t app_proc_outcomes(const struct app *a, size_t p);
/* The process the user looks at: the detail's, else the tree's, or (size_t)-1. */
size_t app_current_proc(const struct app *a);
/* Id of the orphan record under the tree's cursor, or NULL (borrowed). */
const char *app_orphan_id(const struct app *a);
/* Rebuild the detail pane's lines for the tree's process at the pane's width. */
void app_rebuild_detail(struct app *a);
/* Re-read the record of the tree's process from the store and rebuild the detail. */
void app_load_record(struct app *a);
/* Refresh what changed in the store since the last look (any process's commits). */
void app_store_changed(struct app *a);
/* True if the store may not be changed (--read-only, or not writable). */
bool app_is_read_only(const struct app *a);
/* True (the one read-only message set) if the store may not be changed. */
bool app_read_only_refused(struct app *a);
/* The store for a write, created on the first one; false (message set) if
 * it cannot be written. */
bool app_writable_store(struct app *a);
/* q: quit, unless that would drop unsaved work (an open line edit, text
 * kept after E could not save it): then warn once; q again quits. */
void app_quit(struct app *a);
/* "#12 2026-11-27 17:19Z user 7.4 owner (undo of #11)", escaped, of a
 * history entry (view_history.c). Caller frees; NULL on out-of-memory. */
struct hist_entry;
char *history_entry_head(const struct app *a, const struct hist_entry *e);
/* Widths of the longest tree line and of the ids (view_main.c): call after
 * the model or the orphans changed (they bound the tree pane's width). */
void view_main_measure_tree(struct app *a);
/* The signal (SIGHUP, SIGTERM, SIGINT) that asked the workbench to end, or 0. */
int app_signal_pending(void);

#endif
