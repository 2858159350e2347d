/* Unit tests: escaping, widths and wrapping of untrusted text. */
#include "config.h"

#include <criterion/criterion.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

static void utf8_locale(void)
{
	cr_assert_not_null(setlocale(LC_ALL, "C.UTF-8"), "C.UTF-8 locale missing");
}

TestSuite(text, .init = utf8_locale);

static void check_escape(const char *in, unsigned flags, const char *want)
{
	char *got = text_escape(in, (size_t)-1, flags);
	cr_assert_not_null(got);
	cr_assert_str_eq(got, want, "escape(%s)", want);
	free(got);
}

Test(text, escape_controls)
{
	check_escape("plain", 0, "plain");
	check_escape("a\x1b[31mred", 0, "a^[[31mred");
	check_escape("bell\x07", 0, "bell^G");
	check_escape("del\x7f", 0, "del^?");
	check_escape("two\nlines", 0, "two^Jlines");
	check_escape("two\nlines", TEXT_KEEP_NEWLINES, "two\nlines");
	check_escape("tab\there", 0, "tab here");
	check_escape("tab\there", TEXT_KEEP_TABS, "tab\there");
	check_escape("c1 \xc2\x9b" "2J", 0, "c1 \\u009B2J");  /* 8-bit CSI */
	check_escape("bidi \xe2\x80\xae", 0, "bidi \\u202E");
}

Test(text, escape_invalid_utf8)
{
	check_escape("bad \xff byte", 0, "bad \\xFF byte");
	check_escape("overlong \xc0\xaf", 0, "overlong \\xC0\\xAF");
	check_escape("cut \xe2\x82", 0, "cut \\xE2\\x82");
	check_escape("surrogate \xed\xa0\x80", 0, "surrogate \\xED\\xA0\\x80");
	check_escape("caf\xc3\xa9", 0, "caf\xc3\xa9");
	check_escape("caf\xc3\xa9", TEXT_ASCII, "caf?");
}

Test(text, widths)
{
	cr_assert_eq(text_width("abc", 3), 3);
	cr_assert_eq(text_width("caf\xc3\xa9", 5), 4);
	cr_assert_eq(text_width("\xe6\x97\xa5\xe6\x9c\xac", 6), 4);  /* two CJK */
	cr_assert_eq(text_width("e\xcc\x81", 3), 1);                  /* combining */
}

Test(text, fit_never_splits_a_character)
{
	int used;
	/* "日本" is 4 columns; 3 columns fit only the first. */
	size_t n = text_fit("\xe6\x97\xa5\xe6\x9c\xac", 6, 3, &used);
	cr_assert_eq(n, 3);
	cr_assert_eq(used, 2);
}

Test(text, wrap_words)
{
	struct text_lines l = { 0 };
	cr_assert(text_wrap("the quick brown fox jumps", 10, &l));
	cr_assert_eq(l.n, 3);
	cr_assert_str_eq(l.line[0], "the quick");
	cr_assert_str_eq(l.line[1], "brown fox");
	cr_assert_str_eq(l.line[2], "jumps");
	text_lines_free(&l);
}

Test(text, wrap_long_word_and_newlines)
{
	struct text_lines l = { 0 };
	cr_assert(text_wrap("abcdefghij\n\nxy", 4, &l));
	cr_assert_eq(l.n, 5);
	cr_assert_str_eq(l.line[0], "abcd");
	cr_assert_str_eq(l.line[1], "efgh");
	cr_assert_str_eq(l.line[2], "ij");
	cr_assert_str_eq(l.line[3], "");
	cr_assert_str_eq(l.line[4], "xy");
	text_lines_free(&l);
}

Test(text, wrap_wide_characters)
{
	struct text_lines l = { 0 };
	/* Five CJK characters (10 columns) in 4 columns: 2 a line. */
	cr_assert(text_wrap("\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5", 4, &l));
	cr_assert_eq(l.n, 3);
	cr_assert_eq(text_width(l.line[0], strlen(l.line[0])), 4);
	text_lines_free(&l);
}

/* Found by fuzz_text (corpus text/t04): a character wider than the line
 * was hard-broken after its first byte, so the lines held broken UTF-8
 * that went to the terminal raw. A line takes the whole character, with
 * the zero-width marks that follow it. */
Test(text, wrap_character_wider_than_the_line)
{
	struct text_lines l = { 0 };

	cr_assert(text_wrap("\xe6\x97\xa5\xe6\x97\xa5 e\xcc\x81x", 1, &l));
	cr_assert_eq(l.n, 4);
	cr_assert_str_eq(l.line[0], "\xe6\x97\xa5");
	cr_assert_str_eq(l.line[1], "\xe6\x97\xa5");
	cr_assert_str_eq(l.line[2], "e\xcc\x81");
	cr_assert_str_eq(l.line[3], "x");
	text_lines_free(&l);
}

Test(text, casestr)
{
	cr_assert_not_null(text_casestr("Information Security RISK", "risk"));
	cr_assert_null(text_casestr("abc", "abd"));
	cr_assert_not_null(text_casestr("abc", ""));
}
