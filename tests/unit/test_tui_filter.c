/* Unit tests: the tree's filter (tree_set_filter on a model with
 * sub-processes, tests/data/v2.xml: parents kept in sight, tree lines of
 * what is shown, categories left out, the cursor kept or moved to the
 * nearest process shown, going to a hidden process dropping the filter)
 * and which rows a filter matches (filter_match, filter_describe). */
#include "config.h"

#include <criterion/criterion.h>
#include <string.h>

#include "assess.h"
#include "model.h"
#include "tui/filter.h"
#include "tui/tree.h"

static struct prm_model *m;
static struct tree t;

static void setup(void)
{
	struct diag d = DIAG_INIT;

	m = prm_model_load_file(TEST_DATA "/v2.xml", &d);
	cr_assert_not_null(m, "%s", d.n ? d.lines[0] : "?");
	cr_assert(tree_init(&t, m));
}

static void teardown(void)
{
	tree_free(&t);
	prm_model_free(m);
}

TestSuite(tree_filter, .init = setup, .fini = teardown);

static long row_of(const char *id)
{
	size_t p = prm_model_index(m, id);

	for (size_t i = 0; i < t.n_rows; i++)
		if (t.rows[i].kind == TREE_PROCESS && t.rows[i].index == p)
			return (long)i;
	return -1;
}

static const char *lines(const char *id)
{
	static char buf[128];

	tree_process_lines(&t, (size_t)row_of(id), false, buf, sizeof buf);
	return buf;
}

/* A filter matching the processes named (NULL-terminated). */
static void only(const char *const *ids)
{
	bool match[16] = { false };

	cr_assert(m->n_processes <= 16);
	for (size_t i = 0; ids[i]; i++)
		match[prm_model_index(m, ids[i])] = true;
	cr_assert(tree_set_filter(&t, match));
}

Test(tree_filter, a_sub_process_keeps_its_parents_and_the_lines_follow_what_is_shown)
{
	only((const char *const[]){ "1.1.1", NULL });
	/* model, plan, 1, 1.1, 1.1.1: "run" has none and is left out */
	cr_assert_eq(t.n_rows, 5);
	cr_assert_eq(t.rows[1].kind, TREE_CATEGORY);
	cr_assert(t.rows[1].last, "plan is the last category shown");
	cr_assert_eq(tree_category_shown(&t, 0), 3);
	cr_assert_eq(tree_category_shown(&t, 1), 0);
	cr_assert_eq(row_of("1.2"), -1);
	cr_assert(tree_shows(&t, prm_model_index(m, "1")), "the parent is shown");
	/* 1.2 hidden: 1.1 is the last child shown; no line down to "run" */
	cr_assert_str_eq(lines("1"), "  `-");
	cr_assert_str_eq(lines("1.1"), "    `-");
	cr_assert_str_eq(lines("1.1.1"), "      `-");
	cr_assert(tree_set_filter(&t, NULL));
	cr_assert_eq(t.n_rows, 8);
	cr_assert_str_eq(lines("1.1"), "|   |-");
}

Test(tree_filter, the_cursor_stays_or_goes_to_the_nearest_process_shown)
{
	cr_assert(tree_goto_process(&t, prm_model_index(m, "1.2")));
	only((const char *const[]){ "1.2", "2", NULL });
	cr_assert_eq(tree_process(&t), prm_model_index(m, "1.2"), "still shown: stays");
	only((const char *const[]){ "1", "2", NULL });
	cr_assert_eq(tree_process(&t), prm_model_index(m, "2"), "hidden: the next one shown");
	only((const char *const[]){ "1.1", NULL });
	cr_assert_eq(tree_process(&t), prm_model_index(m, "1.1"), "none after: the one before");
	cr_assert(tree_set_filter(&t, NULL));
	cr_assert_eq(tree_process(&t), prm_model_index(m, "1.1"), "no filter: stays");
}

Test(tree_filter, going_to_a_hidden_process_drops_the_filter)
{
	only((const char *const[]){ "2", NULL });
	cr_assert(!t.filter_dropped);
	cr_assert(tree_goto_process(&t, prm_model_index(m, "1.1.1")));
	cr_assert(t.filter_dropped);
	cr_assert_null(t.shown);
	cr_assert_eq(t.n_rows, 8);
	cr_assert_eq(tree_process(&t), prm_model_index(m, "1.1.1"));
}

/* ---- which rows match ---------------------------------------------------- */

static struct assess_row row(int status, bool owner, int level, int target, long review)
{
	struct assess_row r;

	memset(&r, 0, sizeof r);
	r.status = status;
	r.has_owner = owner;
	r.level = level;
	r.target = target;
	r.has_gap = target >= 0 && level >= 0;
	r.gap = r.has_gap ? target - level : 0;
	r.review_day = review;
	r.applicable = level != ASSESS_NA;
	return r;
}

Test(filter, match)
{
	struct filter *f;
	struct assess_row r = row(1, true, 1, 3, -1);
	long today = 20000;
	char buf[64];

	f = filter_new(FILTER_OWNER, 0, "ALI");
	cr_assert(filter_match(f, &r, "Alice Smith", today), "any case, part of it");
	cr_assert(!filter_match(f, &r, "Bob", today));
	filter_describe(f, buf, sizeof buf);
	cr_assert_str_eq(buf, "owner has ALI");
	filter_free(f);
	f = filter_new(FILTER_OWNER, 0, "");
	cr_assert(!filter_match(f, &r, "Alice", today));
	r.has_owner = false;
	cr_assert(filter_match(f, &r, "", today), "empty: no owner");
	filter_describe(f, buf, sizeof buf);
	cr_assert_str_eq(buf, "no owner");
	filter_free(f);

	f = filter_new(FILTER_STATUS, -1, NULL);
	cr_assert(!filter_match(f, &r, NULL, today));
	r.status = -1;
	cr_assert(filter_match(f, &r, NULL, today));
	filter_describe(f, buf, sizeof buf);
	cr_assert_str_eq(buf, "status not set");
	filter_free(f);

	f = filter_new(FILTER_LEVEL, ASSESS_NOT_ASSESSED, NULL);
	cr_assert(!filter_match(f, &r, NULL, today));
	r = row(0, false, ASSESS_NOT_ASSESSED, 2, -1);
	cr_assert(filter_match(f, &r, NULL, today));
	filter_describe(f, buf, sizeof buf);
	cr_assert_str_eq(buf, "not assessed");
	filter_free(f);

	f = filter_new(FILTER_BELOW_TARGET, 0, NULL);
	cr_assert(!filter_match(f, &r, NULL, today), "not assessed is not below target");
	r = row(0, false, 1, 3, -1);
	cr_assert(filter_match(f, &r, NULL, today));
	r = row(0, false, 3, 3, -1);
	cr_assert(!filter_match(f, &r, NULL, today), "at its target");
	filter_free(f);

	f = filter_new(FILTER_REVIEW, 0, NULL);
	for (long d = -2; d <= ASSESS_REVIEW_DUE_DAYS + 2; d++) {
		r = row(0, true, 1, -1, today + d);
		cr_assert_eq(filter_match(f, &r, NULL, today), d <= ASSESS_REVIEW_DUE_DAYS,
		             "review in %ld days", d);
	}
	r = row(0, true, 1, -1, -1);
	cr_assert(!filter_match(f, &r, NULL, today), "no review date");
	r = row(0, true, ASSESS_NA, -1, today);
	cr_assert(!filter_match(f, &r, NULL, today), "not applicable: nothing to review");
	filter_describe(f, buf, sizeof buf);
	cr_assert_str_eq(buf, "review due");
	filter_free(f);
}
