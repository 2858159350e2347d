/* Unit tests: ranked search (search.h) over the fixture models
 * tests/data/good.xml and tests/data/search.xml: field ranking, stop
 * words, Unicode case folding (also under LANG=C), clause ids in each
 * form, id-first ranking, record text and orphan records, snippets. */
#include "config.h"

#include <criterion/criterion.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "clause.h"
#include "search.h"
#include "text.h"

static struct prm_model *m;

static struct prm_model *load(const char *file)
{
	struct diag d = DIAG_INIT;
	struct prm_model *model = prm_model_load_file(file, &d);

	cr_assert_not_null(model, "%s", d.n ? d.lines[0] : "?");
	diag_free(&d);
	return model;
}

static void setup_good(void)
{
	cr_assert_not_null(setlocale(LC_ALL, "C.UTF-8"));
	m = load(TEST_DATA "/good.xml");
}

static void setup_search(void)
{
	cr_assert_not_null(setlocale(LC_ALL, "C.UTF-8"));
	m = load(TEST_DATA "/search.xml");
}

static void teardown(void)
{
	prm_model_free(m);
}

/* Hits as "id:field" separated by spaces, e.g. "2.1:name 2.10:outcome";
 * orphans as "orphan<N>:field". */
static void format_hits(const struct search_hit *h, size_t n, char *got, size_t size)
{
	got[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		char one[64];

		if (h[i].item < m->n_processes)
			snprintf(one, sizeof one, "%s%s:%s", i ? " " : "",
			         m->processes[h[i].item].id, search_field_name(h[i].field));
		else
			snprintf(one, sizeof one, "%sorphan%zu:%s", i ? " " : "",
			         h[i].item - m->n_processes, search_field_name(h[i].field));
		cr_assert_lt(strlen(got) + strlen(one), size);
		strcat(got, one);
		cr_assert_not_null(h[i].text);
	}
}

static void expect_words(const char *const *words, size_t n_words, const char *want)
{
	struct search_hit *h;
	size_t n = search_model(m, words, n_words, &h);
	char got[1024];

	format_hits(h, n, got, sizeof got);
	cr_assert_str_eq(got, want, "search '%s'...: got '%s', want '%s'", words[0], got, want);
	if (n == 0)
		cr_assert_null(h);
	free(h);
}

/* One string of words, as the workbench's / gives it. */
static void expect(const char *query, const char *want)
{
	expect_words(&query, 1, want);
}

#define W(...) ((const char *const[]){ __VA_ARGS__ }), \
	sizeof((const char *const[]){ __VA_ARGS__ }) / sizeof(const char *)

/* ---- fields and ranking (good.xml) ---- */

TestSuite(search, .init = setup_good, .fini = teardown);

Test(search, name_beats_outcome_beats_input)
{
	/* 2.1/2.2 have it in the name, 2.10 in an outcome, 3.1 in an input. */
	expect_words(W("hazard"), "2.1:name 2.2:name 2.10:outcome 3.1:input");
}

Test(search, case_insensitive)
{
	expect_words(W("HaZaRd"), "2.1:name 2.2:name 2.10:outcome 3.1:input");
}

Test(search, all_words_must_match)
{
	expect_words(W("hazard", "register"), "2.1:name 3.1:input");
	expect_words(W("hazard", "nowhere"), "");
}

Test(search, words_split_at_spaces)
{
	expect_words(W("hazard register"), "2.1:name 3.1:input");
	expect_words(W("  hazard\tregister  "), "2.1:name 3.1:input");
}

Test(search, purpose_beats_activity)
{
	/* "control": name of 2.10 beats purpose of 2.2 ("Choose controls"). */
	expect_words(W("control"), "2.10:name 2.2:purpose");
}

Test(search, summary)
{
	expect_words(W("board"), "1.1:summary");
}

Test(search, clause_id_is_a_number_not_a_prefix)
{
	/* "2.1" is process 2.1, not 2.10 (as text it is a prefix of it). */
	expect_words(W("2.1"), "2.1:id");
	expect_words(W("2.10"), "2.10:id");
}

Test(search, activity_and_reference)
{
	expect_words(W("workshops"), "2.1:activity");
	expect_words(W("27005"), "2.1:reference");
}

Test(search, hit_text_is_the_matching_field)
{
	const char *const words[] = { "catalogue" };
	struct search_hit *h;
	size_t n = search_model(m, words, 1, &h);

	cr_assert_eq(n, 1);
	cr_assert_str_eq(h[0].text, "Threat catalogue");
	cr_assert_eq(h[0].field, SEARCH_INPUT);
	cr_assert_eq(h[0].index, 1);
	free(h);
}

Test(search, no_words_no_hits)
{
	struct search_hit *h = (void *)1;

	cr_assert_eq(search_model(m, NULL, 0, &h), 0);
	cr_assert_null(h);
	h = (void *)1;
	cr_assert_eq(search_model(m, W("   "), &h), 0);
	cr_assert_null(h);
}

/* ---- stop words, folding, clause ids (search.xml) ---- */

TestSuite(search2, .init = setup_search, .fini = teardown);

Test(search2, stop_words_neither_rank_nor_label)
{
	/* "the" is in 6.1's name; "risk" only in its activity. Before stop
	 * words were left out, 6.1 was labelled by its name and the "risk"
	 * processes without a "the" were dropped. */
	expect("the risk", "7.4:name 7.40:name 9.1:name 6.1:activity");
	expect("risk", "7.4:name 7.40:name 9.1:name 6.1:activity");
	expect_words(W("THE", "of", "a", "risk", "and"), "7.4:name 7.40:name 9.1:name 6.1:activity");
}

Test(search2, only_stop_words_count)
{
	expect("the", "6.1:name 6.2:purpose 8.4:purpose");
	expect("the of", "6.1:name");
}

Test(search2, stop_words_listed)
{
	size_t n = 0;

	for (const char *const *w = search_stop_words; *w; w++, n++)
		cr_assert_str_neq(*w, "it", "IT is a word here");
	cr_assert_gt(n, 10);
}

static void folding_cases(void)
{
	expect("ÉVALUATION", "6.2:purpose");
	expect("évaluation", "6.2:purpose");
	expect("ÜMLAUT", "6.2:outcome");
	expect("σίσυφος", "6.2:activity");      /* final sigma, accented capital */
	expect("KELVIN", "6.2:input");          /* text has U+212A KELVIN SIGN */
	expect("straße", "6.2:output");         /* text has U+1E9E CAPITAL SHARP S */
}

Test(search2, unicode_case_folding)
{
	folding_cases();
}

Test(search2, unicode_case_folding_under_lang_c)
{
	cr_assert_not_null(setlocale(LC_ALL, "C"));
	folding_cases();
}

Test(search2, clause_id_forms)
{
	expect("A.5.24", "8.5:reference");
	expect("a.5.24", "8.5:reference");
	expect("A5.24", "8.5:reference");
	expect("Annex A 5.24", "8.5:reference");
	expect_words(W("Annex", "A", "5.24"), "8.5:reference");
	expect("annex a.5.24", "8.5:reference");
	expect("5.24", "8.5:reference");
	expect("27001 5.24", "8.5:reference");
	expect("ISO/IEC 27001:2022 A.5.24", "8.5:reference");
	expect("27002 5.24", "");
	expect("B.5.24", "");
	expect("5.26", "8.5:reference");
	expect("27002:2022 5.26", "8.5:reference");
	expect("27001 5.26", "");
}

Test(search2, clause_in_a_range)
{
	/* "A.5.19-A.5.23" and "Annex A 5.19-5.23" */
	expect("5.20", "8.6:reference 8.7:reference");
	expect("A.5.19", "8.6:reference 8.7:reference");
	expect("annex a 5.23", "8.6:reference 8.7:reference");
	expect("A.5.18", "");
	/* 6.1 mentions 5.2 in its purpose, but not A.5.2 */
	expect("A.5.2", "");
	/* a sub-clause of one in the range */
	expect("A.5.21.1", "8.6:reference 8.7:reference");
	/* "7.5.1 to 7.5.3"; "8.1 a)": the clause, the rest ignored */
	expect("7.5.2", "9.2:reference");
	expect("7.5.4", "");
	expect("27001 8.1", "9.2:reference");
}

Test(search2, clause_number_never_a_prefix_of_another)
{
	/* "5.2" is mentioned in 6.1's purpose; 5.24, 5.26 and the range
	 * 5.19-5.23 are not 5.2. */
	expect("5.2", "6.1:purpose");
	expect("7.4", "7.4:id 8.4:reference");
}

Test(search2, standard_before_a_clause)
{
	expect("27001 6.1.2", "7.4:reference");
	expect("iso27001 6.1.2", "7.4:reference");
	expect("ISO 27001 6.1.2", "7.4:reference");
	expect("27001:2022 6.1.2", "7.4:reference");
	expect("27001:2013 6.1.2", "");
	expect("6.1.2", "7.4:reference 9.1:reference");
	expect("27005 6.1.2", "9.1:reference");
	expect("27005 8", "7.4:reference");
	/* a sub-clause of a whole clause referenced */
	expect("27005 8.2", "7.4:reference");
	expect("A.5.24.1", "8.5:reference");
	expect("27001 4", "6.1:reference");
}

Test(search2, process_id_first_then_references)
{
	/* 7.4 is a process and a 27001 clause (referenced by 8.4). */
	expect("7.4", "7.4:id 8.4:reference");
	expect("7.40", "7.40:id");
	/* 6.1 is a process; 7.4 and 9.1 reference sub-clauses of 6.1. */
	expect("6.1", "6.1:id 7.4:reference 9.1:reference");
}

Test(search2, clause_and_words)
{
	expect("risk 6.1.2", "7.4:name 9.1:name");
	expect("treatment 27001 6.1.2", "");
}

/* ---- the index: record text and orphan records ---- */

static size_t run(const struct search_index *ix, const char *query, char *got, size_t size)
{
	struct search_query *q = search_query_new(&query, 1);
	struct search_hit *h;
	size_t n;

	cr_assert_not_null(q);
	n = search_run(ix, q, &h);
	format_hits(h, n, got, size);
	free(h);
	search_query_free(q);
	return n;
}

Test(search2, record_text_and_orphans)
{
	struct search_index *ix = search_index_new(m);
	const char *ids[] = { "7.3", "X-1" };
	const char *texts[] = { "owner Ann\nnotes Ümlaut budget\n", NULL };
	char got[512];

	cr_assert_not_null(ix);
	cr_assert(search_index_set_record(ix, prm_model_index(m, "8.4"), "owner Zoë\nnotes ÜMLAUT budget\n"));
	run(ix, "zoë", got, sizeof got);
	cr_assert_str_eq(got, "8.4:record");
	/* An outcome beats record text. */
	run(ix, "ümlaut", got, sizeof got);
	cr_assert_str_eq(got, "6.2:outcome 8.4:record");
	cr_assert(search_index_set_orphans(ix, ids, texts, 2));
	run(ix, "umlaut budget", got, sizeof got);
	cr_assert_str_eq(got, "");
	run(ix, "ümlaut budget", got, sizeof got);
	cr_assert_str_eq(got, "8.4:record orphan0:record");
	run(ix, "7.3", got, sizeof got);
	cr_assert_str_eq(got, "orphan0:id");
	run(ix, "x-1", got, sizeof got);
	cr_assert_str_eq(got, "orphan1:id");
	/* Replaced: the record changed, the orphans are gone. */
	cr_assert(search_index_set_record(ix, prm_model_index(m, "8.4"), NULL));
	cr_assert(search_index_set_orphans(ix, NULL, NULL, 0));
	run(ix, "ümlaut budget", got, sizeof got);
	cr_assert_str_eq(got, "");
	run(ix, "supplier", got, sizeof got);
	cr_assert_str_eq(got, "6.2:name 8.5:input");
	search_index_free(ix);
}

/* ---- snippets ---- */

static char *snippet(const char *text, const char *query, int width, unsigned flags)
{
	struct search_query *q = search_query_new(&query, 1);
	char *s;

	cr_assert_not_null(q);
	s = search_snippet(text, q, width, flags);
	cr_assert_not_null(s);
	search_query_free(q);
	return s;
}

Test(search, snippet_whole_when_it_fits)
{
	char *s = snippet("Short  text\nhere", "text", 40, 0);

	cr_assert_str_eq(s, "Short text here");
	free(s);
}

Test(search, snippet_cut_at_words_around_the_match)
{
	const char *t = "Changes to the information security management system are "
	                "planned, assessed for their effect on risk, approved and "
	                "recorded before they are made.";
	char *s = snippet(t, "risk", 40, 0);

	cr_assert_str_eq(s, "\xe2\x80\xa6 their effect on risk, approved and \xe2\x80\xa6");
	free(s);
	s = snippet(t, "changes", 40, 0);
	cr_assert_str_eq(s, "Changes to the information security \xe2\x80\xa6");
	free(s);
	s = snippet(t, "recorded", 40, TEXT_ASCII);
	cr_assert_str_eq(s, "... and recorded before they are made.");
	free(s);
	s = snippet(t, "made", 40, 0);
	cr_assert_str_eq(s, "\xe2\x80\xa6 and recorded before they are made.");
	free(s);
}

/* At every width and wherever the match is: never wider than the width,
 * the text shown is a run of whole words of the original, and holds the
 * match when it can. */
Test(search, snippet_fits_and_keeps_words)
{
	const char *t = "Every change to the ISMS is planned, its effect on information "
	                "security risk assessed, approved by the owner and recorded, "
	                "then reviewed after it was made for lessons to learn.";
	const char *words[] = { "every", "risk", "owner", "lessons", "learn" };

	for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
		for (int width = 20; width <= 120; width++) {
			char *s = snippet(t, words[k], width, 0), *in = s;
			size_t n = strlen(s);
			const char *at;

			cr_assert_leq(text_width(s, n), width, "'%s' at %d: '%s'", words[k], width, s);
			if (strncmp(in, "\xe2\x80\xa6 ", 4) == 0)
				in += 4;
			if (n >= 4 && strcmp(s + n - 4, " \xe2\x80\xa6") == 0)
				s[n - 4] = '\0';
			at = strstr(t, in);
			cr_assert_not_null(at, "'%s' is not a piece of the text", in);
			cr_assert(at == t || at[-1] == ' ', "starts inside a word: '%s'", in);
			cr_assert(at[strlen(in)] == '\0' || at[strlen(in)] == ' ',
			          "ends inside a word: '%s'", in);
			cr_assert_not_null(text_casestr(in, words[k]), "'%s' at %d: no match in '%s'",
			                   words[k], width, in);
			free(s);
		}
}

Test(search, snippet_never_wider_even_when_narrow)
{
	const char *t = "Every change to the ISMS is planned and its effect on risk assessed.";

	for (int width = 1; width < 20; width++) {
		char *s = snippet(t, "risk", width, width % 2 ? TEXT_ASCII : 0);
		cr_assert_leq(text_width(s, strlen(s)), width, "at %d: '%s'", width, s);
		free(s);
	}
}

Test(search, snippet_long_word_and_wide_text)
{
	char *s = snippet("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	                  "needle aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "needle", 20, 0);

	cr_assert_leq(text_width(s, strlen(s)), 20, "'%s'", s);
	cr_assert_not_null(strstr(s, "needle"), "'%s'", s);
	free(s);
	/* 60 CJK characters (120 columns), the match in the middle. */
	{
		char t[400] = "";
		for (int i = 0; i < 60; i++)
			strcat(t, i == 30 ? "\xe9\x87\x9d" : "\xe8\xa8\x88");   /* 針 among 計 */
		s = snippet(t, "\xe9\x87\x9d", 20, 0);
		cr_assert_leq(text_width(s, strlen(s)), 20, "'%s'", s);
		cr_assert_not_null(strstr(s, "\xe9\x87\x9d"), "'%s'", s);
		free(s);
	}
}

Test(search, snippet_escapes)
{
	char *s = snippet("red \x1b[31mrisk\x1b[0m here", "risk", 80, 0);

	cr_assert_str_eq(s, "red ^[[31mrisk^[[0m here");
	free(s);
}

/* ---- clause ids (clause.h) ---- */

static struct clause id(const char *s)
{
	return clause_parse_id(s);
}

Test(clause, reference_forms)
{
	struct clause lo, hi;

	cr_assert(clause_parse_ref("annex a 5.1", &lo, &hi));
	cr_assert_eq(lo.annex, 'a');
	cr_assert_eq(lo.n, 2);
	cr_assert_eq(lo.part[1], 1);
	cr_assert(clause_parse_ref("a.5.19-a.5.23", &lo, &hi));
	cr_assert_eq(hi.part[1], 23);
	cr_assert(clause_parse_ref("5.19-23", &lo, &hi));
	cr_assert_eq(hi.n, 2);
	cr_assert_eq(hi.part[0], 5);
	cr_assert_eq(hi.part[1], 23);
	cr_assert(clause_parse_ref("5.19 \xe2\x80\x93 5.23", &lo, &hi), "en dash");
	cr_assert(clause_parse_ref("7.5.1 to 7.5.3", &lo, &hi));
	cr_assert(clause_parse_ref("6.1.2 a)", &lo, &hi));
	cr_assert_eq(clause_match(&(struct clause){ 0, 3, { 6, 1, 2 } }, &lo, &hi), CLAUSE_EXACT);
	cr_assert_not(clause_parse_ref("clause six", &lo, &hi));
	cr_assert_not(clause_parse_ref("5.19-b.5.23", &lo, &hi), "another annex");
	cr_assert_not(clause_parse_ref("99999999.1", &lo, &hi), "out of range");
}

Test(clause, match_kinds)
{
	struct clause lo = id("a.5.19"), hi = id("a.5.23");

	cr_assert_eq(clause_match(&(struct clause){ 0, 2, { 5, 20 } }, &lo, &hi), CLAUSE_IN_RANGE);
	cr_assert_eq(clause_match(&(struct clause){ 'a', 2, { 5, 23 } }, &lo, &hi), CLAUSE_IN_RANGE);
	cr_assert_eq(clause_match(&(struct clause){ 'b', 2, { 5, 20 } }, &lo, &hi), CLAUSE_NO);
	cr_assert_eq(clause_match(&(struct clause){ 0, 2, { 5, 2 } }, &lo, &hi), CLAUSE_NO);
	lo = hi = id("6.1.2");
	cr_assert_eq(clause_match(&(struct clause){ 0, 2, { 6, 1 } }, &lo, &hi), CLAUSE_SUB);
	cr_assert_eq(clause_match(&(struct clause){ 0, 4, { 6, 1, 2, 1 } }, &lo, &hi), CLAUSE_SUPER);
	cr_assert_eq(clause_match(&(struct clause){ 0, 3, { 6, 1, 3 } }, &lo, &hi), CLAUSE_NO);
	cr_assert_eq(id("gov-1").n, 0);
}

static size_t parse_query(const char *const *words, size_t n, struct clause_query *q)
{
	return clause_query_parse((char *const *)words, n, 0, q);
}

Test(clause, query_forms_and_text)
{
	struct clause_query q;

	cr_assert_eq(parse_query((const char *const[]){ "iso/iec", "27001:2022", "annex", "a", "5.24" }, 5, &q), 5);
	cr_assert_eq(q.std, 27001);
	cr_assert_eq(q.year, 2022);
	cr_assert_eq(q.c.annex, 'a');
	cr_assert_str_eq(q.number, "5.24");
	cr_assert_eq(parse_query((const char *const[]){ "27001", "4" }, 2, &q), 2);
	cr_assert_str_eq(q.number, "4");
	cr_assert_eq(parse_query((const char *const[]){ "2022" }, 1, &q), 0, "a number is a word");
	cr_assert_eq(parse_query((const char *const[]){ "a4" }, 1, &q), 0, "a word");
	cr_assert_eq(parse_query((const char *const[]){ "27001", "risk" }, 2, &q), 0);
	cr_assert_eq(parse_query((const char *const[]){ "a5.24", "x" }, 2, &q), 1);
	cr_assert_eq(q.std, 0);
	/* found as a number, after its annex */
	cr_assert_not_null(clause_find("See Annex A 5.24.", &q));
	cr_assert_not_null(clause_find("(A.5.24)", &q));
	cr_assert_null(clause_find("5.24 of the policy", &q), "no annex");
	cr_assert_null(clause_find("Annex A 5.241", &q));
	cr_assert_null(clause_find("Annex A 15.24", &q));
	cr_assert_eq(parse_query((const char *const[]){ "5.2" }, 1, &q), 1);
	cr_assert_not_null(clause_find("clause 5.2.", &q));
	cr_assert_null(clause_find("5.24, 15.2 and 5.2.1", &q));
}

/* ---- format version 2: short names, the clauses outcomes serve, declared
 * relation wording (words found nowhere else in the model) ---- */

static const char v2_model[] =
"<prm xmlns=\"urn:prmwb:prm:2\" id=\"s2\" version=\"1\">\n"
"  <title>Search v2</title>\n"
"  <relation-types>\n"
"    <relation-type id=\"feeds\" label=\"hands over to\" inverse=\"takes over from\"/>\n"
"  </relation-types>\n"
"  <category id=\"c\" name=\"Core\">\n"
"    <process id=\"1\" name=\"Information security risk management\" short=\"Peril desk\">\n"
"      <purpose>Keep risks in bounds.</purpose>\n"
"      <outcomes>\n"
"        <outcome n=\"1\">A method is agreed.\n"
"          <reference standard=\"ISO/IEC 27002:2022\" clause=\"5.9\"/></outcome>\n"
"      </outcomes>\n"
"      <relations><relation type=\"feeds\" target=\"2\"/></relations>\n"
"    </process>\n"
"    <process id=\"2\" name=\"Treatment\">\n"
"      <purpose>Decide what to do.</purpose>\n"
"      <outcomes><outcome n=\"1\">A plan exists.</outcome></outcomes>\n"
"    </process>\n"
"  </category>\n"
"</prm>\n";

static void setup_v2(void)
{
	struct diag d = DIAG_INIT;

	cr_assert_not_null(setlocale(LC_ALL, "C.UTF-8"));
	m = prm_model_load_memory(v2_model, sizeof v2_model - 1, "v2_model", &d);
	cr_assert_not_null(m, "%s", d.n ? d.lines[0] : "?");
	diag_free(&d);
}

TestSuite(search_v2, .init = setup_v2, .fini = teardown);

Test(search_v2, short_names_are_names)
{
	expect("peril", "1:name");
}

Test(search_v2, clauses_of_outcomes)
{
	expect("27002 5.9", "1:outcome");
	expect("5.9", "1:outcome");
}

Test(search_v2, relation_wording)
{
	expect("hands over", "1:relation");
}
