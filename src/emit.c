/* emit.c - escaping for the export formats. */
#include "config.h"
#include "emit.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "text.h"

long emit_xml_unwritable(const char *s)
{
	size_t len = strlen(s);

	for (size_t i = 0; i < len;) {
		unsigned cp;
		size_t k = text_utf8_decode(s + i, len - i, &cp);

		if (k == 0 || (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
		    cp == 0xFFFE || cp == 0xFFFF)
			return (long)i;
		i += k;
	}
	return -1;
}

long emit_json_unwritable(const char *s)
{
	size_t len = strlen(s);

	for (size_t i = 0; i < len;) {
		unsigned cp;
		size_t k = text_utf8_decode(s + i, len - i, &cp);

		if (k == 0)
			return (long)i;
		i += k;
	}
	return -1;
}

void emit_xml(FILE *f, const char *s)
{
	size_t len = strlen(s);

	for (size_t i = 0; i < len;) {
		unsigned cp;
		size_t k = text_utf8_decode(s + i, len - i, &cp);

		if (k == 0) {           /* not writable: the caller checked */
			fputs("\xef\xbf\xbd", f);
			i++;
			continue;
		}
		switch (cp) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\t': fputs("&#9;", f); break;
		case '\n': fputs("&#10;", f); break;
		case '\r': fputs("&#13;", f); break;
		default:
			if (cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
				fprintf(f, "&#x%X;", cp);
			else if (cp < 0x20)
				fputs("\xef\xbf\xbd", f);
			else
				fwrite(s + i, 1, k, f);
		}
		i += k;
	}
}

void emit_json(FILE *f, const char *s)
{
	size_t len = strlen(s);

	putc('"', f);
	for (size_t i = 0; i < len;) {
		unsigned cp;
		size_t k = text_utf8_decode(s + i, len - i, &cp);

		if (k == 0) {
			fputs("\\ufffd", f);
			i++;
			continue;
		}
		switch (cp) {
		case '"': fputs("\\\"", f); break;
		case '\\': fputs("\\\\", f); break;
		case '\b': fputs("\\b", f); break;
		case '\f': fputs("\\f", f); break;
		case '\n': fputs("\\n", f); break;
		case '\r': fputs("\\r", f); break;
		case '\t': fputs("\\t", f); break;
		default:
			if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) ||
			    cp == 0x2028 || cp == 0x2029)
				fprintf(f, "\\u%04x", cp);
			else
				fwrite(s + i, 1, k, f);
		}
		i += k;
	}
	putc('"', f);
}

/* s with control characters shown as a terminal shows them (line breaks
 * and tabs kept); malloc'd, NULL on out-of-memory. */
static char *shown(const char *s)
{
	return text_escape(s, (size_t)-1, TEXT_KEEP_NEWLINES | TEXT_KEEP_TABS);
}

bool emit_csv_formula(const char *s)
{
	return s[0] && strchr("=+-@\t\r", s[0]);
}

void emit_csv(FILE *f, const char *s, bool free_text)
{
	char *e = shown(s);
	const char *v = e ? e : "";
	bool neutral = free_text && emit_csv_formula(v);
	size_t n = strlen(v);
	bool quote = neutral || strpbrk(v, ",\"\r\n") ||
	             (n > 0 && (v[0] == ' ' || v[0] == '\t' || v[n - 1] == ' ' || v[n - 1] == '\t'));

	if (quote)
		putc('"', f);
	if (neutral)
		putc('\'', f);
	for (const char *p = v; *p; p++) {
		if (*p == '"')
			putc('"', f);
		putc(*p, f);
	}
	if (quote)
		putc('"', f);
	free(e);
}

void emit_html(FILE *f, const char *s)
{
	char *e = shown(s);

	for (const char *p = e ? e : ""; *p; p++) {
		switch (*p) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		default: putc(*p, f);
		}
	}
	free(e);
}

/* At the start of a line: would Markdown read what follows as a block
 * marker? Returns how many bytes to escape (0: none): "#", "+", "-", "=",
 * ">" or the "." / ")" after digits. */
static size_t md_block_start(const char *p)
{
	size_t d = 0;

	if (*p && strchr("#+-=>", *p))
		return 1;
	while (p[d] >= '0' && p[d] <= '9')
		d++;
	if (d > 0 && d <= 9 && (p[d] == '.' || p[d] == ')'))
		return d + 1;
	return 0;
}

void emit_md(FILE *f, const char *s, unsigned flags)
{
	char *e = shown(s);
	const char *p = e ? e : "";
	bool bol = true;

	while (*p) {
		if (bol) {
			size_t b;

			/* indentation would make a code block: left out */
			while (*p == ' ' || *p == '\t')
				p++;
			b = md_block_start(p);
			if (b > 0) {
				fwrite(p, 1, b - 1, f);
				putc('\\', f);
				putc(p[b - 1], f);
				p += b;
			}
			bol = false;
			continue;
		}
		if (*p == '\n') {
			if (flags & EMIT_MD_TABLE) {
				fputs("<br>", f);
			} else {
				fputs("\\\n", f);
			}
			bol = true;
			p++;
			continue;
		}
		if (strchr("\\`*_[]<>|~&", *p))
			putc('\\', f);
		putc(*p, f);
		p++;
	}
	free(e);
}

void emit_time(int64_t t, char *buf, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (t < 0 || t > 253402300799LL || !gmtime_r(&tt, &tm) ||
	    !strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm))
		snprintf(buf, size, "1970-01-01T00:00:00Z");
}
