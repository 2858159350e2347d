/* tui_fixture.h - a small hand-built model for the workbench's unit tests
 * (no XML loader needed): categories of 3, 4 and 0 processes. */
#ifndef TUI_FIXTURE_H
#define TUI_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

static struct prm_list fx_list(const char *a)
{
	struct prm_list l = { calloc(1, sizeof(char *)), 1, NULL };
	l.items[0] = strdup(a);
	return l;
}

/* n_cat categories with sizes[]; process ids "C.P" (1-based), names and
 * purposes derived from them; process 0's name holds an escape sequence. */
static struct prm_model *fx_model(const size_t *sizes, size_t n_cat)
{
	struct prm_model *m = calloc(1, sizeof *m);
	size_t np = 0, k = 0;
	char buf[256];

	for (size_t c = 0; c < n_cat; c++)
		np += sizes[c];
	m->id = strdup("fixture");
	m->title = strdup("Fixture model");
	m->n_categories = n_cat;
	m->categories = calloc(n_cat, sizeof *m->categories);
	m->n_processes = np;
	m->processes = calloc(np ? np : 1, sizeof *m->processes);
	for (size_t c = 0; c < n_cat; c++) {
		struct prm_category *cat = &m->categories[c];
		snprintf(buf, sizeof buf, "cat%zu", c + 1);
		cat->id = strdup(buf);
		snprintf(buf, sizeof buf, "Category %zu", c + 1);
		cat->name = strdup(buf);
		cat->processes = calloc(sizes[c] ? sizes[c] : 1, sizeof(size_t));
		for (size_t i = 0; i < sizes[c]; i++, k++) {
			struct prm_process *p = &m->processes[k];
			snprintf(buf, sizeof buf, "%zu.%zu", c + 1, i + 1);
			p->id = strdup(buf);
			if (k == 0)
				snprintf(buf, sizeof buf, "Evil \x1b[31mred\x1b[0m name");
			else
				snprintf(buf, sizeof buf, "Process number %zu of category %zu", i + 1, c + 1);
			p->name = strdup(buf);
			snprintf(buf, sizeof buf, "To keep process %zu.%zu going with a rather long purpose "
			         "text that needs wrapping on narrow panes.", c + 1, i + 1);
			p->purpose = strdup(buf);
			p->category = c;
			p->n_outcomes = 2;
			p->outcomes = calloc(2, sizeof *p->outcomes);
			p->outcomes[0].number = 1;
			p->outcomes[0].text = strdup("First outcome.");
			p->outcomes[1].number = 2;
			p->outcomes[1].text = strdup("Second outcome.");
			p->activities = fx_list("An activity.");
			p->inputs = fx_list("An input.");
			p->outputs = fx_list("An output.");
			p->n_relations = 1;
			p->relations = calloc(1, sizeof *p->relations);
			p->relations[0].type = strdup("supports");
			p->relations[0].target = strdup(k == 0 && np > 1 ? "1.2" : "1.1");
			cat->processes[cat->n_processes++] = k;
		}
	}
	return m;
}

#endif
