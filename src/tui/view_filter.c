/* view_filter.c - F: the menu that sets the tree's filter (filter.h), on
 * the bottom row over the main view, as mutt's limit and tig's prompts
 * sit there: one key picks what to filter by (s status, o owner, l level,
 * b below target, r review due), a second key the status or level (the
 * tree's own marks: p planned, I implemented, ...), or a line editor the
 * owner. With a filter on, F drops it instead. Esc or q goes back. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess.h"
#include "record.h"
#include "text.h"
#include "tui/app_int.h"
#include "tui/draw.h"
#include "tui/filter.h"
#include "tui/keys.h"
#include "tui/lineedit.h"
#include "tui/screen.h"
#include "tui/view.h"

enum stage { STAGE_WHAT, STAGE_STATUS, STAGE_LEVEL, STAGE_OWNER };

struct fmenu {
	enum stage stage;
};

/* The key that picks status value i in the menu: its tree mark, but n for
 * not-started (whose mark is a blank). */
static int status_key(const char *value)
{
	char m = record_status_mark(value);

	return m == ' ' ? 'n' : m;
}

static bool filter_open(struct app *a, struct view *v, void *arg)
{
	(void)arg;
	if (a->filter) {
		filter_set(a, NULL);
		app_message(a, false, "filter off: all %zu processes shown", a->m->n_processes);
		return false;
	}
	v->state = calloc(1, sizeof(struct fmenu));
	if (!v->state) {
		app_message(a, true, "out of memory");
		return false;
	}
	a->msg[0] = '\0';
	return true;
}

static void filter_close(struct app *a, struct view *v)
{
	struct fmenu *f = v->state;

	if (f && f->stage == STAGE_OWNER)
		le_free(&a->le);
	free(f);
	v->state = NULL;
}

static void filter_draw(struct app *a, struct view *v)
{
	struct fmenu *f = v->state;
	struct view *below = view_below(a, v);
	const struct field_def *st = record_field("status", NULL);
	char line[512];
	size_t n = 0;

	if (below)
		below->ops->draw(a, below);
	switch (f->stage) {
	case STAGE_WHAT:
		snprintf(line, sizeof line, "filter by? s=status o=owner l=level b=below target "
		         "r=review due  Esc: cancel");
		break;
	case STAGE_STATUS:
		n = (size_t)snprintf(line, sizeof line, "status?");
		for (size_t i = 0; st && st->choices[i] && n < sizeof line; i++)
			n += (size_t)snprintf(line + n, sizeof line - n, " %c=%s",
			                      status_key(st->choices[i]), st->choices[i]);
		if (n < sizeof line)
			snprintf(line + n, sizeof line - n, " -=unset  Esc: cancel");
		break;
	case STAGE_LEVEL:
		snprintf(line, sizeof line, "level? 0 1 2 3 4 5 -=not assessed  Esc: cancel");
		break;
	case STAGE_OWNER:
		screen_put(a->rows - 1, 0, a->cols, "", SA_NORMAL, true);
		draw_editor(a, a->rows - 1, "owner has (empty: no owner): ");
		return;
	}
	screen_put(a->rows - 1, 0, a->cols, line, SA_HINT, true);
}

/* Set the filter chosen and say what it shows. */
static void choose(struct app *a, enum filter_kind kind, int value, const char *owner)
{
	struct filter *f = filter_new(kind, value, owner);
	char what[160];
	size_t n;

	if (!f) {
		app_message(a, true, "out of memory");
		return;
	}
	filter_describe(f, what, sizeof what);
	n = filter_set(a, f);
	if (!n)
		app_message(a, true, "no process matches '%s': no filter set", what);
	else
		app_message(a, false, "filter on: %s, %zu of %zu processes (F: off)", what, n,
		            a->m->n_processes);
}

static enum view_key_result filter_key(struct app *a, struct view *v, int key, enum request r)
{
	struct fmenu *f = v->state;
	const struct field_def *st = record_field("status", NULL);

	if (f->stage == STAGE_OWNER) {
		enum le_result res = le_key(&a->le, key);
		char *typed;

		if (res == LE_CANCEL)
			return VIEW_KEY_CLOSE;
		if (res != LE_COMMIT)
			return VIEW_KEY_DONE;
		/* Spaces around what was typed are no part of it. */
		typed = a->le.buf;
		while (*typed == ' ')
			typed++;
		typed = strdup(typed);
		for (size_t n = typed ? strlen(typed) : 0; n && typed[n - 1] == ' ';)
			typed[--n] = '\0';
		choose(a, FILTER_OWNER, 0, typed ? typed : "");
		free(typed);
		return VIEW_KEY_CLOSE;
	}
	if (key == TK_ESC || r == REQ_QUIT || r == REQ_FILTER)
		return VIEW_KEY_CLOSE;
	switch (f->stage) {
	case STAGE_WHAT:
		switch (key) {
		case 's': f->stage = STAGE_STATUS; break;
		case 'l': f->stage = STAGE_LEVEL; break;
		case 'o':
			if (le_init(&a->le, ""))
				f->stage = STAGE_OWNER;
			break;
		case 'b': choose(a, FILTER_BELOW_TARGET, 0, NULL); return VIEW_KEY_CLOSE;
		case 'r': choose(a, FILTER_REVIEW, 0, NULL); return VIEW_KEY_CLOSE;
		default: break;         /* the menu stays */
		}
		return VIEW_KEY_DONE;
	case STAGE_STATUS:
		if (key == '-') {
			choose(a, FILTER_STATUS, -1, NULL);
			return VIEW_KEY_CLOSE;
		}
		for (size_t i = 0; st && st->choices[i]; i++)
			if (status_key(st->choices[i]) == key) {
				choose(a, FILTER_STATUS, (int)i, NULL);
				return VIEW_KEY_CLOSE;
			}
		return VIEW_KEY_DONE;
	case STAGE_LEVEL:
		if (key == '-') {
			choose(a, FILTER_LEVEL, ASSESS_NOT_ASSESSED, NULL);
			return VIEW_KEY_CLOSE;
		}
		if (key >= '0' && key <= '0' + ASSESS_MAX_LEVEL) {
			choose(a, FILTER_LEVEL, key - '0', NULL);
			return VIEW_KEY_CLOSE;
		}
		return VIEW_KEY_DONE;
	case STAGE_OWNER:
		break;
	}
	return VIEW_KEY_DONE;
}

const struct view_ops view_filter_ops = {
	.name = "filter",
	.open_req = REQ_FILTER,
	.open = filter_open,
	.close = filter_close,
	.draw = filter_draw,
	.key = filter_key,
};
