/* fuzz_codec.c - the store's value decoders (codec.h) on damaged bytes, as
 * a damaged data.mdb hands them. The first byte picks the decoder. Promises
 * checked: a decoder never reads past its value, and what it accepts
 * encodes back to exactly the same bytes (one spelling per value, so a
 * damaged value cannot pass as a good one). */
#include "config.h"

#include <string.h>

#include "codec.h"
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc; (void)argv;
	return 0;
}

static void same_bytes(struct cbuf *b, const uint8_t *p, size_t n)
{
	CHECK(!b->oom);
	CHECK(b->n == n);
	CHECK(n == 0 || memcmp(b->p, p, n) == 0);
	cbuf_free(b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *v = NULL;
	size_t n;
	struct cbuf b = { 0 };

	if (size < 1)
		return 0;
	/* A private copy of exactly n bytes: ASan sees any overread. */
	n = size - 1;
	if (n) {
		v = malloc(n);
		CHECK(v != NULL);
		memcpy(v, data + 1, n);
	}
	switch (data[0] % 3) {
	case 0: {
		struct field_state f;

		if (field_state_decode(v, n, &f)) {
			CHECK(f.user && f.value);
			field_state_encode(&b, &f);
			same_bytes(&b, v, n);
			field_state_free(&f);
		}
		break;
	}
	case 1: {
		struct hist_rec h;

		if (hist_decode(v, n, 42, &h)) {
			CHECK(h.e.seq == 42);
			CHECK(h.e.user && h.e.process && h.e.field && h.e.old_value &&
			      h.e.new_value);
			CHECK(h.e.kind <= HIST_REDO);
			hist_encode(&b, &h);
			same_bytes(&b, v, n);
			hist_free(&h);
		}
		break;
	}
	default: {
		/* Keys end in a big-endian u64 (sequence numbers). */
		uint64_t x = key_tail_u64(v, n), want = 0;

		if (n >= 8)
			for (size_t i = n - 8; i < n; i++)
				want = (want << 8) | v[i];
		CHECK(x == want);
		break;
	}
	}
	free(v);
	return 0;
}
