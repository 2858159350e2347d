/* clause.c - clause ids as numbers: parsing, comparing, finding in text. */
#include "config.h"
#include "clause.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_letter(char c)
{
	return c >= 'a' && c <= 'z';
}

/* Parse "N(.N)*" at *s (folded) into c's parts; advances *s. False if
 * there is no number or it is out of range. */
static bool parse_number(const char **s, const char *end, struct clause *c)
{
	const char *p = *s;

	c->n = 0;
	for (;;) {
		unsigned long v = 0;
		const char *d = p;

		while (p < end && is_digit(*p) && v <= 65535)
			v = v * 10 + (unsigned)(*p++ - '0');
		if (p == d || v > 65535 || c->n == CLAUSE_MAX_PARTS)
			return false;
		c->part[c->n++] = (unsigned short)v;
		if (p + 1 < end && *p == '.' && is_digit(p[1]))
			p++;
		else
			break;
	}
	*s = p;
	return true;
}

static const char *skip_blank(const char *s, const char *end)
{
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	return s;
}

/* An annex prefix at *s: "annex a ", "a." or (if bare_letter) "a". Sets
 * c->annex and advances *s; otherwise leaves both. */
static void parse_annex(const char **s, const char *end, struct clause *c)
{
	const char *p = *s;

	if ((size_t)(end - p) > 5 && memcmp(p, "annex", 5) == 0 && (p[5] == ' ' || p[5] == '\t')) {
		p = skip_blank(p + 5, end);
		if (p < end && is_letter(*p) && p + 1 < end && !is_letter(p[1])) {
			c->annex = *p++;
			if (*p == '.')
				p++;
			*s = skip_blank(p, end);
		}
		return;
	}
	if (p + 2 < end && is_letter(p[0]) && p[1] == '.' && is_digit(p[2])) {
		c->annex = p[0];
		*s = p + 2;
	}
}

bool clause_parse_ref(const char *s, struct clause *lo, struct clause *hi)
{
	const char *end = s + strlen(s), *p = skip_blank(s, end);

	memset(lo, 0, sizeof *lo);
	parse_annex(&p, end, lo);
	if (!parse_number(&p, end, lo))
		return false;
	*hi = *lo;
	p = skip_blank(p, end);
	if (p == end)
		return true;
	if (*p == '-')
		p++;
	else if ((size_t)(end - p) >= 3 && memcmp(p, "\xe2\x80\x93", 3) == 0)   /* en dash */
		p += 3;
	else if ((size_t)(end - p) >= 3 && memcmp(p, "to ", 3) == 0)
		p += 3;
	else
		return true;
	p = skip_blank(p, end);
	{
		struct clause h = { 0 };
		parse_annex(&p, end, &h);
		if (!parse_number(&p, end, &h) || skip_blank(p, end) != end ||
		    (h.annex && h.annex != lo->annex) || h.n > lo->n)
			return false;
		/* "5.19-23": the upper bound's missing leading parts are lo's. */
		hi->n = lo->n;
		for (unsigned i = 0; i < h.n; i++)
			hi->part[lo->n - h.n + i] = h.part[i];
	}
	return true;
}

struct clause clause_parse_id(const char *s)
{
	struct clause c = { 0 };
	const char *end = s + strlen(s), *p = s;

	parse_annex(&p, end, &c);
	if (!parse_number(&p, end, &c) || p != end)
		c.n = 0;
	return c;
}

/* Compare the parts both have: 0 if one is the other or contains it. */
static int cmp_common(const struct clause *a, const struct clause *b)
{
	unsigned n = a->n < b->n ? a->n : b->n;

	for (unsigned i = 0; i < n; i++)
		if (a->part[i] != b->part[i])
			return a->part[i] < b->part[i] ? -1 : 1;
	return 0;
}

void clause_parse_standard(const char *s, unsigned *num, unsigned *year)
{
	*num = *year = 0;
	for (const char *p = s; *p; p++) {
		const char *d = p;
		unsigned v = 0;

		if (!is_digit(*p) || (p > s && is_digit(p[-1])))
			continue;
		while (is_digit(*p) && p - d < 6)
			v = v * 10 + (unsigned)(*p++ - '0');
		if (p - d < 4 || p - d > 5 || is_digit(*p)) {
			while (is_digit(*p))
				p++;
			if (!*p)
				break;
			continue;
		}
		*num = v;
		if (p[0] == ':' && is_digit(p[1]) && is_digit(p[2]) && is_digit(p[3]) &&
		    is_digit(p[4]) && !is_digit(p[5]))
			*year = (unsigned)((p[1] - '0') * 1000 + (p[2] - '0') * 100 +
			                   (p[3] - '0') * 10 + (p[4] - '0'));
		return;
	}
}

/* A bare clause number: "6.1.2" (a dot needed, unless after a standard:
 * "2022" is a word, "27001 4" is clause 4). */
static bool bare_clause(const char *w, struct clause *c, bool single)
{
	const char *p = w, *end = w + strlen(w);

	memset(c, 0, sizeof *c);
	return parse_number(&p, end, c) && p == end && (c->n >= 2 || single);
}

/* "a.5.24", "a5.24" or, after "annex", "a" + "5" / "5.24". */
static bool annex_clause(const char *w, struct clause *c)
{
	const char *p = w + 1, *end = w + strlen(w);

	memset(c, 0, sizeof *c);
	if (!is_letter(w[0]) || !w[1])
		return false;
	if (*p == '.')
		p++;
	if (!parse_number(&p, end, c) || p != end)
		return false;
	if (w[1] != '.' && c->n < 2)
		return false;   /* "a4" is a word */
	c->annex = w[0];
	return true;
}

/* A standard's number: "27001", "27001:2022", "iso27001", "iso/iec27001". */
static bool standard_word(const char *w, unsigned *num, unsigned *year)
{
	static const char *const prefixes[] = { "iso/iec", "iso", "iec", "" };
	size_t digits = 0;

	for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
		size_t n = strlen(prefixes[i]);
		if (strncmp(w, prefixes[i], n) == 0) {
			w += n;
			break;
		}
	}
	while (is_digit(w[digits]))
		digits++;
	if (digits < 4 || digits > 5)
		return false;
	if (w[digits] && !(w[digits] == ':' && strlen(w + digits) == 5 &&
	                   is_digit(w[digits + 1]) && is_digit(w[digits + 2]) &&
	                   is_digit(w[digits + 3]) && is_digit(w[digits + 4])))
		return false;
	clause_parse_standard(w, num, year);
	return *num != 0;
}

/* A clause id without a standard at word i (after a standard's number:
 * single) sets c and returns how many words it takes (0: none). */
static size_t clause_at(char *const *word, size_t n, size_t i, struct clause *c, bool single)
{
	if (strcmp(word[i], "annex") == 0 && i + 1 < n) {
		const char *l = word[i + 1];
		if (is_letter(l[0]) && !l[1] && i + 2 < n) {
			const char *p = word[i + 2], *end = p + strlen(p);
			memset(c, 0, sizeof *c);
			if (parse_number(&p, end, c) && p == end) {
				c->annex = l[0];
				return 3;
			}
		}
		if (annex_clause(l, c) && l[1] == '.')
			return 2;
		return 0;
	}
	if (annex_clause(word[i], c) || bare_clause(word[i], c, single))
		return 1;
	return 0;
}

/* A clause number in text from p on, not part of a longer one: "5.2" is
 * not in "5.24", "15.2" or "5.2.1", but is in "A.5.2" and "(5.2)." Returns
 * where, or NULL. */
static const char *find_number(const char *text, const char *p, const char *num, size_t len)
{
	for (p = strstr(p, num); p; p = strstr(p + 1, num)) {
		const char *e = p + len;
		bool before = p > text && (is_digit(p[-1]) ||
		                           (p[-1] == '.' && p - 1 > text && is_digit(p[-2])));
		bool after = is_digit(*e) || (*e == '.' && is_digit(e[1]));
		if (!before && !after)
			return p;
	}
	return NULL;
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

/* Does text, before p, name annex x: "A." or "Annex A " (any case)? */
static bool annex_before(const char *text, const char *p, char x)
{
	size_t k = (size_t)(p - text);

	if (k >= 2 && p[-1] == '.' && lower(p[-2]) == x &&
	    (k == 2 || !is_letter(lower(p[-3]))))
		return true;
	return k >= 8 && strncasecmp(p - 8, "annex ", 6) == 0 && lower(p[-2]) == x &&
	       p[-1] == ' ' && (k == 8 || !is_letter(lower(p[-9])));
}

const char *clause_find(const char *text, const struct clause_query *q)
{
	size_t len = strlen(q->number);
	const char *p = find_number(text, text, q->number, len);

	while (p && q->c.annex && !annex_before(text, p, q->c.annex))
		p = find_number(text, p + 1, q->number, len);
	return p;
}

size_t clause_query_parse(char *const *w, size_t n, size_t i, struct clause_query *q)
{
	size_t skip = 0, take, k = 0;

	memset(q, 0, sizeof *q);
	/* "ISO/IEC 27001:2022 6.1.2", "27001 6.1.2": a standard named
	 * before a clause id restricts it to that standard. */
	if (i + 2 < n && (strcmp(w[i], "iso/iec") == 0 || strcmp(w[i], "iso") == 0) &&
	    standard_word(w[i + 1], &q->std, &q->year) && clause_at(w, n, i + 2, &q->c, true))
		skip = 2;
	else if (i + 1 < n && standard_word(w[i], &q->std, &q->year) &&
	         clause_at(w, n, i + 1, &q->c, true))
		skip = 1;
	if (!skip)
		q->std = q->year = 0;
	take = clause_at(w, n, i + skip, &q->c, skip > 0);
	if (!take)
		return 0;
	for (unsigned j = 0; j < q->c.n; j++)
		k += (size_t)snprintf(q->number + k, sizeof q->number - k, "%s%u", j ? "." : "",
		                      (unsigned)q->c.part[j]);
	return skip + take;
}

enum clause_match clause_match(const struct clause *q, const struct clause *lo,
                               const struct clause *hi)
{
	if (!q->n || !lo->n || (q->annex && q->annex != lo->annex))
		return CLAUSE_NO;
	if (memcmp(lo->part, hi->part, sizeof lo->part) != 0)
		return cmp_common(lo, q) <= 0 && cmp_common(q, hi) <= 0 ? CLAUSE_IN_RANGE : CLAUSE_NO;
	if (cmp_common(q, lo) != 0)
		return CLAUSE_NO;
	if (q->n == lo->n)
		return CLAUSE_EXACT;
	return q->n < lo->n ? CLAUSE_SUB : CLAUSE_SUPER;
}
