/* find.h - the workbench's search, a thin layer over search.h: `/` goes to
 * the best match (the order of `prmwb search`: the same fields and rules,
 * plus record text and orphan records), n and N step through the matches
 * in that order, wrapping around, and the hint says which match of how
 * many it is. Items are search.h's: processes, then orphan records. No
 * curses.
 *
 * Cost per keystroke, whatever the model's size:
 * - a query that only narrows the last one (a word typed on, another
 *   word added; search_query_narrows) looks only at the last one's
 *   matches, and at the items the last one had not looked at yet;
 * - a search looks at FIND_SLICE items at most per call of find_more:
 *   the workbench looks at the rest between keys, a slice at a time, and
 *   a key typed meanwhile narrows or restarts it (a model up to
 *   FIND_SLICE processes is always searched whole at once);
 * - the matches are never sorted: the best one, a match's place and the
 *   next one are each found in one pass over the matches. */
#ifndef PRMWB_TUI_FIND_H
#define PRMWB_TUI_FIND_H

#include <stdbool.h>
#include <stddef.h>

#include "search.h"

/* Items looked at per find_more slice. */
#define FIND_SLICE 2048

struct find {
	struct search_hit *hits;        /* owned, in item order (not ranked) */
	size_t n, cap;
	struct search_query *q;         /* the query they are the matches of */
	unsigned long generation;       /* the index's when the search started */
	size_t *cand;                   /* items to look at, in order (NULL: every item) */
	size_t n_cand, pos;             /* how many; looked at so far */
	size_t scanned;                 /* items the last find_start will look at ((size_t)-1: all) */
};

/* Start searching ix for needle (words as typed), replacing f's hits;
 * when needle only narrows f's query on the same index, only its matches
 * and the items it had not looked at are looked at. Looks at nothing yet
 * (find_more). False on out-of-memory (then f has no hits). */
bool find_start(struct find *f, const struct search_index *ix, const char *needle);
/* Look at up to budget more items; true when the search is done. */
bool find_more(struct find *f, const struct search_index *ix, size_t budget);
/* Whether every item has been looked at. */
bool find_done(const struct find *f);
/* find_start, then find_more until done. */
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
