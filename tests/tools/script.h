/* script.h - test tools: run a script of store operations, one a line, and
 * dump a store in one canonical text. Included by tests/tools/v1/mkstore1.c
 * (the schema-1 store) and tests/tools/store_raw.c (schema 2): the two
 * stores have the same API for all of this, so the same script run on each
 * must give the same dump (tests/e2e/cli_store_upgrade.sh). The including
 * file includes its store.h and store_internal.h first.
 *
 * Operations; each prints "ok #SEQ" (the newest history entry, 0 for
 * none) or "refused CODE":
 *   user NAME                  act as NAME from here on
 *   set PROCESS FIELD VALUE    store_set (VALUE: the rest of the line, \n
 *                              for a line break, \\ for a backslash)
 *   raw PROCESS FIELD VALUE    store_raw_set (no validation)
 *   undo | redo | undo N       store_undo, store_redo, store_undo_seq
 *   bulk N PROCESS FIELD       store_bulk_set (N changes, fast)
 *   dump | dumpnt              every record and the whole history (dumpnt:
 *                              without times and process ids, which a
 *                              second run cannot repeat)
 *   wait FILE                  wait until FILE exists (another process's
 *                              step; at most 10 minutes)
 * A line starting with # and an empty line are skipped. */
#ifndef PRMWB_TEST_SCRIPT_H
#define PRMWB_TEST_SCRIPT_H

#include <stdbool.h>
#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

static void script_unescape(char *s)
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

/* A value on one line: backslash, line breaks and control bytes escaped. */
static void script_put(const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '\\')
			fputs("\\\\", stdout);
		else if (c == '\n')
			fputs("\\n", stdout);
		else if (c < 0x20 || c == 0x7F)
			printf("\\x%02X", c);
		else
			putchar(c);
	}
}

static bool script_times = true;

static bool script_entry(const struct hist_entry *e, void *arg)
{
	(void)arg;
	printf("H #%llu ", (unsigned long long)e->seq);
	if (script_times)
		printf("time=%lld pid=%ld ", (long long)e->time, e->pid);
	printf("user=");
	script_put(e->user);
	printf(" kind=%d ref=%llu ", (int)e->kind, (unsigned long long)e->ref);
	script_put(e->process);
	putchar(' ');
	script_put(e->field);
	printf(" old=");
	script_put(e->old_value);
	printf(" new=");
	script_put(e->new_value);
	putchar('\n');
	return true;
}

static int script_dump(struct store *st)
{
	char **ids = NULL;
	size_t n = 0;

	if (store_list(st, &ids, &n) != STORE_OK)
		return 1;
	for (size_t i = 0; i < n; i++) {
		struct record r;

		if (store_get(st, ids[i], &r) != STORE_OK)
			return 1;
		printf("R ");
		script_put(r.process);
		printf(" rev=%llu", (unsigned long long)r.rev);
		if (script_times)
			printf(" time=%lld", (long long)r.time);
		printf(" user=");
		script_put(r.user);
		putchar('\n');
		for (size_t f = 0; f < r.n_fields; f++) {
			const struct field_value *fv = &r.fields[f];

			printf("F ");
			script_put(r.process);
			putchar(' ');
			script_put(fv->field);
			printf(" rev=%llu", (unsigned long long)fv->rev);
			if (script_times)
				printf(" time=%lld", (long long)fv->time);
			printf(" user=");
			script_put(fv->user);
			printf(" value=");
			script_put(fv->value);
			putchar('\n');
		}
		record_free(&r);
		free(ids[i]);
	}
	free(ids);
	printf("last #%llu\n", (unsigned long long)store_last_seq(st));
	return store_log(st, NULL, 0, script_entry, NULL) == STORE_OK ? 0 : 1;
}

/* Run the script on in; 0, or 2 on a line it cannot read. */
static int run_script(struct store *st, FILE *in, const char *tool)
{
	static char line[70000];
	int lineno = 0;

	while (fgets(line, sizeof line, in)) {
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
		if (strncmp(line, "wait ", 5) == 0) {
			fflush(stdout);
			for (int i = 0; i < 60000 && access(line + 5, F_OK) != 0; i++)
				usleep(10000);
			continue;
		}
		if (strcmp(line, "dump") == 0 || strcmp(line, "dumpnt") == 0) {
			script_times = strcmp(line, "dump") == 0;
			if (script_dump(st) != 0) {
				fprintf(stderr, "%s: line %d: cannot read the store\n", tool, lineno);
				return 2;
			}
			continue;
		}
		if (sscanf(line, "set %199s %199s %n", a, b, &used) == 2 && used) {
			script_unescape(line + used);
			rc = store_set(st, a, b, line + used, 9999, STORE_ANY_REV, &info);
		} else if (sscanf(line, "raw %199s %199s %n", a, b, &used) == 2 && used) {
			script_unescape(line + used);
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
			fprintf(stderr, "%s: line %d: cannot read '%s'\n", tool, lineno, line);
			return 2;
		}
		if (rc == STORE_OK)
			printf("ok #%llu\n", (unsigned long long)info.seq);
		else
			printf("refused %s\n", store_strerror(rc));
	}
	return 0;
}

#endif
