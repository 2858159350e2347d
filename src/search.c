/* search.c - ranked, case-insensitive AND search over a model's text.
 *
 * Each word must occur (as a substring, ASCII case folded) somewhere in the
 * process. A word scores by the strongest field it occurs in; a process
 * scores the sum over its words. Field weights make a hit in the id or name
 * beat one in the purpose (or summary), which beats outcomes, then
 * activities, then the rest (inputs, outputs, references, relations). */
#include "config.h"
#include "search.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text.h"

/* Weights, by field. The gaps keep a single stronger hit above any
 * reasonable pile of weaker ones for the same word count. */
enum {
	W_ID_EXACT = 120, W_ID = 100, W_NAME = 90, W_PURPOSE = 60, W_SUMMARY = 55,
	W_OUTCOME = 40, W_ACTIVITY = 30, W_OTHER = 20,
};

struct best {
	int weight;
	enum search_where where;
	const char *text;
};

static void consider(struct best *b, const char *text, const char *word,
                     int weight, enum search_where where)
{
	if (text && weight > b->weight && text_casestr(text, word)) {
		b->weight = weight;
		b->where = where;
		b->text = text;
	}
}

static void consider_list(struct best *b, const struct prm_list *l,
                          const char *word, int weight, enum search_where where)
{
	for (size_t i = 0; i < l->n && b->weight < weight; i++)
		consider(b, l->items[i], word, weight, where);
}

/* The strongest place word occurs in p; weight 0 if nowhere. */
static struct best best_for(const struct prm_process *p, const char *word)
{
	struct best b = { 0, SEARCH_OTHER, NULL };

	if (strcasecmp(p->id, word) == 0)
		consider(&b, p->id, word, W_ID_EXACT, SEARCH_ID);
	consider(&b, p->id, word, W_ID, SEARCH_ID);
	consider(&b, p->name, word, W_NAME, SEARCH_NAME);
	consider(&b, p->purpose, word, W_PURPOSE, SEARCH_PURPOSE);
	consider(&b, p->summary, word, W_SUMMARY, SEARCH_PURPOSE);
	for (size_t i = 0; i < p->n_outcomes && b.weight < W_OUTCOME; i++)
		consider(&b, p->outcomes[i].text, word, W_OUTCOME, SEARCH_OUTCOME);
	consider_list(&b, &p->activities, word, W_ACTIVITY, SEARCH_ACTIVITY);
	if (b.weight >= W_OTHER)
		return b;
	consider_list(&b, &p->inputs, word, W_OTHER, SEARCH_OTHER);
	consider_list(&b, &p->outputs, word, W_OTHER, SEARCH_OTHER);
	for (size_t i = 0; i < p->n_references && !b.weight; i++) {
		consider(&b, p->references[i].standard, word, W_OTHER, SEARCH_OTHER);
		consider(&b, p->references[i].clause, word, W_OTHER, SEARCH_OTHER);
		consider(&b, p->references[i].note, word, W_OTHER, SEARCH_OTHER);
	}
	for (size_t i = 0; i < p->n_relations && !b.weight; i++) {
		consider(&b, p->relations[i].type, word, W_OTHER, SEARCH_OTHER);
		consider(&b, p->relations[i].note, word, W_OTHER, SEARCH_OTHER);
	}
	return b;
}

static int cmp_hit(const void *a, const void *b)
{
	const struct search_hit *x = a, *y = b;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return x->process < y->process ? -1 : x->process > y->process;
}

size_t search_model(const struct prm_model *m, const char *const *words,
                    size_t n_words, struct search_hit **hits)
{
	struct search_hit *h;
	size_t n = 0;

	*hits = NULL;
	if (n_words == 0 || m->n_processes == 0)
		return 0;
	h = malloc(m->n_processes * sizeof *h);
	if (!h)
		return 0;
	for (size_t i = 0; i < m->n_processes; i++) {
		struct search_hit hit = { i, 0, SEARCH_OTHER, NULL };
		bool all = true;

		for (size_t w = 0; w < n_words && all; w++) {
			struct best b;

			if (!*words[w])
				continue;      /* an empty word matches everything */
			b = best_for(&m->processes[i], words[w]);
			if (!b.weight) {
				all = false;
				break;
			}
			hit.score += b.weight;
			if (!hit.snippet || b.where < hit.where) {
				hit.where = b.where;
				hit.snippet = b.text;
			}
		}
		if (all && hit.snippet)
			h[n++] = hit;
	}
	if (n == 0) {
		free(h);
		return 0;
	}
	qsort(h, n, sizeof *h, cmp_hit);
	*hits = h;
	return n;
}
