/* store2_bench.c - builds the stores bench/store2.sh measures.
 *
 *   store2_bench build DIR N   a store of N history entries: 7.4 owner and
 *                              status, then short changes of 7.4 notes
 *                              ("bulk 0", "bulk 1", ...) through the bulk
 *                              path (store_bulk_set: the keys store_set
 *                              writes, 500,000 per transaction), with a
 *                              baseline "bmid" halfway
 *   store2_bench mixed DIR N   N changes spread over 17 processes x 6
 *                              fields by 3 users, one a second, restored in
 *                              one transaction (store_restore): the layout
 *                              of a store used for years
 *   store2_bench size DIR      "ENTRIES BYTES" of a store
 * Exit 0, 1 on a store error, 2 on bad arguments. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"

/* The restore entry names the file restored and its SHA-256; a built store
 * has no file: 64 zeros, which records.rng accepts (an export of it must
 * restore). */
#define SHA256_NONE "0000000000000000000000000000000000000000000000000000000000000000"
#include "store_internal.h"

static struct store *open_or_die(const char *dir)
{
	struct store *st = NULL;
	char *err = NULL;

	if (store_open(dir, "iso27022", STORE_OPEN_CREATE, &st, &err) != STORE_OK) {
		fprintf(stderr, "store2_bench: %s\n", err ? err : "cannot open");
		exit(1);
	}
	free(err);
	return st;
}

static void ok(enum store_rc rc, const char *what)
{
	if (rc != STORE_OK) {
		fprintf(stderr, "store2_bench: %s: %s\n", what, store_strerror(rc));
		exit(1);
	}
}

struct mixed { uint64_t n, i; char value[64]; };

static const char *const procs[] = {
	"6.1", "6.2", "7.1", "7.2", "7.3", "7.4", "7.5", "7.6", "7.7", "7.8", "7.9", "7.10",
	"7.11", "7.12", "7.13", "8.1", "8.2",
};
static const char *const fields[] = { "owner", "status", "notes", "evidence", "review",
                                      "outcome.1" };
static const char *const statuses[] = { "planned", "in-progress", "implemented", "verified" };
static const char *const users[] = { "alice", "bob", "carol" };

static int next_mixed(void *arg, bool rewind, struct hist_entry *e, char **err)
{
	struct mixed *m = arg;
	uint64_t i;
	int f;

	(void)err;
	if (rewind)
		m->i = 0;
	if (m->i == m->n)
		return 0;
	i = m->i++;
	f = (int)(i / 17 % 6);
	memset(e, 0, sizeof *e);
	e->seq = i + 1;
	e->set = e->seq;
	e->time = 1577836800 + (int64_t)i;     /* 2020-01-01, one a second */
	e->user = (char *)users[i % 3];
	e->pid = 4242;
	e->kind = HIST_SET;
	e->process = (char *)procs[i % 17];
	e->field = (char *)fields[f];
	if (f == 1)
		snprintf(m->value, sizeof m->value, "%s", statuses[i / 102 % 4]);
	else if (f == 4)
		snprintf(m->value, sizeof m->value, "20%02d-03-31", (int)(27 + i / 102 % 50));
	else if (f == 5)
		snprintf(m->value, sizeof m->value, "%c", "NPLF"[i / 102 % 4]);
	else
		snprintf(m->value, sizeof m->value, "value %llu", (unsigned long long)i);
	e->new_value = m->value;
	return 1;
}

int main(int argc, char **argv)
{
	struct store *st;
	uint64_t n;
	char *end;

	if (argc == 3 && strcmp(argv[1], "size") == 0) {
		st = open_or_die(argv[2]);
		printf("%llu %llu\n", (unsigned long long)store_last_seq(st),
		       (unsigned long long)store_size(st));
		store_close(st);
		return 0;
	}
	if (argc != 4 || (strcmp(argv[1], "build") && strcmp(argv[1], "mixed")))
		goto usage;
	n = strtoull(argv[3], &end, 10);
	if (*end || n < 4)
		goto usage;
	st = open_or_die(argv[2]);
	if (strcmp(argv[1], "mixed") == 0) {
		struct mixed m = { n, 0, "" };
		char *why = NULL;
		enum store_rc rc = store_restore(st, "bench", SHA256_NONE, next_mixed, &m, NULL, &why);

		if (rc != STORE_OK)
			fprintf(stderr, "store2_bench: %s\n", why ? why : store_strerror(rc));
		free(why);
		store_close(st);
		return rc == STORE_OK ? 0 : 1;
	}
	ok(store_set(st, "7.4", "owner", "Alice", 5, STORE_ANY_REV, NULL), "set owner");
	ok(store_set(st, "7.4", "status", "planned", 5, STORE_ANY_REV, NULL), "set status");
	ok(store_bulk_set(st, "7.4", "notes", n / 2 - 2), "bulk");
	ok(store_baseline_create(st, "bmid", "halfway", NULL), "baseline");
	ok(store_bulk_set(st, "7.4", "notes", n - n / 2 - 1), "bulk");
	store_close(st);
	return 0;
usage:
	fprintf(stderr, "usage: store2_bench build|mixed DIR N   (N >= 4)\n"
	        "       store2_bench size DIR\n");
	return 2;
}
