/* Unit tests: key table, names, script tokens, generated help. */
#include "config.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/keys.h"

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
