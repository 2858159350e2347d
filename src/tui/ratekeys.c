/* ratekeys.c - the rating keys and the profile view's keys (see
 * ratekeys.h). */
#include "config.h"
#include "tui/ratekeys.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/keys.h"

static const struct rate_key rate_keys[] = {
	{ 'n', RATE_SET, AR_N, PROF_NONE, "Rate N: not achieved (0-15 %)" },
	{ 'p', RATE_SET, AR_P, PROF_NONE, "Rate P: partially achieved (>15-50 %)" },
	{ 'l', RATE_SET, AR_L, PROF_NONE, "Rate L: largely achieved (>50-85 %)" },
	{ 'f', RATE_SET, AR_F, PROF_NONE, "Rate F: fully achieved (>85-100 %)" },
	{ '-', RATE_LOWER, AR_NONE, PROF_NONE,
	  "Refine P or L to its lower half (P-, L-); N and F have none" },
	{ '+', RATE_UPPER, AR_NONE, PROF_NONE,
	  "Refine P or L to its upper half (P+, L+); N and F have none" },
	{ 'x', RATE_CLEAR, AR_NONE, PROF_NONE, "Clear the rating" },
	{ TK_DELETE, RATE_CLEAR, AR_NONE, PROF_NONE, "Clear the rating" },
};

#define LEFT "Previous column"
#define RIGHT "Next column (l rates: it does not move)"
static const struct rate_key profile_keys[] = {
	{ 'h', RATE_NONE, AR_NONE, PROF_LEFT, LEFT },
	{ TK_LEFT, RATE_NONE, AR_NONE, PROF_LEFT, LEFT },
	{ TK_BTAB, RATE_NONE, AR_NONE, PROF_LEFT, LEFT },
	{ TK_RIGHT, RATE_NONE, AR_NONE, PROF_RIGHT, RIGHT },
	{ TK_TAB, RATE_NONE, AR_NONE, PROF_RIGHT, RIGHT },
	{ 'b', RATE_NONE, AR_NONE, PROF_AS_OF,
	  "As of a baseline (read-only, changes marked); again: now" },
	{ TK_ENTER, RATE_NONE, AR_NONE, PROF_OPEN,
	  "Open the process in the detail pane at this PA" },
};

const struct rate_key *rate_key_of(int key)
{
	for (size_t i = 0; i < sizeof rate_keys / sizeof rate_keys[0]; i++)
		if (rate_keys[i].key == key)
			return &rate_keys[i];
	return NULL;
}

bool rate_apply(const struct rate_key *k, enum assess_rating cur, enum assess_rating *out,
                const char **why)
{
	enum assess_rating letter = assess_rating_letter(cur);

	*why = NULL;
	switch (k->op) {
	case RATE_SET:
		*out = k->rating;
		return true;
	case RATE_CLEAR:
		*out = AR_NONE;
		return true;
	case RATE_LOWER:
	case RATE_UPPER:
		if (letter == AR_P) {
			*out = k->op == RATE_LOWER ? AR_P_MINUS : AR_P_PLUS;
			return true;
		}
		if (letter == AR_L) {
			*out = k->op == RATE_LOWER ? AR_L_MINUS : AR_L_PLUS;
			return true;
		}
		*why = letter == AR_NONE ? "rate it first (n, p, l, f), then refine" :
		       "only P and L have halves (P-, P+, L-, L+)";
		return false;
	case RATE_NONE:
		break;
	}
	*why = "not a rating key";
	return false;
}

enum profile_req rate_profile_request(int key)
{
	if (key == '\r' || key == '\n')
		key = TK_ENTER;
	for (size_t i = 0; i < sizeof profile_keys / sizeof profile_keys[0]; i++)
		if (profile_keys[i].key == key)
			return profile_keys[i].req;
	return PROF_NONE;
}

static char *text_line(const char *keys, const char *help, int keycol)
{
	size_t len = strlen(keys) + strlen(help) + (size_t)keycol + 4;
	char *s = malloc(len);

	if (s)
		snprintf(s, len, "%-*s %s", keycol, keys, help);
	return s;
}

/* Append "KEYS  help" to lines at *k for every distinct help text of the
 * table t (the keys with the same help on one line). */
static void help_from(const struct rate_key *t, size_t n, char **lines, size_t *k, int keycol)
{
	for (size_t i = 0; i < n; i++) {
		char keys[96] = "", name[32];
		bool seen = false;

		for (size_t j = 0; j < i; j++)
			seen |= strcmp(t[j].help, t[i].help) == 0;
		if (seen)
			continue;
		for (size_t j = i; j < n; j++) {
			size_t len = strlen(keys);

			if (strcmp(t[j].help, t[i].help) == 0)
				snprintf(keys + len, sizeof keys - len, "%s%s", len ? ", " : "",
				         keys_name(t[j].key, name, sizeof name));
		}
		lines[(*k)++] = text_line(keys, t[i].help, keycol);
	}
}

char **rate_help_lines(int keycol, bool profile, size_t *n)
{
	size_t max = sizeof rate_keys / sizeof rate_keys[0] + sizeof profile_keys /
	             sizeof profile_keys[0];
	char **lines = calloc(max, sizeof *lines);
	size_t k = 0;

	*n = 0;
	if (!lines)
		return NULL;
	if (profile)
		help_from(profile_keys, sizeof profile_keys / sizeof profile_keys[0], lines, &k,
		          keycol);
	help_from(rate_keys, sizeof rate_keys / sizeof rate_keys[0], lines, &k, keycol);
	/* A line that could not be made (out of memory) is left out. */
	for (size_t i = 0; i < k; i++)
		if (!lines[i]) {
			memmove(lines + i, lines + i + 1, (k - i - 1) * sizeof *lines);
			k--;
			i--;
		}
	*n = k;
	return lines;
}
