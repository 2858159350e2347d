/* exchange_bench.c - builds the store bench/exchange.sh exports.
 *
 *   exchange_bench build DIR MODEL_ID PROCESSES N
 *
 * A store of model MODEL_ID (bench/genmodel.sh PROCESSES: ids C.K, 10
 * categories of ceil(PROCESSES/10)) with N history entries by 3 users, one
 * a second, restored in one transaction (store_restore, as
 * bench/store2_bench.c's mixed store): first every field of every process
 * (owner, status, applicable, justification, notes, evidence, target, the
 * nine PA ratings, review, outcome.1-4), then changes spread over them all
 * until N. Values are what set would accept (ratings, dates, statuses), so
 * every export format writes them. Exit 0, 1 on a store error, 2 on bad
 * arguments. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"

/* The restore entry names the file restored and its SHA-256; a built store
 * has no file: 64 zeros, which records.rng accepts (an export of it must
 * restore). */
#define SHA256_NONE "0000000000000000000000000000000000000000000000000000000000000000"

static const char *const fields[] = {
	"owner", "status", "applicable", "justification", "notes", "evidence", "target",
	"pa.1.1", "pa.2.1", "pa.2.2", "pa.3.1", "pa.3.2", "pa.4.1", "pa.4.2", "pa.5.1",
	"pa.5.2", "review", "outcome.1", "outcome.2", "outcome.3", "outcome.4",
};
#define N_FIELDS (sizeof fields / sizeof fields[0])
static const char *const statuses[] = { "planned", "in-progress", "implemented", "verified" };
static const char *const ratings[] = { "N", "P", "L", "F", "P-", "P+", "L-", "L+" };
static const char *const users[] = { "alice", "bob", "carol" };

struct gen {
	uint64_t n, i;
	size_t procs, per;
	char process[48];
	char value[160];
};

static int next_entry(void *arg, bool rewind, struct hist_entry *e, char **err)
{
	struct gen *g = arg;
	uint64_t i, round;
	size_t p, f;

	(void)err;
	if (rewind)
		g->i = 0;
	if (g->i == g->n)
		return 0;
	i = g->i++;
	/* Process-major in the first round (every field of a process in a
	 * row), then field by field across the processes. */
	p = (size_t)(i / N_FIELDS % g->procs);
	f = (size_t)(i % N_FIELDS);
	round = i / (N_FIELDS * g->procs);
	snprintf(g->process, sizeof g->process, "%zu.%zu", p / g->per + 1, p % g->per + 1);
	memset(e, 0, sizeof *e);
	e->seq = i + 1;
	e->set = e->seq;
	e->time = 1577836800 + (int64_t)i;     /* 2020-01-01, one a second */
	e->user = (char *)users[i % 3];
	e->pid = 4242;
	e->kind = HIST_SET;
	e->process = g->process;
	e->field = (char *)fields[f];
	switch (f) {
	case 0: snprintf(g->value, sizeof g->value, "Owner %llu", (unsigned long long)round); break;
	case 1: snprintf(g->value, sizeof g->value, "%s", statuses[round % 4]); break;
	case 2: snprintf(g->value, sizeof g->value, "%s", round % 2 ? "no" : "yes"); break;
	case 6: snprintf(g->value, sizeof g->value, "%d", (int)(round % 5 + 1)); break;
	case 16:
		snprintf(g->value, sizeof g->value, "20%02d-%02d-28", (int)(27 + round % 50),
		         (int)(round % 12 + 1));
		break;
	default:
		if (f >= 7)
			snprintf(g->value, sizeof g->value, "%s", ratings[(round + f) % 8]);
		else
			snprintf(g->value, sizeof g->value, "%s of process %s, change %llu: "
			         "reviewed & agreed <ok>", fields[f], g->process,
			         (unsigned long long)round);
	}
	e->new_value = g->value;
	return 1;
}

int main(int argc, char **argv)
{
	struct store *st = NULL;
	struct gen g = { 0 };
	char *end, *err = NULL;
	enum store_rc rc;

	if (argc != 6 || strcmp(argv[1], "build") != 0)
		goto usage;
	g.procs = strtoul(argv[4], &end, 10);
	if (*end || g.procs < 1)
		goto usage;
	g.n = strtoull(argv[5], &end, 10);
	if (*end || g.n < 1)
		goto usage;
	g.per = (g.procs + 9) / 10;
	if (store_open(argv[2], argv[3], STORE_OPEN_CREATE, &st, &err) != STORE_OK) {
		fprintf(stderr, "exchange_bench: %s\n", err ? err : "cannot open");
		free(err);
		return 1;
	}
	rc = store_restore(st, "exchange_bench", SHA256_NONE, next_entry, &g, NULL, &err);
	if (rc != STORE_OK)
		fprintf(stderr, "exchange_bench: %s\n", err ? err : store_strerror(rc));
	free(err);
	store_close(st);
	return rc == STORE_OK ? 0 : 1;
usage:
	fprintf(stderr, "usage: exchange_bench build DIR MODEL_ID PROCESSES N\n");
	return 2;
}
