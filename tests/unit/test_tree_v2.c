/* Unit tests: the workbench tree with sub-processes (tests/data/v2.xml, a
 * loaded model): rows, depth, tree lines, going to the parent, and short
 * names where a name would be cut. */
#include "config.h"

#include <criterion/criterion.h>
#include <string.h>

#include "model.h"
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

TestSuite(tree_v2, .init = setup, .fini = teardown);

/* Row of process id, or -1. */
static long row_of(const char *id)
{
	size_t p = prm_model_index(m, id);

	for (size_t i = 0; i < t.n_rows; i++)
		if (t.rows[i].kind == TREE_PROCESS && t.rows[i].index == p)
			return (long)i;
	return -1;
}

static const char *lines(const char *id, bool utf8)
{
	static char buf[128];

	tree_process_lines(&t, (size_t)row_of(id), utf8, buf, sizeof buf);
	return buf;
}

Test(tree_v2, sub_processes_under_their_parent)
{
	/* model, plan, 1, 1.1, 1.1.1, 1.2, run, 2 */
	cr_assert_eq(t.n_rows, 8);
	cr_assert_eq(row_of("1.1.1"), 4);
	cr_assert_eq(t.rows[4].depth, 2);
	cr_assert_eq(t.rows[3].depth, 1);
	cr_assert(!t.rows[3].last, "1.1 has a sibling after it");
	cr_assert(t.rows[4].last, "1.1.1 is its parent's only child");
	cr_assert(t.rows[5].last, "1.2 is 1's last child");
	cr_assert(t.rows[2].last, "1 is the last at the top of its category");
}

Test(tree_v2, tree_lines_by_depth)
{
	cr_assert_str_eq(lines("1", false), "| `-");
	cr_assert_str_eq(lines("1.1", false), "|   |-");
	cr_assert_str_eq(lines("1.1.1", false), "|   | `-");
	cr_assert_str_eq(lines("1.2", false), "|   `-");
	cr_assert_str_eq(lines("2", false), "  `-");
	cr_assert_str_eq(lines("1.1.1", true), "│   │ └─");
	cr_assert_eq(tree_process_lines_width(0), 4);
	cr_assert_eq(tree_process_lines_width(2), 8);
	cr_assert_eq(strlen(lines("1.1.1", false)), (size_t)tree_process_lines_width(2));
}

Test(tree_v2, back_goes_to_the_parent)
{
	cr_assert(tree_goto_process(&t, prm_model_index(m, "1.1.1")));
	cr_assert(tree_back(&t));
	cr_assert_eq(tree_process(&t), prm_model_index(m, "1.1"));
	cr_assert(tree_back(&t));
	cr_assert_eq(tree_process(&t), prm_model_index(m, "1"));
	cr_assert(tree_back(&t));
	cr_assert_eq(tree_current(&t)->kind, TREE_CATEGORY);
}

Test(tree_v2, collapsing_a_category_hides_its_sub_processes)
{
	cr_assert(tree_goto_process(&t, prm_model_index(m, "1.1.1")));
	tree_back(&t);
	tree_back(&t);
	tree_back(&t);          /* on the category */
	cr_assert(tree_back(&t));   /* closes it */
	cr_assert_eq(t.n_rows, 4);
	cr_assert_eq(row_of("1.1.1"), -1);
	cr_assert(tree_goto_process(&t, prm_model_index(m, "1.1.1")));
	cr_assert_eq(t.n_rows, 8);
}

static int bytes(const char *s, void *arg)
{
	(void)arg;
	return (int)strlen(s);
}

Test(tree_v2, short_name_where_the_name_would_be_cut)
{
	const struct prm_process *p = prm_model_find(m, "1.1");

	cr_assert_str_eq(tree_process_name(p, 40, bytes, NULL), "Information security risk assessment");
	cr_assert_str_eq(tree_process_name(p, 35, bytes, NULL), "Risk assessment");
	/* no short name: the name, cut by the caller */
	p = prm_model_find(m, "1.1.1");
	cr_assert_str_eq(tree_process_name(p, 5, bytes, NULL), p->name);
}
