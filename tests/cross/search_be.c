/* search_be.c - the search's ASCII matcher (find_ascii in src/search.c,
 * its portable word-at-a-time path) against a plain byte-by-byte search,
 * for a big-endian machine: built by tests/e2e/search_big_endian.sh with a
 * cross compiler and run under qemu. The word-at-a-time path numbered
 * places from the wrong end of the word there and missed matches.
 * Exit 0 when every answer agrees. */
#define SEARCH_NO_SSE2 1
#include "search.c"

#include <stdio.h>

/* search.c names relation labels only when it builds an index, which this
 * driver does not. */
const char *prm_relation_label(const struct prm_model *m, const struct prm_relation *r)
{
	(void)m;
	(void)r;
	return "";
}

static unsigned next(unsigned *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return *seed >> 16;
}

/* Does folded ASCII word w occur in s, ASCII letters compared folded? */
static bool plain(const char *s, const char *w)
{
	size_t n = strlen(s), m = strlen(w);

	for (size_t i = 0; i + m <= n; i++) {
		size_t k = 0;

		while (k < m && (s[i + k] >= 'A' && s[i + k] <= 'Z' ? s[i + k] + 32 : s[i + k]) == w[k])
			k++;
		if (k == m)
			return true;
	}
	return false;
}

int main(void)
{
	static const char alpha[] = "abAB c.-";
	unsigned seed = 12345, bad = 0, runs = 0, hits = 0;

	for (int t = 0; t < 200000; t++) {
		char text[48], word[8];
		size_t n = next(&seed) % 40, m = 1 + next(&seed) % 4;
		const char *ws[1] = { word };
		struct search_query *q;

		for (size_t i = 0; i < n; i++)
			text[i] = alpha[next(&seed) & 7];
		text[n] = '\0';
		for (size_t i = 0; i < m; i++)
			word[i] = "abc"[next(&seed) % 3];
		word[m] = '\0';
		q = search_query_new(ws, 1);
		if (!q) {
			puts("out of memory");
			return 1;
		}
		if (q->n == 1 && q->w[0].ascii && !q->w[0].clause) {
			bool got = find_ascii(text, n, &q->w[0]), want = plain(text, word);

			runs++;
			hits += want;
			if (got != want && bad++ < 5)
				printf("text '%s', word '%s': found %d, expected %d\n", text, word, got, want);
		}
		search_query_free(q);
	}
	printf("%u searches, %u found, %u wrong\n", runs, hits, bad);
	return bad != 0 || runs < 100000;
}
