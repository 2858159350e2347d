/* search.h - ranked search over a model's text (and, in the workbench,
 * record text and orphan records): the one search of `prmwb search` and
 * the workbench's `/`.
 *
 * The rules (man prmwb, SEARCH):
 * - A query is words (split at spaces); every word must match somewhere in
 *   a process (AND). Words match as substrings, case-insensitively by
 *   Unicode simple case folding (the same under LANG=C).
 * - Stop words (search_stop_words) are left out when the query has other
 *   words: they neither select, rank nor pick the field shown. A query of
 *   stop words only is searched as it is.
 * - Clause ids are compared as numbers, not text: "6.1.2", "A.5.24",
 *   "Annex A 5.24" (annex given: only that annex), "5.24" (any annex, or
 *   none), "27001 6.1.2" or "ISO/IEC 27001:2022 6.1.2" (only references to
 *   that standard). They find the process with that id (first), processes
 *   whose references name the clause (exactly; inside a range such as
 *   "5.19-5.23"; a sub-clause of it; the clause it is part of), then
 *   mentions of the number in text ("5.2" never finds "5.24" or "15.2").
 * - A word scores by the strongest field it matches: id, name, purpose,
 *   summary, outcomes, activities, record text, then inputs, outputs,
 *   references and relations. A process scores the sum over its words; ties
 *   keep model order (then orphan records, in the order given).
 *
 * Build a search_index once per model load (and feed it record text as it
 * changes); a query is parsed once and can be run on every keystroke. */
#ifndef PRMWB_SEARCH_H
#define PRMWB_SEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include "model.h"

/* The field a hit was found in, strongest first. */
enum search_field {
	SEARCH_ID, SEARCH_NAME, SEARCH_PURPOSE, SEARCH_SUMMARY, SEARCH_OUTCOME,
	SEARCH_ACTIVITY, SEARCH_RECORD, SEARCH_INPUT, SEARCH_OUTPUT,
	SEARCH_REFERENCE, SEARCH_RELATION,
};

/* "id", "name", "purpose", ..., "record" (for output). */
const char *search_field_name(enum search_field f);

/* The stop words, NULL-terminated (for --help and tests). */
extern const char *const search_stop_words[];

struct search_index;
struct search_query;

/* An index of model m (borrowed: it must outlive the index, its texts are
 * searched where they are): folded copies of its texts that are not pure
 * ASCII, and parsed clause ids. NULL on out-of-memory. */
struct search_index *search_index_new(const struct prm_model *m);
void search_index_free(struct search_index *ix);

/* The record text of process p (all values; NULL: none), copied. False on
 * out-of-memory (the old text is kept). */
bool search_index_set_record(struct search_index *ix, size_t p, const char *text);

/* The orphan records (ids the model lacks and their record text, texts[i]
 * may be NULL), copied; replaces the previous ones. They are items
 * n_processes .. n_processes + n - 1. False on out-of-memory (then there
 * are none). */
bool search_index_set_orphans(struct search_index *ix, const char *const *ids,
                              const char *const *texts, size_t n);

/* A query from words (each may hold several, split at white space). NULL
 * on out-of-memory. A query without words matches nothing. */
struct search_query *search_query_new(const char *const *words, size_t n_words);
void search_query_free(struct search_query *q);

struct search_hit {
	size_t item;            /* process index; >= n_processes: an orphan record */
	int score;              /* higher is better */
	enum search_field field; /* where the strongest word matched */
	size_t index;           /* which outcome, activity, ..., reference */
	const char *text;       /* that field's text: borrowed from the model or
	                         * the index (valid until its record changes) */
};

/* Every item matching q, best first. Returns the number of hits and a
 * malloc'd array in *hits (the caller frees it; NULL when 0 or on
 * out-of-memory). */
size_t search_run(const struct search_index *ix, const struct search_query *q,
                  struct search_hit **hits);

/* The hits of q among items[0..n_items) (NULL: every item), in the order
 * given, not ranked: for a caller that ranks only what it shows (the
 * workbench). Returns their number and a malloc'd array in *hits (the
 * caller frees it; NULL when 0 or on out-of-memory). */
size_t search_filter(const struct search_index *ix, const struct search_query *q,
                     const size_t *items, size_t n_items, struct search_hit **hits);
/* Whether item i matches q: true with *hit filled, or false. A query
 * without active words (search_query_active) matches nothing. */
bool search_item(const struct search_index *ix, const struct search_query *q, size_t i,
                 struct search_hit *hit);
/* Whether q has a word that selects (an empty query has none). */
bool search_query_active(const struct search_query *q);
/* The items: processes, then orphan records. */
size_t search_index_items(const struct search_index *ix);
/* Whether a ranks before b in search_run's order (score, then item). */
bool search_hit_before(const struct search_hit *a, const struct search_hit *b);
/* Whether every item matching neu also matches old (neu only narrows old,
 * as when a word is typed on): then neu's hits can be found among old's. */
bool search_query_narrows(const struct search_query *old, const struct search_query *neu);
/* A number that changes whenever record text or orphans change: hits
 * found before a change may not be narrowed after it. */
unsigned long search_index_generation(const struct search_index *ix);

/* Index, query and run in one go over the model alone (no records). */
size_t search_model(const struct prm_model *m, const char *const *words,
                    size_t n_words, struct search_hit **hits);

/* A one-line piece of text around q's first match in it, escaped for the
 * terminal (text_escape with esc_flags), at most width columns: cut at
 * word boundaries, with a marker ("…", or "..." under TEXT_ASCII) where
 * text was left out. White space runs become one space. malloc'd, the
 * caller frees it; NULL on out-of-memory. */
char *search_snippet(const char *text, const struct search_query *q, int width,
                     unsigned esc_flags);

#endif
