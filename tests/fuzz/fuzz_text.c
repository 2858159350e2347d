/* fuzz_text.c - escaping, measuring and wrapping untrusted text (text.h).
 * Input: a flags byte, a width byte (signed: 0 and negatives too), text.
 * Promises checked: text_escape gives valid UTF-8 with no control, C1,
 * DEL, line-separator or bidi-override character (newlines and tabs only
 * when asked; only ASCII with TEXT_ASCII), the same with a length or up to
 * the NUL; text_fit stops on a character boundary within the width, at
 * the first character that would not fit; text_wrap's lines fit the width
 * (but for one character wider than it, with its zero-width marks), are
 * valid UTF-8,
 * and hold every non-blank character of the text, in order; text_casestr
 * finds a real match. */
#include "config.h"

#include <ctype.h>
#include <locale.h>
#include <string.h>

#include "fuzz.h"
#include "text.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc; (void)argv;
	setlocale(LC_ALL, "C.UTF-8");
	return 0;
}

static void check_escaped(const char *e, unsigned flags)
{
	size_t len = strlen(e);

	CHECK(fuzz_valid_utf8(e, len));
	for (size_t i = 0; i < len;) {
		unsigned cp;
		size_t k = text_utf8_decode(e + i, len - i, &cp);

		if (cp < 0x20)
			CHECK((cp == '\n' && (flags & TEXT_KEEP_NEWLINES)) ||
			      (cp == '\t' && (flags & TEXT_KEEP_TABS)));
		CHECK(cp != 0x7F && !(cp >= 0x80 && cp < 0xA0));
		CHECK(cp != 0x2028 && cp != 0x2029 && cp != 0x200E && cp != 0x200F);
		CHECK(!(cp >= 0x202A && cp <= 0x202E) && !(cp >= 0x2066 && cp <= 0x2069));
		if (flags & TEXT_ASCII)
			CHECK(cp < 0x80);
		i += k;
	}
}

static void check_fit(const char *s, size_t len, int width)
{
	int used = -1;
	size_t fit = text_fit(s, len, width, &used);

	CHECK(fit <= len);
	CHECK(used >= 0 && used <= (width > 0 ? width : 0));
	if (fit < len) {
		unsigned cp;
		size_t k = text_utf8_decode(s + fit, len - fit, &cp);
		int cw = k ? text_cp_width(cp) : 1;

		/* Stopped at a character that does not fit: not inside one. */
		CHECK(used + cw > width);
	}
	CHECK(text_width(s, fit) == used);
}

/* s without spaces and line breaks, for comparing with wrapped lines. */
static char *squeeze(const char *s)
{
	char *out = malloc(strlen(s) + 1), *o = out;

	CHECK(out != NULL);
	for (; *s; s++)
		if (*s != ' ' && *s != '\n')
			*o++ = *s;
	*o = '\0';
	return out;
}

static void check_wrap(const char *e, int width)
{
	struct text_lines lines = { 0 };
	int w = width < 1 ? 1 : width;
	size_t total = 0;
	char *joined, *want, *got;

	CHECK(text_wrap(e, width, &lines));
	CHECK(lines.n >= 1);
	for (size_t i = 0; i < lines.n; i++) {
		const char *l = lines.line[i];
		size_t len = strlen(l);

		CHECK(strchr(l, '\n') == NULL);
		CHECK(fuzz_valid_utf8(l, len));
		if (text_width(l, len) > w) {
			unsigned cp;
			size_t k = text_utf8_decode(l, len, &cp);

			/* Only one character too wide for the line, with
			 * the zero-width marks on it. */
			CHECK(k > 0 && text_fit(l + k, len - k, 0, NULL) == len - k);
		}
		total += len + 1;
	}
	joined = malloc(total + 1);
	CHECK(joined != NULL);
	joined[0] = '\0';
	for (size_t i = 0; i < lines.n; i++)
		strcat(strcat(joined, lines.line[i]), "\n");
	want = squeeze(e);
	got = squeeze(joined);
	CHECK(strcmp(want, got) == 0);
	free(want);
	free(got);
	free(joined);
	text_lines_free(&lines);
}

static void check_casestr(const char *hay, const char *needle)
{
	const char *at = text_casestr(hay, needle);

	if (!at)
		return;
	CHECK(at >= hay && at + strlen(needle) <= hay + strlen(hay));
	for (size_t i = 0; needle[i]; i++)
		CHECK(tolower((unsigned char)at[i]) == tolower((unsigned char)needle[i]));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned flags;
	int width;
	char *raw, *e, *e2;
	size_t len;

	if (size < 2)
		return 0;
	flags = data[0] & (TEXT_KEEP_NEWLINES | TEXT_KEEP_TABS | TEXT_ASCII);
	width = (int)(signed char)data[1];
	len = size - 2;
	raw = fuzz_strndup(data + 2, len);

	/* With a length: NULs inside are escaped like any control. */
	e = text_escape(raw, len, flags);
	CHECK(e != NULL);
	check_escaped(e, flags);
	if (!(flags & TEXT_ASCII))      /* escaping only ever adds */
		CHECK(strlen(e) >= len);
	/* Up to the NUL: the same as with that length. */
	e2 = text_escape(raw, (size_t)-1, flags);
	CHECK(e2 != NULL);
	free(e);
	e = text_escape(raw, strlen(raw), flags);
	CHECK(e != NULL && strcmp(e, e2) == 0);
	free(e2);

	check_fit(raw, len, width);          /* raw bytes, invalid UTF-8 too */
	check_fit(e, strlen(e), width);
	CHECK(text_width(e, strlen(e)) >= 0);
	check_wrap(e, width);
	if (len > 1)
		check_casestr(e, raw + len / 2);
	free(e);
	free(raw);
	return 0;
}
