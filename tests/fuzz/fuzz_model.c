/* fuzz_model.c - the model loader, from memory: pre-scan, libxml2 parse
 * with our hooks, RELAX NG, structure checker, build, semantic checks.
 * Promises checked: a model comes with no diagnostic and a refusal with at
 * least one, every one naming the file; a loaded model is consistent (ids
 * unique and found, categories and relations point inside the model). */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <strings.h>

#include "fuzz.h"
#include "model.h"

#define NAME "fuzz.xml"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc; (void)argv;
	setlocale(LC_ALL, "C.UTF-8");
	return 0;
}

static void check_model(const struct prm_model *m)
{
	size_t in_categories = 0, ix[5];

	CHECK(m->id && m->title && m->version && m->file);
	CHECK(strcmp(m->file, NAME) == 0);
	for (size_t c = 0; c < m->n_categories; c++) {
		const struct prm_category *cat = &m->categories[c];

		CHECK(cat->id && cat->name);
		for (size_t k = 0; k < cat->n_processes; k++) {
			CHECK(cat->processes[k] < m->n_processes);
			CHECK(m->processes[cat->processes[k]].category == c);
		}
		in_categories += cat->n_processes;
	}
	CHECK(in_categories == m->n_processes);
	for (size_t i = 0; i < m->n_processes; i++) {
		const struct prm_process *p = &m->processes[i];

		CHECK(p->id && p->name && p->purpose && *p->purpose);
		CHECK(prm_model_find(m, p->id) == p);
		CHECK(prm_model_index(m, p->id) == i);
		/* numbers are positive and unique, gaps allowed (a split
		 * outcome's number is retired, never reused) */
		for (size_t k = 0; k < p->n_outcomes; k++)
			CHECK(p->outcomes[k].number >= 1 && p->outcomes[k].text &&
			      prm_process_outcome(p, p->outcomes[k].number) == &p->outcomes[k]);
		for (size_t k = 0; k < p->n_relations; k++)
			CHECK(prm_model_find(m, p->relations[k].target) != NULL);
		for (size_t k = 0; k < p->n_references; k++)
			CHECK(p->references[k].standard && p->references[k].clause);
		CHECK(prm_model_suggest(m, p->id, ix, 5) >= 1);
		CHECK(ix[0] == i || strcasecmp(m->processes[ix[0]].id, p->id) == 0 ||
		      strcasecmp(m->processes[ix[0]].name, p->id) == 0);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag d = DIAG_INIT;
	struct prm_model *m;

	/* Exactly size bytes, no NUL after them: reading past is a finding. */
	m = prm_model_load_memory((const char *)data, size, NAME, &d);
	if (m) {
		CHECK(d.n == 0 && d.dropped == 0);
		check_model(m);
	} else {
		CHECK(d.n > 0);
	}
	for (size_t i = 0; i < d.n; i++)
		CHECK(strncmp(d.lines[i], NAME, strlen(NAME)) == 0);
	prm_model_free(m);
	diag_free(&d);
	return 0;
}
