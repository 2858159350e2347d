/* text.h - making untrusted UTF-8 text safe and measurable for a terminal.
 *
 * Every string from a model or a record goes through text_escape() before it
 * reaches a terminal: C0/C1 control characters, DEL and ESC become visible
 * (^[, ^?, \u0085), bytes that are not valid UTF-8 become \xNN. Widths are
 * display columns (wide CJK characters count 2, combining marks 0). */
#ifndef PRMWB_TEXT_H
#define PRMWB_TEXT_H

#include <stddef.h>
#include <stdarg.h>
#include <stdbool.h>

enum {
	TEXT_KEEP_NEWLINES = 1 << 0, /* '\n' passes through (multi-line fields) */
	TEXT_KEEP_TABS     = 1 << 1, /* '\t' passes through, otherwise a space */
	TEXT_ASCII         = 1 << 2, /* non-ASCII shown as '?' (non-UTF-8 locale) */
};

/* Escaped copy of s (len bytes, or up to NUL if len == (size_t)-1).
 * Returns malloc'd memory the caller frees; NULL only on out-of-memory. */
char *text_escape(const char *s, size_t len, unsigned flags);

/* Decode one UTF-8 character at s (at most len bytes). Returns its length in
 * bytes (>= 1) and stores the code point, or returns 0 for an invalid
 * sequence (then *cp is the single byte). Overlongs, surrogates and values
 * past U+10FFFF are invalid. */
size_t text_utf8_decode(const char *s, size_t len, unsigned *cp);

/* Encode code point cp (at most U+10FFFF, not a surrogate) as UTF-8 into
 * out[4]; returns its length in bytes (1 to 4). */
size_t text_utf8_encode(unsigned cp, char *out);

/* Display width of one code point (0, 1 or 2); controls count 0. */
int text_cp_width(unsigned cp);

/* Display width of an (escaped, valid UTF-8) string of len bytes. */
int text_width(const char *s, size_t len);

/* How many bytes of s (len bytes) fit in width columns without splitting a
 * character; *used (if not NULL) receives the columns they take. */
size_t text_fit(const char *s, size_t len, int width, int *used);

/* Lines of a paragraph wrapped to width columns (display columns: wide
 * characters count 2). A line breaks at spaces, or between two characters
 * of which one is wide (CJK text has no spaces), but not before closing
 * or after opening punctuation; a combining mark stays with its base; a
 * word longer than a line is cut. Input '\n' starts a new line. */
struct text_lines {
	char **line;        /* owned, each malloc'd, without '\n' */
	size_t n, cap;
};
/* Appends to out; returns false on out-of-memory. width < 1 means 1. */
bool text_wrap(const char *s, int width, struct text_lines *out);
void text_lines_free(struct text_lines *l);

/* The first line of s (len bytes, no '\n') wrapped to width columns by
 * the rules of text_wrap: returns its length in bytes (trailing spaces
 * left out); *next (if not NULL) receives where the next line starts
 * (spaces skipped), len if this line takes the rest. */
size_t text_wrap_line(const char *s, size_t len, int width, size_t *next);
/* True if text_wrap may start a line at s + i (a character boundary of the
 * NUL-terminated s): a character after a space, or between two characters
 * of which one is wide. False at 0, at a space and at the end. */
bool text_can_break(const char *s, size_t i);

/* Unicode simple case folding (CaseFolding.txt statuses C and S: one code
 * point to one) of a code point: the same in every locale (LANG=C too).
 * The table is src/casefold.h, made by src/casefold.awk. */
unsigned text_fold_cp(unsigned cp);
/* The Unicode version of that table, e.g. "15.0.0". */
const char *text_fold_unicode_version(void);

/* Folded copy of s (len bytes) into out (cap bytes; NUL-terminated if cap
 * > 0, never a partial character). Returns the folded length (without
 * NUL), which may exceed cap - 1, like snprintf. Invalid UTF-8 bytes are
 * copied as they are. Linear, no allocation. */
size_t text_fold(const char *s, size_t len, char *out, size_t cap);
/* Folded copy of s (len bytes, or up to NUL if len == (size_t)-1), malloc'd:
 * the caller frees it; NULL on out-of-memory. */
char *text_fold_dup(const char *s, size_t len);

/* Where needle (already folded, nlen bytes) occurs in hay (len bytes,
 * folded while comparing), or NULL; *match_len (if not NULL) receives
 * the length of the match in hay, which may differ from nlen. */
const char *text_fold_find(const char *hay, size_t len, const char *needle,
                           size_t nlen, size_t *match_len);

/* Case-insensitive substring search (Unicode simple case folding, as
 * above). Returns the position of needle in hay or NULL. */
const char *text_casestr(const char *hay, const char *needle);

/* printf into new memory: returns a malloc'd string the caller frees, or
 * NULL on out-of-memory. */
char *text_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *text_vprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* True if the current locale's character set is UTF-8. */
bool text_locale_is_utf8(void);

#endif
