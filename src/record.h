/* record.h - the fields of a process record, and their validation.
 *
 * A record is what users write about one process: owner, status,
 * applicable/justification, notes, evidence, review date and one rating per
 * outcome. This module knows the field names and what values they allow;
 * it does not touch storage (store.h does). */
#ifndef PRMWB_RECORD_H
#define PRMWB_RECORD_H

#include <stdbool.h>
#include <stddef.h>

enum field_kind {
	FIELD_LINE,         /* one line of text (owner) */
	FIELD_TEXT,         /* multi-line text (notes, justification) */
	FIELD_LIST,         /* multi-line, one item a line (evidence) */
	FIELD_ENUM,         /* one of a fixed set (status, applicable, outcome.N) */
	FIELD_DATE,         /* YYYY-MM-DD, a real calendar date */
};

struct field_def {
	const char *name;           /* "owner", ..., "outcome" for outcome.N */
	enum field_kind kind;
	const char *const *choices; /* FIELD_ENUM: NULL-terminated; else NULL */
	const char *const *choice_help; /* FIELD_ENUM: meaning of each choice */
	const char *help;           /* one line for --help, man page and TUI */
};

/* Longest value any field takes, in bytes (64 KiB). */
#define RECORD_MAX_VALUE (64u * 1024u)

/* The fields in display order; outcome.N is represented once, as "outcome". */
extern const struct field_def record_fields[];
extern const size_t record_n_fields;

/* Definition for a field name as users type it ("owner", "outcome.3").
 * For outcome.N stores N in *outcome (if not NULL) and checks only the
 * syntax (N >= 1); whether the process has outcome N is checked by
 * record_validate(). NULL if there is no such field. */
const struct field_def *record_field(const char *name, int *outcome);

/* Check (and normalise) a value for a field of a process with n_outcomes
 * outcomes. An empty value always means "clear the field" and is valid,
 * except where noted in the why message. On success returns a malloc'd
 * normalised value (trailing newlines/whitespace trimmed; enum values
 * lower-cased or upper-cased as defined) that the caller frees. On failure
 * returns NULL and *why gets a malloc'd message (caller frees) naming the
 * field and listing what is allowed. */
char *record_validate(const char *field, const char *value, size_t n_outcomes, char **why);

/* The status values in order, and a one-character mark for each (for the
 * tree): '-' not set, ' ' not-started, 'p' planned, 'i' in-progress,
 * 'I' implemented, 'V' verified. */
char record_status_mark(const char *status);

#endif
