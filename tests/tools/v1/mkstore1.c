/* mkstore1.c - test tool: make a schema-1 store with the schema-1 code
 * (store.c and codec.c here are prmwb's store as it was before schema 2).
 *
 * usage: mkstore1 DIR MODEL-ID < SCRIPT
 *
 * The script's operations: tests/tools/script.h. Exit 0 (whatever was
 * refused), 2 on a bad line or if the store does not open. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "store_internal.h"
#include "../script.h"

int main(int argc, char **argv)
{
	struct store *st = NULL;
	char *err = NULL;
	int rc;

	if (argc != 3) {
		fprintf(stderr, "usage: mkstore1 DIR MODEL-ID < SCRIPT\n");
		return 2;
	}
	if (store_open(argv[1], argv[2], STORE_OPEN_CREATE, &st, &err) != STORE_OK) {
		fprintf(stderr, "mkstore1: %s\n", err ? err : "cannot open");
		return 2;
	}
	free(err);
	rc = run_script(st, stdin, "mkstore1");
	store_close(st);
	return rc;
}
