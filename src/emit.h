/* emit.h - text from records and models, escaped for each export format.
 *
 * Every string an export writes that comes from a model or a record goes
 * through one of these. The lossless formats (XML, JSON) keep every
 * character and write those a terminal or a reader could mistake as
 * character references or escapes: DEL and the C1 controls too, so that
 * `cat` of an export never sends a control sequence to a terminal. The
 * report formats (CSV, Markdown, HTML) show control characters the way the
 * terminal does (text_escape(): ^[ for ESC, \u0085 for a C1 control, \xNN
 * for a byte that is not UTF-8), keeping line breaks and tabs. Nothing here
 * allocates beyond a temporary copy; write errors show in ferror(f). */
#ifndef PRMWB_EMIT_H
#define PRMWB_EMIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Where s cannot be written losslessly as XML 1.0 (a byte that is not
 * UTF-8, a C0 control other than tab, LF and CR, U+FFFE or U+FFFF) or as
 * JSON (a byte that is not UTF-8): the byte offset, or -1 if it can. */
long emit_xml_unwritable(const char *s);
long emit_json_unwritable(const char *s);

/* XML character data or an attribute value (the same escaping for both):
 * & < > " as entities; tab, LF and CR as &#9; &#10; &#13; (so that a value
 * is one line and an attribute keeps them); DEL and C1 controls as &#xNN;.
 * s must be writable (emit_xml_unwritable() < 0). */
void emit_xml(FILE *f, const char *s);

/* A JSON string with its quotes: " and \ escaped, control characters as
 * \b \f \n \r \t or \u00XX, DEL, C1 controls and U+2028/U+2029 as \uXXXX.
 * s must be UTF-8 (emit_json_unwritable() < 0). */
void emit_json(FILE *f, const char *s);

/* One CSV cell (RFC 4180): quoted when it holds a comma, a quote, a line
 * break or a leading/trailing blank, a quote doubled. A free-text cell that
 * starts with = + - @, a tab or a CR, which a spreadsheet would run as a
 * formula, is neutralised as OWASP recommends: a ' before it, quoted
 * ("'=1+2"). Control characters as text_escape() shows them. */
void emit_csv(FILE *f, const char *s, bool free_text);
/* Whether emit_csv() would neutralise s as free text. */
bool emit_csv_formula(const char *s);

/* HTML text or attribute value: & < > " ' as references; control
 * characters as text_escape() shows them; line breaks kept (the caller
 * decides how they show). */
void emit_html(FILE *f, const char *s);

enum {
	EMIT_MD_TABLE = 1 << 0,     /* in a table cell: | escaped, a line
	                             * break as <br> */
};
/* Markdown text that shows as written, on a git forge and in a pager:
 * \ ` * _ [ ] < > | ~ & escaped with a backslash everywhere, and at the
 * start of a line what would start a heading, list, quote, rule or
 * numbered item (# + - = > and "1." / "1)"), leading blanks left out (they
 * would make a code block). Line breaks end a line with
 * a backslash (a hard break) unless EMIT_MD_TABLE. */
void emit_md(FILE *f, const char *s, unsigned flags);

/* UTC time as "YYYY-MM-DDTHH:MM:SSZ" (RFC 3339) into buf (21 bytes or
 * more); "1970-01-01T00:00:00Z" for 0 and anything out of range. */
void emit_time(int64_t t, char *buf, size_t size);

#endif
