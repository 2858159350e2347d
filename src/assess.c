/* assess.c - capability levels, suggestions and counts from records. */
#include "config.h"
#include "assess.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "record.h"

/* Ratings in enum order, as stored. */
static const char *const rating_text[] = {
	"", "N", "P-", "P", "P+", "L-", "L", "L+", "F",
};

/* Midpoints of the bands in quarter percent, so that means and band
 * edges compare exactly: N 7.5 %, P- 23.75, P 32.5, P+ 41.25, L- 58.75,
 * L 67.5, L+ 76.25, F 92.5. */
static const int midpoint_q[] = { 0, 30, 95, 130, 165, 235, 270, 305, 370 };
/* Upper edges of N, P and L in quarter percent: 15 %, 50 %, 85 %. */
#define EDGE_N_Q 60
#define EDGE_P_Q 200
#define EDGE_L_Q 340

enum assess_rating assess_rating_parse(const char *v)
{
	if (!v || !*v)
		return AR_NONE;
	for (size_t i = 1; i < sizeof rating_text / sizeof rating_text[0]; i++)
		if (strcmp(v, rating_text[i]) == 0)
			return (enum assess_rating)i;
	return AR_NONE;
}

const char *assess_rating_text(enum assess_rating r)
{
	return (unsigned)r < sizeof rating_text / sizeof rating_text[0] ? rating_text[r] : "";
}

enum assess_rating assess_rating_letter(enum assess_rating r)
{
	switch (r) {
	case AR_P_MINUS: case AR_P_PLUS: return AR_P;
	case AR_L_MINUS: case AR_L_PLUS: return AR_L;
	default: return r;
	}
}

/* The process attributes are the fields with a capability level, in the
 * table's order (record.c declares them once); found on first use. */
static const struct field_def *pa_def(size_t i)
{
	static const struct field_def *pa[ASSESS_N_PA];
	static bool ready;

	if (!ready) {
		size_t k = 0;

		for (size_t j = 0; j < record_n_fields && k < ASSESS_N_PA; j++)
			if (record_fields[j].cap_level > 0)
				pa[k++] = &record_fields[j];
		ready = true;
	}
	return i < ASSESS_N_PA ? pa[i] : NULL;
}

const char *assess_pa_field(size_t i)
{
	const struct field_def *d = pa_def(i);

	return d ? d->name : NULL;
}

int assess_pa_level(size_t i)
{
	const struct field_def *d = pa_def(i);

	return d ? d->cap_level : 0;
}

int assess_level(const enum assess_rating pa[ASSESS_N_PA])
{
	int level = 0;

	if (pa[0] == AR_NONE)
		return ASSESS_NOT_ASSESSED;
	for (int k = 1; k <= ASSESS_MAX_LEVEL; k++) {
		bool achieved = true;

		for (size_t i = 0; i < ASSESS_N_PA && achieved; i++) {
			int l = assess_pa_level(i);
			enum assess_rating r = assess_rating_letter(pa[i]);

			if (l == k)
				achieved = r == AR_L || r == AR_F;
			else if (l < k)
				achieved = r == AR_F;
		}
		/* Achieving k needs every lower level's attributes F, so the
		 * first level missed ends the climb. */
		if (!achieved)
			break;
		level = k;
	}
	return level;
}

void assess_suggest(const struct prm_process *p, const struct record *rec,
                    struct assess_suggestion *out)
{
	long sum = 0;

	memset(out, 0, sizeof *out);
	out->rating = AR_NONE;
	if (!p)
		return;
	out->n_outcomes = p->n_outcomes;
	for (size_t i = 0; i < p->n_outcomes; i++) {
		char f[32];
		const struct field_value *fv;
		enum assess_rating r;

		fv = NULL;
		/* Most processes have no record yet: no name to make. */
		if (rec && rec->n_fields) {
			snprintf(f, sizeof f, "outcome.%d", p->outcomes[i].number);
			fv = record_get(rec, f);
		}
		r = assess_rating_parse(fv ? fv->value : NULL);
		if (r == AR_NONE)
			continue;
		out->n_rated++;
		sum += midpoint_q[r];
	}
	if (out->n_outcomes == 0 || out->n_rated < out->n_outcomes)
		return;
	/* mean <= edge  <=>  sum <= edge * n: exact, no rounding */
	{
		long n = (long)out->n_rated;

		out->rating = sum <= EDGE_N_Q * n ? AR_N : sum <= EDGE_P_Q * n ? AR_P
		            : sum <= EDGE_L_Q * n ? AR_L : AR_F;
		/* sum / 4n percent, in tenths: sum * 10 / 4n, rounded half up */
		out->mean_tenths = (int)((sum * 10 + 2 * n) / (4 * n));
	}
}

const char *assess_level_text(int level)
{
	static const char *const digits[] = { "0", "1", "2", "3", "4", "5" };

	if (level >= 0 && level <= ASSESS_MAX_LEVEL)
		return digits[level];
	return level == ASSESS_NA ? "n/a" : "-";
}

const char *assess_derived(const struct assess_row *row, const char *field,
                           char *buf, size_t size)
{
	if (strcmp(field, "level") == 0)
		snprintf(buf, size, "%s", assess_level_text(row->level));
	else if (strcmp(field, "gap") == 0 && row->has_gap)
		snprintf(buf, size, "%d", row->gap);
	else if (strcmp(field, "gap") == 0)
		snprintf(buf, size, "%s", "");
	else
		return NULL;
	return buf;
}

static const char *value_of(const struct record *rec, const char *field)
{
	const struct field_value *fv = rec ? record_get(rec, field) : NULL;

	return fv ? fv->value : "";
}

void assess_row(const struct prm_model *m, size_t p, const struct record *rec,
                struct assess_row *row)
{
	const char *t;

	memset(row, 0, sizeof *row);
	row->process = p;
	for (size_t i = 0; i < ASSESS_N_PA; i++)
		row->pa[i] = assess_rating_parse(value_of(rec, assess_pa_field(i)));
	row->raw_level = assess_level(row->pa);
	row->applicable = strcmp(value_of(rec, "applicable"), "no") != 0;
	row->level = row->applicable ? row->raw_level : ASSESS_NA;
	t = value_of(rec, "target");
	row->target = t[0] >= '0' && t[0] <= '0' + ASSESS_MAX_LEVEL && !t[1] ? t[0] - '0' : -1;
	row->has_gap = row->target >= 0 && row->level >= 0;
	row->gap = row->has_gap ? row->target - row->level : 0;
	row->status = record_status_index(value_of(rec, "status"));
	row->has_owner = value_of(rec, "owner")[0] != '\0';
	row->review_day = assess_date_day(value_of(rec, "review"));
	assess_suggest(m && p < m->n_processes ? &m->processes[p] : NULL, rec, &row->suggestion);
}

void assess_totals_count(struct assess_totals *t, const struct assess_row *r, int sign)
{
	size_t *slot = r->level == ASSESS_NA ? &t->not_applicable :
	               r->level == ASSESS_NOT_ASSESSED ? &t->not_assessed : &t->at_level[r->level];
	bool below = r->has_gap && r->gap > 0;

	if (sign > 0) {
		(*slot)++;
		t->below_target += below;
	} else {
		(*slot)--;
		t->below_target -= below;
	}
}

void assess_totals(const struct assess_row *rows, size_t n, struct assess_totals *out)
{
	memset(out, 0, sizeof *out);
	out->n = n;
	for (size_t i = 0; i < n; i++)
		assess_totals_count(out, &rows[i], 1);
}

enum store_rc assess_profile_read(const struct prm_model *m, assess_get_fn get, void *arg,
                                  struct assess_profile *out, size_t *failed)
{
	memset(out, 0, sizeof *out);
	out->rows = calloc(m->n_processes ? m->n_processes : 1, sizeof *out->rows);
	if (!out->rows)
		return STORE_ERROR;
	for (size_t i = 0; i < m->n_processes; i++) {
		struct record rec;
		enum store_rc rc;

		memset(&rec, 0, sizeof rec);
		rc = get(arg, m->processes[i].id, &rec);
		if (rc != STORE_OK) {
			if (failed)
				*failed = i;
			assess_profile_free(out);
			return rc;
		}
		assess_row(m, i, &rec, &out->rows[i]);
		record_free(&rec);
		out->n++;
	}
	assess_totals(out->rows, out->n, &out->totals);
	return STORE_OK;
}

void assess_profile_free(struct assess_profile *pr)
{
	free(pr->rows);
	memset(pr, 0, sizeof *pr);
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
 * days_from_civil), so no time zone or libc calendar is involved. */
static long days_from_civil(long y, long m, long d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

long assess_day(int64_t t)
{
	return (long)(t >= 0 ? t / 86400 : -((-t + 86399) / 86400));
}

long assess_date_day(const char *s)
{
	char *why = NULL, *v;
	long day;

	if (!s || !*s)
		return -1;
	/* The record module says what a date is. */
	v = record_validate("review", s, 0, &why);
	free(why);
	if (!v || strcmp(v, s) != 0) {
		free(v);
		return -1;
	}
	free(v);
	day = days_from_civil(strtol(s, NULL, 10), strtol(s + 5, NULL, 10),
	                      strtol(s + 8, NULL, 10));
	return day;
}

bool assess_row_is(const struct assess_row *r, enum assess_class c, long today)
{
	switch (c) {
	case AC_NOT_APPLICABLE:
		return !r->applicable;
	case AC_NOT_ASSESSED:
		return r->level == ASSESS_NOT_ASSESSED;
	case AC_BELOW_TARGET:
		return r->has_gap && r->gap > 0;
	default:
		break;
	}
	if (!r->applicable)     /* nobody owns or reviews what does not apply */
		return false;
	switch (c) {
	case AC_NO_OWNER:
		return !r->has_owner;
	case AC_REVIEW_PASSED:
		return r->review_day >= 0 && r->review_day < today;
	case AC_REVIEW_DUE:
		return r->review_day >= today && r->review_day <= today + ASSESS_REVIEW_DUE_DAYS;
	default:
		return false;
	}
}

void assess_overview(const struct assess_row *rows, size_t n, long today,
                     struct assess_overview *out)
{
	memset(out, 0, sizeof *out);
	out->n = n;
	assess_totals(rows, n, &out->totals);
	for (size_t i = 0; i < n; i++) {
		const struct assess_row *r = &rows[i];

		out->by_status[r->status + 1]++;
		out->no_owner += assess_row_is(r, AC_NO_OWNER, today);
		out->review_passed += assess_row_is(r, AC_REVIEW_PASSED, today);
		out->review_due += assess_row_is(r, AC_REVIEW_DUE, today);
		out->not_applicable += assess_row_is(r, AC_NOT_APPLICABLE, today);
	}
}
