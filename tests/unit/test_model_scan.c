/* Unit tests: the pre-scan that counts elements and attributes before
 * libxml2 sees a model (model_scan.h), alone and through the loader. */
#include "config.h"

#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "model_scan.h"

#define NAME "t.xml"

/* A copy of s in a buffer of exactly its length (no NUL after it), so
 * that ASan catches any read past the end. Caller frees. */
static char *exact(const char *s, size_t *len)
{
	char *b;

	*len = strlen(s);
	b = malloc(*len ? *len : 1);
	cr_assert_not_null(b);
	memcpy(b, s, *len);
	return b;
}

static struct model_scan_stats scan_ok(const char *s)
{
	struct diag d = DIAG_INIT;
	struct model_scan_stats st;
	size_t len;
	char *b = exact(s, &len);

	cr_assert(model_scan(b, len, NAME, &d, &st), "refused: %s", d.n ? d.lines[0] : "");
	cr_assert_eq(d.n, 0);
	/* Without stats the scan may answer from its quick counts: the same
	 * verdict. */
	cr_assert(model_scan(b, len, NAME, &d, NULL), "refused: %s", d.n ? d.lines[0] : "");
	cr_assert_eq(d.n, 0);
	free(b);
	return st;
}

static void scan_refused(const char *s, size_t len, const char *want)
{
	struct diag d = DIAG_INIT;

	cr_assert_not(model_scan(s, len, NAME, &d, NULL), "accepted");
	cr_assert_eq(d.n, 1, "expected one diagnostic, got %zu", d.n);
	cr_assert_str_eq(d.lines[0], want);
	diag_free(&d);
}

/* "<e a0="0" a1="1" ... />" with n attributes, on line 3. */
static char *many_attrs(const char *el, size_t n, size_t *len)
{
	size_t cap = 64 + n * 24, k;
	char *s = malloc(cap);

	cr_assert_not_null(s);
	k = (size_t)snprintf(s, cap, "<prm>\n<!-- x -->\n<%s", el);
	for (size_t i = 0; i < n; i++)
		k += (size_t)snprintf(s + k, cap - k, " a%zu=\"%zu\"", i, i);
	k += (size_t)snprintf(s + k, cap - k, "/></prm>");
	*len = k;
	return s;
}

Test(scan, counts_elements_and_attributes)
{
	struct model_scan_stats st = scan_ok(
		"<?xml version=\"1.0\"?>\n<prm xmlns=\"urn:prmwb:prm:1\" id=\"t\" version=\"1\">"
		"<title>T</title><category id='c' name='C'/></prm>\n");

	cr_assert_eq(st.elements, 3);
	cr_assert_eq(st.max_attrs, 3);
}

Test(scan, markup_inside_comments_cdata_pis_and_doctype_is_not_counted)
{
	struct model_scan_stats st = scan_ok(
		"<?pi <a b='1' c='2' d='3'/> ?>\n"
		"<!DOCTYPE x [ <!ENTITY e \"<a b='1' c='2'/> ] >\"> ]>\n"
		"<prm><!-- <a b='1' c='2' d='3'/> -- -->"
		"<t><![CDATA[ <a b='1' c='2' d='3' e='4'/> ]] > ]]></t></prm>");

	cr_assert_eq(st.elements, 2);
	cr_assert_eq(st.max_attrs, 0);
}

Test(scan, equals_and_angle_bracket_inside_values_are_not_attributes)
{
	struct model_scan_stats st = scan_ok("<a x=\"a=b=c>d\" y='==\"' z = \"1\"/>");

	cr_assert_eq(st.elements, 1);
	cr_assert_eq(st.max_attrs, 3);
}

Test(scan, a_less_than_sign_ends_a_broken_value)
{
	/* No attribute value holds '<': what follows is markup again, and
	 * its attributes count. */
	struct model_scan_stats st = scan_ok("<a x=\"1 <b c='1' d='2' e='3'/>\"/>");

	cr_assert_eq(st.elements, 2);
	cr_assert_eq(st.max_attrs, 3);
}

Test(scan, end_tags_and_broken_markup)
{
	struct model_scan_stats st = scan_ok("<a></a\n><b></b<c x='1'/><</d>");

	cr_assert_eq(st.elements, 4);   /* a, b, c and the lone '<' */
	cr_assert_eq(st.max_attrs, 1);
}

Test(scan, unterminated_constructs_end_at_the_end)
{
	cr_assert_eq(scan_ok("<a><!-- <b/>").elements, 1);
	cr_assert_eq(scan_ok("<a><![CDATA[ <b/>").elements, 1);
	cr_assert_eq(scan_ok("<a><? <b/>").elements, 1);
	cr_assert_eq(scan_ok("<!DOCTYPE [ <b/>").elements, 0);
	cr_assert_eq(scan_ok("<a x='1").elements, 1);
	cr_assert_eq(scan_ok("<").elements, 1);
	cr_assert_eq(scan_ok("<!").elements, 0);
	cr_assert_eq(scan_ok("</").elements, 0);
	cr_assert_eq(scan_ok("").elements, 0);
}

Test(scan, at_the_attribute_limit)
{
	size_t len;
	char *s = many_attrs("process", PRM_MAX_ATTRS, &len);
	struct model_scan_stats st;
	struct diag d = DIAG_INIT;

	cr_assert(model_scan(s, len, NAME, &d, &st));
	cr_assert_eq(st.max_attrs, PRM_MAX_ATTRS);
	cr_assert(model_scan(s, len, NAME, &d, NULL));
	cr_assert_eq(d.n, 0);
	free(s);
}

/* The quick counts see more '=' and '<' than there are attributes and
 * elements; where they see too many, the whole scan decides. */
Test(scan, many_equals_outside_tags_are_no_attributes)
{
	char s[512] = "<prm a='1=2=3=4=5=6=7=8=9=10=11=12=13=14=15=16=17'>";

	for (int i = 0; i < 40; i++)
		strcat(s, "x=");
	strcat(s, "<!-- = = = = = = = = = = = = = = = = = = = = = = = = = = = = = = = = "
	          "= = --></prm>");
	cr_assert_eq(scan_ok(s).max_attrs, 1);
}

Test(scan, many_less_than_signs_in_a_comment_are_no_elements)
{
	size_t n = PRM_MAX_ELEMENTS + 10, len = n + 20;
	char *s = malloc(len);
	struct diag d = DIAG_INIT;
	struct model_scan_stats st;

	cr_assert_not_null(s);
	memcpy(s, "<prm><!--", 9);
	memset(s + 9, '<', n);
	memcpy(s + 9 + n, "--></prm>", 9);
	len = n + 18;
	cr_assert(model_scan(s, len, NAME, &d, NULL));
	cr_assert(model_scan(s, len, NAME, &d, &st));
	cr_assert_eq(st.elements, 1);
	cr_assert_eq(d.n, 0);
	free(s);
}

Test(scan, over_the_attribute_limit_names_element_and_line)
{
	size_t len;
	char *s = many_attrs("process", PRM_MAX_ATTRS + 1, &len);

	scan_refused(s, len, "t.xml:3: element <process> has more than 32 attributes, "
	             "the limit for one element");
	free(s);
}

Test(scan, namespace_declarations_count_as_attributes)
{
	char s[2048] = "<prm";

	for (int i = 0; i <= PRM_MAX_ATTRS; i++)
		snprintf(s + strlen(s), sizeof s - strlen(s), " xmlns:n%d='u%d'", i, i);
	strcat(s, "/>");
	scan_refused(s, strlen(s), "t.xml:1: element <prm> has more than 32 attributes, "
	             "the limit for one element");
}

Test(scan, long_element_name_is_cut_on_a_character_boundary)
{
	/* 39 ASCII bytes, then "é" (2 bytes) straddling the 40-byte cut. */
	char name[64], want[160];
	size_t len;
	char *s;

	memset(name, 'n', 39);
	strcpy(name + 39, "\xc3\xa9xyz");
	s = many_attrs(name, 40, &len);
	snprintf(want, sizeof want, "t.xml:3: element <%.39s> has more than 32 "
	         "attributes, the limit for one element", name);
	scan_refused(s, len, want);
	free(s);
}

/* n empty elements "<a/>" inside <prm>, line breaks every 1000. */
static char *many_elements(size_t n, size_t *len)
{
	size_t cap = 16 + n * 5, k = 0;
	char *s = malloc(cap);

	cr_assert_not_null(s);
	k += (size_t)sprintf(s, "<prm>");
	for (size_t i = 1; i < n; i++) {
		memcpy(s + k, i % 1000 ? "<a/>" : "<a/>\n", i % 1000 ? 4 : 5);
		k += i % 1000 ? 4 : 5;
	}
	memcpy(s + k, "</prm>", 6);
	*len = k + 6;
	return s;
}

Test(scan, at_the_element_limit)
{
	size_t len;
	char *s = many_elements(PRM_MAX_ELEMENTS, &len);
	struct model_scan_stats st;
	struct diag d = DIAG_INIT;

	cr_assert(model_scan(s, len, NAME, &d, &st));
	cr_assert_eq(st.elements, PRM_MAX_ELEMENTS);
	free(s);
}

Test(scan, over_the_element_limit_names_the_line)
{
	size_t len;
	char *s = many_elements(PRM_MAX_ELEMENTS + 1, &len);

	/* Element 1,000,001 is the 1,000,000th <a/>: line 1 + 999,999 / 1000. */
	scan_refused(s, len, "t.xml:1000: more than 1000000 elements, the limit for one model");
	free(s);
}

/* Through the loader: one line, nothing from libxml2. */
Test(scan_load, eighty_thousand_attributes_refused_before_parsing, .init = cr_redirect_stderr)
{
	struct diag d = DIAG_INIT;
	size_t len;
	char *s = many_attrs("prm xmlns=\"urn:prmwb:prm:1\"", 80000, &len);

	cr_assert_null(prm_model_load_memory(s, len, NAME, &d));
	cr_assert_eq(d.n, 1);
	cr_assert_str_eq(d.lines[0], "t.xml:3: element <prm> has more than 32 attributes, "
	                 "the limit for one element");
	diag_free(&d);
	free(s);
	fflush(stderr);
	cr_assert_stderr_eq_str("");
}

Test(scan_load, thirty_two_attributes_reach_the_parser)
{
	struct diag d = DIAG_INIT;
	size_t len;
	char *s = many_attrs("prm xmlns=\"urn:prmwb:prm:1\"", PRM_MAX_ATTRS - 1, &len);

	cr_assert_null(prm_model_load_memory(s, len, NAME, &d));
	cr_assert_geq(d.n, 1);
	for (size_t i = 0; i < d.n; i++)
		cr_assert_null(strstr(d.lines[i], "the limit for one element"), "%s", d.lines[i]);
	diag_free(&d);
	free(s);
}
