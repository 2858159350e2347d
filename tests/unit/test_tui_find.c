/* Unit tests: the workbench's search (find.h over search.h) on the hand-
 * built fixture model: the best match first, n/N in rank order wrapping
 * around, record text and orphan records; and tree_goto_orphan. */
#include "config.h"

#include <criterion/criterion.h>

#include "search.h"
#include "tui/find.h"
#include "tui/tree.h"
#include "tui_fixture.h"

static const size_t sizes[] = { 3, 4, 0 };
static struct prm_model *m;
static struct search_index *ix;
static struct find f;

static void setup(void)
{
	m = fx_model(sizes, 3);
	ix = search_index_new(m);
	cr_assert_not_null(ix);
}

static void teardown(void)
{
	find_free(&f);
	search_index_free(ix);
	/* The fixture model is left to the process exit (tests are short). */
}

TestSuite(find, .init = setup, .fini = teardown);

static size_t best(const char *needle)
{
	cr_assert(find_run(&f, ix, needle));
	return find_best(&f);
}

Test(find, best_match_by_id_name_purpose_record)
{
	cr_assert(search_index_set_record(ix, 6, "owner is Zo\xc3\xab\n"));
	cr_assert_eq(best("2.3"), 5, "the id");
	cr_assert_eq(best("PROCESS NUMBER 3 OF CATEGORY 2"), 5, "the name");
	cr_assert_eq(best("going"), 0, "purposes: ties in model order");
	cr_assert_eq(best("ZO\xc3\x8b"), 6, "record text, folded beyond ASCII");
	cr_assert_eq(best("nowhere"), (size_t)-1);
	cr_assert_eq(best(""), (size_t)-1);
	cr_assert_eq(best("   "), (size_t)-1);
}

Test(find, inputs_and_outputs_too)
{
	/* The fixture's processes have "An input." and "An output.": the
	 * old search looked at ids, names and purposes only. */
	cr_assert_eq(best("input"), 0);
	cr_assert_eq(f.n, 7);
	cr_assert_eq(best("output"), 0);
}

Test(find, next_and_previous_in_rank_order_wrapping)
{
	bool wrapped;

	/* "category 1": 1.2 and 1.3 (name, id) and 2.1 (name "... 1 of
	 * category 2", id): equal scores, model order. */
	cr_assert(find_run(&f, ix, "category 1"));
	cr_assert_eq(f.n, 3);
	cr_assert_eq(find_best(&f), 1);
	cr_assert_eq(find_step(&f, 1, +1, &wrapped), 2);
	cr_assert_not(wrapped);
	cr_assert_eq(find_step(&f, 3, +1, &wrapped), 1);
	cr_assert(wrapped);
	cr_assert_eq(find_step(&f, 1, -1, &wrapped), 3);
	cr_assert(wrapped);
	cr_assert_eq(find_step(&f, 0, +1, &wrapped), 1, "from a non-match: the first");
	cr_assert_not(wrapped);
	cr_assert_eq(find_step(&f, 0, -1, NULL), 3, "backwards: the last");
	cr_assert(find_has(&f, 2));
	cr_assert_not(find_has(&f, 0));
	cr_assert(find_run(&f, ix, "Evil"));
	cr_assert_eq(find_step(&f, 0, +1, &wrapped), 0, "the only match is the current one");
	cr_assert(wrapped);
	cr_assert(find_run(&f, ix, "nowhere"));
	cr_assert_eq(find_step(&f, 0, +1, &wrapped), (size_t)-1);
}

Test(find, orphan_records)
{
	const char *ids[] = { "9.9", "old-1" };
	const char *texts[] = { "owner Zo\xc3\xab\n", NULL };

	cr_assert(search_index_set_record(ix, 6, "owner is Zo\xc3\xab\n"));
	cr_assert(search_index_set_orphans(ix, ids, texts, 2));
	cr_assert(find_run(&f, ix, "zo\xc3\xab"));
	cr_assert_eq(f.n, 2);
	cr_assert_eq(f.hits[0].item, 6);
	cr_assert_eq(f.hits[1].item, m->n_processes + 0);
	cr_assert_eq(best("9.9"), m->n_processes + 0, "an orphan's id");
	cr_assert_eq(best("OLD-1"), m->n_processes + 1);
}

Test(find, tree_goes_to_an_orphan)
{
	struct tree t;

	cr_assert(tree_init(&t, m));
	cr_assert(tree_set_orphans(&t, 2));
	tree_last(&t);
	cr_assert(tree_back(&t));
	cr_assert(tree_back(&t), "the group closed");
	cr_assert(tree_goto_process(&t, 0));
	cr_assert(tree_goto_orphan(&t, 1), "opens the group");
	cr_assert_eq(tree_orphan(&t), 1);
	cr_assert_not(tree_goto_orphan(&t, 2));
	tree_free(&t);
}
