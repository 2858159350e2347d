/* Unit tests: record fields (validation, normalisation) and the store's
 * byte encoding of field states and history entries. */
#include "config.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "codec.h"
#include "record.h"

static void ok(const char *field, const char *in, size_t nout, const char *want)
{
	char *why = NULL;
	char *got = record_validate(field, in, nout, &why);

	cr_assert_not_null(got, "%s=%s refused: %s", field, in, why ? why : "");
	cr_expect_str_eq(got, want, "%s=%s", field, in);
	cr_expect_null(why);
	free(got);
}

/* Refused, with a message containing each of the NULL-terminated parts. */
static void bad(const char *field, const char *in, size_t nout, ...)
{
	char *why = NULL;
	char *got = record_validate(field, in, nout, &why);
	va_list ap;
	const char *part;

	cr_assert_null(got, "%s=%s accepted as %s", field, in, got);
	cr_assert_not_null(why);
	va_start(ap, nout);
	while ((part = va_arg(ap, const char *)))
		cr_expect(strstr(why, part) != NULL, "message '%s' lacks '%s'", why, part);
	va_end(ap);
	free(why);
}

Test(record, field_names)
{
	int n = 0;

	cr_expect_not_null(record_field("owner", NULL));
	cr_expect_eq(record_field("status", NULL)->kind, FIELD_ENUM);
	cr_expect_eq(record_field("evidence", NULL)->kind, FIELD_LIST);
	cr_expect_eq(record_field("review", NULL)->kind, FIELD_DATE);
	cr_expect_eq(record_field("notes", NULL)->kind, FIELD_TEXT);
	cr_expect_not_null(record_field("outcome.12", &n));
	cr_expect_eq(n, 12);
	cr_expect_null(record_field("outcome.0", NULL));
	cr_expect_null(record_field("outcome.03", NULL));
	cr_expect_null(record_field("outcome.", NULL));
	cr_expect_null(record_field("outcome.1x", NULL));
	cr_expect_null(record_field("outcome", NULL));
	cr_expect_null(record_field("Owner", NULL));
	cr_expect_null(record_field("", NULL));
}

Test(record, unknown_field_lists_fields)
{
	bad("colour", "x", 3, "unknown field 'colour'", "owner", "status", "applicable",
	    "justification", "notes", "evidence", "review", "outcome.N", NULL);
	bad("outcome.0", "F", 3, "unknown field", NULL);
}

Test(record, line)
{
	ok("owner", "  Alice Smith  ", 0, "Alice Smith");
	ok("owner", "", 0, "");
	ok("owner", "Zoë 日本", 0, "Zoë 日本");
	ok("owner", "alice\n", 0, "alice");     /* trailing newline of echo */
	bad("owner", "alice\nbob", 0, "owner", "one line", NULL);
	bad("owner", "a\x1b[31m", 0, "owner", "control character", NULL);
	bad("owner", "a\tb", 0, "control character", NULL);
	bad("owner", "bad \xff utf8", 0, "UTF-8", NULL);
	bad("owner", "c1 \xc2\x9b", 0, "control character", NULL);
}

Test(record, text_and_list)
{
	ok("notes", "one\r\ntwo\n\n\n", 0, "one\ntwo");
	ok("notes", "  indented\n\ttab", 0, "  indented\n\ttab");
	ok("justification", "outsourced", 0, "outsourced");
	bad("notes", "esc \x1b]0;title\x07", 0, "notes", "control character", NULL);
	ok("evidence", "  doc-1  \n\n doc-2\n", 0, "doc-1\ndoc-2");
	ok("evidence", "\n \n", 0, "");
	bad("evidence", "a\x7f", 0, "evidence", "control", NULL);
	char *big = malloc(70000);
	memset(big, 'x', 69999);
	big[69999] = '\0';
	bad("notes", big, 0, "notes", "at most", NULL);
	free(big);
}

Test(record, enums)
{
	ok("status", "Planned", 0, "planned");
	ok("status", "IN-PROGRESS", 0, "in-progress");
	ok("status", "", 0, "");
	bad("status", "done", 0, "status: 'done' is not allowed; use one of: not-started, "
	    "planned, in-progress, implemented, verified", NULL);
	ok("applicable", "NO", 0, "no");
	bad("applicable", "maybe", 0, "use one of: yes, no", NULL);
	ok("outcome.1", "f", 3, "F");
	ok("outcome.3", " l ", 3, "L");
	bad("outcome.1", "X", 3, "outcome.1", "N, P, L, F", NULL);
	bad("outcome.4", "F", 3, "outcome.4", "1 to 3", NULL);
	bad("outcome.1", "F", 0, "no outcomes", NULL);
}

Test(record, dates)
{
	ok("review", "2026-03-31", 0, "2026-03-31");
	ok("review", "2024-02-29", 0, "2024-02-29");
	ok("review", "2000-02-29", 0, "2000-02-29");
	bad("review", "2025-02-29", 0, "review", "YYYY-MM-DD", NULL);
	bad("review", "1900-02-29", 0, "YYYY-MM-DD", NULL);
	bad("review", "2026-04-31", 0, "YYYY-MM-DD", NULL);
	bad("review", "2026-13-01", 0, "YYYY-MM-DD", NULL);
	bad("review", "2026-1-01", 0, "YYYY-MM-DD", NULL);
	bad("review", "26-01-01", 0, "YYYY-MM-DD", NULL);
	bad("review", "2026-01-01x", 0, "YYYY-MM-DD", NULL);
	bad("review", "0000-01-01", 0, "YYYY-MM-DD", NULL);
	bad("review", "tomorrow", 0, "'tomorrow' is not a date", NULL);
}

Test(record, status_marks)
{
	cr_expect_eq(record_status_mark(NULL), '-');
	cr_expect_eq(record_status_mark(""), '-');
	cr_expect_eq(record_status_mark("not-started"), ' ');
	cr_expect_eq(record_status_mark("planned"), 'p');
	cr_expect_eq(record_status_mark("in-progress"), 'i');
	cr_expect_eq(record_status_mark("implemented"), 'I');
	cr_expect_eq(record_status_mark("verified"), 'V');
}

/* One value of every field kind survives encode/decode byte for byte. */
Test(codec, field_state_roundtrip)
{
	const char *values[] = { "", "Alice", "planned", "no", "line1\nline2\ttab",
	                         "doc-1\ndoc-2", "2026-03-31", "F", "Zoë 日本" };

	for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
		struct field_state in = { 1234567890123ull + i, -5 + (int64_t)i, "bob", (char *)values[i] };
		struct field_state out;
		struct cbuf b = { 0 };

		field_state_encode(&b, &in);
		cr_assert(!b.oom);
		cr_assert(field_state_decode(b.p, b.n, &out));
		cr_expect_eq(out.rev, in.rev);
		cr_expect_eq(out.time, in.time);
		cr_expect_str_eq(out.user, "bob");
		cr_expect_str_eq(out.value, values[i]);
		field_state_free(&out);
		/* every truncation is detected, never read past */
		for (size_t n = 0; n < b.n; n++)
			cr_expect(!field_state_decode(b.p, n, &out), "truncated at %zu accepted", n);
		cbuf_free(&b);
	}
}

Test(codec, hist_roundtrip)
{
	struct hist_rec in, out;
	struct cbuf b = { 0 };

	memset(&in, 0, sizeof in);
	in.e.time = 1790000000;
	in.e.user = "alice";
	in.e.pid = 4242;
	in.e.kind = HIST_UNDO;
	in.e.ref = 77;
	in.e.process = "7.4";
	in.e.field = "outcome.2";
	in.e.old_value = "L";
	in.e.new_value = "";
	in.old_rev = 77;
	in.new_rev = 3;
	hist_encode(&b, &in);
	cr_assert(hist_decode(b.p, b.n, 99, &out));
	cr_expect_eq(out.e.seq, 99);
	cr_expect_eq(out.e.time, 1790000000);
	cr_expect_str_eq(out.e.user, "alice");
	cr_expect_eq(out.e.pid, 4242);
	cr_expect_eq(out.e.kind, HIST_UNDO);
	cr_expect_eq(out.e.ref, 77);
	cr_expect_str_eq(out.e.process, "7.4");
	cr_expect_str_eq(out.e.field, "outcome.2");
	cr_expect_str_eq(out.e.old_value, "L");
	cr_expect_str_eq(out.e.new_value, "");
	cr_expect_eq(out.old_rev, 77);
	cr_expect_eq(out.new_rev, 3);
	hist_free(&out);
	b.p[16] = 9;    /* kind byte out of range */
	cr_expect(!hist_decode(b.p, b.n, 99, &out));
	cbuf_free(&b);
}

Test(codec, keys_sort_numerically)
{
	struct cbuf a = { 0 }, b = { 0 };

	key_hist(&a, 255);
	key_hist(&b, 256);
	cr_expect_eq(a.n, 10);
	cr_expect_lt(memcmp(a.p, b.p, a.n), 0);
	cr_expect_eq(key_tail_u64(b.p, b.n), 256);
	cbuf_free(&a);
	cbuf_free(&b);
	key_field(&a, "7.4", "owner");
	cr_expect_eq(a.n, 2 + 4 + 5);
	cr_expect_eq(memcmp(a.p, "r/7.4\0owner", 11), 0);
	cbuf_free(&a);
	key_stack(&a, 'R', "bob", 5);
	cr_expect_eq(memcmp(a.p, "R/bob\0", 6), 0);
	cr_expect_eq(key_tail_u64(a.p, a.n), 5);
	cbuf_free(&a);
}
