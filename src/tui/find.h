/* find.h - the workbench's search, a thin layer over search.h: `/` goes to
 * the best match (the order of `prmwb search`: the same fields and rules,
 * plus record text and orphan records), n and N step through the matches
 * in that order, wrapping around. Items are search.h's: processes, then
 * orphan records. No curses. */
#ifndef PRMWB_TUI_FIND_H
#define PRMWB_TUI_FIND_H

#include <stdbool.h>
#include <stddef.h>

#include "search.h"

struct find {
	struct search_hit *hits;        /* owned, best first */
	size_t n;
};

/* Search ix for needle (words as typed), replacing f's hits. False on
 * out-of-memory (then f has no hits). */
bool find_run(struct find *f, const struct search_index *ix, const char *needle);
/* The best match, or (size_t)-1. */
size_t find_best(const struct find *f);
/* Is item one of the matches? */
bool find_has(const struct find *f, size_t item);
/* The match after (dir > 0) or before item, wrapping around (*wrapped, if
 * not NULL, says whether it did); from an item that is not a match: the
 * first or the last. (size_t)-1 if there is none. */
size_t find_step(const struct find *f, size_t item, int dir, bool *wrapped);
void find_free(struct find *f);

#endif
