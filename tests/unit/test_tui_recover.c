/* Unit tests: recovery files of unsaved workbench text (format, parsing of
 * hostile files, writing atomically with private permissions, listing per
 * store, refusing files and directories others could have planted). */
#include "config.h"

#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tui/recover.h"

static char tmp[256];

static void setup(void)
{
	const char *base = getenv("TMPDIR");

	snprintf(tmp, sizeof tmp, "%s/prmwb-recover.XXXXXX", base && *base ? base : "/tmp");
	cr_assert_not_null(mkdtemp(tmp), "mkdtemp");
}

static void teardown(void)
{
	char cmd[600];

	snprintf(cmd, sizeof cmd, "chmod -R u+rwx '%s' 2>/dev/null; rm -rf '%s'", tmp, tmp);
	if (tmp[0] && system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", tmp);
}

TestSuite(recover, .init = setup, .fini = teardown);

/* A recovery whose strings are copies (recover_free frees them). */
static struct recovery sample(const char *store, const char *text, int64_t t)
{
	struct recovery r;

	memset(&r, 0, sizeof r);
	r.store = strdup(store);
	r.model = strdup("iso27022");
	r.process = strdup("7.4");
	r.field = strdup("notes");
	r.base = 12;
	r.editor = RECOVER_EXTERNAL;
	r.pid = 4242;
	r.time = t;
	r.user = strdup("alice");
	r.reason = strdup("ended by SIGHUP");
	r.text = strdup(text);
	r.len = strlen(text);
	return r;
}

/* Parse s (n bytes; -1: strlen) and expect a refusal whose message holds want. */
static void refused(const char *s, size_t n, const char *want)
{
	struct recovery r;
	char *err = NULL;

	if (n == (size_t)-1)
		n = strlen(s);
	cr_assert_not(recover_parse(s, n, &r, &err), "accepted: %s", s);
	cr_assert_not_null(err);
	cr_assert_not_null(strstr(err, want), "message '%s' lacks '%s'", err, want);
	free(err);
	recover_free(&r);
}

#define HEAD "prmwb-recovery 1\nstore /s\nmodel m\nprocess 7.4\nfield notes\nbase 3\neditor line\n"

Test(recover, round_trip_of_hostile_contents)
{
	/* Every byte but NUL in the text; header values with line breaks,
	 * backslashes, escape sequences and DEL. */
	char text[255];
	struct recovery r, back;
	char *buf, *err = NULL;
	size_t len;

	for (int i = 0; i < 255; i++)
		text[i] = (char)(i + 1);
	r = sample("/srv/a b\\c\nd", "", 1767225600);
	free(r.text);
	r.text = malloc(sizeof text + 1);
	memcpy(r.text, text, sizeof text);
	r.text[sizeof text] = '\0';
	r.len = sizeof text;
	free(r.user);
	r.user = strdup("ev\x1b]0;x\x07il\x7f\\x41");
	free(r.reason);
	r.reason = strdup("two\nlines");
	buf = recover_format(&r, &len);
	cr_assert_not_null(buf);
	/* The header is plain lines: no raw control byte before the text. */
	char *body = strstr(buf, "\n\n");
	cr_assert_not_null(body);
	for (char *p = buf; p < body; p++)
		cr_assert((unsigned char)*p >= 0x20 || *p == '\n', "raw control byte in the header");
	cr_assert(recover_parse(buf, len, &back, &err), "%s", err ? err : "");
	cr_assert_str_eq(back.store, r.store);
	cr_assert_str_eq(back.user, r.user);
	cr_assert_str_eq(back.reason, r.reason);
	cr_assert_str_eq(back.model, "iso27022");
	cr_assert_str_eq(back.process, "7.4");
	cr_assert_str_eq(back.field, "notes");
	cr_assert_eq(back.base, 12);
	cr_assert_eq(back.editor, RECOVER_EXTERNAL);
	cr_assert_eq(back.pid, 4242);
	cr_assert_eq(back.time, 1767225600);
	cr_assert_eq(back.len, sizeof text);
	cr_assert(memcmp(back.text, text, sizeof text) == 0);
	free(buf);
	recover_free(&back);
	recover_free(&r);
}

Test(recover, exact_format)
{
	struct recovery r = sample("/db", "a\nb", 0);
	char *buf;
	size_t len;

	r.pid = 0;
	free(r.user);
	r.user = strdup("");
	r.editor = RECOVER_LINE;
	buf = recover_format(&r, &len);
	cr_assert_str_eq(buf, "prmwb-recovery 1\nstore /db\nmodel iso27022\nprocess 7.4\n"
	                 "field notes\nbase 12\neditor line\nreason ended by SIGHUP\n"
	                 "length 3\n\na\nb");
	cr_assert_eq(len, strlen(buf));
	free(buf);
	recover_free(&r);
}

Test(recover, optional_keys_default_empty)
{
	struct recovery r;
	char *err = NULL;

	const char *f = HEAD "length 2\n\nhi";

	cr_assert(recover_parse(f, strlen(f), &r, &err), "%s", err ? err : "");
	cr_assert_str_eq(r.text, "hi");
	cr_assert_str_eq(r.user, "");
	cr_assert_str_eq(r.reason, "");
	cr_assert_eq(r.pid, 0);
	cr_assert_eq(r.editor, RECOVER_LINE);
	cr_assert_eq(r.base, 3);
	recover_free(&r);
}

Test(recover, hostile_files_are_refused)
{
	refused("", 0, "not a prmwb recovery file");
	refused("prmwb-recovery 2\n", (size_t)-1, "not a prmwb recovery file");
	refused("#!/bin/sh\nrm -rf /\n", (size_t)-1, "not a prmwb recovery file");
	refused(HEAD "length 2\nhi", (size_t)-1, "header does not end");
	refused(HEAD "length 2", (size_t)-1, "header does not end");
	refused(HEAD "length 2\nshell rm -rf /\n\nhi", (size_t)-1, "line 9: unknown key 'shell'");
	refused(HEAD "length 2\nnospace\n\nhi", (size_t)-1, "unknown key 'nospace'");
	refused(HEAD "field owner\nlength 2\n\nhi", (size_t)-1, "line 8: field given twice");
	refused("prmwb-recovery 1\nstore /s\nmodel m\nfield notes\nbase 3\neditor line\n"
	        "length 2\n\nhi", (size_t)-1, "no process in the header");
	refused(HEAD "\n\nhi", (size_t)-1, "no length");
	refused(HEAD "length 3\n\nhi", (size_t)-1, "the text is 2 bytes, the header says 3");
	refused(HEAD "length 1\n\nhi", (size_t)-1, "the text is 2 bytes, the header says 1");
	refused(HEAD "length -1\n\nhi", (size_t)-1, "length must be a number");
	refused(HEAD "length 02\n\nhi", (size_t)-1, "length must be a number");
	refused(HEAD "length 99999999999999999999999\n\nhi", (size_t)-1, "length must be");
	refused(HEAD "length 16777217\n\nhi", (size_t)-1, "up to 16777216");
	refused(HEAD "length 3\n\nh\0i", sizeof(HEAD "length 3\n\nh\0i") - 1, "NUL byte");
	refused("prmwb-recovery 1\nstore relative/db\nmodel m\nprocess 7.4\nfield notes\n"
	        "base 3\neditor line\nlength 0\n\n", (size_t)-1, "absolute path");
	refused("prmwb-recovery 1\nstore /s\nmodel m\nprocess 7.4\nfield passwd\n"
	        "base 3\neditor line\nlength 0\n\n", (size_t)-1, "'passwd' is not a record field");
	refused("prmwb-recovery 1\nstore /s\nmodel m\nprocess 7.4\nfield notes\n"
	        "base x\neditor line\nlength 0\n\n", (size_t)-1, "base must be a revision");
	refused("prmwb-recovery 1\nstore /s\nmodel m\nprocess 7.4\nfield notes\n"
	        "base 3\neditor vi\nlength 0\n\n", (size_t)-1, "editor must be");
	refused("prmwb-recovery 1\nstore /s\nmodel m\nprocess \nfield notes\n"
	        "base 3\neditor line\nlength 0\n\n", (size_t)-1, "process must be one non-empty line");
	refused("prmwb-recovery 1\nstore /s\nmodel m\nprocess a\\nb\nfield notes\n"
	        "base 3\neditor line\nlength 0\n\n", (size_t)-1, "process must be one non-empty line");
	refused(HEAD "user a\x1b[2Jb\nlength 0\n\n", (size_t)-1, "user holds a raw control character");
	refused(HEAD "user a\\q\nlength 0\n\n", (size_t)-1, "user holds a backslash not followed");
	refused(HEAD "user a\\x0\nlength 0\n\n", (size_t)-1, "user holds a backslash not followed");
	refused(HEAD "user a\\x00\nlength 0\n\n", (size_t)-1, "escaped NUL");
	refused(HEAD "pid 12x\nlength 0\n\n", (size_t)-1, "pid must be a number");
}

static mode_t mode_of(const char *p)
{
	struct stat sb;

	cr_assert_eq(lstat(p, &sb), 0, "%s: %s", p, strerror(errno));
	return sb.st_mode & 07777;
}

Test(recover, write_creates_private_dir_and_file_atomically)
{
	char dir[400], *err = NULL;
	struct recovery r = sample("/db", "my text\n", 1767225600), back;
	mode_t old = umask(0);      /* a careless umask changes nothing */

	snprintf(dir, sizeof dir, "%s/state/prmwb", tmp);
	cr_assert(recover_write(dir, &r, &err), "%s", err ? err : "");
	umask(old);
	cr_assert_eq(mode_of(dir), 0700);
	char parent[400];
	snprintf(parent, sizeof parent, "%s/state", tmp);
	cr_assert_eq(mode_of(parent), 0700);
	cr_assert_not_null(r.path);
	cr_assert_not_null(strstr(r.path, "/recover-20260101T000000Z-"), "%s", r.path);
	cr_assert_eq(mode_of(r.path), 0600);
	cr_assert(recover_read(r.path, &back, &err), "%s", err ? err : "");
	cr_assert_str_eq(back.text, "my text\n");
	cr_assert_str_eq(back.path, r.path);
	/* No temporary file left behind. */
	char cmd[600];
	snprintf(cmd, sizeof cmd, "ls -A '%s' | grep -q tmp", dir);
	cr_assert_neq(system(cmd), 0, "a temporary file was left");
	cr_assert(recover_remove(&back));
	cr_assert_eq(access(r.path, F_OK), -1);
	cr_assert(recover_remove(&back), "a file already gone counts as removed");
	recover_free(&back);
	recover_free(&r);
}

Test(recover, list_per_store_oldest_first)
{
	char dir[400], *err = NULL, *ref = NULL;
	struct recovery a = sample("/db1", "second", 2000), b = sample("/db2", "other", 1000),
	                c = sample("/db1", "first", 1000), *v;
	size_t n, nref;

	snprintf(dir, sizeof dir, "%s/prmwb", tmp);
	cr_assert(recover_list(dir, "/db1", &v, &n, &nref, &ref, &err), "missing dir is none");
	cr_assert_eq(n, 0);
	cr_assert(recover_write(dir, &a, &err));
	cr_assert(recover_write(dir, &b, &err));
	cr_assert(recover_write(dir, &c, &err));
	cr_assert(recover_list(dir, "/db1", &v, &n, &nref, &ref, &err), "%s", err ? err : "");
	cr_assert_eq(n, 2);
	cr_assert_eq(nref, 0);
	cr_assert_str_eq(v[0].text, "first");
	cr_assert_str_eq(v[1].text, "second");
	recover_list_free(v, n);
	recover_free(&a);
	recover_free(&b);
	recover_free(&c);
}

Test(recover, wrong_permissions_are_refused)
{
	char dir[400], link[500], planted[500], *err = NULL, *ref = NULL;
	struct recovery a = sample("/db", "mine", 1000), back, *v;
	size_t n, nref;
	FILE *f;

	snprintf(dir, sizeof dir, "%s/prmwb", tmp);
	cr_assert(recover_write(dir, &a, &err));

	/* A file open to others: refused, counted, named. */
	cr_assert_eq(chmod(a.path, 0644), 0);
	cr_assert_not(recover_read(a.path, &back, &err));
	cr_assert_not_null(strstr(err, "open to others (mode 0644)"), "%s", err);
	free(err);
	recover_free(&back);
	cr_assert(recover_list(dir, "/db", &v, &n, &nref, &ref, &err));
	cr_assert_eq(n, 0);
	cr_assert_eq(nref, 1);
	cr_assert_not_null(strstr(ref, a.path), "%s", ref);
	free(ref);
	recover_list_free(v, n);
	cr_assert_eq(chmod(a.path, 0600), 0);

	/* A symbolic link (to a file of the right format) is not followed. */
	snprintf(link, sizeof link, "%s/recover-20990101T000000Z-1-0", dir);
	cr_assert_eq(symlink(a.path, link), 0);
	cr_assert_not(recover_read(link, &back, &err));
	cr_assert_not_null(strstr(err, "symbolic link"), "%s", err);
	free(err);
	recover_free(&back);
	cr_assert(recover_list(dir, "/db", &v, &n, &nref, &ref, &err));
	cr_assert_eq(n, 1);
	cr_assert_eq(nref, 1);
	free(ref);
	recover_list_free(v, n);
	unlink(link);

	/* A file of another user (only root can make one). */
	if (geteuid() == 0) {
		snprintf(planted, sizeof planted, "%s/recover-20990101T000000Z-2-0", dir);
		f = fopen(planted, "w");
		cr_assert_not_null(f);
		fputs(HEAD "length 0\n\n", f);
		fclose(f);
		cr_assert_eq(chmod(planted, 0600), 0);
		cr_assert_eq(chown(planted, 65534, 65534), 0);
		cr_assert_not(recover_read(planted, &back, &err));
		cr_assert_not_null(strstr(err, "belongs to another user"), "%s", err);
		free(err);
		recover_free(&back);
		unlink(planted);
	}

	/* A directory open to others: nothing read, nothing written. */
	cr_assert_eq(chmod(dir, 0755), 0);
	cr_assert_not(recover_list(dir, "/db", &v, &n, &nref, &ref, &err));
	cr_assert_not_null(strstr(err, "open to others (mode 0755)"), "%s", err);
	free(err);
	cr_assert_not(recover_write(dir, &a, &err));
	cr_assert_not_null(strstr(err, "open to others"), "%s", err);
	free(err);
	cr_assert_eq(chmod(dir, 0700), 0);

	/* A directory that is a link (e.g. to one others can read). */
	snprintf(link, sizeof link, "%s/linked", tmp);
	cr_assert_eq(symlink(dir, link), 0);
	cr_assert_not(recover_write(link, &a, &err));
	cr_assert_not_null(strstr(err, "symbolic link"), "%s", err);
	free(err);
	cr_assert_not(recover_list(link, "/db", &v, &n, &nref, &ref, &err));
	free(err);
	recover_free(&a);
}

Test(recover, garbage_file_is_refused_not_listed)
{
	char dir[400], p[500], *err = NULL, *ref = NULL;
	struct recovery a = sample("/db", "mine", 1000), *v;
	size_t n, nref;
	FILE *f;

	snprintf(dir, sizeof dir, "%s/prmwb", tmp);
	cr_assert(recover_write(dir, &a, &err));
	snprintf(p, sizeof p, "%s/recover-garbage", dir);
	f = fopen(p, "w");
	fputs("prmwb-recovery 1\nstore /db\n\x1b[2J", f);
	fclose(f);
	chmod(p, 0600);
	/* Other names (an editor's backup, a temporary file) are not looked at. */
	snprintf(p, sizeof p, "%s/.tmp-recover-x", dir);
	f = fopen(p, "w");
	fputs("junk", f);
	fclose(f);
	cr_assert(recover_list(dir, "/db", &v, &n, &nref, &ref, &err));
	cr_assert_eq(n, 1);
	cr_assert_eq(nref, 1);
	cr_assert_not_null(strstr(ref, "recover-garbage"), "%s", ref);
	free(ref);
	recover_list_free(v, n);
	recover_free(&a);
}

Test(recover, where_and_store_key)
{
	char *d, *k1, *k2, cwd[512], dbdir[500];

	setenv("XDG_STATE_HOME", "/x/state", 1);
	setenv("HOME", "/home/u", 1);
	d = recover_dir();
	cr_assert_str_eq(d, "/x/state/prmwb");
	free(d);
	setenv("XDG_STATE_HOME", "relative", 1);    /* invalid: ignored */
	d = recover_dir();
	cr_assert_str_eq(d, "/home/u/.local/state/prmwb");
	free(d);
	unsetenv("XDG_STATE_HOME");
	d = recover_dir();
	cr_assert_str_eq(d, "/home/u/.local/state/prmwb");
	free(d);

	cr_assert_not_null(getcwd(cwd, sizeof cwd));
	snprintf(dbdir, sizeof dbdir, "%s/db", tmp);
	cr_assert_eq(mkdir(dbdir, 0700), 0);
	cr_assert_eq(chdir(tmp), 0);
	k1 = recover_store_key("db");
	k2 = recover_store_key(dbdir);
	cr_assert_str_eq(k1, k2);
	cr_assert_eq(k1[0], '/');
	free(k1);
	free(k2);
	k1 = recover_store_key("not-yet");
	cr_assert_eq(k1[0], '/');
	cr_assert_not_null(strstr(k1, "/not-yet"));
	free(k1);
	cr_assert_eq(chdir(cwd), 0);
}
