/* find.c - the workbench's search over search.h's hits (see find.h). */
#include "config.h"
#include "tui/find.h"

#include <stdlib.h>

bool find_run(struct find *f, const struct search_index *ix, const char *needle)
{
	struct search_query *q = search_query_new(&needle, 1);
	struct search_hit *hits = NULL;
	size_t *items = NULL, n;
	bool narrow;

	if (!q) {
		find_free(f);
		return false;
	}
	narrow = f->q && f->generation == search_index_generation(ix) &&
	         search_query_narrows(f->q, q);
	if (narrow && f->n) {
		items = malloc(f->n * sizeof *items);
		if (!items)
			narrow = false;
		for (size_t i = 0; items && i < f->n; i++)
			items[i] = f->hits[i].item;
	}
	f->scanned = narrow ? f->n : (size_t)-1;
	n = narrow && !f->n ? 0 : search_filter(ix, q, narrow ? items : NULL, narrow ? f->n : 0,
	                                        &hits);
	free(items);
	find_free(f);
	f->hits = hits;
	f->n = n;
	f->q = q;
	f->generation = search_index_generation(ix);
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
	search_query_free(f->q);
	f->hits = NULL;
	f->q = NULL;
	f->n = 0;
}
