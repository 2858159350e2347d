/* marks.c - marked processes and the edit of them all (see marks.h). */
#include "config.h"
#include "tui/marks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "record.h"
#include "store.h"
#include "text.h"
#include "tui/app_int.h"
#include "tui/detail.h"
#include "tui/edit.h"
#include "tui/keys.h"
#include "tui/lineedit.h"
#include "tui/tree.h"

/* An edit of every marked process, from e to y. */
struct bulk {
	char field[32];
	uint64_t *base;         /* per process: the field's revision when e opened it */
	char *value;            /* validated, while the question waits */
};

bool marks_is(const struct app *a, size_t p)
{
	return a->marked && p < a->m->n_processes && a->marked[p];
}

static bool set_mark(struct app *a, size_t p, bool on)
{
	if (!a->marked) {
		if (!on)
			return true;
		a->marked = calloc(a->m->n_processes + 1, sizeof *a->marked);
		if (!a->marked) {
			app_message(a, true, "out of memory");
			return false;
		}
	}
	if (a->marked[p] != on) {
		a->marked[p] = on;
		if (on)
			a->n_marked++;
		else
			a->n_marked--;
	}
	return true;
}

/* Process i of the group: of category c, or of the model ((size_t)-1). */
static size_t group_proc(const struct app *a, size_t c, size_t i)
{
	return c == (size_t)-1 ? i : a->m->categories[c].processes[i];
}

/* Mark or unmark the processes of the tree's rows that belong to
 * category c (every category for (size_t)-1): all of them, or none if all
 * are marked already. A category's own list is walked, not the model. */
static void toggle_group(struct app *a, size_t c)
{
	const struct tree *t = &a->tree;
	size_t size = c == (size_t)-1 ? a->m->n_processes : a->m->categories[c].n_processes;
	bool all = true;
	size_t n = 0;

	for (size_t i = 0; i < size; i++) {
		size_t p = group_proc(a, c, i);

		if (tree_shows(t, p)) {
			all = all && marks_is(a, p);
			n++;
		}
	}
	for (size_t i = 0; i < size; i++) {
		size_t p = group_proc(a, c, i);

		if (tree_shows(t, p) && !set_mark(a, p, !all))
			return;
	}
	app_message(a, false, "%s the %zu process%s of %s: %zu marked", all ? "unmarked" : "marked",
	            n, n == 1 ? "" : "es", c == (size_t)-1 ? "the tree" : a->m->categories[c].name,
	            a->n_marked);
}

void marks_toggle(struct app *a)
{
	const struct tree_row *r = tree_current(&a->tree);
	size_t p = app_current_proc(a);

	if (a->focus == FOCUS_TREE && r->kind == TREE_CATEGORY) {
		toggle_group(a, r->index);
		return;
	}
	if (a->focus == FOCUS_TREE && r->kind == TREE_MODEL) {
		toggle_group(a, (size_t)-1);
		return;
	}
	if (app_orphan_id(a)) {
		app_message(a, true, "%s is not in model %s: its record is read-only, it cannot be "
		            "marked", app_orphan_id(a), a->m->id);
		return;
	}
	if (p == (size_t)-1) {
		app_message(a, true, "no process selected");
		return;
	}
	if (!set_mark(a, p, !marks_is(a, p)))
		return;
	app_message(a, false, "%s %s: %zu marked%s", marks_is(a, p) ? "marked" : "unmarked",
	            a->m->processes[p].id, a->n_marked,
	            a->n_marked ? " (e edits them all, T clears)" : "");
	if (a->focus == FOCUS_TREE && a->tree.cursor + 1 < a->tree.n_rows) {
		tree_move(&a->tree, 1);
		app_load_record(a);
	}
}

void marks_clear(struct app *a)
{
	if (!a->n_marked) {
		app_message(a, false, "no marks to clear");
		return;
	}
	app_message(a, false, "%zu mark%s cleared", a->n_marked, a->n_marked == 1 ? "" : "s");
	memset(a->marked, 0, a->m->n_processes * sizeof *a->marked);
	a->n_marked = 0;
}

void marks_status(const struct app *a, char *buf, size_t size)
{
	buf[0] = '\0';
	if (a->n_marked)
		snprintf(buf, size, "%zu marked", a->n_marked);
}

/* Marked processes the filter hides. */
static size_t hidden_marked(const struct app *a)
{
	size_t n = 0;

	for (size_t p = 0; p < a->m->n_processes; p++)
		n += marks_is(a, p) && !tree_shows(&a->tree, p);
	return n;
}

void marks_edit_end(struct app *a)
{
	if (!a->bulk)
		return;
	free(a->bulk->base);
	free(a->bulk->value);
	free(a->bulk);
	a->bulk = NULL;
}

/* Read the field of every marked process: its revision into b->base, and
 * whether they all hold the same value (*common: a copy of it, or NULL if
 * they differ). False if the store cannot be read. */
static bool read_marked(struct app *a, struct bulk *b, char **common, bool *several_lines)
{
	bool first = true, same = true;

	*common = NULL;
	*several_lines = false;
	for (size_t p = 0; p < a->m->n_processes; p++) {
		struct record r;
		const struct field_value *fv;
		const char *v;

		if (!marks_is(a, p))
			continue;
		b->base[p] = 0;
		v = "";
		if (a->st) {
			if (!app_store_ok(a, store_get(a->st, a->m->processes[p].id, &r))) {
				app_message(a, true, "cannot read the record of %s: %s",
				            a->m->processes[p].id, store_strerror(STORE_ERROR));
				free(*common);
				*common = NULL;
				return false;
			}
			fv = record_get(&r, b->field);
			b->base[p] = fv ? fv->rev : 0;
			v = fv ? fv->value : "";
		}
		if (strchr(v, '\n'))
			*several_lines = true;
		if (first)
			*common = strdup(v);
		else if (same && (!*common || strcmp(*common, v) != 0))
			same = false;
		first = false;
		if (a->st)
			record_free(&r);
	}
	if (!same) {
		free(*common);
		*common = NULL;
	}
	return true;
}

char *marks_edit_begin(struct app *a, const char *field)
{
	const struct field_def *fd = record_field(field, NULL);
	struct bulk *b;
	char *common, *start;
	bool lines;

	if (!fd || fd->numbered || fd->kind == FIELD_DERIVED) {
		app_message(a, true, "%s is edited one process at a time: T clears the %zu mark%s",
		            field, a->n_marked, a->n_marked == 1 ? "" : "s");
		return NULL;
	}
	b = calloc(1, sizeof *b);
	if (b)
		b->base = calloc(a->m->n_processes + 1, sizeof *b->base);
	if (!b || !b->base) {
		free(b);
		app_message(a, true, "out of memory");
		return NULL;
	}
	snprintf(b->field, sizeof b->field, "%s", field);
	if (!read_marked(a, b, &common, &lines)) {
		free(b->base);
		free(b);
		return NULL;
	}
	if (lines && common) {
		app_message(a, true, "%s has several lines in the marked processes: edit them one "
		            "at a time (E)", field);
		free(common);
		free(b->base);
		free(b);
		return NULL;
	}
	/* Values that differ: the editor starts empty, not on one of them. */
	start = text_escape(common && !lines ? common : "", (size_t)-1, 0);
	free(common);
	marks_edit_end(a);
	a->bulk = b;
	return start;
}

void marks_edit_commit(struct app *a)
{
	struct bulk *b = a->bulk;
	char *why = NULL, *v, hidden[64] = "";
	size_t nh = hidden_marked(a);

	/* Validated as for the process looked at: the fields that may be set
	 * in many (no outcome ratings) do not depend on the process. */
	v = record_validate(b->field, a->le.buf, app_proc_outcomes(a, a->edit_proc), &why);
	if (!v) {
		char *e = app_escaped(a, why ? why : "invalid value");

		snprintf(a->edit_why, sizeof a->edit_why, "%s", e);
		free(e);
		free(why);
		return;
	}
	free(b->value);
	b->value = v;
	if (nh)
		snprintf(hidden, sizeof hidden, ", %zu of them hidden by the filter", nh);
	{
		char *q = text_printf("%s %s to %s for %zu marked process%s%s? y: yes  n: back to "
		                      "the editor", v[0] ? "Set" : "Clear", b->field,
		                      v[0] ? v : "(empty)", a->n_marked, a->n_marked == 1 ? "" : "es",
		                      hidden);
		char *e = app_escaped(a, q ? q : "");

		/* "Clear owner to (empty)" reads badly: say it plainly. */
		if (q && !v[0]) {
			free(e);
			free(q);
			q = text_printf("Clear %s in %zu marked process%s%s? y: yes  n: back to the "
			                "editor", b->field, a->n_marked, a->n_marked == 1 ? "" : "es",
			                hidden);
			e = app_escaped(a, q ? q : "");
		}
		snprintf(a->edit_why, sizeof a->edit_why, "%s", e);
		free(e);
		free(q);
	}
	a->prompt = PROMPT_MARKS;
}

/* "not saved: status of 7.3 was changed by bob at T (#15) since the editor
 * opened" into edit_why, with the question again (theirs may be
 * overwritten: the revisions are read again). */
static void conflict(struct app *a, const struct store_change *info)
{
	char when[32], *t, *e, *common = NULL;
	bool lines;

	detail_format_time(info->time, when, sizeof when);
	t = text_printf("not saved: %s of %s was changed by %s at %s (#%llu) since the editor "
	                "opened; nothing was changed. y: save yours over it  n: back to the editor",
	                info->field, info->process, info->user[0] ? info->user : "someone", when,
	                (unsigned long long)info->rev);
	e = app_escaped(a, t ? t : "not saved: changed since");
	snprintf(a->edit_why, sizeof a->edit_why, "%s", e);
	free(e);
	free(t);
	read_marked(a, a->bulk, &common, &lines);
	free(common);
	app_store_changed(a);
}

static void commit(struct app *a)
{
	struct bulk *b = a->bulk;
	struct store_edit *edits = calloc(a->n_marked + 1, sizeof *edits);
	struct store_change info;
	uint64_t set = 0;
	size_t n = 0, changed = 0;
	enum store_rc rc;

	if (!edits) {
		app_message(a, true, "out of memory");
		return;
	}
	if (!app_writable_store(a)) {
		free(edits);
		snprintf(a->edit_why, sizeof a->edit_why, "%.500s", a->msg);
		a->msg[0] = '\0';
		a->prompt = PROMPT_NONE;
		return;
	}
	for (size_t p = 0; p < a->m->n_processes; p++)
		if (marks_is(a, p))
			edits[n++] = (struct store_edit){
				.process = a->m->processes[p].id, .field = b->field, .value = b->value,
				.n_outcomes = app_proc_outcomes(a, p), .base_rev = b->base[p],
			};
	memset(&info, 0, sizeof info);
	rc = store_set_many(a->st, edits, n, NULL, &info, &set, &changed);
	free(edits);
	app_store_ok(a, rc);    /* damage ends the workbench */
	switch (rc) {
	case STORE_OK: {
		char field[32], *value = strdup(b->value);

		snprintf(field, sizeof field, "%s", b->field);
		a->prompt = PROMPT_NONE;
		a->edit_why[0] = '\0';
		le_free(&a->le);
		a->mode = MODE_MAIN;
		marks_edit_end(a);
		app_store_changed(a);
		if (!changed)
			app_message(a, false, "%s: all %zu marked processes had it already: not changed",
			            field, n);
		else
			app_message(a, false, "%s %s in %zu of %zu marked processes (change set #%llu: "
			            "u undoes all of it)", field, value && value[0] ? "set" : "cleared",
			            changed, n, (unsigned long long)set);
		free(value);
		detail_select_field(&a->detail, field);
		return;
	}
	case STORE_CONFLICT:
		if (!info.needs_justification) {
			conflict(a, &info);
			return;      /* the question stays: y overwrites */
		}
		/* fall through */
	case STORE_INVALID:
		if (info.needs_justification)
			snprintf(a->edit_why, sizeof a->edit_why, "not saved: applicable 'no' needs a "
			         "justification (%s has none): write it first; nothing was changed",
			         info.process);
		else
			snprintf(a->edit_why, sizeof a->edit_why, "not saved: %s of %s: invalid value",
			         b->field, info.process);
		break;
	default:
		snprintf(a->edit_why, sizeof a->edit_why, "not saved: %s; nothing was changed",
		         store_strerror(rc));
		break;
	}
	{
		/* The process ids came from the store's answer: escaped. */
		char *e = app_escaped(a, a->edit_why);

		snprintf(a->edit_why, sizeof a->edit_why, "%s", e);
		free(e);
	}
	a->prompt = PROMPT_NONE;
}

void marks_prompt_key(struct app *a, int key)
{
	if (key == TK_RESIZE)
		return;
	if (key == 'y' || key == 'Y') {
		commit(a);
		return;
	}
	if (key == 'n' || key == 'N' || key == TK_ESC) {
		a->prompt = PROMPT_NONE;
		a->edit_why[0] = '\0';
	}
}

void marks_free(struct app *a)
{
	marks_edit_end(a);
	free(a->marked);
	a->marked = NULL;
	a->n_marked = 0;
}
