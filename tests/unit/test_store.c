/* Unit tests: the store - set/get, stale revisions, undo/redo sequences,
 * conflicts between users, persistence, model binding, read-only opening,
 * map growth (also by another process), two processes editing at once,
 * one handle per process, and handles inherited across fork(). */
#include "config.h"

#include <criterion/criterion.h>
#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <lmdb.h>

#include "store_util.h"

TestSuite(store, .init = tmp_setup, .fini = tmp_teardown);

Test(store, set_get_and_revisions)
{
	struct store *st = open_db(0);
	struct store_change info;
	struct record r;
	uint64_t rev;
	char *v;

	cr_expect_eq(store_last_seq(st), 0);
	cr_assert_eq(store_set(st, "7.4", "owner", "alice", 3, 0, &info), STORE_OK);
	cr_expect_eq(info.seq, 1);
	cr_assert_eq(store_set(st, "7.4", "status", "Planned", 3, STORE_ANY_REV, &info), STORE_OK);
	cr_expect_eq(info.seq, 2);
	expect_value(st, "7.4", "status", "planned");   /* normalised again here */
	cr_assert_eq(store_get(st, "7.4", &r), STORE_OK);
	cr_expect_eq(r.n_fields, 2);
	cr_expect_str_eq(r.fields[0].field, "owner");
	cr_expect_eq(r.rev, 2);
	cr_expect_str_eq(r.user, store_user(st));
	cr_expect_gt(r.time, 0);
	record_free(&r);

	/* stale base revision: refused, nothing written, says who */
	store_set_user(st, "bob");
	cr_expect_eq(store_set(st, "7.4", "owner", "bob", 3, 0, &info), STORE_CONFLICT);
	cr_expect_str_neq(info.user, "bob");
	expect_value(st, "7.4", "owner", "alice");
	v = get_value(st, "7.4", "owner", &rev);
	free(v);
	cr_expect_eq(rev, 1);
	cr_expect_eq(store_set(st, "7.4", "owner", "bob", 3, rev, &info), STORE_OK);
	cr_expect_eq(store_last_seq(st), 3);

	/* invalid values: refused, nothing written */
	cr_expect_eq(store_set(st, "7.4", "status", "done", 3, STORE_ANY_REV, &info), STORE_INVALID);
	cr_expect_eq(store_set(st, "7.4", "outcome.4", "F", 3, STORE_ANY_REV, &info), STORE_INVALID);
	cr_expect_eq(store_set(st, "7.4", "colour", "red", 3, STORE_ANY_REV, &info), STORE_INVALID);
	cr_expect_eq(store_set(st, "", "owner", "x", 3, STORE_ANY_REV, &info), STORE_INVALID);
	cr_expect_eq(store_set(st, "a\nb", "owner", "x", 3, STORE_ANY_REV, &info), STORE_INVALID);
	cr_expect_eq(store_last_seq(st), 3);
	/* unchanged value: nothing recorded */
	cr_expect_eq(store_set(st, "7.4", "owner", "bob", 3, STORE_ANY_REV, &info), STORE_OK);
	cr_expect_eq(info.seq, 0);
	cr_expect_eq(store_last_seq(st), 3);
	store_close(st);
}

Test(store, clearing_a_field_never_set_records_nothing)
{
	struct store *st = open_db(0);
	struct store_change info;
	struct record r;

	cr_expect_eq(store_set(st, "7.4", "owner", "", 3, STORE_ANY_REV, &info), STORE_OK);
	cr_expect_eq(info.seq, 0);
	cr_expect_eq(store_set(st, "7.4", "notes", "  \n ", 3, STORE_ANY_REV, &info), STORE_OK);
	cr_expect_eq(info.seq, 0);
	cr_expect_eq(store_last_seq(st), 0, "a history entry was written");
	cr_expect_eq(store_undo(st, &info), STORE_NOTFOUND, "an undo step was written");
	cr_assert_eq(store_get(st, "7.4", &r), STORE_OK);
	cr_expect_eq(r.n_fields, 0);
	record_free(&r);
	/* a field that was set and cleared: clearing again is a no-op too */
	cr_expect_eq(store_set(st, "7.4", "owner", "a", 3, STORE_ANY_REV, &info), STORE_OK);
	cr_expect_eq(store_set(st, "7.4", "owner", "", 3, STORE_ANY_REV, &info), STORE_OK);
	cr_expect_eq(store_set(st, "7.4", "owner", "", 3, STORE_ANY_REV, &info), STORE_OK);
	cr_expect_eq(info.seq, 0);
	cr_expect_eq(store_last_seq(st), 2);
	store_close(st);
}

Test(store, list_sorted_and_prefix_safe)
{
	struct store *st = open_db(0);
	char **ids;
	size_t n;
	struct record r;

	store_set(st, "7.40", "owner", "x", 1, STORE_ANY_REV, NULL);
	store_set(st, "7.4", "owner", "y", 1, STORE_ANY_REV, NULL);
	store_set(st, "7.4", "notes", "z", 1, STORE_ANY_REV, NULL);
	cr_assert_eq(store_list(st, &ids, &n), STORE_OK);
	cr_assert_eq(n, 2);
	cr_expect_str_eq(ids[0], "7.4");
	cr_expect_str_eq(ids[1], "7.40");
	for (size_t i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
	cr_assert_eq(store_get(st, "7.4", &r), STORE_OK);
	cr_expect_eq(r.n_fields, 2);    /* 7.40's owner is not 7.4's */
	record_free(&r);
	cr_assert_eq(store_get(st, "9.9", &r), STORE_OK);
	cr_expect_eq(r.n_fields, 0);
	cr_expect_eq(r.rev, 0);
	record_free(&r);
	store_close(st);
}

static const char *undo_s(struct store *st)
{
	struct store_change info;
	return store_strerror(store_undo(st, &info));
}

Test(store, undo_redo_sequence)
{
	struct store *st = open_db(0);
	struct store_change info;

	cr_expect_eq(store_undo(st, &info), STORE_NOTFOUND);
	cr_expect_eq(store_redo(st, &info), STORE_NOTFOUND);
	store_set(st, "7.4", "owner", "a1", 3, STORE_ANY_REV, NULL);   /* #1 */
	store_set(st, "7.4", "owner", "a2", 3, STORE_ANY_REV, NULL);   /* #2 */
	store_set(st, "7.4", "notes", "n1", 3, STORE_ANY_REV, NULL);   /* #3 */

	cr_assert_eq(store_undo(st, &info), STORE_OK, "%s", undo_s(st));
	cr_expect_str_eq(info.field, "notes");
	cr_expect_eq(info.seq, 4);
	expect_value(st, "7.4", "notes", "");
	/* two changes of the same field by the same user undo cleanly */
	cr_assert_eq(store_undo(st, &info), STORE_OK);
	expect_value(st, "7.4", "owner", "a1");
	cr_assert_eq(store_undo(st, &info), STORE_OK);
	expect_value(st, "7.4", "owner", "");
	cr_expect_eq(store_undo(st, &info), STORE_NOTFOUND);

	/* redo: the change undone last first */
	cr_assert_eq(store_redo(st, &info), STORE_OK);
	expect_value(st, "7.4", "owner", "a1");
	cr_assert_eq(store_redo(st, &info), STORE_OK);
	expect_value(st, "7.4", "owner", "a2");
	/* a redone change can be undone again */
	cr_assert_eq(store_undo(st, &info), STORE_OK);
	expect_value(st, "7.4", "owner", "a1");
	/* a new change clears the redo stack */
	store_set(st, "7.5", "owner", "new", 3, STORE_ANY_REV, NULL);
	cr_expect_eq(store_redo(st, &info), STORE_NOTFOUND);
	expect_value(st, "7.4", "notes", "");

	/* audit trail: 3 sets, 3 undos, 2 redos, 1 undo, 1 set, append-only */
	cr_expect_eq(store_last_seq(st), 10);
	store_close(st);
}

struct logged {
	size_t n;
	uint64_t seq[32];
	enum hist_kind kind[32];
	uint64_t ref[32];
	char field[32][16];
};

static bool collect(const struct hist_entry *e, void *arg)
{
	struct logged *l = arg;

	if (l->n < 32) {
		l->seq[l->n] = e->seq;
		l->kind[l->n] = e->kind;
		l->ref[l->n] = e->ref;
		snprintf(l->field[l->n], 16, "%s", e->field);
	}
	l->n++;
	return true;
}

Test(store, log_newest_first_filtered_limited)
{
	struct store *st = open_db(0);
	struct store_change info;
	struct logged l = { 0 };

	store_set(st, "7.4", "owner", "a", 3, STORE_ANY_REV, NULL);
	store_set(st, "7.5", "owner", "b", 3, STORE_ANY_REV, NULL);
	store_set(st, "7.4", "notes", "c", 3, STORE_ANY_REV, NULL);
	store_undo(st, &info);
	cr_assert_eq(store_log(st, NULL, 0, collect, &l), STORE_OK);
	cr_assert_eq(l.n, 4);
	cr_expect_eq(l.seq[0], 4);
	cr_expect_eq(l.kind[0], HIST_UNDO);
	cr_expect_eq(l.ref[0], 3);
	cr_expect_eq(l.seq[3], 1);
	memset(&l, 0, sizeof l);
	cr_assert_eq(store_log(st, "7.4", 0, collect, &l), STORE_OK);
	cr_assert_eq(l.n, 3);
	cr_expect_eq(l.seq[0], 4);
	cr_expect_eq(l.seq[1], 3);
	cr_expect_eq(l.seq[2], 1);
	memset(&l, 0, sizeof l);
	cr_assert_eq(store_log(st, "7.4", 2, collect, &l), STORE_OK);
	cr_expect_eq(l.n, 2);
	memset(&l, 0, sizeof l);
	cr_assert_eq(store_log(st, "7", 0, collect, &l), STORE_OK);
	cr_expect_eq(l.n, 0);
	store_close(st);
}

/* A history read a page at a time: each page starts below the oldest
 * entry of the page before and, pages joined, is the whole log. */
Test(store, log_before_pages_through_the_history)
{
	static const char *const procs[] = { "7.4", "7.5", "7.4", "7.4", "7.6", "7.5", "7.4" };
	static const char *const fields[] = { "owner", "owner", "notes", "owner", "notes",
	                                      "status", "status" };
	struct store *st = open_db(0);
	struct logged all, l;
	const char *pid[] = { NULL, "7.4", "7.5", "7.9" };

	for (int i = 0; i < 7; i++) {
		char v[8];

		snprintf(v, sizeof v, "v%d", i);
		if (strcmp(fields[i], "status") == 0)
			snprintf(v, sizeof v, "planned");
		cr_assert_eq(store_set(st, procs[i], fields[i], v, 3, STORE_ANY_REV, NULL), STORE_OK);
	}
	for (size_t p = 0; p < sizeof pid / sizeof *pid; p++) {
		size_t got = 0;
		uint64_t before = STORE_NOW;

		memset(&all, 0, sizeof all);
		cr_assert_eq(store_log(st, pid[p], 0, collect, &all), STORE_OK);
		/* pages of 2 */
		for (;;) {
			memset(&l, 0, sizeof l);
			cr_assert_eq(store_log_before(st, pid[p], before, 2, collect, &l), STORE_OK);
			cr_assert_leq(got + l.n, all.n, "%s: more entries than the log",
			              pid[p] ? pid[p] : "all");
			for (size_t i = 0; i < l.n; i++)
				cr_expect_eq(l.seq[i], all.seq[got + i], "%s: page entry %zu",
				             pid[p] ? pid[p] : "all", got + i);
			got += l.n;
			if (l.n < 2)
				break;
			before = l.seq[l.n - 1];
		}
		cr_expect_eq(got, all.n, "%s", pid[p] ? pid[p] : "all");
	}
	/* below an entry of another process, and past the newest */
	memset(&l, 0, sizeof l);
	cr_assert_eq(store_log_before(st, "7.4", 6, 0, collect, &l), STORE_OK);
	cr_assert_eq(l.n, 3);
	cr_expect_eq(l.seq[0], 4);
	cr_expect_eq(l.seq[1], 3);
	cr_expect_eq(l.seq[2], 1);
	memset(&l, 0, sizeof l);
	cr_assert_eq(store_log_before(st, NULL, 100, 1, collect, &l), STORE_OK);
	cr_assert_eq(l.n, 1);
	cr_expect_eq(l.seq[0], 7);
	memset(&l, 0, sizeof l);
	cr_assert_eq(store_log_before(st, NULL, 1, 0, collect, &l), STORE_OK);
	cr_expect_eq(l.n, 0);
	cr_assert_eq(store_log_before(st, "7.4", 1, 0, collect, &l), STORE_OK);
	cr_expect_eq(l.n, 0);
	store_close(st);
}

Test(store, undo_refuses_to_clobber_another_user)
{
	struct store *st = open_db(0);
	struct store_change info;

	store_set_user(st, "alice");
	store_set(st, "7.4", "owner", "alice's", 3, STORE_ANY_REV, NULL);
	store_set_user(st, "bob");
	store_set(st, "7.4", "owner", "bob's", 3, STORE_ANY_REV, NULL);
	store_set_user(st, "alice");
	cr_assert_eq(store_undo(st, &info), STORE_CONFLICT);
	cr_expect_str_eq(info.user, "bob");
	cr_expect_str_eq(info.process, "7.4");
	cr_expect_str_eq(info.field, "owner");
	cr_expect_gt(info.time, 0);
	expect_value(st, "7.4", "owner", "bob's");
	cr_expect_eq(store_last_seq(st), 2);    /* nothing written */
	/* once bob undoes his change, alice's undo goes through */
	store_set_user(st, "bob");
	cr_assert_eq(store_undo(st, &info), STORE_OK);
	store_set_user(st, "alice");
	cr_assert_eq(store_undo(st, &info), STORE_OK);
	expect_value(st, "7.4", "owner", "");
	/* bob's redo now conflicts with alice's undo */
	store_set_user(st, "bob");
	cr_assert_eq(store_redo(st, &info), STORE_CONFLICT);
	cr_expect_str_eq(info.user, "alice");
	/* stacks are per user: alice can redo hers */
	store_set_user(st, "alice");
	cr_assert_eq(store_redo(st, &info), STORE_OK);
	expect_value(st, "7.4", "owner", "alice's");
	store_close(st);
}

/* store_known_fn for the test: every process but 7.3 and 7.4. */
static bool not_73_or_74(const char *process, void *arg)
{
	(void)arg;
	return strcmp(process, "7.3") != 0 && strcmp(process, "7.4") != 0;
}

/* store_known_fn for the test: every process but 7.3. */
static bool not_73(const char *process, void *arg)
{
	(void)arg;
	return strcmp(process, "7.3") != 0;
}

Test(store, undo_redo_refuse_processes_the_caller_lacks)
{
	struct store *st = open_db(0);
	struct store_change info;

	store_set(st, "7.3", "owner", "a", 3, STORE_ANY_REV, NULL);
	cr_assert_eq(store_undo_known(st, not_73, NULL, &info), STORE_ORPHAN);
	cr_expect_str_eq(info.process, "7.3");
	cr_expect_str_eq(info.field, "owner");
	cr_expect_eq(info.seq, 0);
	cr_expect_eq(store_last_seq(st), 1);    /* nothing written */
	expect_value(st, "7.3", "owner", "a");
	cr_assert_eq(store_undo_known(st, NULL, NULL, &info), STORE_OK);
	cr_assert_eq(store_redo_known(st, not_73, NULL, &info), STORE_ORPHAN);
	cr_expect_eq(store_last_seq(st), 2);
	expect_value(st, "7.3", "owner", "");
	cr_assert_eq(store_redo_known(st, not_73, (void *)"x", &info), STORE_ORPHAN);
	cr_assert_eq(store_redo(st, &info), STORE_OK);
	expect_value(st, "7.3", "owner", "a");
	cr_expect_str_eq(store_strerror(STORE_ORPHAN), "the process is not in the model in use");
	store_close(st);
}

/* The record's last change is its newest history entry, undo/redo
 * included; the fields keep their own revs for conflict checks. */
Test(store, record_last_change_counts_undo_and_redo)
{
	struct store *st = open_db(0);
	struct store_change info;
	struct record r;

	store_set_user(st, "alice");
	cr_assert_eq(store_set(st, "7.4", "owner", "a", 3, STORE_ANY_REV, NULL), STORE_OK);
	cr_assert_eq(store_set(st, "7.3", "owner", "x", 3, STORE_ANY_REV, NULL), STORE_OK);
	store_set_user(st, "bob");
	cr_assert_eq(store_set(st, "7.4", "status", "planned", 3, STORE_ANY_REV, NULL), STORE_OK);
	cr_assert_eq(store_undo(st, &info), STORE_OK);
	cr_assert_eq(info.seq, 4);
	cr_assert_eq(store_get(st, "7.4", &r), STORE_OK);
	cr_expect_eq(r.rev, 4);
	cr_expect_str_eq(r.user, "bob");
	cr_expect_eq(record_get(&r, "owner")->rev, 1);
	cr_expect_eq(record_get(&r, "status")->rev, 0);   /* as before #3 */
	record_free(&r);
	store_set_user(st, "carol");
	cr_assert_eq(store_set(st, "7.3", "owner", "y", 3, STORE_ANY_REV, NULL), STORE_OK);
	store_set_user(st, "bob");
	cr_assert_eq(store_redo(st, &info), STORE_OK);
	cr_assert_eq(info.seq, 6);
	cr_assert_eq(store_get(st, "7.4", &r), STORE_OK);
	cr_expect_eq(r.rev, 6);
	cr_expect_str_eq(r.user, "bob");
	cr_expect_eq(record_get(&r, "status")->rev, 3);
	record_free(&r);
	cr_assert_eq(store_get(st, "7.3", &r), STORE_OK);
	cr_expect_eq(r.rev, 5);
	cr_expect_str_eq(r.user, "carol");
	record_free(&r);
	cr_assert_eq(store_get(st, "6.1", &r), STORE_OK);   /* no record */
	cr_expect_eq(r.rev, 0);
	cr_expect_str_eq(r.user, "");
	record_free(&r);
	store_close(st);
}

Test(store, applicable_needs_justification)
{
	struct store *st = open_db(0);
	struct store_change info;

	cr_expect_eq(store_set(st, "7.4", "applicable", "no", 3, STORE_ANY_REV, &info),
	             STORE_INVALID);
	cr_expect(info.needs_justification);
	cr_assert_eq(store_set(st, "7.4", "justification", "outsourced", 3, STORE_ANY_REV, NULL),
	             STORE_OK);
	cr_assert_eq(store_set(st, "7.4", "applicable", "no", 3, STORE_ANY_REV, NULL), STORE_OK);
	cr_expect_eq(store_set(st, "7.4", "justification", "", 3, STORE_ANY_REV, &info),
	             STORE_INVALID);
	cr_expect(info.needs_justification);
	expect_value(st, "7.4", "justification", "outsourced");
	/* bob writes a justification, alice sets applicable=no on it; bob's
	 * undo would leave no justification: refused */
	store_close(st);
	st = open_db(0);
	store_set_user(st, "bob");
	cr_assert_eq(store_set(st, "7.5", "justification", "why", 3, STORE_ANY_REV, NULL), STORE_OK);
	store_set_user(st, "alice");
	cr_assert_eq(store_set(st, "7.5", "applicable", "no", 3, STORE_ANY_REV, NULL), STORE_OK);
	store_set_user(st, "bob");
	cr_expect_eq(store_undo(st, &info), STORE_CONFLICT);
	cr_expect(info.needs_justification);
	cr_expect_str_eq(info.user, "alice");
	cr_expect_str_eq(info.field, "applicable");
	expect_value(st, "7.5", "justification", "why");
	store_close(st);
}

Test(store, history_survives_restart)
{
	struct store *st = open_db(0);
	struct store_change info;

	store_set(st, "7.4", "owner", "yesterday", 3, STORE_ANY_REV, NULL);
	store_close(st);
	st = open_db(0);
	expect_value(st, "7.4", "owner", "yesterday");
	cr_assert_eq(store_undo(st, &info), STORE_OK);
	store_close(st);
	st = open_db(0);
	cr_assert_eq(store_redo(st, &info), STORE_OK);
	expect_value(st, "7.4", "owner", "yesterday");
	cr_expect_eq(store_last_seq(st), 3);
	store_close(st);
}

Test(store, model_binding)
{
	struct store *st = open_db(0), *st2 = NULL;
	struct store_change info;
	char *err = NULL;

	store_set(st, "7.4", "owner", "x", 3, STORE_ANY_REV, NULL);
	cr_expect_str_eq(store_bound_model(st), "m1");
	store_close(st);
	cr_expect_eq(store_open(tmp_db, "other", 0, &st2, &err), STORE_WRONG_MODEL);
	cr_assert_not_null(err);
	cr_expect(strstr(err, "'m1'") && strstr(err, "'other'") && strstr(err, "--force-model"),
	          "%s", err);
	free(err);
	err = NULL;
	/* forced open and reads: the store stays bound to m1 */
	cr_assert_eq(store_open(tmp_db, "other", STORE_OPEN_FORCE_MODEL, &st2, &err), STORE_OK);
	free(err);
	cr_expect_str_eq(store_bound_model(st2), "m1");
	expect_value(st2, "7.4", "owner", "x");    /* records are kept */
	store_close(st2);
	cr_assert_eq(store_open(tmp_db, "m1", 0, &st2, NULL), STORE_OK, "a read rebound it");
	store_close(st2);
	/* a forced open that writes nothing (unchanged value) rebinds nothing */
	cr_assert_eq(store_open(tmp_db, "other", STORE_OPEN_FORCE_MODEL, &st2, NULL), STORE_OK);
	cr_expect_eq(store_set(st2, "7.4", "owner", "x", 3, STORE_ANY_REV, &info), STORE_OK);
	cr_expect_eq(info.seq, 0);
	cr_expect_str_eq(store_bound_model(st2), "m1");
	store_close(st2);
	cr_assert_eq(store_open(tmp_db, "m1", 0, &st2, NULL), STORE_OK);
	store_close(st2);
	/* read-only and forced: never rebinds */
	cr_assert_eq(store_open(tmp_db, "other", STORE_OPEN_FORCE_MODEL | STORE_OPEN_READONLY,
	                        &st2, NULL), STORE_OK);
	cr_expect_eq(store_set(st2, "7.4", "owner", "y", 3, STORE_ANY_REV, NULL), STORE_READONLY);
	store_close(st2);
	/* the first change written rebinds, in its own transaction */
	cr_assert_eq(store_open(tmp_db, "other", STORE_OPEN_FORCE_MODEL, &st2, NULL), STORE_OK);
	cr_expect_eq(store_set(st2, "7.4", "owner", "y", 3, STORE_ANY_REV, &info), STORE_OK);
	cr_expect_neq(info.seq, 0);
	cr_expect_str_eq(store_bound_model(st2), "other");
	store_close(st2);
	cr_expect_eq(store_open(tmp_db, "other", 0, &st2, NULL), STORE_OK);
	store_close(st2);
	cr_expect_eq(store_open(tmp_db, "m1", 0, &st2, NULL), STORE_WRONG_MODEL);
	/* an undo is a change too: it rebinds back */
	cr_assert_eq(store_open(tmp_db, "m1", STORE_OPEN_FORCE_MODEL, &st2, NULL), STORE_OK);
	cr_expect_eq(store_undo(st2, &info), STORE_OK);
	cr_expect_str_eq(store_bound_model(st2), "m1");
	store_close(st2);
	cr_expect_eq(store_open(tmp_db, "m1", 0, &st2, NULL), STORE_OK);
	store_close(st2);
}

Test(store, missing_store)
{
	struct store *st = NULL;
	char *err = NULL;
	struct stat s;

	cr_expect_eq(store_open(tmp_db, "m1", 0, &st, &err), STORE_NOTFOUND);
	cr_expect_not_null(err);
	free(err);
	cr_expect_eq(store_open(tmp_db, "m1", STORE_OPEN_READONLY | STORE_OPEN_CREATE, &st, NULL),
	             STORE_NOTFOUND);
	cr_expect_neq(stat(tmp_db, &s), 0, "nothing created");
	st = open_db(0);
	store_close(st);
	cr_assert_eq(stat(tmp_db, &s), 0);
	cr_expect_eq(s.st_mode & 07777, 0700);
	cr_assert_eq(stat(strcat(tmp_db, "/data.mdb"), &s), 0);
	cr_expect_eq(s.st_mode & 0777, 0600);
}

Test(store, shared_setgid_directory)
{
	struct store *st;
	struct stat s;
	char parent[400];

	snprintf(parent, sizeof parent, "%s/team", tmp_dir);
	cr_assert_eq(mkdir(parent, 0770), 0);
	cr_assert_eq(chmod(parent, 02770), 0);
	cr_assert_eq(stat(parent, &s), 0);
	if (!(s.st_mode & S_ISGID))
		skip_test("file system does not keep the setgid bit");
	snprintf(tmp_db, sizeof tmp_db, "%s/team/db", tmp_dir);
	st = open_db(0);
	store_close(st);
	cr_assert_eq(stat(tmp_db, &s), 0);
	/* setgid: the team's group; sticky: members cannot replace each
	 * other's files (data.mdb, lock.mdb) */
	cr_expect_eq(s.st_mode & 07777, 03770);
	cr_assert_eq(stat(strcat(tmp_db, "/data.mdb"), &s), 0);
	cr_expect_eq(s.st_mode & 0777, 0660);
	strcpy(strrchr(tmp_db, '/'), "/lock.mdb");
	cr_assert_eq(stat(tmp_db, &s), 0);
	cr_expect_eq(s.st_mode & 0777, 0660);
}

Test(store, read_only)
{
	struct store *st = open_db(0);
	struct store_change info;
	char *err = NULL;

	store_set(st, "7.4", "owner", "x", 3, STORE_ANY_REV, NULL);
	store_close(st);
	cr_assert_eq(store_open(tmp_db, "m1", STORE_OPEN_READONLY, &st, &err), STORE_OK);
	cr_expect_null(err);
	cr_expect(store_readonly(st));
	expect_value(st, "7.4", "owner", "x");
	cr_expect_eq(store_set(st, "7.4", "owner", "y", 3, STORE_ANY_REV, &info), STORE_READONLY);
	cr_expect_eq(store_undo(st, &info), STORE_READONLY);
	/* a writer may work while a read-only opener is open */
	{
		pid_t pid = fork();
		if (pid == 0) {
			struct store *w = NULL;
			if (store_open(tmp_db, "m1", 0, &w, NULL) != STORE_OK)
				_exit(1);
			_exit(store_set(w, "7.4", "owner", "z", 3, STORE_ANY_REV, NULL) == STORE_OK ? 0 : 2);
		}
		int status;
		cr_assert_eq(waitpid(pid, &status, 0), pid);
		cr_expect(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	expect_value(st, "7.4", "owner", "z");
	store_close(st);
}

/* What a user without write permission sees: opens read-only with a
 * notice, reads, and cannot write. 0 if all holds, else the step that
 * failed. Run in a child when the test runs as root (root ignores file
 * permissions), after switching to nobody. */
static int no_write_checks(void)
{
	struct store *st = NULL;
	char *err = NULL, *v;
	int bad = 0;

	if (store_open(tmp_db, "m1", 0, &st, &err) != STORE_OK)
		return 1;
	if (!store_readonly(st))
		bad = 2;
	else if (!err || !strstr(err, "read-only"))
		bad = 3;
	free(err);
	if (!bad) {
		struct record r;
		const struct field_value *fv;

		if (store_get(st, "7.4", &r) != STORE_OK)
			return 4;
		fv = record_get(&r, "owner");
		v = strdup(fv ? fv->value : "");
		record_free(&r);
		if (!v || strcmp(v, "x") != 0)
			bad = 5;
		free(v);
	}
	if (!bad && store_set(st, "7.4", "owner", "y", 3, STORE_ANY_REV, NULL) != STORE_READONLY)
		bad = 6;
	store_close(st);
	return bad;
}

Test(store, no_write_permission_opens_read_only)
{
	struct store *st = open_db(0);
	char data[500];
	int bad;

	store_set(st, "7.4", "owner", "x", 3, STORE_ANY_REV, NULL);
	store_close(st);
	snprintf(data, sizeof data, "%s/data.mdb", tmp_db);
	cr_assert_eq(chmod(data, 0444), 0);
	cr_assert_eq(chmod(tmp_db, 0555), 0);
	if (geteuid() != 0) {
		bad = no_write_checks();
	} else {
		struct passwd *pw = getpwnam("nobody");
		pid_t pid;
		int status;

		if (!pw)
			skip_test("running as root and there is no user 'nobody' to act as");
		cr_assert_eq(chmod(tmp_dir, 0755), 0);
		cr_assert_eq(chmod(tmp_db, 0555), 0);
		pid = fork();
		cr_assert_neq(pid, -1);
		if (pid == 0) {
			if (setgid(pw->pw_gid) != 0 || setuid(pw->pw_uid) != 0)
				_exit(100);
			if (access(tmp_db, R_OK | X_OK) != 0)
				_exit(101);     /* a parent of TMPDIR is closed to others */
			_exit(no_write_checks());
		}
		cr_assert_eq(waitpid(pid, &status, 0), pid);
		cr_assert(WIFEXITED(status), "child did not exit");
		if (WEXITSTATUS(status) == 100)
			skip_test("running as root and cannot switch to nobody");
		if (WEXITSTATUS(status) == 101)
			skip_test("running as root; nobody cannot reach the TMPDIR");
		bad = WEXITSTATUS(status);
	}
	cr_expect_eq(bad, 0, "no-write check failed at step %d", bad);
	/* and the data file is untouched: the owner still reads x */
	st = NULL;
	cr_assert_eq(store_open(tmp_db, "m1", STORE_OPEN_READONLY, &st, NULL), STORE_OK);
	expect_value(st, "7.4", "owner", "x");
	store_close(st);
}

Test(store, map_grows_when_full)
{
	struct store *st;
	size_t first;
	char value[2048];

	store_initial_mapsize = 64 * 1024;
	st = open_db(0);
	first = store_mapsize(st);
	memset(value, 'v', sizeof value - 1);
	value[sizeof value - 1] = '\0';
	for (int i = 0; i < 600; i++) {
		char proc[16];
		value[0] = (char)('a' + i % 26);
		snprintf(proc, sizeof proc, "p%d", i % 50);
		cr_assert_eq(store_set(st, proc, "notes", value, 3, STORE_ANY_REV, NULL), STORE_OK,
		             "set %d", i);
	}
	cr_expect_gt(store_mapsize(st), first);
	cr_expect_gt(store_size(st), first);
	cr_expect_eq(store_last_seq(st), 600);
	store_close(st);
	/* reopened with the default initial size, the grown store is whole */
	store_initial_mapsize = 0;
	st = open_db(0);
	cr_expect_eq(store_last_seq(st), 600);
	for (int i = 0; i < 600; i++) {
		struct store_change info;
		cr_assert_eq(store_undo(st, &info), STORE_OK, "undo %d", i);
	}
	expect_value(st, "p0", "notes", "");
	store_close(st);
	expect_verified("grown, 600 changes undone");
}

/* Two processes increment one counter field through base revisions: a
 * stale write accepted would lose an increment. */
#define ROUNDS 150
static int incrementer(const char *user)
{
	struct store *st = NULL;
	int done = 0, conflicts = 0;

	if (store_open(tmp_db, "m1", 0, &st, NULL) != STORE_OK)
		return 1;
	store_set_user(st, user);
	while (done < ROUNDS) {
		uint64_t rev;
		struct record r;
		const struct field_value *fv;
		char next[32];
		enum store_rc rc;

		if (store_get(st, "7.4", &r) != STORE_OK)
			return 2;
		fv = record_get(&r, "notes");
		rev = fv ? fv->rev : 0;
		snprintf(next, sizeof next, "%ld", (fv && fv->value[0] ? atol(fv->value) : 0) + 1);
		record_free(&r);
		rc = store_set(st, "7.4", "notes", next, 3, rev, NULL);
		if (rc == STORE_OK)
			done++;
		else if (rc == STORE_CONFLICT)
			conflicts++;
		else
			return 3;
	}
	store_close(st);
	return 0;
}

Test(store, two_processes_at_once)
{
	struct store *st = open_db(0);
	pid_t kids[2];
	int status;

	store_close(st);
	for (int i = 0; i < 2; i++) {
		kids[i] = fork();
		cr_assert_neq(kids[i], -1);
		if (kids[i] == 0)
			_exit(incrementer(i ? "bob" : "alice"));
	}
	for (int i = 0; i < 2; i++) {
		cr_assert_eq(waitpid(kids[i], &status, 0), kids[i]);
		cr_expect(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child %d: %d", i, status);
	}
	st = open_db(0);
	expect_value(st, "7.4", "notes", "300");
	cr_expect_eq(store_last_seq(st), 2 * ROUNDS);
	store_close(st);
}

/* Another process grows the map past this one's: the next transaction here
 * gets MDB_MAP_RESIZED and must adopt the new size, for a read and for a
 * write, instead of failing. */
static int grow_from_child(int from, int n)
{
	struct store *st = NULL;
	char value[2048];

	if (store_open(tmp_db, "m1", 0, &st, NULL) != STORE_OK)
		return 1;
	memset(value, 'g', sizeof value - 1);
	value[sizeof value - 1] = '\0';
	for (int i = from; i < from + n; i++) {
		char proc[16];
		snprintf(proc, sizeof proc, "g%d", i);
		snprintf(value, 16, "%08d", i);
		value[8] = 'g';
		if (store_set(st, proc, "notes", value, 3, STORE_ANY_REV, NULL) != STORE_OK)
			return 2;
	}
	store_close(st);
	return 0;
}

static void run_grower(int from, int n)
{
	pid_t pid = fork();
	int status;

	cr_assert_neq(pid, -1);
	if (pid == 0)
		_exit(grow_from_child(from, n));
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "grower: status %d", status);
}

Test(store, map_grown_by_another_process)
{
	struct store *st;
	size_t first;
	char *v;

	store_initial_mapsize = 64 * 1024;
	st = open_db(0);
	first = store_mapsize(st);
	cr_assert_leq(first, 64 * 1024);
	cr_assert_eq(store_set(st, "7.4", "owner", "parent", 3, STORE_ANY_REV, NULL), STORE_OK);

	/* 200 values of 2 KiB: far past this handle's 64 KiB map */
	run_grower(0, 200);
	v = get_value(st, "g199", "notes", NULL);      /* a read begins first */
	cr_expect_eq(strncmp(v, "00000199g", 9), 0, "%.20s", v);
	free(v);
	cr_expect_gt(store_mapsize(st), first);
	cr_expect_eq(store_last_seq(st), 201);

	/* 600 more: past the other process's own default map as well */
	first = store_mapsize(st);
	run_grower(200, 600);
	cr_assert_eq(store_set(st, "7.4", "owner", "parent again", 3, STORE_ANY_REV, NULL),
	             STORE_OK);                           /* a write begins first */
	cr_expect_gt(store_mapsize(st), first);
	cr_expect_eq(store_last_seq(st), 802);
	v = get_value(st, "g799", "notes", NULL);
	cr_expect_eq(strncmp(v, "00000799g", 9), 0, "%.20s", v);
	free(v);
	expect_value(st, "7.4", "owner", "parent again");
	cr_expect_eq(store_undo(st, NULL), STORE_OK);
	expect_value(st, "7.4", "owner", "parent");
	store_close(st);
	store_initial_mapsize = 0;
}

/* A second handle on the same files in one process would, once closed,
 * drop the first one's LMDB locks (POSIX record locks): refused. */
Test(store, one_handle_per_process)
{
	struct store *st = open_db(0), *st2 = NULL, *st3 = NULL;
	char *err = NULL, link[500];

	cr_expect_eq(store_open(tmp_db, "m1", 0, &st2, &err), STORE_ERROR);
	cr_expect_null(st2);
	cr_assert_not_null(err);
	cr_expect(strstr(err, "already open in this process") != NULL, "%s", err);
	free(err);
	cr_expect_eq(store_open(tmp_db, "m1", STORE_OPEN_READONLY, &st2, NULL), STORE_ERROR);
	/* also under another name */
	snprintf(link, sizeof link, "%s/alias", tmp_dir);
	cr_assert_eq(symlink(tmp_db, link), 0);
	cr_expect_eq(store_open(link, "m1", 0, &st2, NULL), STORE_ERROR);
	/* the first handle still works; after closing it the store opens again */
	cr_expect_eq(store_set(st, "7.4", "owner", "x", 3, STORE_ANY_REV, NULL), STORE_OK);
	store_close(st);
	cr_assert_eq(store_open(link, "m1", 0, &st3, NULL), STORE_OK);
	expect_value(st3, "7.4", "owner", "x");
	store_close(st3);
}

static int count_readers_cb_pid;
static int count_readers_found;

static int count_readers_cb(const char *msg, void *ctx)
{
	int pid;

	(void)ctx;
	if (sscanf(msg, "%d", &pid) == 1 && pid == count_readers_cb_pid)
		count_readers_found++;
	return 0;
}

/* In a fresh process: how many reader slots of pid are in the lock table. */
static int reader_slots_of(pid_t pid)
{
	pid_t kid = fork();
	int status;

	cr_assert_neq(kid, -1);
	if (kid == 0) {
		MDB_env *env;

		if (mdb_env_create(&env) || mdb_env_open(env, tmp_db, MDB_RDONLY, 0600))
			_exit(100);
		count_readers_cb_pid = (int)pid;
		mdb_reader_list(env, count_readers_cb, NULL);
		mdb_env_close(env);
		_exit(count_readers_found > 50 ? 50 : count_readers_found);
	}
	cr_assert_eq(waitpid(kid, &status, 0), kid);
	cr_assert(WIFEXITED(status) && WEXITSTATUS(status) != 100, "reader list: %d", status);
	return WEXITSTATUS(status);
}

/* A child process given the parent's handle (fork) must not write or read
 * through the parent's environment (LMDB forbids it; before the guard the
 * child's write went through), and closing it there must leave the parent's
 * reader slot in the shared lock table; the child opens its own store. */
Test(store, handle_inherited_across_fork)
{
	struct store *st = open_db(0);
	pid_t kid;
	int status;

	cr_assert_eq(store_set(st, "7.4", "owner", "parent", 3, STORE_ANY_REV, NULL), STORE_OK);
	expect_value(st, "7.4", "owner", "parent");       /* takes a reader slot */
	cr_assert_eq(reader_slots_of(getpid()), 1);
	kid = fork();
	cr_assert_neq(kid, -1);
	if (kid == 0) {
		struct store *own = NULL;
		struct record r;
		int bad = 0;

		if (store_set(st, "7.4", "owner", "child", 3, STORE_ANY_REV, NULL) != STORE_ERROR)
			bad |= 1;
		if (store_get(st, "7.4", &r) != STORE_ERROR)
			bad |= 2;
		store_close(st);
		if (store_open(tmp_db, "m1", 0, &own, NULL) != STORE_OK)
			bad |= 4;
		else if (store_set(own, "7.4", "status", "planned", 3, STORE_ANY_REV, NULL) != STORE_OK)
			bad |= 8;
		store_close(own);
		_exit(bad);
	}
	cr_assert_eq(waitpid(kid, &status, 0), kid);
	cr_expect(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child: status %d", status);
	cr_expect_eq(reader_slots_of(getpid()), 1, "the parent's reader slot was cleared");
	expect_value(st, "7.4", "owner", "parent");
	expect_value(st, "7.4", "status", "planned");
	cr_expect_eq(store_last_seq(st), 2);
	store_close(st);
}

/* ---- undo of a named change (store_undo_seq) ---------------------------- */

/* When the newest change of a user is blocked, plain undo keeps refusing,
 * and the user can still undo an older change by its number. */
Test(store, undo_seq_gets_past_a_blocked_newest_change)
{
	struct store *st = open_db(0);
	struct store_change info;

	store_set_user(st, "alice");
	cr_assert_eq(store_set(st, "7.4", "notes", "n1", 3, STORE_ANY_REV, NULL), STORE_OK); /* #1 */
	cr_assert_eq(store_set(st, "7.4", "status", "planned", 3, STORE_ANY_REV, NULL), STORE_OK); /* #2 */
	cr_assert_eq(store_set(st, "7.4", "owner", "alice", 3, STORE_ANY_REV, NULL), STORE_OK); /* #3 */
	store_set_user(st, "bob");
	cr_assert_eq(store_set(st, "7.4", "owner", "bob", 3, STORE_ANY_REV, NULL), STORE_OK); /* #4 */
	store_set_user(st, "alice");
	cr_assert_eq(store_undo(st, &info), STORE_CONFLICT);    /* #3 is blocked by #4 */
	cr_expect_eq(info.why, STORE_WHY_CHANGED);
	cr_expect_str_eq(info.user, "bob");
	cr_expect_eq(info.rev, 4);
	/* the older ones are not */
	cr_assert_eq(store_undo_seq(st, 1, NULL, NULL, &info), STORE_OK);       /* #5 */
	cr_expect_eq(info.seq, 5);
	cr_expect_str_eq(info.process, "7.4");
	cr_expect_str_eq(info.field, "notes");
	expect_value(st, "7.4", "notes", "");
	expect_value(st, "7.4", "status", "planned");
	/* #1 left the undo stack and is on top of the redo stack */
	cr_expect_eq(store_undo_seq(st, 1, NULL, NULL, &info), STORE_NOTFOUND);
	cr_expect_eq(info.why, STORE_WHY_UNDONE);
	cr_expect_eq(info.ref, 5);
	cr_assert_eq(store_undo_seq(st, 3, NULL, NULL, &info), STORE_CONFLICT);
	cr_expect_str_eq(info.user, "bob");
	cr_expect_eq(info.rev, 4);
	cr_assert_eq(store_redo(st, &info), STORE_OK);                          /* #6 */
	expect_value(st, "7.4", "notes", "n1");
	/* plain undo still stops at the blocked newest change */
	cr_expect_eq(store_undo(st, &info), STORE_CONFLICT);
	cr_assert_eq(store_undo_seq(st, 2, NULL, NULL, &info), STORE_OK);       /* #7 */
	expect_value(st, "7.4", "status", "");
	cr_assert_eq(store_redo(st, &info), STORE_OK);                          /* #8 redoes #2 */
	expect_value(st, "7.4", "status", "planned");
	cr_expect_eq(store_redo(st, &info), STORE_NOTFOUND);
	store_close(st);
	expect_verified("after named undos");
}

Test(store, undo_seq_refusals)
{
	struct store *st = open_db(0);
	struct store_change info;

	store_set_user(st, "alice");
	cr_assert_eq(store_set(st, "7.4", "owner", "a", 3, STORE_ANY_REV, NULL), STORE_OK);  /* #1 */
	store_set_user(st, "bob");
	cr_assert_eq(store_set(st, "7.3", "owner", "b", 3, STORE_ANY_REV, NULL), STORE_OK);  /* #2 */
	cr_assert_eq(store_undo(st, &info), STORE_OK);                                       /* #3 */
	store_set_user(st, "alice");
	/* another user's change: refused, naming them */
	cr_expect_eq(store_undo_seq(st, 2, NULL, NULL, &info), STORE_NOTFOUND);
	cr_expect_eq(info.why, STORE_WHY_NOT_OWN);
	cr_expect_str_eq(info.user, "bob");
	cr_expect_gt(info.time, 0);
	/* an undo entry is not a change */
	store_set_user(st, "bob");
	cr_expect_eq(store_undo_seq(st, 3, NULL, NULL, &info), STORE_NOTFOUND);
	cr_expect_eq(info.why, STORE_WHY_NOT_A_CHANGE);
	cr_expect_eq(info.ref, 2);
	/* already undone */
	cr_expect_eq(store_undo_seq(st, 2, NULL, NULL, &info), STORE_NOTFOUND);
	cr_expect_eq(info.why, STORE_WHY_UNDONE);
	cr_expect_eq(info.ref, 3);
	/* no such entry: ref says the newest */
	cr_expect_eq(store_undo_seq(st, 99, NULL, NULL, &info), STORE_NOTFOUND);
	cr_expect_eq(info.why, STORE_WHY_NONE);
	cr_expect_eq(info.ref, 3);
	cr_expect_eq(store_undo_seq(st, 0, NULL, NULL, &info), STORE_NOTFOUND);
	/* a process the caller's model lacks */
	store_set_user(st, "alice");
	cr_expect_eq(store_undo_seq(st, 1, not_73_or_74, NULL, &info), STORE_ORPHAN);
	cr_expect_eq(store_last_seq(st), 3);    /* nothing written by any of these */
	store_close(st);
}

/* The refusal names the author of the revision that blocks, not whoever
 * wrote the field last (an undo that put that revision back). */
Test(store, conflict_names_the_author_of_the_blocking_change)
{
	struct store *st = open_db(0);
	struct store_change info;

	store_set_user(st, "alice");
	store_set(st, "7.4", "owner", "alice's", 3, STORE_ANY_REV, NULL);      /* #1 */
	store_set_user(st, "bob");
	store_set(st, "7.4", "owner", "bob's", 3, STORE_ANY_REV, NULL);        /* #2 */
	store_set_user(st, "carol");
	store_set(st, "7.4", "owner", "carol's", 3, STORE_ANY_REV, NULL);      /* #3 */
	cr_assert_eq(store_undo(st, &info), STORE_OK);          /* #4: back to bob's #2 */
	store_set_user(st, "alice");
	cr_assert_eq(store_undo(st, &info), STORE_CONFLICT);
	cr_expect_str_eq(info.user, "bob");
	cr_expect_eq(info.rev, 2);
	cr_expect_eq(info.why, STORE_WHY_CHANGED);
	/* a stale base revision in set names the author the same way */
	cr_assert_eq(store_set(st, "7.4", "owner", "x", 3, 1, &info), STORE_CONFLICT);
	cr_expect_str_eq(info.user, "bob");
	cr_expect_eq(info.rev, 2);
	store_close(st);
}

/* An undo that would leave applicable 'no' without a justification says
 * so, and who set applicable to 'no' (not the undoer). */
Test(store, undo_refusal_names_the_justification_reason)
{
	struct store *st = open_db(0);
	struct store_change info;

	store_set_user(st, "tester1");
	cr_assert_eq(store_set(st, "7.4", "justification", "out of scope", 3, STORE_ANY_REV, NULL),
	             STORE_OK);
	store_set_user(st, "tester2");
	cr_assert_eq(store_set(st, "7.4", "applicable", "no", 3, STORE_ANY_REV, NULL), STORE_OK);
	store_set_user(st, "tester1");
	cr_assert_eq(store_undo(st, &info), STORE_CONFLICT);
	cr_expect(info.needs_justification);
	cr_expect_eq(info.why, STORE_WHY_JUSTIFICATION);
	cr_expect_str_eq(info.field, "applicable");
	cr_expect_str_eq(info.user, "tester2");
	cr_expect_eq(info.rev, 2);
	store_close(st);
}

/* User names are whole: two long names that share a long prefix have
 * their own undo stacks and show whole in the history. */
Test(store, long_user_names_are_kept_whole)
{
	struct store *st = open_db(0);
	struct store_change info;
	char a[101], b[101];
	struct record r;

	memset(a, 'p', 70);
	memset(a + 70, 'a', 30);
	memcpy(b, a, 70);
	memset(b + 70, 'b', 30);
	a[100] = b[100] = '\0';
	store_set_user(st, a);
	cr_assert_eq(store_set(st, "7.4", "owner", "by a", 3, STORE_ANY_REV, NULL), STORE_OK);
	store_set_user(st, b);
	cr_assert_eq(store_set(st, "7.3", "owner", "by b", 3, STORE_ANY_REV, NULL), STORE_OK);
	/* a's undo undoes a's change, not b's newer one */
	store_set_user(st, a);
	cr_assert_eq(store_undo(st, &info), STORE_OK);
	cr_expect_str_eq(info.process, "7.4");
	expect_value(st, "7.3", "owner", "by b");
	cr_expect_eq(store_undo(st, &info), STORE_NOTFOUND);
	/* b's change is b's, named whole */
	cr_expect_eq(store_undo_seq(st, 2, NULL, NULL, &info), STORE_NOTFOUND);
	cr_expect_eq(info.why, STORE_WHY_NOT_OWN);
	cr_expect_str_eq(info.user, b);
	cr_assert_eq(store_get(st, "7.3", &r), STORE_OK);
	cr_expect_str_eq(r.user, b);
	cr_expect_str_eq(record_get(&r, "owner")->user, b);
	record_free(&r);
	store_set_user(st, b);
	cr_assert_eq(store_undo(st, &info), STORE_OK);
	expect_value(st, "7.3", "owner", "");
	store_close(st);
	expect_verified("two long names");
}

/* ---- a shared store is not a way in ------------------------------------ */

/* make the store, then give path the kind of file a hostile group member
 * could leave there */
static void plant(const char *name, const char *kind, const char *victim)
{
	char path[500];

	snprintf(path, sizeof path, "%s/%s", tmp_db, name);
	unlink(path);
	if (strcmp(kind, "link") == 0)
		cr_assert_eq(symlink(victim, path), 0);
	else if (strcmp(kind, "fifo") == 0)
		cr_assert_eq(mkfifo(path, 0600), 0);
	else if (strcmp(kind, "dir") == 0)
		cr_assert_eq(mkdir(path, 0700), 0);
}

static void expect_refused(const char *what, const char *victim)
{
	struct store *st = NULL;
	char *err = NULL;
	struct stat s;

	cr_expect_eq(store_open(tmp_db, "m1", STORE_OPEN_CREATE, &st, &err), STORE_INVALID,
	             "%s: not refused", what);
	cr_assert_not_null(err);
	cr_expect(strstr(err, what) != NULL, "'%s' not in '%s'", what, err);
	free(err);
	cr_expect_eq(store_open(tmp_db, "m1", STORE_OPEN_READONLY, &st, NULL), STORE_INVALID);
	if (victim)
		cr_expect(stat(victim, &s) != 0 || s.st_size == 0, "%s was written", victim);
}

Test(store, links_and_odd_files_are_refused)
{
	char victim[500], data[500], saved[500];
	struct store *st = open_db(0);

	store_set(st, "7.4", "owner", "x", 3, STORE_ANY_REV, NULL);
	store_close(st);
	snprintf(victim, sizeof victim, "%s/victim", tmp_dir);
	snprintf(data, sizeof data, "%s/data.mdb", tmp_db);
	snprintf(saved, sizeof saved, "%s/saved.mdb", tmp_dir);
	close(open(victim, O_CREAT | O_WRONLY, 0600));

	plant("lock.mdb", "link", victim);
	expect_refused("lock.mdb is a symbolic link", victim);
	plant("lock.mdb", "fifo", NULL);
	expect_refused("lock.mdb is a FIFO", NULL);
	unlink(strcat(strcpy(saved, tmp_db), "/lock.mdb"));

	snprintf(saved, sizeof saved, "%s/saved.mdb", tmp_dir);
	cr_assert_eq(rename(data, saved), 0);
	plant("data.mdb", "link", victim);
	expect_refused("data.mdb is a symbolic link", victim);
	/* a dangling link: nothing is created where it points */
	{
		char nowhere[500];
		struct stat s;

		snprintf(nowhere, sizeof nowhere, "%s/nowhere.mdb", tmp_dir);
		plant("data.mdb", "link", nowhere);
		expect_refused("data.mdb is a symbolic link", NULL);
		cr_expect_neq(stat(nowhere, &s), 0, "the link's target was created");
		cr_expect(store_exists(tmp_db), "a dangling data.mdb link counts as a store");
	}
	plant("data.mdb", "dir", NULL);
	expect_refused("data.mdb is a directory", NULL);
	rmdir(data);
	cr_assert_eq(rename(saved, data), 0);
	/* a second hard link (another file, where the system allows linking
	 * others' files) */
	{
		char hard[500];

		snprintf(hard, sizeof hard, "%s/hard", tmp_dir);
		cr_assert_eq(link(data, hard), 0);
		expect_refused("data.mdb has 2 hard links", NULL);
		unlink(hard);
	}
	/* writable by anyone: refused, and says how to fix it */
	cr_assert_eq(chmod(data, 0606), 0);
	expect_refused("can be written by anyone", NULL);
	cr_assert_eq(chmod(data, 0600), 0);
	st = open_db(0);
	expect_value(st, "7.4", "owner", "x");
	store_close(st);
}

/* A link swapped in after the checks and before LMDB opens the files is
 * caught: from the files as they are after, and, if the link was swapped
 * back meanwhile, from the descriptors LMDB opened (dev/ino). */
static char swap_name[64];
static char swap_victim[500];
static bool swap_back;

static void swap_for_link(const char *dir, bool opened)
{
	char path[600], keep[600];

	snprintf(path, sizeof path, "%s/%s", dir, swap_name);
	snprintf(keep, sizeof keep, "%s.kept", swap_victim);
	if (!opened) {
		if (rename(path, keep) != 0 || symlink(swap_victim, path) != 0)
			abort();
	} else if (swap_back) {
		if (unlink(path) != 0 || rename(keep, path) != 0)
			abort();
	}
}

static void swap_test(const char *name, bool back)
{
	struct store *st = open_db(0);
	char *err = NULL;
	char want[100];

	store_set(st, "7.4", "owner", "x", 3, STORE_ANY_REV, NULL);
	store_close(st);
	snprintf(swap_name, sizeof swap_name, "%s", name);
	snprintf(swap_victim, sizeof swap_victim, "%s/victim", tmp_dir);
	swap_back = back;
	close(open(swap_victim, O_CREAT | O_WRONLY, 0600));
	store_open_hook = swap_for_link;
	cr_expect_eq(store_open(tmp_db, "m1", 0, &st, &err), STORE_INVALID);
	store_open_hook = NULL;
	cr_assert_not_null(err);
	snprintf(want, sizeof want, back ? "was replaced while it was being opened" :
	         "%s is a symbolic link", name);
	cr_expect(strstr(err, want), "'%s' not in '%s'", want, err);
	free(err);
}

Test(store, lock_swapped_for_a_link_while_opening)
{
	swap_test("lock.mdb", false);
}

Test(store, data_swapped_for_a_link_while_opening)
{
	swap_test("data.mdb", false);
}

Test(store, lock_swapped_for_a_link_and_back_while_opening)
{
	swap_test("lock.mdb", true);
}

Test(store, data_swapped_for_a_link_and_back_while_opening)
{
	swap_test("data.mdb", true);
}

/* --db on a directory that holds other things and no store: not made one. */
Test(store, non_empty_directory_is_not_made_a_store)
{
	struct store *st = NULL;
	char *err = NULL, path[500];
	struct stat s;

	cr_assert_eq(mkdir(tmp_db, 0700), 0);
	snprintf(path, sizeof path, "%s/passwd", tmp_db);
	close(open(path, O_CREAT | O_WRONLY, 0600));
	cr_expect_eq(store_open(tmp_db, "m1", STORE_OPEN_CREATE, &st, &err), STORE_INVALID);
	cr_assert_not_null(err);
	cr_expect(strstr(err, "not empty") && strstr(err, "passwd"), "%s", err);
	free(err);
	snprintf(path, sizeof path, "%s/data.mdb", tmp_db);
	cr_expect_neq(stat(path, &s), 0);
	snprintf(path, sizeof path, "%s/lock.mdb", tmp_db);
	cr_expect_neq(stat(path, &s), 0);
	/* an empty directory, or one with only a lock file, is fine */
	snprintf(path, sizeof path, "%s/passwd", tmp_db);
	unlink(path);
	snprintf(path, sizeof path, "%s/lock.mdb", tmp_db);
	close(open(path, O_CREAT | O_WRONLY, 0600));
	st = open_db(0);
	store_close(st);
}

/* lock.mdb is allocated, not sparse (LMDB writes it through a map, which
 * dies of SIGBUS on a full disk). */
Test(store, lock_file_is_allocated)
{
	struct store *st = open_db(0);
	char path[500];
	struct stat s;

	store_close(st);
	snprintf(path, sizeof path, "%s/lock.mdb", tmp_db);
	cr_assert_eq(stat(path, &s), 0);
	cr_expect_geq((long long)s.st_blocks * 512, (long long)s.st_size,
	              "lock.mdb: %lld bytes, %lld allocated", (long long)s.st_size,
	              (long long)s.st_blocks * 512);
}
