/* store_raw.c - test tool: write a field value into a store bypassing
 * validation (store_raw_set), as another tool, an older prmwb or a damaged
 * file could have left it. Never installed; the tests use it to check that
 * hostile record text reaches no terminal raw.
 *
 * With -n COUNT it appends COUNT changes of FIELD ("bulk 1", "bulk 2", ...)
 * through store_bulk_set instead, to build a long history quickly.
 *
 * usage: store_raw DIR MODEL-ID PROCESS FIELD VALUE
 *        store_raw -n COUNT DIR MODEL-ID PROCESS FIELD
 * Exit 0 written, 1 refused by the store, 2 usage or open failure. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "store_internal.h"

int main(int argc, char **argv)
{
	struct store *st = NULL;
	char *err = NULL;
	enum store_rc rc;
	unsigned long long count = 0;
	char *end;

	if (argc == 7 && strcmp(argv[1], "-n") == 0) {
		count = strtoull(argv[2], &end, 10);
		if (*end || !count) {
			fprintf(stderr, "store_raw: -n wants a positive count, not '%s'\n", argv[2]);
			return 2;
		}
		argv += 2;
		argc -= 2;
		argv[5] = NULL;     /* no VALUE */
	} else if (argc != 6) {
		fprintf(stderr, "usage: store_raw DIR MODEL-ID PROCESS FIELD VALUE\n"
		        "       store_raw -n COUNT DIR MODEL-ID PROCESS FIELD\n");
		return 2;
	}
	rc = store_open(argv[1], argv[2], STORE_OPEN_CREATE, &st, &err);
	if (rc != STORE_OK) {
		fprintf(stderr, "store_raw: %s\n", err ? err : store_strerror(rc));
		free(err);
		return 2;
	}
	free(err);
	rc = count ? store_bulk_set(st, argv[3], argv[4], count)
	           : store_raw_set(st, argv[3], argv[4], argv[5]);
	store_close(st);
	if (rc != STORE_OK) {
		fprintf(stderr, "store_raw: %s %s: %s\n", argv[3], argv[4], store_strerror(rc));
		return 1;
	}
	return 0;
}
