/* filter.c - the tree's filter (see filter.h). */
#include "config.h"
#include "tui/filter.h"

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
#include "tui/tree.h"

struct filter *filter_new(enum filter_kind kind, int value, const char *owner)
{
	struct filter *f = calloc(1, sizeof *f);

	if (!f)
		return NULL;
	f->kind = kind;
	f->value = value;
	if (kind == FILTER_OWNER) {
		f->owner = strdup(owner ? owner : "");
		if (!f->owner) {
			free(f);
			return NULL;
		}
	}
	return f;
}

void filter_free(struct filter *f)
{
	if (!f)
		return;
	free(f->owner);
	free(f->match);
	free(f);
}

bool filter_match(const struct filter *f, const struct assess_row *row, const char *owner,
                  long today)
{
	switch (f->kind) {
	case FILTER_STATUS:
		return row->status == f->value;
	case FILTER_OWNER:
		if (!f->owner[0])
			return !row->has_owner;
		return row->has_owner && owner && text_casestr(owner, f->owner) != NULL;
	case FILTER_LEVEL:
		return row->level == f->value;
	case FILTER_BELOW_TARGET:
		return assess_row_is(row, AC_BELOW_TARGET, today);
	case FILTER_REVIEW:
		return assess_row_is(row, AC_REVIEW_PASSED, today) ||
		       assess_row_is(row, AC_REVIEW_DUE, today);
	}
	return false;
}

void filter_describe(const struct filter *f, char *buf, size_t size)
{
	const struct field_def *st = record_field("status", NULL);

	switch (f->kind) {
	case FILTER_STATUS:
		snprintf(buf, size, "status %s", f->value < 0 || !st ? "not set" :
		         st->choices[f->value]);
		break;
	case FILTER_OWNER:
		if (f->owner[0])
			snprintf(buf, size, "owner has %s", f->owner);
		else
			snprintf(buf, size, "no owner");
		break;
	case FILTER_LEVEL:
		if (f->value == ASSESS_NOT_ASSESSED)
			snprintf(buf, size, "not assessed");
		else
			snprintf(buf, size, "level %d", f->value);
		break;
	case FILTER_BELOW_TARGET:
		snprintf(buf, size, "below target");
		break;
	case FILTER_REVIEW:
		snprintf(buf, size, "review due");
		break;
	}
}

/* Whether process p matches f today. The owner is read from the store
 * for an owner filter only (the rows do not hold it). */
static bool match_one(struct app *a, const struct filter *f, size_t p, long today)
{
	const char *owner = "";
	struct record r;
	bool got = false, m;

	if (f->kind == FILTER_OWNER && f->owner[0] && a->arows[p].has_owner && a->st &&
	    app_store_ok(a, store_get(a->st, a->m->processes[p].id, &r))) {
		const struct field_value *fv = record_get(&r, "owner");

		owner = fv ? fv->value : "";
		got = true;
	}
	m = filter_match(f, &a->arows[p], owner, today);
	if (got)
		record_free(&r);
	return m;
}

/* The processes f matches into match (per process); returns how many. */
static size_t evaluate(struct app *a, const struct filter *f, bool *match, long today)
{
	size_t n = 0;

	for (size_t p = 0; p < a->m->n_processes; p++) {
		match[p] = match_one(a, f, p, today);
		n += match[p];
	}
	return n;
}

/* Show what a->filter matches (or everything); the record on the right
 * follows the cursor. */
static void apply(struct app *a, const bool *match)
{
	size_t before = app_current_proc(a);

	tree_set_filter(&a->tree, match);
	/* No process left in the tree: nothing for the detail pane either. */
	if (tree_process(&a->tree) == (size_t)-1 && a->focus == FOCUS_DETAIL && !app_orphan_id(a))
		a->focus = FOCUS_TREE;
	if (app_current_proc(a) != before)
		app_load_record(a);
}

size_t filter_set(struct app *a, struct filter *f)
{
	long today = assess_day((int64_t)time(NULL));
	size_t n;

	if (!f) {
		filter_free(a->filter);
		a->filter = NULL;
		apply(a, NULL);
		return a->m->n_processes;
	}
	free(f->match);
	f->match = calloc(a->m->n_processes + 1, sizeof *f->match);
	if (!f->match) {
		filter_free(f);
		return 0;
	}
	n = evaluate(a, f, f->match, today);
	if (n) {
		filter_free(a->filter);
		a->filter = f;
		f->n_match = n;
		f->day = today;
		f->kept_edit = false;
		apply(a, f->match);
	} else {
		filter_free(f);
	}
	return n;
}

/* Evaluate again the processes changed[] (all of them if all) and show
 * what matches, with the process being edited kept in the tree. */
static void reevaluate(struct app *a, const size_t *changed, size_t n_changed, bool all)
{
	struct filter *f = a->filter;
	long today = assess_day((int64_t)time(NULL));
	bool moved = false, kept_before;

	if (!f)
		return;
	kept_before = f->kept_edit;
	if (all || today != f->day) {
		/* Nothing matching any more leaves an empty tree, not a
		 * dropped filter: the status line says which filter it is. */
		f->n_match = evaluate(a, f, f->match, today);
		f->day = today;
		moved = true;
	} else {
		for (size_t i = 0; i < n_changed; i++) {
			size_t p = changed[i];
			bool m;

			if (p >= a->m->n_processes)
				continue;
			m = match_one(a, f, p, today);
			if (m == f->match[p])
				continue;
			f->match[p] = m;
			f->n_match = m ? f->n_match + 1 : f->n_match - 1;
			moved = true;
		}
	}
	f->kept_edit = a->mode == MODE_EDIT && a->edit_proc < a->m->n_processes &&
	               !f->match[a->edit_proc];
	if (!moved && f->kept_edit == kept_before)
		return;         /* the tree shows what it showed */
	if (f->kept_edit) {
		bool *shown = malloc((a->m->n_processes + 1) * sizeof *shown);

		if (!shown)
			return;
		memcpy(shown, f->match, a->m->n_processes * sizeof *shown);
		shown[a->edit_proc] = true;
		apply(a, shown);
		free(shown);
		return;
	}
	apply(a, f->match);
}

void filter_refresh(struct app *a)
{
	reevaluate(a, a->changed, a->n_changed, a->changed_all);
}

/* The filter a search dropped (escaped): every key typed into the search
 * clears the message, so it is said again once the search is over. */
static char after_search[sizeof ((struct app *)0)->msg];

void filter_check_dropped(struct app *a)
{
	size_t p, n;
	char what[160];

	if (after_search[0] && a->mode != MODE_SEARCH) {
		/* Where the search ended, not where the filter was dropped. */
		char *id;

		p = app_current_proc(a);
		id = app_escaped(a, p != (size_t)-1 ? a->m->processes[p].id : "?");
		n = strlen(a->msg);
		if (!n)
			a->msg_err = false;
		snprintf(a->msg + n, sizeof a->msg - n, "%sfilter off (%s): %s is not in it",
		         n ? " - " : "", after_search, id);
		after_search[0] = '\0';
		free(id);
	}
	if (a->filter && a->filter->kept_edit && a->mode != MODE_EDIT)
		reevaluate(a, NULL, 0, false);  /* nothing changed but the edit */
	if (!a->tree.filter_dropped)
		return;
	a->tree.filter_dropped = false;
	if (!a->filter)
		return;
	filter_describe(a->filter, what, sizeof what);
	filter_free(a->filter);
	a->filter = NULL;
	p = app_current_proc(a);
	/* After what the key said (e.g. "undid ..."), escaped as app_message's. */
	char *e = app_escaped(a, what);
	char *id = app_escaped(a, p != (size_t)-1 ? a->m->processes[p].id : "?");

	n = strlen(a->msg);
	if (!n)
		a->msg_err = false;
	snprintf(a->msg + n, sizeof a->msg - n, "%sfilter off (%s): %s is not in it",
	         n ? " - " : "", e, id);
	if (a->mode == MODE_SEARCH)
		snprintf(after_search, sizeof after_search, "%s", e);
	free(e);
	free(id);
}

void filter_status(const struct app *a, char *buf, size_t size)
{
	char what[160], *e;

	buf[0] = '\0';
	if (!a->filter)
		return;
	filter_describe(a->filter, what, sizeof what);
	e = app_escaped(a, what);
	snprintf(buf, size, "filter: %s, %zu of %zu", e, a->filter->n_match, a->m->n_processes);
	free(e);
}
