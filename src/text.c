/* text.c - escaping, measuring and wrapping untrusted UTF-8 for terminals. */
#include "config.h"
#include "text.h"

#include <langinfo.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "casefold.h"

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
		size_t n = i;

		/* Printable ASCII, most of any text, goes as it is, a run at a
		 * time. */
		while (n < len && (unsigned char)s[n] >= 0x20 && (unsigned char)s[n] < 0x7F)
			n++;
		if (n > i) {
			buf_put(&b, s + i, n - i);
			i = n;
			continue;
		}
		n = text_utf8_decode(s + i, len - i, &cp);
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

/* Characters that must not start a line (closing punctuation), and that
 * must not end one (opening brackets): a break next to a wide character
 * is allowed only where these do not forbid it. A short list after
 * UAX #14's CL/CP/IS/EX and OP classes, for the common CJK and ASCII ones. */
static bool no_break_before(unsigned cp)
{
	switch (cp) {
	case '.': case ',': case ';': case ':': case '!': case '?': case ')':
	case ']': case '}': case '%':
	case 0x3001: case 0x3002: case 0x3009: case 0x300B: case 0x300D:
	case 0x300F: case 0x3011: case 0x3015: case 0x30FC: case 0xFF01:
	case 0xFF09: case 0xFF0C: case 0xFF0E: case 0xFF1A: case 0xFF1B:
	case 0xFF1F: case 0xFF3D: case 0xFF5D:
		return true;
	}
	return false;
}

static bool no_break_after(unsigned cp)
{
	switch (cp) {
	case '(': case '[': case '{':
	case 0x3008: case 0x300A: case 0x300C: case 0x300E: case 0x3010:
	case 0x3014: case 0xFF08: case 0xFF3B: case 0xFF5B:
		return true;
	}
	return false;
}

/* Between two characters of which one is wide (CJK, most emoji): a break,
 * unless punctuation forbids it. Never before a zero-width character: a
 * combining mark stays with its base. */
static bool break_between(unsigned prev, unsigned cp)
{
	int cw = text_cp_width(cp);

	return cw > 0 && (cw == 2 || text_cp_width(prev) == 2) &&
	       !no_break_before(cp) && !no_break_after(prev);
}

bool text_can_break(const char *s, size_t i)
{
	size_t k = i;
	unsigned prev, cp;

	if (i == 0 || s[i] == ' ' || s[i] == '\0')
		return false;
	if (s[i - 1] == ' ')
		return true;
	while (k > 0 && i - k < 4 && ((unsigned char)s[k - 1] & 0xC0) == 0x80)
		k--;
	if (k == 0 || text_utf8_decode(s + k - 1, i - k + 1, &prev) != i - k + 1)
		prev = 0xFFFD;
	if (!text_utf8_decode(s + i, strlen(s + i), &cp))
		cp = 0xFFFD;
	return break_between(prev, cp);
}

static size_t skip_spaces(const char *s, size_t i, size_t len)
{
	while (i < len && s[i] == ' ')
		i++;
	return i;
}

size_t text_wrap_line(const char *s, size_t len, int width, size_t *next)
{
	size_t i = 0, end = 0, resume = 0;  /* the last break: line [0,end), next at resume */
	unsigned prev = ' ';
	int w = 0;

	if (width < 1)
		width = 1;
	while (i < len) {
		unsigned cp;
		size_t n = text_utf8_decode(s + i, len - i, &cp);
		int cw;

		if (s[i] == ' ') {
			/* A run of spaces: the line may end before it. Its width
			 * only matters if a character follows on this line. */
			size_t j = skip_spaces(s, i, len);
			if (i > 0) {
				end = i;
				resume = j;
			}
			w += (int)(j - i);
			i = j;
			prev = ' ';
			continue;
		}
		if (n == 0) {
			n = 1;
			cw = 1;
			cp = 0xFFFD;
		} else {
			cw = text_cp_width(cp);
		}
		if (i > 0 && prev != ' ' && break_between(prev, cp)) {
			end = i;
			resume = i;
		}
		/* (A zero-width character after spaces overflows too: the
		 * spaces before it would show.) */
		if ((cw > 0 || prev == ' ') && w + cw > width) {
			if (end == 0) {
				/* No break in the line: cut the word here, or after
				 * this character (and its marks) if it is the first,
				 * wider than the whole line. */
				if (i == 0) {
					i += n;
					while (i < len && s[i] != ' ' &&
					       (n = text_utf8_decode(s + i, len - i, &cp)) > 0 &&
					       text_cp_width(cp) == 0)
						i += n;
				}
				end = resume = i;
			}
			if (next)
				*next = skip_spaces(s, resume, len);
			return end;
		}
		w += cw;
		i += n;
		prev = cp;
	}
	/* The rest fits: without trailing spaces. */
	end = len;
	while (end > 0 && s[end - 1] == ' ')
		end--;
	if (next)
		*next = len;
	return end;
}

/* Wrap one paragraph (no '\n' inside). */
static bool wrap_para(const char *s, size_t len, int width, struct text_lines *out)
{
	size_t start = skip_spaces(s, 0, len);

	if (start == len)
		return lines_push(out, "", 0);
	while (start < len) {
		size_t next, n = text_wrap_line(s + start, len - start, width, &next);

		if (!lines_push(out, s + start, n))
			return false;
		start += next;
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

/* ---- case folding ---- */

unsigned text_fold_cp(unsigned cp)
{
	size_t lo = 0, hi = sizeof casefold_runs / sizeof casefold_runs[0];

	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
	/* The last run starting at or before cp. */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (casefold_runs[mid].first <= cp)
			lo = mid;
		else
			hi = mid;
	}
	if (cp >= casefold_runs[lo].first && cp <= casefold_runs[lo].last &&
	    (cp - casefold_runs[lo].first) % casefold_runs[lo].stride == 0)
		return (unsigned)((int)cp + casefold_runs[lo].delta);
	return cp;
}

const char *text_fold_unicode_version(void)
{
	return CASEFOLD_UNICODE_VERSION;
}

size_t text_utf8_encode(unsigned cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* The folded form of the character at s (at most len bytes) into out[4]:
 * returns its length; *used receives the bytes of s it takes (>= 1).
 * An invalid byte stays as it is. */
static size_t fold_one(const char *s, size_t len, char *out, size_t *used)
{
	unsigned cp;
	size_t n;

	if ((unsigned char)*s < 0x80) {
		out[0] = *s >= 'A' && *s <= 'Z' ? (char)(*s + 32) : *s;
		*used = 1;
		return 1;
	}
	n = text_utf8_decode(s, len, &cp);
	if (n == 0) {
		out[0] = *s;
		*used = 1;
		return 1;
	}
	*used = n;
	return text_utf8_encode(text_fold_cp(cp), out);
}

size_t text_fold(const char *s, size_t len, char *out, size_t cap)
{
	size_t i = 0, o = 0, written = 0;
	bool full = cap == 0;

	while (i < len) {
		char tmp[4];
		size_t used, k;

		if (!full && (unsigned char)s[i] < 0x80 && o + 1 < cap) {
			/* A run of ASCII, the bulk of most texts, folded in
			 * place: eight bytes at a time where it can, setting
			 * bit 5 of each byte from 'A' to 'Z'. */
			while (len - i >= 8 && cap - o > 8) {
				uint64_t w, low, ge_a, gt_z;

				memcpy(&w, s + i, 8);
				if (w & 0x8080808080808080u)
					break;
				low = w & 0x7f7f7f7f7f7f7f7fu;
				ge_a = low + 0x3f3f3f3f3f3f3f3fu;       /* bit 7: >= 'A' */
				gt_z = low + 0x2525252525252525u;       /* bit 7: > 'Z' */
				w |= (ge_a & ~gt_z & 0x8080808080808080u) >> 2;
				memcpy(out + o, &w, 8);
				i += 8;
				o += 8;
			}
			while (i < len && (unsigned char)s[i] < 0x80 && o + 1 < cap) {
				char c = s[i++];

				out[o++] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
			}
			written = o;
			continue;
		}
		k = fold_one(s + i, len - i, tmp, &used);

		/* Room for it and the NUL, and no character left out before. */
		if (!full && o + k < cap) {
			memcpy(out + o, tmp, k);
			written = o + k;
		} else {
			full = true;
		}
		o += k;
		i += used;
	}
	if (cap > 0)
		out[written] = '\0';
	return o;
}

char *text_fold_dup(const char *s, size_t len)
{
	size_t cap;
	char *out;

	if (len == (size_t)-1)
		len = strlen(s);
	/* A folded character takes at most 3/2 of the original's bytes (a
	 * 2-byte character folding to a 3-byte one; the unit test checks
	 * this on CaseFolding.txt): one pass, no resize. */
	cap = len + len / 2 + 1;
	out = malloc(cap);
	if (out && text_fold(s, len, out, cap) >= cap) {
		free(out);      /* cannot happen, see above */
		out = NULL;
	}
	return out;
}

const char *text_fold_find(const char *hay, size_t len, const char *needle,
                           size_t nlen, size_t *match_len)
{
	if (nlen == 0) {
		if (match_len)
			*match_len = 0;
		return hay;
	}
	for (size_t i = 0; i < len; ) {
		size_t j = i, k = 0, used;
		unsigned cp;
		size_t n;

		while (k < nlen && j < len) {
			char tmp[4];
			size_t f = fold_one(hay + j, len - j, tmp, &used);

			if (f > nlen - k || memcmp(tmp, needle + k, f) != 0)
				break;
			k += f;
			j += used;
		}
		if (k == nlen) {
			if (match_len)
				*match_len = j - i;
			return hay + i;
		}
		/* Next character (an invalid byte is one). */
		n = text_utf8_decode(hay + i, len - i, &cp);
		i += n ? n : 1;
	}
	return NULL;
}

const char *text_casestr(const char *hay, const char *needle)
{
	size_t nl = strlen(needle);
	char small[64], *folded = small;
	const char *at;

	if (nl + nl / 2 + 1 > sizeof small && !(folded = malloc(nl + nl / 2 + 1)))
		return NULL;
	nl = text_fold(needle, nl, folded, nl + nl / 2 + 1);
	at = text_fold_find(hay, strlen(hay), folded, nl, NULL);
	if (folded != small)
		free(folded);
	return at;
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
