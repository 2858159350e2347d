/* search_internal.h - for tests only: the search index as it was before
 * ASCII texts were matched in place, the reference the lean index must
 * agree with, hit for hit. */
#ifndef PRMWB_SEARCH_INTERNAL_H
#define PRMWB_SEARCH_INTERNAL_H

#include "search.h"

/* search_index_new() with a folded copy of every text, ASCII or not (each
 * matched by strstr in its copy). Free with search_index_free(). */
struct search_index *search_index_new_folded(const struct prm_model *m);

#endif
