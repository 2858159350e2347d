/* Crash test: a child process commits changes, change sets of two fields
 * and undos of whole sets in a loop and reports each one the store
 * acknowledged; the parent SIGKILLs it at a random point, reopens the
 * store and checks that every acknowledged change is there (a set with all
 * its entries), that values and history agree, that verify finds the
 * store sound and that it still works. */
#include "config.h"

#include <criterion/criterion.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store_util.h"

TestSuite(store_crash, .init = tmp_setup, .fini = tmp_teardown);

#define ROUNDS 30
#define NPROC 4
#define MAXACK 100000

struct ack { uint64_t seq; uint32_t i; uint32_t kind; };

/* kind of an ack for a change set of two fields (first entry: seq) */
#define ACK_SET 9

/* Child: sets notes of p0..p3 to "v<i>", every 5th step a set of that and
 * the next process's owner ("o<i>"), every 7th step an undo instead. */
static void child(int fd, uint32_t start)
{
	struct store *st = NULL;

	if (store_open(tmp_db, "m1", 0, &st, NULL) != STORE_OK)
		_exit(3);
	for (uint32_t i = start;; i++) {
		struct store_change info;
		struct ack a = { 0, i, HIST_SET };
		char proc[8], val[32];
		enum store_rc rc;

		snprintf(proc, sizeof proc, "p%u", i % NPROC);
		snprintf(val, sizeof val, "v%u", i);
		if (i % 7 == 6) {
			a.kind = HIST_UNDO;
			rc = store_undo(st, &info);
		} else if (i % 5 == 4) {
			struct store_edit e[2];
			char proc2[8], own[32];
			uint64_t set = 0;

			snprintf(proc2, sizeof proc2, "p%u", (i + 1) % NPROC);
			snprintf(own, sizeof own, "o%u", i);
			e[0] = (struct store_edit){ proc, "notes", val, 3, STORE_ANY_REV, NULL, 0 };
			e[1] = (struct store_edit){ proc2, "owner", own, 3, STORE_ANY_REV, NULL, 0 };
			a.kind = ACK_SET;
			rc = store_set_many(st, e, 2, NULL, NULL, &set, NULL);
			info.seq = set;
		} else {
			rc = store_set(st, proc, "notes", val, 3, STORE_ANY_REV, &info);
		}
		if (rc == STORE_NOTFOUND)
			continue;
		if (rc != STORE_OK)
			_exit(4);
		a.seq = info.seq;
		if (write(fd, &a, sizeof a) != (ssize_t)sizeof a)
			_exit(5);
	}
}

struct found { uint64_t seq; enum hist_kind kind; char value[32]; bool hit; uint64_t set; };

static bool find_entry(const struct hist_entry *e, void *arg)
{
	struct found *f = arg;
	if (e->seq != f->seq)
		return true;
	f->hit = true;
	f->kind = e->kind;
	f->set = e->set;
	snprintf(f->value, sizeof f->value, "%s", e->new_value);
	return false;
}

static bool newest_value(const struct hist_entry *e, void *arg)
{
	if (strcmp(e->field, "notes") != 0)
		return true;
	snprintf(arg, 32, "%s", e->new_value);
	return false;
}

static struct ack acks[MAXACK];

Test(store_crash, kill_at_random_points, .timeout = 120)
{
	struct store *st = open_db(0);
	uint32_t next_i = 0;
	size_t total = 0;

	store_close(st);
	srand(27022);
	for (int round = 0; round < ROUNDS; round++) {
		int fds[2], status;
		size_t n = 0, kill_after = 1 + (size_t)(rand() % 40);
		pid_t pid;
		ssize_t got;
		struct ack a;

		cr_assert_eq(pipe(fds), 0);
		pid = fork();
		cr_assert_neq(pid, -1);
		if (pid == 0) {
			close(fds[0]);
			child(fds[1], next_i);
		}
		close(fds[1]);
		/* read acks; kill after a random number of them, then drain what
		 * the child still managed to acknowledge before it died */
		while ((got = read(fds[0], &a, sizeof a)) == (ssize_t)sizeof a ||
		       (got < 0 && errno == EINTR)) {
			if (got < 0)
				continue;
			cr_assert_lt(n, (size_t)MAXACK);
			acks[n++] = a;
			if (n == kill_after)
				kill(pid, SIGKILL);
		}
		close(fds[0]);
		cr_assert_eq(waitpid(pid, &status, 0), pid);
		cr_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
		          "round %d: child ended with status %d", round, status);

		st = open_db(0);
		for (size_t k = 0; k < n; k++) {
			struct found f = { .seq = acks[k].seq };
			char want[32];
			cr_assert_eq(store_log(st, NULL, 0, find_entry, &f), STORE_OK);
			cr_assert(f.hit, "round %d: acknowledged #%llu lost", round,
			          (unsigned long long)acks[k].seq);
			cr_assert_eq(f.kind, acks[k].kind == ACK_SET ? HIST_SET :
			             (enum hist_kind)acks[k].kind);
			snprintf(want, sizeof want, "v%u", acks[k].i);
			if (acks[k].kind == HIST_SET || acks[k].kind == ACK_SET)
				cr_assert_str_eq(f.value, want, "round %d", round);
			if (acks[k].kind == ACK_SET) {
				/* the set's second entry, in the same set */
				struct found g = { .seq = acks[k].seq + 1 };

				cr_assert_eq(f.set, acks[k].seq);
				cr_assert_eq(store_log(st, NULL, 0, find_entry, &g), STORE_OK);
				cr_assert(g.hit, "round %d: half of set #%llu lost", round,
				          (unsigned long long)acks[k].seq);
				cr_assert_eq(g.set, acks[k].seq);
				snprintf(want, sizeof want, "o%u", acks[k].i);
				cr_assert_str_eq(g.value, want, "round %d", round);
			}
			if (acks[k].i >= next_i)
				next_i = acks[k].i + 1;
		}
		/* values and history agree: each value is its newest entry's */
		for (int p = 0; p < NPROC; p++) {
			char proc[8], newest[32] = "";
			char *v;
			snprintf(proc, sizeof proc, "p%d", p);
			cr_assert_eq(store_log(st, proc, 0, newest_value, newest), STORE_OK);
			v = get_value(st, proc, "notes", NULL);
			cr_assert_str_eq(v, newest, "round %d: %s", round, proc);
			free(v);
		}
		/* and it still takes changes */
		cr_assert_eq(store_set(st, "p0", "owner", "parent", 3, STORE_ANY_REV, NULL), STORE_OK);
		cr_assert_eq(store_set(st, "p0", "owner", "", 3, STORE_ANY_REV, NULL), STORE_OK);
		store_close(st);
		expect_verified("after a kill");
		total += n;
		next_i += 1000; /* values of an unacknowledged tail never repeat */
	}
	cr_assert_gt(total, (size_t)ROUNDS);
}
