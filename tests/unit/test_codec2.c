/* Unit tests: schema 2's byte encodings (codec.h) - ordered numbers sort as
 * numbers and compose; every value survives encode/decode; every
 * truncation and every byte that makes a number longer than its shortest
 * form is refused, so a damaged value never passes for a good one (one
 * spelling per value: the fuzz target's promise too). */
#include "config.h"

#include <criterion/criterion.h>
#include <string.h>

#include "codec.h"

static int cmp(const struct cbuf *a, const struct cbuf *b)
{
	size_t n = a->n < b->n ? a->n : b->n;
	int r = memcmp(a->p, b->p, n);

	return r ? r : (a->n > b->n) - (a->n < b->n);
}

Test(codec2, ordered_numbers_sort_as_numbers)
{
	static const uint64_t v[] = { 0, 1, 2, 255, 256, 65535, 65536, 1u << 24, 0xFFFFFFFFu,
	                              (uint64_t)1 << 32, UINT64_MAX - 1, UINT64_MAX };
	size_t n = sizeof v / sizeof v[0];

	for (size_t i = 0; i < n; i++) {
		struct cbuf a = { 0 };
		uint64_t back;

		cbuf_ou(&a, v[i]);
		cr_assert_eq(ou_get(a.p, a.n, &back), a.n);
		cr_expect_eq(back, v[i]);
		for (size_t j = 0; j < n; j++) {
			struct cbuf b = { 0 };
			int c;

			/* and as the first half of a key, whatever follows */
			cbuf_ou(&b, v[j]);
			c = cmp(&a, &b);
			cr_expect((c < 0) == (v[i] < v[j]) && (c == 0) == (i == j), "%zu %zu", i, j);
			cbuf_free(&b);
		}
		cbuf_free(&a);
	}
	{
		struct cbuf a = { 0 }, b = { 0 };

		key2_fhist(&a, 255, UINT64_MAX);
		key2_fhist(&b, 256, 1);
		cr_expect_lt(cmp(&a, &b), 0);
		cbuf_free(&a);
		cbuf_free(&b);
	}
	/* not the shortest form: refused */
	cr_expect_eq(ou_get("\x01\x00", 2, &(uint64_t){ 0 }), 0);
	cr_expect_eq(ou_get("\x09\x01\x01\x01\x01\x01\x01\x01\x01\x01", 10, &(uint64_t){ 0 }), 0);
	cr_expect_eq(ou_get("\x02\x01", 2, &(uint64_t){ 0 }), 0);
}

Test(codec2, hist_entries_round_trip)
{
	struct hist2 in[] = {
		{ HIST_SET, 0, 1790000000, 4242, 1, 7, 100, 0, NULL, NULL },
		{ HIST_UNDO, HIST_F_NAMED, 0, 0, 300, 2, 105, 99, NULL, NULL },
		{ HIST_REDO, 0, INT64_MAX, UINT64_MAX, 1, 1, 1, 104, NULL, NULL },
		{ HIST_BASELINE, 0, 5, 1, 2, 0, 105, 0, "audit-2026", "note\nwith lines" },
		{ HIST_RESTORE, 0, 5, 1, 2, 0, 105, 0, "a file.xml", "abc" },
	};

	for (size_t i = 0; i < sizeof in / sizeof in[0]; i++) {
		struct cbuf b = { 0 }, again = { 0 };
		struct hist2 out;

		hist2_encode(&b, 105, &in[i]);
		cr_assert(!b.oom);
		cr_assert(hist2_decode(b.p, b.n, 105, &out), "entry %zu", i);
		cr_expect_eq(out.kind, in[i].kind);
		cr_expect_eq(out.flags, in[i].flags);
		cr_expect_eq(out.time, in[i].time);
		cr_expect_eq(out.pid, in[i].pid);
		cr_expect_eq(out.user, in[i].user);
		cr_expect_eq(out.pf, in[i].kind <= HIST_REDO ? in[i].pf : 0);
		cr_expect_eq(out.set, in[i].set);
		cr_expect_eq(out.ref, in[i].ref);
		cr_expect_str_eq(out.a ? out.a : "", in[i].a ? in[i].a : "");
		cr_expect_str_eq(out.b ? out.b : "", in[i].b ? in[i].b : "");
		hist2_encode(&again, 105, &out);
		cr_expect(again.n == b.n && memcmp(again.p, b.p, b.n) == 0, "entry %zu: one spelling", i);
		hist2_free(&out);
		/* every truncation of a fixed part is refused, never read past
		 * (BASELINE and RESTORE end in a string of any length) */
		for (size_t n = 0; n < b.n && in[i].kind <= HIST_REDO; n++)
			cr_expect(!hist2_decode(b.p, n, 105, &out), "entry %zu cut at %zu", i, n);
		/* the same bytes as an entry too early for them: its set (or
		 * the change it undoes) would be before #1 */
		if (i < 3)
			cr_expect(!hist2_decode(b.p, b.n, 3, &out), "entry %zu as #3", i);
		cbuf_free(&b);
		cbuf_free(&again);
	}
	{
		/* an unknown kind, a flag on a change, a field id 0 */
		struct cbuf b = { 0 };
		struct hist2 h = { HIST_SET, 0, 1, 1, 1, 3, 9, 0, NULL, NULL }, out;

		hist2_encode(&b, 9, &h);
		b.p[0] = 7;
		cr_expect(!hist2_decode(b.p, b.n, 9, &out));
		b.p[0] = HIST_SET | HIST_F_NAMED << 4;
		cr_expect(!hist2_decode(b.p, b.n, 9, &out));
		cbuf_free(&b);
		h.pf = 0;
		hist2_encode(&b, 9, &h);
		cr_expect(!hist2_decode(b.p, b.n, 9, &out));
		cbuf_free(&b);
	}
}

Test(codec2, versions_and_fields_now_round_trip)
{
	struct fver f[] = {
		{ 10, 0, 0, "planned" }, { 0, 0, 0, "" }, { 3, 2, 77, "Zoë 日本\nline" },
	};
	struct cur2 c = { 4, 10, 12, 1790000000, 3, 2, 77, "alice", "two\nlines" }, co;

	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
		struct cbuf b = { 0 };
		struct fver out;

		fver_encode(&b, 10, &f[i]);
		cr_assert(fver_decode(b.p, b.n, 10, &out));
		cr_expect_eq(out.rev, f[i].rev);
		cr_expect_eq(out.origin, f[i].origin);
		cr_expect_eq(out.origin_rev, f[i].origin_rev);
		cr_expect_str_eq(out.value, f[i].value);
		fver_free(&out);
		/* as the version of an entry too early for it: a revision
		 * before #0 is not one */
		if (f[i].rev == 3)
			cr_expect(!fver_decode(b.p, b.n, 6, &out));
		cbuf_free(&b);
	}
	{
		struct cbuf b = { 0 };

		cur2_encode(&b, &c);
		cr_assert(cur2_decode(b.p, b.n, &co));
		cr_expect_eq(co.pf, 4);
		cr_expect_eq(co.rev, 10);
		cr_expect_eq(co.last, 12);
		cr_expect_eq(co.time, 1790000000);
		cr_expect_eq(co.entries, 3);
		cr_expect_eq(co.origin, 2);
		cr_expect_eq(co.origin_rev, 77);
		cr_expect_str_eq(co.user, "alice");
		cr_expect_str_eq(co.value, "two\nlines");
		cur2_free(&co);
		/* a NUL in the value: not a string */
		b.p[b.n - 3] = 0;
		cr_expect(!cur2_decode(b.p, b.n, &co));
		cbuf_free(&b);
	}
}

Test(codec2, keys_describe_themselves)
{
	struct cbuf k = { 0 };
	char buf[200];

	key2_hist(&k, 12);
	key2_describe(DB_HIST, k.p, k.n, buf, sizeof buf);
	cr_expect_str_eq(buf, "#12");
	cbuf_free(&k);
	key2_fhist(&k, 3, 12);
	key2_describe(DB_FHIST, k.p, k.n, buf, sizeof buf);
	cr_expect_str_eq(buf, "field 3 #12");
	cbuf_free(&k);
	key2_cur(&k, "7.4", "owner");
	key2_describe(DB_CUR, k.p, k.n, buf, sizeof buf);
	cr_expect_str_eq(buf, "7.4 owner");
	cbuf_free(&k);
	key2_redo(&k, 2, 9);
	key2_describe(DB_AUX, k.p, k.n, buf, sizeof buf);
	cr_expect_str_eq(buf, "redo: user 2 set #9");
	cbuf_free(&k);
	key2_aux_name(&k, 'B', "audit\x1b");
	key2_describe(DB_AUX, k.p, k.n, buf, sizeof buf);
	cr_expect_str_eq(buf, "baseline audit\\x1B");
	cbuf_free(&k);
	cr_expect(uuid_text_ok("0b6c5e4a-1f2d-4c3b-9a8e-7d6c5b4a3f2e"));
	cr_expect(!uuid_text_ok("0B6C5E4A-1F2D-4C3B-9A8E-7D6C5B4A3F2E"));
	cr_expect(!uuid_text_ok("0b6c5e4a1f2d-4c3b-9a8e-7d6c5b4a3f2e0"));
}
