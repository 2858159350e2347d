/* ratekeys.h - one-key rating (the profile view P, and r in the detail
 * pane) and the profile view's own keys: one table each, from which both
 * the views' dispatch and the help screen come, as keys.h does for the
 * main view. No curses, no store: what a key does to a rating is decided
 * here and tested alone.
 *
 * The rating keys: n p l f rate N, P, L or F; - and + refine a P or an L
 * to its lower or upper half (P-, P+, L-, L+; on P- or P+ they switch
 * halves, the letter stays); x or Delete clears. ISO/IEC 33020 has no
 * halves of N and F: - and + on N or F (or on nothing yet) are refused
 * with a message and write nothing. */
#ifndef PRMWB_TUI_RATEKEYS_H
#define PRMWB_TUI_RATEKEYS_H

#include <stdbool.h>
#include <stddef.h>

#include "assess.h"

enum rate_op {
	RATE_NONE = 0,
	RATE_SET,           /* to the key's rating */
	RATE_LOWER,         /* P -> P-, L -> L- */
	RATE_UPPER,         /* P -> P+, L -> L+ */
	RATE_CLEAR,         /* not rated */
};

/* The profile view's other keys (moving between cells, as of a
 * baseline, opening a process); the rest are the main view's (j/k, g/G,
 * PgUp/PgDn, u, C-r, ?, q). */
enum profile_req {
	PROF_NONE = 0,
	PROF_LEFT, PROF_RIGHT, PROF_AS_OF, PROF_OPEN,
};
struct rate_key {
	int key;
	enum rate_op op;
	enum assess_rating rating;      /* RATE_SET */
	enum profile_req req;           /* the profile view's own keys */
	const char *help;
};

/* What key does to a rating, or NULL if it is not a rating key. */
const struct rate_key *rate_key_of(int key);

/* The rating after k on cur into *out; false, with why (static text), if
 * the key does not apply (refining N, F or an unrated value). */
bool rate_apply(const struct rate_key *k, enum assess_rating cur, enum assess_rating *out,
                const char **why);

/* The profile request bound to key, or PROF_NONE. */
enum profile_req rate_profile_request(int key);

/* Help lines "KEYS  what it does", the rating keys (profile true: and the
 * profile view's own keys before them), keys joined with ", " and padded
 * to keycol columns. Caller frees each and the array. */
char **rate_help_lines(int keycol, bool profile, size_t *n);

#endif
