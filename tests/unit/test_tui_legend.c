/* Unit tests: the tree marks' legend (legend.h) is made from the status
 * field's values, and the last position (lastpos.h) survives garbage. */
#include "config.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "record.h"
#include "text.h"
#include "tui/lastpos.h"
#include "tui/legend.h"

Test(legend, every_status_has_its_mark_and_meaning)
{
	const struct field_def *fd = record_field("status", NULL);
	size_t n = 0;
	char **lines = legend_help_lines(20, &n);
	char buf[64];

	cr_assert_not_null(lines);
	for (size_t i = 0; fd->choices[i]; i++) {
		char mark = record_status_mark(fd->choices[i]);
		bool found = false;

		cr_assert_str_eq(legend_status(mark), fd->choices[i]);
		snprintf(buf, sizeof buf, "[%c]", mark);
		for (size_t k = 0; k < n; k++)
			found |= strncmp(lines[k], buf, 3) == 0 && strstr(lines[k], fd->choices[i]);
		cr_assert(found, "help has no line for %s", fd->choices[i]);
	}
	cr_assert_str_eq(legend_status('-'), "no status");
	cr_assert_null(legend_status('x'));
	legend_mark_line('p', buf, sizeof buf);
	cr_assert_str_eq(buf, "[p] planned");
	legend_mark_line(' ', buf, sizeof buf);
	cr_assert_str_eq(buf, "[ ] not-started");
	for (size_t k = 0; k < n; k++)
		free(lines[k]);
	free(lines);
}

static char dir[256];

static void mkstate(void)
{
	snprintf(dir, sizeof dir, "%s/prmwb-lastpos-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	cr_assert_not_null(mkdtemp(dir));
}

static void rmstate(void)
{
	char *cmd = text_printf("rm -rf '%s'", dir);
	cr_assert_eq(system(cmd), 0);
	free(cmd);
}

TestSuite(lastpos, .init = mkstate, .fini = rmstate);

static void put(const char *path, const char *bytes, mode_t mode)
{
	FILE *f = fopen(path, "w");

	cr_assert_not_null(f);
	fputs(bytes, f);
	fclose(f);
	chmod(path, mode);
}

Test(lastpos, written_and_read_per_store)
{
	char *sub = text_printf("%s/state/prmwb", dir), *err = NULL, *id, *p;
	struct stat sb;

	cr_assert(lastpos_write(sub, "/srv/a", "7.4", &err), "%s", err ? err : "");
	cr_assert(lastpos_write(sub, "/srv/b\ttab\\", "odd\x01id", &err), "%s", err ? err : "");
	id = lastpos_read(sub, "/srv/a");
	cr_assert_str_eq(id, "7.4");
	free(id);
	id = lastpos_read(sub, "/srv/b\ttab\\");
	cr_assert_str_eq(id, "odd\x01id", "escaped and back");
	free(id);
	cr_assert_null(lastpos_read(sub, "/srv/c"), "another store: nothing known");
	cr_assert_eq(stat(sub, &sb), 0);
	cr_assert_eq(sb.st_mode & 0777, 0700);
	p = lastpos_path(sub, "/srv/a");
	cr_assert_eq(stat(p, &sb), 0);
	cr_assert_eq(sb.st_mode & 0777, 0600);
	/* Written again: replaced whole. */
	cr_assert(lastpos_write(sub, "/srv/a", "8.1", &err));
	id = lastpos_read(sub, "/srv/a");
	cr_assert_str_eq(id, "8.1");
	free(id);
	free(p);
	free(sub);
}

Test(lastpos, garbage_missing_or_refused_is_nothing)
{
	char *p = lastpos_path(dir, "/srv/a"), *other = text_printf("%s/other", dir);
	static const char *const bad[] = {
		"",
		"prmwb-last 1\n",
		"prmwb-last 2\nstore /srv/a\nprocess 7.4\n",
		"prmwb-last 1\nstore /srv/a\n",
		"prmwb-last 1\nstore /srv/a\nprocess 7.4",             /* no newline at the end */
		"prmwb-last 1\nstore /srv/a\nprocess 7.4\nextra 1\n",
		"prmwb-last 1\nstore /srv/b\nprocess 7.4\n",            /* another store's */
		"prmwb-last 1\nstore /srv/a\nprocess \n",
		"prmwb-last 1\nstore /srv/a\nprocess 7.\\x0\n",
		"prmwb-last 1\nstore /srv/a\nprocess 7.\\x00\n",
		"prmwb-last 1\nstore /srv/a\nprocess 7.\x1b[2J\n",
		"prmwb-last 1\nprocess 7.4\nstore /srv/a\n",
	};

	cr_assert_null(lastpos_read(dir, "/srv/a"), "no file");
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		put(p, bad[i], 0600);
		cr_assert_null(lastpos_read(dir, "/srv/a"), "garbled file %zu read", i);
	}
	put(p, "prmwb-last 1\nstore /srv/a\nprocess 7.4\n", 0600);
	char *id = lastpos_read(dir, "/srv/a");
	cr_assert_str_eq(id, "7.4");
	free(id);
	chmod(p, 0644);
	cr_assert_null(lastpos_read(dir, "/srv/a"), "a file open to others is not read");
	unlink(p);
	put(other, "prmwb-last 1\nstore /srv/a\nprocess 7.4\n", 0600);
	cr_assert_eq(symlink(other, p), 0);
	cr_assert_null(lastpos_read(dir, "/srv/a"), "a link is not followed");
	unlink(p);
	/* A directory open to others is not written into. */
	char *err = NULL;
	chmod(dir, 0755);
	cr_assert_not(lastpos_write(dir, "/srv/a", "7.4", &err));
	cr_assert_not_null(err);
	cr_assert_not_null(strstr(err, "open to others"), "%s", err);
	free(err);
	chmod(dir, 0700);
	free(p);
	free(other);
}
