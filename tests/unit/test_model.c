/* Unit tests: loading a model (valid, schema errors, semantic errors,
 * hostile input), look-ups and suggestions. */
#include "config.h"

#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model.h"
#include "model_int.h"

#define NAME "t.xml"

static const char head[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<prm xmlns=\"urn:prmwb:prm:1\" id=\"t\" version=\"1\">\n"
	"<title>T</title>\n";

/* A whole model: head, then body, then the end tag. */
static char *doc(const char *body)
{
	size_t n = strlen(head) + strlen(body) + 16;
	char *s = malloc(n);

	cr_assert_not_null(s);
	snprintf(s, n, "%s%s</prm>\n", head, body);
	return s;
}

static struct prm_model *load(const char *body, struct diag *d)
{
	char *s = doc(body);
	struct prm_model *m = prm_model_load_memory(s, strlen(s), NAME, d);

	free(s);
	return m;
}

/* Some diagnostic line must contain want; all must start with NAME. */
static void expect_diag(const struct diag *d, const char *want)
{
	bool found = false;

	cr_assert_gt(d->n, 0, "no diagnostics, expected '%s'", want);
	for (size_t i = 0; i < d->n; i++) {
		cr_expect(strncmp(d->lines[i], NAME ":", strlen(NAME) + 1) == 0,
		          "diagnostic without file name: %s", d->lines[i]);
		if (strstr(d->lines[i], want))
			found = true;
	}
	if (!found)
		for (size_t i = 0; i < d->n; i++)
			cr_log_error("got: %s", d->lines[i]);
	cr_assert(found, "no diagnostic contains '%s'", want);
}

/* The body must be refused, with a diagnostic containing want. */
static void refused(const char *body, const char *want)
{
	struct diag d = DIAG_INIT;
	struct prm_model *m = load(body, &d);

	cr_assert_null(m, "loaded, expected an error '%s'", want);
	expect_diag(&d, want);
	diag_free(&d);
}

#define PROC(id, name, inner) \
	"<process id=\"" id "\" name=\"" name "\">" inner "</process>\n"
#define OK_INNER "<purpose>P.</purpose><outcomes><outcome n=\"1\">O.</outcome></outcomes>"
#define CAT(id, procs) "<category id=\"" id "\" name=\"C " id "\">\n" procs "</category>\n"

/* ---- valid models ---- */

/* An "&" in an attribute value reaches the loader as "&#38;" and is
 * decoded, for each value of a start tag that holds one. */
Test(load, ampersands_in_attribute_values)
{
	struct diag d = DIAG_INIT;
	struct prm_model *m = load(CAT("c", "<process id=\"p\" name=\"R&amp;D &lt;x&gt; &#38; more\">"
	                           "<purpose>P.</purpose><outcomes><outcome n=\"1\">O.</outcome>"
	                           "</outcomes><references><reference standard=\"A&amp;B\" "
	                           "clause=\"1\">n</reference><reference standard=\"S&amp;T\" "
	                           "clause=\"C&amp;&amp;D\">n</reference></references>"
	                           "</process>\n"), &d);

	cr_assert_not_null(m, "%s", d.n ? d.lines[0] : "?");
	cr_assert_str_eq(m->processes[0].name, "R&D <x> & more");
	cr_assert_str_eq(m->processes[0].references[0].standard, "A&B");
	cr_assert_str_eq(m->processes[0].references[0].clause, "1");
	cr_assert_str_eq(m->processes[0].references[1].standard, "S&T");
	cr_assert_str_eq(m->processes[0].references[1].clause, "C&&D");
	prm_model_free(m);
	diag_free(&d);
}

/* White space folded the simple way: the reference for the loader's. */
static char *folded(const char *s)
{
	char *out = malloc(strlen(s) + 1);
	size_t k = 0;
	bool pending = false;

	cr_assert_not_null(out);
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			pending = k > 0;
			continue;
		}
		if (pending)
			out[k++] = ' ';
		pending = false;
		out[k++] = *s;
	}
	out[k] = '\0';
	return out;
}

/* Texts and attribute values are folded a word (up to eight bytes) at a
 * time and arrive from the parser in pieces: words of every length up
 * to 20, runs of every kind of white space, over 300 bytes (more than
 * one piece). */
Test(load, white_space_folds_in_texts_and_values)
{
	char text[2048], name[160], body[4096];
	const char *ws[] = { " ", "  ", "\t", "\n", " \r\n\t ", "" };
	size_t k = 0, kn = 0;
	struct diag d = DIAG_INIT;
	struct prm_model *m;
	char *want;

	k += (size_t)snprintf(text, sizeof text, "\n  ");
	for (int len = 1; len <= 20; len++)
		for (int rep = 0; rep < 3; rep++) {
			for (int i = 0; i < len; i++)
				text[k++] = (char)('a' + (i + rep) % 26);
			k += (size_t)snprintf(text + k, sizeof text - k, "%s",
			                      ws[(len + rep) % 5]);
		}
	k += (size_t)snprintf(text + k, sizeof text - k, "\xc3\xa9t\xc3\xa9  \n");
	kn += (size_t)snprintf(name, sizeof name, " ");
	for (int len = 1; len <= 12; len++) {
		for (int i = 0; i < len; i++)
			name[kn++] = (char)('A' + i);
		kn += (size_t)snprintf(name + kn, sizeof name - kn, "%s", ws[len % 5]);
	}
	cr_assert_gt(k, 300);
	snprintf(body, sizeof body, CAT("c", "<process id=\"p\" name=\"%s\"><purpose>%s</purpose>"
	         "<outcomes><outcome n=\"1\">O.</outcome></outcomes></process>\n"), name, text);
	m = load(body, &d);
	cr_assert_not_null(m, "%s", d.n ? d.lines[0] : "?");
	/* The parser hands attribute values on with white space as spaces
	 * (attribute value normalisation): fold what it would hand on. */
	for (size_t i = 0; i < kn; i++)
		if (name[i] == '\t' || name[i] == '\n' || name[i] == '\r')
			name[i] = ' ';
	name[kn] = '\0';
	want = folded(text);
	cr_assert_str_eq(m->processes[0].purpose, want);
	free(want);
	want = folded(name);
	cr_assert_str_eq(m->processes[0].name, want);
	free(want);
	prm_model_free(m);
	diag_free(&d);
}

Test(load, fixture_file)
{
	struct diag d = DIAG_INIT;
	struct prm_model *m = prm_model_load_file(TEST_DATA "/good.xml", &d);
	const struct prm_process *p;

	cr_assert_not_null(m, "%s", d.n ? d.lines[0] : "?");
	cr_assert_eq(d.n, 0);
	cr_assert_str_eq(m->id, "fixture");
	cr_assert_str_eq(m->version, "1");
	cr_assert_str_eq(m->title, "Fixture model for tests");   /* folded */
	cr_assert_str_eq(m->source, "Written for the prmwb test suite");
	cr_assert_str_eq(m->licence, "MIT");
	cr_assert_str_eq(m->file, TEST_DATA "/good.xml");
	cr_assert_eq(m->n_categories, 3);
	cr_assert_eq(m->n_processes, 5);
	cr_assert_str_eq(m->categories[1].id, "core");
	cr_assert_str_eq(m->categories[1].name, "Core processes");
	cr_assert_str_eq(m->categories[0].summary, "Steering.");
	cr_assert_eq(m->categories[1].n_processes, 3);
	cr_assert_eq(m->categories[1].processes[2], 3);

	p = prm_model_find(m, "1.1");
	cr_assert_not_null(p);
	cr_assert_str_eq(p->name, "Governance interface");
	cr_assert_str_eq(p->summary, "Between the board and the ISMS.");
	cr_assert_str_eq(p->purpose, "Keep direction and management aligned.");
	cr_assert_eq(p->line, 11);
	cr_assert_eq(p->n_outcomes, 2);
	cr_assert_eq(p->outcomes[1].number, 2);
	cr_assert_str_eq(p->outcomes[1].text, "Reports reach the board.");
	cr_assert_eq(p->activities.n, 1);
	cr_assert_str_eq(p->activities.items[0], "Report & escalate.");
	cr_assert_str_eq(p->inputs.items[0], "Strategy");
	cr_assert_str_eq(p->outputs.items[0], "Decisions");
	cr_assert_eq(p->n_references, 1);
	cr_assert_str_eq(p->references[0].standard, "ISO/IEC 27001:2022");
	cr_assert_str_eq(p->references[0].clause, "5.1");
	cr_assert_null(p->references[0].note);
	cr_assert_eq(p->n_relations, 1);
	cr_assert_str_eq(p->relations[0].type, "triggers");
	cr_assert_str_eq(p->relations[0].target, "2.1");
	cr_assert_str_eq(p->relations[0].note, "new objectives");

	p = prm_model_find(m, "2.10");
	cr_assert_not_null(p);
	cr_assert_eq(p->category, 1);
	cr_assert_null(p->summary);
	cr_assert_eq(p->activities.n, 0);
	cr_assert_eq(p->n_relations, 0);
	cr_assert_eq(prm_model_index(m, "3.1"), 4);
	cr_assert_eq(prm_model_index(m, "3.2"), (size_t)-1);
	cr_assert_null(prm_model_find(m, "2.1 "));
	prm_model_free(m);
}

Test(load, minimal_memory_model)
{
	struct diag d = DIAG_INIT;
	struct prm_model *m = load(CAT("c", PROC("A-1", "Only", OK_INNER)), &d);

	cr_assert_not_null(m, "%s", d.n ? d.lines[0] : "?");
	cr_assert_str_eq(m->file, NAME);
	cr_assert_null(m->source);
	cr_assert_str_eq(m->processes[0].id, "A-1");
	prm_model_free(m);
}

Test(load, embedded_schema_is_there)
{
	size_t len = 0;
	const char *s = prm_schema_text(1, &len);

	cr_assert_gt(len, 100);
	cr_assert_eq(strlen(s), len);
	cr_assert_not_null(strstr(s, "urn:prmwb:prm:1"));
	s = prm_schema_text(2, &len);
	cr_assert_gt(len, 100);
	cr_assert_eq(strlen(s), len);
	cr_assert_not_null(strstr(s, "urn:prmwb:prm:2"));
	cr_assert_null(prm_schema_text(3, &len));
}

Test(load, choice_prefers_path_then_env)
{
	struct diag d = DIAG_INIT;
	struct prm_model *m;

	setenv("PRMWB_MODEL", "/nonexistent/env-model.xml", 1);
	m = prm_model_load_choice(TEST_DATA "/good.xml", &d);
	cr_assert_not_null(m);
	prm_model_free(m);
	m = prm_model_load_choice(NULL, &d);
	cr_assert_null(m);
	cr_assert_not_null(strstr(d.lines[0], "/nonexistent/env-model.xml"));
	diag_free(&d);
	unsetenv("PRMWB_MODEL");
}

/* ---- schema errors ---- */

Test(schema, wrong_root_or_namespace)
{
	struct diag d = DIAG_INIT;
	const char *s = "<prm id=\"t\" version=\"1\"><title>T</title></prm>";

	cr_assert_null(prm_model_load_memory(s, strlen(s), NAME, &d));
	expect_diag(&d, "expected root element <prm xmlns=\"urn:prmwb:prm:1\">");
	diag_free(&d);
}

Test(schema, missing_purpose)
{
	refused(CAT("c", PROC("7.4", "N", "<outcomes><outcome n=\"1\">O.</outcome></outcomes>")),
	        "t.xml:5: process 7.4:");
}

Test(schema, missing_outcomes)
{
	refused(CAT("c", PROC("7.4", "N", "<purpose>P.</purpose>")), "process 7.4:");
}

Test(schema, bad_process_id)
{
	refused(CAT("c", PROC("7 4", "N", OK_INNER)), "t.xml:5: process 7 4:");
}

Test(schema, bad_relation_type)
{
	refused(CAT("c", PROC("1", "N", OK_INNER
	        "<relations><relation type=\"Bad Type\" target=\"1\"/></relations>")),
	        "process 1:");
}

Test(schema, unknown_element)
{
	refused(CAT("c", PROC("1", "N", OK_INNER "<owner>x</owner>")), "process 1:");
}

Test(schema, markup_in_text)
{
	refused(CAT("c", PROC("1", "N", "<purpose>P <b>bold</b></purpose>"
	        "<outcomes><outcome n=\"1\">O.</outcome></outcomes>")), "process 1:");
}

Test(schema, no_category)
{
	refused("", "t.xml:");
}

Test(schema, outcome_number_not_a_number)
{
	refused(CAT("c", PROC("1", "N", "<purpose>P.</purpose>"
	        "<outcomes><outcome n=\"one\">O.</outcome></outcomes>")), "process 1:");
}

Test(schema, missing_version)
{
	struct diag d = DIAG_INIT;
	const char *s = "<prm xmlns=\"urn:prmwb:prm:1\" id=\"t\"><title>T</title>"
		CAT("c", PROC("1", "N", OK_INNER)) "</prm>";

	cr_assert_null(prm_model_load_memory(s, strlen(s), NAME, &d));
	expect_diag(&d, "t.xml:1:");
	diag_free(&d);
}

/* ---- schema errors: exact messages from the structural checker ---- */

/* Loading s must fail with exactly the lines want (NULL-terminated). */
static void exact_doc(const char *s, const char *const *want)
{
	struct diag d = DIAG_INIT;
	size_t n = 0;

	cr_assert_null(prm_model_load_memory(s, strlen(s), NAME, &d), "loaded");
	while (want[n])
		n++;
	for (size_t i = 0; i < d.n; i++)
		cr_log_info("got: %s", d.lines[i]);
	cr_assert_eq(d.n, n, "expected %zu lines, got %zu (first: %s)", n, d.n,
	             d.n ? d.lines[0] : "");
	for (size_t i = 0; i < n; i++)
		cr_expect_str_eq(d.lines[i], want[i], "line %zu", i);
	diag_free(&d);
}

static void exact(const char *body, const char *const *want)
{
	char *s = doc(body);

	exact_doc(s, want);
	free(s);
}

#define LINES(...) ((const char *const[]){ __VA_ARGS__, NULL })

Test(precise, process_name_missing)
{
	exact(CAT("c", "<process id=\"1.1\">" OK_INNER "</process>\n"),
	      LINES("t.xml:5: process 1.1: <process> has no attribute name "
	            "(required: 1 to 200 characters)"));
}

Test(precise, title_missing)
{
	exact_doc("<prm xmlns=\"urn:prmwb:prm:1\" id=\"t\" version=\"1\">\n"
	          "<source>S</source>\n" CAT("c", PROC("1", "N", OK_INNER)) "</prm>\n",
	          LINES("t.xml:1: model t: <prm> has no <title> "
	                "(required, the first child of <prm>)"));
}

Test(precise, relation_type_pattern)
{
	exact(CAT("c", PROC("1", "N", OK_INNER "\n<relations><relation "
	      "type=\"Provides Input\" target=\"1\"/></relations>")),
	      LINES("t.xml:6: process 1: attribute type=\"Provides Input\" of <relation> "
	            "must match [a-z][a-z0-9-]{0,31}"));
}

Test(precise, title_9mb)
{
	size_t big = 9u << 20;
	char *body = malloc(big + 1024), *s;
	const char *pre = "<prm xmlns=\"urn:prmwb:prm:1\" id=\"t\" version=\"1\">\n<title>";

	cr_assert_not_null(body);
	strcpy(body, pre);
	memset(body + strlen(pre), 'x', big);
	strcpy(body + strlen(pre) + big, "</title>\n" CAT("c", PROC("1", "N", OK_INNER)) "</prm>");
	s = body;
	exact_doc(s, LINES("t.xml:2: model t: text of <title> is 9437184 characters long, "
	                   "at most 200 are allowed"));
	free(body);
}

Test(precise, unknown_attribute)
{
	exact(CAT("c", "<process id=\"1\" name=\"N\" owner=\"x\">" OK_INNER "</process>\n"),
	      LINES("t.xml:5: process 1: unknown attribute owner on <process> "
	            "(allowed: id, name)"));
	exact(CAT("c", PROC("1", "N", "<purpose xml:lang=\"en\">P.</purpose><outcomes>"
	      "<outcome n=\"1\">O.</outcome></outcomes>")),
	      LINES("t.xml:5: process 1: unknown attribute xml:lang on <purpose> "
	            "(it takes no attributes)"));
}

Test(precise, unknown_element)
{
	exact(CAT("c", PROC("1", "N", OK_INNER "<owner>x</owner>")),
	      LINES("t.xml:5: process 1: unknown element <owner> inside <process>, "
	            "expected one of <activities>, <inputs>, <outputs>, <references>, "
	            "<relations> or </process>"));
	exact(CAT("c", PROC("1", "N", "<owner>x</owner>" OK_INNER)),
	      LINES("t.xml:5: process 1: unknown element <owner> inside <process>, "
	            "expected one of <summary>, <purpose>"));
	exact(CAT("c", PROC("1", "N", OK_INNER "<x:a xmlns:x=\"urn:other\"/>")),
	      LINES("t.xml:5: process 1: element <a> in namespace \"urn:other\" inside "
	            "<process>: not part of the format (namespace is not urn:prmwb:prm:1)"));
}

Test(precise, process_children_out_of_order)
{
	exact(CAT("c", "<process id=\"1\" name=\"N\">\n"
	      "<outcomes><outcome n=\"1\">O.</outcome></outcomes>\n"
	      "<purpose>P.</purpose>\n</process>\n"),
	      LINES("t.xml:7: process 1: <purpose> is out of order: it must come "
	            "before <outcomes> (line 6)"));
}

Test(precise, purpose_missing)
{
	exact(CAT("c", PROC("7.4", "N", "<outcomes><outcome n=\"1\">O.</outcome></outcomes>")),
	      LINES("t.xml:5: process 7.4: <process> has no <purpose> (required, "
	            "before <outcomes>)"));
}

Test(precise, outcomes_missing)
{
	exact(CAT("c", PROC("7.4", "N", "<purpose>P.</purpose>")),
	      LINES("t.xml:5: process 7.4: <process> has no <outcomes> (required, "
	            "after <purpose>)"));
}

Test(precise, outcomes_empty)
{
	exact(CAT("c", PROC("7.4", "N", "<purpose>P.</purpose>\n<outcomes>\n</outcomes>")),
	      LINES("t.xml:6: process 7.4: <outcomes> is empty: at least one <outcome> "
	            "is required"));
}

Test(precise, outcome_without_n)
{
	exact(CAT("c", PROC("1", "N", "<purpose>P.</purpose>"
	      "<outcomes><outcome>O.</outcome></outcomes>")),
	      LINES("t.xml:5: process 1: <outcome> has no attribute n (required: a whole "
	            "number from 1 up)"));
}

Test(precise, outcome_n_not_a_number)
{
	exact(CAT("c", PROC("1", "N", "<purpose>P.</purpose>"
	      "<outcomes><outcome n=\"one\">O.</outcome><outcome n=\"0\">O.</outcome>"
	      "</outcomes>")),
	      LINES("t.xml:5: process 1: attribute n=\"one\" of <outcome> must be a whole "
	            "number from 1 up",
	            "t.xml:5: process 1: attribute n=\"0\" of <outcome> must be a whole "
	            "number from 1 up"));
}

Test(precise, id_patterns)
{
	exact(CAT("c", PROC("7 4", "N", OK_INNER)),
	      LINES("t.xml:5: process 7 4: attribute id=\"7 4\" of <process> must match "
	            "[A-Za-z0-9][A-Za-z0-9._-]{0,31}"));
	exact(CAT("-c", PROC("1", "N", OK_INNER)),
	      LINES("t.xml:4: category -c: attribute id=\"-c\" of <category> must match "
	            "[A-Za-z0-9][A-Za-z0-9._-]{0,31}"));
	exact_doc("<prm xmlns=\"urn:prmwb:prm:1\" id=\"Big\" version=\"1\"><title>T</title>"
	          CAT("c", PROC("1", "N", OK_INNER)) "</prm>",
	          LINES("t.xml:1: model Big: attribute id=\"Big\" of <prm> must match "
	                "[a-z0-9][a-z0-9._-]{0,63}"));
	exact(CAT("c", PROC("123456789012345678901234567890123", "N", OK_INNER)),
	      LINES("t.xml:5: process 123456789012345678901234567890123: attribute "
	            "id=\"123456789012345678901234567890123\" of <process> must match "
	            "[A-Za-z0-9][A-Za-z0-9._-]{0,31}"));
}

#define X10 "xxxxxxxxxx"
#define X100 X10 X10 X10 X10 X10 X10 X10 X10 X10 X10

Test(precise, name_too_long)
{
	exact(CAT("c", PROC("1", X100 X100 "x", OK_INNER)),
	      LINES("t.xml:5: process 1: attribute name of <process> is 201 characters "
	            "long, at most 200 are allowed"));
	exact(CAT("c", PROC("1", "", OK_INNER)),
	      LINES("t.xml:5: process 1: attribute name of <process> is empty: it must be "
	            "1 to 200 characters"));
}

Test(precise, markup_and_stray_text)
{
	exact(CAT("c", PROC("1", "N", "<purpose>P <b>bold</b></purpose>"
	      "<outcomes><outcome n=\"1\">O.</outcome></outcomes>")),
	      LINES("t.xml:5: process 1: element <b> inside <purpose>, which holds plain "
	            "text only"));
	exact(CAT("c", PROC("1", "N", "stray" OK_INNER)),
	      LINES("t.xml:5: process 1: text \"stray\" directly inside <process>, where "
	            "only elements are allowed"));
}

Test(precise, every_problem_listed)
{
	exact(CAT("c", "<process id=\"1\">\n<outcomes/>\n</process>\n"
	      "<process id=\"2\" name=\"B\">" OK_INNER "<relations><relation type=\"x\"/>"
	      "</relations></process>\n"),
	      LINES("t.xml:5: process 1: <process> has no attribute name (required: 1 to "
	            "200 characters)",
	            "t.xml:5: process 1: <process> has no <purpose> (required, before "
	            "<outcomes>)",
	            "t.xml:6: process 1: <outcomes> is empty: at least one <outcome> is "
	            "required",
	            "t.xml:8: process 2: <relation> has no attribute target (required: an "
	            "id matching [A-Za-z0-9][A-Za-z0-9._-]{0,31})"));
}

/* ---- the checker and the schema agree ---- */

/* Documents near the edges of the format; each must get the same verdict
 * from the RELAX NG schema and from the structural checker. */
static const char *const edge_bodies[] = {
	CAT("c", PROC("1", "N", OK_INNER)),
	CAT("c", PROC("1", "  ", OK_INNER)),
	CAT("c", PROC("1", "N", "<purpose/><outcomes><outcome n=\" 1 \"/></outcomes>")),
	CAT("c", PROC("1", "N", "<purpose/><outcomes><outcome n=\"+1\"/></outcomes>")),
	CAT("c", PROC("1", "N", "<purpose/><outcomes><outcome n=\"007\"/></outcomes>")),
	CAT("c", PROC("1", "N", "<purpose/><outcomes><outcome n=\"&#9;3&#10;\"/></outcomes>")),
	CAT("c", PROC("1", "N", "<purpose/><outcomes><outcome n=\"1 2\"/></outcomes>")),
	CAT("c", PROC("1", "N", "<purpose/><outcomes><outcome n=\"-1\"/></outcomes>")),
	CAT("c", PROC("1", "N", "<purpose/><outcomes><outcome n=\"+0\"/></outcomes>")),
	CAT("c", PROC("1", "N", "<purpose/><outcomes><outcome n=\"1.0\"/></outcomes>")),
	CAT("c", PROC("1", "N", "<purpose/><outcomes><outcome n=\"\"/></outcomes>")),
	CAT("c", PROC("1", "N", "<purpose/><outcomes><outcome "
	    "n=\"999999999999999999999999\"/></outcomes>")),
	CAT("c", PROC("1", "N", "<purpose/><outcomes><outcome "
	    "n=\"9999999999999999999999999\"/></outcomes>")),
	CAT("c", PROC("1", "N", "<purpose/><outcomes><outcome "
	    "n=\"0000000000000000000000000001\"/></outcomes>")),
	CAT("c", PROC("1", X100 X100, OK_INNER)),
	CAT("c", PROC("1", X100 X100 "x", OK_INNER)),
	CAT("c", PROC("1", "\xc3\xa9" X100 X10 X10 X10 X10 X10 X10 X10 X10 "xxxxxxxxx", OK_INNER)),
	CAT("c", PROC("1", "\xc3\xa9" X100 X100, OK_INNER)),
	CAT("c", PROC("1", "a&#10;b", OK_INNER)),
	CAT("c", PROC("12345678901234567890123456789012", "N", OK_INNER)),
	CAT("c", PROC("123456789012345678901234567890123", "N", OK_INNER)),
	CAT("c", PROC("A._-z", "N", OK_INNER)),
	CAT("c", PROC(".1", "N", OK_INNER)),
	CAT("c", PROC("1 ", "N", OK_INNER)),
	CAT("c", PROC("", "N", OK_INNER)),
	CAT("c", PROC("1/2", "N", OK_INNER)),
	CAT("c", PROC("1", "N", OK_INNER "<relations><relation type=\"a-b-9\" target=\"1\"/>"
	    "</relations>")),
	CAT("c", PROC("1", "N", OK_INNER "<relations><relation type=\"9a\" target=\"1\"/>"
	    "</relations>")),
	CAT("c", PROC("1", "N", OK_INNER "<relations><relation type=\"a_b\" target=\"1\"/>"
	    "</relations>")),
	CAT("c", PROC("1", "N", OK_INNER "<relations><relation "
	    "type=\"abcdefghijabcdefghijabcdefghijab\" target=\"1\"/></relations>")),
	CAT("c", PROC("1", "N", OK_INNER "<relations><relation "
	    "type=\"abcdefghijabcdefghijabcdefghijabc\" target=\"1\"/></relations>")),
	CAT("c", PROC("1", "N", OK_INNER "<references><reference standard=\"\" "
	    "clause=\"1\"/></references>")),
	CAT("c", PROC("1", "N", OK_INNER "<references/>")),
	CAT("c", PROC("1", "N", OK_INNER "<activities/>")),
	CAT("c", PROC("1", "N", OK_INNER "<inputs><input/><input>x</input></inputs>")),
	CAT("c", PROC("1", "N", OK_INNER "<outputs><output><![CDATA[<x>]]></output></outputs>")),
	CAT("c", PROC("1", "N", OK_INNER "<inputs><input/></inputs><activities>"
	    "<activity/></activities>")),
	CAT("c", PROC("1", "N", OK_INNER "<relations/><references/>")),
	CAT("c", PROC("1", "N", "<summary/><summary/>" OK_INNER)),
	CAT("c", PROC("1", "N", "<purpose/><purpose/><outcomes><outcome n=\"1\"/></outcomes>")),
	CAT("c", PROC("1", "N", OK_INNER "<!-- c --><?pi x?>")),
	CAT("c", PROC("1", "N", "<purpose>a<!-- c -->b</purpose><outcomes><outcome "
	    "n=\"1\"/></outcomes>")),
	CAT("c", PROC("1", "N", OK_INNER "<activities xmlns=\"\"><activity/></activities>")),
	CAT("c", "<summary/>" PROC("1", "N", OK_INNER)),
	CAT("c", PROC("1", "N", OK_INNER) "<summary/>"),
	CAT("c", ""),
	"<category id=\"c\"/>",
	"<source/>" CAT("c", PROC("1", "N", OK_INNER)),
	CAT("c", PROC("1", "N", OK_INNER)) "<description/>",
	CAT("c", PROC("1", "N", OK_INNER)) "text",
	"",
};

static void expect_agree(const char *what, const char *s, size_t len)
{
	struct diag schema = DIAG_INIT, checker = DIAG_INIT;
	bool schema_ok = false;
	int rc = model_xml_verdicts(s, len, NAME, &schema_ok, &schema, &checker);

	cr_assert_eq(rc, 0, "%s: not parsed: %s", what, schema.n ? schema.lines[0] : "?");
	if (schema_ok != (checker.n == 0)) {
		for (size_t i = 0; i < schema.n; i++)
			cr_log_error("schema: %s", schema.lines[i]);
		for (size_t i = 0; i < checker.n; i++)
			cr_log_error("checker: %s", checker.lines[i]);
	}
	cr_expect_eq(schema_ok, checker.n == 0, "%s: the schema says %s, the checker "
	             "found %zu problems", what, schema_ok ? "valid" : "invalid", checker.n);
	diag_free(&schema);
	diag_free(&checker);
}

Test(agree, edge_documents)
{
	size_t valid = 0;

	for (size_t i = 0; i < sizeof edge_bodies / sizeof edge_bodies[0]; i++) {
		char *s = doc(edge_bodies[i]), what[32];
		struct diag d = DIAG_INIT;
		struct prm_model *m;

		snprintf(what, sizeof what, "edge_bodies[%zu]", i);
		expect_agree(what, s, strlen(s));
		/* and loading never falls back to libxml2's wording */
		m = prm_model_load_memory(s, strlen(s), NAME, &d);
		valid += m != NULL;
		for (size_t k = 0; k < d.n; k++)
			cr_expect_null(strstr(d.lines[k], "validate"), "%s: %s", what, d.lines[k]);
		prm_model_free(m);
		diag_free(&d);
		free(s);
	}
	cr_expect_gt(valid, 5, "the edge set has valid documents too");
}

/* Every model file in tests/data: same verdict from both. */
Test(agree, fixture_files)
{
	DIR *dir = opendir(TEST_DATA);
	struct dirent *e;
	size_t files = 0;

	cr_assert_not_null(dir);
	while ((e = readdir(dir))) {
		char path[1024];
		FILE *f;
		char *buf;
		long len;

		if (!strstr(e->d_name, ".xml"))
			continue;
		snprintf(path, sizeof path, "%s/%s", TEST_DATA, e->d_name);
		f = fopen(path, "rb");
		cr_assert_not_null(f, "%s", path);
		fseek(f, 0, SEEK_END);
		len = ftell(f);
		rewind(f);
		buf = malloc((size_t)len + 1);
		cr_assert_not_null(buf);
		cr_assert_eq(fread(buf, 1, (size_t)len, f), (size_t)len);
		fclose(f);
		expect_agree(e->d_name, buf, (size_t)len);
		free(buf);
		files++;
	}
	closedir(dir);
	cr_assert_geq(files, 3);
}

/* ---- semantic errors ---- */

Test(semantic, duplicate_process_id)
{
	refused(CAT("c", PROC("1", "A", OK_INNER) PROC("1", "B", OK_INNER)),
	        "t.xml:6: process 1: duplicate id (first at line 5)");
}

Test(semantic, duplicate_category_id)
{
	refused(CAT("c", PROC("1", "A", OK_INNER)) CAT("c", PROC("2", "B", OK_INNER)),
	        "t.xml:7: category c: duplicate id (first at line 4)");
}

Test(semantic, relation_to_unknown)
{
	refused(CAT("c", PROC("1", "A", OK_INNER
	        "<relations><relation type=\"triggers\" target=\"9\"/></relations>")),
	        "t.xml:5: process 1: relation 'triggers' to unknown process 9");
}

Test(semantic, relation_to_itself)
{
	refused(CAT("c", PROC("1", "A", OK_INNER
	        "<relations><relation type=\"supports\" target=\"1\"/></relations>")),
	        "process 1: relation 'supports' to itself");
}

Test(semantic, empty_purpose)
{
	refused(CAT("c", PROC("1", "A", "<purpose> \n\t </purpose>"
	        "<outcomes><outcome n=\"1\">O.</outcome></outcomes>")),
	        "t.xml:5: process 1: empty purpose");
}

Test(semantic, blank_name)
{
	refused(CAT("c", PROC("1", "  ", OK_INNER)), "t.xml:5: process 1: empty name");
}

/* Outcome numbers are stable: a split outcome's number is retired, so
 * gaps and any order are fine; a number used twice is not. */
Test(semantic, outcome_numbers_gaps_allowed)
{
	struct diag d = DIAG_INIT;
	struct prm_model *m = load(CAT("c", PROC("1", "A", "<purpose>P.</purpose><outcomes>"
	        "<outcome n=\"1\">O1.</outcome><outcome n=\"7\">O7.</outcome>"
	        "<outcome n=\"3\">O3.</outcome></outcomes>")), &d);

	cr_assert_not_null(m, "%s", d.n ? d.lines[0] : "?");
	cr_assert_eq(m->processes[0].n_outcomes, 3);
	cr_assert_eq(m->processes[0].outcomes[1].number, 7);
	cr_assert_str_eq(prm_process_outcome(&m->processes[0], 3)->text, "O3.");
	cr_assert_null(prm_process_outcome(&m->processes[0], 2));
	cr_assert_eq(prm_process_outcome_max(&m->processes[0]), 7);
	prm_model_free(m);
	m = load(CAT("c", PROC("1", "A", "<purpose>P.</purpose><outcomes>"
	         "<outcome n=\"2\">O.</outcome></outcomes>")), &d);
	cr_assert_not_null(m);
	prm_model_free(m);
}

Test(semantic, outcome_number_twice)
{
	refused(CAT("c", PROC("1", "A", "<purpose>P.</purpose><outcomes>\n"
	        "<outcome n=\"1\">O.</outcome>\n<outcome n=\"2\">O.</outcome>\n"
	        "<outcome n=\"01\">O.</outcome></outcomes>")),
	        "t.xml:8: process 1: outcome number 1 used twice (first at line 6): "
	        "outcome numbers are never reused");
}

Test(semantic, all_errors_collected_in_file_order)
{
	struct diag d = DIAG_INIT;
	struct prm_model *m = prm_model_load_file(TEST_DATA "/bad-semantic.xml", &d);
	static const char *want[] = {
		":8: process 1: outcome number 1 used twice (first at line 8)",
		":10: process 1: relation 'triggers' to unknown process 9",
		":11: process 1: relation 'supports' to itself",
		":14: process 1: duplicate id (first at line 6)",
		":15: process 1: empty purpose",
		":20: category one: empty name",
		":20: category one: duplicate id (first at line 5)",
		":23: process 2: outcome 1 is empty",
	};

	cr_assert_null(m);
	cr_assert_eq(d.n, sizeof want / sizeof want[0]);
	for (size_t i = 0; i < d.n; i++)
		cr_expect_not_null(strstr(d.lines[i], want[i]), "line %zu: %s", i, d.lines[i]);
	diag_free(&d);
}

/* ---- hostile input: each refused with one line, nothing on stderr ---- */

static void quiet(void)
{
	cr_redirect_stderr();
}

TestSuite(hostile, .init = quiet, .timeout = 20);

/* Refused with exactly one diagnostic containing want and not leak. */
static void hostile_mem(const char *s, size_t len, const char *want)
{
	struct diag d = DIAG_INIT;
	struct prm_model *m = prm_model_load_memory(s, len, NAME, &d);

	cr_assert_null(m);
	cr_assert_eq(d.n, 1, "expected one diagnostic, got %zu (%s)", d.n,
	             d.n ? d.lines[0] : "");
	cr_assert_not_null(strstr(d.lines[0], want), "got: %s", d.lines[0]);
	cr_assert_null(strstr(d.lines[0], "root:"), "content leaked: %s", d.lines[0]);
	diag_free(&d);
	fflush(stderr);
	cr_assert_stderr_eq_str("", "libxml2 printed to stderr");
}

Test(hostile, xxe)
{
	const char *s = "<?xml version=\"1.0\"?>\n"
		"<!DOCTYPE prm [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
		"<prm xmlns=\"urn:prmwb:prm:1\" id=\"t\" version=\"1\"><title>&x;</title></prm>";
	hostile_mem(s, strlen(s), "t.xml:2: a DOCTYPE is not allowed");
}

Test(hostile, external_dtd)
{
	const char *s = "<!DOCTYPE prm SYSTEM \"http://127.0.0.1:9/x.dtd\">\n<prm/>";
	hostile_mem(s, strlen(s), "a DOCTYPE is not allowed");
}

Test(hostile, billion_laughs)
{
	char s[4096];
	size_t n = 0;

	n += (size_t)snprintf(s + n, sizeof s - n, "<!DOCTYPE l [<!ENTITY l0 \"lol\">\n");
	for (int i = 1; i < 10; i++) {
		n += (size_t)snprintf(s + n, sizeof s - n, "<!ENTITY l%d \"", i);
		for (int k = 0; k < 10; k++)
			n += (size_t)snprintf(s + n, sizeof s - n, "&l%d;", i - 1);
		n += (size_t)snprintf(s + n, sizeof s - n, "\">\n");
	}
	n += (size_t)snprintf(s + n, sizeof s - n,
	        "]>\n<prm xmlns=\"urn:prmwb:prm:1\" id=\"t\" version=\"1\"><title>&l9;</title></prm>");
	hostile_mem(s, n, "a DOCTYPE is not allowed");
}

Test(hostile, undeclared_entity)
{
	const char *s = "<prm xmlns=\"urn:prmwb:prm:1\" id=\"t\" version=\"1\"><title>&x;</title></prm>";
	hostile_mem(s, strlen(s), "not well-formed XML");
}

Test(hostile, garbage)
{
	char s[2048];

	srand(42);
	for (size_t i = 0; i < sizeof s; i++)
		s[i] = (char)(rand() & 0xFF);
	s[0] = 'x';
	hostile_mem(s, sizeof s, "t.xml:1: not well-formed XML");
}

Test(hostile, empty)
{
	hostile_mem("", 0, "t.xml: empty file");
}

Test(hostile, deep_nesting)
{
	size_t levels = 100000, n = 0;
	char *s = malloc(levels * 7 + 100);

	cr_assert_not_null(s);
	n += (size_t)sprintf(s, "<prm xmlns=\"urn:prmwb:prm:1\">");
	for (size_t i = 0; i < levels; i++)
		n += (size_t)sprintf(s + n, "<a>");
	for (size_t i = 0; i < levels; i++)
		n += (size_t)sprintf(s + n, "</a>");
	n += (size_t)sprintf(s + n, "</prm>");
	hostile_mem(s, n, "t.xml:1: elements nested deeper than 32 levels");
	free(s);
}

Test(hostile, invalid_utf8)
{
	const char *s = "<prm xmlns=\"urn:prmwb:prm:1\" id=\"t\" version=\"1\">"
		"<title>caf\xe9 \xff\xfe</title></prm>";
	hostile_mem(s, strlen(s), "not proper UTF-8");
}

Test(hostile, latin1_declaration_is_still_utf8)
{
	const char *s = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
		"<prm xmlns=\"urn:prmwb:prm:1\" id=\"t\" version=\"1\"><title>caf\xe9</title></prm>";
	hostile_mem(s, strlen(s), "not well-formed XML");
}

/* A buffer of size bytes: <prm ... id="aaaa...">, i.e. one huge attribute. */
static char *big_attribute(size_t size, size_t *len)
{
	const char *pre = "<prm xmlns=\"urn:prmwb:prm:1\" id=\"", *post = "\"/>";
	char *s = malloc(size + 1);

	cr_assert_not_null(s);
	memcpy(s, pre, strlen(pre));
	memset(s + strlen(pre), 'a', size - strlen(pre) - strlen(post));
	memcpy(s + size - strlen(post), post, strlen(post) + 1);
	*len = size;
	return s;
}

Test(hostile, one_byte_over_the_size_cap)
{
	size_t len;
	char *s = big_attribute((size_t)PRM_MAX_FILE_BYTES + 1, &len);

	hostile_mem(s, len, "t.xml: too large: 67108865 bytes, the limit is 67108864");
	free(s);
}

Test(hostile, attribute_15mb_under_the_size_cap)
{
	size_t len;
	char *s = big_attribute(15u << 20, &len);

	/* libxml2's own limit (10 MB per value) must hold: no XML_PARSE_HUGE. */
	hostile_mem(s, len, "t.xml:1: attribute id of <prm> is larger than 10000000 bytes, "
	            "the limit for one value");
	free(s);
}

Test(hostile, text_15mb)
{
	const char *pre = "<prm xmlns=\"urn:prmwb:prm:1\" id=\"t\" version=\"1\"><title>";
	const char *post = "</title></prm>";
	size_t size = 15u << 20;
	char *s = malloc(size + 1);

	cr_assert_not_null(s);
	memset(s, 'x', size);
	memcpy(s, pre, strlen(pre));
	memcpy(s + size - strlen(post), post, strlen(post));
	hostile_mem(s, size, "t.xml:1: text of <title> is larger than 10000000 bytes, "
	            "the limit for one text");
	free(s);
}

/* Files: refused with one line naming the file. */
static void hostile_file(const char *path, const char *want)
{
	struct diag d = DIAG_INIT;

	cr_assert_null(prm_model_load_file(path, &d));
	cr_assert_eq(d.n, 1, "expected one diagnostic, got %zu", d.n);
	cr_assert(strncmp(d.lines[0], path, strlen(path)) == 0, "got: %s", d.lines[0]);
	cr_assert_not_null(strstr(d.lines[0], want), "got: %s", d.lines[0]);
	diag_free(&d);
	fflush(stderr);
	cr_assert_stderr_eq_str("");
}

Test(hostile, nonexistent_file)
{
	hostile_file("/nonexistent/model.xml", "cannot open: No such file or directory");
}

Test(hostile, directory)
{
	hostile_file(TEST_DATA, "is a directory");
}

Test(hostile, fifo_does_not_hang)
{
	char dir[] = "/tmp/prmwb-test.XXXXXX", path[64];

	cr_assert_not_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/fifo", dir);
	cr_assert_eq(mkfifo(path, 0600), 0);
	hostile_file(path, "not a regular file");
	unlink(path);
	rmdir(dir);
}

Test(hostile, file_over_the_size_cap)
{
	char path[] = "/tmp/prmwb-test-XXXXXX";
	int fd = mkstemp(path);

	/* Sparse: the size is refused before anything is read. */
	cr_assert_geq(fd, 0);
	cr_assert_eq(ftruncate(fd, (off_t)PRM_MAX_FILE_BYTES + 1), 0);
	close(fd);
	hostile_file(path, "too large: 67108865 bytes, the limit is 67108864 bytes (64 MiB)");
	unlink(path);
}

/* ---- suggestions ---- */

static struct prm_model *fixture(void)
{
	struct diag d = DIAG_INIT;
	struct prm_model *m = prm_model_load_file(TEST_DATA "/good.xml", &d);

	cr_assert_not_null(m);
	return m;
}

/* The suggested ids, space-separated, for typed. */
static void expect_suggest(const char *typed, const char *want)
{
	struct prm_model *m = fixture();
	size_t ix[5], n = prm_model_suggest(m, typed, ix, 5);
	char got[256] = "";

	for (size_t i = 0; i < n; i++) {
		if (i)
			strcat(got, " ");
		strcat(got, m->processes[ix[i]].id);
	}
	cr_assert_str_eq(got, want, "suggest(%s)", typed);
	prm_model_free(m);
}

Test(suggest, id_with_extra_digit)
{
	expect_suggest("1.12", "1.1");
}

Test(suggest, prefix_first_then_edit_distance)
{
	expect_suggest("2.11", "2.1 2.10");
}

Test(suggest, word_of_name)
{
	expect_suggest("hazard", "2.1 2.2");
	expect_suggest("HAZARD", "2.1 2.2");
}

Test(suggest, typo_in_a_word)
{
	expect_suggest("hazrd", "2.1 2.2");
	expect_suggest("recrods", "3.1");     /* swapped letters */
	expect_suggest("recods", "3.1");
}

Test(suggest, whole_name_case_insensitive)
{
	expect_suggest("records", "3.1");
}

Test(suggest, nothing_close)
{
	expect_suggest("zzzzzz", "");
}

Test(suggest, max_is_respected)
{
	struct prm_model *m = fixture();
	size_t ix[2];

	cr_assert_eq(prm_model_suggest(m, "2", ix, 2), 2);
	prm_model_free(m);
}
