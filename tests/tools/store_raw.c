/* store_raw.c - test tool: write into a store bypassing validation, as
 * another tool, an older prmwb or a damaged file could have left it. Never
 * installed; the tests use it to check that hostile record text reaches no
 * terminal raw, and that damage is reported, never a crash.
 *
 * With -n COUNT it appends COUNT changes of FIELD ("bulk 1", "bulk 2", ...)
 * through store_bulk_set instead, to build a long history quickly.
 *
 * With -x it puts one key with exactly the bytes given in hex (a value of
 * '-' deletes the key), bypassing the codec too: a value whose lengths do
 * not add up, a missing index key. Keys are hex too, in the main database,
 * or in a named one (codec.h) with its name and ':' first: "cur:7.4\0owner"
 * is cur:372e34006f776e6572.
 *
 * With -R it prints the root page, depth and entries of a database (main
 * for the main one), so that tests can damage a tree's pages on purpose.
 *
 * With -S (-Sr: opened read-only) it runs a script of operations on the
 * store (tests/tools/script.h), the same that tests/tools/v1/mkstore1 runs
 * on a schema-1 store. With -K STEP it kills itself (SIGKILL) at that step
 * of the upgrade of a schema-1 store (store_internal.h: store_upgrade_hook)
 * while opening it.
 *
 * usage: store_raw DIR MODEL-ID PROCESS FIELD VALUE
 *        store_raw -n COUNT DIR MODEL-ID PROCESS FIELD
 *        store_raw -x DIR MODEL-ID [DB:]KEY-HEX VALUE-HEX|-
 *        store_raw -R DIR MODEL-ID DB
 *        store_raw -S|-Sr DIR MODEL-ID < SCRIPT
 *        store_raw -K STEP DIR MODEL-ID
 * Exit 0 written, 1 refused by the store, 2 usage or open failure. */
#include "config.h"

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "store_internal.h"
#include "script.h"

static uint64_t kill_at;

static void kill_hook(uint64_t step)
{
	if (step == kill_at)
		raise(SIGKILL);
}

/* Hex to bytes (malloc'd, *n set); NULL if not hex. */
static unsigned char *unhex(const char *h, size_t *n)
{
	size_t len = strlen(h);
	unsigned char *b = malloc(len / 2 + 1);

	if (!b || len % 2) {
		free(b);
		return NULL;
	}
	for (size_t i = 0; i < len / 2; i++) {
		unsigned v;

		if (sscanf(h + 2 * i, "%2x", &v) != 1) {
			free(b);
			return NULL;
		}
		b[i] = (unsigned char)v;
	}
	*n = len / 2;
	return b;
}

int main(int argc, char **argv)
{
	struct store *st = NULL;
	char *err = NULL;
	enum store_rc rc;
	unsigned long long count = 0;
	unsigned char *key = NULL, *val = NULL;
	size_t klen = 0, vlen = 0;
	bool raw = false, info = false;
	char *end, db[32] = "";

	if (argc == 4 && (strcmp(argv[1], "-S") == 0 || strcmp(argv[1], "-Sr") == 0)) {
		int rc2;

		if (store_open(argv[2], argv[3], STORE_OPEN_CREATE | (argv[1][2] ? STORE_OPEN_READONLY :
		               0), &st, &err) != STORE_OK) {
			fprintf(stderr, "store_raw: %s\n", err ? err : "cannot open");
			free(err);
			return 2;
		}
		free(err);
		rc2 = run_script(st, stdin, "store_raw");
		store_close(st);
		return rc2;
	}
	if (argc == 5 && strcmp(argv[1], "-K") == 0) {
		kill_at = strtoull(argv[2], &end, 10);
		store_upgrade_hook = kill_hook;
		rc = store_open(argv[3], argv[4], 0, &st, &err);
		fprintf(stderr, "store_raw: not killed: %s\n", err ? err : store_strerror(rc));
		free(err);
		store_close(st);
		return 1;
	}
	if (argc == 7 && strcmp(argv[1], "-n") == 0) {
		count = strtoull(argv[2], &end, 10);
		if (*end || !count) {
			fprintf(stderr, "store_raw: -n wants a positive count, not '%s'\n", argv[2]);
			return 2;
		}
		argv += 2;
		argc -= 2;
		argv[5] = NULL;     /* no VALUE */
	} else if (argc == 5 && strcmp(argv[1], "-R") == 0) {
		info = true;
		argv++;
		argc--;
		snprintf(db, sizeof db, "%s", strcmp(argv[3], "main") ? argv[3] : "");
	} else if (argc == 6 && strcmp(argv[1], "-x") == 0) {
		const char *colon = strchr(argv[4], ':');

		raw = true;
		argv++;
		argc--;
		if (colon && (size_t)(colon - argv[3]) < sizeof db) {
			snprintf(db, sizeof db, "%.*s", (int)(colon - argv[3]), argv[3]);
			argv[3] += colon - argv[3] + 1;
		}
		key = unhex(argv[3], &klen);
		val = strcmp(argv[4], "-") == 0 ? NULL : unhex(argv[4], &vlen);
		if (!key || (!val && strcmp(argv[4], "-") != 0)) {
			fprintf(stderr, "store_raw: -x wants KEY and VALUE in hex\n");
			return 2;
		}
	} else if (argc != 6) {
		fprintf(stderr, "usage: store_raw DIR MODEL-ID PROCESS FIELD VALUE\n"
		        "       store_raw -n COUNT DIR MODEL-ID PROCESS FIELD\n"
		        "       store_raw -x DIR MODEL-ID [DB:]KEY-HEX VALUE-HEX|-\n"
		        "       store_raw -R DIR MODEL-ID DB\n");
		return 2;
	}
	rc = store_open(argv[1], argv[2], STORE_OPEN_CREATE, &st, &err);
	if (rc != STORE_OK) {
		fprintf(stderr, "store_raw: %s\n", err ? err : store_strerror(rc));
		free(err);
		free(key);
		free(val);
		return 2;
	}
	free(err);
	if (info) {
		uint64_t root, n;
		unsigned depth;

		rc = store_db_info(st, db, &root, &depth, &n);
		if (rc == STORE_OK)
			printf("%llu %u %llu\n", (unsigned long long)root, depth, (unsigned long long)n);
	} else if (raw)
		rc = store_raw_put_db(st, db, key, klen, val, vlen);   /* val NULL: delete */
	else
		rc = count ? store_bulk_set(st, argv[3], argv[4], count)
		           : store_raw_set(st, argv[3], argv[4], argv[5]);
	store_close(st);
	free(key);
	free(val);
	if (rc != STORE_OK) {
		fprintf(stderr, "store_raw: %s\n", store_strerror(rc));
		return 1;
	}
	return 0;
}
