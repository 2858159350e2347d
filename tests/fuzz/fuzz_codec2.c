/* fuzz_codec2.c - schema 2's value decoders and ordered numbers (codec.h)
 * on damaged bytes, as a damaged data.mdb hands them. The first byte picks
 * the decoder, the second the history number the value is read as. The
 * promises checked: a decoder never reads past its value, and what it
 * accepts encodes back to exactly the same bytes (one spelling per value,
 * so that a damaged value cannot pass as a good one).
 *
 * Built with tests/fuzz/fuzz.h (configure --enable-fuzzing): add
 * tests/fuzz/fuzz_codec2 to FUZZ_TARGETS in Makefile.am. */
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
	uint64_t seq;
	struct cbuf b = { 0 };

	if (size < 2)
		return 0;
	/* A private copy of exactly n bytes: ASan sees any overread. */
	n = size - 2;
	seq = 1 + (uint64_t)data[1] * 1000;
	if (n) {
		v = malloc(n);
		CHECK(v != NULL);
		memcpy(v, data + 2, n);
	}
	switch (data[0] % 5) {
	case 0: {
		struct hist2 h;

		if (hist2_decode(v, n, seq, &h)) {
			CHECK(h.kind <= HIST_RESTORE && h.set <= seq && h.ref < seq);
			CHECK((h.kind <= HIST_REDO) == (h.pf != 0));
			CHECK((h.kind == HIST_BASELINE || h.kind == HIST_RESTORE) == (h.a != NULL));
			hist2_encode(&b, seq, &h);
			same_bytes(&b, v, n);
			hist2_free(&h);
		}
		break;
	}
	case 1: {
		struct fver f;

		if (fver_decode(v, n, seq, &f)) {
			CHECK(f.value && f.rev <= seq);
			fver_encode(&b, seq, &f);
			same_bytes(&b, v, n);
			fver_free(&f);
		}
		break;
	}
	case 2: {
		struct cur2 c;

		if (cur2_decode(v, n, &c)) {
			CHECK(c.user && c.value && c.rev <= c.last && c.pf && c.entries);
			cur2_encode(&b, &c);
			same_bytes(&b, v, n);
			cur2_free(&c);
		}
		break;
	}
	case 3: {
		struct setmark m;

		if (setmark_decode(v, n, &m)) {
			CHECK(m.file && m.sha256);
			setmark_encode(&b, &m);
			same_bytes(&b, v, n);
			setmark_free(&m);
		}
		break;
	}
	default: {
		/* Ordered numbers: what is read is what would be written. */
		uint64_t x;
		size_t used = ou_get(v, n, &x);

		CHECK(used <= n);
		if (used) {
			cbuf_ou(&b, x);
			same_bytes(&b, v, used);
		}
		break;
	}
	}
	free(v);
	return 0;
}
