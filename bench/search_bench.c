/* search_bench MODEL - the work of the workbench's search, for
 * bench/search.sh to count under callgrind: search_index_new once, then
 * search_run on every prefix of a few queries as they are typed ("s",
 * "su", ... "supplier", "A", "A.", ... "A.5.24"), one query a keystroke.
 * floor_run does the least any substring search must: strstr of the same
 * prefixes, unfolded, over every text the index holds. Prints the number
 * of keystrokes and of hits so that the work cannot be optimised away. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "search.h"

static const char *const queries[] = {
	"supplier", "risk assessment", "A.5.24", "the risk", "evaluation",
};

static size_t count(const char *text, const char *needle)
{
	return text && strstr(text, needle) ? 1 : 0;
}

static size_t count_list(const struct prm_list *l, const char *needle)
{
	size_t n = 0;

	for (size_t i = 0; i < l->n; i++)
		n += count(l->items[i], needle);
	return n;
}

/* Not static: callgrind's --toggle-collect names it. */
size_t floor_run(const struct prm_model *m, const char *needle);
size_t floor_run(const struct prm_model *m, const char *needle)
{
	size_t n = 0;

	for (size_t i = 0; i < m->n_processes; i++) {
		const struct prm_process *p = &m->processes[i];

		n += count(p->id, needle) + count(p->name, needle) + count(p->purpose, needle) +
		     count(p->summary, needle);
		for (size_t k = 0; k < p->n_outcomes; k++)
			n += count(p->outcomes[k].text, needle);
		n += count_list(&p->activities, needle) + count_list(&p->inputs, needle) +
		     count_list(&p->outputs, needle);
		for (size_t k = 0; k < p->n_references; k++)
			n += count(p->references[k].standard, needle) +
			     count(p->references[k].clause, needle) + count(p->references[k].note, needle);
		for (size_t k = 0; k < p->n_relations; k++)
			n += count(p->relations[k].type, needle) + count(p->relations[k].note, needle);
	}
	return n;
}

int main(int argc, char **argv)
{
	struct diag d = DIAG_INIT;
	struct prm_model *m;
	struct search_index *ix;
	size_t keys = 0, hits = 0, floor_hits = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: search_bench MODEL\n");
		return 2;
	}
	m = prm_model_load_file(argv[1], &d);
	if (!m) {
		diag_print(&d, stderr, NULL);
		return 2;
	}
	ix = search_index_new(m);
	if (!ix)
		return 2;
	for (size_t q = 0; q < sizeof queries / sizeof queries[0]; q++)
		for (size_t len = 1; len <= strlen(queries[q]); len++) {
			char typed[64];
			const char *t = typed;
			struct search_query *sq;
			struct search_hit *h;

			snprintf(typed, sizeof typed, "%.*s", (int)len, queries[q]);
			sq = search_query_new(&t, 1);
			if (!sq)
				return 2;
			hits += search_run(ix, sq, &h);
			free(h);
			search_query_free(sq);
			floor_hits += floor_run(m, typed);
			keys++;
		}
	printf("%zu keystrokes, %zu hits, floor %zu texts\n", keys, hits, floor_hits);
	search_index_free(ix);
	prm_model_free(m);
	diag_free(&d);
	return 0;
}
