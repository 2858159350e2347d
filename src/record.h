/* record.h - the fields of a process record, and their validation.
 *
 * A record is what users write about one process: owner, status,
 * applicable/justification, notes, evidence, review date, target level,
 * the nine process attribute ratings of ISO/IEC 33020 (pa.1.1 ... pa.5.2)
 * and one rating per outcome. Every field is declared once, in
 * record_fields[]: validation, the CLI's usage and error messages, the
 * workbench's labels and the man page's list (src/manfields.c) all come
 * from that table. Derived fields (level, gap) are in it too, so that
 * users can read them like the others and are told why they cannot set
 * them; assess.h computes them. This module does not touch storage
 * (store.h does). */
#ifndef PRMWB_RECORD_H
#define PRMWB_RECORD_H

#include <stdbool.h>
#include <stddef.h>

enum field_kind {
	FIELD_LINE,         /* one line of text (owner) */
	FIELD_TEXT,         /* multi-line text (notes, justification) */
	FIELD_LIST,         /* multi-line, one item a line (evidence) */
	FIELD_ENUM,         /* one of a fixed set (status, applicable, target,
	                     * pa.K.N, outcome.N) */
	FIELD_DATE,         /* YYYY-MM-DD, a real calendar date */
	FIELD_DERIVED,      /* computed from other fields, never stored: every
	                     * value (an empty one too) is refused */
};

struct field_def {
	const char *name;           /* "owner", ..., "outcome" for outcome.N */
	enum field_kind kind;
	const char *const *choices; /* FIELD_ENUM: NULL-terminated; else NULL */
	const char *const *choice_help; /* FIELD_ENUM: meaning of each choice */
	const char *help;           /* what the field holds, one short line (no
	                             * list of choices: those come from choices) */
	const char *label;          /* for people, at most RECORD_LABEL_COLS
	                             * columns: "Owner", "PA 1.1" */
	bool numbered;              /* typed as name.N (outcome.N), N >= 1 */
	int cap_level;              /* a process attribute: the capability level
	                             * (1-5) it belongs to; 0 for other fields */
	const char *derived_from;   /* FIELD_DERIVED: what it is computed from */
};

/* Longest value any field takes, in bytes (64 KiB). */
#define RECORD_MAX_VALUE (64u * 1024u)

/* Widest field label, in columns (the workbench's label column). */
#define RECORD_LABEL_COLS 13

/* The fields in display order; outcome.N is represented once, as "outcome"
 * (numbered), and is the last. */
extern const struct field_def record_fields[];
extern const size_t record_n_fields;

/* Definition for a field name as users type it ("owner", "outcome.3").
 * For outcome.N stores N in *outcome (if not NULL) and checks only the
 * syntax (N >= 1); whether the process has outcome N is checked by
 * record_validate(). NULL if there is no such field. */
const struct field_def *record_field(const char *name, int *outcome);

/* How a field is typed: its name, or "outcome.N" for a numbered one.
 * Static storage. */
const char *record_field_syntax(const struct field_def *def);

/* Check (and normalise) a value for a field of a process with n_outcomes
 * outcomes. An empty value always means "clear the field" and is valid,
 * except where noted in the why message (a derived field refuses every
 * value). On success returns a malloc'd normalised value (trailing
 * newlines/whitespace trimmed; enum values lower-cased or upper-cased as
 * defined) that the caller frees. On failure returns NULL and *why gets a
 * malloc'd message (caller frees) naming the field and listing what is
 * allowed. */
char *record_validate(const char *field, const char *value, size_t n_outcomes, char **why);

/* The status values in order, and a one-character mark for each (for the
 * tree): '-' not set, ' ' not-started, 'p' planned, 'i' in-progress,
 * 'I' implemented, 'V' verified. */
char record_status_mark(const char *status);

/* Index of status in the status field's choices (0 not-started ... 4
 * verified), or -1 if it is not one of them (not set). */
int record_status_index(const char *status);

#endif
