/* mkstore1.c - test tool: make a schema-1 store with the schema-1 code
 * (store.c and codec.c here are prmwb's store as it was before schema 2).
 *
 * usage: mkstore1 DIR MODEL-ID < SCRIPT
 *
 * One operation a line; each prints "ok #SEQ" (the history entry written,
 * 0 for none) or "refused CODE":
 *   user NAME                  act as NAME from here on
 *   set PROCESS FIELD VALUE    store_set (VALUE: the rest of the line, \n
 *                              for a line break, \\ for a backslash)
 *   raw PROCESS FIELD VALUE    store_raw_set (no validation)
 *   undo | redo | undo N       store_undo, store_redo, store_undo_seq
 *   bulk N PROCESS FIELD       store_bulk_set (N changes, fast)
 * Exit 0 (whatever was refused), 2 on a bad line or if the store does not
 * open. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "store_internal.h"

static void unescape(char *s)
{
	char *o = s;

	for (; *s; s++) {
		if (*s == '\\' && s[1] == 'n') {
			*o++ = '\n';
			s++;
		} else if (*s == '\\' && s[1] == '\\') {
			*o++ = '\\';
			s++;
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
}

int main(int argc, char **argv)
{
	struct store *st = NULL;
	char *err = NULL, line[70000];
	int lineno = 0;

	if (argc != 3) {
		fprintf(stderr, "usage: mkstore1 DIR MODEL-ID < SCRIPT\n");
		return 2;
	}
	if (store_open(argv[1], argv[2], STORE_OPEN_CREATE, &st, &err) != STORE_OK) {
		fprintf(stderr, "mkstore1: %s\n", err ? err : "cannot open");
		return 2;
	}
	free(err);
	while (fgets(line, sizeof line, stdin)) {
		struct store_change info;
		char a[200], b[200];
		unsigned long long n;
		enum store_rc rc;
		int used = 0;

		lineno++;
		line[strcspn(line, "\n")] = '\0';
		memset(&info, 0, sizeof info);
		if (!line[0] || line[0] == '#')
			continue;
		if (sscanf(line, "user %199s", a) == 1) {
			store_set_user(st, a);
			continue;
		}
		if (sscanf(line, "set %199s %199s %n", a, b, &used) == 2 && used) {
			unescape(line + used);
			rc = store_set(st, a, b, line + used, 9999, STORE_ANY_REV, &info);
		} else if (sscanf(line, "raw %199s %199s %n", a, b, &used) == 2 && used) {
			unescape(line + used);
			rc = store_raw_set(st, a, b, line + used);
			info.seq = store_last_seq(st);
		} else if (strcmp(line, "undo") == 0) {
			rc = store_undo(st, &info);
		} else if (strcmp(line, "redo") == 0) {
			rc = store_redo(st, &info);
		} else if (sscanf(line, "undo %llu", &n) == 1) {
			rc = store_undo_seq(st, n, NULL, NULL, &info);
		} else if (sscanf(line, "bulk %llu %199s %199s", &n, a, b) == 3) {
			rc = store_bulk_set(st, a, b, n);
			info.seq = store_last_seq(st);
		} else {
			fprintf(stderr, "mkstore1: line %d: cannot read '%s'\n", lineno, line);
			store_close(st);
			return 2;
		}
		if (rc == STORE_OK)
			printf("ok #%llu\n", (unsigned long long)info.seq);
		else
			printf("refused %s\n", store_strerror(rc));
	}
	store_close(st);
	return 0;
}
