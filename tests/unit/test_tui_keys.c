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
