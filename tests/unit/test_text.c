/* Unit tests: escaping, widths and wrapping of untrusted text. */
#include "config.h"

#include <criterion/criterion.h>
#include <locale.h>
#include <stdio.h>
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

/* ---- wrapping by display width, CJK and combining marks ---- */

static void wrap_widths_ok(const struct text_lines *l, int width)
{
	for (size_t i = 0; i < l->n; i++) {
		unsigned cp;
		size_t len = strlen(l->line[i]);

		cr_assert_leq(text_width(l->line[i], len), width, "line %zu: '%s'", i, l->line[i]);
		for (size_t k = 0; k < len; ) {
			size_t n = text_utf8_decode(l->line[i] + k, len - k, &cp);
			cr_assert_gt(n, 0, "line %zu splits a character: '%s'", i, l->line[i]);
			cr_assert(k > 0 || text_cp_width(cp) > 0,
			          "line %zu starts with a combining mark: '%s'", i, l->line[i]);
			k += n;
		}
	}
}

/* Only the widths (a line may start with a stray mark). */
static void wrap_widths_ok_but_marks(const struct text_lines *l, int width)
{
	for (size_t i = 0; i < l->n; i++)
		cr_assert_leq(text_width(l->line[i], strlen(l->line[i])), width,
		              "line %zu: '%s'", i, l->line[i]);
}

Test(text, wrap_breaks_between_cjk_characters)
{
	/* A word, then 100 CJK characters (200 columns) at 80: the CJK text
	 * fills the first line after "Plan:" instead of moving to the next. */
	char s[512] = "Plan: ";
	struct text_lines l = { 0 };

	for (int i = 0; i < 100; i++)
		strcat(s, "\xe8\xa8\x88");             /* 計 */
	cr_assert(text_wrap(s, 80, &l));
	cr_assert_eq(l.n, 3);
	cr_assert_eq(text_width(l.line[0], strlen(l.line[0])), 80, "'%s'", l.line[0]);
	cr_assert_eq(strncmp(l.line[0], "Plan: \xe8\xa8\x88", 9), 0);
	cr_assert_eq(text_width(l.line[1], strlen(l.line[1])), 80);
	cr_assert_eq(text_width(l.line[2], strlen(l.line[2])), 200 - 74 - 80);
	wrap_widths_ok(&l, 80);
	text_lines_free(&l);
}

Test(text, wrap_cjk_punctuation_stays)
{
	/* 計計。 in 4 columns: 。 never starts a line, so 計 goes with it. */
	struct text_lines l = { 0 };

	cr_assert(text_wrap("\xe8\xa8\x88\xe8\xa8\x88\xe3\x80\x82", 4, &l));
	cr_assert_eq(l.n, 2);
	cr_assert_str_eq(l.line[0], "\xe8\xa8\x88");
	cr_assert_str_eq(l.line[1], "\xe8\xa8\x88\xe3\x80\x82");
	text_lines_free(&l);
}

Test(text, wrap_wide_character_in_one_column)
{
	/* Each wide character alone on its line, never split into bytes. */
	struct text_lines l = { 0 };

	cr_assert(text_wrap("a\xe3\x80\x80" "b\xe8\xa8\x88", 1, &l));
	cr_assert_eq(l.n, 4);
	cr_assert_str_eq(l.line[1], "\xe3\x80\x80");
	cr_assert_str_eq(l.line[3], "\xe8\xa8\x88");
	text_lines_free(&l);
}

Test(text, wrap_keeps_combining_marks_with_their_base)
{
	/* "é" as e + U+0301, ten times, no spaces, in 3 columns. */
	char s[64] = "";
	struct text_lines l = { 0 };

	for (int i = 0; i < 10; i++)
		strcat(s, "e\xcc\x81");
	cr_assert(text_wrap(s, 3, &l));
	cr_assert_eq(l.n, 4);
	cr_assert_str_eq(l.line[0], "e\xcc\x81" "e\xcc\x81" "e\xcc\x81");
	wrap_widths_ok(&l, 3);
	text_lines_free(&l);
	/* A wide base and its mark at the end of a full line. */
	cr_assert(text_wrap("\xe8\xa8\x88\xcc\x81\xe8\xa8\x88\xcc\x81", 2, &l));
	cr_assert_eq(l.n, 2);
	cr_assert_str_eq(l.line[0], "\xe8\xa8\x88\xcc\x81");
	text_lines_free(&l);
}

Test(text, wrap_mark_after_spaces_overflows)
{
	/* A combining mark after a space (odd, but text is untrusted): the
	 * space it sits on counts, so the line ends before it. */
	struct text_lines l = { 0 };

	cr_assert(text_wrap("word \xcc\x81", 4, &l));
	wrap_widths_ok_but_marks(&l, 4);
	cr_assert_str_eq(l.line[0], "word");
	text_lines_free(&l);
}

Test(text, wrap_line_reports_the_next_start)
{
	size_t next;

	cr_assert_eq(text_wrap_line("the quick brown", 15, 10, &next), 9);
	cr_assert_eq(next, 10);
	cr_assert_eq(text_wrap_line("short", 5, 10, &next), 5);
	cr_assert_eq(next, 5);
	cr_assert(text_can_break("ab cd", 3));
	cr_assert_not(text_can_break("ab cd", 1));
	cr_assert_not(text_can_break("ab cd", 2));
	cr_assert(text_can_break("a\xe8\xa8\x88", 1));
	cr_assert_not(text_can_break("\xe8\xa8\x88\xe3\x80\x82", 3));
}

/* ---- Unicode simple case folding ---- */

Test(text, fold_beyond_ascii)
{
	char out[64];

	cr_assert_eq(text_fold_cp('A'), 'a');
	cr_assert_eq(text_fold_cp(0xC9), 0xE9);         /* É é */
	cr_assert_eq(text_fold_cp(0xDC), 0xFC);         /* Ü ü */
	cr_assert_eq(text_fold_cp(0x3A3), 0x3C3);       /* Σ σ */
	cr_assert_eq(text_fold_cp(0x3C2), 0x3C3);       /* final ς σ */
	cr_assert_eq(text_fold_cp(0x212A), 'k');        /* KELVIN SIGN */
	cr_assert_eq(text_fold_cp(0x1E9E), 0xDF);       /* ẞ ß (status S) */
	cr_assert_eq(text_fold_cp(0x130), 0x130);       /* İ: F and T only */
	cr_assert_eq(text_fold_cp(0x10400), 0x10428);   /* Deseret */
	cr_assert_eq(text_fold_cp(0x8A08), 0x8A08);     /* 計 */
	cr_assert_eq(text_fold("\xc3\x89VALUATION \xe2\x84\xaa", 15, out, sizeof out), 13);
	cr_assert_str_eq(out, "\xc3\xa9valuation k");
	/* Longer when folded: U+023A (2 bytes) -> U+2C65 (3 bytes). */
	cr_assert_eq(text_fold("\xc8\xba", 2, out, sizeof out), 3);
	cr_assert_str_eq(out, "\xe2\xb1\xa5");
	/* Too small: cut before a character, NUL-terminated, length known. */
	cr_assert_eq(text_fold("ab\xc8\xba", 4, out, 4), 5);
	cr_assert_str_eq(out, "ab");
	/* Invalid bytes stay. */
	cr_assert_eq(text_fold("A\xff" "B", 3, out, sizeof out), 3);
	cr_assert_str_eq(out, "a\xff" "b");
}

/* ASCII goes eight bytes at a time: every byte value, at every offset
 * and with every room for the result, must fold as one at a time would. */
Test(text, fold_ascii_runs_like_one_character_at_a_time)
{
	char in[300], want[300], out[300];

	for (size_t i = 0; i < sizeof in; i++) {
		/* All of 0x01..0x7F, twice, then a 2-byte character and more. */
		unsigned c = 1 + (unsigned)(i % 127);

		in[i] = (char)c;
		want[i] = (char)text_fold_cp(c);
	}
	memcpy(in + 260, "\xc3\x89", 2);        /* É -> é */
	memcpy(want + 260, "\xc3\xa9", 2);
	for (size_t start = 0; start < 9; start++)
		for (size_t cap = 0; cap < sizeof out - start; cap++) {
			size_t len = sizeof in - start, got;

			memset(out, '#', sizeof out);
			got = text_fold(in + start, len, out, cap);
			cr_assert_eq(got, len, "start %zu cap %zu", start, cap);
			if (cap == 0)
				continue;
			/* Cut before the 2-byte character if it does not fit. */
			{
				size_t n = cap - 1;

				if (n > 260 - start && n < 262 - start)
					n = 260 - start;
				cr_assert(memcmp(out, want + start, n) == 0, "start %zu cap %zu",
				          start, cap);
				cr_assert_eq(out[n], '\0', "start %zu cap %zu", start, cap);
			}
		}
}

Test(text, fold_find_and_casestr)
{
	size_t ml;
	const char *hay = "Hauptstra\xe1\xba\x9e" "e register";    /* STRAẞE */
	const char *at = text_fold_find(hay, strlen(hay), "stra\xc3\x9f" "e", 7, &ml);

	cr_assert_eq(at, hay + 5);
	cr_assert_eq(ml, 8, "ẞ is 3 bytes, ß 2");
	cr_assert_not_null(text_casestr("sup\xc3\xa9rieur", "SUP\xc3\x89RIEUR"));
	cr_assert_not_null(text_casestr("\xc3\xbcmlaut", "\xc3\x9cMLAUT"));
	cr_assert_null(text_casestr("umlaut", "\xc3\x9cMLAUT"));
}

Test(text, fold_ignores_the_locale)
{
	cr_assert_not_null(setlocale(LC_ALL, "C"));
	cr_assert_eq(text_fold_cp(0xC9), 0xE9);
	cr_assert_not_null(text_casestr("\xc3\xa9valuation", "\xc3\x89VALUATION"));
	cr_assert_not_null(text_casestr("\xc3\xbcmlaut", "\xc3\x9cMLAUT"));
}

static unsigned utf8_len(unsigned cp)
{
	return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/* The committed table (src/casefold.h) against Unicode's own file, where
 * Debian's unicode-data installs it: every C and S mapping, and nothing
 * else folds. */
#define CASEFOLDING_TXT "/usr/share/unicode/CaseFolding.txt"
Test(text, fold_table_matches_casefolding_txt)
{
	FILE *f = fopen(CASEFOLDING_TXT, "r");
	static unsigned char mapped[0x110000];
	char line[512], version[64] = "?";
	unsigned n = 0;

	if (!f)
		cr_skip_test(CASEFOLDING_TXT " missing (Debian package unicode-data)");
	while (fgets(line, sizeof line, f)) {
		unsigned from, to;
		char status;

		if (sscanf(line, "# CaseFolding-%63[0-9.]", version) == 1) {
			size_t k = strlen(version);
			if (k && version[k - 1] == '.')
				version[k - 1] = '\0';     /* "15.0.0.txt" */
			continue;
		}
		if (line[0] == '#' || sscanf(line, "%x; %c; %x;", &from, &status, &to) != 3)
			continue;
		if (status != 'C' && status != 'S')
			continue;
		cr_assert_eq(text_fold_cp(from), to, "U+%04X folds to U+%04X, not U+%04X "
		             "(table Unicode %s, file %s: run src/casefold.awk)",
		             from, to, text_fold_cp(from), text_fold_unicode_version(), version);
		/* text_fold_dup's buffer: at most 3/2 of the bytes. */
		cr_assert_leq(utf8_len(to) * 2, utf8_len(from) * 3, "U+%04X", from);
		mapped[from] = 1;
		n++;
	}
	fclose(f);
	cr_assert_gt(n, 1000);
	for (unsigned cp = 0; cp < 0x110000; cp++)
		if (!mapped[cp])
			cr_assert_eq(text_fold_cp(cp), cp, "U+%04X folds to U+%04X, the file does "
			             "not say so (table %s, file %s)", cp, text_fold_cp(cp),
			             text_fold_unicode_version(), version);
	cr_assert_str_eq(text_fold_unicode_version(), version);
}
