/* Unit test: the work of opening the one-line editor on a long value is
 * linear in its length, measured without a clock: the text module's
 * measuring functions are wrapped at link time (-Wl,--wrap) and count the
 * bytes they look at. Opening a 60 KB value used to take seconds: le_view
 * moved the start of the view one character at a time, measuring the whole
 * rest each time (quadratic). */
#include "config.h"

#include <criterion/criterion.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "tui/keys.h"
#include "tui/lineedit.h"

static unsigned long long scanned;

size_t __real_text_fit(const char *s, size_t len, int width, int *used);
int __real_text_width(const char *s, size_t len);
size_t __wrap_text_fit(const char *s, size_t len, int width, int *used);
int __wrap_text_width(const char *s, size_t len);

/* text_fit stops where the width is full: it looks at what it returns. */
size_t __wrap_text_fit(const char *s, size_t len, int width, int *used)
{
	size_t n = __real_text_fit(s, len, width, used);

	scanned += n + 1;
	return n;
}

int __wrap_text_width(const char *s, size_t len)
{
	scanned += len + 1;
	return __real_text_width(s, len);
}

static void utf8_locale(void)
{
	cr_assert_not_null(setlocale(LC_ALL, "C.UTF-8"), "C.UTF-8 locale missing");
}

TestSuite(lineedit_cost, .init = utf8_locale);

/* Bytes looked at to open the editor on len bytes and draw it at 80
 * columns, then move to the start and back to the end. */
static unsigned long long open_cost(size_t len)
{
	char *text = malloc(len + 1);
	struct lineedit le;
	size_t off, n;
	int col;

	cr_assert_not_null(text);
	for (size_t i = 0; i < len; i++)
		text[i] = i % 7 == 6 ? ' ' : 'o';
	text[len] = '\0';
	scanned = 0;
	cr_assert(le_init(&le, text));
	le_view(&le, 80, &off, &n, &col);
	cr_assert_eq(off + n, len);
	le_key(&le, TK_HOME);
	le_view(&le, 80, &off, &n, &col);
	cr_assert_eq(off, 0);
	le_key(&le, TK_END);
	le_view(&le, 80, &off, &n, &col);
	cr_assert_eq(off + n, len);
	le_free(&le);
	free(text);
	return scanned;
}

Test(lineedit_cost, opening_is_linear)
{
	unsigned long long small = open_cost(6000), big = open_cost(60000);

	cr_assert(scanned > 0, "the wrappers are linked in");
	/* Ten times the text: at most about ten times the work (a constant
	 * part aside), where quadratic work would be a hundred times. */
	cr_assert(big <= 12 * small + 10000, "6,000 bytes: %llu scanned; 60,000: %llu",
	          small, big);
	cr_assert(big <= 20ULL * 60000, "60,000 bytes: %llu scanned", big);
}
