/* Randomized test: thousands of random set/undo/redo/undo-N operations by
 * two users, checked after every step against a simple in-memory model of
 * the rules (undo restores the field as it was before the change; a change
 * in between makes undo/redo refuse, naming the author of the revision in
 * effect if it came after, else the field's last writer; a new change
 * clears the user's redo stack; a named undo takes one of the user's own
 * changes off the undo stack wherever it is and puts it on top of the redo
 * stack). The seed is printed on failure; PRMWB_SEED overrides. */
#include "config.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "store_util.h"

TestSuite(store_random, .init = tmp_setup, .fini = tmp_teardown);

#define NP 3
#define NF 3
#define MAXOPS 4000
static const char *const procs[NP] = { "6.1", "7.4", "7.40" };
static const char *const fields[NF] = { "owner", "notes", "status" };
static const char *const owner_values[] = { "", "ann", "ben", "cy" };
static const char *const status_values[] = { "", "planned", "verified" };
static const char *const users[2] = { "alice", "bob" };

struct mfield { const char *value; uint64_t rev; const char *user; };
struct mhist { int p, f; const char *old, *new_; uint64_t old_rev, new_rev; int u; bool set; };
struct mstack { uint64_t key[MAXOPS], val[MAXOPS]; size_t n; };

static struct mfield mf[NP][NF];
static struct mhist mh[MAXOPS + 1];
static struct mstack undo_st[2], redo_st[2];
static uint64_t mseq;

/* index of the largest key (the top, as the store's cursor sees it) */
static long top(const struct mstack *s)
{
	long best = -1;
	for (size_t i = 0; i < s->n; i++)
		if (best < 0 || s->key[i] > s->key[best])
			best = (long)i;
	return best;
}

static void drop(struct mstack *s, long i)
{
	s->key[i] = s->key[s->n - 1];
	s->val[i] = s->val[s->n - 1];
	s->n--;
}

static void push(struct mstack *s, uint64_t key, uint64_t val)
{
	s->key[s->n] = key;
	s->val[s->n] = val;
	s->n++;
}

static enum store_rc model_set(int u, int p, int f, const char *v)
{
	struct mfield *cur = &mf[p][f];

	/* unchanged (a field never set reads as ""): nothing recorded */
	if (strcmp(cur->value ? cur->value : "", v) == 0)
		return STORE_OK;
	mseq++;
	mh[mseq] = (struct mhist){ p, f, cur->value, v, cur->rev, mseq, u, true };
	*cur = (struct mfield){ v, mseq, users[u] };
	push(&undo_st[u], mseq, 0);
	redo_st[u].n = 0;
	return STORE_OK;
}

/* Undo (or redo) the top of the user's stack, or with named > 0 undo the
 * change named. */
static enum store_rc model_undo(int u, bool redo, uint64_t named, const char **who)
{
	struct mstack *from = redo ? &redo_st[u] : &undo_st[u];
	long i = top(from);
	uint64_t s, want;
	struct mhist *h;
	struct mfield *cur;

	if (named) {
		i = -1;
		if (named > mseq || !mh[named].set || mh[named].u != u)
			return STORE_NOTFOUND;
		for (size_t j = 0; j < from->n; j++)
			if (from->key[j] == named)
				i = (long)j;
	}
	if (i < 0)
		return STORE_NOTFOUND;
	s = redo ? from->val[i] : from->key[i];
	h = &mh[s];
	cur = &mf[h->p][h->f];
	want = redo ? h->old_rev : h->new_rev;
	if (cur->rev != want) {
		*who = cur->rev > want ? users[mh[cur->rev].u] : cur->user;
		return STORE_CONFLICT;
	}
	mseq++;
	mh[mseq] = (struct mhist){ .set = false };
	if (redo) {
		*cur = (struct mfield){ h->new_, h->new_rev, users[u] };
		drop(from, i);
		push(&undo_st[u], s, 0);
	} else {
		*cur = (struct mfield){ h->old, h->old_rev, users[u] };
		drop(from, i);
		push(&redo_st[u], mseq, s);
	}
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
			cr_assert_str_eq(v, mf[p][f].value ? mf[p][f].value : "",
			                 "seed %u step %d: %s %s", seed, step, procs[p], fields[f]);
			cr_assert_eq(rev, mf[p][f].rev, "seed %u step %d: rev of %s %s",
			             seed, step, procs[p], fields[f]);
		}
		record_free(&r);
	}
	cr_assert_eq(store_last_seq(st), mseq, "seed %u step %d: seq", seed, step);
}

static bool count_entry(const struct hist_entry *e, void *arg)
{
	uint64_t *n = arg;
	cr_assert_eq(e->seq, mseq - *n, "history is dense and newest first");
	(*n)++;
	return true;
}

static void run(unsigned seed, int ops)
{
	struct store *st = open_db(0);
	uint64_t n = 0;

	memset(mf, 0, sizeof mf);
	memset(undo_st, 0, sizeof undo_st);
	memset(redo_st, 0, sizeof redo_st);
	mseq = 0;
	for (int p = 0; p < NP; p++)
		for (int f = 0; f < NF; f++)
			mf[p][f] = (struct mfield){ "", 0, "" };
	srand(seed);
	for (int step = 0; step < ops; step++) {
		int u = rand() % 2, op = rand() % 10;
		struct store_change info;
		enum store_rc got, want;
		const char *who = NULL;

		store_set_user(st, users[u]);
		if (op < 5) {
			int p = rand() % NP, f = rand() % NF;
			const char *v = f == 2 ? status_values[rand() % 3] : owner_values[rand() % 4];
			want = model_set(u, p, f, v);
			got = store_set(st, procs[p], fields[f], v, 3, STORE_ANY_REV, &info);
		} else if (op < 7) {
			want = model_undo(u, false, 0, &who);
			got = store_undo(st, &info);
		} else if (op < 8) {
			/* mostly one of the user's own changes, else any entry */
			uint64_t named = undo_st[u].n && rand() % 2 ?
				undo_st[u].key[(size_t)rand() % undo_st[u].n] :
				(uint64_t)(rand() % (int)(mseq + 2));

			want = named ? model_undo(u, false, named, &who) : STORE_NOTFOUND;
			got = store_undo_seq(st, named, NULL, NULL, &info);
		} else {
			want = model_undo(u, true, 0, &who);
			got = store_redo(st, &info);
		}
		cr_assert_eq(got, want, "seed %u step %d op %d: got %s, want %s", seed, step,
		             op, store_strerror(got), store_strerror(want));
		if (got == STORE_CONFLICT)
			cr_assert_str_eq(info.user, who, "seed %u step %d: conflict names", seed, step);
		compare(st, seed, step);
	}
	cr_assert_eq(store_log(st, NULL, 0, count_entry, &n), STORE_OK);
	cr_assert_eq(n, mseq);
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
