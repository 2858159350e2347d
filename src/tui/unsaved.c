/* unsaved.c - recovery files written at a signal, offered at the next
 * start (see unsaved.h). */
#include "config.h"
#include "tui/unsaved.h"

#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "model.h"
#include "record.h"
#include "store.h"
#include "text.h"
#include "tui/app_int.h"
#include "tui/detail.h"
#include "tui/edit.h"
#include "tui/keys.h"
#include "tui/recover.h"
#include "tui/tree.h"

void unsaved_load(struct app *a)
{
	char *dir = recover_dir(), *err = NULL, *refused = NULL;
	size_t n_refused = 0;

	if (!dir || !a->store_key) {
		free(dir);
		return;
	}
	if (!recover_list(dir, a->store_key, &a->recov, &a->n_recov, &n_refused, &refused, &err)) {
		app_message(a, true, "recovery files not read: %s", err ? err : "out of memory");
	} else if (n_refused) {
		app_message(a, true, "recovery file refused, left in place: %s%s", refused ? refused : "?",
		            n_refused > 1 ? " (and more: see the directory)" : "");
	}
	if (a->n_recov && (a->read_only || (a->st && store_readonly(a->st)))) {
		app_message(a, true, "%zu unsaved text%s from an earlier session kept in %s: open the "
		            "store writable to restore %s", a->n_recov, a->n_recov > 1 ? "s" : "", dir,
		            a->n_recov > 1 ? "them" : "it");
		recover_list_free(a->recov, a->n_recov);
		a->recov = NULL;
		a->n_recov = 0;
	}
	free(err);
	free(refused);
	free(dir);
}

/* The process of r in the model shown, if its field can be edited there;
 * else (size_t)-1. */
static size_t restorable(const struct app *a, const struct recovery *r)
{
	size_t p = prm_model_index(a->m, r->process);
	int outcome = 0;

	if (p == (size_t)-1 || !record_field(r->field, &outcome) ||
	    (size_t)outcome > app_proc_outcomes(a, p))
		return (size_t)-1;
	return p;
}

void unsaved_offer(struct app *a)
{
	const struct recovery *r;
	char when[32], pv[160], raw[600];
	size_t p, line;
	int used;

	if (a->prompt != PROMPT_NONE || a->mode != MODE_MAIN || !view_main_on_top(a) || a->pending || a->msg[0] ||
	    a->too_small || a->recov_next >= a->n_recov)
		return;
	r = &a->recov[a->recov_next];
	p = restorable(a, r);
	if (p != (size_t)-1 && p != tree_process(&a->tree)) {
		tree_goto_process(&a->tree, p);
		app_load_record(a);
	}
	detail_format_time(r->time, when, sizeof when);
	line = strcspn(r->text, "\n");
	line = text_fit(r->text, line, 30, &used);
	snprintf(pv, sizeof pv, "%.*s%s", (int)line, r->text,
	         line < r->len ? (a->utf8 ? "\u2026" : "...") : "");
	snprintf(raw, sizeof raw, "[%zu of %zu] unsaved text for %s of %s from %s%s%s (%s), "
	         "based on #%llu: '%s' - ", a->recov_next + 1, a->n_recov, r->field, r->process,
	         when, r->user[0] ? " by " : "", r->user, r->reason[0] ? r->reason : "kept",
	         (unsigned long long)r->base, pv);
	if (p == (size_t)-1)
		snprintf(raw + strlen(raw), sizeof raw - strlen(raw), "%s %s is not in model %s: "
		         "d: discard it, Esc: later (kept)", r->process, r->field, a->m->id);
	else
		snprintf(raw + strlen(raw), sizeof raw - strlen(raw), "r: restore it into the editor, "
		         "d: discard it, Esc: later (kept)");
	app_message(a, true, "%s", raw);
	if (p != (size_t)-1) {
		a->focus = FOCUS_DETAIL;
		detail_select_field(&a->detail, r->field);
	}
	a->prompt = PROMPT_RECOVER;
}

void unsaved_prompt_key(struct app *a, int key)
{
	struct recovery *r;
	size_t p;

	if (a->recov_next >= a->n_recov) {
		a->prompt = PROMPT_NONE;
		return;
	}
	r = &a->recov[a->recov_next];
	p = restorable(a, r);
	switch (key) {
	case 'r':
		if (p == (size_t)-1)
			return;
		a->prompt = PROMPT_NONE;
		a->recov_next++;
		a->msg[0] = '\0';
		edit_restore(a, p, r->field, r->text, r->base, r->editor == RECOVER_LINE,
		             r->path ? strdup(r->path) : NULL);
		break;
	case 'd':
		a->prompt = PROMPT_NONE;
		a->recov_next++;
		if (recover_remove(r))
			app_message(a, false, "unsaved text for %s of %s discarded", r->field, r->process);
		else
			app_message(a, true, "cannot remove %s: %s", r->path, strerror(errno));
		break;
	case TK_ESC: case 'q':      /* q: the user wants out; a second q quits */
		a->prompt = PROMPT_NONE;
		a->recov_next++;
		app_message(a, false, "kept for the next start: %s", r->path ? r->path : "?");
		break;
	default:
		break;      /* the question stays */
	}
}

static char *user_name(const struct app *a)
{
	struct passwd *pw;

	if (a->st)
		return strdup(store_user(a->st));
	pw = getpwuid(geteuid());
	return strdup(pw ? pw->pw_name : "");
}

static void note(char ***notes, size_t *n, char *line)
{
	char **v;

	if (!line)
		return;
	v = realloc(*notes, (*n + 1) * sizeof *v);
	if (!v) {
		free(line);
		return;
	}
	v[(*n)++] = line;
	*notes = v;
}

/* Write one recovery; the old file the text came from (*from) goes once
 * the new one is safe. False if the text could not be kept. */
static bool save_one(struct app *a, const char *what, size_t p, const char *field,
                     const char *text, uint64_t base, enum recover_editor ed, const char *why,
                     char **from, char ***notes, size_t *n)
{
	const struct prm_process *pr = app_proc_at(a, p);
	char *dir = recover_dir(), *err = NULL, *err2 = NULL, *fallback = NULL;
	struct recovery r;
	bool ok;

	memset(&r, 0, sizeof r);
	r.store = a->store_key;
	r.model = (char *)a->m->id;
	r.process = pr ? pr->id : (char *)"?";
	r.field = (char *)field;
	r.base = base;
	r.editor = ed;
	r.pid = (long)getpid();
	r.time = (int64_t)time(NULL);
	r.user = user_name(a);
	r.reason = text_printf("the workbench was ended: %s", why);
	r.text = (char *)text;
	r.len = strlen(text);
	ok = dir && r.store && recover_write(dir, &r, &err);
	if (!ok) {
		/* Somewhere private still, rather than nowhere: named below. */
		const char *tmp = getenv("TMPDIR");

		fallback = text_printf("%s/prmwb-recover-%ld", tmp && tmp[0] == '/' ? tmp : "/tmp",
		                       (long)geteuid());
		ok = fallback && r.store && recover_write(fallback, &r, &err2);
	}
	if (ok && !fallback)
		note(notes, n, text_printf("your %s for %s of %s is kept in %s: the next start of "
		                           "the workbench on this store offers it", what, field,
		                           r.process, r.path));
	else if (ok)
		note(notes, n, text_printf("your %s for %s of %s is kept in %s (%s); move it into "
		                           "%s to have it offered", what, field, r.process, r.path,
		                           err ? err : "no state directory", dir ? dir : "the state "
		                           "directory ($XDG_STATE_HOME/prmwb)"));
	if (ok) {
		if (*from && strcmp(*from, r.path) != 0)
			unlink(*from);
		free(*from);
		*from = NULL;
	} else {
		note(notes, n, text_printf("your %s for %s of %s could not be kept: %s", what, field,
		                           r.process, err2 ? err2 : err ? err : "out of memory"));
	}
	free(r.user);
	free(r.reason);
	free(r.path);
	free(dir);
	free(err);
	free(err2);
	free(fallback);
	return ok;
}

char **unsaved_save(struct app *a, const char *why, size_t *n)
{
	char **notes = NULL;

	*n = 0;
	if (a->mode == MODE_EDIT && a->le.buf &&
	    (strcmp(a->le.buf, a->edit_orig ? a->edit_orig : "") != 0 || a->edit_recovery))
		save_one(a, "unsaved edit", a->edit_proc, a->edit_field, a->le.buf, a->edit_base,
		         RECOVER_LINE, why, &a->edit_recovery, &notes, n);
	if (a->pending &&
	    save_one(a, "unsaved text", a->pending_proc, a->pending_field, a->pending,
	             a->pending_base, RECOVER_EXTERNAL, why, &a->pending_recovery, &notes, n)) {
		/* $EDITOR's file goes once its text is safe in a recovery file. */
		if (a->editor_file) {
			unlink(a->editor_file);
			free(a->editor_file);
			a->editor_file = NULL;
		}
	}
	if (a->editor_file)
		note(&notes, n, text_printf("the file $EDITOR was editing is kept: %s", a->editor_file));
	return notes;
}

void unsaved_quit(struct app *a)
{
	if (a->edit_recovery && a->mode == MODE_EDIT)
		unlink(a->edit_recovery);
	if (a->pending_recovery && a->pending)
		unlink(a->pending_recovery);
}
