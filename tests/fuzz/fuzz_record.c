/* fuzz_record.c - record validation (record.h), the only gate between
 * what users type and the store, with fuzzed field names and values.
 * Input: one byte for the process's outcome count, then FIELD NUL VALUE.
 * Promises checked: exactly one of value and reason comes back; an
 * accepted value is at most RECORD_MAX_VALUE bytes of valid UTF-8 without
 * control characters (line breaks and tabs only in multi-line fields), and
 * validating it again gives it back unchanged (normalising is idempotent,
 * so what the store holds would pass again). */
#include "config.h"

#include <string.h>

#include "fuzz.h"
#include "record.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc; (void)argv;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul;
	char *field, *value, *v, *why = NULL;
	size_t n_outcomes, flen;
	const struct field_def *def;

	if (size < 1)
		return 0;
	n_outcomes = data[0];
	data++, size--;
	nul = memchr(data, '\0', size);
	flen = nul ? (size_t)(nul - data) : size;
	field = fuzz_strndup(data, flen);
	value = nul ? fuzz_strndup(nul + 1, size - flen - 1) : NULL;

	def = record_field(field, NULL);
	v = record_validate(field, value, n_outcomes, &why);
	CHECK((v == NULL) != (why == NULL));
	if (v) {
		size_t len = strlen(v);
		bool multi;
		char *again, *why2 = NULL;

		CHECK(def != NULL);
		multi = def->kind == FIELD_TEXT || def->kind == FIELD_LIST;
		CHECK(len <= RECORD_MAX_VALUE);
		CHECK(fuzz_valid_utf8(v, len));
		for (size_t i = 0; i < len; i++) {
			unsigned char c = (unsigned char)v[i];

			CHECK(c >= 0x20 || (multi && (c == '\n' || c == '\t')));
			CHECK(c != 0x7F);
		}
		if (def->kind == FIELD_ENUM && *v) {
			bool found = false;

			for (size_t i = 0; def->choices[i]; i++)
				found |= strcmp(v, def->choices[i]) == 0;
			CHECK(found);
		}
		again = record_validate(field, v, n_outcomes, &why2);
		CHECK(again != NULL && why2 == NULL);
		CHECK(strcmp(again, v) == 0);
		free(again);
		(void)record_status_mark(v);
	} else {
		CHECK(*why != '\0');
	}
	free(v);
	free(why);
	free(field);
	free(value);
	return 0;
}
