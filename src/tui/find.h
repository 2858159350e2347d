/* find.h - the workbench's search, a thin layer over search.h: `/` goes to
 * the best match (the order of `prmwb search`: the same fields and rules,
 * plus record text and orphan records), n and N step through the matches
 * in that order, wrapping around, and the hint says which match of how
 * many it is. Items are search.h's: processes, then orphan records. No
 * curses.
 *
 * Cost per keystroke: a query that only narrows the last one (a word
 * typed on, another word added) is run over the last one's matches, not
 * the model; the matches are never sorted: the best one, a match's place
 * and the next one are each found in one pass over the matches. */
#ifndef PRMWB_TUI_FIND_H
#define PRMWB_TUI_FIND_H

#include <stdbool.h>
#include <stddef.h>

#include "search.h"

struct find {
	struct search_hit *hits;        /* owned, in item order (not ranked) */
	size_t n;
	struct search_query *q;         /* the query they are the matches of */
	unsigned long generation;       /* the index's when they were found */
	size_t scanned;                 /* items looked at by the last find_run */
};

/* Search ix for needle (words as typed), replacing f's hits; when needle
 * only narrows f's last query on the same index, only its matches are
 * looked at. False on out-of-memory (then f has no hits). */
bool find_run(struct find *f, const struct search_index *ix, const char *needle);
/* The best match, or (size_t)-1. */
size_t find_best(const struct find *f);
/* Is item one of the matches? */
bool find_has(const struct find *f, size_t item);
/* Item's place among the matches, best first (1 for the best), or 0 if it
 * is not one. */
size_t find_rank(const struct find *f, size_t item);
/* The match after (dir > 0) or before item, wrapping around (*wrapped, if
 * not NULL, says whether it did); from an item that is not a match: the
 * first or the last. (size_t)-1 if there is none. */
size_t find_step(const struct find *f, size_t item, int dir, bool *wrapped);
void find_free(struct find *f);

#endif
