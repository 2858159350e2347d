/* Unit tests: the search index matches pure ASCII texts in place (no folded
 * copy) and folds only the others. Its hits must be those of an index that
 * folds every text (search_index_new_folded, the way it was before): the
 * same items, scores, fields and texts for many queries - ASCII words in
 * every case, words at the starts and ends of texts, non-ASCII words, texts
 * that fold to ASCII (KELVIN SIGN, LONG S) or do not (U+0130), clause ids in
 * each form, record text and orphan records (ids of processes are ASCII,
 * those of orphans need not be). Built twice: with the SSE2 matcher where
 * the compiler has it, and with the portable one (-DSEARCH_NO_SSE2). */
#include "config.h"

#include <criterion/criterion.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "search.h"
#include "search_internal.h"

#define KELVIN "\xe2\x84\xaa"   /* U+212A KELVIN SIGN: folds to 'k' */
#define LONG_S "\xc5\xbf"       /* U+017F LATIN SMALL LETTER LONG S: folds to 's' */
#define I_DOT "\xc4\xb0"        /* U+0130: no simple folding */

static const char model_xml[] =
"<prm xmlns=\"urn:prmwb:prm:2\" id=\"fold\" version=\"1\">\n"
"  <title>Fold</title>\n"
"  <relation-types>\n"
"    <relation-type id=\"feeds\" label=\"Hands Over To\" inverse=\"takes over from\"/>\n"
"    <relation-type id=\"warms\" label=\"Heats " KELVIN "oven\" inverse=\"cooled by\"/>\n"
"  </relation-types>\n"
"  <category id=\"c\" name=\"Core\">\n"
"    <process id=\"K1\" name=\"Mixed CaSe NAME word\" short=\"Peril DESK\">\n"
"      <summary>See Annex A 5.24 and A.8.1 (6.1.2), annex b 7.4; ISO/IEC 27002:2022.</summary>\n"
"      <purpose>Ends with word</purpose>\n"
"      <outcomes>\n"
"        <outcome n=\"1\">A method is agreed.\n"
"          <reference standard=\"ISO/IEC 27002:2022\" clause=\"5.9\">outcome NOTE</reference></outcome>\n"
"        <outcome n=\"2\">x</outcome>\n"
"      </outcomes>\n"
"      <activities><activity>Keep the kiln hot.</activity><activity>k</activity></activities>\n"
"      <inputs><input>Temperatures in " KELVIN "elvin</input></inputs>\n"
"      <outputs><output>A " LONG_S "ecure " LONG_S "tore</output></outputs>\n"
"      <references>\n"
"        <reference standard=\"ISO/IEC 27001:2022\" clause=\"Annex A 5.24\"/>\n"
"        <reference standard=\"ISO/IEC 27001:2022\" clause=\"5.19-5.23\">Ranged Note</reference>\n"
"      </references>\n"
"      <relations><relation type=\"feeds\" target=\"k2\"/>"
"<relation type=\"warms\" target=\"6.1\">Warm NOTE</relation></relations>\n"
"    </process>\n"
"    <process id=\"k2\" name=\"" I_DOT "stanbul " I_DOT "d office\">\n"
"      <purpose>Keep the Stra\xc3\x9f" "e and the STORE secure.</purpose>\n"
"      <outcomes><outcome n=\"1\">\xce\xa3\xce\x8a\xce\xa3\xce\xa5\xce\xa6\xce\x9f\xce\xa3 rolls (A.5.24).</outcome></outcomes>\n"
"      <references><reference standard=\"ISO/IEC 27001:2022\" clause=\"6.1.2\"/></references>\n"
"    </process>\n"
"    <process id=\"6.1\" name=\"Kelvin\">\n"
"      <purpose>Security of the store, kelvin and KILN. Ends in k</purpose>\n"
"      <outcomes><outcome n=\"1\">Istanbul is known.</outcome></outcomes>\n"
"      <references><reference standard=\"ISO/IEC 27005:2022\" clause=\"8\"/></references>\n"
"    </process>\n"
"    <process id=\"A.5.24\" name=\"Annex process\">\n"
"      <purpose>5.24 and 15.2 and 5.2.1</purpose>\n"
"      <outcomes><outcome n=\"1\">Handled.</outcome></outcomes>\n"
"    </process>\n"
"    <process id=\"the-longest-process-id-32-bytes0\" name=\"Long\">\n"
"      <purpose>Long ids are texts too.</purpose>\n"
"      <outcomes><outcome n=\"1\">Long.</outcome></outcomes>\n"
"    </process>\n"
"  </category>\n"
"</prm>\n";

static struct prm_model *m;
static struct search_index *lean, *full;

static void setup(void)
{
	struct diag d = DIAG_INIT;
	const char *ids[] = { "K-orphan", KELVIN "-orphan", "7.3" };
	const char *texts[] = { "owner Kim\nnote STORE", "owner " LONG_S "am", NULL };

	cr_assert_not_null(setlocale(LC_ALL, "C.UTF-8"));
	m = prm_model_load_memory(model_xml, sizeof model_xml - 1, "fold_model", &d);
	cr_assert_not_null(m, "%s", d.n ? d.lines[0] : "?");
	diag_free(&d);
	lean = search_index_new(m);
	full = search_index_new_folded(m);
	cr_assert_not_null(lean);
	cr_assert_not_null(full);
	/* Record text through both paths too (it is always folded). */
	cr_assert(search_index_set_record(lean, 0, "owner Ada\nnote " KELVIN "ept CLOSED"));
	cr_assert(search_index_set_record(full, 0, "owner Ada\nnote " KELVIN "ept CLOSED"));
	cr_assert(search_index_set_record(lean, 2, "plain Record text"));
	cr_assert(search_index_set_record(full, 2, "plain Record text"));
	cr_assert(search_index_set_orphans(lean, ids, texts, 3));
	cr_assert(search_index_set_orphans(full, ids, texts, 3));
}

static void teardown(void)
{
	search_index_free(lean);
	search_index_free(full);
	prm_model_free(m);
}

TestSuite(search_fold, .init = setup, .fini = teardown);

/* Runs query on both indexes: the hits must be the same. Returns how many. */
static size_t same_hits(const char *query)
{
	struct search_query *q = search_query_new(&query, 1);
	struct search_hit *a, *b;
	size_t na, nb;

	cr_assert_not_null(q);
	na = search_run(lean, q, &a);
	nb = search_run(full, q, &b);
	cr_assert_eq(na, nb, "query '%s': %zu hits, folded index %zu", query, na, nb);
	for (size_t i = 0; i < na; i++) {
		cr_assert_eq(a[i].item, b[i].item, "query '%s' hit %zu: item", query, i);
		cr_assert_eq(a[i].score, b[i].score, "query '%s' hit %zu: score", query, i);
		cr_assert_eq(a[i].field, b[i].field, "query '%s' hit %zu: field", query, i);
		cr_assert_eq(a[i].index, b[i].index, "query '%s' hit %zu: index", query, i);
		cr_assert_str_eq(a[i].text, b[i].text, "query '%s' hit %zu: text", query, i);
	}
	free(a);
	free(b);
	search_query_free(q);
	return na;
}

/* Hits of query on the lean index as "item:field ...". */
static void expect(const char *query, const char *want)
{
	struct search_query *q = search_query_new(&query, 1);
	struct search_hit *h;
	size_t n = search_run(lean, q, &h);
	char got[512] = "";

	for (size_t i = 0; i < n; i++)
		snprintf(got + strlen(got), sizeof got - strlen(got), "%s%zu:%s", i ? " " : "",
		         h[i].item, search_field_name(h[i].field));
	free(h);
	search_query_free(q);
	cr_assert_str_eq(got, want, "query '%s': got '%s', want '%s'", query, got, want);
}

static const char *const words[] = {
	"k", "K", KELVIN, "kelvin", "KELVIN", KELVIN "ELVIN", "elvin", "kiln", "KiLn", "koven", KELVIN "OVEN",
	"s", "S", LONG_S, "store", "STORE", LONG_S "tore", "secure", "security",
	"stra\xc3\x9f" "e", "strasse", "STRASSE", "\xcf\x83\xce\xaf\xcf\x83\xcf\x85\xcf\x86\xce\xbf\xcf\x82",
	"\xce\xa3\xce\x8a\xce\xa3\xce\xa5\xce\xa6\xce\x9f\xce\xa3", I_DOT "stanbul", "istanbul",
	"ISTANBUL", "i\xcc\x87", "d", "name", "NAME", "mixed", "CaSe", "case", "word", "Word", "wor",
	"ord", "ends", "e", "x", "X", "zz", "-", ".", ",", ";", "(6.1.2)", "6.1.2", "6.1", "5.24",
	"A.5.24", "a.5.24", "5.2", "15.2", "5.19", "5.21", "5.23", "8", "8.1", "a.8.1", "7.4",
	"iso/iec", "ISO/IEC", "27002:2022", "27001", "hands", "OVER", "takes", "heats", "peril", "desk",
	"note", "NOTE", "ranged", "warm", "owner", "ada", "ept", KELVIN "ept", "kept", "closed",
	"record", "kim", "sam", LONG_S "am", "orphan", "k-orphan", "K-ORPHAN", "7.3", "k1", "K1", "1",
	"2", "the-longest-process-id-32-bytes0",
	"THE-LONGEST", "bytes0", "the", "a", "of", "in", "long", "LONG.", "handled.", "hot.",
	"temperatures", "method", "agreed", "rolls", "office",
};

Test(search_fold, many_queries_same_hits_as_every_text_folded)
{
	size_t n = sizeof words / sizeof words[0], queries = 0, hits = 0;
	char q[256];

	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(words[i]);

		hits += same_hits(words[i]);
		queries++;
		/* Every prefix and suffix, as typed and in flipped ASCII case,
		 * and with each of a few other words (AND, stop words). */
		for (size_t k = 1; k < len; k++) {
			snprintf(q, sizeof q, "%.*s", (int)k, words[i]);
			hits += same_hits(q);
			snprintf(q, sizeof q, "%s", words[i] + k);
			hits += same_hits(q);
			queries += 2;
		}
		snprintf(q, sizeof q, "%s", words[i]);
		for (char *c = q; *c; c++)
			if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z'))
				*c ^= 0x20;
		hits += same_hits(q);
		queries++;
		for (size_t j = 0; j < n; j += 7) {
			snprintf(q, sizeof q, "%s %s", words[i], words[j]);
			hits += same_hits(q);
			queries++;
		}
	}
	snprintf(q, sizeof q, "annex a 5.24");
	hits += same_hits(q);
	hits += same_hits("Annex A 5.24");
	hits += same_hits("27001 6.1.2");
	hits += same_hits("ISO/IEC 27001:2022 5.21");
	hits += same_hits("annex b 7.4");
	/* Not vacuous: a few thousand queries, most of them finding something. */
	cr_assert_gt(queries, 2000);
	cr_assert_gt(hits, 3000, "%zu hits", hits);
}

Test(search_fold, folding_to_ascii_and_in_place)
{
	/* Items: 0 K1, 1 k2, 2 6.1, 3 A.5.24, 4 the long id, 5-7 orphans. */
	/* 'k' is in ASCII texts in either case and in KELVIN SIGN texts. */
	expect("kelvin", "2:name 0:input");
	expect("KELVIN", "2:name 0:input");
	expect(KELVIN "elvin", "2:name 0:input");
	expect("kiln", "2:purpose 0:activity");
	expect("KOVEN", "0:relation");
	expect("kept", "0:record");
	/* LONG S folds to 's'; U+0130 folds to nothing else. */
	expect("store", "1:purpose 2:purpose 5:record 0:output");
	expect("istanbul", "2:outcome");
	expect(I_DOT "stanbul", "1:name");
	/* Words at the ends of texts, a whole id (exact beats part). */
	expect("word", "0:name");
	expect("k", "0:id 1:id 5:id 6:id 2:name");
	expect("k1", "0:id");
	expect("the-longest-process-id-32-bytes0",
	       "4:id");
	/* Clause ids: the id parsed from its folded text, mentions in ASCII
	 * text with an annex in either case. */
	expect("a.5.24", "3:id 0:reference 1:outcome");
	expect("Annex B 7.4", "0:summary");
	expect("7.3", "7:id");
}
