/* fuzz_lineedit.c - the line editor (tui/lineedit.h) fed key sequences.
 *
 * Input: a width byte, a choices byte, the starting text up to a NUL, then
 * keys: 0x00-0x7F a character or control key, 0x80-0x8E a function key
 * (TK_UP...TK_NONE), 0x8F a new width (next byte), 0x90 a negative key,
 * 0x91-0xFF a code point (low nibble and the next two bytes: anything up
 * to U+FFFFF, surrogates and all).
 * Promises checked after every key: the text is NUL-terminated valid UTF-8
 * of printable characters, the cursor on a character boundary, a key that
 * reports no change left the text alone, and the view shows a slice that
 * starts on a character boundary, fits the width and keeps the cursor
 * visible. */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "fuzz.h"
#include "text.h"
#include "tui/keys.h"
#include "tui/lineedit.h"

static const char *const choices_a[] = { "N", "P", "L", "F", NULL };
static const char *const choices_b[] = { "not-started", "\xe6\xbc\xa2\xe5\xad\x97", "", NULL };
static const char *const choices_none[] = { NULL };

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc; (void)argv;
	setlocale(LC_ALL, "C.UTF-8");
	return 0;
}

static bool boundary(const struct lineedit *le, size_t at)
{
	return at == le->len || ((unsigned char)le->buf[at] & 0xC0) != 0x80;
}

static void check_state(const struct lineedit *le)
{
	CHECK(le->buf != NULL);
	CHECK(le->len < le->cap);
	CHECK(strlen(le->buf) == le->len);
	CHECK(le->cur <= le->len);
	CHECK(boundary(le, le->cur));
	CHECK(fuzz_valid_utf8(le->buf, le->len));
	for (size_t i = 0; i < le->len;) {
		unsigned cp;
		size_t k = text_utf8_decode(le->buf + i, le->len - i, &cp);

		CHECK(cp >= 0x20 && cp != 0x7F && !(cp >= 0x80 && cp < 0xA0));
		i += k;
	}
}

static void check_view(struct lineedit *le, int width)
{
	size_t off, n;
	int col, w = width < 1 ? 1 : width;

	le_view(le, width, &off, &n, &col);
	CHECK(off <= le->cur && off + n <= le->len);
	CHECK(boundary(le, off) && boundary(le, off + n));
	CHECK(text_width(le->buf + off, n) <= w);
	CHECK(col >= 0 && col <= (w > 1 ? w - 1 : 0));
	CHECK(col == text_width(le->buf + off, le->cur - off));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lineedit le;
	const uint8_t *nul, *p, *end = data + size;
	char *text, *before;
	int width;

	if (size < 2)
		return 0;
	width = (int)(signed char)data[0];
	nul = memchr(data + 2, '\0', size - 2);
	text = fuzz_strndup(data + 2, (size_t)((nul ? nul : end) - (data + 2)));
	CHECK(le_init(&le, text));
	switch (data[1] % 4) {
	case 1: le_set_choices(&le, choices_a); break;
	case 2: le_set_choices(&le, choices_b); break;
	case 3: le_set_choices(&le, choices_none); break;
	default: break;
	}
	check_state(&le);
	check_view(&le, width);
	for (p = nul ? nul + 1 : end; p < end; p++) {
		enum le_result r;
		int key;

		if (*p < 0x80) {
			key = *p;
		} else if (*p <= 0x8E) {
			key = TK_BASE + (*p - 0x80);
		} else if (*p == 0x8F) {
			if (p + 1 < end)
				width = (int)(signed char)*++p;
			check_view(&le, width);
			continue;
		} else if (*p == 0x90) {
			key = -1;
		} else {
			key = (*p & 0x0F) << 16;
			if (p + 2 < end) {
				key |= p[1] << 8 | p[2];
				p += 2;
			}
		}
		before = fuzz_strndup((const uint8_t *)le.buf, le.len);
		r = le_key(&le, key);
		check_state(&le);
		if (r != LE_CHANGED)
			CHECK(strcmp(before, le.buf) == 0);
		if (r == LE_CHANGED && le.choices && le.choice >= 0 &&
		    (le_op_of(key) == LE_OP_NEXT_CHOICE || le_op_of(key) == LE_OP_PREV_CHOICE))
			CHECK(strcmp(le.buf, le.choices[le.choice]) == 0);
		free(before);
		check_view(&le, width);
	}
	le_free(&le);
	free(text);
	return 0;
}
