/* Unit test: what a rating key in the profile view (P) reads from the
 * store, counted without a clock: store_get is wrapped at link time
 * (-Wl,--wrap) and the real workbench runs here in script mode
 * (PRMWB_SCRIPT), a script of a few ratings against one of more. A rating
 * must read the records it changed (and the one the detail shows), not
 * every record: the profile read all of them again after each commit, so
 * a key cost as many reads as the model has processes (issue 11). */
#include "config.h"

#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "store.h"

static unsigned long gets;

enum store_rc __real_store_get(struct store *st, const char *process, struct record *out);
enum store_rc __wrap_store_get(struct store *st, const char *process, struct record *out);

enum store_rc __wrap_store_get(struct store *st, const char *process, struct record *out)
{
	gets++;
	return __real_store_get(st, process, out);
}

#define N_PROC 300

static char dir[] = "/tmp/prmwb-profile-cost.XXXXXX";
static char model[64], db[64];

/* A model of N_PROC processes in 3 categories. */
static void write_model(void)
{
	FILE *f = fopen(model, "w");

	cr_assert_not_null(f);
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	        "<prm xmlns=\"urn:prmwb:prm:1\" id=\"cost\" version=\"1\">\n"
	        "  <title>Cost</title>\n  <source>test</source>\n");
	for (int c = 1, p = 0; c <= 3; c++) {
		fprintf(f, "  <category id=\"c%d\" name=\"Category %d\">\n", c, c);
		for (int k = 1; k <= N_PROC / 3; k++, p++)
			fprintf(f, "    <process id=\"%d.%d\" name=\"Process %d\">\n"
			        "      <purpose>Purpose %d.</purpose>\n"
			        "      <outcomes><outcome n=\"1\">Done %d.</outcome></outcomes>\n"
			        "    </process>\n", c, k, p, p, p);
		fprintf(f, "  </category>\n");
	}
	fprintf(f, "</prm>\n");
	cr_assert_eq(fclose(f), 0);
}

static void setup(void)
{
	char buf[128];

	cr_assert_not_null(mkdtemp(dir));
	snprintf(model, sizeof model, "%s/model.xml", dir);
	snprintf(db, sizeof db, "%s/db", dir);
	write_model();
	snprintf(buf, sizeof buf, "%s/state", dir);
	setenv("XDG_STATE_HOME", buf, 1);
	snprintf(buf, sizeof buf, "%s/out", dir);
	setenv("PRMWB_SCRIPT_OUTPUT", buf, 1);
	setenv("TERM", "xterm", 1);
	setenv("LINES", "24", 1);
	setenv("COLUMNS", "80", 1);
}

static void teardown(void)
{
	char cmd[128];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	cr_assert_eq(system(cmd), 0);
}

/* store_get calls of the workbench on script (its lines). */
static unsigned long run(const char *script)
{
	char path[96];
	static char name[] = "tui";
	char *argv[] = { name, NULL };
	struct cli c = { 0 };
	FILE *f;
	int rc;

	snprintf(path, sizeof path, "%s/script", dir);
	f = fopen(path, "w");
	cr_assert_not_null(f);
	fputs(script, f);
	cr_assert_eq(fclose(f), 0);
	setenv("PRMWB_SCRIPT", path, 1);
	c.model_path = model;
	c.db_path = db;
	gets = 0;
	rc = cmd_tui(&c, 1, argv);
	cli_done(&c);
	cr_assert_eq(rc, 0, "workbench exit %d", rc);
	return gets;
}

TestSuite(profile_cost, .init = setup, .fini = teardown);

/* Reads per rating key, with a store that has a record already (the
 * first rating creates it). */
Test(profile_cost, rating_reads_what_changed)
{
	unsigned long few, more, per;

	run("P\nn\n");
	few = run("P\nnp\n");
	more = run("P\nnpnpnpnpnp\n");
	cr_assert_gt(more, few);
	per = (more - few) / 8;
	/* The record rated (its row, its summary) and the detail's: a few,
	 * whatever the model's size; every record would be N_PROC. */
	cr_assert_leq(per, 6, "a rating read %lu records (the model has %d processes)", per,
	              N_PROC);
}

/* Moving the cursor reads nothing. */
Test(profile_cost, moves_read_nothing)
{
	unsigned long few, more;

	run("P\nn\n");
	few = run("P\njk\n");
	more = run("P\njkjkjkjkjk\n");
	cr_assert_eq(more, few, "8 moves read %lu records", more - few);
}

/* With a filter on the owner, a commit evaluates the filter again for the
 * processes it changed: it read the record of every process with an
 * owner (the rows do not hold the owner), at each commit. */
Test(profile_cost, owner_filter_reads_what_changed)
{
	static char a0[] = "set", a1[] = "--all", a2[] = "owner", a3[] = "alice";
	char *argv[] = { a0, a1, a2, a3, NULL };
	struct cli c = { 0 };
	unsigned long few, more, per;

	int out = dup(STDOUT_FILENO), null = open("/dev/null", O_WRONLY);

	cr_assert(out >= 0 && null >= 0);
	c.model_path = model;
	c.db_path = db;
	dup2(null, STDOUT_FILENO);      /* what set says */
	cr_assert_eq(cmd_set(&c, 4, argv), 0);
	cli_done(&c);
	fflush(stdout);
	dup2(out, STDOUT_FILENO);
	close(out);
	close(null);
	few = run("Fo\n:type alice\n<Enter>\nP\nnp\n");
	more = run("Fo\n:type alice\n<Enter>\nP\nnpnpnpnpnp\n");
	cr_assert_gt(more, few);
	per = (more - few) / 8;
	cr_assert_leq(per, 6, "a rating read %lu records (the model has %d processes)", per,
	              N_PROC);
}
