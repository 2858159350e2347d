/* fuzz.h - shared by the libFuzzer targets in tests/fuzz (configure
 * --enable-fuzzing). Each target is one LLVMFuzzerTestOneInput over one
 * module's public face; CHECK turns a broken promise of that face into a
 * crash libFuzzer reports and keeps, like a sanitizer finding. */
#ifndef PRMWB_FUZZ_H
#define PRMWB_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#define CHECK(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
		abort(); \
	} \
} while (0)

/* A NUL-terminated copy of n bytes (NULs inside stay: C strings end at
 * the first). Aborts on out-of-memory; caller frees. */
static inline char *fuzz_strndup(const uint8_t *p, size_t n)
{
	char *s = malloc(n + 1);

	CHECK(s != NULL);
	for (size_t i = 0; i < n; i++)
		s[i] = (char)p[i];
	s[n] = '\0';
	return s;
}

/* Is s (n bytes) valid UTF-8 as text_utf8_decode() sees it? */
static inline int fuzz_valid_utf8(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		unsigned cp;
		size_t k = text_utf8_decode(s + i, n - i, &cp);

		if (k == 0)
			return 0;
		i += k;
	}
	return 1;
}

#endif
