/* edit.c - editing records from the workbench (see edit.h). */
#include "config.h"
#include "tui/edit.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "model.h"
#include "record.h"
#include "store.h"
#include "text.h"
#include "tui/app_int.h"
#include "tui/detail.h"
#include "tui/lineedit.h"
#include "tui/screen.h"

static const struct field_value *shown_value(const struct app *a, size_t p, const char *field)
{
	return a->rec_proc == p ? record_get(&a->rec, field) : NULL;
}

/* The field 'e'/'E' acts on: the selected one in the detail pane, or the
 * preferred one from the tree. */
/* An orphan record (its process is not in the model) is read-only: the
 * outcomes it may hold cannot be checked without the process, and a
 * change would be recorded against a process nobody can see in this
 * model. Records are never deleted, so refusing loses nothing. */
static bool orphan_refused(struct app *a)
{
	const char *id = app_orphan_id(a);

	if (!id)
		return false;
	app_message(a, true, "%s is not in model %s: its record is kept, read-only here",
	            id, a->m->id);
	return true;
}

const char *edit_target_field(struct app *a)
{
	const struct dline *l = detail_current(&a->detail);

	if (a->focus == FOCUS_DETAIL && l && (l->kind == DL_FIELD || l->kind == DL_OUTCOME))
		return l->field;
	return a->pref_field;
}

void edit_start(struct app *a, const char *field)
{
	size_t p = app_current_proc(a);
	const struct field_value *fv;
	const struct field_def *fd = record_field(field, NULL);
	bool escaped_value;

	if (orphan_refused(a))
		return;
	if (p == (size_t)-1) {
		app_message(a, true, "no process selected");
		return;
	}
	if (!fd) {
		app_message(a, true, "no field %s", field);
		return;
	}
	if (app_read_only_refused(a))
		return;
	if (a->pending && a->pending_proc == p && strcmp(a->pending_field, field) == 0) {
		app_message(a, true, "your unsaved text for %s of %s is kept: E edits it, X discards it",
		            field, a->m->processes[p].id);
		return;
	}
	app_load_record(a);   /* edit what the store holds now */
	fv = shown_value(a, p, field);
	if (fv && strchr(fv->value, '\n')) {
		app_message(a, true, "%s has several lines: press E to edit it in $EDITOR", field);
		return;
	}
	/* A value holding control characters or invalid bytes (written by
	 * another tool, an older version, or damage) is edited as shown,
	 * escaped (^[, \u009B, \xNN): the editor never holds what it cannot
	 * show, Enter without a change writes nothing, and what is saved is
	 * what the user saw. */
	free(a->edit_orig);
	a->edit_orig = text_escape(fv ? fv->value : "", (size_t)-1, 0);
	if (!a->edit_orig || !le_init(&a->le, a->edit_orig)) {
		app_message(a, true, "out of memory");
		return;
	}
	escaped_value = fv && strcmp(a->edit_orig, fv->value) != 0;
	if (fd->kind == FIELD_ENUM)
		le_set_choices(&a->le, fd->choices);
	snprintf(a->edit_field, sizeof a->edit_field, "%s", field);
	a->edit_proc = p;
	a->edit_base = fv ? fv->rev : 0;
	a->edit_why[0] = '\0';
	if (escaped_value)
		snprintf(a->edit_why, sizeof a->edit_why, "%s holds control characters or "
		         "invalid bytes: shown escaped, saved as shown", field);
	a->msg[0] = '\0';
	a->mode = MODE_EDIT;
	detail_select_field(&a->detail, field);
}

/* Copy of the model the store is bound to, before a change that may
 * rebind it (--force-model); NULL without a store. Caller frees. */
static char *bound_before(struct app *a)
{
	const char *b = a->st ? store_bound_model(a->st) : NULL;

	return b ? strdup(b) : NULL;
}

/* After a change: if it rebound the store, say so after msg (other users'
 * sessions without --force-model are refused from now on). */
static void rebound_notice(struct app *a, const char *before)
{
	const char *now = a->st ? store_bound_model(a->st) : NULL;
	size_t n = strlen(a->msg);

	if (before && now && strcmp(before, now) != 0 && n < sizeof a->msg) {
		char *e = app_escaped(a, before);
		snprintf(a->msg + n, sizeof a->msg - n,
		         " - store rebound from model %s to %s (--force-model)", e ? e : "?",
		         a->m->id);
		free(e);
	}
}

enum commit_result {
	COMMIT_SAVED,
	COMMIT_INVALID,     /* reason in edit_why: editing can fix it */
	COMMIT_CONFLICT,    /* someone changed the field since; message set */
	COMMIT_REFUSED,     /* read-only or store error; message set */
};

/* Validate and write one field with the base revision the user saw. On
 * COMMIT_CONFLICT *now_rev is the field's revision now, so the user can
 * save over it deliberately. */
static enum commit_result commit_value(struct app *a, size_t p, const char *field,
                                       const char *value, uint64_t base, uint64_t *now_rev)
{
	const struct prm_process *pr = app_proc_at(a, p);
	size_t nout = app_proc_outcomes(a, p);
	struct store_change info;
	char *why = NULL, *v;
	enum store_rc rc;
	enum commit_result res = COMMIT_REFUSED;
	char *bound = NULL;

	v = record_validate(field, value, nout, &why);
	if (!v) {
		char *e = app_escaped(a, why ? why : "invalid value");
		snprintf(a->edit_why, sizeof a->edit_why, "%s", e);
		free(e);
		free(why);
		return COMMIT_INVALID;
	}
	if (!app_writable_store(a)) {
		free(v);
		return COMMIT_REFUSED;
	}
	memset(&info, 0, sizeof info);
	bound = bound_before(a);
	rc = store_set(a->st, pr->id, field, v, nout, base, &info);
	switch (rc) {
	case STORE_OK:
		res = COMMIT_SAVED;
		if (info.seq == 0) {    /* the value it had: nothing written */
			app_message(a, false, "%s of %s: not changed", field, pr->id);
			break;
		}
		app_message(a, false, "%s of %s: saved (#%llu)", field, pr->id,
		        (unsigned long long)info.seq);
		rebound_notice(a, bound);
		break;
	case STORE_CONFLICT: {
		char when[32];
		const struct field_value *now;

		app_store_changed(a);
		now = shown_value(a, p, field);
		detail_format_time(info.time, when, sizeof when);
		app_message(a, true, "not saved: %s of %s was changed by %s at %s, now '%s'",
		        field, pr->id, info.user, when, now ? now->value : "");
		*now_rev = now ? now->rev : 0;
		res = COMMIT_CONFLICT;
		break;
	}
	case STORE_INVALID:
		if (info.needs_justification && strcmp(field, "justification") == 0)
			/* Clearing it, in its own editor: pointing there helps nobody. */
			snprintf(a->edit_why, sizeof a->edit_why,
			         "justification cannot be empty while applicable is no");
		else if (info.needs_justification)
			snprintf(a->edit_why, sizeof a->edit_why, "%s: applicable 'no' needs a "
			         "justification: write it first (E on Justification)", field);
		else
			snprintf(a->edit_why, sizeof a->edit_why, "%s: invalid value", field);
		free(v);
		free(bound);
		return COMMIT_INVALID;
	default:
		app_message(a, true, "%s of %s not saved: %s", field, pr->id, store_strerror(rc));
		break;
	}
	free(v);
	free(bound);
	app_store_changed(a);
	return res;
}

void edit_key(struct app *a, int key)
{
	enum le_result r = le_key(&a->le, key);

	if (r == LE_CHANGED)
		a->edit_why[0] = '\0';
	if (r == LE_CANCEL) {
		le_free(&a->le);
		a->mode = MODE_MAIN;
		app_message(a, false, "not changed");
		return;
	}
	if (r != LE_COMMIT)
		return;
	if (strcmp(a->le.buf, a->edit_orig) == 0) {
		le_free(&a->le);
		a->mode = MODE_MAIN;
		app_message(a, false, "not changed");
		return;
	}
	uint64_t now_rev = 0;
	switch (commit_value(a, a->edit_proc, a->edit_field, a->le.buf, a->edit_base, &now_rev)) {
	case COMMIT_INVALID:
		break;
	case COMMIT_CONFLICT:
		/* Keep what was typed: their value is on screen and in the
		 * message; Enter again saves ours over it, knowingly. */
		a->edit_base = now_rev;
		snprintf(a->edit_why, sizeof a->edit_why, "%.400s - Enter saves yours over it, "
		         "Esc keeps theirs", a->msg);
		a->msg[0] = '\0';
		break;
	default:
		le_free(&a->le);
		a->mode = MODE_MAIN;
	}
}

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	size_t len = 0, cap = 0, n;
	char tmp[4096];

	if (!f)
		return NULL;
	while ((n = fread(tmp, 1, sizeof tmp, f)) > 0) {
		if (len + n + 1 > cap) {
			cap = (len + n + 1) * 2;
			char *p = realloc(buf, cap);
			if (!p) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = p;
		}
		memcpy(buf + len, tmp, n);
		len += n;
	}
	fclose(f);
	if (!buf)
		buf = calloc(1, 1);
	else
		buf[len] = '\0';
	return buf;
}

/* E: the value in $VISUAL / $EDITOR (fallback vi) on a private temporary
 * file; the terminal is handed over and taken back. The child only execs
 * the editor: it never uses the store. */
static void pending_free(struct app *a)
{
	free(a->pending);
	a->pending = NULL;
	a->pending_why[0] = '\0';
}

bool edit_unsaved(const struct app *a, char *buf, size_t size)
{
	const struct prm_process *pr;

	if (a->mode == MODE_EDIT) {
		pr = app_proc_at(a, a->edit_proc);
		snprintf(buf, size, "unsaved edit of %s of %s", a->edit_field, pr ? pr->id : "?");
		return true;
	}
	if (a->pending) {
		pr = app_proc_at(a, a->pending_proc);
		snprintf(buf, size, "unsaved text for %s of %s", a->pending_field, pr ? pr->id : "?");
		return true;
	}
	return false;
}

void edit_discard(struct app *a)
{
	char what[128];

	if (!edit_unsaved(a, what, sizeof what) || !a->pending) {
		app_message(a, false, "nothing to discard");
		return;
	}
	pending_free(a);
	app_message(a, false, "%s discarded", what);
}

/* Keep text that was not saved; the reason is a->edit_why (invalid) or
 * the message commit_value set (conflict, store error). Takes text. */
static void keep_pending(struct app *a, size_t p, const char *field, char *text, bool invalid)
{
	char why[sizeof a->pending_why];

	snprintf(why, sizeof why, "%s", invalid ? a->edit_why : a->msg);
	if (a->pending != text)
		free(a->pending);
	a->pending = text;
	a->pending_proc = p;
	snprintf(a->pending_field, sizeof a->pending_field, "%s", field);
	snprintf(a->pending_why, sizeof a->pending_why, "%s", why);
	/* Already escaped: not through app_message's escaping again. */
	snprintf(a->msg, sizeof a->msg, "%.400s - your text is kept: E edits it again, X discards it",
	         why);
	a->msg_err = true;
}

/* E: the value in $VISUAL / $EDITOR (fallback vi) on a private temporary
 * file; the terminal is handed over and taken back. The child only execs
 * the editor: it never uses the store. The file starts with the text kept
 * from a save that failed, if any, else the stored value; what the file
 * holds when the editor exits is saved against the revision read before. */
void edit_external(struct app *a)
{
	const char *field = edit_target_field(a);
	const struct field_def *fd = record_field(field, NULL);
	size_t p = app_current_proc(a);
	const struct field_value *fv;
	const char *ed = getenv("VISUAL");
	char path[256], cmd[1024], fieldbuf[32];
	uint64_t base;
	char *old, *neu, *start;
	int fd_tmp, status = 0;
	pid_t pid;

	if (a->pending) {
		/* Back to the kept text, wherever the user is now. */
		p = a->pending_proc;
		snprintf(fieldbuf, sizeof fieldbuf, "%s", a->pending_field);
		field = fieldbuf;
		if (p != tree_process(&a->tree) || app_orphan_id(a)) {
			tree_goto_process(&a->tree, p);
			app_load_record(a);
		}
	} else {
		if (orphan_refused(a))
			return;
		if (p == (size_t)-1) {
			app_message(a, true, "no process selected");
			return;
		}
		if (!fd || (fd->kind != FIELD_TEXT && fd->kind != FIELD_LIST))
			field = "notes";
	}
	if (app_read_only_refused(a))
		return;
	if (!ed || !ed[0])
		ed = getenv("EDITOR");
	if (!ed || !ed[0])
		ed = "vi";
	app_load_record(a);
	fv = shown_value(a, p, field);
	base = fv ? fv->rev : 0;
	old = strdup(fv ? fv->value : "");
	const char *tmpdir = getenv("TMPDIR");
	snprintf(path, sizeof path, "%s/prmwb-%s-XXXXXX", tmpdir && tmpdir[0] ? tmpdir : "/tmp", field);
	fd_tmp = mkstemp(path);
	if (!old || fd_tmp < 0) {
		app_message(a, true, "cannot make a temporary file: %s", strerror(errno));
		free(old);
		if (fd_tmp >= 0)
			close(fd_tmp);
		return;
	}
	start = a->pending ? a->pending : old;
	size_t ol = strlen(start);
	if ((ol && write(fd_tmp, start, ol) != (ssize_t)ol) ||
	    (ol && write(fd_tmp, "\n", 1) != 1) || close(fd_tmp) != 0) {
		app_message(a, true, "cannot write %s: %s", path, strerror(errno));
		unlink(path);
		free(old);
		return;
	}
	snprintf(cmd, sizeof cmd, "%s \"$1\"", ed);
	screen_suspend();
	pid = fork();
	if (pid == 0) {
		dup2(screen_stderr_fd(), STDERR_FILENO);
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		execl("/bin/sh", "sh", "-c", cmd, "sh", path, (char *)NULL);
		_exit(127);
	}
	if (pid > 0)
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	screen_resume();
	if (pid < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		if (a->pending)
			app_message(a, true, "editor '%s' failed%s: your text for %s is still kept "
			            "(E: again, X: discard)", ed, pid < 0 ? " to start" : "", field);
		else
			app_message(a, true, "editor '%s' failed%s: %s not changed", ed,
			            pid < 0 ? " to start" : "", field);
		unlink(path);
		free(old);
		return;
	}
	neu = read_file(path);
	unlink(path);
	if (!neu) {
		app_message(a, true, "cannot read back the edited file%s",
		            a->pending ? ": your text is still kept" : "");
		free(old);
		return;
	}
	size_t nl = strlen(neu);
	while (nl > 0 && neu[nl - 1] == '\n')
		neu[--nl] = '\0';
	if (strcmp(neu, old) == 0) {
		/* The stored value: nothing to save, nothing left to keep. */
		pending_free(a);
		app_message(a, false, "%s not changed", field);
		free(neu);
	} else {
		a->edit_why[0] = '\0';
		a->msg[0] = '\0';
		uint64_t now_rev = 0;

		switch (commit_value(a, p, field, neu, base, &now_rev)) {
		case COMMIT_INVALID:
			keep_pending(a, p, field, neu, true);
			break;
		case COMMIT_CONFLICT:
		case COMMIT_REFUSED:
			keep_pending(a, p, field, neu, false);
			break;
		case COMMIT_SAVED:
			pending_free(a);
			free(neu);
			break;
		}
	}
	detail_select_field(&a->detail, field);
	free(old);
}

/* store_known_fn: the model shown has the process (orphans are read-only). */
static bool in_model(const char *process, void *arg)
{
	return prm_model_index(arg, process) != (size_t)-1;
}

void edit_undo_redo(struct app *a, bool redo)
{
	struct store_change info;
	enum store_rc rc;
	char *bound;

	if (!a->st) {
		app_message(a, true, "nothing to %s", redo ? "redo" : "undo");
		return;
	}
	if (!app_writable_store(a))
		return;
	memset(&info, 0, sizeof info);
	bound = bound_before(a);
	rc = redo ? store_redo_known(a->st, in_model, (void *)a->m, &info)
	          : store_undo_known(a->st, in_model, (void *)a->m, &info);
	switch (rc) {
	case STORE_OK: {
		size_t p = prm_model_index(a->m, info.process);
		if (p != (size_t)-1)
			tree_goto_process(&a->tree, p);
		app_store_changed(a);
		detail_select_field(&a->detail, info.field);
		app_message(a, false, "%s %s of %s (#%llu)", redo ? "redid" : "undid",
		        info.field, info.process, (unsigned long long)info.seq);
		rebound_notice(a, bound);
		break;
	}
	case STORE_NOTFOUND:
		app_message(a, false, "nothing to %s", redo ? "redo" : "undo");
		break;
	case STORE_CONFLICT: {
		char when[32];
		detail_format_time(info.time, when, sizeof when);
		/* Two reasons, as the CLI says them: the change would leave
		 * applicable 'no' without a justification (info.field is then the
		 * other field), or someone changed the field since. */
		if (info.needs_justification)
			app_message(a, true, "cannot %s: %s would be left with applicable 'no' and no "
			            "justification (%s last changed by %s at %s); nothing was changed",
			            redo ? "redo" : "undo", info.process, info.field, info.user, when);
		else
			app_message(a, true, "cannot %s: %s of %s was changed since by %s at %s",
			            redo ? "redo" : "undo", info.field, info.process, info.user, when);
		app_store_changed(a);
		break;
	}
	case STORE_ORPHAN:
		app_message(a, true, "cannot %s: %s is not in model %s", redo ? "redo" : "undo",
		        info.process, a->m->id);
		break;
	default:
		app_message(a, true, "%s failed: %s", redo ? "redo" : "undo", store_strerror(rc));
	}
	free(bound);
}

