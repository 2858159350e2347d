/* app.c - the workbench: state, records shown (summaries, the record on
 * the right, other processes' commits), what every key goes through before
 * the view on top gets it, and the main loop (keyboard or script).
 *
 * The views are modules of their own (view.h: view_main.c, view_help.c,
 * view_history.c, view_entry.c); changes to the store are in edit.c; view
 * logic lives in tree.c, detail.c, lineedit.c and find.c (no curses). The
 * store is only touched through store.h: every commit is one
 * store_set/undo/redo (one transaction). */
#include "config.h"

#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "assess.h"
#include "cli.h"
#include "fatal.h"
#include "model.h"
#include "record.h"
#include "search.h"
#include "store.h"
#include "text.h"
#include "tui/app_int.h"
#include "tui/detail.h"
#include "tui/draw.h"
#include "tui/edit.h"
#include "tui/filter.h"
#include "tui/find.h"
#include "tui/keys.h"
#include "tui/lastpos.h"
#include "tui/lineedit.h"
#include "tui/marks.h"
#include "tui/screen.h"
#include "tui/script.h"
#include "tui/recover.h"
#include "tui/tree.h"
#include "tui/unsaved.h"
#include "tui/view.h"

static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
	got_signal = sig;
}

int app_signal_pending(void)
{
	return got_signal;
}

void app_message(struct app *a, bool err, const char *fmt, ...)
{
	va_list ap;
	char buf[sizeof a->msg];
	char *e;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	e = text_escape(buf, (size_t)-1, a->esc);
	snprintf(a->msg, sizeof a->msg, "%s", e ? e : "");
	free(e);
	a->msg_err = err;
}

bool app_store_ok(struct app *a, enum store_rc rc)
{
	if (rc == STORE_DAMAGED)
		fatal_store_detected(store_path(a->st), store_error(a->st));
	return rc == STORE_OK;
}

const struct prm_process *app_proc_at(const struct app *a, size_t p)
{
	return p < a->m->n_processes ? &a->m->processes[p] : NULL;
}

/* ---- records ------------------------------------------------------------ */

size_t app_proc_outcomes(const struct app *a, size_t p)
{
	const struct prm_process *pr = app_proc_at(a, p);
	int max = 0;

	for (size_t i = 0; pr && i < pr->n_outcomes; i++)
		if (pr->outcomes[i].number > max)
			max = pr->outcomes[i].number;
	return (size_t)max;
}

/* A record's values, one a line, for search: malloc'd (the caller frees
 * it), NULL on out-of-memory. */
static char *record_text(const struct record *r)
{
	size_t len = 1, k = 0;
	char *t;

	for (size_t i = 0; i < r->n_fields; i++)
		len += strlen(r->fields[i].value) + 1;
	t = malloc(len);
	for (size_t i = 0; t && i < r->n_fields; i++) {
		size_t n = strlen(r->fields[i].value);
		memcpy(t + k, r->fields[i].value, n);
		t[k + n] = '\n';
		k += n + 1;
	}
	if (t)
		t[k] = '\0';
	return t;
}

/* Refresh the search text and status mark of one process from the store. */
static void refresh_summary(struct app *a, size_t p)
{
	struct record r;
	char *t;

	if (!a->st || p >= a->m->n_processes)
		return;
	if (!app_store_ok(a, store_get(a->st, a->m->processes[p].id, &r)))
		return;
	t = record_text(&r);
	if (t)
		search_index_set_record(a->six, p, t);
	free(t);
	const struct field_value *s = record_get(&r, "status");
	a->marks[p] = record_status_mark(s ? s->value : "");
	assess_row(a->m, p, &r, &a->arows[p]);
	record_free(&r);
}

static void free_orphans(struct app *a)
{
	for (size_t i = 0; i < a->n_orphans; i++)
		free(a->orphans[i]);
	free(a->orphans);
	free(a->orphan_marks);
	a->orphans = NULL;
	a->orphan_marks = NULL;
	a->n_orphans = 0;
}

/* Records of process ids the model lacks: kept in the store, never deleted,
 * shown in the tree's last group. Read again when the store shows a change
 * to a process the model lacks. */
static void load_orphans(struct app *a)
{
	char **ids = NULL, **texts;
	size_t n = 0, k = 0, before = a->n_orphans;

	if (!a->st || !app_store_ok(a, store_list(a->st, &ids, &n)))
		return;
	free_orphans(a);
	a->orphan_marks = calloc(n + 1, 1);
	texts = calloc(n + 1, sizeof *texts);   /* their record text, for search */
	for (size_t i = 0; i < n; i++) {
		struct record r;

		if (prm_model_index(a->m, ids[i]) != (size_t)-1 || !a->orphan_marks) {
			free(ids[i]);
			continue;
		}
		ids[k] = ids[i];
		a->orphan_marks[k] = record_status_mark("");
		if (app_store_ok(a, store_get(a->st, ids[k], &r))) {
			const struct field_value *s = record_get(&r, "status");
			a->orphan_marks[k] = record_status_mark(s ? s->value : "");
			if (texts)
				texts[k] = record_text(&r);
			record_free(&r);
		}
		k++;
	}
	a->orphans = ids;
	a->n_orphans = a->orphan_marks ? k : 0;
	search_index_set_orphans(a->six, (const char *const *)ids,
	                         (const char *const *)texts, a->n_orphans);
	for (size_t i = 0; texts && i < k; i++)
		free(texts[i]);
	free(texts);
	tree_set_orphans(&a->tree, a->n_orphans);
	if (a->n_orphans != before) {
		view_main_measure_tree(a);
		if (a->rows)    /* laid out already: the tree may need more width */
			draw_layout(a);
	}
}

static void load_summaries(struct app *a)
{
	char **ids = NULL;
	size_t n = 0;

	for (size_t p = 0; p < a->m->n_processes; p++) {
		a->marks[p] = record_status_mark("");
		assess_row(a->m, p, NULL, &a->arows[p]);
	}
	if (!a->st)
		return;
	a->last_seq = store_last_seq(a->st);
	if (!app_store_ok(a, store_list(a->st, &ids, &n)))
		return;
	for (size_t i = 0; i < n; i++) {
		size_t p = prm_model_index(a->m, ids[i]);
		if (p != (size_t)-1)
			refresh_summary(a, p);
		free(ids[i]);
	}
	free(ids);
	load_orphans(a);
}

/* The process the user looks at: the detail's, else the tree's. */
size_t app_current_proc(const struct app *a)
{
	size_t p = tree_process(&a->tree);

	if (p == (size_t)-1 && a->focus == FOCUS_DETAIL)
		p = a->detail.process;
	return p;
}

const char *app_orphan_id(const struct app *a)
{
	size_t o = tree_orphan(&a->tree);

	return o < a->n_orphans ? a->orphans[o] : NULL;
}

void app_rebuild_detail(struct app *a)
{
	size_t p = tree_process(&a->tree), o = tree_orphan(&a->tree);

	if (o < a->n_orphans) {
		detail_set_height(&a->detail, a->body_h);
		detail_build_orphan(&a->detail, a->m, a->orphans[o],
		                    a->rec_orphan == o ? &a->rec : NULL, a->det_w - 1, a->esc);
		return;
	}

	if (p == (size_t)-1) {
		detail_free(&a->detail);
		return;
	}
	a->detail.read_only = app_is_read_only(a);
	detail_set_height(&a->detail, a->body_h);
	detail_build(&a->detail, a->m, p, a->rec_proc == p ? &a->rec : NULL,
	             a->det_w - 1, a->esc);
}

/* Load the record shown on the right (always re-read: it is one short read
 * transaction and keeps the view honest). */
void app_load_record(struct app *a)
{
	size_t p = tree_process(&a->tree), o = tree_orphan(&a->tree);

	if (a->rec_proc != (size_t)-1 || a->rec_orphan != (size_t)-1)
		record_free(&a->rec);
	a->rec_proc = a->rec_orphan = (size_t)-1;
	if (p != (size_t)-1 && a->st &&
	    app_store_ok(a, store_get(a->st, a->m->processes[p].id, &a->rec)))
		a->rec_proc = p;
	if (o < a->n_orphans && a->st && app_store_ok(a, store_get(a->st, a->orphans[o], &a->rec)))
		a->rec_orphan = o;
	app_rebuild_detail(a);
}

struct seen {
	struct app *a;
	uint64_t since;
	size_t *changed, n, cap;    /* model indices, as the log gives them */
	bool orphans, oom;
};

/* Called inside the store's read transaction: only note which processes
 * changed; reading them now would open a second transaction. */
static bool note_change(const struct hist_entry *e, void *arg)
{
	struct seen *s = arg;
	size_t p;

	if (e->seq <= s->since)
		return false;
	p = prm_model_index(s->a->m, e->process);
	if (p == (size_t)-1) {
		s->orphans = true;
		return true;
	}
	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 16;
		size_t *c = realloc(s->changed, cap * sizeof *c);

		if (!c) {
			s->oom = true;
			return false;
		}
		s->changed = c;
		s->cap = cap;
	}
	s->changed[s->n++] = p;
	return true;
}

static int cmp_size(const void *x, const void *y)
{
	size_t a = *(const size_t *)x, b = *(const size_t *)y;

	return a < b ? -1 : a > b;
}

/* Something was committed (by us or another process): refresh what
 * changed since last_seq. Only the processes the log names since then
 * are read again (a key's commit costs the same however large the
 * model); the views are told which (a->changed) for the same reason. */
void app_store_changed(struct app *a)
{
	uint64_t seq;

	if (!a->st)
		return;
	seq = store_last_seq(a->st);
	if (seq != a->last_seq) {
		struct seen s = { a, a->last_seq, NULL, 0, 0, false, false };
		size_t n = 0;

		if (app_store_ok(a, store_log(a->st, NULL, 0, note_change, &s)) && !s.oom) {
			/* In model order, each once. */
			if (s.n)
				qsort(s.changed, s.n, sizeof *s.changed, cmp_size);
			for (size_t i = 0; i < s.n; i++)
				if (!n || s.changed[n - 1] != s.changed[i])
					s.changed[n++] = s.changed[i];
			for (size_t i = 0; i < n; i++)
				refresh_summary(a, s.changed[i]);
			if (s.orphans)
				load_orphans(a);
			a->changed = s.changed;
			a->n_changed = n;
			a->changed_all = false;
		} else {
			load_summaries(a);
		}
		a->last_seq = seq;
		view_refresh_all(a);    /* the main view's reads the record again */
		a->changed = NULL;
		a->n_changed = 0;
		a->changed_all = true;
		free(s.changed);
		return;
	}
	app_load_record(a);
}

/* store_open() for the workbench's model: a tailored model opens the
 * store of the model it extends (prm_model_lineage). */
static enum store_rc open_lineage(struct app *a, unsigned flags, char **err)
{
	size_t n;
	const char *const *ids = prm_model_lineage(a->m, &n);

	return store_open_lineage(a->db_path, ids, n, flags, &a->st, err);
}

/* Idle: notice other processes' commits; pick up a store created since. */
static void idle(struct app *a)
{
	if (!a->st) {
		struct stat sb;
		if (a->db_path && stat(a->db_path, &sb) == 0 &&
		    open_lineage(a, a->read_only ? STORE_OPEN_READONLY : 0, NULL) == STORE_OK) {
			a->cli->store = a->st;
			load_summaries(a);
			view_refresh_all(a);
		}
		return;
	}
	if (store_last_seq(a->st) != a->last_seq)
		app_store_changed(a);
}

bool app_is_read_only(const struct app *a)
{
	return a->read_only || (a->st && store_readonly(a->st));
}

bool app_read_only_refused(struct app *a)
{
	if (!app_is_read_only(a))
		return false;
	app_message(a, true, "read-only: the store %s cannot be changed%s",
	            a->db_path ? a->db_path : "", a->cli->read_only ? " (--read-only)" : "");
	return true;
}

/* The store for a write: created on the first one. */
bool app_writable_store(struct app *a)
{
	char *err = NULL;
	enum store_rc rc;

	if (app_read_only_refused(a))
		return false;
	if (a->st)
		return true;
	rc = open_lineage(a, STORE_OPEN_CREATE, &err);
	if (rc != STORE_OK) {
		app_message(a, true, "cannot create the store: %s", err ? err : store_strerror(rc));
		free(err);
		a->st = NULL;
		return false;
	}
	free(err);
	a->cli->store = a->st;
	a->last_seq = store_last_seq(a->st);
	return true;
}

char *app_escaped(const struct app *a, const char *s)
{
	char *e = text_escape(s ? s : "", (size_t)-1, a->esc);
	return e ? e : strdup("");
}

void app_quit(struct app *a)
{
	char what[128];

	if (!a->quit_armed && edit_unsaved(a, what, sizeof what)) {
		app_message(a, true, "%s: q again to discard it and quit", what);
		a->quit_armed = true;
		return;
	}
	a->quit = true;
}

/* Input that is not a key (a byte that is not UTF-8, an escape sequence
 * nobody knows, an Alt-key the editor lacks) is dropped with a message,
 * wherever it comes: it never reaches the editor, and the keys after it
 * work as ever. */
static bool input_dropped(struct app *a, int key)
{
	char msg[160], name[32];

	if (TK_IS_BADBYTE(key))
		snprintf(msg, sizeof msg, "ignored input that is not UTF-8 (byte %s): is the "
		         "terminal set to UTF-8?", keys_name(key, name, sizeof name));
	else if (key == TK_UNKNOWN)
		snprintf(msg, sizeof msg, "ignored an unknown key (escape sequence)");
	else if (TK_IS_META(key) && a->mode != MODE_MAIN &&
	         le_op_of(key) == LE_OP_NONE)
		snprintf(msg, sizeof msg, "unknown key %s in the editor: ignored",
		         keys_name(key, name, sizeof name));
	else
		return false;
	if (a->mode == MODE_EDIT && !a->too_small)
		snprintf(a->edit_why, sizeof a->edit_why, "%s", msg);
	else
		app_message(a, true, "%s", msg);
	return true;
}

static void handle_key(struct app *a, int key)
{
	bool armed = a->quit_armed;
	enum request r;

	if (key == TK_RESIZE) {
		draw_layout(a);
		return;
	}
	if (input_dropped(a, key))
		return;
	a->quit_armed = false;   /* the warning holds for the very next key */
	if (a->prompt != PROMPT_NONE && !a->too_small) {
		/* A question waits for its answer (a conflict, a recovery offer);
		 * C-l still redraws. */
		if (keys_request(key) == REQ_REDRAW) {
			draw_layout(a);
			screen_repaint();
		} else if (a->prompt == PROMPT_RECOVER)
			unsaved_prompt_key(a, key);
		else if (a->prompt == PROMPT_MARKS)
			marks_prompt_key(a, key);
		else
			edit_prompt_key(a, key);
		filter_check_dropped(a);
		return;
	}
	if (a->too_small) {
		/* Nothing can be seen: only quit (warned as ever) and redraw. An
		 * open edit waits for a larger terminal. */
		r = keys_request(key);
		if (r == REQ_QUIT) {
			a->quit_armed = armed;
			app_quit(a);
		} else if (r == REQ_REDRAW) {
			draw_layout(a);
			screen_repaint();
		}
		return;
	}
	r = keys_request(key);
	if (r == REQ_REDRAW && !(view_main_on_top(a) && a->mode != MODE_MAIN)) {
		a->msg[0] = '\0';
		draw_layout(a);
		screen_repaint();
		return;
	}
	/* q's warning holds for the very next q in the main view. */
	if (r == REQ_QUIT && view_main_on_top(a) && a->mode == MODE_MAIN)
		a->quit_armed = armed;
	view_key(a, key, r);
	filter_check_dropped(a);
}

/* ---- where the user left ------------------------------------------------ */

/* Start where the user left this store last time (lastpos.h); nothing
 * known, or the process is gone from the model: at the top. */
static void reopen_last(struct app *a)
{
	char *dir = recover_dir(), *id = dir && a->store_key ? lastpos_read(dir, a->store_key) : NULL;
	size_t p = id ? prm_model_index(a->m, id) : (size_t)-1;

	if (p != (size_t)-1)
		tree_goto_process(&a->tree, p);
	for (size_t o = 0; id && p == (size_t)-1 && o < a->n_orphans; o++)
		if (strcmp(a->orphans[o], id) == 0)
			tree_goto_orphan(&a->tree, o);
	free(id);
	free(dir);
}

/* On the way out: remember the process looked at (not one of the
 * categories). A state directory that cannot be used loses only this. */
static void remember_last(struct app *a)
{
	size_t p = app_current_proc(a);
	const char *id = p != (size_t)-1 ? a->m->processes[p].id : app_orphan_id(a);
	char *dir, *err = NULL;

	if (!id || !a->store_key)
		return;
	dir = recover_dir();
	if (dir)
		lastpos_write(dir, a->store_key, id, &err);
	free(err);
	free(dir);
}

/* ---- set-up and main loop ------------------------------------------------- */

/* Script mode's :bytes: the bytes of one burst from a terminal. */
struct byte_feed { const unsigned char *p; size_t n, at; };

static int feed_unit(void *ctx, int wait_ms)
{
	struct byte_feed *f = ctx;

	(void)wait_ms;
	return f->at < f->n ? f->p[f->at++] : TK_NONE;
}

/* Keys made from the bytes as from the keyboard (keys_read), each handled
 * after a redraw as any key. */
static void script_bytes(struct app *a, const unsigned char *bytes, size_t n)
{
	struct byte_feed f = { bytes, n, 0 };
	struct key_reader r;
	bool first = true;
	int key;

	keys_reader_init(&r);
	while (!a->quit && (key = keys_read(&r, feed_unit, &f, 0)) != TK_NONE) {
		if (!first)
			draw_screen(a);
		first = false;
		handle_key(a, key);
	}
}

static bool open_store(struct app *a)
{
	char *err = NULL;
	unsigned flags = 0;
	enum store_rc rc;

	a->db_path = a->cli->db_path ? strdup(a->cli->db_path) : store_default_path();
	if (!a->db_path) {
		cli_error("cannot find a store directory: set --db or PRMWB_DB");
		return false;
	}
	if (a->cli->read_only)
		flags |= STORE_OPEN_READONLY;
	if (a->cli->force_model)
		flags |= STORE_OPEN_FORCE_MODEL;
	rc = open_lineage(a, flags, &err);
	if (rc == STORE_NOTFOUND) {
		/* Created on the first write. */
		free(err);
		a->st = NULL;
		return true;
	}
	if (rc != STORE_OK) {
		cli_error("%s", err ? err : store_strerror(rc));
		free(err);
		a->st = NULL;
		return false;
	}
	if (err) {
		app_message(a, true, "%s", err);
		free(err);
	}
	a->cli->store = a->st;
	return true;
}

static void app_free(struct app *a)
{
	tree_free(&a->tree);
	detail_free(&a->detail);
	if (a->rec_proc != (size_t)-1 || a->rec_orphan != (size_t)-1)
		record_free(&a->rec);
	free_orphans(a);
	search_index_free(a->six);
	free(a->marks);
	free(a->arows);
	filter_free(a->filter);
	marks_free(a);
	free(a->db_path);
	free(a->edit_orig);
	free(a->pending);
	free(a->store_key);
	free(a->edit_recovery);
	free(a->pending_recovery);
	free(a->editor_file);
	recover_list_free(a->recov, a->n_recov);
	free(a->last_search);
	find_free(&a->find);
	le_free(&a->le);
	view_close_all(a);
}

/* The main loop: draw, take a key (from the keyboard or the script), act,
 * until the user quits, a signal arrives or the terminal goes away. */
static void run(struct app *a, struct script *sc, char **err, int *rc, bool *lost)
{
	while (!a->quit && !got_signal) {
		int key;

		/* Scripts take the next key only when idle (as tig's): the
		 * work left between keys first, as a terminal does when no key
		 * comes meanwhile. A :bytes burst comes at once, as from a
		 * keyboard, and does not wait for it. */
		while (a->script && view_busy(a))
			view_work(a);
		unsaved_offer(a);
		draw_screen(a);
		if (a->script) {
			struct script_step st;

			script_next(sc, &st);
			if (st.op == SCRIPT_END)
				break;
			if (st.op == SCRIPT_ERROR) {
				*err = strdup(st.arg);
				*rc = EXIT_USAGE;
				break;
			}
			if (st.op == SCRIPT_SAVE) {
				if (!screen_dump(st.arg)) {
					*err = strdup("cannot write the screen dump");
					*rc = EXIT_USAGE;
					break;
				}
				continue;
			}
			if (st.op == SCRIPT_IDLE) {
				idle(a);
				continue;
			}
			if (st.op == SCRIPT_BYTES) {
				script_bytes(a, st.bytes, st.n_bytes);
				continue;
			}
			if (st.op == SCRIPT_RESIZE) {
				screen_resize(st.rows, st.cols);
				handle_key(a, TK_RESIZE);
				continue;
			}
			key = st.key;
		} else {
			/* Work left between keys: a slice whenever no key waits,
			 * the screen drawn again when it is done. */
			bool worked = false;

			for (;;) {
				bool busy = view_busy(a);

				key = screen_getkey(busy ? 0 : 1000);
				if (key != TK_NONE || !busy || got_signal)
					break;
				view_work(a);
				worked = true;
				if (!view_busy(a))
					break;
			}
			if (key < 0) {
				*lost = true;
				break;  /* the terminal is gone: end, do not spin */
			}
			if (key == TK_NONE) {
				if (!got_signal && !worked)
					idle(a);
				continue;
			}
		}
		handle_key(a, key);
	}
}

/* run(), but a fault inside the store, or damage a store call reports,
 * comes back here (fatal.h) instead of ending the process at once, so that
 * what the user typed is saved like on a signal. True if it did. Nothing
 * here changes after sigsetjmp, so nothing is clobbered by the jump. */
static bool run_guarded(struct app *a, struct script *sc, char **err, int *rc, bool *lost)
{
	static sigjmp_buf damage_jump;

	if (sigsetjmp(damage_jump, 1) != 0) {
		fatal_set_store_jump(NULL);
		return true;
	}
	fatal_set_store_jump(&damage_jump);
	run(a, sc, err, rc, lost);
	fatal_set_store_jump(NULL);
	return false;
}

int cmd_tui(struct cli *c, int argc, char **argv)
{
	struct app a;
	struct script sc;
	const char *script_path = getenv("PRMWB_SCRIPT");
	char *err = NULL, **notes = NULL;
	size_t n_notes = 0;
	int rc = EXIT_OK;
	bool lost = false;
	bool damaged;
	struct sigaction sa;

	(void)argv;
	if (argc > 1) {
		cli_error("the workbench takes no arguments");
		return EXIT_USAGE;
	}
	memset(&a, 0, sizeof a);
	a.cli = c;
	a.rec_proc = a.rec_orphan = (size_t)-1;
	a.changed_all = true;
	a.script = script_path && script_path[0];
	snprintf(a.pref_field, sizeof a.pref_field, "owner");
	a.utf8 = text_locale_is_utf8();
	a.esc = a.utf8 ? 0 : TEXT_ASCII;

	a.m = cli_model(c);
	if (!a.m)
		return EXIT_USAGE;
	if (!open_store(&a))
		return EXIT_NOTFOUND;
	a.read_only = c->read_only;
	a.store_key = recover_store_key(a.db_path);
	a.six = search_index_new(a.m);
	a.marks = calloc(a.m->n_processes + 1, 1);
	a.arows = calloc(a.m->n_processes + 1, sizeof *a.arows);
	if (!a.six || !a.marks || !a.arows || !tree_init(&a.tree, a.m)) {
		cli_error("out of memory");
		app_free(&a);
		return EXIT_USAGE;
	}
	detail_init(&a.detail);
	view_push(&a, &view_main_ops, NULL);
	view_main_measure_tree(&a);
	load_summaries(&a);
	reopen_last(&a);
	if (a.script && !script_open(&sc, script_path, &err)) {
		cli_error("%s", err);
		free(err);
		app_free(&a);
		return EXIT_USAGE;
	}

	/* Signals only set a flag: the loop below ends cleanly (endwin,
	 * store_close); a store write is one transaction, never half done. */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);

	if (!screen_open(a.script, a.script ? getenv("PRMWB_SCRIPT_OUTPUT") : NULL, &err)) {
		cli_error("%s", err ? err : "cannot open the terminal");
		free(err);
		if (a.script)
			script_close(&sc);
		app_free(&a);
		return EXIT_USAGE;
	}
	draw_layout(&a);
	app_load_record(&a);
	unsaved_load(&a);

	damaged = run_guarded(&a, &sc, &err, &rc, &lost);
	if (damaged)
		rc = EXIT_USAGE;
	/* What the user typed and did not save outlives a signal, a lost
	 * terminal or a damaged store (written here, not in a handler);
	 * quitting over it with q twice discards it knowingly. */
	if (got_signal || lost || damaged) {
		char why[64];

		snprintf(why, sizeof why, "%s", damaged ? "the store is damaged" :
		         got_signal == SIGHUP ? "SIGHUP (hang-up)" :
		         got_signal == SIGTERM ? "SIGTERM" : got_signal == SIGINT ? "SIGINT (Ctrl-C)" :
		         "the terminal was lost");
		notes = unsaved_save(&a, why, &n_notes);
	} else if (a.quit) {
		unsaved_quit(&a);
	}
	remember_last(&a);
	screen_close();
	if (a.script)
		script_close(&sc);
	if (err) {
		cli_error("%s", err);
		free(err);
	}
	for (size_t i = 0; i < n_notes; i++) {
		cli_error("%s", notes[i]);
		free(notes[i]);
	}
	free(notes);
	if (damaged) {
		/* The store's state after the fault is unknown, and so are the
		 * buffers of the call the jump left: say what happened and end
		 * here, as fatal.c does without a rescue point (no close, no
		 * further read, no exit handlers). */
		fatal_store_report();
		fflush(NULL);
		_exit(EXIT_USAGE);
	}
	app_free(&a);
	if (got_signal && !damaged)
		rc = 128 + got_signal;
	return rc;
}

