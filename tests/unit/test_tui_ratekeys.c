/* Unit tests: what a rating key does to a rating (ratekeys.h): n p l f
 * set, - and + refine P and L only (never N, F or nothing), x and Delete
 * clear; the profile view's own keys; the help made from the tables names
 * every key, and no key is both a rating key and a profile key. */
#include "config.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "assess.h"
#include "tui/keys.h"
#include "tui/ratekeys.h"

static enum assess_rating after(int key, enum assess_rating cur, bool *ok)
{
	const struct rate_key *k = rate_key_of(key);
	enum assess_rating out = (enum assess_rating)-1;
	const char *why = "unset";

	cr_assert_not_null(k, "key %d is a rating key", key);
	*ok = rate_apply(k, cur, &out, &why);
	if (*ok)
		cr_assert_null(why);
	else
		cr_assert(why && why[0], "a refusal says why");
	return out;
}

Test(ratekeys, letters_set_whatever_was_there)
{
	static const struct { int key; enum assess_rating r; } set[] = {
		{ 'n', AR_N }, { 'p', AR_P }, { 'l', AR_L }, { 'f', AR_F },
	};
	bool ok;

	for (size_t i = 0; i < sizeof set / sizeof set[0]; i++)
		for (int cur = AR_NONE; cur <= AR_F; cur++) {
			cr_assert_eq(after(set[i].key, (enum assess_rating)cur, &ok), set[i].r);
			cr_assert(ok);
		}
}

Test(ratekeys, refine_halves_of_p_and_l)
{
	static const struct { enum assess_rating cur, minus, plus; } t[] = {
		{ AR_P, AR_P_MINUS, AR_P_PLUS }, { AR_P_MINUS, AR_P_MINUS, AR_P_PLUS },
		{ AR_P_PLUS, AR_P_MINUS, AR_P_PLUS }, { AR_L, AR_L_MINUS, AR_L_PLUS },
		{ AR_L_MINUS, AR_L_MINUS, AR_L_PLUS }, { AR_L_PLUS, AR_L_MINUS, AR_L_PLUS },
	};
	bool ok;

	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		cr_assert_eq(after('-', t[i].cur, &ok), t[i].minus, "- on %s",
		             assess_rating_text(t[i].cur));
		cr_assert(ok);
		cr_assert_eq(after('+', t[i].cur, &ok), t[i].plus, "+ on %s",
		             assess_rating_text(t[i].cur));
		cr_assert(ok);
	}
}

Test(ratekeys, no_halves_of_n_f_or_nothing)
{
	static const enum assess_rating cur[] = { AR_NONE, AR_N, AR_F };
	bool ok;

	for (size_t i = 0; i < sizeof cur / sizeof cur[0]; i++) {
		after('-', cur[i], &ok);
		cr_assert(!ok, "- on '%s' refused", assess_rating_text(cur[i]));
		after('+', cur[i], &ok);
		cr_assert(!ok, "+ on '%s' refused", assess_rating_text(cur[i]));
	}
}

Test(ratekeys, x_and_delete_clear)
{
	bool ok;

	for (int cur = AR_NONE; cur <= AR_F; cur++) {
		cr_assert_eq(after('x', (enum assess_rating)cur, &ok), AR_NONE);
		cr_assert(ok);
		cr_assert_eq(after(TK_DELETE, (enum assess_rating)cur, &ok), AR_NONE);
		cr_assert(ok);
	}
}

Test(ratekeys, other_keys_are_not_rating_keys)
{
	static const int keys[] = { 'N', 'L', 'P', 'F', 'r', 'u', 'b', 'h', 'j', TK_ENTER,
	                            TK_TAB, TK_ESC, '0' };

	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		cr_assert_null(rate_key_of(keys[i]), "key %d", keys[i]);
}

Test(ratekeys, profile_keys)
{
	cr_assert_eq(rate_profile_request('h'), PROF_LEFT);
	cr_assert_eq(rate_profile_request(TK_LEFT), PROF_LEFT);
	cr_assert_eq(rate_profile_request(TK_BTAB), PROF_LEFT);
	cr_assert_eq(rate_profile_request(TK_RIGHT), PROF_RIGHT);
	cr_assert_eq(rate_profile_request(TK_TAB), PROF_RIGHT);
	cr_assert_eq(rate_profile_request('b'), PROF_AS_OF);
	cr_assert_eq(rate_profile_request(TK_ENTER), PROF_OPEN);
	cr_assert_eq(rate_profile_request('\r'), PROF_OPEN);
	/* l rates in the profile: it never moves there */
	cr_assert_eq(rate_profile_request('l'), PROF_NONE);
	cr_assert_not_null(rate_key_of('l'));
	/* no key is both */
	for (int k = 0; k < 128; k++)
		cr_assert(!(rate_key_of(k) && rate_profile_request(k) != PROF_NONE), "key %d", k);
}

Test(ratekeys, help_names_every_key_once)
{
	size_t n = 0, np = 0;
	char **rate = rate_help_lines(12, false, &n);
	char **prof = rate_help_lines(12, true, &np);

	cr_assert_eq(n, 7, "n, p, l, f, -, +, and x/Delete on one line");
	cr_assert_eq(np, n + 4, "and left, right, b, Enter");
	cr_assert_str_eq(rate[0], "n            Rate N: not achieved (0-15 %)");
	cr_assert_str_eq(rate[6], "x, Delete    Clear the rating");
	cr_assert_str_eq(prof[0], "h, Left, S-Tab Previous column");
	cr_assert(strstr(prof[1], "Right, Tab") == prof[1]);
	for (size_t i = 0; i < n; i++)
		free(rate[i]);
	for (size_t i = 0; i < np; i++)
		free(prof[i]);
	free(rate);
	free(prof);
}
