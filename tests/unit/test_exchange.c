/* Unit tests of what the exports and the import share: each format's
 * escaping (emit.h: CSV formula cells, quotes, line breaks; XML; JSON;
 * HTML; Markdown; control characters), the stability of version 5 UUIDs
 * and of the hashes behind them, origins and what a field knows, and the
 * walk over the records of a selection (exchange.h). */
#include "config.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "emit.h"
#include "exchange.h"
#include "model.h"
#include "sha.h"
#include "store_util.h"
#include "uuid.h"

/* What call writes to f, as a malloc'd string. */
static FILE *f;
static char *cap_buf;
static size_t cap_len;

static void cap_begin(void)
{
	f = open_memstream(&cap_buf, &cap_len);
	cr_assert(f);
}

static char *cap_end(void)
{
	fclose(f);
	f = NULL;
	return cap_buf;
}

#define CAPTURE(call) (cap_begin(), (call), cap_end())

static void is(char *got, const char *want)
{
	cr_expect_str_eq(got, want);
	free(got);
}

Test(csv, formula_cells_neutralised_in_free_text)
{
	is(CAPTURE(emit_csv(f, "=1+2", true)), "\"'=1+2\"");
	is(CAPTURE(emit_csv(f, "+1", true)), "\"'+1\"");
	is(CAPTURE(emit_csv(f, "-1", true)), "\"'-1\"");
	is(CAPTURE(emit_csv(f, "@SUM(A1)", true)), "\"'@SUM(A1)\"");
	is(CAPTURE(emit_csv(f, "\tx", true)), "\"'\tx\"");
	/* a CR never reaches the file: shown as ^M, the cell cannot start
	 * a formula */
	is(CAPTURE(emit_csv(f, "\rx", true)), "^Mx");
	is(CAPTURE(emit_csv(f, "\r=1", true)), "^M=1");
	cr_expect(emit_csv_formula("=x"));
	cr_expect(!emit_csv_formula("x=1"));
	cr_expect(!emit_csv_formula(""));
}

Test(csv, data_columns_kept)
{
	/* a rating '-' or a negative gap is data, not a formula */
	is(CAPTURE(emit_csv(f, "-", false)), "-");
	is(CAPTURE(emit_csv(f, "-2", false)), "-2");
	is(CAPTURE(emit_csv(f, "L+", false)), "L+");
}

Test(csv, quotes_commas_line_breaks)
{
	is(CAPTURE(emit_csv(f, "plain", true)), "plain");
	is(CAPTURE(emit_csv(f, "a,b", true)), "\"a,b\"");
	is(CAPTURE(emit_csv(f, "say \"hi\"", true)), "\"say \"\"hi\"\"\"");
	is(CAPTURE(emit_csv(f, "two\nlines", true)), "\"two\nlines\"");
	is(CAPTURE(emit_csv(f, " lead", true)), "\" lead\"");
	is(CAPTURE(emit_csv(f, "", true)), "");
}

Test(csv, control_characters_shown)
{
	char *s = CAPTURE(emit_csv(f, "a\x1b[31mb", true));

	cr_expect(strchr(s, '\x1b') == NULL, "ESC reached the file: %s", s);
	cr_expect(strstr(s, "^[") != NULL, "got %s", s);
	free(s);
}

Test(xml, escaping)
{
	is(CAPTURE(emit_xml(f, "a<b>&\"c'")), "a&lt;b&gt;&amp;&quot;c'");
	is(CAPTURE(emit_xml(f, "1\n2\t3\r")), "1&#10;2&#9;3&#13;");
	is(CAPTURE(emit_xml(f, "del\x7f c1\xc2\x85")), "del&#x7F; c1&#x85;");
	is(CAPTURE(emit_xml(f, "Grüße")), "Grüße");
	cr_expect_eq(emit_xml_unwritable("ok\n"), -1);
	cr_expect_eq(emit_xml_unwritable("a\x01"), 1);
	cr_expect_eq(emit_xml_unwritable("ab\xff"), 2);
}

Test(json, escaping)
{
	is(CAPTURE(emit_json(f, "a\"b\\c")), "\"a\\\"b\\\\c\"");
	is(CAPTURE(emit_json(f, "\n\t\r\b\f")), "\"\\n\\t\\r\\b\\f\"");
	is(CAPTURE(emit_json(f, "\x01\x1b")), "\"\\u0001\\u001b\"");
	is(CAPTURE(emit_json(f, "\x7f\xc2\x85")), "\"\\u007f\\u0085\"");
	is(CAPTURE(emit_json(f, "\xe2\x80\xa8")), "\"\\u2028\"");
	is(CAPTURE(emit_json(f, "Grüße")), "\"Grüße\"");
	cr_expect_eq(emit_json_unwritable("\x01 is fine"), -1);
	cr_expect_eq(emit_json_unwritable("x\xc3"), 1);
}

Test(html, escaping)
{
	is(CAPTURE(emit_html(f, "<script>alert('x')</script> & \"q\"")),
	   "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
	{
		char *s = CAPTURE(emit_html(f, "bell\x07 esc\x1b"));

		cr_expect(!strchr(s, '\x07') && !strchr(s, '\x1b'), "control reached: %s", s);
		free(s);
	}
}

Test(markdown, escaping)
{
	char *s = CAPTURE(emit_md(f, "# not a heading", 0));

	cr_expect(s[0] == '\\', "got %s", s);
	free(s);
	is(CAPTURE(emit_md(f, "a|b", EMIT_MD_TABLE)), "a\\|b");
	s = CAPTURE(emit_md(f, "<b>*x*</b>", 0));
	cr_expect(!strstr(s, "<b>") && !strstr(s, "*x*"), "got %s", s);
	free(s);
	s = CAPTURE(emit_md(f, "one\ntwo", EMIT_MD_TABLE));
	cr_expect(strstr(s, "<br>") && !strchr(s, '\n'), "got %s", s);
	free(s);
}

Test(uuid, rfc4122_vectors)
{
	char out[37];

	/* uuid5(NAMESPACE_DNS, "www.example.com"), as Python's uuid module
	 * and util-linux give it */
	cr_assert(uuid_v5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "www.example.com", out));
	cr_expect_str_eq(out, "2ed6657d-e927-568b-95e1-2665a8aea6a2");
	cr_assert(uuid_v5("6ba7b811-9dad-11d1-80b4-00c04fd430c8", "http://python.org/", out));
	cr_expect_str_eq(out, "4c565f0d-3f5a-5890-b41b-20cf47701c5e");
	/* prmwb's namespace (prmwb-records(5)): pinned, so that exports keep
	 * their UUIDs from release to release */
	cr_expect_str_eq(UUID_PRMWB_NS, "5b0c2d0e-8f3a-4c41-9d6e-2a7f1e4b9c38");
	cr_assert(uuid_v5(UUID_PRMWB_NS, "finding:iso27022:7.4", out));
	cr_expect_str_eq(out, "466f6806-a39b-51fd-a78d-2effb6a996ca");
	cr_assert(uuid_v5(UUID_PRMWB_NS, "Grüße", out));
	cr_expect_str_eq(out, "b6b4e02b-eb25-5b17-969d-b40bc606f5dd");
	/* an upper-case namespace names the same one */
	cr_assert(uuid_v5("6BA7B810-9DAD-11D1-80B4-00C04FD430C8", "www.example.com", out));
	cr_expect_str_eq(out, "2ed6657d-e927-568b-95e1-2665a8aea6a2");
	cr_expect(!uuid_v5("not-a-uuid", "x", out));
	cr_expect(uuid_is_text("2ed6657d-e927-568b-95e1-2665a8aea6a2"));
	cr_expect(!uuid_is_text("2ed6657d-e927-568b-95e1-2665a8aea6a"));
	cr_expect(!uuid_is_text("2ed6657de927-568b-95e1-2665a8aea6a2x"));
}

Test(sha, fips_vectors)
{
	struct sha256 c;
	struct sha1 c1;
	unsigned char d[20];
	char hex[65];
	static const unsigned char want1[20] = {
		0xa9, 0x99, 0x3e, 0x36, 0x47, 0x06, 0x81, 0x6a, 0xba, 0x3e,
		0x25, 0x71, 0x78, 0x50, 0xc2, 0x6c, 0x9c, 0xd0, 0xd8, 0x9d,
	};

	sha256_init(&c);
	sha256_update(&c, "abc", 3);
	sha256_final_hex(&c, hex);
	cr_expect_str_eq(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	sha256_init(&c);
	{
		char a[1000];

		memset(a, 'a', sizeof a);
		for (int i = 0; i < 1000; i++)
			sha256_update(&c, a, sizeof a);
	}
	sha256_final_hex(&c, hex);
	/* a million 'a' (FIPS 180-2, B.3) */
	cr_expect_str_eq(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	sha1_init(&c1);
	sha1_update(&c1, "abc", 3);
	sha1_final(&c1, d);
	cr_expect(memcmp(d, want1, 20) == 0);
}

Test(origin, parse_and_text)
{
	struct xorigin o;
	char buf[XORIGIN_TEXT];
	const char *u = "2ed6657d-e927-568b-95e1-2665a8aea6a2";

	cr_assert(xorigin_parse("2ed6657d-e927-568b-95e1-2665a8aea6a2:42", 39, &o));
	cr_expect_str_eq(o.uuid, u);
	cr_expect_eq(o.rev, 42);
	xorigin_text(&o, buf);
	cr_expect_str_eq(buf, "2ed6657d-e927-568b-95e1-2665a8aea6a2:42");
	cr_expect(!xorigin_parse("2ed6657d-e927-568b-95e1-2665a8aea6a2:0", 38, &o));
	cr_expect(!xorigin_parse("2ed6657d-e927-568b-95e1-2665a8aea6a2:01", 39, &o));
	cr_expect(!xorigin_parse("2ED6657D-e927-568b-95e1-2665a8aea6a2:1", 38, &o));
	cr_expect(!xorigin_parse("2ed6657d-e927-568b-95e1-2665a8aea6a2:", 37, &o));
	cr_expect(!xorigin_parse("2ed6657d-e927-568b-95e1-2665a8aea6a2:99999999999999999999999", 60, &o));
	memset(&o, 0, sizeof o);
	xorigin_text(&o, buf);
	cr_expect_str_eq(buf, "");
}

Test(origin, known_is_newest_per_store)
{
	struct xknown k = { 0 };
	struct xorigin a1 = { "aaaaaaaa-0000-4000-8000-000000000000", 1 };
	struct xorigin a5 = { "aaaaaaaa-0000-4000-8000-000000000000", 5 };
	struct xorigin a6 = { "aaaaaaaa-0000-4000-8000-000000000000", 6 };
	struct xorigin b3 = { "bbbbbbbb-0000-4000-8000-000000000000", 3 };
	struct xorigin none = { "", 0 };

	cr_assert(xknown_add(&k, &a5));
	cr_assert(xknown_add(&k, &a1));
	cr_assert(xknown_add(&k, &b3));
	cr_expect_eq(k.n, 2);
	cr_expect(xknown_covers(&k, &a1));
	cr_expect(xknown_covers(&k, &a5));
	cr_expect(!xknown_covers(&k, &a6));
	cr_expect(xknown_covers(&k, &b3));
	cr_expect(xknown_covers(&k, &none));
	/* two stores whose numbers coincide are not confused */
	{
		struct xorigin c5 = { "cccccccc-0000-4000-8000-000000000000", 5 };

		cr_expect(!xknown_covers(&k, &c5));
	}
	xknown_free(&k);
}

/* ---- xwalk_run(): the records of a selection, one at a time ---- */

static const char walk_model[] =
"<prm xmlns=\"urn:prmwb:prm:1\" id=\"m1\" version=\"1\">\n"
"  <title>Walk</title>\n"
"  <category id=\"c\" name=\"C\">\n"
"    <process id=\"1.1\" name=\"One\"><purpose>p</purpose>\n"
"      <outcomes><outcome n=\"1\">o</outcome></outcomes></process>\n"
"    <process id=\"1.2\" name=\"Two\"><purpose>p</purpose>\n"
"      <outcomes><outcome n=\"1\">o</outcome></outcomes></process>\n"
"  </category>\n"
"</prm>\n";

struct seen {
	char ids[8][16];
	size_t index[8];
	bool first_orphan[8];
	char owner[8][16];
	size_t n_fields[8];
	size_t n, stop_after;
	struct xrecord kept;
};

static bool see(void *arg, struct xwalk_item *it)
{
	struct seen *s = arg;
	const struct field_value *fv = record_get(&it->rec.rec, "owner");

	cr_assert_lt(s->n, 8);
	cr_expect_eq(it->i, s->n);
	cr_expect_eq(it->p == NULL, it->index == (size_t)-1);
	snprintf(s->ids[s->n], sizeof s->ids[0], "%s", it->id);
	s->index[s->n] = it->index;
	s->first_orphan[s->n] = it->first_orphan;
	snprintf(s->owner[s->n], sizeof s->owner[0], "%s", fv ? fv->value : "");
	s->n_fields[s->n] = it->rec.n;
	if (s->n == 0) {
		/* kept: the walker must not free it */
		s->kept = it->rec;
		memset(&it->rec, 0, sizeof it->rec);
	}
	return ++s->n != s->stop_after;
}

TestSuite(walk, .init = tmp_setup, .fini = tmp_teardown);

Test(walk, selection_then_orphans_as_of_the_view)
{
	struct diag d = DIAG_INIT;
	struct prm_model *m = prm_model_load_memory(walk_model, sizeof walk_model - 1, "walk", &d);
	struct store *st = open_db(0);
	struct xview v;
	char **orphans = NULL;
	size_t n_orphans = 0, sel[] = { 1, 0 };
	struct seen s = { .stop_after = 0 };
	struct xwalk w;

	cr_assert_not_null(m, "%s", d.n ? d.lines[0] : "?");
	cr_assert_eq(store_set(st, "1.1", "owner", "ann", 1, STORE_ANY_REV, NULL), STORE_OK);
	cr_assert_eq(store_set(st, "z.9", "owner", "zed", 1, STORE_ANY_REV, NULL), STORE_OK);
	cr_assert_eq(store_set(st, "b.0", "owner", "bea", 1, STORE_ANY_REV, NULL), STORE_OK);
	cr_assert_eq(store_set(st, "1.1", "owner", "al", 1, STORE_ANY_REV, NULL), STORE_OK);
	/* as of #3: 1.1 is still ann's */
	cr_assert_eq(xview_open(&v, st, 3), STORE_OK);
	cr_assert_eq(xview_orphans(&v, m, &orphans, &n_orphans), STORE_OK);
	cr_assert_eq(n_orphans, 2);
	w = (struct xwalk){ .v = &v, .m = m, .sel = sel, .n_sel = 2, .orphans = orphans,
	                    .n_orphans = n_orphans, .flags = XWALK_FULL };
	cr_expect_eq(xwalk_run(&w, see, &s), STORE_OK);
	cr_expect_null(w.failed);
	cr_assert_eq(s.n, 4);
	cr_expect_str_eq(s.ids[0], "1.2");
	cr_expect_str_eq(s.ids[1], "1.1");
	cr_expect_str_eq(s.ids[2], "b.0");
	cr_expect_str_eq(s.ids[3], "z.9");
	cr_expect_eq(s.index[0], 1);
	cr_expect_eq(s.index[1], 0);
	cr_expect(!s.first_orphan[1] && s.first_orphan[2] && !s.first_orphan[3]);
	cr_expect_str_eq(s.owner[1], "ann");
	cr_expect_str_eq(s.owner[2], "bea");
	/* full: a model process has every slot, an orphan its stored fields */
	cr_expect_gt(s.n_fields[0], 1);
	cr_expect_eq(s.n_fields[2], 1);
	/* the kept record is whole after the walk */
	cr_expect_eq(s.kept.rec.n_fields, 0);
	cr_expect_eq(s.kept.n, s.n_fields[0]);
	xrecord_free(&s.kept);

	/* model only; the callback stops the walk */
	memset(&s, 0, sizeof s);
	w.flags = XWALK_MODEL_ONLY;
	cr_expect_eq(xwalk_run(&w, see, &s), STORE_OK);
	cr_expect_eq(s.n, 2);
	cr_expect_eq(s.n_fields[0], 0);
	xrecord_free(&s.kept);
	memset(&s, 0, sizeof s);
	s.stop_after = 3;
	w.flags = 0;
	cr_expect_eq(xwalk_run(&w, see, &s), STORE_OK);
	cr_expect_eq(s.n, 3);
	xrecord_free(&s.kept);

	/* a read that fails names the process and ends the walk */
	free(orphans[1]);
	orphans[1] = strdup("");
	memset(&s, 0, sizeof s);
	cr_expect_neq(xwalk_run(&w, see, &s), STORE_OK);
	cr_expect_eq(s.n, 3);
	cr_expect_eq(w.failed, orphans[1]);
	xrecord_free(&s.kept);

	xstrv_free(orphans, n_orphans);
	store_close(st);
	prm_model_free(m);
	diag_free(&d);
}
