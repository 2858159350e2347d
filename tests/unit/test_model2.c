/* Unit tests: version 2 of the model format (sub-processes, declared
 * relation types, short names, references per outcome, outcome numbers)
 * and tailoring (a model that extends another): each kind of change,
 * conflicts, cycles, chains; and the structural checker agreeing with
 * models/prm-2.rng on borderline documents. */
#include "config.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model.h"
#include "model_int.h"

#define NS2 "urn:prmwb:prm:2"
#define HEAD2(id) "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
	"<prm xmlns=\"" NS2 "\" id=\"" id "\" version=\"1\">\n<title>T</title>\n"
#define OK_INNER "<purpose>P.</purpose><outcomes><outcome n=\"1\">O.</outcome></outcomes>"
#define PROC(id, name, inner) \
	"<process id=\"" id "\" name=\"" name "\">" inner "</process>\n"

static struct prm_model *mem(const char *s, struct diag *d)
{
	return prm_model_load_memory(s, strlen(s), "t.xml", d);
}

static void dump_diag(const struct diag *d)
{
	for (size_t i = 0; i < d->n; i++)
		cr_log_error("diag: %s", d->lines[i]);
}

/* Loading s must fail with a line that equals want exactly. */
static void refused_mem(const char *s, const char *want)
{
	struct diag d = DIAG_INIT;
	struct prm_model *m = mem(s, &d);
	bool found = false;

	cr_assert_null(m, "loaded, expected '%s'", want);
	for (size_t i = 0; i < d.n; i++)
		found |= strcmp(d.lines[i], want) == 0;
	if (!found)
		dump_diag(&d);
	cr_assert(found, "no diagnostic '%s'", want);
	diag_free(&d);
}

/* ---- version 2: a whole model ---- */

static const char v2[] =
	HEAD2("v2")
	"<relation-types>\n"
	"  <relation-type id=\"provides-input-to\" label=\"provides input to\"\n"
	"                 inverse=\"receives input from\"/>\n"
	"  <relation-type id=\"triggers\" label=\"triggers\" inverse=\"is triggered by\"/>\n"
	"</relation-types>\n"
	"<category id=\"a\" name=\"A\">\n"                                  /* 9 */
	"<process id=\"1\" name=\"One\" short=\"1st\">\n"
	"  <purpose>P1.</purpose>\n"
	"  <outcomes><outcome n=\"1\">O1.\n"
	"    <reference standard=\"ISO/IEC 27001:2022\" clause=\"6.1.2\">main</reference>\n"
	"    <reference standard=\"ISO/IEC 27001:2022\" clause=\"A.5.7\"/></outcome>\n"
	"    <outcome n=\"4\">O4.</outcome></outcomes>\n"                 /* 15 */
	"  <relations><relation type=\"provides-input-to\" target=\"1.1.1\">hand-off"
	"</relation></relations>\n"
	"  <process id=\"1.1\" name=\"One one\">" OK_INNER "\n"
	"    <process id=\"1.1.1\" name=\"Deep\">" OK_INNER "</process>\n"
	"    <process id=\"1.1.2\" name=\"Deep two\">" OK_INNER "</process>\n"
	"  </process>\n"
	"  <process id=\"1.2\" name=\"One two\">" OK_INNER "</process>\n"
	"</process>\n"
	"<process id=\"2\" name=\"Two\">" OK_INNER
	"<relations><relation type=\"triggers\" target=\"1\"/></relations></process>\n"
	"</category>\n"
	"<category id=\"b\" name=\"B\">" PROC("3", "Three", OK_INNER) "</category>\n"
	"</prm>\n";

Test(v2, sub_processes_in_model_order)
{
	struct diag d = DIAG_INIT;
	struct prm_model *m = mem(v2, &d);
	const char *order[] = { "1", "1.1", "1.1.1", "1.1.2", "1.2", "2", "3" };
	const int depth[] = { 0, 1, 2, 2, 1, 0, 0 };
	const struct prm_process *p;

	if (!m)
		dump_diag(&d);
	cr_assert_not_null(m);
	cr_assert_eq(m->format, 2);
	cr_assert_eq(m->n_processes, 7);
	for (size_t i = 0; i < 7; i++) {
		cr_expect_str_eq(m->processes[i].id, order[i], "process %zu", i);
		cr_expect_eq(m->processes[i].depth, depth[i], "depth of %s", order[i]);
	}
	cr_assert_eq(m->max_depth, 2);
	/* a category lists all its processes, sub-processes included */
	cr_assert_eq(m->categories[0].n_processes, 6);
	cr_assert_eq(m->categories[0].processes[2], 2);
	cr_assert_eq(m->categories[1].n_processes, 1);
	p = prm_model_find(m, "1.1.2");
	cr_assert_not_null(p);
	cr_assert_str_eq(p->parent->id, "1.1");
	cr_assert_str_eq(p->parent->parent->id, "1");
	cr_assert_null(p->parent->parent->parent);
	cr_assert_eq(p->category, 0);
	p = prm_model_find(m, "1");
	cr_assert_eq(p->n_children, 2);
	cr_assert_str_eq(m->processes[p->children[0]].id, "1.1");
	cr_assert_str_eq(m->processes[p->children[1]].id, "1.2");
	cr_assert_eq(prm_model_find(m, "1.1")->n_children, 2);
	cr_assert_eq(prm_model_index(m, "3"), 6);
	prm_model_free(m);
}

Test(v2, short_names_and_outcome_references)
{
	struct diag d = DIAG_INIT;
	struct prm_model *m = mem(v2, &d);
	const struct prm_process *p;

	cr_assert_not_null(m);
	p = prm_model_find(m, "1");
	cr_assert_str_eq(p->short_name, "1st");
	cr_assert_str_eq(prm_process_short(p), "1st");
	cr_assert_str_eq(prm_process_short(prm_model_find(m, "2")), "Two");
	cr_assert_null(prm_model_find(m, "2")->short_name);
	cr_assert_eq(p->n_outcomes, 2);
	cr_assert_str_eq(p->outcomes[0].text, "O1.");      /* references are not text */
	cr_assert_eq(p->outcomes[0].n_references, 2);
	cr_assert_str_eq(p->outcomes[0].references[0].clause, "6.1.2");
	cr_assert_str_eq(p->outcomes[0].references[0].note, "main");
	cr_assert_str_eq(p->outcomes[0].references[1].clause, "A.5.7");
	cr_assert_null(p->outcomes[0].references[1].note);
	cr_assert_eq(p->outcomes[0].src.line, 12);     /* where its start tag is */
	cr_assert_eq(p->outcomes[1].number, 4);         /* a gap */
	cr_assert_eq(p->outcomes[1].n_references, 0);
	cr_assert_eq(prm_process_outcome_max(p), 4);
	prm_model_free(m);
}

Test(v2, relation_types_and_inverse_wording)
{
	struct diag d = DIAG_INIT;
	struct prm_model *m = mem(v2, &d);
	struct prm_incoming in[4];
	size_t ix;

	cr_assert_not_null(m);
	cr_assert_eq(m->n_relation_types, 2);
	cr_assert_str_eq(prm_model_relation_type(m, "triggers")->inverse, "is triggered by");
	cr_assert_null(prm_model_relation_type(m, "supports"));
	cr_assert_str_eq(prm_relation_label(m, &prm_model_find(m, "1")->relations[0]),
	                 "provides input to");
	/* declared once, at one end: the other end reads it from the inverse */
	ix = prm_model_index(m, "1.1.1");
	cr_assert_eq(prm_model_incoming(m, ix, NULL, 0), 1);
	cr_assert_eq(prm_model_incoming(m, ix, in, 4), 1);
	cr_assert_str_eq(m->processes[in[0].from].id, "1");
	cr_assert_str_eq(in[0].inverse, "receives input from");
	cr_assert_str_eq(in[0].relation->note, "hand-off");
	ix = prm_model_index(m, "1");
	cr_assert_eq(prm_model_incoming(m, ix, in, 4), 1);
	cr_assert_str_eq(in[0].inverse, "is triggered by");
	cr_assert_eq(prm_model_incoming(m, prm_model_index(m, "3"), in, 4), 0);
	prm_model_free(m);
}

Test(v2, undeclared_relation_type_is_an_error)
{
	refused_mem(HEAD2("u")
	            "<relation-types><relation-type id=\"triggers\" label=\"triggers\" "
	            "inverse=\"is triggered by\"/></relation-types>\n"
	            "<category id=\"c\" name=\"C\">\n"
	            PROC("1", "A", OK_INNER) PROC("2", "B", OK_INNER
	            "\n<relations><relation type=\"supports\" target=\"1\"/></relations>")
	            "</category></prm>",
	            "t.xml:8: process 2: relation type 'supports' is not declared "
	            "(declared: triggers)");
	refused_mem(HEAD2("u") "<category id=\"c\" name=\"C\">\n"
	            PROC("1", "A", OK_INNER) PROC("2", "B", OK_INNER
	            "<relations><relation type=\"triggers\" target=\"1\"/></relations>")
	            "</category></prm>",
	            "t.xml:6: process 2: relation type 'triggers' is not declared (the "
	            "model declares none: add them to <relation-types>)");
}

Test(v2, version_1_keeps_free_relation_types)
{
	struct diag d = DIAG_INIT;
	struct prm_model *m = prm_model_load_file(TEST_DATA "/good.xml", &d);
	struct prm_incoming in[2];

	cr_assert_not_null(m);
	cr_assert_eq(m->format, 1);
	cr_assert_eq(m->n_relation_types, 0);
	cr_assert_eq(prm_model_incoming(m, prm_model_index(m, "2.1"), in, 2), 2);
	cr_assert_null(in[0].inverse, "an undeclared type has no inverse wording");
	cr_assert_str_eq(prm_relation_label(m, in[0].relation), "triggers");
	cr_assert_str_eq(m->processes[in[1].from].id, "2.2");
	cr_assert_eq(m->max_depth, 0);
	cr_assert_eq(m->n_lineage, 1);
	cr_assert_str_eq(m->lineage[0], "fixture");
	prm_model_free(m);
}

Test(v2, relation_type_checks)
{
	refused_mem(HEAD2("r") "<relation-types>\n"
	            "<relation-type id=\"x\" label=\"x\" inverse=\"y\"/>\n"
	            "<relation-type id=\"x\" label=\"x2\" inverse=\"y2\"/>\n"
	            "</relation-types><category id=\"c\" name=\"C\">"
	            PROC("1", "A", OK_INNER) "</category></prm>",
	            "t.xml:6: relation type x: declared twice (first at t.xml:5)");
	refused_mem(HEAD2("r") "<relation-types>\n"
	            "<relation-type id=\"x\" label=\" \" inverse=\"y\"/>\n"
	            "</relation-types><category id=\"c\" name=\"C\">"
	            PROC("1", "A", OK_INNER) "</category></prm>",
	            "t.xml:5: relation type x: empty label");
}

Test(v2, blank_short_name)
{
	refused_mem(HEAD2("s") "<category id=\"c\" name=\"C\">\n"
	            "<process id=\"1\" name=\"A\" short=\"  \">" OK_INNER "</process>"
	            "</category></prm>",
	            "t.xml:5: process 1: empty short name");
}

Test(v2, outcome_numbers_gaps_but_never_twice)
{
	struct diag d = DIAG_INIT;
	struct prm_model *m = mem(HEAD2("g") "<category id=\"c\" name=\"C\">"
	        PROC("1", "A", "<purpose>P.</purpose><outcomes><outcome n=\"2\">O2.</outcome>"
	        "<outcome n=\"10\">O10.</outcome><outcome n=\"5\">O5.</outcome></outcomes>")
	        "</category></prm>", &d);

	cr_assert_not_null(m);
	cr_assert_eq(m->processes[0].outcomes[2].number, 5);
	prm_model_free(m);
	refused_mem(HEAD2("g") "<category id=\"c\" name=\"C\">\n"
	            PROC("1", "A", "<purpose>P.</purpose><outcomes>\n<outcome n=\"2\">O.</outcome>\n"
	            "<outcome n=\"2\">O.<reference standard=\"S\" clause=\"1\"/></outcome>"
	            "</outcomes>") "</category></prm>",
	            "t.xml:7: process 1: outcome number 2 used twice (first at line 6): "
	            "outcome numbers are never reused");
}

Test(v2, outcome_numbers_a_record_can_rate)
{
	struct diag d = DIAG_INIT;
	struct prm_model *m = mem(HEAD2("g") "<category id=\"c\" name=\"C\">"
	        PROC("1", "A", "<purpose>P.</purpose><outcomes><outcome n=\"9999\">O.</outcome>"
	        "</outcomes>") "</category></prm>", &d);

	cr_assert_not_null(m);
	cr_assert_eq(prm_process_outcome_max(&m->processes[0]), 9999);
	prm_model_free(m);
	refused_mem(HEAD2("g") "<category id=\"c\" name=\"C\">\n"
	            PROC("1", "A", "<purpose>P.</purpose><outcomes><outcome n=\"10000\">O."
	            "</outcome></outcomes>") "</category></prm>",
	            "t.xml:5: process 1: an outcome number is larger than 9999, the largest "
	            "a record can rate");
	refused_mem(HEAD2("g") "<category id=\"c\" name=\"C\">\n"
	            PROC("1", "A", "<purpose>P.</purpose><outcomes><outcome "
	            "n=\"99999999999999999999\">O.</outcome></outcomes>") "</category></prm>",
	            "t.xml:5: process 1: an outcome number is larger than 9999, the largest "
	            "a record can rate");
}

Test(v2, sub_process_ids_are_model_wide)
{
	refused_mem(HEAD2("d") "<category id=\"c\" name=\"C\">\n"
	            "<process id=\"1\" name=\"A\">" OK_INNER "\n"
	            PROC("1", "Again", OK_INNER) "</process></category></prm>",
	            "t.xml:6: process 1: duplicate id (first at line 5)");
}

Test(v2, depth_limit_holds_for_sub_processes)
{
	char s[8192];
	size_t n = (size_t)snprintf(s, sizeof s, HEAD2("deep") "<category id=\"c\" name=\"C\">");
	struct diag d = DIAG_INIT;

	/* prm, category, then 31 processes: the 33rd level */
	for (int i = 0; i < 31; i++)
		n += (size_t)snprintf(s + n, sizeof s - n, "<process id=\"p%d\" name=\"N\">"
		                      OK_INNER, i);
	for (int i = 0; i < 31; i++)
		n += (size_t)snprintf(s + n, sizeof s - n, "</process>");
	snprintf(s + n, sizeof s - n, "</category></prm>");
	cr_assert_null(mem(s, &d));
	cr_assert_eq(d.n, 1);
	cr_assert_not_null(strstr(d.lines[0], "elements nested deeper than 32 levels"));
	diag_free(&d);
}

/* ---- tailoring: files in a temporary directory ---- */

static char dir[64];

static void make_dir(void)
{
	snprintf(dir, sizeof dir, "/tmp/prmwb-tailor.XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
}

static void remove_dir(void)
{
	char cmd[128];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	cr_expect_eq(system(cmd), 0);
}

TestSuite(tailor, .init = make_dir, .fini = remove_dir);

/* Write name in the test directory; returns its path (static buffer). */
static const char *put(const char *name, const char *text)
{
	static char path[4][256];
	static int k;
	FILE *f;

	k = (k + 1) % 4;
	snprintf(path[k], sizeof path[k], "%s/%s", dir, name);
	f = fopen(path[k], "w");
	cr_assert_not_null(f);
	cr_assert_eq(fputs(text, f) >= 0, true);
	cr_assert_eq(fclose(f), 0);
	return path[k];
}

static struct prm_model *load_ok(const char *path)
{
	struct diag d = DIAG_INIT;
	struct prm_model *m = prm_model_load_file(path, &d);

	if (!m)
		dump_diag(&d);
	cr_assert_not_null(m, "%s did not load", path);
	cr_assert_eq(d.n, 0);
	return m;
}

/* Loading path must fail with a line "PATH:LINE: want" (LINE 0: none). */
static void refused_file(const char *path, long line, const char *want)
{
	struct diag d = DIAG_INIT;
	struct prm_model *m = prm_model_load_file(path, &d);
	char full[1024];
	bool found = false;

	if (line > 0)
		snprintf(full, sizeof full, "%s:%ld: %s", path, line, want);
	else
		snprintf(full, sizeof full, "%s: %s", path, want);
	cr_assert_null(m, "%s loaded, expected '%s'", path, want);
	for (size_t i = 0; i < d.n; i++)
		found |= strcmp(d.lines[i], full) == 0;
	if (!found)
		dump_diag(&d);
	cr_assert(found, "no diagnostic '%s'", full);
	diag_free(&d);
}

/* A small base model (version 1, free relation types). */
static const char base1[] =
	"<prm xmlns=\"urn:prmwb:prm:1\" id=\"base\" version=\"1\">\n"
	"<title>Base</title>\n"
	"<category id=\"core\" name=\"Core\">\n"
	"<process id=\"1\" name=\"One\">\n"                     /* 4 */
	"  <summary>S1.</summary>\n"
	"  <purpose>P1.</purpose>\n"
	"  <outcomes><outcome n=\"1\">O1.</outcome><outcome n=\"2\">O2.</outcome></outcomes>\n"
	"  <activities><activity>A1.</activity></activities>\n"
	"  <relations><relation type=\"triggers\" target=\"2\"/></relations>\n"
	"</process>\n"
	"<process id=\"2\" name=\"Two\">" OK_INNER "</process>\n"   /* 11 */
	"</category>\n"
	"<category id=\"support\" name=\"Support\">\n"          /* 13 */
	PROC("3", "Three", OK_INNER)
	"</category>\n"
	"</prm>\n";

#define EXT(extends) "<prm xmlns=\"" NS2 "\" id=\"ext\" version=\"e1\" " extends ">\n" \
	"<title>Extended</title>\n"

Test(tailor, adds_to_a_process)
{
	struct prm_model *m;
	const struct prm_process *p;

	put("base.xml", base1);
	m = load_ok(put("ext.xml", EXT("extends=\"base\"")
	    "<relation-types><relation-type id=\"feeds\" label=\"feeds\" "
	    "inverse=\"is fed by\"/></relation-types>\n"              /* 3 */
	    "<tailor process=\"1\">\n"                                  /* 4 */
	    "<add>\n"
	    "  <short>First</short>\n"                                  /* 6 */
	    "  <outcome n=\"7\">O7.<reference standard=\"S\" clause=\"9\"/></outcome>\n"
	    "  <activity>A2.</activity>\n"                              /* 8 */
	    "  <input>I1.</input>\n"
	    "  <output>Out1.</output>\n"
	    "  <reference standard=\"ISO/IEC 27001:2022\" clause=\"5.1\"/>\n"
	    "  <relation type=\"feeds\" target=\"3\">data</relation>\n" /* 12 */
	    "  <process id=\"1.9\" name=\"Sub\">" OK_INNER "</process>\n"
	    "</add>\n"
	    "</tailor>\n"
	    "</prm>\n"));
	cr_assert_str_eq(m->id, "ext");
	cr_assert_str_eq(m->title, "Extended");
	cr_assert_eq(m->n_lineage, 2);
	cr_assert_str_eq(m->lineage[0], "ext");
	cr_assert_str_eq(m->lineage[1], "base");
	cr_assert_eq(m->n_files, 2);
	cr_assert_not_null(strstr(m->files[0], "/base.xml"));
	cr_assert_str_eq(m->files[1], m->file);
	p = prm_model_find(m, "1");
	cr_assert(p->tailored);
	cr_assert_eq(p->src.how, PRM_BASE);
	cr_assert_str_eq(p->short_name, "First");
	cr_assert_eq(p->short_src.how, PRM_ADDED);
	cr_assert_eq(p->short_src.line, 6);
	cr_assert_eq(p->short_src.file, 1);
	cr_assert_eq(p->n_outcomes, 3);
	cr_assert_eq(p->outcomes[2].number, 7);
	cr_assert_eq(p->outcomes[2].src.how, PRM_ADDED);
	cr_assert_eq(p->outcomes[2].n_references, 1);
	cr_assert_eq(p->outcomes[0].src.how, PRM_BASE);
	cr_assert_eq(p->outcomes[0].src.file, 0);
	cr_assert_eq(p->activities.n, 2);
	cr_assert_str_eq(p->activities.items[1], "A2.");
	cr_assert_eq(p->activities.srcs[1].how, PRM_ADDED);
	cr_assert_eq(p->activities.srcs[1].line, 8);
	cr_assert_eq(p->activities.srcs[0].how, PRM_BASE);
	cr_assert_str_eq(p->inputs.items[0], "I1.");
	cr_assert_str_eq(p->outputs.items[0], "Out1.");
	cr_assert_eq(p->n_references, 1);
	cr_assert_eq(p->references[0].src.how, PRM_ADDED);
	cr_assert_eq(p->n_relations, 2);
	cr_assert_str_eq(p->relations[1].type, "feeds");
	cr_assert_eq(p->relations[1].src.line, 12);
	/* a version 1 base keeps its free types next to the declared ones */
	cr_assert_str_eq(p->relations[0].type, "triggers");
	cr_assert_eq(p->n_children, 1);
	cr_assert_str_eq(m->processes[p->children[0]].id, "1.9");
	p = prm_model_find(m, "1.9");
	cr_assert_eq(p->src.how, PRM_ADDED);
	cr_assert_eq(p->src.file, 1);
	cr_assert_eq(p->src.line, 13);
	cr_assert_eq(p->depth, 1);
	cr_assert(p->tailored);
	/* model order: the sub-process right after its parent */
	cr_assert_str_eq(m->processes[1].id, "1.9");
	cr_assert(!prm_model_find(m, "2")->tailored);
	cr_assert_str_eq(prm_model_src_file(m, p->src), m->file);
	prm_model_free(m);
}

Test(tailor, replaces_texts)
{
	struct prm_model *m;
	const struct prm_process *p;

	put("base.xml", base1);
	m = load_ok(put("ext.xml", EXT("extends=\"base\"")
	    "<tailor process=\"1\">\n"
	    "<replace>\n"
	    "  <name>Uno</name>\n"                                    /* 5 */
	    "  <summary>S1 new.</summary>\n"
	    "  <purpose>P1 new.</purpose>\n"                          /* 7 */
	    "  <outcome n=\"2\">O2 new.</outcome>\n"
	    "</replace>\n"
	    "</tailor>\n"
	    "<tailor process=\"2\"><add><short>Zwei</short></add></tailor>\n"
	    "<tailor process=\"2\"><replace><short>Deux</short></replace></tailor>\n"
	    "</prm>\n"));
	p = prm_model_find(m, "1");
	cr_assert_str_eq(p->name, "Uno");
	cr_assert_eq(p->name_src.how, PRM_REPLACED);
	cr_assert_eq(p->name_src.line, 5);
	cr_assert_str_eq(p->summary, "S1 new.");
	cr_assert_str_eq(p->purpose, "P1 new.");
	cr_assert_eq(p->purpose_src.line, 7);
	cr_assert_str_eq(p->outcomes[1].text, "O2 new.");
	cr_assert_eq(p->outcomes[1].src.how, PRM_REPLACED);
	cr_assert_eq(p->outcomes[0].src.how, PRM_BASE);
	p = prm_model_find(m, "2");
	cr_assert_str_eq(p->short_name, "Deux");
	cr_assert_eq(p->short_src.how, PRM_REPLACED);
	prm_model_free(m);
}

Test(tailor, replacing_a_summary_with_nothing_removes_it)
{
	struct prm_model *m;

	put("base.xml", base1);
	m = load_ok(put("ext.xml", EXT("extends=\"base\"")
	    "<tailor process=\"1\"><replace><summary/></replace></tailor></prm>\n"));
	cr_assert_null(prm_model_find(m, "1")->summary);
	prm_model_free(m);
}

Test(tailor, categories)
{
	struct prm_model *m;
	const struct prm_category *c;
	const struct prm_process *p;

	put("base.xml", base1);
	m = load_ok(put("ext.xml", EXT("extends=\"base\"")
	    "<category id=\"legal\" name=\"Legal\">\n"                   /* 3 */
	    "<process id=\"L1\" name=\"Contracts\">" OK_INNER
	    "<process id=\"L1.1\" name=\"Clauses\">" OK_INNER "</process></process>\n"
	    "</category>\n"
	    "<tailor category=\"core\">\n"
	    "<add><summary>Core summary.</summary>\n"
	    "<process id=\"9\" name=\"Nine\">" OK_INNER "</process></add>\n"   /* 9 */
	    "</tailor>\n"
	    "<tailor category=\"support\"><replace><name>Help</name></replace></tailor>\n"
	    "</prm>\n"));
	cr_assert_eq(m->n_categories, 3);
	c = &m->categories[2];
	cr_assert_str_eq(c->id, "legal");
	cr_assert_eq(c->src.how, PRM_ADDED);
	cr_assert(c->tailored);
	cr_assert_eq(c->n_processes, 2);
	c = &m->categories[0];
	cr_assert_str_eq(c->summary, "Core summary.");
	cr_assert_eq(c->summary_src.how, PRM_ADDED);
	cr_assert_eq(c->n_processes, 3);
	cr_assert(c->tailored);
	p = &m->processes[c->processes[2]];
	cr_assert_str_eq(p->id, "9");
	cr_assert_eq(p->category, 0);
	cr_assert_eq(p->src.line, 8);
	cr_assert_str_eq(m->categories[1].name, "Help");
	cr_assert_eq(m->categories[1].name_src.how, PRM_REPLACED);
	/* model order: categories' order, the new category last */
	cr_assert_str_eq(m->processes[3].id, "3");
	cr_assert_str_eq(m->processes[4].id, "L1");
	cr_assert_str_eq(m->processes[5].id, "L1.1");
	cr_assert_str_eq(m->processes[5].parent->id, "L1");
	prm_model_free(m);
}

Test(tailor, conflicts_with_file_and_line)
{
	char base[256], want[512];
	const char *p;

	snprintf(base, sizeof base, "%s", put("base.xml", base1));
	p = put("c1.xml", EXT("extends=\"base\"")
	        "<category id=\"x\" name=\"X\">\n" PROC("2", "Again", OK_INNER) "</category></prm>");
	snprintf(want, sizeof want, "process 2 already exists (%s:11): to change it use "
	         "<tailor process=\"2\">", base);
	refused_file(p, 4, want);

	p = put("c2.xml", EXT("extends=\"base\"")
	        "<category id=\"core\" name=\"Again\">" PROC("8", "E", OK_INNER) "</category></prm>");
	snprintf(want, sizeof want, "category core already exists (%s:3): to add processes "
	         "to it use <tailor category=\"core\"><add>", base);
	refused_file(p, 3, want);

	p = put("c3.xml", EXT("extends=\"base\"")
	        "<tailor process=\"1\"><add>\n<outcome n=\"2\">Again.</outcome></add></tailor></prm>");
	snprintf(want, sizeof want, "process 1 already has outcome 2 (%s:7): outcome numbers "
	         "are never reused; give the new outcome a number of its own", base);
	refused_file(p, 4, want);

	p = put("c4.xml", EXT("extends=\"base\"")
	        "<tailor process=\"2\"><replace>\n<summary>S.</summary></replace></tailor></prm>");
	refused_file(p, 4, "process 2 has no summary to replace: use <add><summary>");

	p = put("c5.xml", EXT("extends=\"base\"")
	        "<tailor process=\"1\"><add>\n<summary>S.</summary></add></tailor></prm>");
	snprintf(want, sizeof want, "process 1 already has a summary (%s:5): use "
	         "<replace><summary>", base);
	refused_file(p, 4, want);

	p = put("c6.xml", EXT("extends=\"base\"")
	        "<tailor process=\"1\"><replace>\n<outcome n=\"5\">X.</outcome></replace></tailor></prm>");
	refused_file(p, 4, "process 1 has no outcome 5 to replace: use <add><outcome n=\"5\"> "
	             "to add one");

	p = put("c7.xml", EXT("extends=\"base\"")
	        "<tailor process=\"9\">\n<add><activity>A.</activity></add></tailor></prm>");
	refused_file(p, 3, "tailor of process 9: model base has no process 9");

	p = put("c8.xml", EXT("extends=\"base\"")
	        "<tailor category=\"nope\"><replace><name>N</name></replace></tailor></prm>");
	refused_file(p, 3, "tailor of category nope: model base has no category nope");

	p = put("c9.xml", EXT("extends=\"base\"")
	        "<tailor process=\"1\"><replace><purpose>A.</purpose></replace></tailor>\n"
	        "<tailor process=\"1\"><replace><purpose>B.</purpose></replace></tailor></prm>");
	refused_file(p, 4, "process 1: the purpose is replaced twice (first at line 3)");

	p = put("c10.xml", EXT("extends=\"base\"")
	        "<tailor process=\"2\"><replace><short>S</short></replace></tailor></prm>");
	refused_file(p, 3, "process 2 has no short name to replace: use <add><short>");

	p = put("c11.xml", EXT("extends=\"base\"") "<tailor process=\"1\"><add/></tailor></prm>");
	refused_file(p, 3, "tailor of process 1 changes nothing (it needs <add> or <replace> "
	             "with something in it)");
}

Test(tailor, relation_types_and_the_merged_model_are_checked)
{
	const char *p;

	put("base2.xml", "<prm xmlns=\"" NS2 "\" id=\"base2\" version=\"1\"><title>B</title>\n"
	    "<relation-types><relation-type id=\"feeds\" label=\"feeds\" inverse=\"is fed by\"/>"
	    "</relation-types>\n<category id=\"c\" name=\"C\">" PROC("1", "One", OK_INNER)
	    PROC("2", "Two", OK_INNER) "</category></prm>");
	/* a type the base declares needs no declaration again... */
	p = put("r1.xml", EXT("extends=\"base2\"")
	        "<tailor process=\"1\"><add><relation type=\"feeds\" target=\"2\"/></add>"
	        "</tailor></prm>");
	prm_model_free(load_ok(p));
	/* ...declaring it again is a conflict */
	p = put("r2.xml", EXT("extends=\"base2\"")
	        "<relation-types><relation-type id=\"feeds\" label=\"f\" inverse=\"g\"/>"
	        "</relation-types></prm>");
	{
		char want[512];

		snprintf(want, sizeof want, "relation type feeds is already declared (%s/base2.xml:2)",
		         dir);
		refused_file(p, 3, want);
	}
	/* an undeclared type or unknown target in what is added */
	p = put("r3.xml", EXT("extends=\"base2\"")
	        "<tailor process=\"1\"><add>\n<relation type=\"eats\" target=\"2\"/>\n"
	        "<relation type=\"feeds\" target=\"99\"/></add></tailor></prm>");
	refused_file(p, 4, "process 1: relation type 'eats' is not declared (declared: feeds)");
	refused_file(p, 5, "process 1: relation 'feeds' to unknown process 99");
	/* a replaced text may not be blank */
	p = put("r4.xml", EXT("extends=\"base2\"")
	        "<tailor process=\"2\"><replace>\n<purpose> </purpose></replace></tailor></prm>");
	refused_file(p, 4, "process 2: empty purpose");
}

Test(tailor, tailored_model_of_a_tailored_model)
{
	struct prm_model *m;
	const struct prm_process *p;

	put("base.xml", base1);
	put("mid.xml", "<prm xmlns=\"" NS2 "\" id=\"mid\" version=\"1\" extends=\"base\">\n"
	    "<title>Mid</title>\n"
	    "<tailor process=\"1\"><add>\n<outcome n=\"3\">O3.</outcome></add></tailor>\n"
	    "</prm>\n");
	m = load_ok(put("top.xml", "<prm xmlns=\"" NS2 "\" id=\"top\" version=\"1\" "
	    "extends-file=\"mid.xml\">\n<title>Top</title>\n"
	    "<tailor process=\"1\"><add>\n<outcome n=\"4\">O4.</outcome></add>\n"
	    "<replace><outcome n=\"3\">O3 new.</outcome></replace></tailor>\n"
	    "</prm>\n"));
	cr_assert_str_eq(m->id, "top");
	cr_assert_eq(m->n_lineage, 3);
	cr_assert_str_eq(m->lineage[1], "mid");
	cr_assert_str_eq(m->lineage[2], "base");
	cr_assert_eq(m->n_files, 3);
	cr_assert_not_null(strstr(m->files[1], "mid.xml"));
	p = prm_model_find(m, "1");
	cr_assert_eq(p->n_outcomes, 4);
	cr_assert_str_eq(p->outcomes[2].text, "O3 new.");
	cr_assert_eq(p->outcomes[2].src.how, PRM_REPLACED);
	cr_assert_eq(p->outcomes[2].src.file, 2);
	cr_assert_eq(p->outcomes[3].src.how, PRM_ADDED);
	cr_assert_eq(p->outcomes[3].src.file, 2);
	cr_assert_eq(p->outcomes[3].src.line, 4);
	prm_model_free(m);
}

Test(tailor, cycles_are_refused)
{
	const char *a, *b;
	char want[1024];

	/* directly: a file that extends itself */
	a = put("self.xml", "<prm xmlns=\"" NS2 "\" id=\"self\" version=\"1\" "
	        "extends-file=\"self.xml\"><title>S</title></prm>\n");
	snprintf(want, sizeof want, "extends %s/./self.xml, which is already being loaded: a "
	         "cycle (%s/./self.xml <- %s)", dir, dir, a);
	(void)want;
	{
		struct diag d = DIAG_INIT;

		cr_assert_null(prm_model_load_file(a, &d));
		cr_assert_gt(d.n, 0);
		cr_assert_not_null(strstr(d.lines[0], "which is already being loaded: a cycle"),
		                   "%s", d.lines[0]);
		cr_assert_eq(strncmp(d.lines[0], a, strlen(a)), 0, "%s", d.lines[0]);
		diag_free(&d);
	}
	/* through another file, by id: a.xml extends "b", b.xml extends "a" */
	a = put("a.xml", "<prm xmlns=\"" NS2 "\" id=\"a\" version=\"1\" extends=\"b\">\n"
	        "<title>A</title></prm>\n");
	b = put("b.xml", "<prm xmlns=\"" NS2 "\" id=\"b\" version=\"1\" extends=\"a\">\n"
	        "<title>B</title></prm>\n");
	snprintf(want, sizeof want, "extends %s/a.xml, which is already being loaded: a cycle "
	         "(%s/a.xml <- %s <- %s)", dir, dir, b, a);
	{
		struct diag d = DIAG_INIT;
		char first[1100];

		cr_assert_null(prm_model_load_file(a, &d));
		snprintf(first, sizeof first, "%s:1: %s", b, want);
		if (d.n == 0 || strcmp(d.lines[0], first) != 0)
			dump_diag(&d);
		cr_assert_gt(d.n, 0);
		cr_assert_str_eq(d.lines[0], first);
		diag_free(&d);
	}
	/* a model may not extend one with its own id */
	put("same.xml", "<prm xmlns=\"urn:prmwb:prm:1\" id=\"same\" version=\"1\"><title>S</title>"
	    "<category id=\"c\" name=\"C\">" PROC("1", "A", OK_INNER) "</category></prm>");
	a = put("same2.xml", "<prm xmlns=\"" NS2 "\" id=\"same\" version=\"2\" "
	        "extends-file=\"same.xml\"><title>S</title></prm>\n");
	snprintf(want, sizeof want, "model same extends a model with the same id (%s/same.xml): "
	         "give the tailored model an id of its own", dir);
	refused_file(a, 1, want);
}

Test(tailor, extends_chain_limit)
{
	char name[32], text[512];
	struct diag d = DIAG_INIT;
	const char *top = NULL;

	put("m0.xml", base1);
	for (int i = 1; i <= PRM_MAX_EXTENDS; i++) {
		snprintf(name, sizeof name, "m%d.xml", i);
		snprintf(text, sizeof text, "<prm xmlns=\"" NS2 "\" id=\"m%d\" version=\"1\" "
		         "extends-file=\"m%d.xml\"><title>M</title></prm>\n", i, i - 1);
		top = put(name, text);
	}
	cr_assert_null(prm_model_load_file(top, &d));
	cr_assert_gt(d.n, 0);
	cr_assert_not_null(strstr(d.lines[0], "extends models more than 16 deep"), "%s",
	                   d.lines[0]);
	diag_free(&d);
	/* one less is fine */
	{
		char path[128];

		snprintf(path, sizeof path, "%s/m%d.xml", dir, PRM_MAX_EXTENDS - 1);
		prm_model_free(load_ok(path));
	}
}

Test(tailor, finding_the_model_extended)
{
	struct diag d = DIAG_INIT;
	struct prm_model *m;
	const char *p;
	char want[512];

	/* the embedded model, from a file with no iso27022.xml next to it (7.11
	 * is a process of it without a short name) */
	m = load_ok(put("emb.xml", EXT("extends=\"iso27022\"")
	            "<tailor process=\"7.11\"><add><short>Audit</short></add>"
	            "</tailor></prm>"));
	cr_assert_str_eq(m->lineage[1], "iso27022");
	cr_assert_str_eq(m->files[0], "<embedded>");
	cr_assert_str_eq(prm_model_find(m, "7.11")->short_name, "Audit");
	prm_model_free(m);
	/* and from memory */
	p = EXT("extends=\"iso27022\"") "<tailor process=\"7.11\"><add><short>R</short></add>"
	    "</tailor></prm>";
	m = prm_model_load_memory(p, strlen(p), "mem.xml", &d);
	cr_assert_not_null(m);
	prm_model_free(m);
	/* memory: no directory, so no extends-file and no ID.xml */
	p = EXT("extends-file=\"base.xml\"") "</prm>";
	cr_assert_null(prm_model_load_memory(p, strlen(p), "mem.xml", &d));
	cr_assert_str_eq(d.lines[0], "mem.xml:1: extends-file=\"base.xml\": a model that is "
	                 "not read from a file can only extend the embedded model "
	                 "(extends=\"ID\")");
	diag_free(&d);
	p = EXT("extends=\"nosuch\"") "</prm>";
	cr_assert_null(prm_model_load_memory(p, strlen(p), "mem.xml", &d));
	cr_assert_str_eq(d.lines[0], "mem.xml:1: extends=\"nosuch\": the embedded model is "
	                 "\"iso27022\"");
	diag_free(&d);
	/* not found next to a file */
	p = put("nf.xml", EXT("extends=\"nosuch\"") "</prm>");
	snprintf(want, sizeof want, "extends=\"nosuch\": there is no %s/nosuch.xml, and the "
	         "embedded model is \"iso27022\"", dir);
	refused_file(p, 1, want);
	/* ID.xml next to it must hold model ID */
	put("other.xml", base1);        /* id "base" */
	p = put("wrong.xml", EXT("extends=\"other\"") "</prm>");
	snprintf(want, sizeof want, "extends=\"other\", but %s/other.xml holds model \"base\"",
	         dir);
	refused_file(p, 1, want);
	/* extends-file is relative to the file extending */
	cr_assert_eq(mkdir(strcat(strcpy((char[256]){ 0 }, dir), "/sub"), 0700), 0);
	put("sub/base.xml", base1);
	m = load_ok(put("sub/ext.xml", EXT("extends-file=\"base.xml\"") "</prm>"));
	cr_assert_str_eq(m->lineage[1], "base");
	prm_model_free(m);
	m = load_ok(put("up.xml", EXT("extends-file=\"sub/base.xml\"") "</prm>"));
	prm_model_free(m);
	/* errors in the model extended are reported, then where it is extended */
	put("broken.xml", "<prm xmlns=\"urn:prmwb:prm:1\" id=\"broken\" version=\"1\">"
	    "<title>B</title></prm>");
	p = put("onbroken.xml", EXT("extends-file=\"broken.xml\"") "</prm>");
	refused_file(p, 1, "model ext: the model it extends has errors (above)");
}

Test(tailor, check_validates_every_file_with_its_schema)
{
	struct diag d = DIAG_INIT;
	struct prm_model *m;
	const char *p;

	put("base.xml", base1);
	p = put("ext.xml", EXT("extends=\"base\"")
	        "<tailor process=\"1\"><add><activity>A.</activity></add></tailor></prm>");
	m = prm_model_check_file(p, &d);
	if (!m)
		dump_diag(&d);
	cr_assert_not_null(m);
	prm_model_free(m);
	/* the checker and the schema agree on a broken tailoring file */
	p = put("bad.xml", EXT("extends=\"base\"")
	        "<tailor process=\"1\" category=\"core\"/></prm>");
	cr_assert_null(prm_model_check_file(p, &d));
	cr_assert_gt(d.n, 0);
	cr_assert_not_null(strstr(d.lines[0], "tailor of category core: <tailor> has both "
	                          "process and category: use one"), "%s", d.lines[0]);
	diag_free(&d);
}

/* ---- the checker and prm-2.rng agree ---- */

#define CAT2(procs) "<category id=\"c\" name=\"C\">" procs "</category>"
#define EXT2 "<prm xmlns=\"" NS2 "\" id=\"e\" version=\"1\" extends=\"b\"><title>T</title>"
#define FULL2 "<prm xmlns=\"" NS2 "\" id=\"f\" version=\"1\"><title>T</title>"

static const char *const edge2[] = {
	FULL2 CAT2(PROC("1", "N", OK_INNER)) "</prm>",
	FULL2 "</prm>",                                            /* no category */
	FULL2 "<relation-types/>" CAT2(PROC("1", "N", OK_INNER)) "</prm>",
	FULL2 "<relation-types><relation-type id=\"a\" label=\"b\" inverse=\"c\"/>"
	"</relation-types>" CAT2(PROC("1", "N", OK_INNER)) "</prm>",
	FULL2 "<relation-types><relation-type id=\"a\" label=\"b\" inverse=\"c\"> "
	"</relation-type></relation-types>" CAT2(PROC("1", "N", OK_INNER)) "</prm>",
	FULL2 "<relation-types><relation-type id=\"a\" label=\"b\" inverse=\"c\">x"
	"</relation-type></relation-types>" CAT2(PROC("1", "N", OK_INNER)) "</prm>",
	FULL2 "<relation-types><relation-type id=\"a\" label=\"b\"/>"
	"</relation-types>" CAT2(PROC("1", "N", OK_INNER)) "</prm>",
	FULL2 "<relation-types><relation-type id=\"A\" label=\"b\" inverse=\"c\"/>"
	"</relation-types>" CAT2(PROC("1", "N", OK_INNER)) "</prm>",
	FULL2 CAT2(PROC("1", "N", OK_INNER)) "<relation-types/></prm>",
	FULL2 CAT2("<process id=\"1\" name=\"N\" short=\"S\">" OK_INNER "</process>") "</prm>",
	FULL2 CAT2("<process id=\"1\" name=\"N\" short=\"\">" OK_INNER "</process>") "</prm>",
	FULL2 CAT2("<process id=\"1\" name=\"N\" shortname=\"S\">" OK_INNER "</process>") "</prm>",
	FULL2 CAT2(PROC("1", "N", OK_INNER PROC("2", "M", OK_INNER) PROC("3", "M", OK_INNER)))
	"</prm>",
	FULL2 CAT2(PROC("1", "N", PROC("2", "M", OK_INNER) OK_INNER)) "</prm>",
	FULL2 CAT2(PROC("1", "N", OK_INNER "<relations><relation type=\"t\" target=\"2\"/>"
	"</relations>" PROC("2", "M", OK_INNER))) "</prm>",
	FULL2 CAT2(PROC("1", "N", OK_INNER PROC("2", "M", OK_INNER)
	"<relations><relation type=\"t\" target=\"2\"/></relations>")) "</prm>",
	FULL2 CAT2(PROC("1", "N", "<purpose/><outcomes><outcome n=\"1\">a<reference "
	"standard=\"s\" clause=\"c\"/>b<reference standard=\"s\" clause=\"d\">n</reference>"
	"</outcome></outcomes>")) "</prm>",
	FULL2 CAT2(PROC("1", "N", "<purpose/><outcomes><outcome n=\"1\"><reference "
	"standard=\"s\"/></outcome></outcomes>")) "</prm>",
	FULL2 CAT2(PROC("1", "N", "<purpose/><outcomes><outcome n=\"1\">a<b/></outcome>"
	"</outcomes>")) "</prm>",
	FULL2 CAT2(PROC("1", "N", "<purpose/><outcomes><outcome n=\"1\"><reference "
	"standard=\"s\" clause=\"c\"><x/></reference></outcome></outcomes>")) "</prm>",
	FULL2 CAT2(PROC("1", "N", "<purpose/><outcomes><outcome n=\"1\"/></outcomes>"
	"<process id=\"2\" name=\"M\"/>")) "</prm>",
	/* extensions */
	EXT2 "</prm>",
	EXT2 CAT2(PROC("1", "N", OK_INNER)) "</prm>",
	EXT2 "<category id=\"c\" name=\"C\"/></prm>",
	EXT2 "<tailor process=\"1\"/></prm>",
	EXT2 "<tailor category=\"1\"/></prm>",
	EXT2 "<tailor/></prm>",
	EXT2 "<tailor process=\"1\" category=\"c\"/></prm>",
	EXT2 "<tailor process=\"1 2\"/></prm>",
	EXT2 "<tailor process=\"1\"><replace/><add/></tailor></prm>",
	EXT2 "<tailor process=\"1\"><add/><replace/></tailor></prm>",
	EXT2 "<tailor process=\"1\"><add><short>S</short><summary/><outcome n=\"3\">x"
	"<reference standard=\"s\" clause=\"c\"/></outcome><activity/><input/><output/>"
	"<reference standard=\"s\" clause=\"c\"/><relation type=\"t\" target=\"2\"/>"
	PROC("9", "N", OK_INNER) "</add></tailor></prm>",
	EXT2 "<tailor process=\"1\"><add><activity/><short>S</short></add></tailor></prm>",
	EXT2 "<tailor process=\"1\"><add><short/></add></tailor></prm>",
	EXT2 "<tailor process=\"1\"><add><name>N</name></add></tailor></prm>",
	EXT2 "<tailor process=\"1\"><add><outcome n=\"3\">x</outcome><outcome n=\"4\">y"
	"</outcome><activity>a</activity><activity>b</activity></add></tailor></prm>",
	EXT2 "<tailor process=\"1\"><replace><name>N</name><short>S</short><summary/>"
	"<purpose>P</purpose><outcome n=\"1\">t</outcome><outcome n=\"2\">u</outcome>"
	"</replace></tailor></prm>",
	EXT2 "<tailor process=\"1\"><replace><outcome n=\"1\">t<reference standard=\"s\" "
	"clause=\"c\"/></outcome></replace></tailor></prm>",
	EXT2 "<tailor process=\"1\"><replace><purpose/><name>N</name></replace></tailor></prm>",
	EXT2 "<tailor process=\"1\"><replace><activity>a</activity></replace></tailor></prm>",
	EXT2 "<tailor category=\"c\"><add><summary>s</summary>" PROC("9", "N", OK_INNER)
	PROC("10", "N", OK_INNER) "</add><replace><name>N</name><summary/></replace>"
	"</tailor></prm>",
	EXT2 "<tailor category=\"c\"><add><outcome n=\"1\">x</outcome></add></tailor></prm>",
	EXT2 "<tailor category=\"c\"><replace><purpose>p</purpose></replace></tailor></prm>",
	EXT2 "<tailor process=\"1\"/>" CAT2(PROC("1", "N", OK_INNER)) "</prm>",
	"<prm xmlns=\"" NS2 "\" id=\"e\" version=\"1\" extends=\"b\" extends-file=\"f\">"
	"<title>T</title></prm>",
	"<prm xmlns=\"" NS2 "\" id=\"e\" version=\"1\" extends-file=\"\"><title>T</title></prm>",
	"<prm xmlns=\"" NS2 "\" id=\"e\" version=\"1\" extends-file=\"../a b/c.xml\">"
	"<title>T</title></prm>",
	"<prm xmlns=\"" NS2 "\" id=\"e\" version=\"1\" extends=\"Bad\"><title>T</title></prm>",
	"<prm xmlns=\"" NS2 "\" id=\"e\" version=\"1\" extends=\"b\"><title>T</title>"
	"<relation-types><relation-type id=\"a\" label=\"b\" inverse=\"c\"/></relation-types>"
	"<tailor process=\"1\"><add><relation type=\"a\" target=\"1\"/></add></tailor></prm>",
	"<prm xmlns=\"" NS2 "\" id=\"e\" version=\"1\" extends=\"b\"><title>T</title>"
	"<tailor process=\"1\"/><relation-types/></prm>",
	/* a version 1 element in a version 2 file, and the other way round */
	FULL2 CAT2("<process xmlns=\"urn:prmwb:prm:1\" id=\"1\" name=\"N\">" OK_INNER
	"</process>") "</prm>",
	"<prm xmlns=\"urn:prmwb:prm:1\" id=\"v\" version=\"1\"><title>T</title>"
	CAT2("<process id=\"1\" name=\"N\" short=\"S\">" OK_INNER "</process>") "</prm>",
	"<prm xmlns=\"urn:prmwb:prm:1\" id=\"v\" version=\"1\" extends=\"b\"><title>T</title>"
	"</prm>",
	"<prm xmlns=\"urn:prmwb:prm:1\" id=\"v\" version=\"1\"><title>T</title>"
	CAT2(PROC("1", "N", OK_INNER PROC("2", "M", OK_INNER))) "</prm>",
};

Test(agree2, edge_documents)
{
	size_t valid = 0;

	for (size_t i = 0; i < sizeof edge2 / sizeof edge2[0]; i++) {
		struct diag schema = DIAG_INIT, checker = DIAG_INIT;
		bool schema_ok = false;
		int rc = model_xml_verdicts(edge2[i], strlen(edge2[i]), "t.xml", &schema_ok,
		                            &schema, &checker);

		cr_assert_eq(rc, 0, "edge2[%zu]: not parsed: %s", i,
		             schema.n ? schema.lines[0] : "?");
		if (schema_ok != (checker.n == 0)) {
			for (size_t k = 0; k < schema.n; k++)
				cr_log_error("schema: %s", schema.lines[k]);
			for (size_t k = 0; k < checker.n; k++)
				cr_log_error("checker: %s", checker.lines[k]);
		}
		cr_expect_eq(schema_ok, checker.n == 0, "edge2[%zu]: the schema says %s, the "
		             "checker found %zu problems", i, schema_ok ? "valid" : "invalid",
		             checker.n);
		valid += schema_ok;
		diag_free(&schema);
		diag_free(&checker);
	}
	cr_expect_gt(valid, 10, "the edge set has valid documents too");
}

/* The checker's messages for tailoring structure. */
Test(agree2, precise_messages)
{
	struct diag d = DIAG_INIT;
	const char *s = EXT2 "\n<tailor/>\n<tailor process=\"1\"><add><name>N</name></add>"
	                "</tailor>\n</prm>";

	cr_assert_null(mem(s, &d));
	cr_assert_eq(d.n, 2);
	cr_assert_str_eq(d.lines[0], "t.xml:2: tailor of process (no id): <tailor> has neither "
	                 "process nor category (one is required: an id matching "
	                 "[A-Za-z0-9][A-Za-z0-9._-]{0,31})");
	cr_assert_str_eq(d.lines[1], "t.xml:3: tailor of process 1: unknown element <name> "
	                 "inside <add>, expected one of <short>, <summary>, <outcome>, "
	                 "<activity>, <input>, <output>, <reference>, <relation>, <process> "
	                 "or </add>");
	diag_free(&d);
}
