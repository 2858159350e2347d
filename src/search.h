/* search.h - ranked, case-insensitive search over a model's text. */
#ifndef PRMWB_SEARCH_H
#define PRMWB_SEARCH_H

#include <stddef.h>
#include "model.h"

/* Where the best hit was; lower value = stronger hit. */
enum search_where {
	SEARCH_ID = 0, SEARCH_NAME, SEARCH_PURPOSE, SEARCH_OUTCOME,
	SEARCH_ACTIVITY, SEARCH_OTHER,
};

struct search_hit {
	size_t process;         /* index into model->processes */
	int score;              /* higher is better */
	enum search_where where;
	const char *snippet;    /* the text that matched (points into the model) */
};

/* Search for all words (each must match somewhere in the process: AND),
 * case-insensitive. Ranked by score, ties in model order. Returns the number
 * of hits and stores a malloc'd array in *hits (caller frees; NULL when 0). */
size_t search_model(const struct prm_model *model, const char *const *words,
                    size_t n_words, struct search_hit **hits);

#endif
