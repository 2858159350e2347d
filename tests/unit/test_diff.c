/* Unit tests: reading as of a point of the history for the assessment
 * commands - the profile as of a seq (assess_profile_read() over
 * store_get_at()) and diff_read() between two seqs - against a history
 * built step by step: single changes, a change set, the undo of that set
 * and its redo, a baseline, an orphan record, outcome numbers past 9. */
#include "config.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess.h"
#include "diag.h"
#include "diff.h"
#include "model.h"
#include "store_util.h"

static struct prm_model *model;

static void setup(void)
{
	struct diag d = DIAG_INIT;

	tmp_setup();
	model = prm_model_load_default(&d);
	cr_assert_not_null(model, "the embedded model loads");
	diag_free(&d);
}

static void teardown(void)
{
	prm_model_free(model);
	tmp_teardown();
}

TestSuite(asof, .init = setup, .fini = teardown);

static uint64_t set1(struct store *st, const char *process, const char *field,
                     const char *value)
{
	struct store_change info;
	enum store_rc rc = store_set(st, process, field, value, 12, STORE_ANY_REV, &info);

	cr_assert_eq(rc, STORE_OK, "set %s %s %s: %s", process, field, value,
	             store_strerror(rc));
	return info.seq;
}

/* The changes of d as lines "ID FIELD OLD>NEW", one string. */
static char *lines(const struct diff *d)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	cr_assert_not_null(f);
	for (size_t i = 0; i < d->n; i++)
		fprintf(f, "%s %s %s>%s\n", d->c[i].id, d->c[i].field, d->c[i].old_value,
		        d->c[i].new_value);
	fclose(f);
	return buf;
}

static void expect_diff(struct store *st, uint64_t from, uint64_t to, const char *want,
                        size_t n_level, size_t n_processes)
{
	struct diff d;
	char *got;

	cr_assert_eq(diff_read(model, st, from, to, &d, NULL), STORE_OK);
	got = lines(&d);
	cr_expect_str_eq(got, want, "diff #%llu #%llu:\n%s", (unsigned long long)from,
	                 (unsigned long long)to, got);
	cr_expect_eq(d.n_level, n_level, "diff #%llu #%llu: level changes",
	             (unsigned long long)from, (unsigned long long)to);
	cr_expect_eq(d.n_processes, n_processes, "diff #%llu #%llu: processes",
	             (unsigned long long)from, (unsigned long long)to);
	free(got);
	diff_free(&d);
}

struct at { struct store *st; uint64_t seq; };

static enum store_rc get_at(void *arg, const char *process, struct record *out)
{
	const struct at *a = arg;

	return store_get_at(a->st, process, a->seq, out);
}

/* The profile as of seq: the level of process id (its text) and the
 * totals' not assessed count. */
static void expect_profile(struct store *st, uint64_t seq, const char *id, const char *level,
                           size_t not_assessed)
{
	struct at a = { st, seq };
	struct assess_profile pr;
	const struct prm_process *p = prm_model_find(model, id);

	cr_assert_not_null(p);
	cr_assert_eq(assess_profile_read(model, get_at, &a, &pr, NULL), STORE_OK);
	cr_expect_str_eq(assess_level_text(pr.rows[p - model->processes].level), level,
	                 "%s as of #%llu", id, (unsigned long long)seq);
	cr_expect_eq(pr.totals.not_assessed, not_assessed, "not assessed as of #%llu",
	             (unsigned long long)seq);
	assess_profile_free(&pr);
}

static uint64_t resolve(struct store *st, const char *ref)
{
	uint64_t seq = 0;
	char *err = NULL;

	cr_assert_eq(store_resolve_ref(st, ref, &seq, &err), STORE_OK, "%s: %s", ref,
	             err ? err : "");
	free(err);
	return seq;
}

Test(asof, a_history_step_by_step)
{
	struct store *st = open_db(0);
	struct store_change info;
	struct store_set_report rep;
	const size_t all = model->n_processes;
	uint64_t s1, s2, q1, set, undone, redone, orphan, out;
	const struct store_edit edits[] = {
		{ "7.4", "pa.1.1", "F", 12, STORE_ANY_REV, NULL, 0 },
		{ "7.4", "pa.2.1", "F", 12, STORE_ANY_REV, NULL, 0 },
		{ "7.4", "pa.2.2", "L", 12, STORE_ANY_REV, NULL, 0 },
		{ "8.2", "pa.1.1", "P", 12, STORE_ANY_REV, NULL, 0 },
	};
	size_t n_changed = 0;
	const char *after_set =
		"7.4 level 1>2\n"
		"8.2 level ->0\n"
		"7.4 pa.1.1 L>F\n"
		"7.4 pa.2.1 >F\n"
		"7.4 pa.2.2 >L\n"
		"8.2 pa.1.1 >P\n";

	/* #1, #2: 7.4 rated L, an owner; #3: baseline q1 */
	s1 = set1(st, "7.4", "pa.1.1", "L");
	s2 = set1(st, "7.4", "owner", "Alice");
	cr_assert_eq(store_baseline_create(st, "q1", "", &info), STORE_OK);
	q1 = info.seq;
	cr_expect_eq(resolve(st, "q1"), q1);
	cr_expect_eq(resolve(st, "#2"), s2);

	expect_profile(st, 0, "7.4", "-", all);
	expect_profile(st, s1, "7.4", "1", all - 1);
	expect_profile(st, q1, "7.4", "1", all - 1);
	expect_diff(st, 0, s1, "7.4 level ->1\n7.4 pa.1.1 >L\n", 1, 1);
	expect_diff(st, 0, q1, "7.4 level ->1\n7.4 owner >Alice\n7.4 pa.1.1 >L\n", 1, 1);
	expect_diff(st, s1, s2, "7.4 owner >Alice\n", 0, 1);
	/* a baseline changes no field */
	expect_diff(st, s2, q1, "", 0, 0);
	expect_diff(st, q1, q1, "", 0, 0);

	/* #4-#7: one change set over two processes */
	cr_assert_eq(store_set_many(st, edits, 4, NULL, &info, &set, &n_changed), STORE_OK);
	cr_assert_eq(n_changed, 4);
	out = store_last_seq(st);
	cr_assert_eq(out, q1 + 4);
	expect_profile(st, out, "7.4", "2", all - 2);
	expect_profile(st, out, "8.2", "0", all - 2);
	expect_profile(st, q1, "8.2", "-", all - 1);      /* the past is unchanged */
	expect_diff(st, q1, out, after_set, 2, 2);
	/* the other way round: old and new swap */
	expect_diff(st, out, q1,
	            "7.4 level 2>1\n8.2 level 0>-\n7.4 pa.1.1 F>L\n7.4 pa.2.1 F>\n"
	            "7.4 pa.2.2 L>\n8.2 pa.1.1 P>\n", 2, 2);
	/* half-way through the set: its first two entries */
	expect_diff(st, q1, set + 1, "7.4 pa.1.1 L>F\n7.4 pa.2.1 >F\n", 0, 1);
	expect_profile(st, set + 1, "7.4", "1", all - 1);

	/* #8-#11: the set undone as a whole: back to q1's records */
	cr_assert_eq(store_undo_set(st, 0, NULL, NULL, &rep), STORE_OK);
	undone = store_last_seq(st);
	cr_expect_eq(rep.n_done, 4);
	store_set_report_free(&rep);
	expect_diff(st, q1, undone, "", 0, 0);
	expect_diff(st, out, undone,
	            "7.4 level 2>1\n8.2 level 0>-\n7.4 pa.1.1 F>L\n7.4 pa.2.1 F>\n"
	            "7.4 pa.2.2 L>\n8.2 pa.1.1 P>\n", 2, 2);
	expect_profile(st, undone, "7.4", "1", all - 1);

	/* #12-#15: redone */
	cr_assert_eq(store_redo_set(st, 0, NULL, NULL, &rep), STORE_OK);
	redone = store_last_seq(st);
	store_set_report_free(&rep);
	expect_diff(st, q1, redone, after_set, 2, 2);
	expect_diff(st, out, redone, "", 0, 0);
	expect_profile(st, redone, "7.4", "2", all - 2);

	/* an orphan (a record the model lacks) comes after the model's
	 * processes, its level too; outcome.10 after outcome.2 (by number, not
	 * by byte); a cleared field reads as not set */
	set1(st, "9.9", "pa.1.1", "F");
	set1(st, "7.4", "outcome.10", "L");
	set1(st, "7.4", "outcome.2", "F");
	set1(st, "7.4", "owner", "");
	orphan = store_last_seq(st);
	expect_diff(st, redone, orphan,
	            "9.9 level ->1\n"
	            "7.4 owner Alice>\n7.4 outcome.2 >F\n7.4 outcome.10 >L\n"
	            "9.9 pa.1.1 >F\n", 1, 2);
	expect_diff(st, q1, orphan,
	            "7.4 level 1>2\n8.2 level ->0\n9.9 level ->1\n"
	            "7.4 owner Alice>\n7.4 pa.1.1 L>F\n7.4 pa.2.1 >F\n7.4 pa.2.2 >L\n"
	            "7.4 outcome.2 >F\n7.4 outcome.10 >L\n8.2 pa.1.1 >P\n9.9 pa.1.1 >F\n", 3, 3);
	/* the orphan as of before it existed: in the diff both ways */
	expect_diff(st, orphan, redone,
	            "9.9 level 1>-\n"
	            "7.4 owner >Alice\n7.4 outcome.2 F>\n7.4 outcome.10 L>\n"
	            "9.9 pa.1.1 F>\n", 1, 2);

	/* not applicable: the level reads n/a */
	set1(st, "8.2", "justification", "Done elsewhere.");
	set1(st, "8.2", "applicable", "no");
	expect_diff(st, orphan, store_last_seq(st),
	            "8.2 level 0>n/a\n8.2 applicable >no\n8.2 justification >Done elsewhere.\n",
	            1, 1);
	/* STORE_NOW is the same as the newest seq */
	expect_diff(st, q1, STORE_NOW, "7.4 level 1>2\n8.2 level ->n/a\n9.9 level ->1\n"
	            "7.4 owner Alice>\n7.4 pa.1.1 L>F\n7.4 pa.2.1 >F\n7.4 pa.2.2 >L\n"
	            "7.4 outcome.2 >F\n7.4 outcome.10 >L\n"
	            "8.2 applicable >no\n8.2 justification >Done elsewhere.\n8.2 pa.1.1 >P\n"
	            "9.9 pa.1.1 >F\n", 3, 3);
	store_close(st);
}

Test(asof, no_store_no_differences)
{
	struct diff d;

	cr_expect_eq(diff_read(model, NULL, 0, 5, &d, NULL), STORE_OK);
	cr_expect_eq(d.n, 0);
	diff_free(&d);
}

Test(asof, values_are_compared_whole)
{
	struct store *st = open_db(0);
	uint64_t a, b;

	/* a multi-line value with a tab; a change in its last line only */
	a = set1(st, "7.4", "notes", "one\ttab\ntwo\nthree");
	b = set1(st, "7.4", "notes", "one\ttab\ntwo\nthree!");
	expect_diff(st, a, b, "7.4 notes one\ttab\ntwo\nthree>one\ttab\ntwo\nthree!\n", 0, 1);
	/* set back: no difference between a and now */
	set1(st, "7.4", "notes", "one\ttab\ntwo\nthree");
	expect_diff(st, a, store_last_seq(st), "", 0, 0);
	store_close(st);
}
