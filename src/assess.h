/* assess.h - capability levels after ISO/IEC 33020, computed from records.
 *
 * A record rates the nine process attributes (pa.1.1 ... pa.5.2, declared
 * in record.h) on the scale N, P, L, F with the refinements P-, P+, L-,
 * L+. From them this module derives the capability level (never stored),
 * the gap to the record's target, a suggested PA 1.1 rating from the
 * outcome ratings, and the counts the profile, the overview and reports
 * show. Pure functions over records and the model: no I/O, no store, no
 * terminal. Records come from the caller (assess_get_fn), so that the
 * same code reads the store now or as of a point in its history.
 *
 * The rule: level k (1-5) is achieved when every process attribute of
 * level k is rated at least L (a refinement counts as its letter) and
 * every process attribute of every lower level is F. A process whose PA
 * 1.1 is not rated is not assessed (ASSESS_NOT_ASSESSED), which is not
 * level 0; one whose applicable is no is not applicable (ASSESS_NA). */
#ifndef PRMWB_ASSESS_H
#define PRMWB_ASSESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store.h"      /* struct record, enum store_rc */

struct prm_model;
struct prm_process;

/* The process attributes, in record_fields order (pa.1.1 first). */
#define ASSESS_N_PA 9
#define ASSESS_MAX_LEVEL 5

/* A rating; ordered by letter (N < P < L < F), the refinements between. */
enum assess_rating {
	AR_NONE = 0,        /* not rated (or a value that is not a rating) */
	AR_N, AR_P_MINUS, AR_P, AR_P_PLUS, AR_L_MINUS, AR_L, AR_L_PLUS, AR_F,
};

/* Levels beside 0-5. */
enum { ASSESS_NOT_ASSESSED = -1, ASSESS_NA = -2 };

/* The rating a stored value stands for ("L+" -> AR_L_PLUS); AR_NONE for
 * NULL, "" or anything else. Case matters: values are stored upper case. */
enum assess_rating assess_rating_parse(const char *v);
/* Its text ("L+"), "" for AR_NONE. Static storage. */
const char *assess_rating_text(enum assess_rating r);
/* The letter it counts as for the level rule: AR_N, AR_P, AR_L or AR_F
 * (AR_NONE stays AR_NONE). */
enum assess_rating assess_rating_letter(enum assess_rating r);

/* Field name of process attribute i (0-8: "pa.1.1" ... "pa.5.2") and the
 * capability level it belongs to (1-5). */
const char *assess_pa_field(size_t i);
int assess_pa_level(size_t i);

/* The capability level of nine ratings (in assess_pa_field order): 0-5,
 * or ASSESS_NOT_ASSESSED if pa[0] (PA 1.1) is AR_NONE. */
int assess_level(const enum assess_rating pa[ASSESS_N_PA]);

/* A suggested PA 1.1 rating from the outcome ratings: once every outcome
 * the model lists for the process is rated, the band (N, P, L or F)
 * holding the mean of the ratings' midpoints, N 7.5 %, P 32.5 %, L 67.5 %,
 * F 92.5 % (a refined rating counts with the midpoint of its half band:
 * P- 23.75, P+ 41.25, L- 58.75, L+ 76.25). Bands: N up to 15 %, P up to
 * 50 %, L up to 85 %, F above; a mean on an edge falls in the lower band.
 * Ratings of outcome numbers the model does not list are left out. */
struct assess_suggestion {
	enum assess_rating rating;  /* AR_NONE until every outcome is rated */
	size_t n_outcomes;          /* outcomes the model lists */
	size_t n_rated;             /* of them, rated */
	int mean_tenths;            /* the mean in tenths of a percent (rounded
	                             * half up), when rating is set */
};
void assess_suggest(const struct prm_process *p, const struct record *rec,
                    struct assess_suggestion *out);

/* Everything derived about one process from its record. */
struct assess_row {
	size_t process;             /* index into model->processes; (size_t)-1 if none */
	enum assess_rating pa[ASSESS_N_PA];
	int level;                  /* 0-5, ASSESS_NOT_ASSESSED or ASSESS_NA */
	int raw_level;              /* the rule's level even when not applicable */
	int target;                 /* 0-5, -1 if not set */
	bool has_gap;               /* target set and level 0-5 */
	int gap;                    /* target - level (negative: above target) */
	int status;                 /* record_status_index(): -1 not set */
	bool has_owner;
	long review_day;            /* review as days since 1970-01-01, -1 if not set */
	bool applicable;            /* false: applicable is no */
	struct assess_suggestion suggestion;
};

/* Fill row from rec (NULL: an empty record) for process p of model m (p
 * (size_t)-1: an orphan record; no suggestion then). */
void assess_row(const struct prm_model *m, size_t p, const struct record *rec,
                struct assess_row *row);

/* level as text: "0"-"5", "-" (not assessed) or "n/a". Static storage. */
const char *assess_level_text(int level);

/* The value of a derived field (record.h, FIELD_DERIVED: "level", "gap")
 * of row, as get prints it: level as assess_level_text(), gap as a number
 * or "" when there is none. Written to buf (size bytes); returns buf, or
 * NULL if field is not a derived field this module knows. */
const char *assess_derived(const struct assess_row *row, const char *field,
                           char *buf, size_t size);

/* Where records come from: fill *out with the record of process id (an
 * empty record if it has none); the caller frees it with record_free().
 * Anything but STORE_OK stops the walk and is passed back. */
typedef enum store_rc (*assess_get_fn)(void *arg, const char *process, struct record *out);

/* Counts over rows. Processes not applicable are counted there only. */
struct assess_totals {
	size_t n;                   /* rows */
	size_t at_level[ASSESS_MAX_LEVEL + 1];
	size_t not_assessed;
	size_t below_target;        /* assessed and under their target */
	size_t not_applicable;
};

/* One row per process of the model, in model order. */
struct assess_profile {
	struct assess_row *rows; size_t n;
	struct assess_totals totals;
};

/* Read the record of every process of m through get (arg passed on) and
 * fill out (rows and totals; free with assess_profile_free()). Returns
 * STORE_OK, or what get returned (then *failed, if not NULL, is the
 * process index and out is empty), or STORE_ERROR on out-of-memory. */
enum store_rc assess_profile_read(const struct prm_model *m, assess_get_fn get, void *arg,
                                  struct assess_profile *out, size_t *failed);
void assess_profile_free(struct assess_profile *pr);

void assess_totals(const struct assess_row *rows, size_t n, struct assess_totals *out);
/* Count one row into t (sign 1) or take it out again (sign -1), as
 * assess_totals() counts it (t->n is left alone): a row changed in place
 * keeps the totals right without counting every row again. */
void assess_totals_count(struct assess_totals *t, const struct assess_row *row, int sign);

/* Days since 1970-01-01 of a UTC time, and of a "YYYY-MM-DD" date (-1 if
 * it is not one). */
long assess_day(int64_t utc_seconds);
long assess_date_day(const char *date);

/* How many days ahead counts as "review due". */
#define ASSESS_REVIEW_DUE_DAYS 30

/* What the workbench's overview shows, over rows. today: the day (UTC) as
 * assess_day() gives it. Not applicable processes are counted in
 * not_applicable and left out of the rest except by_status. */
struct assess_overview {
	size_t n;
	size_t by_status[6];        /* [0] not set, [1 + record_status_index()] */
	struct assess_totals totals;
	size_t no_owner;
	size_t review_passed;       /* review date before today */
	size_t review_due;          /* today up to ASSESS_REVIEW_DUE_DAYS ahead */
	size_t not_applicable;
};
void assess_overview(const struct assess_row *rows, size_t n, long today,
                     struct assess_overview *out);

/* Which overview line a row belongs to, for listing "those processes". */
enum assess_class {
	AC_NO_OWNER, AC_REVIEW_PASSED, AC_REVIEW_DUE, AC_BELOW_TARGET,
	AC_NOT_ASSESSED, AC_NOT_APPLICABLE,
};
bool assess_row_is(const struct assess_row *row, enum assess_class c, long today);

#endif
