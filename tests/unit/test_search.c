/* Unit tests: ranked search over the fixture model tests/data/good.xml. */
#include "config.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "search.h"

static struct prm_model *m;

static void setup(void)
{
	struct diag d = DIAG_INIT;

	m = prm_model_load_file(TEST_DATA "/good.xml", &d);
	cr_assert_not_null(m, "%s", d.n ? d.lines[0] : "?");
}

static void teardown(void)
{
	prm_model_free(m);
}

TestSuite(search, .init = setup, .fini = teardown);

/* Hits as "id:where" separated by spaces, e.g. "2.1:1 2.10:3". */
static void expect_hits(const char *const *words, size_t n_words, const char *want)
{
	struct search_hit *h;
	size_t n = search_model(m, words, n_words, &h);
	char got[512] = "";

	for (size_t i = 0; i < n; i++) {
		char one[64];
		snprintf(one, sizeof one, "%s%s:%d", i ? " " : "",
		         m->processes[h[i].process].id, (int)h[i].where);
		strcat(got, one);
		cr_assert_not_null(h[i].snippet);
	}
	cr_assert_str_eq(got, want);
	if (n == 0)
		cr_assert_null(h);
	free(h);
}

#define W(...) ((const char *const[]){ __VA_ARGS__ }), \
	sizeof((const char *const[]){ __VA_ARGS__ }) / sizeof(const char *)

Test(search, name_beats_outcome_beats_input)
{
	/* 2.1/2.2 have it in the name, 2.10 in an outcome, 3.1 in an input. */
	expect_hits(W("hazard"), "2.1:1 2.2:1 2.10:3 3.1:5");
}

Test(search, case_insensitive)
{
	expect_hits(W("HaZaRd"), "2.1:1 2.2:1 2.10:3 3.1:5");
}

Test(search, all_words_must_match)
{
	expect_hits(W("hazard", "register"), "2.1:1 3.1:5");
	expect_hits(W("hazard", "nowhere"), "");
}

Test(search, purpose_beats_activity)
{
	/* "controls": purpose of 2.2 ("Choose controls"), activity of 2.2 too;
	 * "control": name of 2.10 beats purpose of 2.2. */
	expect_hits(W("control"), "2.10:1 2.2:2");
}

Test(search, summary_counts_as_purpose)
{
	expect_hits(W("board"), "1.1:2");
}

Test(search, exact_id_first)
{
	expect_hits(W("2.1"), "2.1:0 2.10:0");
}

Test(search, activity_and_reference)
{
	expect_hits(W("workshops"), "2.1:4");
	expect_hits(W("27005"), "2.1:5");
}

Test(search, snippet_is_the_matching_text)
{
	const char *const words[] = { "catalogue" };
	struct search_hit *h;
	size_t n = search_model(m, words, 1, &h);

	cr_assert_eq(n, 1);
	cr_assert_str_eq(h[0].snippet, "Threat catalogue");
	cr_assert_eq(h[0].where, SEARCH_OTHER);
	free(h);
}

Test(search, no_words_no_hits)
{
	struct search_hit *h = (void *)1;

	cr_assert_eq(search_model(m, NULL, 0, &h), 0);
	cr_assert_null(h);
}
