/* store_bench.c - edits per second through the store API (value + history
 * entry + undo stack per transaction) next to a raw LMDB put+commit loop
 * with the same flags on the same file system (the floor); the cost of
 * undo with 10 and with BIG history entries; open time with each.
 *
 * Usage: store_bench DIR [EDITS [BIG]]   (DIR: an empty scratch directory) */
#include "config.h"

#include <lmdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "store.h"
#include "store_internal.h"

static int mkdir_p(const char *dir)
{
	if (mkdir(dir, 0700) != 0) {
		perror(dir);
		return 1;
	}
	return 0;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static struct store *open_or_die(const char *dir)
{
	struct store *st = NULL;
	char *err = NULL;

	if (store_open(dir, "bench", STORE_OPEN_CREATE, &st, &err) != STORE_OK) {
		fprintf(stderr, "store_bench: %s\n", err ? err : "cannot open");
		exit(1);
	}
	free(err);
	return st;
}

static double store_edits(const char *dir, long n)
{
	struct store *st = open_or_die(dir);
	double t0 = now();

	for (long i = 0; i < n; i++) {
		char v[32];
		snprintf(v, sizeof v, "value %ld", i);
		if (store_set(st, "7.4", "notes", v, 5, STORE_ANY_REV, NULL) != STORE_OK) {
			fprintf(stderr, "store_bench: store_set failed\n");
			exit(1);
		}
	}
	t0 = now() - t0;
	store_close(st);
	return (double)n / t0;
}

/* The floor: one mdb_put + commit per edit, default (synchronous) flags. */
static double raw_edits(const char *dir, long n)
{
	MDB_env *env;
	MDB_dbi dbi;
	MDB_txn *txn;
	double t0;

	if (mdb_env_create(&env) || mdb_env_set_mapsize(env, 64u << 20) ||
	    mdb_env_open(env, dir, 0, 0600)) {
		fprintf(stderr, "store_bench: raw LMDB open failed\n");
		exit(1);
	}
	mdb_txn_begin(env, NULL, 0, &txn);
	mdb_dbi_open(txn, NULL, 0, &dbi);
	mdb_txn_commit(txn);
	t0 = now();
	for (long i = 0; i < n; i++) {
		char v[32];
		MDB_val k = { 11, "r/7.4\0notes" }, d;
		d.mv_size = (size_t)snprintf(v, sizeof v, "value %ld", i);
		d.mv_data = v;
		if (mdb_txn_begin(env, NULL, 0, &txn) || mdb_put(txn, dbi, &k, &d, 0) ||
		    mdb_txn_commit(txn)) {
			fprintf(stderr, "store_bench: raw put failed\n");
			exit(1);
		}
	}
	t0 = now() - t0;
	mdb_env_close(env);
	return (double)n / t0;
}

/* Mean seconds per undo (each followed by a redo, not timed). */
static double undo_cost(struct store *st, int rounds)
{
	double total = 0;
	struct store_change info;

	for (int i = 0; i < rounds; i++) {
		double t0 = now();
		if (store_undo(st, &info) != STORE_OK) {
			fprintf(stderr, "store_bench: undo failed\n");
			exit(1);
		}
		total += now() - t0;
		if (store_redo(st, &info) != STORE_OK) {
			fprintf(stderr, "store_bench: redo failed\n");
			exit(1);
		}
	}
	return total / rounds;
}

static double open_cost(const char *dir, int rounds)
{
	double t0 = now();
	for (int i = 0; i < rounds; i++)
		store_close(open_or_die(dir));
	return (now() - t0) / rounds;
}

int main(int argc, char **argv)
{
	char a[4096], b[4096], small[4096], big[4096];
	long n = argc > 2 ? atol(argv[2]) : 2000;
	long nbig = argc > 3 ? atol(argv[3]) : 1000000;
	struct store *st;
	double t0, s, r, u10, ubig, o10, obig;

	if (argc < 2 || n <= 0 || nbig <= 10) {
		fprintf(stderr, "usage: store_bench DIR [EDITS [BIG]]\n");
		return 2;
	}
	snprintf(a, sizeof a, "%s/store", argv[1]);
	snprintf(b, sizeof b, "%s/raw", argv[1]);
	snprintf(small, sizeof small, "%s/small", argv[1]);
	snprintf(big, sizeof big, "%s/big", argv[1]);
	mkdir(argv[1], 0700);   /* may exist already */
	if (mkdir_p(b))
		return 1;

	s = store_edits(a, n);
	r = raw_edits(b, n);
	printf("edits/s (fsync per commit, %ld edits)  store_set: %.0f   raw mdb_put+commit: %.0f   ratio %.2f\n",
	       n, s, r, s / r);

	st = open_or_die(small);
	store_bulk_set(st, "7.4", "notes", 10);
	u10 = undo_cost(st, 200);
	store_close(st);
	st = open_or_die(big);
	t0 = now();
	if (store_bulk_set(st, "7.4", "notes", (uint64_t)nbig) != STORE_OK) {
		fprintf(stderr, "store_bench: building the big history failed\n");
		return 1;
	}
	t0 = now() - t0;
	printf("built %ld history entries in %.1f s (store_bulk_set, 20000 per transaction); store size %llu bytes\n",
	       nbig, t0, (unsigned long long)store_size(st));
	ubig = undo_cost(st, 200);
	store_close(st);
	printf("undo (incl. fsync):  10 entries: %.3f ms   %ld entries: %.3f ms\n",
	       u10 * 1e3, nbig, ubig * 1e3);
	o10 = open_cost(small, 50);
	obig = open_cost(big, 50);
	printf("open+close:          10 entries: %.3f ms   %ld entries: %.3f ms\n",
	       o10 * 1e3, nbig, obig * 1e3);
	return 0;
}
