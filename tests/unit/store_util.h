/* store_util.h - shared set-up for the store's unit tests: a private
 * temporary directory per test, removed afterwards. */
#ifndef PRMWB_TEST_STORE_UTIL_H
#define PRMWB_TEST_STORE_UTIL_H

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "store_internal.h"

static char tmp_dir[256];
static char tmp_db[400];

static void tmp_setup(void)
{
	const char *base = getenv("TMPDIR");

	snprintf(tmp_dir, sizeof tmp_dir, "%s/prmwb-unit.XXXXXX", base && *base ? base : "/tmp");
	cr_assert_not_null(mkdtemp(tmp_dir), "mkdtemp");
	snprintf(tmp_db, sizeof tmp_db, "%s/db", tmp_dir);
	store_initial_mapsize = 0;
}

static void tmp_teardown(void)
{
	char cmd[700];

	store_initial_mapsize = 0;
	if (tmp_dir[0]) {
		snprintf(cmd, sizeof cmd, "chmod -R u+rwx '%s' 2>/dev/null; rm -rf '%s'", tmp_dir, tmp_dir);
		if (system(cmd) != 0)
			fprintf(stderr, "cannot remove %s\n", tmp_dir);
	}
}

/* Skip the test. Criterion ends a skipped test without running the
 * suite's .fini, so the directory is removed here first. */
#define skip_test(...) do { \
		tmp_teardown(); \
		tmp_dir[0] = '\0'; \
		cr_skip_test(__VA_ARGS__); \
	} while (0)

/* Open (creating) the test store for model "m1"; fails the test if not OK. */
__attribute__((unused)) static struct store *open_db(unsigned flags)
{
	struct store *st = NULL;
	char *err = NULL;
	enum store_rc rc = store_open(tmp_db, "m1", flags | STORE_OPEN_CREATE, &st, &err);

	cr_assert_eq(rc, STORE_OK, "store_open: %s (%s)", store_strerror(rc), err ? err : "");
	free(err);
	return st;
}

/* Current value of a field ("" if never set); caller frees. */
__attribute__((unused)) static char *get_value(struct store *st, const char *process, const char *field, uint64_t *rev)
{
	struct record r;
	const struct field_value *fv;
	char *v;

	cr_assert_eq(store_get(st, process, &r), STORE_OK);
	fv = record_get(&r, field);
	v = strdup(fv ? fv->value : "");
	if (rev)
		*rev = fv ? fv->rev : 0;
	record_free(&r);
	return v;
}

__attribute__((unused)) static void expect_value(struct store *st, const char *process, const char *field,
                         const char *want)
{
	char *v = get_value(st, process, field, NULL);
	cr_expect_str_eq(v, want, "%s %s", process, field);
	free(v);
}

/* store_verify() problem callback for the tests: prints, counts. */
__attribute__((unused)) static bool count_problem(const char *where, const char *what, void *arg)
{
	size_t *n = arg;

	fprintf(stderr, "verify: %s: %s\n", where, what);
	(*n)++;
	return true;
}

/* The test store (closed) must pass store_verify() without a problem. */
__attribute__((unused)) static void expect_verified(const char *why)
{
	struct store_verify_stats stats;
	size_t n = 0;
	char *err = NULL;
	enum store_rc rc = store_verify(tmp_db, count_problem, &n, &stats, &err);

	cr_expect_eq(rc, STORE_OK, "%s: store_verify: %s (%s), %zu problems", why,
	             store_strerror(rc), err ? err : "", n);
	free(err);
}

#endif
