/* Unit tests: the one-line UTF-8 editor. */
#include "config.h"

#include <criterion/criterion.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "tui/keys.h"
#include "tui/lineedit.h"

static void utf8_locale(void)
{
	cr_assert_not_null(setlocale(LC_ALL, "C.UTF-8"), "C.UTF-8 locale missing");
}

TestSuite(lineedit, .init = utf8_locale);

static void type(struct lineedit *le, const char *keys)
{
	for (const char *p = keys; *p; p++)
		cr_assert_eq(le_key(le, (unsigned char)*p), LE_CHANGED);
}

Test(lineedit, insert_and_move_by_characters)
{
	struct lineedit le;

	cr_assert(le_init(&le, "h\xc3\xa9llo"));           /* héllo */
	cr_assert_eq(le.cur, le.len, "cursor at the end");
	cr_assert_eq(le_key(&le, TK_HOME), LE_MOVED);
	cr_assert_eq(le.cur, 0);
	le_key(&le, TK_RIGHT);
	le_key(&le, TK_RIGHT);
	cr_assert_eq(le.cur, 3, "é is two bytes, one character");
	le_key(&le, TK_LEFT);
	cr_assert_eq(le.cur, 1);
	cr_assert_eq(le_key(&le, TK_DELETE), LE_CHANGED);
	cr_assert_str_eq(le.buf, "hllo");
	cr_assert_eq(le_key(&le, 0x65E5), LE_CHANGED);   /* 日 */
	cr_assert_str_eq(le.buf, "h\xe6\x97\xa5llo");
	cr_assert_eq(le_key(&le, TK_BACKSPACE), LE_CHANGED);
	cr_assert_str_eq(le.buf, "hllo");
	cr_assert_eq(le_key(&le, TK_END), LE_MOVED);
	cr_assert_eq(le.cur, 4);
	le_free(&le);
}

Test(lineedit, emacs_keys)
{
	struct lineedit le;

	cr_assert(le_init(&le, "alpha beta  gamma"));
	cr_assert_eq(le_key(&le, TK_CTRL('w')), LE_CHANGED);
	cr_assert_str_eq(le.buf, "alpha beta  ");
	cr_assert_eq(le_key(&le, TK_CTRL('w')), LE_CHANGED);
	cr_assert_str_eq(le.buf, "alpha ", "spaces then the word");
	le_key(&le, TK_CTRL('a'));
	le_key(&le, TK_CTRL('f'));
	cr_assert_eq(le_key(&le, TK_CTRL('k')), LE_CHANGED);
	cr_assert_str_eq(le.buf, "a");
	type(&le, "bc");
	le_key(&le, TK_CTRL('b'));
	cr_assert_eq(le_key(&le, TK_CTRL('u')), LE_CHANGED);
	cr_assert_str_eq(le.buf, "c");
	cr_assert_eq(le.cur, 0);
	le_key(&le, TK_CTRL('e'));
	cr_assert_eq(le.cur, 1);
	cr_assert_eq(le_key(&le, '\r'), LE_COMMIT);
	cr_assert_eq(le_key(&le, TK_ENTER), LE_COMMIT);
	cr_assert_eq(le_key(&le, TK_ESC), LE_CANCEL);
	cr_assert_eq(le_key(&le, TK_F1), LE_IGNORED);
	cr_assert_eq(le_key(&le, 0x1b5b), LE_CHANGED, "any printable code point");
	le_free(&le);
}

Test(lineedit, rejects_controls_and_sanitises_initial_text)
{
	struct lineedit le;

	cr_assert(le_init(&le, "a\x1b[31m\xff"));
	cr_assert_str_eq(le.buf, "a\xef\xbf\xbd[31m\xef\xbf\xbd", "ESC and bad byte become U+FFFD");
	cr_assert_eq(le_key(&le, 0x07), LE_IGNORED);
	cr_assert_eq(le_key(&le, 0x85), LE_IGNORED, "C1 control");
	le_free(&le);
}

Test(lineedit, view_scrolls_by_columns_with_wide_chars)
{
	struct lineedit le;
	size_t off, n;
	int col;

	/* ten wide characters = 20 columns */
	cr_assert(le_init(&le, "日日日日日日日日日日"));
	le_view(&le, 8, &off, &n, &col);
	cr_assert_eq(col, 6, "cursor after the last shown char, one column free");
	cr_assert_eq(n % 3, 0, "no character split");
	cr_assert_eq(off, 21, "7th char first: 3 chars (6 cols) before the cursor");
	le_key(&le, TK_HOME);
	le_view(&le, 8, &off, &n, &col);
	cr_assert_eq(off, 0);
	cr_assert_eq(col, 0);
	cr_assert_eq(n, 12, "four wide chars fill 8 columns");
	le_free(&le);
}

/* A resize: narrower, the view follows the cursor; wider again, text
 * hidden on the left comes back instead of leaving the right empty (the
 * scroll used to stay where the narrow view had put it). */
Test(lineedit, view_reclamps_after_a_resize)
{
	struct lineedit le;
	char text[101];
	size_t off, n;
	int col;

	for (int i = 0; i < 100; i++)
		text[i] = (char)('a' + i % 26);
	text[100] = '\0';
	cr_assert(le_init(&le, text));
	le_view(&le, 40, &off, &n, &col);
	cr_assert_eq(off, 61, "39 columns before the cursor, one free");
	cr_assert_eq(col, 39);
	le_view(&le, 10, &off, &n, &col);
	cr_assert_eq(off, 91);
	cr_assert_eq(col, 9, "the cursor stays in the narrow view");
	le_view(&le, 80, &off, &n, &col);
	cr_assert_eq(off, 21, "wider again: the view fills up to the cursor");
	cr_assert_eq(col, 79);
	le_view(&le, 200, &off, &n, &col);
	cr_assert_eq(off, 0, "all of it fits");
	cr_assert_eq(n, 100);
	cr_assert_eq(col, 100);
	/* In the middle: the cursor stays in view at every width. */
	for (int i = 0; i < 50; i++)
		le_key(&le, TK_LEFT);
	for (int w = 1; w <= 120; w++) {
		le_view(&le, w, &off, &n, &col);
		cr_assert(off <= le.cur && col >= 0 && col <= (w > 1 ? w - 1 : 0),
		          "width %d: cursor at column %d (off %zu)", w, col, off);
	}
	le_free(&le);
}

/* A 64 KiB value (the most a field holds), invalid bytes among wide
 * characters: all of it is in the editor, the cursor at its end, shown. */
Test(lineedit, opens_a_long_value)
{
	size_t len = 65536, k = 0;
	char *text = malloc(len + 1);
	struct lineedit le;
	size_t off, n;
	int col;

	cr_assert_not_null(text);
	while (k + 4 <= len) {
		const char *c = k % 997 == 0 ? "\xff" : k % 3 ? "x" : "\xe5\x90\x8d";   /* 名 */
		memcpy(text + k, c, strlen(c));
		k += strlen(c);
	}
	text[k] = '\0';
	cr_assert(le_init(&le, text));
	cr_assert_eq(le.cur, le.len);
	cr_assert_eq(strlen(le.buf), le.len);
	cr_assert(le.len >= k);
	cr_assert_null(strstr(le.buf, "\xff"), "invalid bytes replaced");
	le_view(&le, 80, &off, &n, &col);
	cr_assert_eq(off + n, le.len, "the end is shown");
	cr_assert(col >= 78 && col <= 79, "cursor at the right edge: %d", col);
	le_free(&le);
	free(text);
}

/* Alt-b, Alt-f, Alt-d, Alt-Backspace as in readline (Alt-x arrives as Esc
 * x at once: keys_read makes it TK_META('x')). */
Test(lineedit, words_with_alt_keys)
{
	struct lineedit le;

	cr_assert(le_init(&le, "one two  three"));
	cr_assert_eq(le_key(&le, TK_META('b')), LE_MOVED);
	cr_assert_eq(le.cur, 9, "start of three");
	cr_assert_eq(le_key(&le, TK_META('b')), LE_MOVED);
	cr_assert_eq(le.cur, 4, "start of two");
	cr_assert_eq(le_key(&le, TK_META('f')), LE_MOVED);
	cr_assert_eq(le.cur, 7, "end of two");
	cr_assert_eq(le_key(&le, TK_META('d')), LE_CHANGED);
	cr_assert_str_eq(le.buf, "one two");
	cr_assert_eq(le_key(&le, TK_META(0x7F)), LE_CHANGED);
	cr_assert_str_eq(le.buf, "one ");
	cr_assert_eq(le_key(&le, TK_META('x')), LE_IGNORED, "an unbound Alt-key inserts nothing");
	cr_assert_eq(le_key(&le, TK_BADBYTE(0xE9)), LE_IGNORED);
	cr_assert_str_eq(le.buf, "one ");
	le_free(&le);
}

Test(lineedit, choices_cycle)
{
	static const char *const ch[] = { "yes", "no", NULL };
	struct lineedit le;

	cr_assert(le_init(&le, "no"));
	le_set_choices(&le, ch);
	cr_assert_eq(le.choice, 1);
	cr_assert_eq(le_key(&le, TK_TAB), LE_CHANGED);
	cr_assert_str_eq(le.buf, "yes");
	cr_assert_eq(le_key(&le, TK_DOWN), LE_CHANGED);
	cr_assert_str_eq(le.buf, "no");
	cr_assert_eq(le_key(&le, TK_UP), LE_CHANGED);
	cr_assert_str_eq(le.buf, "yes");
	le_free(&le);
	cr_assert(le_init(&le, "x"));
	cr_assert_eq(le_key(&le, TK_TAB), LE_IGNORED, "no choices: Tab does nothing");
	le_free(&le);
}

/* The help is made from the editor's table: every operation has a line,
 * with its keys (not the aliases other terminals send). */
Test(lineedit, help_lists_every_operation)
{
	size_t n = 0;
	char **lines = le_help_lines(12, &n);

	cr_assert_not_null(lines);
	cr_assert_eq(n, LE_OP_COUNT - 1);
	cr_assert_str_eq(lines[0], "Enter        Save the value (in a search: stay at the match)");
	for (size_t i = 0; i < n; i++) {
		cr_assert(strlen(lines[i]) > 13 && lines[i][0] != ' ', "line %zu: '%s'", i, lines[i]);
		cr_assert_null(strstr(lines[i], "C-m"), "an alias is shown: %s", lines[i]);
		free(lines[i]);
	}
	free(lines);
	cr_assert_eq(le_op_of(TK_CTRL('k')), LE_OP_KILL_END);
	cr_assert_eq(le_op_of('\r'), LE_OP_COMMIT);
	cr_assert_eq(le_op_of('x'), LE_OP_NONE);
}
