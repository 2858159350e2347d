/* find.c - the workbench's search over search.h's ranked hits. */
#include "config.h"
#include "tui/find.h"

#include <stdlib.h>

bool find_run(struct find *f, const struct search_index *ix, const char *needle)
{
	struct search_query *q = search_query_new(&needle, 1);

	find_free(f);
	if (!q)
		return false;
	f->n = search_run(ix, q, &f->hits);
	search_query_free(q);
	return true;
}

size_t find_best(const struct find *f)
{
	return f->n ? f->hits[0].item : (size_t)-1;
}

static size_t position(const struct find *f, size_t item)
{
	for (size_t i = 0; i < f->n; i++)
		if (f->hits[i].item == item)
			return i;
	return (size_t)-1;
}

bool find_has(const struct find *f, size_t item)
{
	return position(f, item) != (size_t)-1;
}

size_t find_step(const struct find *f, size_t item, int dir, bool *wrapped)
{
	size_t i = position(f, item);

	if (wrapped)
		*wrapped = false;
	if (f->n == 0)
		return (size_t)-1;
	if (i == (size_t)-1)
		return f->hits[dir > 0 ? 0 : f->n - 1].item;
	if (dir > 0 && i + 1 == f->n) {
		i = 0;
		if (wrapped)
			*wrapped = true;
	} else if (dir < 0 && i == 0) {
		i = f->n - 1;
		if (wrapped)
			*wrapped = true;
	} else {
		i = dir > 0 ? i + 1 : i - 1;
	}
	return f->hits[i].item;
}

void find_free(struct find *f)
{
	free(f->hits);
	f->hits = NULL;
	f->n = 0;
}
