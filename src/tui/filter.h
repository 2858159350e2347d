/* filter.h - the tree's filter (F): only the processes of one status, of
 * an owner, at one capability level, below their target, or whose review
 * is due. The workbench holds at most one (a->filter); it is evaluated
 * over the assessment rows the workbench keeps per process (a->arows) and
 * again whenever the store changes, so a process that stops matching
 * leaves the tree (the cursor goes to the next one shown).
 *
 * Rules users see (man prmwb, WORKBENCH):
 * - categories with no process shown are left out, and so are orphan
 *   records; a sub-process shown keeps its parent in the tree;
 * - going to a hidden process (search, an id, a relation, undo, the
 *   overview) drops the filter, with a message, so that one always sees
 *   where one went;
 * - a filter nothing matches is not set (the message says so). */
#ifndef PRMWB_TUI_FILTER_H
#define PRMWB_TUI_FILTER_H

#include <stdbool.h>
#include <stddef.h>

struct app;
struct assess_row;

enum filter_kind {
	FILTER_STATUS,          /* value: record_status_index(), -1: not set */
	FILTER_OWNER,           /* owner: text in the owner, any case; "": no owner */
	FILTER_LEVEL,           /* value: 0-5, or ASSESS_NOT_ASSESSED */
	FILTER_BELOW_TARGET,    /* assessed and under its target */
	FILTER_REVIEW,          /* review date passed or within ASSESS_REVIEW_DUE_DAYS */
};

struct filter {
	enum filter_kind kind;
	int value;
	char *owner;            /* owned; FILTER_OWNER only */
	size_t n_match;         /* processes it matched when last evaluated */
	bool kept_edit;         /* the process being edited was kept in the tree
	                         * though it did not match: evaluate again once
	                         * the edit is over */
	bool *match;            /* per process: whether it matches (owned; set
	                         * by filter_set), so that a commit evaluates
	                         * only the processes it changed */
	long day;               /* the day (assess_day) match was made on */
};

/* A new filter (owner copied; NULL for other kinds), or NULL on
 * out-of-memory. Free with filter_free (NULL is fine). */
struct filter *filter_new(enum filter_kind kind, int value, const char *owner);
void filter_free(struct filter *f);

/* Whether a process matches: its row, its owner ("" if not set; only
 * FILTER_OWNER reads it) and today (assess_day of now, UTC). */
bool filter_match(const struct filter *f, const struct assess_row *row, const char *owner,
                  long today);
/* What it shows, for the status line and messages: "status planned",
 * "owner has alice", "no owner", "level 2", "not assessed", "below target",
 * "review due" (raw; escape before drawing). */
void filter_describe(const struct filter *f, char *buf, size_t size);

/* Set f as the tree's filter (taken; NULL: no filter) and show what it
 * matches. Returns how many processes match; a filter nothing matches is
 * not set (f freed, the old filter kept) and 0 returned. */
size_t filter_set(struct app *a, struct filter *f);
/* The store changed: evaluate the filter again (the tree follows) for the
 * processes that changed (a->changed; all of them if that is not known,
 * or the day is another). The tree is built again only if a process
 * comes in or goes. The process in the line editor stays in the tree
 * until the edit is over, so that a change by someone else does not move
 * the tree away from it. */
void filter_refresh(struct app *a);
/* After a key: if going to a hidden process dropped the filter
 * (tree.filter_dropped), forget it and say so on the message line; if an
 * edit kept its process in the tree and is over, evaluate again. */
void filter_check_dropped(struct app *a);
/* "filter: status planned, 3 of 18" for the status line, or "" without
 * a filter (escaped). */
void filter_status(const struct app *a, char *buf, size_t size);

#endif
