/* diag.h - a list of diagnostics ("FILE:LINE: message") collected while doing
 * something that can fail in several places at once (loading a model). */
#ifndef PRMWB_DIAG_H
#define PRMWB_DIAG_H

#include <stdio.h>
#include <stddef.h>

struct diag {
	char **lines;       /* owned; each malloc'd */
	size_t n, cap;
	size_t max;         /* stop collecting after this many (0: 100) */
	size_t dropped;     /* how many were not kept because of max */
};

#define DIAG_INIT { 0 }

/* Add one printf-formatted line (no trailing newline needed). Never fails:
 * on out-of-memory the line is counted as dropped. */
void diag_add(struct diag *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Add "file:line: message"; line <= 0 leaves the line out. */
void diag_addf(struct diag *d, const char *file, long line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Write each line to f, prefixed by prefix (e.g. "prmwb: ") if not NULL,
 * control characters escaped. */
void diag_print(const struct diag *d, FILE *f, const char *prefix);

void diag_free(struct diag *d);

#endif
