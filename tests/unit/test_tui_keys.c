/* Unit tests: key table, names, script tokens, generated help. */
#include "config.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tui/keys.h"
#include "tui/script.h"

Test(keys, bindings)
{
	cr_assert_eq(keys_request('j'), REQ_MOVE_DOWN);
	cr_assert_eq(keys_request(TK_DOWN), REQ_MOVE_DOWN);
	cr_assert_eq(keys_request('\r'), REQ_ENTER);
	cr_assert_eq(keys_request(TK_CTRL('r')), REQ_REDO);
	cr_assert_eq(keys_request('Z'), REQ_NONE);
}

Test(keys, every_request_has_a_key_and_help)
{
	size_t n, lines;
	const struct keybinding *b = keys_bindings(&n);
	char **help = keys_help_lines(16, &lines);

	cr_assert_eq(lines, REQ_COUNT - 1);
	for (int r = 1; r < REQ_COUNT; r++) {
		bool found = false;
		for (size_t i = 0; i < n; i++)
			found |= (int)b[i].req == r;
		cr_assert(found, "request %d has no key", r);
		cr_assert(strlen(keys_request_help(r)) > 0);
		cr_assert_not_null(strstr(help[r - 1], keys_request_help(r)));
	}
	cr_assert_str_eq(help[REQ_REDO - 1], "C-r              Redo the change you undid last");
	for (size_t i = 0; i < lines; i++)
		free(help[i]);
	free(help);
}

Test(keys, names_round_trip)
{
	char buf[32], tok[40];
	int keys[] = { 'j', TK_ENTER, TK_ESC, TK_CTRL('w'), TK_PGDN, TK_TAB, ' ', '<', TK_BTAB };

	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		const char *name = keys_name(keys[i], buf, sizeof buf);
		if (strlen(name) == 1 && keys[i] != '<')
			snprintf(tok, sizeof tok, "%s", name);
		else
			snprintf(tok, sizeof tok, "<%s>", keys[i] == '<' ? "LT" : name);
		cr_assert_eq(keys_parse(tok), keys[i], "%s", tok);
	}
	cr_assert_eq(keys_parse("\xc3\xa9"), 0xE9);
	cr_assert_eq(keys_parse("<Nope>"), -1);
	cr_assert_eq(keys_parse("ab"), -1);
}

Test(script, steps)
{
	char path[] = "/tmp/prmwb-script-XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");
	struct script s;
	struct script_step st;
	char *err = NULL;
	static const int want[] = { 'j', TK_ENTER, TK_CTRL('r'), 'a', ' ', 0xE9 };

	cr_assert_not_null(f);
	fputs("# comment\n\nj <Enter><C-r>\n:type a \xc3\xa9\n:save-display /x/y\n"
	      ":wait-idle\n:resize 100x30\n<Nope>\n", f);
	fclose(f);
	cr_assert(script_open(&s, path, &err));
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		script_next(&s, &st);
		cr_assert_eq(st.op, SCRIPT_KEY, "step %zu", i);
		cr_assert_eq(st.key, want[i], "step %zu: %d", i, st.key);
	}
	script_next(&s, &st);
	cr_assert_eq(st.op, SCRIPT_SAVE);
	cr_assert_str_eq(st.arg, "/x/y");
	script_next(&s, &st);
	cr_assert_eq(st.op, SCRIPT_IDLE);
	script_next(&s, &st);
	cr_assert_eq(st.op, SCRIPT_RESIZE);
	cr_assert_eq(st.cols, 100);
	cr_assert_eq(st.rows, 30);
	script_next(&s, &st);
	cr_assert_eq(st.op, SCRIPT_ERROR);
	cr_assert_not_null(strstr(st.arg, ":8: unknown key name <Nope>"), "%s", st.arg);
	script_next(&s, &st);
	cr_assert_eq(st.op, SCRIPT_END);
	script_close(&s);
	unlink(path);
	cr_assert_not(script_open(&s, path, &err));
	cr_assert_not_null(strstr(err, "cannot open"));
	free(err);
}

/* ---- keys from bytes ---------------------------------------------------- */

/* A source of units: the given ones, then nothing (as a terminal that
 * sent them at once and then paused). */
struct units { const int *u; size_t n, at; };

static int next_unit(void *ctx, int wait_ms)
{
	struct units *s = ctx;

	(void)wait_ms;
	return s->at < s->n ? s->u[s->at++] : TK_NONE;
}

/* The keys units make, up to TK_NONE, into out; returns how many. */
static size_t decode(const int *u, size_t n, int *out, size_t max)
{
	struct units s = { u, n, 0 };
	struct key_reader r;
	size_t k = 0;
	int key;

	keys_reader_init(&r);
	while (k < max && (key = keys_read(&r, next_unit, &s, 0)) != TK_NONE)
		out[k++] = key;
	return k;
}

#define DECODES(units_, ...) do { \
	static const int in_[] = { units_ }; \
	static const int want_[] = { __VA_ARGS__ }; \
	int got_[16]; \
	size_t n_ = decode(in_, sizeof in_ / sizeof in_[0], got_, 16); \
	cr_assert_eq(n_, sizeof want_ / sizeof want_[0], "%s: %zu keys", #units_, n_); \
	for (size_t i_ = 0; i_ < n_; i_++) \
		cr_assert_eq(got_[i_], want_[i_], "%s: key %zu is %#x, not %#x", #units_, i_, \
		             (unsigned)got_[i_], (unsigned)want_[i_]); \
} while (0)
#define U(...) __VA_ARGS__

Test(keys_read, utf8_assembled)
{
	DECODES(U('a', 'b'), 'a', 'b');
	DECODES(U(0xC3, 0xA9), 0xE9);
	DECODES(U(0xE6, 0x97, 0xA5, 'x'), 0x65E5, 'x');
	DECODES(U(0xF0, 0x9F, 0x8E, 0x89), 0x1F389);
	DECODES(U(TK_UP, 'k'), TK_UP, 'k');
}

/* One byte that is not UTF-8 is one dropped key; what follows it is read
 * as ever (Esc and q used to do nothing until Enter). */
Test(keys_read, invalid_bytes_never_swallow_keys)
{
	DECODES(U(0xE9, 'q'), TK_BADBYTE(0xE9), 'q');
	DECODES(U(0xE9, TK_ESC), TK_BADBYTE(0xE9), TK_ESC);
	DECODES(U(0xE9, '\r'), TK_BADBYTE(0xE9), '\r');
	DECODES(U(0xFF, 'q'), TK_BADBYTE(0xFF), 'q');
	DECODES(U(0x80, 0xBF), TK_BADBYTE(0x80), TK_BADBYTE(0xBF));
	DECODES(U(0xC0, 0x80), TK_BADBYTE(0xC0), TK_BADBYTE(0x80));     /* overlong */
	DECODES(U(0xED, 0xA0, 0x80, 'a'), TK_BADBYTE(0xED), 'a');        /* surrogate */
	DECODES(U(0xF4, 0x90, 0x80, 0x80), TK_BADBYTE(0xF4));            /* > U+10FFFF */
	DECODES(U(0xE6, 0x97), TK_BADBYTE(0xE6));                        /* cut short */
	DECODES(U(0xE6, TK_DOWN), TK_BADBYTE(0xE6), TK_DOWN);
	DECODES(U(0xC3, 0xC3, 0xA9), TK_BADBYTE(0xC3), 0xE9);
}

/* Esc alone, Alt-x (Esc x at once), escape sequences curses left. */
Test(keys_read, escape_meta_and_sequences)
{
	DECODES(U(TK_ESC), TK_ESC);
	DECODES(U(TK_ESC, 'x'), TK_META('x'));
	DECODES(U(TK_ESC, 'b', 'x'), TK_META('b'), 'x');
	DECODES(U(TK_ESC, 0x7F), TK_META(0x7F));
	DECODES(U(TK_ESC, TK_BACKSPACE), TK_META(0x7F));
	DECODES(U(TK_ESC, TK_ESC), TK_ESC, TK_ESC);
	DECODES(U(TK_ESC, 0xC3, 0xA9), TK_ESC, 0xE9);
	DECODES(U(TK_ESC, TK_UP), TK_ESC, TK_UP);
	DECODES(U(TK_ESC, '[', 'A'), TK_UP);
	DECODES(U(TK_ESC, 'O', 'B'), TK_DOWN);
	DECODES(U(TK_ESC, 'O', 'P'), TK_F1);
	DECODES(U(TK_ESC, '[', '5', '~', TK_ESC, '[', '6', '~'), TK_PGUP, TK_PGDN);
	DECODES(U(TK_ESC, '[', '3', '~'), TK_DELETE);
	DECODES(U(TK_ESC, '[', 'Z'), TK_BTAB);
	DECODES(U(TK_ESC, '[', '1', ';', '5', 'C', 'j'), TK_UNKNOWN, 'j');
	DECODES(U(TK_ESC, '[', '2', '0', '0', '~'), TK_UNKNOWN);
	DECODES(U(TK_ESC, '['), TK_META('['));
	DECODES(U(TK_ESC, '[', '1', 0xE9, 'q'), TK_UNKNOWN, TK_BADBYTE(0xE9), 'q');
}

Test(keys_read, names_and_script_tokens)
{
	char buf[32];

	cr_assert_str_eq(keys_name(TK_META('x'), buf, sizeof buf), "M-x");
	cr_assert_str_eq(keys_name(TK_META(0x7F), buf, sizeof buf), "M-Backspace");
	cr_assert_str_eq(keys_name(TK_BADBYTE(0xE9), buf, sizeof buf), "\\xE9");
	cr_assert_eq(keys_parse("<M-x>"), TK_META('x'));
	cr_assert_eq(keys_parse("<M-Backspace>"), TK_META(0x7F));
	cr_assert_eq(keys_request(TK_META('q')), REQ_NONE, "Alt-q is not q");
}

Test(script, bytes)
{
	char path[] = "/tmp/prmwb-script-XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");
	struct script s;
	struct script_step st;
	char *err = NULL;

	cr_assert_not_null(f);
	fputs(":bytes e9 1B 78\n:bytes e9x\n:bytes\n", f);
	fclose(f);
	cr_assert(script_open(&s, path, &err));
	script_next(&s, &st);
	cr_assert_eq(st.op, SCRIPT_BYTES);
	cr_assert_eq(st.n_bytes, 3);
	cr_assert_eq(st.bytes[0], 0xE9);
	cr_assert_eq(st.bytes[1], 0x1B);
	cr_assert_eq(st.bytes[2], 'x');
	script_next(&s, &st);
	cr_assert_eq(st.op, SCRIPT_ERROR);
	cr_assert_not_null(strstr(st.arg, ":2: expected :bytes and bytes in hex"), "%s", st.arg);
	script_next(&s, &st);
	cr_assert_eq(st.op, SCRIPT_ERROR, ":bytes needs bytes");
	script_close(&s);
	unlink(path);
}
