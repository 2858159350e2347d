/* Unit tests: the detail pane on the default model (every process), at
 * every width and several heights, with empty and with long records
 * (notes of 1, 200 and 10,000 lines, a long owner, wide characters,
 * combining marks, emoji, control characters): the lines are well formed
 * (escaped, within the width, every field and outcome once), and every line
 * can be reached with j, k and PgDn/PgUp while the selection stays in
 * sight. Run under AddressSanitizer (--enable-sanitizers) this is also the
 * test that building the lines never writes through a stale pointer. */
#include "config.h"

#include <criterion/criterion.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "model.h"
#include "record.h"
#include "store.h"
#include "text.h"
#include "tui/detail.h"

static struct prm_model *m;

static void setup(void)
{
	struct diag dg = DIAG_INIT;

	cr_assert_not_null(setlocale(LC_ALL, "C.UTF-8"));
	m = prm_model_load_default(&dg);
	diag_free(&dg);
	cr_assert_not_null(m, "the default model loads");
	cr_assert(m->n_processes > 10);
}

static void teardown(void)
{
	prm_model_free(m);
}

TestSuite(sweep, .init = setup, .fini = teardown, .timeout = 600);

/* ---- records ---------------------------------------------------------- */

enum rec_kind { REC_NONE, REC_SHORT, REC_RICH, REC_200, REC_10000, REC_COUNT };

/* n lines of notes; line i mixes ASCII, wide characters, combining marks,
 * emoji (a ZWJ sequence too), an escape and words longer than a line. */
static char *make_notes(size_t n)
{
	static const char *const pieces[] = {
		"Plain words that wrap across the pane at narrow widths",
		"日本語のメモ、幅の広い文字",
		"e\xcc\x81t\xc3\xa9 cafe\xcc\x81 combining marks",
		"emoji \xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb and \xf0\x9f\x8e\x89 party",
		"  indented evidence line",
		"escape \x1b[2J and bell \x07 shown escaped",
		"averyveryveryverylongwordwithoutanyspacesthatmustbehardbrokenacrosslines",
		"",
	};
	size_t np = sizeof pieces / sizeof pieces[0], cap = n * 96 + 1, len = 0;
	char *s = malloc(cap);

	cr_assert_not_null(s);
	s[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		int k = snprintf(s + len, cap - len, "%s%zu %s", i ? "\n" : "", i + 1,
		                 pieces[i % np]);
		cr_assert(k > 0 && (size_t)k < cap - len);
		len += (size_t)k;
	}
	return s;
}

/* A long owner: 1,000 characters, wide, combining and emoji among them. */
static char *make_owner(void)
{
	char *s = malloc(4096);
	size_t len = 0;

	cr_assert_not_null(s);
	for (int i = 0; len < 3000 && i < 1000; i++) {
		const char *c = i % 10 == 3 ? "名" : i % 10 == 5 ? "e\xcc\x81" :
		                i % 10 == 7 ? "\xf0\x9f\x8e\x89" : i % 10 == 9 ? " " : "o";
		memcpy(s + len, c, strlen(c));
		len += strlen(c);
	}
	s[len] = '\0';
	return s;
}

static int cmp_field(const void *x, const void *y)
{
	return strcmp(((const struct field_value *)x)->field,
	              ((const struct field_value *)y)->field);
}

static void set_field(struct record *r, const char *field, const char *value)
{
	struct field_value *fv = &r->fields[r->n_fields++];

	fv->field = strdup(field);
	fv->value = strdup(value);
	fv->rev = r->n_fields;
	fv->time = 1700000000;
	fv->user = strdup("tester");
}

/* The record of kind k for process p, or NULL (REC_NONE). Freed with
 * record_free(). */
static struct record *make_record(size_t p, enum rec_kind k)
{
	const struct prm_process *pr = &m->processes[p];
	struct record *r;
	char *notes, *owner;

	if (k == REC_NONE)
		return NULL;
	r = calloc(1, sizeof *r);
	cr_assert_not_null(r);
	r->fields = calloc(16 + pr->n_outcomes, sizeof *r->fields);
	r->process = strdup(pr->id);
	r->user = strdup(k == REC_SHORT ? "bob" :
	                 "a-user-name-that-is-much-longer-than-a-narrow-pane-is-wide-" "名前");
	r->time = 1700000000;
	notes = make_notes(k == REC_SHORT ? 1 : k == REC_RICH ? 8 : k == REC_200 ? 200 : 10000);
	owner = k == REC_SHORT ? strdup("Alice") : make_owner();
	set_field(r, "owner", owner);
	set_field(r, "status", "in-progress");
	set_field(r, "applicable", "no");
	set_field(r, "justification", k == REC_SHORT ? "Not ours." :
	          "Long, with\nseveral lines, \xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb and 名前\n");
	set_field(r, "notes", notes);
	set_field(r, "evidence", k == REC_SHORT ? "doc-1" : "doc-1\n  doc-2 \xf0\x9f\x93\x84\ndoc-3");
	set_field(r, "review", "2027-01-31");
	for (size_t i = 0; i < pr->n_outcomes; i++) {
		char f[32], v[2] = { "LPFN"[i % 4], '\0' };

		snprintf(f, sizeof f, "outcome.%d", pr->outcomes[i].number);
		set_field(r, f, v);
	}
	qsort(r->fields, r->n_fields, sizeof *r->fields, cmp_field);
	r->rev = r->n_fields;
	free(notes);
	free(owner);
	return r;
}

static void drop_record(struct record *r)
{
	if (r) {
		record_free(r);
		free(r);
	}
}

/* ---- checks --------------------------------------------------------------- */

/* Lines well formed for width w: escaped, no wider than the pane (a label
 * and 8 columns of text at the least), entries contiguous, every field and
 * outcome selectable once. */

/* The record fields the pane lists (record.h's table): all but outcome.N,
 * which the outcomes show, and the derived ones. */
static size_t editable_fields(void)
{
	size_t n = 0;

	for (size_t i = 0; i < record_n_fields; i++)
		n += !record_fields[i].numbered && record_fields[i].kind != FIELD_DERIVED;
	return n;
}

static void check_lines(const struct detail *d, size_t p, int w, const char *what)
{
	const struct prm_process *pr = &m->processes[p];
	int max = w < 10 ? 10 : w;
	size_t fields = 0, outcomes = 0;

	if (max < 2 + 15 + 8)
		max = 2 + 15 + 8;
	cr_assert(d->n > 0, "%s: no lines", what);
	for (size_t i = 0; i < d->n; i++) {
		const struct dline *l = &d->lines[i];
		int tw = text_width(l->text, strlen(l->text));

		cr_assert(tw <= max, "%s: line %zu is %d columns: %s", what, i, tw, l->text);
		for (const char *c = l->text; *c; c++)
			cr_assert((unsigned char)*c >= 0x20 && *c != 0x7f,
			          "%s: raw control character in line %zu", what, i);
		cr_assert(l->head <= i, "%s: line %zu continues a later line", what, i);
		cr_assert_eq(d->lines[l->head].head, l->head, "%s: line %zu", what, i);
		if (l->head != i) {
			cr_assert_eq(l->kind, DL_TEXT, "%s: a continuation line is text", what);
			cr_assert_eq(d->lines[i - 1].head, l->head, "%s: entry not contiguous", what);
		}
		if (l->kind == DL_FIELD) {
			cr_assert(record_field(l->field, NULL) != NULL, "%s: field '%s'", what, l->field);
			fields++;
		}
		if (l->kind == DL_OUTCOME) {
			cr_assert(strncmp(l->field, "outcome.", 8) == 0, "%s: '%s'", what, l->field);
			outcomes++;
		}
		if (l->kind == DL_RELATION)
			cr_assert(l->target < m->n_processes, "%s: relation target", what);
	}
	cr_assert_eq(outcomes, pr->n_outcomes, "%s: %zu outcome lines", what, outcomes);
	cr_assert_eq(fields, editable_fields(), "%s: %zu field lines", what, fields);
}

/* The selection is none or has a line in view. */
static void check_cursor(const struct detail *d, const char *what)
{
	size_t end = d->top + (size_t)d->height;

	if (d->cursor == (size_t)-1)
		return;
	cr_assert(d->cursor < d->n, "%s: cursor %zu of %zu", what, d->cursor, d->n);
	for (size_t i = d->top; i < end && i < d->n; i++)
		if (d->lines[i].head == d->cursor)
			return;
	cr_assert_fail("%s: the selection (line %zu) is out of view %zu+%d", what, d->cursor,
	               d->top, d->height);
}

/* As the workbench does between keys: the view is fitted to the rows
 * (draw_screen), then every line in view counts as seen. */
static void seen_view(struct detail *d, int h, char *seen, const char *what)
{
	detail_fit_view(d, h);
	check_cursor(d, what);
	cr_assert(d->top <= (d->n > (size_t)h ? d->n - (size_t)h : 0), "%s: scrolled past the end",
	          what);
	for (size_t i = d->top; i < d->top + (size_t)h && i < d->n; i++)
		seen[i] = 1;
}

static void check_all_seen(const struct detail *d, const char *seen, const char *what)
{
	for (size_t i = 0; i < d->n; i++)
		cr_assert(seen[i], "%s: line %zu of %zu never shown: %s", what, i, d->n,
		          d->lines[i].text);
}

/* j to the end, k back to the top, PgDn to the end, PgUp back: every line
 * is shown on the way, every selectable entry selected going down with j,
 * and the selection always in sight. */
static void walk(struct detail *d, int h, const char *what)
{
	char *seen = calloc(d->n + 1, 1), *sel = calloc(d->n + 1, 1);
	size_t steps, limit = 4 * d->n + 100;

	cr_assert(seen && sel);
	detail_set_height(d, h);
	detail_first(d);
	seen_view(d, h, seen, what);
	for (steps = 0; steps < limit; steps++) {
		size_t top = d->top, cur = d->cursor;

		if (cur != (size_t)-1)
			sel[cur] = 1;
		detail_move(d, 1);
		seen_view(d, h, seen, what);
		if (d->top == top && d->cursor == cur)
			break;
	}
	cr_assert(steps < limit, "%s: j never stops", what);
	check_all_seen(d, seen, what);
	for (size_t i = 0; i < d->n; i++)
		if (d->lines[i].head == i && (d->lines[i].kind == DL_FIELD ||
		    d->lines[i].kind == DL_OUTCOME || d->lines[i].kind == DL_RELATION))
			cr_assert(sel[i], "%s: j never selected line %zu: %s", what, i, d->lines[i].text);

	memset(seen, 0, d->n);
	seen_view(d, h, seen, what);
	for (steps = 0; steps < limit; steps++) {
		size_t top = d->top, cur = d->cursor;

		detail_move(d, -1);
		seen_view(d, h, seen, what);
		if (d->top == top && d->cursor == cur)
			break;
	}
	cr_assert_eq(d->top, 0, "%s: k stops at %zu", what, d->top);
	check_all_seen(d, seen, what);

	memset(seen, 0, d->n);
	detail_first(d);
	seen_view(d, h, seen, what);
	for (steps = 0; steps < limit; steps++) {
		size_t top = d->top;

		detail_page(d, 1);
		seen_view(d, h, seen, what);
		if (d->top == top)
			break;
	}
	check_all_seen(d, seen, what);
	detail_last(d);
	seen_view(d, h, seen, what);
	for (steps = 0; steps < limit && d->top > 0; steps++) {
		detail_page(d, -1);
		seen_view(d, h, seen, what);
	}
	cr_assert_eq(d->top, 0, "%s: PgUp stops at %zu", what, d->top);
	free(seen);
	free(sel);
}

static const char *const kind_names[] = { "none", "short", "rich", "200", "10000" };

/* ---- tests ------------------------------------------------------------------ */

/* Every process at every width from 1 to 220 (the pane is never narrower
 * than 10), empty and long records: the lines are well formed; rebuilding
 * at the next width keeps the selection in sight. */
Test(sweep, every_process_every_width)
{
	for (size_t p = 0; p < m->n_processes; p++)
		for (int k = REC_NONE; k <= REC_200; k++) {
			struct record *r = make_record(p, (enum rec_kind)k);
			struct detail d;

			detail_init(&d);
			detail_set_height(&d, 7);
			for (int w = 1; w <= 220; w++) {
				char what[96];

				snprintf(what, sizeof what, "%s at %d, record %s", m->processes[p].id, w,
				         kind_names[k]);
				cr_assert(detail_build(&d, m, p, r, w, 0), "%s: build", what);
				check_lines(&d, p, w, what);
				detail_fit_view(&d, 7);
				check_cursor(&d, what);
				if (w % 37 == 0) {
					cr_assert(detail_build(&d, m, p, r, w, TEXT_ASCII), "%s", what);
					check_lines(&d, p, w, what);
				}
			}
			detail_free(&d);
			drop_record(r);
		}
}

/* 10,000 lines of notes (and of justification): builds at a sample of
 * widths, and a walk through all of it at one. */
Test(sweep, ten_thousand_lines)
{
	static const int widths[] = { 1, 20, 59, 80, 220 };

	for (size_t p = 0; p < m->n_processes; p++) {
		struct record *r = make_record(p, REC_10000);
		struct detail d;

		detail_init(&d);
		for (size_t i = 0; i < sizeof widths / sizeof widths[0]; i++) {
			char what[96];

			snprintf(what, sizeof what, "%s at %d, 10,000 lines", m->processes[p].id,
			         widths[i]);
			cr_assert(detail_build(&d, m, p, r, widths[i], 0), "%s", what);
			check_lines(&d, p, widths[i], what);
			cr_assert(d.n > 10000, "%s: %zu lines", what, d.n);
		}
		if (p == 3) {
			cr_assert(detail_build(&d, m, p, r, 80, 0));
			walk(&d, 22, "10,000 lines at 80x22");
		}
		detail_free(&d);
		drop_record(r);
	}
}

/* j/k/PgDn/PgUp reach every line of every process, at every width from 20
 * to 220 (and the narrowest panes) and several heights down to one row. */
Test(sweep, every_line_reachable)
{
	static const int heights[] = { 1, 3, 7, 22, 40 };

	for (size_t p = 0; p < m->n_processes; p++)
		for (int k = REC_NONE; k <= REC_200; k += 2) {
			struct record *r = make_record(p, (enum rec_kind)k);
			struct detail d;

			detail_init(&d);
			for (int w = 10; w <= 220; w += w < 20 ? 9 : 1)
				for (size_t hi = 0; hi < sizeof heights / sizeof heights[0]; hi++) {
					char what[96];

					/* Every width at two heights, a sample at the others. */
					if (hi != 1 && hi != 3 && w % 10 != 0 && w != 19)
						continue;
					snprintf(what, sizeof what, "%s at %dx%d, record %s",
					         m->processes[p].id, w, heights[hi], kind_names[k]);
					cr_assert(detail_build(&d, m, p, r, w, 0), "%s", what);
					walk(&d, heights[hi], what);
				}
			detail_free(&d);
			drop_record(r);
		}
}
