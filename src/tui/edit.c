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
#include "refusal.h"
#include "store.h"
#include "text.h"
#include "tui/app_int.h"
#include "tui/detail.h"
#include "tui/keys.h"
#include "tui/lineedit.h"
#include "tui/marks.h"
#include "tui/ratekeys.h"
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

/* Up to width columns of the first line of s (raw), "…" (or "...")
 * marking that more follows; into buf. Escaped later with the message. */
static void preview(const struct app *a, const char *s, int width, char *buf, size_t size)
{
	size_t line = strcspn(s, "\n"), n;
	int used = 0;

	n = text_fit(s, line, width, &used);
	if (n >= size)
		n = size - 1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (n < strlen(s))
		snprintf(buf + n, size - n, "%s", a->utf8 ? "\u2026" : "...");
}

/* The field's state now (the record is re-read): its value ("" if not
 * set), revision, and who changed it when, into the out parameters; the
 * strings are borrowed from a->rec. */
static void field_now(struct app *a, size_t p, const char *field, const char **value,
                      uint64_t *rev, const char **user, int64_t *time)
{
	const struct field_value *fv;

	app_load_record(a);
	fv = shown_value(a, p, field);
	*value = fv ? fv->value : "";
	*rev = fv ? fv->rev : 0;
	*user = fv && fv->user[0] ? fv->user : "nobody yet";
	*time = fv ? fv->time : 0;
}

/* The line editor on field of process p, on text (NULL: the stored value,
 * escaped) based on revision base (ignored for NULL text: the stored
 * one's). Checks are the caller's. */
static bool line_open(struct app *a, size_t p, const char *field, const char *text, uint64_t base)
{
	const struct field_def *fd = record_field(field, NULL);
	const struct field_value *fv = shown_value(a, p, field);
	bool escaped_value;

	/* A value holding control characters or invalid bytes (written by
	 * another tool, an older version, or damage) is edited as shown,
	 * escaped (^[, \u009B, \xNN): the editor never holds what it cannot
	 * show, Enter without a change writes nothing, and what is saved is
	 * what the user saw. */
	free(a->edit_orig);
	a->edit_orig = text_escape(fv ? fv->value : "", (size_t)-1, 0);
	if (!a->edit_orig || !le_init(&a->le, text ? text : a->edit_orig)) {
		app_message(a, true, "out of memory");
		return false;
	}
	escaped_value = !text && fv && strcmp(a->edit_orig, fv->value) != 0;
	if (fd && fd->kind == FIELD_ENUM)
		le_set_choices(&a->le, fd->choices);
	snprintf(a->edit_field, sizeof a->edit_field, "%s", field);
	a->edit_proc = p;
	a->edit_base = text ? base : fv ? fv->rev : 0;
	a->edit_why[0] = '\0';
	if (escaped_value)
		snprintf(a->edit_why, sizeof a->edit_why, "%s holds control characters or "
		         "invalid bytes: shown escaped, saved as shown", field);
	a->msg[0] = '\0';
	a->mode = MODE_EDIT;
	detail_select_field(&a->detail, field);
	return true;
}

void edit_start(struct app *a, const char *field)
{
	size_t p = app_current_proc(a);
	const struct field_value *fv;
	const struct field_def *fd = record_field(field, NULL);

	if (orphan_refused(a))
		return;
	/* On a category just marked: the edit is the marked processes'. */
	for (size_t i = 0; p == (size_t)-1 && a->marked && i < a->m->n_processes; i++)
		if (a->marked[i])
			p = i;
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
	if (a->n_marked) {
		/* Every marked process at once (marks.h). */
		char *start = marks_edit_begin(a, field);

		if (start && !line_open(a, p, field, start, 0))
			marks_edit_end(a);
		free(start);
		return;
	}
	fv = shown_value(a, p, field);
	if (fv && strchr(fv->value, '\n')) {
		app_message(a, true, "%s has several lines: press E to edit it in $EDITOR", field);
		return;
	}
	line_open(a, p, field, NULL, 0);
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
	COMMIT_CONFLICT,    /* someone changed the field since: the caller asks */
	COMMIT_REFUSED,     /* read-only or store error; message set */
};

/* Validate and write one field with the base revision the user saw. A
 * conflict writes nothing and sets no message: the caller shows both
 * values and asks (conflict_ask_line, conflict_ask_e). */
static enum commit_result commit_value(struct app *a, size_t p, const char *field,
                                       const char *value, uint64_t base)
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
	app_store_ok(a, rc);    /* damage ends the workbench, the text saved */
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
	case STORE_CONFLICT:
		res = COMMIT_CONFLICT;
		break;
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

/* ---- conflicts: both values shown, overwriting theirs a choice ----------- */

/* "not saved: F of P was changed by U at T (#R): theirs '...', yours '...'"
 * (raw; the caller escapes it) into buf, with the field's state re-read;
 * a->prompt_rev gets the revision shown, the one 'o' may overwrite. */
static void conflict_text(struct app *a, size_t p, const char *field, const char *yours,
                          char *buf, size_t size)
{
	const char *value, *user;
	uint64_t rev;
	int64_t t;
	char when[32], th[160], yo[160];
	const struct prm_process *pr = app_proc_at(a, p);

	field_now(a, p, field, &value, &rev, &user, &t);
	a->prompt_rev = rev;
	detail_format_time(t, when, sizeof when);
	preview(a, value, 30, th, sizeof th);
	preview(a, yours, 30, yo, sizeof yo);
	if (rev == 0)
		snprintf(buf, size, "not saved: %s of %s was cleared since: theirs not set, "
		         "yours '%s'", field, pr ? pr->id : "?", yo);
	else
		snprintf(buf, size, "not saved: %s of %s was changed by %.64s at %s (#%llu): "
		         "theirs '%s', yours '%s'", field, pr ? pr->id : "?", user, when,
		         (unsigned long long)rev, th, yo);
}

/* The line editor's save met another user's change: the editor stays open
 * on the user's text, and one key decides. */
static void conflict_ask_line(struct app *a)
{
	char raw[600], *e;

	conflict_text(a, a->edit_proc, a->edit_field, a->le.buf, raw, sizeof raw);
	e = app_escaped(a, raw);
	snprintf(a->edit_why, sizeof a->edit_why, "%.400s - o: save yours over theirs, "
	         "e: edit yours, d: discard yours", e);
	free(e);
	a->prompt = PROMPT_CONFLICT_LINE;
}

/* The kept E text is based on a revision changed since: ask. */
static void conflict_ask_e(struct app *a)
{
	char raw[600];

	if (a->pending_proc != tree_process(&a->tree) || app_orphan_id(a))
		tree_goto_process(&a->tree, a->pending_proc);
	conflict_text(a, a->pending_proc, a->pending_field, a->pending, raw, sizeof raw);
	app_message(a, true, "%.400s - o: save yours over theirs, e: edit both in the editor, "
	            "d: discard yours, Esc: decide later", raw);
	detail_select_field(&a->detail, a->pending_field);
	a->prompt = PROMPT_CONFLICT_E;
}

/* The line edit is over (saved, cancelled, discarded): its recovery file,
 * if it came from one, is not needed any more. */
static void line_close(struct app *a)
{
	marks_edit_end(a);
	le_free(&a->le);
	a->mode = MODE_MAIN;
	a->prompt = PROMPT_NONE;
	if (a->edit_recovery) {
		unlink(a->edit_recovery);
		free(a->edit_recovery);
		a->edit_recovery = NULL;
	}
}

/* Save the line editor's text against base; a conflict asks. */
static void line_commit(struct app *a, uint64_t base)
{
	switch (commit_value(a, a->edit_proc, a->edit_field, a->le.buf, base)) {
	case COMMIT_INVALID:
		a->prompt = PROMPT_NONE;
		break;
	case COMMIT_CONFLICT:
		conflict_ask_line(a);
		break;
	case COMMIT_SAVED:
		line_close(a);
		break;
	case COMMIT_REFUSED:
		/* A store error: the text stays in the editor, the reason above it. */
		snprintf(a->edit_why, sizeof a->edit_why, "%.500s", a->msg);
		a->msg[0] = '\0';
		a->prompt = PROMPT_NONE;
		break;
	}
}

void edit_key(struct app *a, int key)
{
	enum le_result r = le_key(&a->le, key);

	if (r == LE_CHANGED)
		a->edit_why[0] = '\0';
	if (r == LE_CANCEL) {
		line_close(a);
		app_message(a, false, "not changed");
		return;
	}
	if (r != LE_COMMIT)
		return;
	if (a->bulk) {
		marks_edit_commit(a);
		return;
	}
	if (strcmp(a->le.buf, a->edit_orig) == 0 && !a->edit_recovery) {
		line_close(a);
		app_message(a, false, "not changed");
		return;
	}
	line_commit(a, a->edit_base);
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

/* The kept text is saved or discarded: it and the recovery file it came
 * from go. */
static void pending_free(struct app *a)
{
	free(a->pending);
	a->pending = NULL;
	a->pending_why[0] = '\0';
	if (a->prompt == PROMPT_CONFLICT_E)
		a->prompt = PROMPT_NONE;
	if (a->pending_recovery) {
		unlink(a->pending_recovery);
		free(a->pending_recovery);
		a->pending_recovery = NULL;
	}
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

/* Keep text that was not saved (takes text), based on revision base; why
 * (escaped) says why. The message says it is kept and how to go on. */
static void keep_pending(struct app *a, size_t p, const char *field, char *text, uint64_t base,
                         const char *why)
{
	char w[sizeof a->pending_why];

	snprintf(w, sizeof w, "%s", why);
	if (a->pending != text)
		free(a->pending);
	a->pending = text;
	a->pending_proc = p;
	a->pending_base = base;
	snprintf(a->pending_field, sizeof a->pending_field, "%s", field);
	snprintf(a->pending_why, sizeof a->pending_why, "%s", w);
	/* Already escaped: not through app_message's escaping again. */
	snprintf(a->msg, sizeof a->msg, "%.400s - your text is kept: E edits it again, X discards it",
	         w);
	a->msg_err = true;
}

static const char *editor_command(void)
{
	const char *ed = getenv("VISUAL");

	if (!ed || !ed[0])
		ed = getenv("EDITOR");
	if (!ed || !ed[0])
		ed = "vi";
	return ed;
}

static void strip_newlines(char *s)
{
	size_t n = strlen(s);

	while (n > 0 && s[n - 1] == '\n')
		s[--n] = '\0';
}

#define MARK_YOURS "<<<<<<< yours (not saved)"
#define MARK_SPLIT "======="
#define MARK_THEIRS ">>>>>>> theirs"

/* Whether s still holds a conflict marker line made by conflict_file. */
static bool has_markers(const char *s)
{
	for (const char *l = s; l; l = strchr(l, '\n'), l = l ? l + 1 : NULL)
		if (strncmp(l, MARK_YOURS, strlen(MARK_YOURS)) == 0 ||
		    strncmp(l, MARK_THEIRS, strlen(MARK_THEIRS)) == 0)
			return true;
	return false;
}

/* Run $VISUAL / $EDITOR (fallback vi) on a private temporary file holding
 * start, for field of process p; the terminal is handed over and taken
 * back. The child only execs the editor: it never uses the store. What the
 * file holds afterwards is saved against base; text that cannot be saved
 * is kept (a->pending), never dropped:
 * - an editor that fails (POSIX vi exits 1 after any ex error) but changed
 *   the file: its text is kept, not saved;
 * - a signal that ends the workbench while the editor runs (a dropped
 *   link): its text is kept and the file too, for the recovery file the
 *   main loop writes. */
static void run_editor(struct app *a, size_t p, const char *field, const char *start,
                       uint64_t base)
{
	const char *ed = editor_command();
	const struct field_value *fv;
	const char *tmpdir = getenv("TMPDIR");
	char path[256], cmd[1024], st_why[96];
	char *old, *neu, *handed;
	int fd_tmp, status = 0, sig;
	struct sigaction ign, old_int, old_quit;
	pid_t pid;
	bool failed;

	fv = shown_value(a, p, field);
	old = strdup(fv ? fv->value : "");
	handed = strdup(start);
	snprintf(path, sizeof path, "%s/prmwb-%s-XXXXXX", tmpdir && tmpdir[0] ? tmpdir : "/tmp", field);
	fd_tmp = mkstemp(path);
	if (!old || !handed || fd_tmp < 0) {
		app_message(a, true, "cannot make a temporary file: %s", strerror(errno));
		free(old);
		free(handed);
		if (fd_tmp >= 0)
			close(fd_tmp);
		return;
	}
	strip_newlines(handed);
	size_t ol = strlen(start);
	if ((ol && write(fd_tmp, start, ol) != (ssize_t)ol) ||
	    (ol && start[ol - 1] != '\n' && write(fd_tmp, "\n", 1) != 1) || close(fd_tmp) != 0) {
		app_message(a, true, "cannot write %s: %s", path, strerror(errno));
		unlink(path);
		free(old);
		free(handed);
		return;
	}
	snprintf(cmd, sizeof cmd, "%s \"$1\"", ed);
	screen_suspend();
	/* As system() does: Ctrl-C and Ctrl-\ on the terminal are the editor's
	 * while it runs, not the workbench's. */
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	pid = fork();
	if (pid == 0) {
		dup2(screen_stderr_fd(), STDERR_FILENO);
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		execl("/bin/sh", "sh", "-c", cmd, "sh", path, (char *)NULL);
		_exit(127);
	}
	if (pid > 0)
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	screen_resume();
	sig = app_signal_pending();
	failed = pid < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0;
	if (pid < 0)
		snprintf(st_why, sizeof st_why, "failed to start");
	else if (WIFSIGNALED(status))
		snprintf(st_why, sizeof st_why, "was killed by signal %d", WTERMSIG(status));
	else
		snprintf(st_why, sizeof st_why, "exited with status %d", WEXITSTATUS(status));
	neu = pid < 0 ? NULL : read_file(path);
	if (neu)
		strip_newlines(neu);

	if (sig) {
		/* The workbench ends: what the editor left that is not stored is
		 * kept, and so is the file until the recovery file is written. */
		if (neu && strcmp(neu, old) == 0) {
			if (a->pending)
				pending_free(a);
			free(neu);
			unlink(path);
		} else {
			if (neu)
				keep_pending(a, p, field, neu, base, "the workbench was ended while the "
				             "editor ran");
			free(a->editor_file);
			a->editor_file = strdup(path);
		}
	} else if (!neu) {
		app_message(a, true, "editor '%s' %s: cannot read back %s%s", ed, st_why, path,
		            a->pending ? ": your text is still kept" : "");
		unlink(path);
	} else if (failed && strcmp(neu, handed) == 0) {
		if (a->pending)
			app_message(a, true, "editor '%s' %s: your text for %s is still kept "
			            "(E: again, X: discard)", ed, st_why, field);
		else
			app_message(a, true, "editor '%s' %s: %s not changed", ed, st_why, field);
		free(neu);
		unlink(path);
	} else if (strcmp(neu, old) == 0) {
		/* The stored value: nothing to save, nothing left to keep. */
		if (a->pending)
			pending_free(a);
		app_message(a, false, "%s not changed", field);
		free(neu);
		unlink(path);
	} else if (failed) {
		/* It wrote something and then failed (vi after an ex error):
		 * keep that, do not guess whether it is what the user wanted. */
		char why[256], *e = app_escaped(a, ed);

		snprintf(why, sizeof why, "editor '%.60s' %s after changing the text: not saved", e,
		         st_why);
		free(e);
		keep_pending(a, p, field, neu, base, why);
		unlink(path);
	} else if (has_markers(neu)) {
		keep_pending(a, p, field, neu, base, "the conflict markers (<<<<<<< yours, "
		             ">>>>>>> theirs) are still in it: leave only the text to save");
		unlink(path);
	} else {
		unlink(path);
		a->edit_why[0] = '\0';
		a->msg[0] = '\0';
		switch (commit_value(a, p, field, neu, base)) {
		case COMMIT_INVALID:
			keep_pending(a, p, field, neu, base, a->edit_why);
			break;
		case COMMIT_CONFLICT:
			keep_pending(a, p, field, neu, base, "changed by someone else since");
			conflict_ask_e(a);
			break;
		case COMMIT_REFUSED: {
			char why[sizeof a->msg];

			snprintf(why, sizeof why, "%s", a->msg);
			keep_pending(a, p, field, neu, base, why);
			break;
		}
		case COMMIT_SAVED:
			if (a->pending)
				pending_free(a);
			free(neu);
			break;
		}
	}
	detail_select_field(&a->detail, field);
	free(old);
	free(handed);
}

/* E: the value in the editor, or the text kept from a save that failed
 * (wherever the user is now); kept text based on a value changed since
 * asks first. */
void edit_external(struct app *a)
{
	const char *field = edit_target_field(a);
	const struct field_def *fd = record_field(field, NULL);
	size_t p = app_current_proc(a);
	const struct field_value *fv;
	char fieldbuf[32];

	if (a->pending) {
		p = a->pending_proc;
		snprintf(fieldbuf, sizeof fieldbuf, "%s", a->pending_field);
		field = fieldbuf;
		if (p != tree_process(&a->tree) || app_orphan_id(a))
			tree_goto_process(&a->tree, p);
	} else {
		if (orphan_refused(a))
			return;
		if (p == (size_t)-1) {
			app_message(a, true, "no process selected");
			return;
		}
		if (a->n_marked) {
			app_message(a, true, "E edits one process: e edits the %zu marked ones, "
			            "T clears the marks", a->n_marked);
			return;
		}
		if (!fd || (fd->kind != FIELD_TEXT && fd->kind != FIELD_LIST))
			field = "notes";
	}
	if (app_read_only_refused(a))
		return;
	app_load_record(a);
	fv = shown_value(a, p, field);
	if (a->pending) {
		if ((fv ? fv->rev : 0) != a->pending_base) {
			conflict_ask_e(a);
			return;
		}
		run_editor(a, p, field, a->pending, a->pending_base);
		return;
	}
	run_editor(a, p, field, fv ? fv->value : "", fv ? fv->rev : 0);
}

/* e in the E conflict: both texts in the editor, git-like; what is saved
 * is based on their revision (the user has seen it). */
static void conflict_edit_both(struct app *a)
{
	const char *value, *user;
	uint64_t rev;
	int64_t t;
	char when[32], *u, *both;

	field_now(a, a->pending_proc, a->pending_field, &value, &rev, &user, &t);
	if (rev != a->prompt_rev) {     /* changed again since the question */
		conflict_ask_e(a);
		return;
	}
	detail_format_time(t, when, sizeof when);
	u = text_escape(user, (size_t)-1, 0);
	both = text_printf(MARK_YOURS "\n%s%s" MARK_SPLIT "\n%s%s" MARK_THEIRS " (%s, %s, #%llu)\n",
	                   a->pending, a->pending[0] ? "\n" : "", value, value[0] ? "\n" : "",
	                   u ? u : "?", when, (unsigned long long)rev);
	free(u);
	if (!both) {
		app_message(a, true, "out of memory");
		return;
	}
	a->prompt = PROMPT_NONE;
	a->msg[0] = '\0';
	run_editor(a, a->pending_proc, a->pending_field, both, rev);
	free(both);
}

/* A one-key rating met another user's change: both values, and one key
 * decides. */
static void conflict_ask_rate(struct app *a)
{
	char raw[600];

	conflict_text(a, a->rate_proc, a->rate_field, a->rate_value[0] ? a->rate_value : "(clear)",
	              raw, sizeof raw);
	app_message(a, true, "%.400s - o: save yours over theirs, any other key: keep theirs", raw);
	a->prompt = PROMPT_CONFLICT_RATE;
}

/* Commit the rating held in a->rate_* against base. */
static bool rate_commit(struct app *a, uint64_t base)
{
	const struct prm_process *pr = app_proc_at(a, a->rate_proc);

	a->edit_why[0] = '\0';
	switch (commit_value(a, a->rate_proc, a->rate_field, a->rate_value, base)) {
	case COMMIT_SAVED:
		return true;
	case COMMIT_CONFLICT:
		conflict_ask_rate(a);
		return false;
	case COMMIT_INVALID:
		app_message(a, true, "%s of %s not saved: %s", a->rate_field, pr ? pr->id : "?",
		            a->edit_why);
		a->edit_why[0] = '\0';
		return false;
	case COMMIT_REFUSED:
		break;
	}
	return false;
}

bool edit_rate(struct app *a, size_t p, const char *field, const char *value, uint64_t base)
{
	if (p >= a->m->n_processes) {
		app_message(a, true, "no process selected");
		return false;
	}
	if (app_read_only_refused(a))
		return false;
	/* The conflict question reads the field through the record shown. */
	if (tree_process(&a->tree) != p || app_orphan_id(a))
		tree_goto_process(&a->tree, p);
	a->rate_proc = p;
	snprintf(a->rate_field, sizeof a->rate_field, "%s", field);
	snprintf(a->rate_value, sizeof a->rate_value, "%s", value);
	return rate_commit(a, base);
}

void edit_rate_start(struct app *a)
{
	const struct dline *l = detail_current(&a->detail);
	const struct field_def *fd = l ? record_field(l->field, NULL) : NULL;
	size_t p = app_current_proc(a);
	const struct field_value *fv;

	if (orphan_refused(a))
		return;
	if (a->focus != FOCUS_DETAIL || !l || p == (size_t)-1 ||
	    !(l->kind == DL_OUTCOME || (l->kind == DL_FIELD && fd && fd->cap_level > 0))) {
		app_message(a, true, "r rates an outcome or a process attribute (PA): select one "
		            "in the detail pane first (Tab, j/k)");
		return;
	}
	if (app_read_only_refused(a))
		return;
	fv = shown_value(a, p, l->field);
	a->rate_proc = p;
	snprintf(a->rate_field, sizeof a->rate_field, "%s", l->field);
	a->prompt_rev = fv ? fv->rev : 0;      /* the revision on screen */
	a->prompt = PROMPT_RATE;
	app_message(a, false, "rate %s of %s (now %s): n/p/l/f, -/+ refine, x clear, Esc cancel",
	            l->field, a->m->processes[p].id, fv && fv->value[0] ? fv->value : "not rated");
}

/* The key after r. */
static void rate_prompt_key(struct app *a, int key)
{
	const struct field_value *fv = shown_value(a, a->rate_proc, a->rate_field);
	const struct rate_key *k = rate_key_of(key);
	enum assess_rating cur = assess_rating_parse(fv ? fv->value : NULL), next;
	const char *why;
	char field[32], name[32];

	a->prompt = PROMPT_NONE;
	snprintf(field, sizeof field, "%s", a->rate_field);
	if (key == TK_ESC) {
		app_message(a, false, "r cancelled: %s not changed", field);
		return;
	}
	if (!k) {
		app_message(a, true, "%s not changed: r is followed by n, p, l, f, -, +, x or Delete, "
		            "not %s", field, keys_name(key, name, sizeof name));
		return;
	}
	if (!rate_apply(k, cur, &next, &why)) {
		app_message(a, true, "%s of %s is %s: %s", field, a->m->processes[a->rate_proc].id,
		            cur ? assess_rating_text(cur) : "not rated", why);
		return;
	}
	if (strcmp(fv ? fv->value : "", assess_rating_text(next)) == 0) {
		app_message(a, false, "%s of %s is %s already: nothing to save", field,
		            a->m->processes[a->rate_proc].id, next ? assess_rating_text(next) :
		            "not rated");
		return;
	}
	edit_rate(a, a->rate_proc, field, assess_rating_text(next), a->prompt_rev);
	detail_select_field(&a->detail, field);
}

void edit_prompt_key(struct app *a, int key)
{
	if (key == TK_RESIZE)
		return;
	if (a->prompt == PROMPT_RATE) {
		rate_prompt_key(a, key);
		return;
	}
	if (a->prompt == PROMPT_CONFLICT_RATE) {
		const struct prm_process *pr = app_proc_at(a, a->rate_proc);

		a->prompt = PROMPT_NONE;
		if (key == 'o') {
			rate_commit(a, a->prompt_rev);
			return;
		}
		app_message(a, false, "%s of %s: theirs kept, yours (%s) not saved", a->rate_field,
		            pr ? pr->id : "?", a->rate_value[0] ? a->rate_value : "clear");
		return;
	}
	if (a->prompt == PROMPT_CONFLICT_LINE) {
		switch (key) {
		case 'o':
			line_commit(a, a->prompt_rev);
			break;
		case 'e': case TK_ESC: {
			const char *value, *user;
			uint64_t rev;
			int64_t t;
			char th[160], raw[300], *e;

			field_now(a, a->edit_proc, a->edit_field, &value, &rev, &user, &t);
			if (rev != a->prompt_rev) {
				conflict_ask_line(a);
				break;
			}
			a->prompt = PROMPT_NONE;
			a->edit_base = rev;
			preview(a, value, 40, th, sizeof th);
			snprintf(raw, sizeof raw, "theirs: '%s' (%.64s) - Enter saves yours in its place, "
			         "Esc cancels yours", th, user);
			e = app_escaped(a, raw);
			snprintf(a->edit_why, sizeof a->edit_why, "%s", e);
			free(e);
			break;
		}
		case 'd': {
			const struct prm_process *pr = app_proc_at(a, a->edit_proc);

			line_close(a);
			app_message(a, false, "your edit of %s of %s discarded: theirs kept", a->edit_field,
			            pr ? pr->id : "?");
			break;
		}
		default:
			break;      /* the question stays */
		}
		return;
	}
	if (a->prompt == PROMPT_CONFLICT_E) {
		const struct prm_process *pr = app_proc_at(a, a->pending_proc);
		char field[32];

		snprintf(field, sizeof field, "%s", a->pending_field);
		switch (key) {
		case 'o':
			a->prompt = PROMPT_NONE;
			a->edit_why[0] = '\0';
			switch (commit_value(a, a->pending_proc, field, a->pending, a->prompt_rev)) {
			case COMMIT_SAVED:
				pending_free(a);
				break;
			case COMMIT_CONFLICT:
				conflict_ask_e(a);
				break;
			case COMMIT_INVALID:
				keep_pending(a, a->pending_proc, field, a->pending, a->pending_base,
				             a->edit_why);
				break;
			case COMMIT_REFUSED:
				break;
			}
			break;
		case 'e':
			conflict_edit_both(a);
			break;
		case 'd':
			pending_free(a);
			app_message(a, false, "your text for %s of %s discarded: theirs kept", field,
			            pr ? pr->id : "?");
			break;
		case TK_ESC:
			a->prompt = PROMPT_NONE;
			app_message(a, true, "your text for %s of %s is still kept: E decides, X discards",
			            field, pr ? pr->id : "?");
			break;
		default:
			break;
		}
	}
}

bool edit_restore(struct app *a, size_t p, const char *field, const char *text, uint64_t base,
                  bool line, char *from)
{
	const struct field_value *fv;

	if (a->mode == MODE_EDIT || a->pending || p >= a->m->n_processes) {
		free(from);
		return false;
	}
	tree_goto_process(&a->tree, p);
	a->focus = FOCUS_DETAIL;
	app_load_record(a);
	fv = shown_value(a, p, field);
	if (line && !strchr(text, '\n')) {
		if (!line_open(a, p, field, text, base)) {
			free(from);
			return false;
		}
		free(a->edit_recovery);
		a->edit_recovery = from;
		if ((fv ? fv->rev : 0) != base)
			conflict_ask_line(a);
		return true;
	}
	char *t = strdup(text);

	if (!t) {
		free(from);
		app_message(a, true, "out of memory");
		return false;
	}
	keep_pending(a, p, field, t, base, "recovered from an earlier session");
	free(a->pending_recovery);
	a->pending_recovery = from;
	if ((fv ? fv->rev : 0) != base)
		conflict_ask_e(a);
	else
		run_editor(a, p, field, a->pending, base);
	return true;
}

/* store_known_fn: the model shown has the process (orphans are read-only). */
static bool in_model(const char *process, void *arg)
{
	return prm_model_index(arg, process) != (size_t)-1;
}

/* Undo the newest change of the user (seq 0) or the change #seq; redo the
 * change undone last. */
static void undo_redo(struct app *a, bool redo, uint64_t seq)
{
	struct store_change info;
	struct store_set_report rep;
	enum store_rc rc;
	char *bound;

	if (!a->st) {
		app_message(a, true, "nothing to %s", redo ? "redo" : "undo");
		return;
	}
	if (!app_writable_store(a))
		return;
	memset(&info, 0, sizeof info);
	memset(&rep, 0, sizeof rep);
	bound = bound_before(a);
	/* A change set (an edit of marked processes) is undone and redone
	 * whole; info names its first field, as for a set of one. */
	rc = seq ? store_undo_seq(a->st, seq, in_model, (void *)a->m, &info)
	   : redo ? store_redo_set(a->st, 0, in_model, (void *)a->m, &rep)
	          : store_undo_set(a->st, 0, in_model, (void *)a->m, &rep);
	if (!seq && rc == STORE_OK && rep.n_done) {
		info = rep.done[0];
		info.seq = rep.written;
	} else if (!seq && rep.n_refused) {
		info = rep.refused[0];
	}
	app_store_ok(a, rc);
	switch (rc) {
	case STORE_OK: {
		size_t p = prm_model_index(a->m, info.process);
		if (p != (size_t)-1)
			tree_goto_process(&a->tree, p);
		app_store_changed(a);
		detail_select_field(&a->detail, info.field);
		if (rep.n_done > 1)
			app_message(a, false, "%s change set #%llu: %s of %zu processes (#%llu)",
			            redo ? "redid" : "undid", (unsigned long long)rep.set, info.field,
			            rep.n_done, (unsigned long long)info.seq);
		else
			app_message(a, false, "%s %s of %s (#%llu)", redo ? "redid" : "undid",
			            info.field, info.process, (unsigned long long)info.seq);
		rebound_notice(a, bound);
		break;
	}
	case STORE_NOTFOUND:
		if (!seq) {
			app_message(a, false, "nothing to %s", redo ? "redo" : "undo");
			break;
		}
		/* fall through */
	case STORE_CONFLICT: {
		/* The CLI's words: the real reason and who blocks it (every
		 * field that blocks, for a set of several). */
		char *why = !seq && rep.n_fields > 1 ?
		            refusal_set_text(rc, &rep, redo ? "redo" : "undo") :
		            refusal_text(rc, &info, redo ? "redo" : "undo", seq,
		                         "To undo an older change of yours: L, select it, u");

		app_message(a, true, "%s", why ? why : "out of memory");
		free(why);
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
	store_set_report_free(&rep);
	free(bound);
}

void edit_undo_redo(struct app *a, bool redo)
{
	undo_redo(a, redo, 0);
}

void edit_undo_entry(struct app *a, uint64_t seq)
{
	undo_redo(a, false, seq);
}
