/* find.c - the workbench's search over search.h's hits (see find.h). */
#include "config.h"
#include "tui/find.h"

#include <stdlib.h>

bool find_done(const struct find *f)
{
	return f->pos >= f->n_cand;
}

/* The items still to look at after narrowing: the matches so far, then
 * what was not looked at yet (both in item order, the matches first). */
static size_t *narrowed(const struct find *f, size_t *n)
{
	size_t rest = f->n_cand - f->pos, k = 0;
	size_t *items = malloc((f->n + rest + 1) * sizeof *items);

	if (!items)
		return NULL;
	for (size_t i = 0; i < f->n; i++)
		items[k++] = f->hits[i].item;
	for (size_t i = f->pos; i < f->n_cand; i++)
		items[k++] = f->cand ? f->cand[i] : i;
	*n = k;
	return items;
}

bool find_start(struct find *f, const struct search_index *ix, const char *needle)
{
	struct search_query *q = search_query_new(&needle, 1);
	size_t *items = NULL, n = 0;
	bool narrow;

	if (!q) {
		find_free(f);
		return false;
	}
	narrow = f->q && f->generation == search_index_generation(ix) &&
	         search_query_narrows(f->q, q);
	if (narrow) {
		items = narrowed(f, &n);
		narrow = items != NULL;
	}
	find_free(f);
	f->q = q;
	f->generation = search_index_generation(ix);
	f->cand = items;
	f->n_cand = narrow ? n : search_query_active(q) ? search_index_items(ix) : 0;
	f->scanned = narrow ? n : (size_t)-1;
	return true;
}

bool find_more(struct find *f, const struct search_index *ix, size_t budget)
{
	size_t end = f->n_cand - f->pos > budget ? f->pos + budget : f->n_cand;

	if (f->n + (end - f->pos) > f->cap) {
		size_t cap = f->n + (end - f->pos) + f->cap;
		struct search_hit *h = realloc(f->hits, cap * sizeof *h);

		if (!h) {
			f->pos = f->n_cand;     /* out of memory: what was found */
			return true;
		}
		f->hits = h;
		f->cap = cap;
	}
	for (; f->pos < end; f->pos++) {
		size_t i = f->cand ? f->cand[f->pos] : f->pos;

		if (search_item(ix, f->q, i, &f->hits[f->n]))
			f->n++;
	}
	return find_done(f);
}

bool find_run(struct find *f, const struct search_index *ix, const char *needle)
{
	if (!find_start(f, ix, needle))
		return false;
	while (!find_more(f, ix, FIND_SLICE))
		;
	return true;
}

/* The hit of item, or NULL. */
static const struct search_hit *hit_of(const struct find *f, size_t item)
{
	for (size_t i = 0; i < f->n; i++)
		if (f->hits[i].item == item)
			return &f->hits[i];
	return NULL;
}

static const struct search_hit *first(const struct find *f, bool worst)
{
	const struct search_hit *b = f->n ? &f->hits[0] : NULL;

	for (size_t i = 1; i < f->n; i++)
		if (worst ? search_hit_before(b, &f->hits[i]) : search_hit_before(&f->hits[i], b))
			b = &f->hits[i];
	return b;
}

size_t find_best(const struct find *f)
{
	const struct search_hit *b = first(f, false);

	return b ? b->item : (size_t)-1;
}

bool find_has(const struct find *f, size_t item)
{
	return hit_of(f, item) != NULL;
}

size_t find_rank(const struct find *f, size_t item)
{
	const struct search_hit *h = hit_of(f, item);
	size_t rank = 1;

	if (!h)
		return 0;
	for (size_t i = 0; i < f->n; i++)
		rank += search_hit_before(&f->hits[i], h);
	return rank;
}

size_t find_step(const struct find *f, size_t item, int dir, bool *wrapped)
{
	const struct search_hit *h = hit_of(f, item), *to = NULL;

	if (wrapped)
		*wrapped = false;
	if (f->n == 0)
		return (size_t)-1;
	if (!h)
		return first(f, dir < 0)->item;
	/* The nearest match after h in the order (before it for dir < 0). */
	for (size_t i = 0; i < f->n; i++) {
		const struct search_hit *c = &f->hits[i];

		if (dir > 0 ? !search_hit_before(h, c) : !search_hit_before(c, h))
			continue;
		if (!to || (dir > 0 ? search_hit_before(c, to) : search_hit_before(to, c)))
			to = c;
	}
	if (!to) {
		to = first(f, dir < 0);
		if (wrapped)
			*wrapped = true;
	}
	return to->item;
}

void find_free(struct find *f)
{
	free(f->hits);
	free(f->cand);
	search_query_free(f->q);
	f->hits = NULL;
	f->cand = NULL;
	f->q = NULL;
	f->n = f->cap = f->n_cand = f->pos = 0;
}
