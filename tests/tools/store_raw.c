/* store_raw.c - test tool: write a field value into a store bypassing
 * validation (store_raw_set), as another tool, an older prmwb or a damaged
 * file could have left it. Never installed; the tests use it to check that
 * hostile record text reaches no terminal raw.
 *
 * usage: store_raw DIR MODEL-ID PROCESS FIELD VALUE
 * Exit 0 written, 1 refused by the store, 2 usage or open failure. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "store.h"
#include "store_internal.h"

int main(int argc, char **argv)
{
	struct store *st = NULL;
	char *err = NULL;
	enum store_rc rc;

	if (argc != 6) {
		fprintf(stderr, "usage: store_raw DIR MODEL-ID PROCESS FIELD VALUE\n");
		return 2;
	}
	rc = store_open(argv[1], argv[2], STORE_OPEN_CREATE, &st, &err);
	if (rc != STORE_OK) {
		fprintf(stderr, "store_raw: %s\n", err ? err : store_strerror(rc));
		free(err);
		return 2;
	}
	free(err);
	rc = store_raw_set(st, argv[3], argv[4], argv[5]);
	store_close(st);
	if (rc != STORE_OK) {
		fprintf(stderr, "store_raw: %s %s: %s\n", argv[3], argv[4], store_strerror(rc));
		return 1;
	}
	return 0;
}
