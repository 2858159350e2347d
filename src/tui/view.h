/* view.h - the workbench's views: each screen is a view with its own
 * module and a small table of operations (as tig's struct view_ops), and
 * the views stand on a stack: the main view (tree and detail) at the
 * bottom, help, history or the history entry shown whole above it. The
 * top view draws the screen and gets the keys; Esc/q closes it and the
 * view below is back as it was.
 *
 * Adding a view (a profile view on P, say) is one new file plus its key:
 *
 *   1. keys.h: a request in REQ_INFO, e.g. _(PROFILE, "Profile: ..."),
 *      and keys.c: its binding, { 'P', REQ_PROFILE }. The help screen is
 *      made from that table: nothing else to write.
 *   2. src/tui/view_profile.c: the view's state (a struct of its own,
 *      allocated in open, freed in close) and
 *
 *          const struct view_ops view_profile_ops = {
 *              .name = "profile", .open_req = REQ_PROFILE,
 *              .open = profile_open, .close = profile_close,
 *              .draw = profile_draw, .key = profile_key,
 *              .refresh = profile_refresh, .title = profile_title,
 *          };
 *
 *      declared in this header (one line below, with the others).
 *   3. view.c: &view_profile_ops in the registry; Makefile.am: the file.
 *
 * A request the main view does not handle itself and that a registered
 * view has as open_req opens that view (on top of the main view). Views
 * that open others directly (history opens the whole entry) call
 * view_push(). A view's key() returns VIEW_KEY_CLOSE to go back.
 *
 * What a view may use: the app's state (app_int.h: the model, the store
 * through store.h, the records shown, the message line), the screen
 * (screen.h, clipped and escaped text), the list widget (listview.h) for
 * a scrolling list with a title, and draw.h for the shared pieces (the
 * message line, a line editor prompt). Changes to the store go through
 * edit.h, so every one is one transaction checked against the revision on
 * screen; after any commit every view's refresh() is called (other
 * users' commits too, from the idle poll).
 *
 * A view with work too long for one key (a search over 20,000 processes)
 * does it in slices (busy/work): the workbench runs a slice whenever no
 * key is waiting, and a key that comes in between is handled first.
 *
 * The workbench handles, before any view sees a key: a resize (every
 * view's layout(), then a redraw), input that is not a key, a question
 * waiting for its answer (a conflict, a recovery offer) and a terminal too
 * small to show anything. */
#ifndef PRMWB_TUI_VIEW_H
#define PRMWB_TUI_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "tui/keys.h"

struct app;
struct view;

enum view_key_result {
	VIEW_KEY_DONE,      /* handled (or deliberately ignored) */
	VIEW_KEY_PASS,      /* not this view's: a registered view may open */
	VIEW_KEY_CLOSE,     /* back to the view below (the view is closed) */
};

struct view_ops {
	const char *name;               /* "main", "help", "history", ... */
	enum request open_req;          /* opens it from the main view (REQ_NONE: only view_push) */
	/* Set up v->state (arg: what view_push was given, NULL from a key).
	 * False: not opened (the message line says why), nothing to close. */
	bool (*open)(struct app *a, struct view *v, void *arg);
	/* Free v->state. */
	void (*close)(struct app *a, struct view *v);
	/* Draw the whole screen (a->rows x a->cols; not too small). */
	void (*draw)(struct app *a, struct view *v);
	/* A key (and the request it is bound to, REQ_NONE if none). */
	enum view_key_result (*key)(struct app *a, struct view *v, int key, enum request r);
	/* The store changed (a commit here, or another user's): re-read what
	 * is shown. NULL: nothing to do. */
	void (*refresh)(struct app *a, struct view *v);
	/* The screen's size changed (a->rows, a->cols are new). NULL: the
	 * next draw copes. */
	void (*layout)(struct app *a, struct view *v);
	/* What the view shows, for its title line: escaped, borrowed from the
	 * view's state. NULL: none. */
	const char *(*title)(struct app *a, struct view *v);
	/* Work that is done in slices between keys, so that no key waits for
	 * it (a search over a large model): busy says whether some is left,
	 * work does one slice. NULL: never any. */
	bool (*busy)(struct app *a, struct view *v);
	void (*work)(struct app *a, struct view *v);
	/* Opens by its open_req over any view that passes the key, not only
	 * over the main view (w, export: it exports the view below). */
	bool from_any_view;
};

struct view {
	const struct view_ops *ops;
	void *state;                    /* the view's own */
};

/* The views (one module each). */
extern const struct view_ops view_main_ops;     /* view_main.c: tree and detail */
extern const struct view_ops view_help_ops;     /* view_help.c: keys and marks */
extern const struct view_ops view_history_ops;  /* view_history.c: the history */
extern const struct view_ops view_entry_ops;    /* view_entry.c: one entry whole */
extern const struct view_ops view_export_ops;   /* view_export.c: w, the view below to a file */
extern const struct view_ops view_overview_ops; /* view_overview.c: counts over all records */
extern const struct view_ops view_plist_ops;    /* view_overview.c: the processes of a count */
extern const struct view_ops view_filter_ops;   /* view_filter.c: F's menu */
extern const struct view_ops view_profile_ops;  /* view_profile.c: the profile, rated by key */

/* The registered view opened by request r from the main view, or NULL. */
const struct view_ops *view_for_request(enum request r);

/* Open a view on top (arg for its open). False if it did not open (its
 * message says why) or the stack is full. */
bool view_push(struct app *a, const struct view_ops *ops, void *arg);
/* Close the top view (never the main view). */
void view_pop(struct app *a);
/* The view on top; the main view if none is open above it. */
struct view *view_top(struct app *a);
/* The view under v (the one v goes back to), or NULL. */
struct view *view_below(struct app *a, const struct view *v);
/* Whether the main view is on top (no other view is open). */
bool view_main_on_top(const struct app *a);

/* A key for the top view: a request it passes opens a registered view. */
void view_key(struct app *a, int key, enum request r);
/* Whether the top view has work left between keys; view_work does a
 * slice of it. */
bool view_busy(struct app *a);
void view_work(struct app *a);
/* Draw the top view. */
void view_draw(struct app *a);
/* Every open view re-reads what it shows (bottom first). */
void view_refresh_all(struct app *a);
/* Every open view lays itself out anew (bottom first). */
void view_layout_all(struct app *a);
/* Close every view (the main view last). */
void view_close_all(struct app *a);

#endif
