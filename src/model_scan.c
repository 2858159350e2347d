/* model_scan.c - count elements and attributes in a model's raw bytes,
 * linear in the size, before the XML parser runs (see model_scan.h).
 *
 * It runs on every load, so it is written for speed: text between tags
 * and end tags are passed with memchr, the bytes of a start tag through
 * a table of the few that matter, and line numbers (only a refusal needs
 * one) are counted when one is needed, not as the scan goes. */
#include "config.h"

#include <string.h>

#include "model.h"
#include "model_scan.h"

/* Bytes that matter inside a start tag: where it ends ('>', or a '<'
 * that no tag or value may hold), quotes and '='; and inside a quoted
 * value: its quote and '<'. */
static const unsigned char in_tag[256] = {
	['<'] = 1, ['>'] = 1, ['"'] = 1, ['\''] = 1, ['='] = 1,
};
static const unsigned char in_dquote[256] = { ['<'] = 1, ['"'] = 1 };
static const unsigned char in_squote[256] = { ['<'] = 1, ['\''] = 1 };

/* The first byte at or after q (before end) that stop marks, or end. */
static const char *next_of(const char *q, const char *end, const unsigned char *stop)
{
	while (end - q >= 4) {
		if (stop[(unsigned char)q[0]])
			return q;
		if (stop[(unsigned char)q[1]])
			return q + 1;
		if (stop[(unsigned char)q[2]])
			return q + 2;
		if (stop[(unsigned char)q[3]])
			return q + 3;
		q += 4;
	}
	while (q < end && !stop[(unsigned char)*q])
		q++;
	return q;
}

/* The line of at: 1 + the line breaks before it. */
static long line_of(const char *buf, const char *at)
{
	long line = 1;
	const char *nl;

	while ((nl = memchr(buf, '\n', (size_t)(at - buf))) != NULL) {
		line++;
		buf = nl + 1;
	}
	return line;
}

static bool starts(const char *p, const char *end, const char *lit, size_t n)
{
	return (size_t)(end - p) >= n && memcmp(p, lit, n) == 0;
}

/* Past the terminator term of what starts at p (from bytes in), or end
 * if there is none: a comment, CDATA section or processing instruction. */
static const char *skip_past(const char *p, const char *end, size_t from,
                             const char *term, size_t n)
{
	const char *at = NULL;

	if ((size_t)(end - p) >= from)
		at = memmem(p + from, (size_t)(end - p) - from, term, n);
	return at ? at + n : end;
}

/* A declaration (<!DOCTYPE ...>, with an internal subset in brackets):
 * up to the '>' outside quotes and brackets. The parser refuses any
 * DOCTYPE anyway; this only keeps our count of what follows right. */
static const char *skip_decl(const char *p, const char *end)
{
	const char *q = p + 2;
	char quote = 0;
	long depth = 0;

	for (; q < end; q++) {
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
	return q;
}

static bool name_end(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '/' ||
	       c == '>' || c == '<' || c == '=' || c == '"' || c == '\'';
}

/* The message for the start tag at p with too many attributes. */
static void too_many_attrs(const char *buf, const char *p, const char *end,
                           const char *name, struct diag *diag)
{
	const char *el = p + 1, *q = el;
	int el_len;

	while (q < end && !name_end(*q))
		q++;
	el_len = (int)(q - el);
	/* The name for the message: at most 40 bytes, not ending inside a
	 * UTF-8 sequence. */
	if (el_len > 40) {
		el_len = 40;
		while (el_len > 0 && ((unsigned char)el[el_len] & 0xC0) == 0x80)
			el_len--;
	}
	diag_addf(diag, name, line_of(buf, p), "element <%.*s> has more than %d "
	          "attributes, the limit for one element", el_len, el, PRM_MAX_ATTRS);
}

/* The start tag at p: count its attributes, one per '=' outside quoted
 * values. A quoted value ends at its quote or at a '<', which no value
 * may hold, so a broken value never hides the markup after it. Returns
 * where the scan goes on (after the '>', or at a '<' or the end), or NULL
 * past PRM_MAX_ATTRS (with the message in diag). */
static const char *scan_start_tag(const char *buf, const char *p, const char *end,
                                  const char *name, struct diag *diag,
                                  size_t *max_attrs)
{
	const char *q = p + 1;
	size_t attrs = 0;

	for (;;) {
		char c;

		q = next_of(q, end, in_tag);
		if (q == end || *q == '<')
			break;
		c = *q++;
		if (c == '>')
			break;
		if (c == '=') {
			if (++attrs > PRM_MAX_ATTRS) {
				too_many_attrs(buf, p, end, name, diag);
				return NULL;
			}
			continue;
		}
		/* A quoted value. */
		q = next_of(q, end, c == '"' ? in_dquote : in_squote);
		if (q < end && *q == c)
			q++;
	}
	if (attrs > *max_attrs)
		*max_attrs = attrs;
	return q;
}

/* Whether buf is surely within the limits, from two counts that memchr
 * makes cheap: the '<' (each element starts with one) and the '=' from
 * each '<' to the next (a start tag ends at a '<' at the latest, so it
 * cannot hold more). False means only "look closer". */
static bool surely_within(const char *buf, const char *end)
{
	const char *p = buf, *lt;
	size_t n_lt = 0;

	for (;;) {
		const char *eq = p;
		size_t n_eq = 0;

		lt = memchr(p, '<', (size_t)(end - p));
		if (!lt)
			lt = end;
		/* Fewer bytes than the limit hold fewer '=' than it too. */
		if (lt - p > PRM_MAX_ATTRS)
			while ((eq = memchr(eq, '=', (size_t)(lt - eq))) != NULL) {
				if (++n_eq > PRM_MAX_ATTRS)
					return false;
				eq++;
			}
		if (lt == end)
			return true;
		if (++n_lt > PRM_MAX_ELEMENTS)
			return false;
		p = lt + 1;
	}
}

bool model_scan(const char *buf, size_t len, const char *name,
                struct diag *diag, struct model_scan_stats *stats)
{
	const char *p = buf, *end = buf + len;
	struct model_scan_stats st = { 0, 0 };

	/* The common case, a file well within the limits, needs no more;
	 * the counts (stats) and a refusal's message need the whole scan. */
	if (!stats && surely_within(buf, end))
		return true;

	while (p < end) {
		const char *lt = memchr(p, '<', (size_t)(end - p));
		char c1;

		if (!lt)
			break;
		p = lt;
		c1 = end - p > 1 ? p[1] : 0;
		if (c1 == '/') {
			/* An end tag holds nothing to count: the next '<' is
			 * where the scan goes on, whether its '>' is there or not. */
			p += 2;
		} else if (c1 == '!') {
			if (starts(p, end, "<!--", 4))
				p = skip_past(p, end, 4, "-->", 3);
			else if (starts(p, end, "<![CDATA[", 9))
				p = skip_past(p, end, 9, "]]>", 3);
			else
				p = skip_decl(p, end);
		} else if (c1 == '?') {
			p = skip_past(p, end, 2, "?>", 2);
		} else {
			if (++st.elements > PRM_MAX_ELEMENTS) {
				diag_addf(diag, name, line_of(buf, p), "more than %d elements, "
				          "the limit for one model", PRM_MAX_ELEMENTS);
				return false;
			}
			p = scan_start_tag(buf, p, end, name, diag, &st.max_attrs);
			if (!p)
				return false;
		}
	}
	if (stats)
		*stats = st;
	return true;
}
