/* text.c - escaping, measuring and wrapping untrusted UTF-8 for terminals. */
#include "config.h"
#include "text.h"

#include <ctype.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

size_t text_utf8_decode(const char *s, size_t len, unsigned *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned c, min;
	size_t n, i;

	if (len == 0)
		return 0;
	c = u[0];
	*cp = c;
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF) { n = 2; c &= 0x1F; min = 0x80; }
	else if (c >= 0xE0 && c <= 0xEF) { n = 3; c &= 0x0F; min = 0x800; }
	else if (c >= 0xF0 && c <= 0xF4) { n = 4; c &= 0x07; min = 0x10000; }
	else return 0;
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((u[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (u[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return n;
}

int text_cp_width(unsigned cp)
{
	int w;

	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
		return 0;
	if (cp < 0x7F)
		return 1;
	w = wcwidth((wchar_t)cp);
	if (w >= 0)
		return w;
	/* The locale does not know it (e.g. LANG=C): the terminal will most
	 * likely show one cell, and ASCII mode replaces it by '?' anyway. */
	return 1;
}

/* Growable output buffer; a failed allocation sets oom and stops growing. */
struct buf {
	char *p;
	size_t n, cap;
	bool oom;
};

static void buf_put(struct buf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->n + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 64;
		char *p;
		while (b->n + n + 1 > cap)
			cap *= 2;
		p = realloc(b->p, cap);
		if (!p) {
			b->oom = true;
			return;
		}
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

char *text_escape(const char *s, size_t len, unsigned flags)
{
	struct buf b = { 0 };
	char tmp[16];
	size_t i = 0;

	if (len == (size_t)-1)
		len = strlen(s);
	buf_put(&b, "", 0);
	while (i < len) {
		unsigned cp;
		size_t n = text_utf8_decode(s + i, len - i, &cp);

		if (n == 0) {
			snprintf(tmp, sizeof tmp, "\\x%02X", (unsigned char)s[i]);
			buf_put(&b, tmp, 4);
			i++;
			continue;
		}
		if (cp == '\n' && (flags & TEXT_KEEP_NEWLINES)) {
			buf_put(&b, "\n", 1);
		} else if (cp == '\t') {
			buf_put(&b, (flags & TEXT_KEEP_TABS) ? "\t" : " ", 1);
		} else if (cp < 0x20) {
			tmp[0] = '^';
			tmp[1] = (char)(cp + 0x40);
			buf_put(&b, tmp, 2);
		} else if (cp == 0x7F) {
			buf_put(&b, "^?", 2);
		} else if (cp >= 0x80 && cp < 0xA0) {
			snprintf(tmp, sizeof tmp, "\\u%04X", cp);
			buf_put(&b, tmp, 6);
		} else if (cp == 0x2028 || cp == 0x2029 || cp == 0x200E || cp == 0x200F ||
		           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) {
			/* Line separators and bidi overrides can reorder or hide
			 * what the user sees: show them as code points. */
			snprintf(tmp, sizeof tmp, "\\u%04X", cp);
			buf_put(&b, tmp, 6);
		} else if (cp >= 0x80 && (flags & TEXT_ASCII)) {
			buf_put(&b, "?", 1);
		} else {
			buf_put(&b, s + i, n);
		}
		i += n;
	}
	if (b.oom) {
		free(b.p);
		return NULL;
	}
	return b.p;
}

size_t text_fit(const char *s, size_t len, int width, int *used)
{
	size_t i = 0;
	int w = 0;

	while (i < len) {
		unsigned cp;
		size_t n = text_utf8_decode(s + i, len - i, &cp);
		int cw;

		if (n == 0) {
			n = 1;
			cw = 1;
		} else {
			cw = text_cp_width(cp);
		}
		if (w + cw > width)
			break;
		w += cw;
		i += n;
	}
	if (used)
		*used = w;
	return i;
}

int text_width(const char *s, size_t len)
{
	int used;

	text_fit(s, len, 1 << 30, &used);
	return used;
}

static bool lines_push(struct text_lines *out, const char *s, size_t n)
{
	char *line;

	if (out->n == out->cap) {
		size_t cap = out->cap ? out->cap * 2 : 8;
		char **p = realloc(out->line, cap * sizeof *p);
		if (!p)
			return false;
		out->line = p;
		out->cap = cap;
	}
	line = malloc(n + 1);
	if (!line)
		return false;
	memcpy(line, s, n);
	line[n] = '\0';
	out->line[out->n++] = line;
	return true;
}

/* Wrap one paragraph (no '\n' inside). */
static bool wrap_para(const char *s, size_t len, int width, struct text_lines *out)
{
	size_t start = 0;

	while (start < len && s[start] == ' ')
		start++;
	if (start == len)
		return lines_push(out, "", 0);
	while (start < len) {
		int used;
		size_t fit = text_fit(s + start, len - start, width, &used);
		size_t end, next;

		if (start + fit >= len) {
			end = next = len;
		} else {
			/* Break at the last space that fits, if any. */
			size_t k = start + fit;
			while (k > start && s[k] != ' ')
				k--;
			if (k > start) {
				end = k;
				next = k;
			} else if (fit) {
				end = next = start + fit;
			} else {
				/* One character wider than the line: take it
				 * whole (and the marks on it), never a part. */
				unsigned cp;
				size_t n = text_utf8_decode(s + start, len - start, &cp);

				if (n == 0)
					n = 1;
				n += text_fit(s + start + n, len - start - n, 0, NULL);
				end = next = start + n;
			}
		}
		while (end > start && s[end - 1] == ' ')
			end--;
		if (!lines_push(out, s + start, end - start))
			return false;
		start = next;
		while (start < len && s[start] == ' ')
			start++;
	}
	return true;
}

bool text_wrap(const char *s, int width, struct text_lines *out)
{
	if (width < 1)
		width = 1;
	for (;;) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);

		if (!wrap_para(s, len, width, out))
			return false;
		if (!nl)
			return true;
		s = nl + 1;
	}
}

void text_lines_free(struct text_lines *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->line[i]);
	free(l->line);
	l->line = NULL;
	l->n = l->cap = 0;
}

const char *text_casestr(const char *hay, const char *needle)
{
	size_t nl = strlen(needle);

	if (nl == 0)
		return hay;
	for (; *hay; hay++) {
		size_t i;
		for (i = 0; i < nl; i++) {
			unsigned char a = (unsigned char)hay[i], b = (unsigned char)needle[i];
			if (!a || tolower(a) != tolower(b))
				break;
		}
		if (i == nl)
			return hay;
	}
	return NULL;
}

char *text_vprintf(const char *fmt, va_list ap)
{
	char *s = NULL;

	if (vasprintf(&s, fmt, ap) < 0)
		return NULL;
	return s;
}

char *text_printf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = text_vprintf(fmt, ap);
	va_end(ap);
	return s;
}

bool text_locale_is_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}
