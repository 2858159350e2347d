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

/* The ranked order as prmwb search gives it: a fresh full search. */
static size_t ranked(const char *needle, struct search_hit **hits)
{
	struct search_query *q = search_query_new(&needle, 1);
	size_t n;

	cr_assert_not_null(q);
	n = search_run(ix, q, hits);
	search_query_free(q);
	return n;
}

/* find's matches, place of each and n/N order equal a full search's. */
static void same_as_full(const char *needle)
{
	struct search_hit *h = NULL;
	size_t n = ranked(needle, &h);

	cr_assert_eq(f.n, n, "'%s': %zu matches, a full search finds %zu", needle, f.n, n);
	cr_assert_eq(find_best(&f), n ? h[0].item : (size_t)-1, "'%s': best", needle);
	for (size_t i = 0; i < n; i++) {
		cr_assert_eq(find_rank(&f, h[i].item), i + 1, "'%s': place of %zu", needle, h[i].item);
		cr_assert_eq(find_step(&f, h[i].item, +1, NULL), h[(i + 1) % n].item);
		cr_assert_eq(find_step(&f, h[i].item, -1, NULL), h[(i + n - 1) % n].item);
	}
	free(h);
}

Test(find, narrowing_gives_what_a_full_search_gives)
{
	/* Typed one key at a time, with words added, stop words, a clause
	 * id (never narrowed: numbers), and going back. */
	static const char *const typed[] = {
		"p", "pr", "pro", "proc", "process", "process ", "process 2", "process 2 of",
		"process 2 of c", "process 2 of category", "process 2 of category 1",
		"process 2 of category", "the", "the p", "2", "2.", "2.3", "2.3 go",
		"going", "going 1", "an", "an i", "an in",
	};

	cr_assert(search_index_set_record(ix, 3, "Proceeds by category\n"));
	for (size_t i = 0; i < sizeof typed / sizeof typed[0]; i++) {
		cr_assert(find_run(&f, ix, typed[i]));
		same_as_full(typed[i]);
	}
}

Test(find, narrows_only_over_the_last_matches)
{
	cr_assert(find_run(&f, ix, "process"));
	cr_assert_eq(f.scanned, (size_t)-1, "the first query looks at every item");
	cr_assert(find_run(&f, ix, "process 2"));
	cr_assert_eq(f.scanned, 7, "a word added: only the 7 matches of 'process'");
	cr_assert(find_run(&f, ix, "process 2 of category 1"));
	cr_assert(f.scanned <= 7);
	cr_assert(find_run(&f, ix, "process"));
	cr_assert_eq(f.scanned, (size_t)-1, "a shorter query is a new search");
	/* A record changed since: the old matches may miss it. */
	cr_assert(search_index_set_record(ix, 0, "zebra"));
	cr_assert(find_run(&f, ix, "process zebra"));
	cr_assert_eq(f.scanned, (size_t)-1, "records changed: the whole index again");
	cr_assert_eq(f.n, 1);
	/* Clause ids compare as numbers: "2.3" does not narrow "2". */
	cr_assert(find_run(&f, ix, "2"));
	cr_assert(find_run(&f, ix, "2.3"));
	cr_assert_eq(f.scanned, (size_t)-1);
}

Test(find, in_slices_and_narrowed_before_done)
{
	/* Looked at a few items at a time; a word typed on before the end
	 * looks at the matches so far and at what was not looked at yet:
	 * the result is a full search's. */
	cr_assert(find_start(&f, ix, "process"));
	cr_assert_not(find_done(&f));
	cr_assert_not(find_more(&f, ix, 2));
	cr_assert_eq(f.pos, 2);
	cr_assert(find_start(&f, ix, "process 1"));
	cr_assert_eq(f.n_cand, 7, "2 matches so far and the 5 items not looked at");
	cr_assert_not(find_more(&f, ix, 3));
	cr_assert(find_more(&f, ix, 100));
	same_as_full("process 1");
	/* Not narrowing (a shorter query): every item again. */
	cr_assert(find_start(&f, ix, "process"));
	cr_assert_eq(f.scanned, (size_t)-1);
	while (!find_more(&f, ix, 1))
		;
	same_as_full("process");
	/* A query with no word that selects looks at nothing. */
	cr_assert(find_start(&f, ix, "   "));
	cr_assert(find_done(&f));
	cr_assert_eq(find_best(&f), (size_t)-1);
}
