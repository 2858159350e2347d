/* Randomized test: thousands of random operations by two users - changes,
 * change sets of several fields, undo and redo of whole sets (and
 * --partial), undo N - checked after every step against a simple in-memory
 * model of the rules (undo restores each field as it was before the
 * change; a change in between makes undo/redo refuse, naming the author of
 * the revision in effect if it came after, else the field's last writer,
 * unless partial; a new change clears the user's redo stack; a whole undo
 * takes the set off the undo stack, an undo N once none of its changes is
 * in effect; redo re-applies what the undo undid and puts its set back).
 * Then every history entry against the model's, and every field as of
 * every seq against the model's replay. The seed is printed on failure;
 * PRMWB_SEED overrides. */
#include "config.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "store_util.h"

TestSuite(store_random, .init = tmp_setup, .fini = tmp_teardown);

#define NP 3
#define NF 3
#define MAXOPS 4000
#define MAXE (MAXOPS * 4 + 8)
static const char *const procs[NP] = { "6.1", "7.4", "7.40" };
static const char *const fields[NF] = { "owner", "notes", "status" };
static const char *const owner_values[] = { "", "ann", "ben", "cy" };
static const char *const status_values[] = { "", "planned", "verified" };
static const char *const users[2] = { "alice", "bob" };

struct mfield { const char *value; uint64_t rev; int user; };      /* user -1: none */
struct mhist {
	int p, f, u;
	enum hist_kind kind;
	uint64_t set, ref;
	const char *old, *new_;
	uint64_t old_rev, new_rev;
	bool named;
};
/* a user's stack of set ids (the top: the largest) */
struct mstack { uint64_t s[MAXE]; size_t n; };

static struct mfield mf[NP][NF];
static struct mhist mh[MAXE + 1];
static uint64_t undone_by[MAXE + 1];
static struct mstack undo_st[2], redo_st[2];
static uint64_t mseq;
/* the model's fields after each entry: as of every seq */
static struct mfield snap[MAXE + 1][NP][NF];

static long top(const struct mstack *s)
{
	long best = -1;
	for (size_t i = 0; i < s->n; i++)
		if (best < 0 || s->s[i] > s->s[best])
			best = (long)i;
	return best;
}

static bool has(const struct mstack *s, uint64_t v)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->s[i] == v)
			return true;
	return false;
}

static void drop(struct mstack *s, uint64_t v)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->s[i] == v) {
			s->s[i] = s->s[--s->n];
			return;
		}
}

static void push(struct mstack *s, uint64_t v)
{
	if (!has(s, v))
		s->s[s->n++] = v;
}

/* Append an entry writing (p, f); keeps the snapshot. */
static void model_entry(int u, int p, int f, enum hist_kind kind, uint64_t set, uint64_t ref,
                        const char *value, uint64_t rev, bool named)
{
	struct mfield *cur = &mf[p][f];

	mseq++;
	mh[mseq] = (struct mhist){ p, f, u, kind, set, ref, cur->value, value, cur->rev, rev,
	                           named };
	*cur = (struct mfield){ value, rev, u };
	memcpy(snap[mseq], mf, sizeof mf);
}

struct medit { int p, f; const char *v; };

static enum store_rc model_set_many(int u, const struct medit *e, int n)
{
	uint64_t set = mseq + 1;
	bool any = false;

	for (int i = 0; i < n; i++) {
		if (strcmp(mf[e[i].p][e[i].f].value, e[i].v) == 0)
			continue;
		model_entry(u, e[i].p, e[i].f, HIST_SET, set, 0, e[i].v, mseq + 1, false);
		any = true;
	}
	if (any) {
		push(&undo_st[u], set);
		redo_st[u].n = 0;
	}
	return STORE_OK;
}

/* Who blocks a change of field c that should be at revision want. */
static const char *blame(const struct mfield *c, uint64_t want)
{
	if (c->rev != 0 && c->rev > want)
		return users[mh[c->rev].u];
	return c->user >= 0 ? users[c->user] : "";
}

static bool all_undone(uint64_t s)
{
	for (uint64_t e = s; e <= mseq && mh[e].set == s; e++)
		if (mh[e].kind == HIST_SET && !undone_by[e])
			return false;
	return true;
}

/* Undo (or redo) the top of the user's stack, whole or partial. */
static enum store_rc model_undo(int u, bool redo, bool partial, const char **who)
{
	struct mstack *from = redo ? &redo_st[u] : &undo_st[u];
	long i = top(from);
	uint64_t s, steps[64], to_rev[64], first;
	const char *to_val[64];
	size_t n = 0, ok = 0;
	bool refused[64];

	if (i < 0)
		return STORE_NOTFOUND;
	s = from->s[i];
	*who = NULL;
	for (uint64_t e = s; e <= mseq && mh[e].set == s; e++) {
		uint64_t target = redo ? mh[e].ref : e, want;
		struct mhist *t = &mh[target];

		if (redo ? mh[e].kind != HIST_UNDO : (mh[e].kind != HIST_SET || undone_by[e]))
			continue;
		want = redo ? mh[e].new_rev : target;
		steps[n] = target;
		/* undo: the value before; redo: the change's own */
		to_val[n] = redo ? t->new_ : t->old;
		to_rev[n] = redo ? t->new_rev : t->old_rev;
		refused[n] = mf[t->p][t->f].rev != want;
		if (refused[n] && !*who)
			*who = blame(&mf[t->p][t->f], want);
		if (!refused[n])
			ok++;
		n++;
	}
	if (ok < n && (!partial || ok == 0))
		return STORE_CONFLICT;
	first = mseq + 1;
	for (size_t k = 0; k < n; k++)
		if (!refused[k])
			model_entry(u, mh[steps[k]].p, mh[steps[k]].f, redo ? HIST_REDO : HIST_UNDO,
			            first, steps[k], to_val[k], to_rev[k], false);
	if (redo) {
		uint64_t set = mh[steps[0]].set;

		for (uint64_t e = first; e <= mseq; e++)
			undone_by[mh[e].ref] = 0;
		drop(from, s);
		push(&undo_st[u], set);
	} else {
		for (uint64_t e = first; e <= mseq; e++)
			undone_by[mh[e].ref] = e;
		drop(from, s);
		push(&redo_st[u], first);
	}
	return STORE_OK;
}

static enum store_rc model_undo_named(int u, uint64_t e, const char **who)
{
	struct mhist *h;
	uint64_t s;

	if (e == 0 || e > mseq)
		return STORE_NOTFOUND;
	h = &mh[e];
	if (h->kind != HIST_SET || h->u != u || undone_by[e])
		return STORE_NOTFOUND;
	if (mf[h->p][h->f].rev != e) {
		*who = blame(&mf[h->p][h->f], e);
		return STORE_CONFLICT;
	}
	model_entry(u, h->p, h->f, HIST_UNDO, mseq + 1, e, h->old, h->old_rev, true);
	undone_by[e] = mseq;
	s = h->set;
	if (all_undone(s))
		drop(&undo_st[u], s);
	push(&redo_st[u], mseq);
	return STORE_OK;
}

static void compare(struct store *st, unsigned seed, int step)
{
	for (int p = 0; p < NP; p++) {
		struct record r;
		cr_assert_eq(store_get(st, procs[p], &r), STORE_OK);
		for (int f = 0; f < NF; f++) {
			const struct field_value *fv = record_get(&r, fields[f]);
			const char *v = fv ? fv->value : "";
			uint64_t rev = fv ? fv->rev : 0;
			cr_assert_str_eq(v, mf[p][f].value, "seed %u step %d: %s %s", seed, step,
			                 procs[p], fields[f]);
			cr_assert_eq(rev, mf[p][f].rev, "seed %u step %d: rev of %s %s",
			             seed, step, procs[p], fields[f]);
		}
		record_free(&r);
	}
	cr_assert_eq(store_last_seq(st), mseq, "seed %u step %d: seq", seed, step);
}

struct logcheck { unsigned seed; uint64_t n; };

/* Every entry, newest first, as the model made it. */
static bool check_entry(const struct hist_entry *e, void *arg)
{
	struct logcheck *lc = arg;
	uint64_t seq = mseq - lc->n;
	struct mhist *h = &mh[seq];

	cr_assert_eq(e->seq, seq, "seed %u: the history is dense and newest first", lc->seed);
	cr_assert_eq(e->kind, h->kind, "seed %u #%llu: kind", lc->seed, (unsigned long long)seq);
	cr_assert_eq(e->set, h->set, "seed %u #%llu: set", lc->seed, (unsigned long long)seq);
	cr_assert_eq(e->ref, h->ref, "seed %u #%llu: ref", lc->seed, (unsigned long long)seq);
	cr_assert_eq(e->named, h->named, "seed %u #%llu: named", lc->seed, (unsigned long long)seq);
	cr_assert_str_eq(e->user, users[h->u]);
	cr_assert_str_eq(e->process, procs[h->p]);
	cr_assert_str_eq(e->field, fields[h->f]);
	cr_assert_str_eq(e->old_value, h->old, "seed %u #%llu: old", lc->seed,
	                 (unsigned long long)seq);
	cr_assert_str_eq(e->new_value, h->new_, "seed %u #%llu: new", lc->seed,
	                 (unsigned long long)seq);
	cr_assert_eq(e->old_rev, h->old_rev);
	cr_assert_eq(e->new_rev, h->new_rev);
	lc->n++;
	return true;
}

/* Every field of every process as of every seq: the model's replay. */
static void check_as_of(struct store *st, unsigned seed)
{
	for (uint64_t s = 0; s <= mseq; s++) {
		for (int p = 0; p < NP; p++) {
			struct record r;

			cr_assert_eq(store_get_at(st, procs[p], s, &r), STORE_OK);
			for (int f = 0; f < NF; f++) {
				const struct field_value *fv = record_get(&r, fields[f]);
				const struct mfield *m = &snap[s][p][f];

				cr_assert_str_eq(fv ? fv->value : "", m->value,
				                 "seed %u: %s %s as of #%llu", seed, procs[p], fields[f],
				                 (unsigned long long)s);
				cr_assert_eq(fv ? fv->rev : 0, m->rev, "seed %u: rev of %s %s as of #%llu",
				             seed, procs[p], fields[f], (unsigned long long)s);
				if (fv)
					cr_assert_str_eq(fv->user, users[m->user]);
			}
			record_free(&r);
		}
	}
}

static const char *random_value(int f)
{
	return f == 2 ? status_values[rand() % 3] : owner_values[rand() % 4];
}

static void run(unsigned seed, int ops)
{
	struct store *st = open_db(0);
	struct logcheck lc = { seed, 0 };

	memset(mh, 0, sizeof mh);
	memset(undone_by, 0, sizeof undone_by);
	memset(undo_st, 0, sizeof undo_st);
	memset(redo_st, 0, sizeof redo_st);
	mseq = 0;
	for (int p = 0; p < NP; p++)
		for (int f = 0; f < NF; f++)
			mf[p][f] = (struct mfield){ "", 0, -1 };
	memcpy(snap[0], mf, sizeof mf);
	srand(seed);
	for (int step = 0; step < ops; step++) {
		int u = rand() % 2, op = rand() % 20;
		struct store_change info;
		struct store_set_report rep;
		enum store_rc got, want;
		const char *who = NULL;

		memset(&rep, 0, sizeof rep);
		store_set_user(st, users[u]);
		if (op < 8) {
			int p = rand() % NP, f = rand() % NF;
			struct medit e = { p, f, random_value(f) };

			want = model_set_many(u, &e, 1);
			got = store_set(st, procs[p], fields[f], e.v, 3, STORE_ANY_REV, &info);
		} else if (op < 10) {
			/* a set of two or three different fields */
			struct medit e[3];
			struct store_edit se[3];
			int n = 2 + rand() % 2, k = 0;

			while (k < n) {
				int p = rand() % NP, f = rand() % NF;
				bool dup = false;

				for (int j = 0; j < k; j++)
					dup = dup || (e[j].p == p && e[j].f == f);
				if (dup)
					continue;
				e[k] = (struct medit){ p, f, random_value(f) };
				se[k] = (struct store_edit){ procs[p], fields[f], e[k].v, 3,
				                             STORE_ANY_REV, NULL, 0 };
				k++;
			}
			want = model_set_many(u, e, n);
			got = store_set_many(st, se, (size_t)n, NULL, NULL, NULL, NULL);
		} else if (op < 13) {
			bool partial = op == 12;

			want = model_undo(u, false, partial, &who);
			got = store_undo_set(st, partial ? STORE_UNDO_PARTIAL : 0, NULL, NULL, &rep);
		} else if (op < 15) {
			/* mostly one of the user's own changes, else any entry */
			uint64_t named = 0;

			if (rand() % 3 && mseq) {
				for (int tries = 0; tries < 20 && !named; tries++) {
					uint64_t e = 1 + (uint64_t)rand() % mseq;

					if (mh[e].kind == HIST_SET && mh[e].u == u && !undone_by[e])
						named = e;
				}
			}
			if (!named)
				named = (uint64_t)(rand() % (int)(mseq + 2));
			want = named ? model_undo_named(u, named, &who) : STORE_NOTFOUND;
			got = store_undo_seq(st, named, NULL, NULL, &info);
		} else {
			bool partial = op == 19;

			want = model_undo(u, true, partial, &who);
			got = store_redo_set(st, partial ? STORE_UNDO_PARTIAL : 0, NULL, NULL, &rep);
		}
		cr_assert_eq(got, want, "seed %u step %d op %d: got %s, want %s", seed, step,
		             op, store_strerror(got), store_strerror(want));
		if (got == STORE_CONFLICT && rep.n_refused)
			cr_assert_str_eq(rep.refused[0].user, who, "seed %u step %d: conflict names",
			                 seed, step);
		else if (got == STORE_CONFLICT)
			cr_assert_str_eq(info.user, who, "seed %u step %d: conflict names", seed, step);
		store_set_report_free(&rep);
		compare(st, seed, step);
	}
	cr_assert_eq(store_log(st, NULL, 0, check_entry, &lc), STORE_OK);
	cr_assert_eq(lc.n, mseq);
	check_as_of(st, seed);
	store_close(st);
	/* whatever the operations left, store_verify() finds it consistent */
	expect_verified("after random operations");
}

static unsigned seed_for(unsigned dflt)
{
	const char *e = getenv("PRMWB_SEED");
	return e && *e ? (unsigned)strtoul(e, NULL, 10) : dflt;
}

Test(store_random, two_users_seed_a)
{
	run(seed_for(20261127), 2000);
}

Test(store_random, two_users_seed_b)
{
	run(seed_for(4242), 2000);
}
