/* Unit tests: the content of the shipped model (models/iso27022.xml, as
 * embedded in the binary), as far as a program can check it. Whether the
 * text is in our own words, whether a purpose names one goal and whether an
 * outcome is one check stay a human reading; these tests keep what can be
 * checked from drifting: each hand-off declared once with a declared type,
 * every input that names another process's work backed by a relation from
 * it, texts present and of a readable length, purposes one sentence in one
 * style, short names where names are long, references as in the mapping
 * table of /work/shared/reference/iso27022-facts.md (ISO/IEC 27001:2022,
 * revised 2026-11-29), and retired outcome numbers never reused.
 *
 * Each check reports every offender (cr_expect), not just the first. */
#include "config.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "model.h"

static struct prm_model *m;

static void setup(void)
{
	struct diag d = DIAG_INIT;

	m = prm_model_load_default(&d);
	cr_assert_not_null(m, "the shipped model loads: %s", d.n ? d.lines[0] : "?");
	diag_free(&d);
}

static void teardown(void)
{
	prm_model_free(m);
}

TestSuite(shipped, .init = setup, .fini = teardown);

static const struct prm_process *proc(const char *id)
{
	const struct prm_process *p = prm_model_find(m, id);

	cr_assert_not_null(p, "the shipped model has process %s", id);
	return p;
}

/* The relation from process index 'from' to process id 'to', or NULL. */
static const struct prm_relation *relation(size_t from, const char *to)
{
	const struct prm_process *p = &m->processes[from];

	for (size_t i = 0; i < p->n_relations; i++)
		if (strcmp(p->relations[i].target, to) == 0)
			return &p->relations[i];
	return NULL;
}

/* ---- identity: what stores are bound to ---------------------------------- */

Test(shipped, ids_and_categories_stay)
{
	static const char *const ids[] = {
		"6.2", "7.2", "7.3", "7.4", "7.5", "7.6", "7.7", "7.8", "7.9", "7.10",
		"7.11", "7.12", "7.13", "8.2", "8.3", "8.4", "8.5",
	};
	static const char *const cats[] = { "management", "core", "support" };
	size_t n = sizeof ids / sizeof ids[0];

	cr_assert_str_eq(m->id, "iso27022");
	cr_assert_eq(m->format, 2, "the shipped model is in format version 2");
	cr_assert_eq(m->n_processes, n);
	for (size_t i = 0; i < n; i++)
		cr_expect_str_eq(m->processes[i].id, ids[i]);
	cr_assert_eq(m->n_categories, 3);
	for (size_t i = 0; i < 3; i++)
		cr_expect_str_eq(m->categories[i].id, cats[i]);
	cr_expect_eq(m->max_depth, 0, "no sub-processes in ISO/IEC TS 27022");
}

/* ---- relations ------------------------------------------------------------ */

Test(shipped, relation_types_declared_and_used)
{
	cr_assert_gt(m->n_relation_types, 0);
	for (size_t i = 0; i < m->n_processes; i++) {
		const struct prm_process *p = &m->processes[i];

		for (size_t j = 0; j < p->n_relations; j++) {
			const struct prm_relation *r = &p->relations[j];

			cr_expect_not_null(prm_model_relation_type(m, r->type),
			                   "%s -> %s: type %s is not declared", p->id, r->target,
			                   r->type);
			cr_expect_not_null(prm_model_find(m, r->target), "%s -> %s: no such process",
			                   p->id, r->target);
			cr_expect_str_neq(r->target, p->id, "%s relates to itself", p->id);
			cr_expect(r->note && *r->note, "%s -> %s: says nothing about what is handed over",
			          p->id, r->target);
		}
	}
	for (size_t t = 0; t < m->n_relation_types; t++) {
		const struct prm_relation_type *a = &m->relation_types[t];
		bool used = false;

		for (size_t i = 0; i < m->n_processes && !used; i++)
			for (size_t j = 0; j < m->processes[i].n_relations; j++)
				used |= strcmp(m->processes[i].relations[j].type, a->id) == 0;
		cr_expect(used, "relation type %s is declared but not used", a->id);
		/* A type read the same from both ends, or a pair of types that
		 * are each other's inverse, would let one hand-off be declared
		 * at either end, or at both. */
		cr_expect_str_neq(a->label, a->inverse, "type %s reads the same both ways", a->id);
		for (size_t u = 0; u < m->n_relation_types; u++) {
			const struct prm_relation_type *b = &m->relation_types[u];

			cr_expect(u == t || strcmp(a->label, b->inverse) != 0,
			          "types %s and %s are each other's inverse", a->id, b->id);
		}
	}
}

/* Pairs of processes with a hand-off each way: two hand-offs, each declared
 * once, at the end that gives. Any other pair related both ways is a
 * hand-off declared at both ends. */
static const char *const two_way[][2] = {
	{ "6.2", "7.3" },   /* business direction / proposed scope */
	{ "6.2", "7.12" },  /* objectives to measure / performance reports */
	{ "6.2", "7.13" },  /* improvement actions / status of actions */
	{ "6.2", "8.3" },   /* resource decisions / requests and shortfalls */
	{ "7.3", "8.2" },   /* retention periods / controlled registers */
	{ "7.4", "7.10" },  /* risk register / reassessment after changes */
	{ "7.6", "7.10" },  /* change requests / approved changes */
	{ "7.8", "7.9" },   /* staff who report incidents / training needs */
};

static bool two_way_expected(const char *a, const char *b)
{
	for (size_t i = 0; i < sizeof two_way / sizeof two_way[0]; i++)
		if ((strcmp(two_way[i][0], a) == 0 && strcmp(two_way[i][1], b) == 0) ||
		    (strcmp(two_way[i][0], b) == 0 && strcmp(two_way[i][1], a) == 0))
			return true;
	return false;
}

Test(shipped, each_handoff_declared_once)
{
	size_t both_ways = 0;

	for (size_t i = 0; i < m->n_processes; i++) {
		const struct prm_process *p = &m->processes[i];

		for (size_t j = 0; j < p->n_relations; j++) {
			const struct prm_relation *r = &p->relations[j];
			size_t back = prm_model_index(m, r->target);
			const struct prm_relation *rev;

			/* one relation per ordered pair: one hand-off, one type */
			for (size_t k = j + 1; k < p->n_relations; k++)
				cr_expect_str_neq(p->relations[k].target, r->target,
				                  "%s -> %s is declared twice (%s, %s)", p->id,
				                  r->target, r->type, p->relations[k].type);
			if (back == (size_t)-1)
				continue;
			rev = relation(back, p->id);
			if (!rev)
				continue;
			both_ways++;
			cr_expect(two_way_expected(p->id, r->target),
			          "%s and %s are related both ways (%s: %s; %s: %s): declare the "
			          "hand-off once, at the end that gives", p->id, r->target, r->type,
			          r->note ? r->note : "", rev->type, rev->note ? rev->note : "");
			cr_expect(!r->note || !rev->note || strcmp(r->note, rev->note) != 0,
			          "%s and %s hand the same thing both ways", p->id, r->target);
		}
	}
	/* each expected pair is really there (counted from both ends) */
	cr_expect_eq(both_ways, 2 * (sizeof two_way / sizeof two_way[0]));
}

Test(shipped, every_process_related)
{
	for (size_t i = 0; i < m->n_processes; i++) {
		const struct prm_process *p = &m->processes[i];

		cr_expect(p->n_relations > 0 || prm_model_incoming(m, i, NULL, 0) > 0,
		          "process %s is related to no other process", p->id);
	}
}

/* Inputs that are another process's work, and that process. Checked both
 * ways: each input (found by a word of its text) has a relation from its
 * provider, and each relation of a type other than "supports" into a
 * process is one of these inputs. Kept by hand from reading every input;
 * when an input's text changes, so does this table. */
static const struct { const char *process, *input, *from; } provided[] = {
	{ "6.2", "Proposed ISMS scope", "7.3" },
	{ "6.2", "Performance", "7.12" },
	{ "6.2", "Internal audit reports", "7.11" },
	{ "6.2", "significant incidents", "7.9" },
	{ "6.2", "corrective and improvement actions", "7.13" },
	{ "6.2", "Feedback from customers", "8.5" },
	{ "6.2", "Resource requests", "8.3" },
	{ "7.2", "direction", "6.2" },
	{ "7.2", "Security requirements", "7.3" },
	{ "7.2", "Risks", "7.4" },
	{ "7.2", "Audit findings", "7.11" },
	{ "7.2", "Corrective actions", "7.13" },
	{ "7.3", "strategic direction", "6.2" },
	{ "7.3", "customers", "8.5" },
	{ "7.4", "ISMS scope", "7.3" },
	{ "7.4", "acceptance criteria", "6.2" },
	{ "7.4", "Incident records", "7.9" },
	{ "7.4", "changes", "7.10" },
	{ "7.4", "Controls in place", "7.6" },
	{ "7.4", "suppliers", "7.7" },
	{ "7.5", "Risk register", "7.4" },
	{ "7.5", "Risk acceptance criteria", "6.2" },
	{ "7.5", "Security policies", "7.2" },
	{ "7.5", "Security requirements", "7.3" },
	{ "7.5", "Corrective actions", "7.13" },
	{ "7.6", "treatment and implementation plan", "7.5" },
	{ "7.6", "Statement of Applicability", "7.5" },
	{ "7.6", "People, budget and tools", "8.3" },
	{ "7.6", "Approved changes", "7.10" },
	{ "7.7", "Security requirements", "7.3" },
	{ "7.7", "Controls selected", "7.5" },
	{ "7.8", "Security policies", "7.2" },
	{ "7.8", "role descriptions", "6.2" },
	{ "7.8", "new controls", "7.6" },
	{ "7.8", "changes", "7.10" },
	{ "7.8", "incidents", "7.9" },
	{ "7.8", "training records", "8.2" },
	{ "7.8", "Training budget", "8.3" },
	{ "7.9", "staff", "7.8" },
	{ "7.9", "suppliers", "7.7" },
	{ "7.9", "notification duties", "7.3" },
	{ "7.9", "People and tools", "8.3" },
	{ "7.10", "risk treatment", "7.5" },
	{ "7.10", "implementation", "7.6" },
	{ "7.10", "incidents", "7.9" },
	{ "7.10", "improvement", "7.13" },
	{ "7.10", "requirements", "7.3" },
	{ "7.10", "risk register", "7.4" },
	{ "7.11", "Requirements and ISMS scope", "7.3" },
	{ "7.11", "Records", "8.2" },
	{ "7.12", "objectives", "6.2" },
	{ "7.12", "Implementation status", "7.6" },
	{ "7.12", "Incident", "7.9" },
	{ "7.12", "change", "7.10" },
	{ "7.12", "supplier", "7.7" },
	{ "7.12", "training", "7.8" },
	{ "7.12", "Customer feedback", "8.5" },
	{ "7.13", "Audit findings", "7.11" },
	{ "7.13", "Performance reports", "7.12" },
	{ "7.13", "incidents", "7.9" },
	{ "7.13", "Management review decisions", "6.2" },
	{ "8.2", "retention requirements", "7.3" },
	{ "8.3", "Risk treatment and implementation plans", "7.5" },
	{ "8.3", "Management decisions", "6.2" },
	{ "8.4", "Policies", "7.2" },
	{ "8.4", "risk information", "7.4" },
	{ "8.4", "changes", "7.10" },
	{ "8.4", "Incident notifications", "7.9" },
	{ "8.4", "Roles and responsibilities", "6.2" },
	{ "8.5", "Incidents", "7.9" },
	{ "8.5", "changes", "7.10" },
};
#define N_PROVIDED (sizeof provided / sizeof provided[0])

Test(shipped, inputs_have_a_providing_relation)
{
	for (size_t i = 0; i < N_PROVIDED; i++) {
		const struct prm_process *p = proc(provided[i].process);
		bool named = false;

		for (size_t j = 0; j < p->inputs.n; j++)
			named |= strstr(p->inputs.items[j], provided[i].input) != NULL;
		cr_expect(named, "%s has no input with \"%s\" (the table is out of date)", p->id,
		          provided[i].input);
		cr_expect_not_null(relation(prm_model_index(m, provided[i].from), p->id),
		                   "%s takes \"%s\" from %s, but %s has no relation to %s", p->id,
		                   provided[i].input, provided[i].from, provided[i].from, p->id);
	}
}

Test(shipped, relations_into_a_process_are_its_inputs)
{
	for (size_t i = 0; i < m->n_processes; i++) {
		const struct prm_process *p = &m->processes[i];

		for (size_t j = 0; j < p->n_relations; j++) {
			const struct prm_relation *r = &p->relations[j];
			bool listed = false;

			if (strcmp(r->type, "supports") == 0)
				continue;
			for (size_t k = 0; k < N_PROVIDED; k++)
				listed |= strcmp(provided[k].from, p->id) == 0 &&
				          strcmp(provided[k].process, r->target) == 0;
			cr_expect(listed, "%s %s %s (%s), but no input of %s comes from %s", p->id,
			          r->type, r->target, r->note ? r->note : "", r->target, p->id);
		}
	}
}

/* ---- texts ----------------------------------------------------------------- */

/* Limits, in characters. A purpose or an outcome is at most three lines of
 * the workbench's detail pane at 80x24 (about 45 columns); an activity,
 * input or output a line or two; a summary a short paragraph. A short name
 * fits the tree pane at 80x24 whole: 20 columns after "7.10 ". */
#define MAX_NAME      60
#define MAX_SHORT     20
#define MAX_SUMMARY   240
#define MAX_PURPOSE   120
#define MAX_OUTCOME   120
#define MAX_ACTIVITY  100
#define MAX_IO        90        /* an input or an output */
#define MAX_NOTE      90        /* what a relation hands over */

static size_t chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static void within(const char *what, const char *id, const char *s, size_t max)
{
	cr_expect(s && *s && s[strspn(s, " ")], "%s %s is empty", id, what);
	if (s)
		cr_expect_leq(chars(s), max, "%s %s has %zu characters (at most %zu): %s", id, what,
		              chars(s), max, s);
}

/* Sentences in s: ends of sentence ('.', '?' or '!' before a space or at
 * the end) and semicolons, which join two. */
static size_t sentences(const char *s)
{
	size_t n = 0;

	for (const char *c = s; *c; c++)
		if (*c == ';' || (strchr(".?!", *c) && (c[1] == ' ' || c[1] == '\0')))
			n++;
	return n;
}

static bool one_sentence(const char *s)
{
	size_t len = strlen(s);

	return len > 0 && s[len - 1] == '.' && sentences(s) == 1;
}

Test(shipped, texts_present_and_within_limits)
{
	for (size_t i = 0; i < m->n_processes; i++) {
		const struct prm_process *p = &m->processes[i];
		char what[32];

		within("name", p->id, p->name, MAX_NAME);
		within("summary", p->id, p->summary, MAX_SUMMARY);
		within("purpose", p->id, p->purpose, MAX_PURPOSE);
		cr_expect_geq(p->n_outcomes, 3, "%s has %zu outcomes", p->id, p->n_outcomes);
		for (size_t j = 0; j < p->n_outcomes; j++) {
			snprintf(what, sizeof what, "outcome %d", p->outcomes[j].number);
			within(what, p->id, p->outcomes[j].text, MAX_OUTCOME);
			cr_expect(one_sentence(p->outcomes[j].text), "%s %s is not one sentence: %s",
			          p->id, what, p->outcomes[j].text);
			for (size_t k = j + 1; k < p->n_outcomes; k++)
				cr_expect_str_neq(p->outcomes[j].text, p->outcomes[k].text,
				                  "%s: outcomes %d and %d say the same", p->id,
				                  p->outcomes[j].number, p->outcomes[k].number);
		}
		cr_expect_gt(p->activities.n, 0, "%s has no activities", p->id);
		for (size_t j = 0; j < p->activities.n; j++)
			within("activity", p->id, p->activities.items[j], MAX_ACTIVITY);
		cr_expect_gt(p->inputs.n, 0, "%s has no inputs", p->id);
		for (size_t j = 0; j < p->inputs.n; j++)
			within("input", p->id, p->inputs.items[j], MAX_IO);
		cr_expect_gt(p->outputs.n, 0, "%s has no outputs", p->id);
		for (size_t j = 0; j < p->outputs.n; j++)
			within("output", p->id, p->outputs.items[j], MAX_IO);
		for (size_t j = 0; j < p->n_relations; j++)
			within("relation note", p->id, p->relations[j].note, MAX_NOTE);
	}
}

Test(shipped, purposes_one_sentence_one_style)
{
	for (size_t i = 0; i < m->n_processes; i++) {
		const struct prm_process *p = &m->processes[i];

		/* Why the process exists, not an order: "To keep ...", never
		 * "Keep ..." or "Get ...". */
		cr_expect(strncmp(p->purpose, "To ", 3) == 0,
		          "%s: a purpose says why the process exists, \"To ...\": %s", p->id,
		          p->purpose);
		cr_expect(one_sentence(p->purpose), "%s: the purpose is not one sentence: %s", p->id,
		          p->purpose);
	}
}

Test(shipped, short_names_where_names_are_long)
{
	for (size_t i = 0; i < m->n_processes; i++) {
		const struct prm_process *p = &m->processes[i];

		if (p->short_name) {
			within("short name", p->id, p->short_name, MAX_SHORT);
			cr_expect_lt(chars(p->short_name), chars(p->name),
			             "%s: the short name is not shorter than the name", p->id);
		} else {
			cr_expect_leq(chars(p->name), MAX_SHORT,
			              "%s: \"%s\" is longer than %d characters and has no short name",
			              p->id, p->name, MAX_SHORT);
		}
		/* distinguishable in the tree: no two shown alike */
		for (size_t j = i + 1; j < m->n_processes; j++)
			cr_expect_str_neq(prm_process_short(p), prm_process_short(&m->processes[j]),
			                  "%s and %s have the same short name", p->id,
			                  m->processes[j].id);
	}
}

/* ---- references: the mapping to ISO/IEC 27001:2022 ------------------------- */

#define ISO27001 "ISO/IEC 27001:2022"

/* The table "Suggested mapping 27022 process -> ISO/IEC 27001:2022" of the
 * facts file (revised 2026-11-29), ranges written out. */
static const struct { const char *process, *clause; bool main; } mapping[] = {
	{ "6.2", "5.1", true }, { "6.2", "9.3", true },
	{ "6.2", "4.1", false }, { "6.2", "4.4", false }, { "6.2", "5.3", false },
	{ "6.2", "6.2", false }, { "6.2", "Annex A 5.2", false }, { "6.2", "Annex A 5.4", false },
	{ "7.2", "5.2", true },
	{ "7.2", "7.5", false }, { "7.2", "Annex A 5.1", false },
	{ "7.3", "4.2", true }, { "7.3", "4.3", true },
	{ "7.3", "4.1", false }, { "7.3", "Annex A 5.31", false },
	{ "7.4", "6.1.2", true }, { "7.4", "8.2", true },
	{ "7.4", "6.1.1", false },
	{ "7.5", "6.1.3", true }, { "7.5", "8.3", true },
	{ "7.5", "6.2", false },
	{ "7.6", "8.1", true }, { "7.6", "8.3", true },
	{ "7.6", "6.2", false }, { "7.6", "Annex A 5.37", false },
	{ "7.7", "8.1", true },
	{ "7.7", "Annex A 5.19", false }, { "7.7", "Annex A 5.20", false },
	{ "7.7", "Annex A 5.21", false }, { "7.7", "Annex A 5.22", false },
	{ "7.7", "Annex A 5.23", false },
	{ "7.8", "7.2", true }, { "7.8", "7.3", true },
	{ "7.8", "Annex A 6.3", false },
	{ "7.9", "8.1", true }, { "7.9", "Annex A 5.24", true }, { "7.9", "Annex A 5.25", true },
	{ "7.9", "Annex A 5.26", true }, { "7.9", "Annex A 5.27", true },
	{ "7.9", "Annex A 5.28", true },
	{ "7.9", "Annex A 6.8", false }, { "7.9", "10.2", false },
	{ "7.10", "6.3", true }, { "7.10", "8.1", true },
	{ "7.10", "Annex A 8.32", false },
	{ "7.11", "9.2.1", true }, { "7.11", "9.2.2", true },
	{ "7.12", "9.1", true },
	{ "7.12", "6.2", false }, { "7.12", "9.3.2", false },
	{ "7.13", "10.1", true }, { "7.13", "10.2", true },
	{ "8.2", "7.5.1", true }, { "8.2", "7.5.2", true }, { "8.2", "7.5.3", true },
	{ "8.2", "Annex A 5.33", false },
	{ "8.3", "7.1", true },
	{ "8.3", "5.1", false },
	{ "8.4", "7.4", true },
	{ "8.4", "5.2", false }, { "8.4", "5.3", false }, { "8.4", "Annex A 5.5", false },
	{ "8.4", "Annex A 5.6", false },
	{ "8.5", "4.2", true },
	{ "8.5", "9.3.2", false }, { "8.5", "7.4", false },
};
#define N_MAPPING (sizeof mapping / sizeof mapping[0])

/* The row of the mapping for process id and clause, or -1. */
static long mapped(const char *id, const char *clause)
{
	for (size_t i = 0; i < N_MAPPING; i++)
		if (strcmp(mapping[i].process, id) == 0 && strcmp(mapping[i].clause, clause) == 0)
			return (long)i;
	return -1;
}

/* A reference's note says its weight: "main", or "related" (perhaps with a
 * remark after a colon). */
static bool is_main(const char *note)
{
	return note && strcmp(note, "main") == 0;
}

static bool is_related(const char *note)
{
	return note && (strcmp(note, "related") == 0 || strncmp(note, "related: ", 9) == 0);
}

Test(shipped, references_follow_the_mapping)
{
	for (size_t i = 0; i < m->n_processes; i++) {
		const struct prm_process *p = &m->processes[i];

		for (size_t j = 0; j < p->n_references; j++) {
			const struct prm_reference *r = &p->references[j];
			long row = mapped(p->id, r->clause);

			cr_expect_str_eq(r->standard, ISO27001, "%s: reference to %s", p->id,
			                 r->standard);
			cr_expect(row >= 0, "%s references %s, which the mapping does not give it",
			          p->id, r->clause);
			cr_expect(is_main(r->note) || is_related(r->note),
			          "%s %s: note \"%s\" is neither main nor related", p->id, r->clause,
			          r->note ? r->note : "");
			if (row >= 0)
				cr_expect(mapping[row].main ? is_main(r->note) : is_related(r->note),
				          "%s %s is %s in the mapping, marked \"%s\"", p->id, r->clause,
				          mapping[row].main ? "main" : "related", r->note ? r->note : "");
			for (size_t k = j + 1; k < p->n_references; k++)
				cr_expect_str_neq(p->references[k].clause, r->clause,
				                  "%s references %s twice", p->id, r->clause);
		}
	}
	/* and nothing of the mapping is missing */
	for (size_t i = 0; i < N_MAPPING; i++) {
		const struct prm_process *p = proc(mapping[i].process);
		bool found = false;

		for (size_t j = 0; j < p->n_references; j++)
			found |= strcmp(p->references[j].clause, mapping[i].clause) == 0;
		cr_expect(found, "%s lacks its %s clause %s", p->id,
		          mapping[i].main ? "main" : "related", mapping[i].clause);
	}
}

Test(shipped, incident_is_not_a_nonconformity)
{
	const struct prm_process *p = proc("7.9");

	for (size_t j = 0; j < p->n_references; j++)
		if (strcmp(p->references[j].clause, "10.2") == 0)
			cr_expect(p->references[j].note &&
			          strstr(p->references[j].note, "not in itself a nonconformity"),
			          "7.9's reference to 10.2 says why it is only related");
}

Test(shipped, outcome_references_are_clauses_of_the_process)
{
	size_t with = 0;

	for (size_t i = 0; i < m->n_processes; i++) {
		const struct prm_process *p = &m->processes[i];

		for (size_t j = 0; j < p->n_outcomes; j++) {
			const struct prm_outcome *o = &p->outcomes[j];

			with += o->n_references > 0;
			for (size_t k = 0; k < o->n_references; k++) {
				cr_expect_str_eq(o->references[k].standard, ISO27001);
				cr_expect(mapped(p->id, o->references[k].clause) >= 0,
				          "%s outcome %d serves %s, which is not a clause of %s", p->id,
				          o->number, o->references[k].clause, p->id);
			}
		}
	}
	cr_expect_gt(with, 0, "no outcome says which clause it serves");
}

/* ---- outcome numbers ----------------------------------------------------- */

/* Outcome numbers retired when their outcome was split (the XML comments
 * say into which): a store's ratings of them show as orphaned, so no
 * outcome may take them again. */
static const struct { const char *process; int n[4]; } retired[] = {
	{ "6.2", { 1, 2 } },
	{ "7.2", { 2 } },
	{ "7.4", { 2 } },
	{ "7.5", { 2, 3, 5 } },
	{ "7.6", { 3, 5 } },
	{ "7.8", { 2 } },
	{ "7.9", { 1, 3, 6 } },
	{ "7.10", { 2, 4, 5 } },
	{ "7.11", { 2, 3 } },
	{ "7.13", { 3, 4 } },
	{ "8.2", { 2, 3, 4 } },
	{ "8.5", { 4 } },
};

static bool is_retired(const char *id, int n)
{
	for (size_t i = 0; i < sizeof retired / sizeof retired[0]; i++)
		if (strcmp(retired[i].process, id) == 0)
			for (size_t j = 0; j < 4 && retired[i].n[j]; j++)
				if (retired[i].n[j] == n)
					return true;
	return false;
}

Test(shipped, retired_outcome_numbers_stay_unused)
{
	for (size_t i = 0; i < m->n_processes; i++) {
		const struct prm_process *p = &m->processes[i];

		/* every number up to the highest is an outcome or retired: a
		 * gap is always a split outcome, never an accident */
		for (int n = 1; n <= prm_process_outcome_max(p); n++)
			cr_expect(!prm_process_outcome(p, n) != !is_retired(p->id, n),
			          "%s outcome %d: %s", p->id, n,
			          prm_process_outcome(p, n) ? "a retired number is used again"
			                                    : "a gap that is not a retired number");
	}
	for (size_t i = 0; i < sizeof retired / sizeof retired[0]; i++) {
		const struct prm_process *p = proc(retired[i].process);

		for (size_t j = 0; j < 4 && retired[i].n[j]; j++)
			cr_expect_null(prm_process_outcome(p, retired[i].n[j]),
			               "%s outcome %d is retired", p->id, retired[i].n[j]);
	}
}
