/* Unit tests: capability levels (ISO/IEC 33020) from PA ratings, the
 * suggested PA 1.1 from outcome ratings, profile rows and totals, the
 * overview counts, and the field table they rest on (validation of the new
 * fields, labels, the generated man page). */
#include "config.h"

#include <criterion/criterion.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess.h"
#include "model.h"
#include "record.h"
#include "tui/detail.h"

/* ---- helpers -------------------------------------------------------------- */

/* A record from "field=value" strings, NULL-terminated. */
static struct record rec_of(const char *first, ...)
{
	struct record r;
	va_list ap;
	const char *s;

	memset(&r, 0, sizeof r);
	r.fields = calloc(64, sizeof *r.fields);
	va_start(ap, first);
	for (s = first; s; s = va_arg(ap, const char *)) {
		const char *eq = strchr(s, '=');
		struct field_value *fv = &r.fields[r.n_fields++];

		cr_assert_not_null(eq);
		fv->field = strndup(s, (size_t)(eq - s));
		fv->value = strdup(eq + 1);
		fv->user = strdup("");
	}
	va_end(ap);
	r.process = strdup("x");
	r.user = strdup("");
	return r;
}

/* Nine ratings from a string of nine two-character cells, "  " unrated:
 * "L F F " ... in pa.1.1 ... pa.5.2 order. */
static int level_of(const char *cells)
{
	enum assess_rating pa[ASSESS_N_PA];
	char cell[3];

	cr_assert_eq(strlen(cells), 2 * ASSESS_N_PA, "cells '%s'", cells);
	for (size_t i = 0; i < ASSESS_N_PA; i++) {
		cell[0] = cells[2 * i];
		cell[1] = cells[2 * i + 1] == ' ' ? '\0' : cells[2 * i + 1];
		cell[2] = '\0';
		pa[i] = cell[0] == ' ' ? AR_NONE : assess_rating_parse(cell);
		cr_assert(cell[0] == ' ' || pa[i] != AR_NONE, "bad cell '%s'", cell);
	}
	return assess_level(pa);
}

/* A process with outcomes numbered as given (0-terminated). */
static struct prm_process proc_with(const char *id, const int *numbers)
{
	struct prm_process p;
	size_t n = 0;

	memset(&p, 0, sizeof p);
	p.id = (char *)id;
	p.name = (char *)"A process";
	while (numbers[n])
		n++;
	p.n_outcomes = n;
	p.outcomes = calloc(n ? n : 1, sizeof *p.outcomes);
	for (size_t i = 0; i < n; i++) {
		p.outcomes[i].number = numbers[i];
		p.outcomes[i].text = (char *)"An outcome.";
	}
	return p;
}

/* ---- ratings and the level rule ----------------------------------------- */

Test(assess, ratings_parse_and_count_as_their_letter)
{
	const char *all[] = { "N", "P-", "P", "P+", "L-", "L", "L+", "F" };

	for (size_t i = 0; i < 8; i++) {
		enum assess_rating r = assess_rating_parse(all[i]);

		cr_expect_neq(r, AR_NONE, "%s", all[i]);
		cr_expect_str_eq(assess_rating_text(r), all[i]);
	}
	cr_expect_eq(assess_rating_parse(""), AR_NONE);
	cr_expect_eq(assess_rating_parse(NULL), AR_NONE);
	cr_expect_eq(assess_rating_parse("l"), AR_NONE);    /* stored upper case */
	cr_expect_eq(assess_rating_parse("F+"), AR_NONE);
	cr_expect_eq(assess_rating_parse("yes"), AR_NONE);
	cr_expect_eq(assess_rating_letter(AR_P_MINUS), AR_P);
	cr_expect_eq(assess_rating_letter(AR_P_PLUS), AR_P);
	cr_expect_eq(assess_rating_letter(AR_L_MINUS), AR_L);
	cr_expect_eq(assess_rating_letter(AR_L_PLUS), AR_L);
	cr_expect_eq(assess_rating_letter(AR_F), AR_F);
	cr_expect_eq(assess_rating_letter(AR_N), AR_N);
}

Test(assess, the_nine_attributes_come_from_the_field_table)
{
	static const char *const names[] = {
		"pa.1.1", "pa.2.1", "pa.2.2", "pa.3.1", "pa.3.2", "pa.4.1", "pa.4.2",
		"pa.5.1", "pa.5.2",
	};
	static const int levels[] = { 1, 2, 2, 3, 3, 4, 4, 5, 5 };
	size_t n = 0;

	for (size_t i = 0; i < ASSESS_N_PA; i++) {
		cr_expect_str_eq(assess_pa_field(i), names[i]);
		cr_expect_eq(assess_pa_level(i), levels[i], "%s", names[i]);
	}
	cr_expect_null(assess_pa_field(ASSESS_N_PA));
	for (size_t i = 0; i < record_n_fields; i++)
		n += record_fields[i].cap_level > 0;
	cr_expect_eq(n, ASSESS_N_PA);
}

/* Columns: 1.1 2.1 2.2 3.1 3.2 4.1 4.2 5.1 5.2 */
Test(assess, level_rule_worked_examples)
{
	/* not assessed until PA 1.1 is rated, whatever else is */
	cr_expect_eq(level_of("                  "), ASSESS_NOT_ASSESSED);
	cr_expect_eq(level_of("  F F F F F F F F "), ASSESS_NOT_ASSESSED);
	/* N or P at PA 1.1: level 0 */
	cr_expect_eq(level_of("N                 "), 0);
	cr_expect_eq(level_of("P                 "), 0);
	cr_expect_eq(level_of("P-                "), 0);
	cr_expect_eq(level_of("P+F F F F F F F F "), 0);
	/* L at PA 1.1: level 1, refinements count as their letter */
	cr_expect_eq(level_of("L                 "), 1);
	cr_expect_eq(level_of("L-                "), 1);
	cr_expect_eq(level_of("L+                "), 1);
	cr_expect_eq(level_of("F                 "), 1);
	/* PA 1.1 L with 2.1 and 2.2 F: still 1 (level 2 needs 1.1 F) */
	cr_expect_eq(level_of("L F F             "), 1);
	cr_expect_eq(level_of("L+F F F F F F F F "), 1);
	/* PA 1.1 F with 2.1 L and 2.2 L+: 2 */
	cr_expect_eq(level_of("F L L+            "), 2);
	cr_expect_eq(level_of("F L-L-            "), 2);
	/* one attribute of level 2 short of L, or unrated: 1 */
	cr_expect_eq(level_of("F L P+            "), 1);
	cr_expect_eq(level_of("F L               "), 1);
	cr_expect_eq(level_of("F   L             "), 1);
	/* level 3 needs level 2's attributes F */
	cr_expect_eq(level_of("F L+F L L         "), 2);
	cr_expect_eq(level_of("F F F L L         "), 3);
	cr_expect_eq(level_of("F F F L P+        "), 2);
	cr_expect_eq(level_of("F F F F F L L-    "), 4);
	cr_expect_eq(level_of("F F F F F F F L L+"), 5);
	cr_expect_eq(level_of("F F F F F F F F F "), 5);
	cr_expect_eq(level_of("F F F F F F F F P+"), 4);
	/* a higher level's ratings without the lower ones achieve nothing */
	cr_expect_eq(level_of("F     F F F F F F "), 1);
	cr_expect_eq(level_of("F F F   L F F F F "), 2);
}

/* Every boundary, for each level k: the attributes below k at F and those
 * of k at the lowest rating that counts (L-) reach k; one attribute of k a
 * step lower (P+, the highest short of L) or unrated, or one below k a
 * step short of F (L+), falls back; unrated attributes above k change
 * nothing. */
Test(assess, level_rule_every_boundary)
{
	for (int k = 1; k <= ASSESS_MAX_LEVEL; k++) {
		enum assess_rating pa[ASSESS_N_PA];

		for (size_t i = 0; i < ASSESS_N_PA; i++)
			pa[i] = assess_pa_level(i) < k ? AR_F : assess_pa_level(i) == k ? AR_L_MINUS
			                                                               : AR_NONE;
		cr_expect_eq(assess_level(pa), k, "level %d with L- at its attributes", k);
		for (size_t i = 0; i < ASSESS_N_PA; i++) {
			enum assess_rating keep = pa[i];
			int lv = assess_pa_level(i);

			if (lv > k)
				continue;
			if (lv == k) {
				pa[i] = AR_P_PLUS;
				cr_expect_eq(assess_level(pa), k - 1, "level %d, %s P+", k,
				             assess_pa_field(i));
				pa[i] = AR_L_PLUS;
				cr_expect_eq(assess_level(pa), k, "level %d, %s L+", k,
				             assess_pa_field(i));
				pa[i] = AR_F;
				cr_expect_eq(assess_level(pa), k, "level %d, %s F", k,
				             assess_pa_field(i));
				pa[i] = AR_NONE;
				cr_expect_eq(assess_level(pa), k == 1 ? ASSESS_NOT_ASSESSED : k - 1,
				             "level %d, %s unrated", k, assess_pa_field(i));
			} else {
				pa[i] = AR_L_PLUS;
				cr_expect_eq(assess_level(pa), lv, "level %d, %s L+", k,
				             assess_pa_field(i));
				pa[i] = AR_L;
				cr_expect_eq(assess_level(pa), lv, "level %d, %s L", k,
				             assess_pa_field(i));
			}
			pa[i] = keep;
		}
		/* every attribute above k rated F changes nothing if one of k
		 * is only L: k + 1 needs all of k at F */
		for (size_t i = 0; i < ASSESS_N_PA; i++)
			if (assess_pa_level(i) > k)
				pa[i] = AR_F;
		cr_expect_eq(assess_level(pa), k, "level %d, above it all F", k);
	}
}

/* A stored value that is not a rating counts as not rated; the suggestion
 * from the outcomes is shown, never taken as PA 1.1. */
Test(assess, row_unrated_and_suggestion_never_rates)
{
	static const int two[] = { 1, 2, 0 };
	struct prm_model m;
	struct prm_process p = proc_with("1.1", two);
	struct record r = rec_of("outcome.1=F", "outcome.2=L", NULL);
	struct record bad = rec_of("pa.1.1=l", "pa.2.1=F", NULL);
	struct assess_row row;

	memset(&m, 0, sizeof m);
	m.processes = &p;
	m.n_processes = 1;
	assess_row(&m, 0, &r, &row);
	/* (92.5 + 67.5) / 2 = 80 %: L */
	cr_expect_eq(row.suggestion.rating, AR_L);
	cr_expect_eq(row.suggestion.mean_tenths, 800);
	cr_expect_eq(row.pa[0], AR_NONE);
	cr_expect_eq(row.level, ASSESS_NOT_ASSESSED);
	cr_expect_str_eq(assess_level_text(row.level), "-");
	assess_row(&m, 0, &bad, &row);
	cr_expect_eq(row.pa[0], AR_NONE);
	cr_expect_eq(row.level, ASSESS_NOT_ASSESSED);
	record_free(&r);
	record_free(&bad);
	free(p.outcomes);
}

Test(assess, level_text)
{
	cr_expect_str_eq(assess_level_text(0), "0");
	cr_expect_str_eq(assess_level_text(5), "5");
	cr_expect_str_eq(assess_level_text(ASSESS_NOT_ASSESSED), "-");
	cr_expect_str_eq(assess_level_text(ASSESS_NA), "n/a");
}

/* ---- the suggested PA 1.1 ------------------------------------------------- */

/* The suggestion for outcomes numbered nums rated as given ("1=F", ...). */
static struct assess_suggestion suggest(const int *nums, const char *const *ratings)
{
	struct prm_process p = proc_with("1.1", nums);
	struct record r;
	struct assess_suggestion s;
	char f[64];

	memset(&r, 0, sizeof r);
	r.fields = calloc(64, sizeof *r.fields);
	for (size_t i = 0; ratings[i]; i++) {
		const char *eq = strchr(ratings[i], '=');

		snprintf(f, sizeof f, "outcome.%.*s", (int)(eq - ratings[i]), ratings[i]);
		r.fields[r.n_fields].field = strdup(f);
		r.fields[r.n_fields].value = strdup(eq + 1);
		r.fields[r.n_fields].user = strdup("");
		r.n_fields++;
	}
	assess_suggest(&p, &r, &s);
	record_free(&r);
	free(p.outcomes);
	return s;
}

Test(assess, suggestion_needs_every_outcome_rated)
{
	static const int three[] = { 1, 2, 3, 0 };
	struct assess_suggestion s;

	s = suggest(three, (const char *const[]){ "1=F", "2=F", NULL });
	cr_expect_eq(s.rating, AR_NONE);
	cr_expect_eq(s.n_outcomes, 3);
	cr_expect_eq(s.n_rated, 2);
	s = suggest(three, (const char *const[]){ NULL });
	cr_expect_eq(s.rating, AR_NONE);
	cr_expect_eq(s.n_rated, 0);
	/* a value that is not a rating is not a rating */
	s = suggest(three, (const char *const[]){ "1=F", "2=F", "3=maybe", NULL });
	cr_expect_eq(s.rating, AR_NONE);
	cr_expect_eq(s.n_rated, 2);
	s = suggest(three, (const char *const[]){ "1=F", "2=F", "3=F", NULL });
	cr_expect_eq(s.rating, AR_F);
	cr_expect_eq(s.mean_tenths, 925);
	/* no outcomes: nothing to suggest */
	s = suggest((const int[]){ 0 }, (const char *const[]){ NULL });
	cr_expect_eq(s.rating, AR_NONE);
	cr_expect_eq(s.n_outcomes, 0);
}

Test(assess, suggestion_with_gaps_in_outcome_numbers)
{
	/* outcome 3 retired: 1, 2, 4, 5 are "all" */
	static const int gap[] = { 1, 2, 4, 5, 0 };
	struct assess_suggestion s;

	s = suggest(gap, (const char *const[]){ "1=F", "2=L", "4=L", NULL });
	cr_expect_eq(s.rating, AR_NONE);
	cr_expect_eq(s.n_outcomes, 4);
	cr_expect_eq(s.n_rated, 3);
	/* a rating of the retired number counts for nothing */
	s = suggest(gap, (const char *const[]){ "1=F", "2=L", "3=N", "4=L", NULL });
	cr_expect_eq(s.rating, AR_NONE);
	cr_expect_eq(s.n_rated, 3);
	/* the man page's example: (92.5 + 67.5 + 67.5 + 32.5) / 4 = 65 % */
	s = suggest(gap, (const char *const[]){ "1=F", "2=L", "3=N", "4=L", "5=P", NULL });
	cr_expect_eq(s.rating, AR_L);
	cr_expect_eq(s.mean_tenths, 650);
}

/* n ratings of a then m of b. */
static struct assess_suggestion mix(int n, const char *a, int m, const char *b)
{
	static int nums[32];
	static char buf[32][16];
	const char *ratings[33];
	int k = 0;

	for (; k < n + m; k++) {
		nums[k] = k + 1;
		snprintf(buf[k], sizeof buf[k], "%d=%s", k + 1, k < n ? a : b);
		ratings[k] = buf[k];
	}
	nums[k] = 0;
	ratings[k] = NULL;
	return suggest(nums, ratings);
}

Test(assess, suggestion_band_edges)
{
	/* every rating alone gives its own band */
	cr_expect_eq(mix(1, "N", 0, "N").rating, AR_N);
	cr_expect_eq(mix(1, "P", 0, "N").rating, AR_P);
	cr_expect_eq(mix(1, "L", 0, "N").rating, AR_L);
	cr_expect_eq(mix(1, "F", 0, "N").rating, AR_F);
	/* 7 N and 3 P: (52.5 + 97.5) / 10 = 15.0 %, the top of N */
	cr_expect_eq(mix(7, "N", 3, "P").rating, AR_N);
	cr_expect_eq(mix(7, "N", 3, "P").mean_tenths, 150);
	/* 6 N and 3 P: 15.8 %, P */
	cr_expect_eq(mix(6, "N", 3, "P").rating, AR_P);
	cr_expect_eq(mix(6, "N", 3, "P").mean_tenths, 158);
	/* P and L: 50.0 %, the top of P */
	cr_expect_eq(mix(1, "P", 1, "L").rating, AR_P);
	cr_expect_eq(mix(1, "P", 1, "L").mean_tenths, 500);
	/* N and F: 50.0 % too */
	cr_expect_eq(mix(1, "N", 1, "F").rating, AR_P);
	/* P and 2 L: 55.8 %, L */
	cr_expect_eq(mix(1, "P", 2, "L").rating, AR_L);
	/* 3 L and 7 F: (202.5 + 647.5) / 10 = 85.0 %, the top of L */
	cr_expect_eq(mix(3, "L", 7, "F").rating, AR_L);
	cr_expect_eq(mix(3, "L", 7, "F").mean_tenths, 850);
	/* 2 L and 7 F: 86.4 %, F */
	cr_expect_eq(mix(2, "L", 7, "F").rating, AR_F);
	/* refinements count with their half band's midpoint:
	 * P+ 41.25 and L- 58.75: 50 %, P; L+ 76.25 and F: 84.4 %, L */
	cr_expect_eq(mix(1, "P+", 1, "L-").rating, AR_P);
	cr_expect_eq(mix(1, "L+", 1, "F").rating, AR_L);
	cr_expect_eq(mix(1, "L+", 1, "F").mean_tenths, 844);
	/* P- 23.75 alone is P; P- and N: 15.6 %, P */
	cr_expect_eq(mix(1, "P-", 0, "N").rating, AR_P);
	cr_expect_eq(mix(1, "P-", 1, "N").rating, AR_P);
}

/* ---- rows, profile, totals, overview ------------------------------------ */

static struct prm_model *model3(void)
{
	static const int nums[] = { 1, 2, 4, 0 };
	struct prm_model *m = calloc(1, sizeof *m);

	m->id = (char *)"t";
	m->n_processes = 4;
	m->processes = calloc(4, sizeof *m->processes);
	m->processes[0] = proc_with("1.1", nums);
	m->processes[1] = proc_with("1.2", nums);
	m->processes[2] = proc_with("1.3", nums);
	m->processes[3] = proc_with("1.4", nums);
	return m;
}

static void model3_free(struct prm_model *m)
{
	for (size_t i = 0; i < m->n_processes; i++)
		free(m->processes[i].outcomes);
	free(m->processes);
	free(m);
}

/* A source over a fixed table of records (by process index). */
struct table { const struct prm_model *m; struct record *recs; const char *fail_at; };

static enum store_rc from_table(void *arg, const char *process, struct record *out)
{
	struct table *t = arg;

	if (t->fail_at && strcmp(process, t->fail_at) == 0)
		return STORE_DAMAGED;
	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < t->m->n_processes; i++)
		if (strcmp(t->m->processes[i].id, process) == 0) {
			/* hand over a copy: the caller frees it */
			const struct record *src = &t->recs[i];

			out->fields = calloc(src->n_fields + 1, sizeof *out->fields);
			for (size_t k = 0; k < src->n_fields; k++) {
				out->fields[k].field = strdup(src->fields[k].field);
				out->fields[k].value = strdup(src->fields[k].value);
				out->fields[k].user = strdup("");
			}
			out->n_fields = src->n_fields;
		}
	return STORE_OK;
}

Test(assess, row_from_a_record)
{
	struct prm_model *m = model3();
	struct record r = rec_of("pa.1.1=F", "pa.2.1=L", "pa.2.2=L+", "target=3", "owner=Al",
	                         "status=planned", "review=2026-12-01", "outcome.1=F",
	                         "outcome.2=L", "outcome.4=L", NULL);
	struct assess_row row;
	char buf[16];

	assess_row(m, 0, &r, &row);
	cr_expect_eq(row.level, 2);
	cr_expect_eq(row.target, 3);
	cr_expect(row.has_gap);
	cr_expect_eq(row.gap, 1);
	cr_expect_eq(row.status, 1);
	cr_expect(row.has_owner);
	cr_expect(row.applicable);
	cr_expect_eq(row.review_day, assess_date_day("2026-12-01"));
	cr_expect_eq(row.suggestion.rating, AR_L);     /* (92.5+67.5+67.5)/3 = 75.8 */
	cr_expect_eq(row.suggestion.mean_tenths, 758);
	cr_expect_str_eq(assess_derived(&row, "level", buf, sizeof buf), "2");
	cr_expect_str_eq(assess_derived(&row, "gap", buf, sizeof buf), "1");
	cr_expect_null(assess_derived(&row, "owner", buf, sizeof buf));
	record_free(&r);

	/* above the target: a negative gap */
	r = rec_of("pa.1.1=F", "pa.2.1=F", "pa.2.2=F", "target=1", NULL);
	assess_row(m, 0, &r, &row);
	cr_expect_eq(row.gap, -1);
	cr_expect_str_eq(assess_derived(&row, "gap", buf, sizeof buf), "-1");
	record_free(&r);

	/* not assessed: no gap, whatever the target */
	r = rec_of("target=2", NULL);
	assess_row(m, 0, &r, &row);
	cr_expect_eq(row.level, ASSESS_NOT_ASSESSED);
	cr_expect_not(row.has_gap);
	cr_expect_str_eq(assess_derived(&row, "level", buf, sizeof buf), "-");
	cr_expect_str_eq(assess_derived(&row, "gap", buf, sizeof buf), "");
	record_free(&r);

	/* not applicable: n/a, no gap; the rule's level kept apart */
	r = rec_of("applicable=no", "justification=outsourced", "pa.1.1=L", "target=2", NULL);
	assess_row(m, 0, &r, &row);
	cr_expect_eq(row.level, ASSESS_NA);
	cr_expect_eq(row.raw_level, 1);
	cr_expect_not(row.has_gap);
	cr_expect_str_eq(assess_derived(&row, "level", buf, sizeof buf), "n/a");
	record_free(&r);

	/* an empty record, and an orphan (no process: no suggestion) */
	assess_row(m, 0, NULL, &row);
	cr_expect_eq(row.level, ASSESS_NOT_ASSESSED);
	cr_expect_eq(row.target, -1);
	cr_expect_eq(row.status, -1);
	cr_expect_eq(row.review_day, -1);
	cr_expect_eq(row.suggestion.n_outcomes, 3);
	r = rec_of("pa.1.1=L", NULL);
	assess_row(m, (size_t)-1, &r, &row);
	cr_expect_eq(row.level, 1);
	cr_expect_eq(row.suggestion.n_outcomes, 0);
	record_free(&r);
	model3_free(m);
}

Test(assess, profile_rows_and_totals)
{
	struct prm_model *m = model3();
	struct record recs[4];
	struct table t = { m, recs, NULL };
	struct assess_profile pr;
	size_t failed = 99;

	recs[0] = rec_of("pa.1.1=L", "target=3", NULL);                 /* 1, below */
	recs[1] = rec_of("pa.1.1=F", "pa.2.1=L", "pa.2.2=F", "target=2", NULL); /* 2, on target */
	recs[2] = rec_of("target=1", NULL);                              /* not assessed */
	recs[3] = rec_of("applicable=no", "justification=j", "pa.1.1=N", "target=4", NULL);
	cr_assert_eq(assess_profile_read(m, from_table, &t, &pr, &failed), STORE_OK);
	cr_assert_eq(pr.n, 4);
	for (size_t i = 0; i < 4; i++)
		cr_expect_eq(pr.rows[i].process, i);     /* model order */
	cr_expect_eq(pr.rows[0].level, 1);
	cr_expect_eq(pr.rows[0].gap, 2);
	cr_expect_eq(pr.rows[1].level, 2);
	cr_expect_eq(pr.rows[1].gap, 0);
	cr_expect_eq(pr.rows[2].level, ASSESS_NOT_ASSESSED);
	cr_expect_eq(pr.rows[3].level, ASSESS_NA);
	cr_expect_eq(pr.totals.n, 4);
	cr_expect_eq(pr.totals.at_level[0], 0);
	cr_expect_eq(pr.totals.at_level[1], 1);
	cr_expect_eq(pr.totals.at_level[2], 1);
	cr_expect_eq(pr.totals.not_assessed, 1);
	cr_expect_eq(pr.totals.below_target, 1);
	cr_expect_eq(pr.totals.not_applicable, 1);
	assess_profile_free(&pr);

	/* a source that fails stops the walk and says where */
	t.fail_at = "1.3";
	cr_expect_eq(assess_profile_read(m, from_table, &t, &pr, &failed), STORE_DAMAGED);
	cr_expect_eq(failed, 2);
	cr_expect_eq(pr.n, 0);
	cr_expect_null(pr.rows);
	for (size_t i = 0; i < 4; i++)
		record_free(&recs[i]);
	model3_free(m);
}

Test(assess, days)
{
	cr_expect_eq(assess_date_day("1970-01-01"), 0);
	cr_expect_eq(assess_date_day("1970-01-02"), 1);
	cr_expect_eq(assess_date_day("2000-03-01"), 11017);
	cr_expect_eq(assess_date_day("2026-11-29"), 20786);
	cr_expect_eq(assess_date_day("2026-02-30"), -1);
	cr_expect_eq(assess_date_day("soon"), -1);
	cr_expect_eq(assess_date_day(""), -1);
	cr_expect_eq(assess_day(0), 0);
	cr_expect_eq(assess_day(86399), 0);
	cr_expect_eq(assess_day(86400), 1);
	cr_expect_eq(assess_day((int64_t)20786 * 86400 + 3600), 20786);
}

Test(assess, overview_counts)
{
	struct prm_model *m = model3();
	struct assess_row rows[4];
	struct assess_overview ov;
	long today = assess_date_day("2026-11-29");
	struct record r;

	r = rec_of("owner=A", "status=planned", "review=2026-11-28", "pa.1.1=L", "target=2", NULL);
	assess_row(m, 0, &r, &rows[0]);     /* review passed, below target */
	record_free(&r);
	r = rec_of("status=planned", "review=2026-12-29", NULL);
	assess_row(m, 1, &r, &rows[1]);     /* no owner, due on the 30th day */
	record_free(&r);
	r = rec_of("owner=B", "status=verified", "review=2026-12-30", "pa.1.1=F", NULL);
	assess_row(m, 2, &r, &rows[2]);     /* review 31 days ahead: not due */
	record_free(&r);
	r = rec_of("applicable=no", "justification=j", "review=2020-01-01", NULL);
	assess_row(m, 3, &r, &rows[3]);     /* n/a: no owner, review passed, not counted */
	record_free(&r);

	assess_overview(rows, 4, today, &ov);
	cr_expect_eq(ov.n, 4);
	cr_expect_eq(ov.by_status[0], 1);   /* not set */
	cr_expect_eq(ov.by_status[2], 2);   /* planned */
	cr_expect_eq(ov.by_status[5], 1);   /* verified */
	cr_expect_eq(ov.no_owner, 1);
	cr_expect_eq(ov.review_passed, 1);
	cr_expect_eq(ov.review_due, 1);
	cr_expect_eq(ov.not_applicable, 1);
	cr_expect_eq(ov.totals.at_level[1], 2);
	cr_expect_eq(ov.totals.not_assessed, 1);
	cr_expect_eq(ov.totals.below_target, 1);
	cr_expect(assess_row_is(&rows[0], AC_REVIEW_PASSED, today));
	cr_expect(assess_row_is(&rows[1], AC_REVIEW_DUE, today));
	cr_expect(assess_row_is(&rows[1], AC_NO_OWNER, today));
	cr_expect_not(assess_row_is(&rows[2], AC_REVIEW_DUE, today));
	cr_expect(assess_row_is(&rows[2], AC_REVIEW_DUE, today + 1));
	cr_expect(assess_row_is(&rows[0], AC_BELOW_TARGET, today));
	cr_expect(assess_row_is(&rows[3], AC_NOT_APPLICABLE, today));
	cr_expect_not(assess_row_is(&rows[3], AC_NO_OWNER, today));
	cr_expect_not(assess_row_is(&rows[3], AC_REVIEW_PASSED, today));
	model3_free(m);
}

/* ---- the field table ------------------------------------------------------ */

static void ok(const char *field, const char *in, const char *want)
{
	char *why = NULL;
	char *got = record_validate(field, in, 3, &why);

	cr_assert_not_null(got, "%s=%s refused: %s", field, in, why ? why : "");
	cr_expect_str_eq(got, want, "%s=%s", field, in);
	free(got);
}

static void bad(const char *field, const char *in, const char *part)
{
	char *why = NULL;
	char *got = record_validate(field, in, 3, &why);

	cr_assert_null(got, "%s=%s accepted as %s", field, in, got);
	cr_assert_not_null(why);
	cr_expect(strstr(why, part) != NULL, "message '%s' lacks '%s'", why, part);
	free(why);
}

Test(fields, every_pa_field_takes_ratings)
{
	const char *in[] = { "n", "p", "l", "f", "p-", "P+", "l-", " L+ ", "" };
	const char *want[] = { "N", "P", "L", "F", "P-", "P+", "L-", "L+", "" };

	for (size_t i = 0; i < ASSESS_N_PA; i++) {
		const char *f = assess_pa_field(i);
		const struct field_def *fd = record_field(f, NULL);

		cr_assert_not_null(fd, "%s", f);
		cr_expect_eq(fd->kind, FIELD_ENUM);
		for (size_t k = 0; k < sizeof in / sizeof in[0]; k++)
			ok(f, in[k], want[k]);
		bad(f, "X", "use one of: N, P, L, F, P-, P+, L-, L+");
		bad(f, "F+", "is not allowed");
		bad(f, "N-", "is not allowed");
		bad(f, "L +", "is not allowed");
		bad(f, "LL", "is not allowed");
	}
}

Test(fields, outcome_ratings_take_refinements_too)
{
	ok("outcome.2", "l+", "L+");
	ok("outcome.2", "P-", "P-");
	bad("outcome.2", "F-", "use one of: N, P, L, F, P-, P+, L-, L+");
}

Test(fields, target)
{
	for (int k = 0; k <= 5; k++) {
		char v[4];

		snprintf(v, sizeof v, "%d", k);
		ok("target", v, v);
	}
	ok("target", " 3 ", "3");
	ok("target", "", "");
	bad("target", "6", "target: '6' is not allowed; use one of: 0, 1, 2, 3, 4, 5");
	bad("target", "-1", "use one of: 0, 1, 2, 3, 4, 5");
	bad("target", "03", "is not allowed");
	bad("target", "two", "is not allowed");
}

Test(fields, review_is_the_next_planned_review)
{
	cr_expect(strstr(record_field("review", NULL)->help, "next planned review") != NULL);
	ok("review", "2027-03-31", "2027-03-31");
	bad("review", "2027-02-29", "YYYY-MM-DD");
}

Test(fields, derived_fields_are_refused)
{
	bad("level", "3", "level: derived from the PA ratings");
	bad("level", "", "it cannot be set");
	bad("gap", "1", "gap: derived from target and level");
	cr_expect_eq(record_field("level", NULL)->kind, FIELD_DERIVED);
	cr_expect_eq(record_field("gap", NULL)->kind, FIELD_DERIVED);
}

Test(fields, unknown_field_lists_every_field)
{
	char *why = NULL;

	cr_assert_null(record_validate("colour", "x", 3, &why));
	for (size_t i = 0; i < record_n_fields; i++)
		cr_expect(strstr(why, record_field_syntax(&record_fields[i])) != NULL,
		          "'%s' lacks %s", why, record_fields[i].name);
	free(why);
	cr_expect_null(record_field("pa.1", NULL));
	cr_expect_null(record_field("pa.1.1.1", NULL));
	cr_expect_null(record_field("PA.1.1", NULL));
	cr_expect_null(record_field("pa.6.1", NULL));
}

Test(fields, labels_fit_the_workbench_column)
{
	for (size_t i = 0; i < record_n_fields; i++) {
		const struct field_def *fd = &record_fields[i];

		cr_assert_not_null(fd->label, "%s has no label", fd->name);
		cr_expect_leq(strlen(fd->label), RECORD_LABEL_COLS, "%s", fd->label);
		cr_assert_not_null(fd->help, "%s has no help", fd->name);
		if (fd->kind == FIELD_ENUM)
			for (size_t k = 0; fd->choices[k]; k++)
				cr_expect_not_null(fd->choice_help[k], "%s %s", fd->name,
				                   fd->choices[k]);
		if (fd->kind == FIELD_DERIVED)
			cr_expect_not_null(fd->derived_from, "%s", fd->name);
	}
}

Test(fields, workbench_labels_come_from_the_table)
{
	for (size_t i = 0; i < record_n_fields; i++)
		if (!record_fields[i].numbered)
			cr_expect_str_eq(detail_field_label(record_fields[i].name),
			                 record_fields[i].label);
	cr_expect_str_eq(detail_field_label("pa.3.2"), "PA 3.2");
	cr_expect_str_eq(detail_field_label("target"), "Target level");
	cr_expect_str_eq(detail_field_label("no-such"), "no-such");
}

/* The man page made at build time lists every field of the table. */
Test(fields, man_page_lists_every_field)
{
	FILE *f = fopen(MAN_PAGE, "r");
	char line[1024], prev[1024] = "";
	size_t n = record_n_fields;
	bool *seen = calloc(n, sizeof *seen);

	cr_assert_not_null(f, "cannot open %s", MAN_PAGE);
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = '\0';
		for (size_t i = 0; i < n; i++) {
			const struct field_def *fd = &record_fields[i];
			char want[64], esc[64];
			size_t k = 0;

			/* roff: '-' is '\-' */
			for (const char *s = fd->name; *s && k + 2 < sizeof esc; s++) {
				if (*s == '-')
					esc[k++] = '\\';
				esc[k++] = *s;
			}
			esc[k] = '\0';
			snprintf(want, sizeof want, fd->numbered ? ".BI %s. N" : ".B %s", esc);
			/* an entry of the list: .TP, then the name */
			if (strcmp(prev, ".TP") == 0 && strcmp(line, want) == 0)
				seen[i] = true;
		}
		snprintf(prev, sizeof prev, "%s", line);
	}
	fclose(f);
	for (size_t i = 0; i < n; i++)
		cr_expect(seen[i], "%s does not list field %s", MAN_PAGE, record_fields[i].name);
	free(seen);
}
