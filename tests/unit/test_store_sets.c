/* Unit tests: schema 2's history features - change sets (store_set_many:
 * all or nothing, one entry per changed field, one id), their undo and
 * redo (whole, refused naming who and what, --partial, undo N inside a
 * set), origins and import marks, baselines, REFs (names, numbers, dates
 * at the boundaries of days, minutes and seconds, equal times), reads as
 * of a seq, restore of a whole history into an empty store, and the walks
 * an export streams. (As of every seq against a replay: the randomized
 * test.) */
#include "config.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "record.h"
#include "store_util.h"

TestSuite(store_sets, .init = tmp_setup, .fini = tmp_teardown);

static struct store_edit ed(const char *p, const char *f, const char *v)
{
	struct store_edit e = { p, f, v, 5, STORE_ANY_REV, NULL, 0 };
	return e;
}

Test(store_sets, set_many_is_one_change_set)
{
	struct store *st = open_db(0);
	struct store_edit e[4] = {
		ed("7.2", "status", "planned"), ed("7.3", "status", "planned"),
		ed("7.4", "status", "planned"), ed("7.4", "owner", ""),
	};
	struct store_change info;
	uint64_t set = 99, r;
	size_t n = 99;
	char *v;

	cr_assert_eq(store_set(st, "7.3", "status", "planned", 5, STORE_ANY_REV, NULL), STORE_OK);
	cr_assert_eq(store_set_many(st, e, 4, NULL, &info, &set, &n), STORE_OK);
	/* 7.3 had it, 7.4 owner was never set: two entries, #2 and #3 */
	cr_expect_eq(set, 2);
	cr_expect_eq(n, 2);
	cr_expect_eq(store_last_seq(st), 3);
	v = get_value(st, "7.4", "status", &r);
	cr_expect_str_eq(v, "planned");
	cr_expect_eq(r, 3);
	free(v);
	/* nothing to change: nothing written, no set */
	cr_assert_eq(store_set_many(st, e, 4, NULL, &info, &set, &n), STORE_OK);
	cr_expect_eq(set, 0);
	cr_expect_eq(n, 0);
	cr_expect_eq(store_last_seq(st), 3);
	store_close(st);
	expect_verified("after sets");
}

/* Every kind of refusal leaves the store exactly as it was. */
Test(store_sets, set_many_refusals_leave_the_store_untouched)
{
	struct store *st = open_db(0);
	struct store_edit e[3] = {
		ed("7.2", "owner", "ann"), ed("7.3", "status", "done"), ed("7.4", "owner", "bo"),
	};
	struct store_change info;
	uint64_t set;
	uint64_t before;
	size_t n;

	store_set_user(st, "dave");
	cr_assert_eq(store_set(st, "7.4", "owner", "x", 5, STORE_ANY_REV, NULL), STORE_OK);
	before = store_last_seq(st);
	/* a bad value anywhere */
	cr_expect_eq(store_set_many(st, e, 3, NULL, &info, &set, &n), STORE_INVALID);
	cr_expect_str_eq(info.process, "7.3");
	cr_expect_str_eq(info.field, "status");
	/* the same field twice */
	e[1] = ed("7.4", "owner", "cy");
	cr_expect_eq(store_set_many(st, e, 3, NULL, &info, &set, &n), STORE_INVALID);
	cr_expect_eq(info.why, STORE_WHY_TWICE);
	cr_expect_str_eq(info.process, "7.4");
	/* a stale base revision: names who changed it */
	e[1] = ed("7.3", "owner", "cy");
	e[2].base_rev = 0;
	store_set_user(st, "carol");
	cr_expect_eq(store_set_many(st, e, 3, NULL, &info, &set, &n), STORE_CONFLICT);
	cr_expect_str_eq(info.process, "7.4");
	cr_expect_str_eq(info.field, "owner");
	cr_expect_str_eq(info.user, "dave");
	cr_expect_eq(info.rev, 1);
	/* a stale base revision of a field never written */
	e[2] = ed("7.4", "owner", "bo");
	e[0].base_rev = 7;
	cr_expect_eq(store_set_many(st, e, 3, NULL, &info, &set, &n), STORE_CONFLICT);
	cr_expect_str_eq(info.process, "7.2");
	/* applicable 'no' without a justification, in the state the set leaves */
	e[0] = ed("7.2", "applicable", "no");
	cr_expect_eq(store_set_many(st, e, 3, NULL, &info, &set, &n), STORE_INVALID);
	cr_expect(info.needs_justification);
	cr_expect_str_eq(info.process, "7.2");
	cr_expect_str_eq(info.field, "justification");
	/* an origin that is not a UUID */
	e[0] = ed("7.2", "owner", "ann");
	e[0].origin = "not-a-uuid";
	cr_expect_eq(store_set_many(st, e, 3, NULL, &info, &set, &n), STORE_INVALID);
	cr_expect_eq(store_last_seq(st), before);
	expect_value(st, "7.2", "owner", "");
	expect_value(st, "7.4", "owner", "x");
	/* but a set may give both at once */
	e[0] = ed("7.2", "applicable", "no");
	e[1] = ed("7.2", "justification", "out of scope");
	cr_expect_eq(store_set_many(st, e, 3, NULL, &info, &set, &n), STORE_OK);
	cr_expect_eq(n, 3);
	store_close(st);
	expect_verified("after refusals");
}

/* alice changes three statuses as one set; bob changes one of them. */
static struct store *three_and_bob(void)
{
	struct store *st = open_db(0);
	struct store_edit e[3] = {
		ed("7.2", "status", "planned"), ed("7.3", "status", "planned"),
		ed("7.4", "status", "planned"),
	};

	store_set_user(st, "alice");
	cr_assert_eq(store_set(st, "7.1", "owner", "al", 5, STORE_ANY_REV, NULL), STORE_OK); /* #1 */
	cr_assert_eq(store_set_many(st, e, 3, NULL, NULL, NULL, NULL), STORE_OK);          /* #2-#4 */
	store_set_user(st, "bob");
	cr_assert_eq(store_set(st, "7.3", "status", "verified", 5, STORE_ANY_REV, NULL),
	             STORE_OK);                                                              /* #5 */
	store_set_user(st, "alice");
	return st;
}

/* An import's size: thousands of edits. A field named twice is found
 * wherever it is (the first in the set's order is named), and applicable
 * 'no' is checked per process in the state the whole set leaves. */
Test(store_sets, large_sets_twice_and_justification)
{
	enum { N = 4000 };
	struct store *st = open_db(0);
	struct store_edit *e = calloc(N, sizeof *e);
	char (*ids)[16] = calloc(N, sizeof *ids);
	struct store_change info;
	uint64_t set;
	size_t n;

	cr_assert(e && ids);
	for (size_t i = 0; i < N; i++) {
		snprintf(ids[i], sizeof ids[i], "9.%zu", i / 2 + 1);
		e[i] = ed(ids[i], i % 2 ? "notes" : "owner", "x");
	}
	/* two fields named twice, far apart; the earlier second naming wins */
	e[N - 1] = ed(ids[10], "owner", "y");
	e[N - 3] = ed(ids[2000], "owner", "z");
	cr_expect_eq(store_set_many(st, e, N, NULL, &info, &set, &n), STORE_INVALID);
	cr_expect_eq(info.why, STORE_WHY_TWICE);
	cr_expect_str_eq(info.process, ids[2000]);
	cr_expect_str_eq(info.field, "owner");
	cr_expect_eq(store_last_seq(st), 0);
	/* applicable no at the end, its justification at the start */
	e[N - 3] = ed(ids[N - 3], "notes", "x");
	e[N - 1] = ed(ids[0], "applicable", "no");
	cr_expect_eq(store_set_many(st, e, N, NULL, &info, &set, &n), STORE_INVALID);
	cr_expect(info.needs_justification);
	cr_expect_str_eq(info.process, ids[0]);
	e[1] = ed(ids[0], "justification", "out of scope");
	cr_expect_eq(store_set_many(st, e, N, NULL, &info, &set, &n), STORE_OK);
	cr_expect_eq(n, N);
	store_close(st);
	free(e);
	free(ids);
}

Test(store_sets, undo_of_a_set_refused_as_a_whole_naming_who_and_what)
{
	struct store *st = three_and_bob();
	struct store_set_report rep;
	struct store_change info;

	cr_expect_eq(store_undo_set(st, 0, NULL, NULL, &rep), STORE_CONFLICT);
	cr_expect_eq(rep.set, 2);
	cr_expect_eq(rep.n_fields, 3);
	cr_expect_eq(rep.n_done, 0);
	cr_assert_eq(rep.n_refused, 1);
	cr_expect_str_eq(rep.refused[0].process, "7.3");
	cr_expect_str_eq(rep.refused[0].field, "status");
	cr_expect_str_eq(rep.refused[0].user, "bob");
	cr_expect_eq(rep.refused[0].rev, 5);
	cr_expect_eq(rep.refused[0].ref, 3);
	cr_expect_eq(rep.refused[0].why, STORE_WHY_CHANGED);
	store_set_report_free(&rep);
	cr_expect_eq(store_last_seq(st), 5);
	/* the one-field form names the first field that blocks */
	cr_expect_eq(store_undo(st, &info), STORE_CONFLICT);
	cr_expect_str_eq(info.process, "7.3");
	cr_expect_str_eq(info.user, "bob");
	cr_expect_eq(store_last_seq(st), 5);
	expect_value(st, "7.2", "status", "planned");
	store_close(st);
}

Test(store_sets, partial_undo_then_redo_of_the_set)
{
	struct store *st = three_and_bob();
	struct store_set_report rep;
	uint64_t r;
	char *v;

	cr_assert_eq(store_undo_set(st, STORE_UNDO_PARTIAL, NULL, NULL, &rep), STORE_OK);
	cr_expect_eq(rep.set, 2);
	cr_expect_eq(rep.written, 6);
	cr_expect_eq(rep.n_done, 2);
	cr_expect_str_eq(rep.done[0].process, "7.2");
	cr_expect_eq(rep.done[0].seq, 6);
	cr_expect_str_eq(rep.done[1].process, "7.4");
	cr_expect_eq(rep.done[1].seq, 7);
	cr_assert_eq(rep.n_refused, 1);
	cr_expect_str_eq(rep.refused[0].process, "7.3");
	store_set_report_free(&rep);
	expect_value(st, "7.2", "status", "");
	expect_value(st, "7.3", "status", "verified");
	expect_value(st, "7.4", "status", "");
	/* the set left the undo stack: the next undo is the change before */
	cr_assert_eq(store_undo_set(st, 0, NULL, NULL, &rep), STORE_OK);
	cr_expect_eq(rep.set, 1);
	store_set_report_free(&rep);
	cr_assert_eq(store_redo_set(st, 0, NULL, NULL, &rep), STORE_OK);      /* #1 again */
	cr_expect_eq(rep.set, 8);
	store_set_report_free(&rep);
	/* redo of the partial undo: the two fields it undid, as one set */
	cr_assert_eq(store_redo_set(st, 0, NULL, NULL, &rep), STORE_OK);
	cr_expect_eq(rep.set, 6);
	cr_expect_eq(rep.n_done, 2);
	cr_expect_eq(rep.written, 10);
	store_set_report_free(&rep);
	v = get_value(st, "7.4", "status", &r);
	cr_expect_str_eq(v, "planned");
	cr_expect_eq(r, 4);             /* the change's own revision again */
	free(v);
	cr_expect_eq(store_redo_set(st, 0, NULL, NULL, &rep), STORE_NOTFOUND);
	store_set_report_free(&rep);
	/* and the set is on the undo stack again: undo N of bob's field */
	cr_expect_eq(store_undo_set(st, 0, NULL, NULL, &rep), STORE_CONFLICT);
	store_set_report_free(&rep);
	store_close(st);
	expect_verified("after a partial undo and its redo");
}

Test(store_sets, redo_refused_as_a_whole_then_partial)
{
	struct store *st = open_db(0);
	struct store_edit e[2] = { ed("7.2", "owner", "a"), ed("7.3", "owner", "b") };
	struct store_set_report rep;

	store_set_user(st, "alice");
	cr_assert_eq(store_set_many(st, e, 2, NULL, NULL, NULL, NULL), STORE_OK);  /* #1-#2 */
	cr_assert_eq(store_undo_set(st, 0, NULL, NULL, &rep), STORE_OK);          /* #3-#4 */
	store_set_report_free(&rep);
	store_set_user(st, "bob");
	cr_assert_eq(store_set(st, "7.2", "owner", "bob", 5, STORE_ANY_REV, NULL), STORE_OK);
	store_set_user(st, "alice");
	cr_expect_eq(store_redo_set(st, 0, NULL, NULL, &rep), STORE_CONFLICT);
	cr_assert_eq(rep.n_refused, 1);
	cr_expect_str_eq(rep.refused[0].user, "bob");
	cr_expect_str_eq(rep.refused[0].process, "7.2");
	store_set_report_free(&rep);
	cr_expect_eq(store_last_seq(st), 5);
	cr_expect_eq(store_redo_set(st, STORE_UNDO_PARTIAL, NULL, NULL, &rep), STORE_OK);
	cr_expect_eq(rep.n_done, 1);
	cr_expect_str_eq(rep.done[0].process, "7.3");
	store_set_report_free(&rep);
	expect_value(st, "7.2", "owner", "bob");
	expect_value(st, "7.3", "owner", "b");
	store_close(st);
	expect_verified("after a partial redo");
}

static bool not_72(const char *process, void *arg)
{
	(void)arg;
	return strcmp(process, "7.2") != 0;
}

Test(store_sets, orphans_in_a_set)
{
	struct store *st = open_db(0);
	struct store_edit e[2] = { ed("7.2", "owner", "a"), ed("7.3", "owner", "b") };
	struct store_set_report rep;

	cr_assert_eq(store_set_many(st, e, 2, NULL, NULL, NULL, NULL), STORE_OK);
	cr_expect_eq(store_undo_set(st, 0, not_72, NULL, &rep), STORE_ORPHAN);
	cr_assert_eq(rep.n_refused, 1);
	cr_expect_eq(rep.refused[0].why, STORE_WHY_ORPHAN);
	cr_expect_str_eq(rep.refused[0].process, "7.2");
	store_set_report_free(&rep);
	cr_expect_eq(store_undo_set(st, STORE_UNDO_PARTIAL, not_72, NULL, &rep), STORE_OK);
	cr_expect_eq(rep.n_done, 1);
	store_set_report_free(&rep);
	expect_value(st, "7.2", "owner", "a");
	expect_value(st, "7.3", "owner", "");
	store_close(st);
}

Test(store_sets, undo_n_inside_a_set)
{
	struct store *st = open_db(0);
	struct store_edit e[3] = {
		ed("7.2", "owner", "a"), ed("7.3", "owner", "b"), ed("7.4", "owner", "c"),
	};
	struct store_set_report rep;
	struct store_change info;

	cr_assert_eq(store_set(st, "7.1", "owner", "z", 5, STORE_ANY_REV, NULL), STORE_OK); /* #1 */
	cr_assert_eq(store_set_many(st, e, 3, NULL, NULL, NULL, NULL), STORE_OK);          /* #2-#4 */
	cr_assert_eq(store_undo_seq(st, 3, NULL, NULL, &info), STORE_OK);                  /* #5 */
	cr_expect_str_eq(info.process, "7.3");
	expect_value(st, "7.3", "owner", "");
	expect_value(st, "7.2", "owner", "a");
	/* redo takes the undo N back */
	cr_assert_eq(store_redo_set(st, 0, NULL, NULL, &rep), STORE_OK);                  /* #6 */
	cr_expect_eq(rep.n_done, 1);
	store_set_report_free(&rep);
	expect_value(st, "7.3", "owner", "b");
	/* undo N, then the whole set: the rest of it */
	cr_assert_eq(store_undo_seq(st, 4, NULL, NULL, &info), STORE_OK);                  /* #7 */
	cr_assert_eq(store_undo_set(st, 0, NULL, NULL, &rep), STORE_OK);                  /* #8-#9 */
	cr_expect_eq(rep.set, 2);
	cr_expect_eq(rep.n_done, 2);
	store_set_report_free(&rep);
	expect_value(st, "7.2", "owner", "");
	expect_value(st, "7.4", "owner", "");
	cr_expect_eq(store_undo_seq(st, 4, NULL, NULL, &info), STORE_NOTFOUND);
	cr_expect_eq(info.why, STORE_WHY_UNDONE);
	cr_expect_eq(info.ref, 7);
	/* every change of a set undone one by one: the set leaves the stack */
	cr_assert_eq(store_set_many(st, e, 2, NULL, NULL, NULL, NULL), STORE_OK);          /* #10-#11 */
	cr_assert_eq(store_undo_seq(st, 10, NULL, NULL, &info), STORE_OK);
	cr_assert_eq(store_undo_seq(st, 11, NULL, NULL, &info), STORE_OK);
	cr_assert_eq(store_undo_set(st, 0, NULL, NULL, &rep), STORE_OK);
	cr_expect_eq(rep.set, 1);       /* not #10's set: nothing of it is in effect */
	store_set_report_free(&rep);
	store_close(st);
	expect_verified("after undo N inside sets");
}

static const char uuid_a[] = "0b6c5e4a-1f2d-4c3b-9a8e-7d6c5b4a3f2e";

Test(store_sets, origins_and_import_marks)
{
	struct store *st = open_db(0);
	struct store_edit e[2] = { ed("7.2", "owner", "from-a"), ed("7.3", "owner", "also") };
	struct store_set_opts imp = { STORE_SET_IMPORT, "a.xml",
	                              "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" };
	struct store_set_report rep;
	struct record r;
	const struct field_value *fv;
	uint64_t set;

	cr_expect_eq(strlen(store_uuid(st)), 36);
	cr_assert_eq(store_set(st, "7.2", "owner", "mine", 5, STORE_ANY_REV, NULL), STORE_OK);  /* #1 */
	e[0].origin = uuid_a;
	e[0].origin_rev = 42;
	cr_assert_eq(store_set_many(st, e, 2, &imp, NULL, &set, NULL), STORE_OK);             /* #2-#3 */
	cr_assert_eq(store_get(st, "7.2", &r), STORE_OK);
	fv = record_get(&r, "owner");
	cr_assert_not_null(fv);
	cr_expect_str_eq(fv->origin, uuid_a);
	cr_expect_eq(fv->origin_rev, 42);
	cr_expect_eq(fv->rev, 2);
	record_free(&r);
	cr_assert_eq(store_get(st, "7.3", &r), STORE_OK);
	fv = record_get(&r, "owner");
	cr_expect_str_eq(fv->origin, store_uuid(st));  /* no origin given: this store's */
	cr_expect_eq(fv->origin_rev, 3);
	record_free(&r);
	/* as of #1: this store's own change */
	cr_assert_eq(store_get_at(st, "7.2", 1, &r), STORE_OK);
	fv = record_get(&r, "owner");
	cr_expect_str_eq(fv->value, "mine");
	cr_expect_str_eq(fv->origin, store_uuid(st));
	cr_expect_eq(fv->origin_rev, 1);
	record_free(&r);
	/* the import is one change set: undone whole, the origin goes back */
	cr_assert_eq(store_undo_set(st, 0, NULL, NULL, &rep), STORE_OK);
	cr_expect_eq(rep.set, set);
	cr_expect_eq(rep.n_done, 2);
	store_set_report_free(&rep);
	cr_assert_eq(store_get(st, "7.2", &r), STORE_OK);
	fv = record_get(&r, "owner");
	cr_expect_str_eq(fv->value, "mine");
	cr_expect_str_eq(fv->origin, store_uuid(st));
	cr_expect_eq(fv->origin_rev, 1);
	record_free(&r);
	/* an import without its file and digest is not one */
	imp.sha256 = NULL;
	cr_expect_eq(store_set_many(st, e, 2, &imp, NULL, NULL, NULL), STORE_INVALID);
	store_close(st);
	expect_verified("after an import");
}

struct marks { int imports; char file[64]; uint64_t set; };

static bool see_marks(const struct hist_entry *e, void *arg)
{
	struct marks *m = arg;

	if (e->set_kind == STORE_SET_IMPORT) {
		m->imports++;
		snprintf(m->file, sizeof m->file, "%s", e->file);
		m->set = e->set;
	}
	return true;
}

Test(store_sets, log_carries_sets_and_marks)
{
	struct store *st = open_db(0);
	struct store_edit e[2] = { ed("7.2", "owner", "x"), ed("7.3", "owner", "y") };
	struct store_set_opts imp = { STORE_SET_IMPORT, "b.json", "00" };
	struct marks m = { 0, "", 0 };
	uint64_t n;

	cr_assert_eq(store_set(st, "7.1", "owner", "z", 5, STORE_ANY_REV, NULL), STORE_OK);
	cr_assert_eq(store_set_many(st, e, 2, &imp, NULL, NULL, NULL), STORE_OK);
	cr_assert_eq(store_log(st, NULL, 0, see_marks, &m), STORE_OK);
	cr_expect_eq(m.imports, 2);
	cr_expect_str_eq(m.file, "b.json");
	cr_expect_eq(m.set, 2);
	cr_assert_eq(store_log_count(st, NULL, &n), STORE_OK);
	cr_expect_eq(n, 3);
	cr_assert_eq(store_log_count(st, "7.2", &n), STORE_OK);
	cr_expect_eq(n, 1);
	cr_assert_eq(store_log_count(st, "6.6", &n), STORE_OK);
	cr_expect_eq(n, 0);
	store_close(st);
}

Test(store_sets, baselines)
{
	struct store *st = open_db(0);
	struct store_baseline *b;
	struct store_change info;
	struct store_set_report rep;
	struct record r;
	uint64_t seq;
	char *err = NULL;
	size_t n;

	cr_assert_eq(store_set(st, "7.4", "owner", "a", 5, STORE_ANY_REV, NULL), STORE_OK);  /* #1 */
	cr_assert_eq(store_baseline_create(st, "audit-2026", "before the audit", &info),
	             STORE_OK);                                                            /* #2 */
	cr_expect_eq(info.seq, 2);
	cr_assert_eq(store_set(st, "7.4", "owner", "b", 5, STORE_ANY_REV, NULL), STORE_OK);  /* #3 */
	cr_assert_eq(store_baseline_create(st, "Q2.v1_final", NULL, &info), STORE_OK);      /* #4 */
	/* names: unique, a letter first, no spaces; never reused */
	cr_expect_eq(store_baseline_create(st, "audit-2026", "", &info), STORE_CONFLICT);
	cr_expect_eq(info.why, STORE_WHY_EXISTS);
	cr_expect_eq(info.ref, 2);
	cr_expect_eq(store_baseline_create(st, "2026", "", NULL), STORE_INVALID);
	cr_expect_eq(store_baseline_create(st, "", "", NULL), STORE_INVALID);
	cr_expect_eq(store_baseline_create(st, "a b", "", NULL), STORE_INVALID);
	cr_expect_eq(store_baseline_create(st, "#x", "", NULL), STORE_INVALID);
	cr_expect_eq(store_baseline_create(st, "x23456789012345678901234567890123456789012345678901"
	                                   "23456789012345", "", NULL), STORE_INVALID);
	cr_expect_eq(store_last_seq(st), 4);
	cr_assert_eq(store_baselines(st, &b, &n), STORE_OK);
	cr_assert_eq(n, 2);
	cr_expect_str_eq(b[0].name, "audit-2026");
	cr_expect_str_eq(b[0].note, "before the audit");
	cr_expect_eq(b[0].seq, 2);
	cr_expect_str_eq(b[0].user, store_user(st));
	cr_expect_str_eq(b[1].name, "Q2.v1_final");
	store_baselines_free(b, n);
	/* as of a baseline: the state it named */
	cr_assert_eq(store_resolve_ref(st, "audit-2026", &seq, &err), STORE_OK);
	cr_expect_eq(seq, 2);
	cr_assert_eq(store_get_at(st, "7.4", seq, &r), STORE_OK);
	cr_expect_str_eq(record_get(&r, "owner")->value, "a");
	cr_expect_eq(r.rev, 1);
	record_free(&r);
	cr_expect_eq(store_resolve_ref(st, "audit-2025", &seq, &err), STORE_NOTFOUND);
	cr_expect(strstr(err, "audit-2026, Q2.v1_final") != NULL, "%s", err);
	free(err);
	/* a baseline is no change: undo passes it, undo N refuses it */
	cr_expect_eq(store_undo_seq(st, 4, NULL, NULL, &info), STORE_NOTFOUND);
	cr_expect_eq(info.why, STORE_WHY_NOT_A_CHANGE);
	cr_assert_eq(store_undo_set(st, 0, NULL, NULL, &rep), STORE_OK);
	cr_expect_eq(rep.set, 3);
	store_set_report_free(&rep);
	store_close(st);
	expect_verified("after baselines");
}

/* Entries with the times given, restored (restore keeps them). */
struct script { const struct hist_entry *e; size_t n, i; };

static int next_entry(void *arg, bool rewind, struct hist_entry *out, char **err)
{
	struct script *s = arg;

	(void)err;
	if (rewind)
		s->i = 0;
	if (s->i == s->n)
		return 0;
	*out = s->e[s->i++];
	return 1;
}

#define SETE(SEQ, T, U, P, F, V) { .seq = SEQ, .time = T, .user = U, .kind = HIST_SET, \
	.process = P, .field = F, .new_value = V, .set = SEQ }

/* 2026-03-01T00:00:00Z */
#define D1 1772323200

Test(store_sets, dates_at_boundaries_and_equal_times)
{
	struct store *st = open_db(0);
	const struct hist_entry h[] = {
		SETE(1, D1 - 1, "a", "7.4", "owner", "feb"),            /* 02-28 23:59:59 */
		SETE(2, D1, "a", "7.4", "owner", "mar"),                /* 03-01 00:00:00 */
		SETE(3, D1 + 86399, "a", "7.4", "owner", "last1"),      /* 03-01 23:59:59 */
		SETE(4, D1 + 86399, "a", "7.4", "status", "planned"),   /* same second */
		SETE(5, D1 + 86399, "a", "7.3", "owner", "last3"),      /* same second */
		SETE(6, D1 + 86400, "a", "7.4", "owner", "apr"),        /* 03-02 00:00:00 */
		SETE(7, D1 + 86400 + 61, "a", "7.4", "owner", "m1"),    /* 03-02 00:01:01 */
		SETE(8, D1 + 5, "b", "7.2", "owner", "clock"),          /* a clock set back */
		SETE(9, D1 + 86400 + 200, "b", "7.2", "owner", "late"), /* 03-02 00:03:20 */
	};
	struct script s = { h, sizeof h / sizeof h[0], 0 };
	static const struct { const char *ref; uint64_t seq; } cases[] = {
		{ "2026-02-27", 0 }, { "2026-02-28", 1 }, { "2026-02-28T23:59Z", 1 },
		{ "2026-02-28T23:59:58Z", 0 }, { "2026-02-28T23:59:59Z", 1 },
		{ "2026-03-01T00:00:00Z", 2 }, { "2026-03-01T00:00Z", 2 },
		{ "2026-03-01T23:59:58Z", 2 }, { "2026-03-01T23:59:59Z", 5 },
		{ "2026-03-01", 5 }, { "2026-03-02T00:00:00Z", 6 }, { "2026-03-02T00:01Z", 8 },
		{ "2026-03-02T00:00Z", 6 }, { "2026-03-02T00:01:00Z", 6 }, { "2026-03-02", 10 },
		{ "2099-12-31", 10 }, { "1970-01-01", 0 }, { "#3", 3 }, { "7", 7 }, { "0", 0 },
		{ "#0", 0 }, { "2024-02-29", 0 },
	};
	static const char *const bad[] = {
		"2026-02-30", "2026-13-01", "2026-03-01T24:00Z", "2026-03-01T12:00",
		"2026-03-01T12:60Z", "2026-3-1", "#", "#x", "12a", "-1", "2025-02-29",
		"2026-03-01T12:00:61Z", "now",
	};
	char *err = NULL, *why = NULL;
	uint64_t seq;

	cr_assert_eq(store_restore(st, "t.xml", "00", next_entry, &s, NULL, &why), STORE_OK,
	             "%s", why ? why : "");
	cr_expect_eq(store_last_seq(st), 10);   /* #10: the restore itself */
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		enum store_rc rc = store_resolve_ref(st, cases[i].ref, &seq, &err);

		cr_expect_eq(rc, STORE_OK, "%s: %s", cases[i].ref, err ? err : "");
		if (cases[i].seq == 10)
			cr_expect_geq(seq, 9, "%s", cases[i].ref);
		else
			cr_expect_eq(seq, cases[i].seq, "%s gave #%llu", cases[i].ref,
			             (unsigned long long)seq);
		free(err);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		enum store_rc rc = store_resolve_ref(st, bad[i], &seq, &err);

		cr_expect(rc == STORE_INVALID || rc == STORE_NOTFOUND, "%s accepted", bad[i]);
		cr_expect_not_null(err, "%s: no message", bad[i]);
		free(err);
	}
	cr_expect_eq(store_resolve_ref(st, "11", &seq, &err), STORE_NOTFOUND);
	cr_expect(strstr(err, "the newest is #10") != NULL, "%s", err);
	free(err);
	store_close(st);
	expect_verified("after a restore with times going back");
}

/* ---- restore: a whole history into an empty store ------------------------ */

struct copy { struct hist_entry *e; size_t n; };

static char *dup0(const char *s)
{
	return s ? strdup(s) : NULL;
}

static bool keep_entry(const struct hist_entry *e, void *arg)
{
	struct copy *c = arg;
	struct hist_entry *n;

	c->e = realloc(c->e, (c->n + 1) * sizeof *c->e);
	cr_assert_not_null(c->e);
	n = &c->e[c->n++];
	*n = *e;
	n->user = dup0(e->user);
	n->process = dup0(e->process);
	n->field = dup0(e->field);
	n->old_value = dup0(e->old_value);
	n->new_value = dup0(e->new_value);
	n->origin = dup0(e->origin);
	n->name = dup0(e->name);
	n->note = dup0(e->note);
	n->file = dup0(e->file);
	n->sha256 = dup0(e->sha256);
	return true;
}

static void copy_free(struct copy *c)
{
	for (size_t i = 0; i < c->n; i++) {
		struct hist_entry *e = &c->e[i];

		free(e->user);
		free(e->process);
		free(e->field);
		free(e->old_value);
		free(e->new_value);
		free(e->origin);
		free(e->name);
		free(e->note);
		free(e->file);
		free(e->sha256);
	}
	free(c->e);
	memset(c, 0, sizeof *c);
}

/* A history with every kind of entry: changes by two users, a set, an
 * import from another store, undos (of a set, named), a redo, a baseline,
 * a refused undo (leaves nothing). */
static void rich_history(struct store *st)
{
	struct store_edit e[2] = { ed("7.2", "status", "planned"), ed("7.3", "status", "planned") };
	struct store_edit imp_e[1] = { ed("7.5", "owner", "remote") };
	struct store_set_opts imp = { STORE_SET_IMPORT, "a.xml",
	                              "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" };
	struct store_set_report rep;
	struct store_change info;

	imp_e[0].origin = uuid_a;
	imp_e[0].origin_rev = 9;
	store_set_user(st, "alice");
	cr_assert_eq(store_set(st, "7.4", "owner", "alice", 5, STORE_ANY_REV, NULL), STORE_OK);
	cr_assert_eq(store_set_many(st, e, 2, NULL, NULL, NULL, NULL), STORE_OK);
	cr_assert_eq(store_set_many(st, imp_e, 1, &imp, NULL, NULL, NULL), STORE_OK);
	store_set_user(st, "bob");
	cr_assert_eq(store_set(st, "7.4", "notes", "line1\nline2", 5, STORE_ANY_REV, NULL), STORE_OK);
	cr_assert_eq(store_set(st, "9.9", "owner", "orphan", 5, STORE_ANY_REV, NULL), STORE_OK);
	cr_assert_eq(store_baseline_create(st, "b1", "first", NULL), STORE_OK);
	store_set_user(st, "alice");
	cr_assert_eq(store_undo(st, &info), STORE_OK);                      /* the import */
	cr_assert_eq(store_undo_seq(st, 2, NULL, NULL, &info), STORE_OK);   /* one of the set */
	cr_assert_eq(store_redo_set(st, 0, NULL, NULL, &rep), STORE_OK);
	store_set_report_free(&rep);
	cr_assert_eq(store_undo_set(st, 0, NULL, NULL, &rep), STORE_OK);    /* the set */
	store_set_report_free(&rep);
	store_set_user(st, "bob");
	cr_assert_eq(store_set(st, "7.4", "owner", "bob", 5, STORE_ANY_REV, NULL), STORE_OK);
	store_set_user(st, "alice");
	cr_expect_eq(store_undo(st, &info), STORE_CONFLICT);
}

static bool same_entry(const struct hist_entry *a, const struct hist_entry *b, const char *uuid_b)
{
	(void)uuid_b;
	return a->seq == b->seq && a->time == b->time && strcmp(a->user, b->user) == 0 &&
	       a->pid == b->pid && a->kind == b->kind && a->ref == b->ref && a->set == b->set &&
	       a->named == b->named && a->old_rev == b->old_rev && a->new_rev == b->new_rev &&
	       strcmp(a->process, b->process) == 0 && strcmp(a->field, b->field) == 0 &&
	       strcmp(a->old_value, b->old_value) == 0 && strcmp(a->new_value, b->new_value) == 0 &&
	       strcmp(a->origin, b->origin) == 0 && a->origin_rev == b->origin_rev &&
	       a->set_kind == b->set_kind && strcmp(a->file ? a->file : "", b->file ? b->file : "") == 0 &&
	       strcmp(a->name ? a->name : "", b->name ? b->name : "") == 0 &&
	       strcmp(a->note ? a->note : "", b->note ? b->note : "") == 0;
}

Test(store_sets, restore_keeps_the_whole_history)
{
	struct store *a = open_db(0), *b;
	struct copy ca = { 0 }, cb = { 0 };
	struct script s;
	struct store_change info;
	struct store_set_report rep1, rep2;
	char dir_b[500], *err = NULL, *why = NULL;
	char uuid_of_a[37];

	rich_history(a);
	snprintf(uuid_of_a, sizeof uuid_of_a, "%s", store_uuid(a));
	cr_assert_eq(store_walk_history(a, 1, STORE_NOW, keep_entry, &ca), STORE_OK);
	cr_assert_eq(ca.n, store_last_seq(a));
	/* every entry carries its origin: this store's own or the import's */
	for (size_t i = 0; i < ca.n; i++)
		if (ca.e[i].kind == HIST_SET && ca.e[i].set_kind != STORE_SET_IMPORT)
			cr_expect_str_eq(ca.e[i].origin, uuid_of_a);
	snprintf(dir_b, sizeof dir_b, "%s/b", tmp_dir);
	cr_assert_eq(store_open(dir_b, "m1", STORE_OPEN_CREATE, &b, &err), STORE_OK);
	free(err);
	cr_expect_str_neq(store_uuid(b), uuid_of_a);
	s = (struct script){ ca.e, ca.n, 0 };
	cr_assert_eq(store_restore(b, "backup.xml", "ab", next_entry, &s, &info, &why), STORE_OK,
	             "%s", why ? why : "");
	cr_expect_eq(info.seq, ca.n + 1);
	cr_assert_eq(store_walk_history(b, 1, STORE_NOW, keep_entry, &cb), STORE_OK);
	cr_assert_eq(cb.n, ca.n + 1);
	for (size_t i = 0; i < ca.n; i++)
		cr_expect(same_entry(&ca.e[i], &cb.e[i], store_uuid(b)), "entry #%zu differs", i + 1);
	cr_expect_eq(cb.e[ca.n].kind, HIST_RESTORE);
	cr_expect_str_eq(cb.e[ca.n].file, "backup.xml");
	cr_expect_str_eq(cb.e[ca.n].sha256, "ab");
	/* the stacks are those of A: the same undo does the same */
	store_set_user(a, "bob");
	store_set_user(b, "bob");
	cr_assert_eq(store_undo_set(a, 0, NULL, NULL, &rep1), STORE_OK);
	cr_assert_eq(store_undo_set(b, 0, NULL, NULL, &rep2), STORE_OK);
	cr_expect_eq(rep1.set, rep2.set);
	cr_expect_eq(rep1.n_done, rep2.n_done);
	store_set_report_free(&rep1);
	store_set_report_free(&rep2);
	store_set_user(b, "alice");
	cr_expect_eq(store_undo_seq(b, 2, NULL, NULL, &info), STORE_NOTFOUND);
	cr_expect_eq(info.why, STORE_WHY_UNDONE);
	/* a restore into a store that is not empty is refused */
	s.i = 0;
	cr_expect_eq(store_restore(b, "backup.xml", "ab", next_entry, &s, &info, &why), STORE_CONFLICT);
	cr_expect_not_null(why);
	free(why);
	copy_free(&ca);
	copy_free(&cb);
	store_close(a);
	store_close(b);
	expect_verified("the store restored from");
}

Test(store_sets, restore_refuses_what_the_store_could_not_have_made)
{
	struct store *st = open_db(0);
	struct hist_entry h[3] = {
		SETE(1, 100, "a", "7.4", "owner", "x"),
		SETE(2, 101, "b", "7.4", "owner", "y"),
		SETE(3, 102, "a", "7.4", "owner", "x"),
	};
	struct script s = { h, 3, 0 };
	char *why = NULL;

	/* an undo of another user's change */
	h[2].kind = HIST_UNDO;
	h[2].ref = 2;
	cr_expect_eq(store_restore(st, "f", "00", next_entry, &s, NULL, &why), STORE_INVALID);
	cr_expect(why && strstr(why, "history entry #3: is an undo or redo of an entry that is "
	                        "not a change of 7.4 owner by the same user"), "%s", why);
	free(why);
	/* an undo that does not give back the value from before */
	h[2] = (struct hist_entry)SETE(3, 102, "b", "7.4", "owner", "z");
	h[2].kind = HIST_UNDO;
	h[2].ref = 2;
	cr_expect_eq(store_restore(st, "f", "00", next_entry, &s, NULL, &why), STORE_INVALID);
	cr_expect(why && strstr(why, "must give the field the value from before the change"),
	          "%s", why);
	free(why);
	/* a gap */
	h[2] = (struct hist_entry)SETE(4, 102, "a", "7.4", "owner", "z");
	cr_expect_eq(store_restore(st, "f", "00", next_entry, &s, NULL, &why), STORE_INVALID);
	cr_expect(why && strstr(why, "out of order"), "%s", why);
	free(why);
	/* a set that is not the entries before it */
	h[2] = (struct hist_entry)SETE(3, 102, "a", "7.4", "status", "planned");
	h[2].set = 1;
	cr_expect_eq(store_restore(st, "f", "00", next_entry, &s, NULL, &why), STORE_INVALID);
	free(why);
	/* an unknown field, a bad user */
	h[2] = (struct hist_entry)SETE(3, 102, "a", "7.4", "colour", "red");
	cr_expect_eq(store_restore(st, "f", "00", next_entry, &s, NULL, &why), STORE_INVALID);
	free(why);
	h[2] = (struct hist_entry)SETE(3, 102, "", "7.4", "owner", "red");
	cr_expect_eq(store_restore(st, "f", "00", next_entry, &s, NULL, &why), STORE_INVALID);
	free(why);
	cr_expect_eq(store_last_seq(st), 0);    /* nothing written */
	store_close(st);
}

/* ---- walks and reads as of --------------------------------------------------- */

struct walked { char text[4096]; };

static bool walk_field(const char *process, const struct field_value *f, void *arg)
{
	struct walked *w = arg;
	size_t len = strlen(w->text);

	snprintf(w->text + len, sizeof w->text - len, "%s %s=%s #%llu;", process, f->field,
	         f->value, (unsigned long long)f->rev);
	return true;
}

Test(store_sets, walk_fields_in_a_stable_order_orphans_included)
{
	struct store *st = open_db(0);
	struct walked w = { "" };
	char **ids;
	size_t n;

	cr_assert_eq(store_set(st, "7.4", "status", "planned", 5, STORE_ANY_REV, NULL), STORE_OK);
	cr_assert_eq(store_set(st, "9.9", "owner", "orphan", 5, STORE_ANY_REV, NULL), STORE_OK);
	cr_assert_eq(store_set(st, "7.4", "owner", "a", 5, STORE_ANY_REV, NULL), STORE_OK);
	cr_assert_eq(store_set(st, "7.40", "owner", "b", 5, STORE_ANY_REV, NULL), STORE_OK);
	cr_assert_eq(store_set(st, "7.4", "owner", "", 5, STORE_ANY_REV, NULL), STORE_OK);
	cr_assert_eq(store_walk_fields(st, STORE_NOW, walk_field, &w), STORE_OK);
	cr_expect_str_eq(w.text, "7.4 owner= #5;7.4 status=planned #1;7.40 owner=b #4;"
	                 "9.9 owner=orphan #2;");
	w.text[0] = '\0';
	cr_assert_eq(store_walk_fields(st, 3, walk_field, &w), STORE_OK);
	cr_expect_str_eq(w.text, "7.4 owner=a #3;7.4 status=planned #1;9.9 owner=orphan #2;");
	cr_assert_eq(store_list_at(st, 1, &ids, &n), STORE_OK);
	cr_assert_eq(n, 1);
	cr_expect_str_eq(ids[0], "7.4");
	free(ids[0]);
	free(ids);
	cr_assert_eq(store_list_at(st, 0, &ids, &n), STORE_OK);
	cr_expect_eq(n, 0);
	free(ids);
	store_close(st);
}

Test(store_sets, read_only_store_takes_no_set_or_baseline)
{
	struct store *st = open_db(0);
	struct store_edit e[1] = { ed("7.2", "owner", "a") };

	cr_assert_eq(store_set(st, "7.4", "owner", "x", 5, STORE_ANY_REV, NULL), STORE_OK);
	store_close(st);
	st = open_db(STORE_OPEN_READONLY);
	cr_expect_eq(store_set_many(st, e, 1, NULL, NULL, NULL, NULL), STORE_READONLY);
	cr_expect_eq(store_baseline_create(st, "b", "", NULL), STORE_READONLY);
	cr_expect_eq(store_last_seq(st), 1);
	store_close(st);
}
