/* model_scan.c - count elements and attributes in a model's raw bytes,
 * linear in the size, before the XML parser runs (see model_scan.h). */
#include "config.h"

#include <string.h>

#include "model.h"
#include "model_scan.h"

struct scan {
	const char *p, *end;
	long line;               /* line of p */
};

/* Move s->p to at (at >= s->p), counting the line breaks passed. */
static void advance(struct scan *s, const char *at)
{
	const char *nl;

	while ((nl = memchr(s->p, '\n', (size_t)(at - s->p))) != NULL) {
		s->line++;
		s->p = nl + 1;
	}
	s->p = at;
}

static bool starts(const struct scan *s, const char *lit)
{
	size_t n = strlen(lit);

	return (size_t)(s->end - s->p) >= n && memcmp(s->p, lit, n) == 0;
}

/* Skip past the terminator term (or to the end if there is none): the
 * inside of a comment, CDATA section or processing instruction. */
static void skip_past(struct scan *s, size_t from, const char *term)
{
	size_t n = strlen(term);
	const char *at = NULL;

	if ((size_t)(s->end - s->p) >= from)
		at = memmem(s->p + from, (size_t)(s->end - s->p) - from, term, n);
	advance(s, at ? at + n : s->end);
}

/* A declaration (<!DOCTYPE ...>, with an internal subset in brackets):
 * up to the '>' outside quotes and brackets. The parser refuses any
 * DOCTYPE anyway; this only keeps our count of what follows right. */
static void skip_decl(struct scan *s)
{
	const char *q = s->p + 2;
	char quote = 0;
	long depth = 0;

	for (; q < s->end; q++) {
		if (quote) {
			quote = *q == quote ? 0 : quote;
		} else if (*q == '"' || *q == '\'') {
			quote = *q;
		} else if (*q == '[') {
			depth++;
		} else if (*q == ']') {
			depth -= depth > 0;
		} else if (*q == '>' && depth == 0) {
			q++;
			break;
		}
	}
	advance(s, q);
}

/* An end tag: up to its '>', or to a '<' if it lacks one. */
static void skip_end_tag(struct scan *s)
{
	const char *q = s->p + 2;

	while (q < s->end && *q != '>' && *q != '<')
		q++;
	advance(s, q < s->end && *q == '>' ? q + 1 : q);
}

static bool name_end(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '/' ||
	       c == '>' || c == '<' || c == '=' || c == '"' || c == '\'';
}

/* A start tag at s->p: count its attributes, one per '=' outside quoted
 * values. A quoted value ends at its quote or at a '<', which no value
 * may hold, so a broken value never hides the markup after it. Returns
 * false (with the message in diag) past PRM_MAX_ATTRS. */
static bool scan_start_tag(struct scan *s, const char *name, struct diag *diag,
                           size_t *max_attrs)
{
	const char *q = s->p + 1, *el = q;
	long line = s->line;
	size_t attrs = 0;
	char quote = 0;
	int el_len;

	while (q < s->end && !name_end(*q))
		q++;
	el_len = (int)(q - el);
	for (; q < s->end; q++) {
		if (*q == '<')
			break;
		if (quote) {
			quote = *q == quote ? 0 : quote;
		} else if (*q == '"' || *q == '\'') {
			quote = *q;
		} else if (*q == '>') {
			q++;
			break;
		} else if (*q == '=' && ++attrs > PRM_MAX_ATTRS) {
			/* The name for the message: at most 40 bytes, not
			 * ending inside a UTF-8 sequence. */
			if (el_len > 40) {
				el_len = 40;
				while (el_len > 0 && ((unsigned char)el[el_len] & 0xC0) == 0x80)
					el_len--;
			}
			diag_addf(diag, name, line, "element <%.*s> has more than %d "
			          "attributes, the limit for one element", el_len, el,
			          PRM_MAX_ATTRS);
			return false;
		}
	}
	if (attrs > *max_attrs)
		*max_attrs = attrs;
	advance(s, q);
	return true;
}

bool model_scan(const char *buf, size_t len, const char *name,
                struct diag *diag, struct model_scan_stats *stats)
{
	struct scan s = { buf, buf + len, 1 };
	struct model_scan_stats st = { 0, 0 };

	while (s.p < s.end) {
		const char *lt = memchr(s.p, '<', (size_t)(s.end - s.p));

		if (!lt) {
			advance(&s, s.end);
			break;
		}
		advance(&s, lt);
		if (starts(&s, "<!--")) {
			skip_past(&s, 4, "-->");
		} else if (starts(&s, "<![CDATA[")) {
			skip_past(&s, 9, "]]>");
		} else if (starts(&s, "<?")) {
			skip_past(&s, 2, "?>");
		} else if (starts(&s, "<!")) {
			skip_decl(&s);
		} else if (starts(&s, "</")) {
			skip_end_tag(&s);
		} else {
			if (++st.elements > PRM_MAX_ELEMENTS) {
				diag_addf(diag, name, s.line, "more than %d elements, the "
				          "limit for one model", PRM_MAX_ELEMENTS);
				return false;
			}
			if (!scan_start_tag(&s, name, diag, &st.max_attrs))
				return false;
		}
	}
	if (stats)
		*stats = st;
	return true;
}
