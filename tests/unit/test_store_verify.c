/* Unit tests: store_verify() of a schema-2 store - a sound store passes;
 * each kind of damage to the keys (written with store_raw_put_db, as a
 * broken disk or another tool could leave them) is reported, naming the
 * key; damage to data.mdb's pages is reported by page without LMDB
 * reading the file. (Schema-1 stores: tests/e2e/cli_store_upgrade.sh.) */
#include "config.h"

#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "codec.h"
#include "store_util.h"

TestSuite(store_verify, .init = tmp_setup, .fini = tmp_teardown);

struct found {
	char text[8192];
	size_t n;
};

static bool collect(const char *where, const char *what, void *arg)
{
	struct found *f = arg;
	size_t len = strlen(f->text);

	snprintf(f->text + len, sizeof f->text - len, "%s: %s\n", where, what);
	f->n++;
	return true;
}

/* A small store: two users, changes, an undo, a redo, an undo, a change
 * set of two fields, a baseline. Users get ids 1 (alice) and 2 (bob);
 * fields 1 (7.4 owner), 2 (7.4 status), 3 (7.3 notes), 4 (7.4 notes),
 * 5 (7.5 owner). */
static void make_store(void)
{
	struct store *st = open_db(0);
	struct store_change info;
	struct store_edit e[2] = {
		{ "7.4", "notes", "n", 3, STORE_ANY_REV, NULL, 0 },
		{ "7.5", "owner", "o", 3, STORE_ANY_REV, NULL, 0 },
	};

	store_set_user(st, "alice");
	cr_assert_eq(store_set(st, "7.4", "owner", "alice", 3, STORE_ANY_REV, NULL), STORE_OK);
	cr_assert_eq(store_set(st, "7.4", "status", "planned", 3, STORE_ANY_REV, NULL), STORE_OK);
	store_set_user(st, "bob");
	cr_assert_eq(store_set(st, "7.3", "notes", "a\nb", 3, STORE_ANY_REV, NULL), STORE_OK);
	cr_assert_eq(store_undo(st, &info), STORE_OK);          /* #4 undoes #3 */
	cr_assert_eq(store_redo(st, &info), STORE_OK);          /* #5 redoes #3 */
	store_set_user(st, "alice");
	cr_assert_eq(store_undo(st, &info), STORE_OK);          /* #6 undoes #2 */
	cr_assert_eq(store_set_many(st, e, 2, NULL, NULL, NULL, NULL), STORE_OK); /* #7, #8 */
	cr_assert_eq(store_baseline_create(st, "b1", "note", NULL), STORE_OK);     /* #9 */
	store_close(st);
}

/* Apply one raw put into database db (NULL: the main one; vlen SIZE_MAX:
 * delete) and verify. */
static enum store_rc damage_db(const char *db, const void *k, size_t klen, const void *v,
                               size_t vlen, struct found *f)
{
	struct store *st = open_db(0);
	char *err = NULL;
	enum store_rc rc;

	cr_assert_eq(store_raw_put_db(st, db, k, klen, vlen == SIZE_MAX ? NULL : v,
	                              vlen == SIZE_MAX ? 0 : vlen), STORE_OK);
	store_close(st);
	memset(f, 0, sizeof *f);
	rc = store_verify(tmp_db, collect, f, NULL, &err);
	free(err);
	return rc;
}

static enum store_rc damage_and_verify(const void *k, size_t klen, const void *v, size_t vlen,
                                       struct found *f)
{
	return damage_db(NULL, k, klen, v, vlen, f);
}

static void expect_found(const struct found *f, const char *text)
{
	cr_expect(strstr(f->text, text) != NULL, "'%s' not in:\n%s", text, f->text);
}

Test(store_verify, sound_store_passes)
{
	struct store_verify_stats stats;
	struct found f = { 0 };
	char *err = NULL;

	make_store();
	cr_assert_eq(store_verify(tmp_db, collect, &f, &stats, &err), STORE_OK, "%s", f.text);
	cr_expect_eq(f.n, 0);
	cr_expect_eq(stats.history, 9);
	cr_expect_eq(stats.records, 3);
	cr_expect_eq(stats.schema, 2);
	cr_expect_eq(strlen(stats.uuid), 36);
	cr_expect_str_eq(stats.model, "m1");
	cr_expect_gt(stats.pages, 2);
	cr_expect_null(err);
}

Test(store_verify, missing_store)
{
	char *err = NULL;
	struct found f = { 0 };

	cr_expect_eq(store_verify(tmp_db, collect, &f, NULL, &err), STORE_NOTFOUND);
	cr_expect_not_null(err);
	free(err);
}

Test(store_verify, value_that_cannot_be_decoded)
{
	struct found f;
	struct cbuf k = { 0 };
	static const unsigned char bad[] = { 1, 1, 1, 0x85, 0, 'a' };

	make_store();
	key2_cur(&k, "7.4", "owner");
	cr_expect_eq(damage_db("cur", k.p, k.n, bad, sizeof bad, &f), STORE_DAMAGED);
	expect_found(&f, "cur/7.4 owner: the field's value cannot be decoded (6 bytes)");
	cbuf_free(&k);
	key2_hist(&k, 3);
	cr_expect_eq(damage_db("hist", k.p, k.n, "xy", 2, &f), STORE_DAMAGED);
	expect_found(&f, "hist/#3: the history entry cannot be decoded (2 bytes)");
	cbuf_free(&k);
}

Test(store_verify, missing_version_and_stack_keys)
{
	struct found f;
	struct cbuf k = { 0 };

	make_store();
	key2_fhist(&k, 1, 1);
	cr_expect_eq(damage_db("fhist", k.p, k.n, NULL, SIZE_MAX, &f), STORE_DAMAGED);
	expect_found(&f, "hist/#1: has no version of its field (fhist/field 1 #1)");
	cbuf_free(&k);
	key2_undo(&k, 2, 3);
	cr_expect_eq(damage_db("undo", k.p, k.n, NULL, SIZE_MAX, &f), STORE_DAMAGED);
	expect_found(&f, "undo: 2 change sets are on undo stacks; the history puts 3 there");
	cbuf_free(&k);
	key2_aux_id(&k, 'D', 2);
	cr_expect_eq(damage_db("aux", k.p, k.n, NULL, SIZE_MAX, &f), STORE_DAMAGED);
	expect_found(&f, "aux: 0 changes are marked undone (D); the history undid 1");
	cbuf_free(&k);
	key2_aux_name(&k, 'B', "b1");
	cr_expect_eq(damage_db("aux", k.p, k.n, NULL, SIZE_MAX, &f), STORE_DAMAGED);
	expect_found(&f, "hist/#9: baseline 'b1' has no key B naming this entry");
	cbuf_free(&k);
}

Test(store_verify, stacks_that_name_the_wrong_entries)
{
	struct found f;
	struct cbuf k = { 0 }, v = { 0 };

	make_store();
	key2_undo(&k, 2, 1);                   /* #1 is alice's */
	cr_expect_eq(damage_db("undo", k.p, k.n, "", 0, &f), STORE_DAMAGED);
	expect_found(&f, "undo/user 2 set #1: names a change set of another user");
	cbuf_free(&k);
	key2_undo(&k, 1, 2);                   /* #2 is undone */
	cr_expect_eq(damage_db("undo", k.p, k.n, "", 0, &f), STORE_DAMAGED);
	expect_found(&f, "undo/user 1 set #2: names #2, which is not a change set on the undo "
	             "stack as the history gives it");
	cbuf_free(&k);
	key2_redo(&k, 1, 5);                   /* #5 is bob's redo, not an undo */
	cr_expect_eq(damage_db("aux", k.p, k.n, "", 0, &f), STORE_DAMAGED);
	expect_found(&f, "aux/redo: user 1 set #5: names #5, which is not an undo on this "
	             "user's redo stack");
	cbuf_free(&k);
	key2_aux_id(&k, 'D', 1);               /* #1 is in effect */
	cbuf_ou(&v, 6);
	cr_expect_eq(damage_db("aux", k.p, k.n, v.p, v.n, &f), STORE_DAMAGED);
	expect_found(&f, "aux/undone #1: says #1 was undone by #6; the history says it is in "
	             "effect");
	cbuf_free(&k);
	cbuf_free(&v);
}

Test(store_verify, field_that_disagrees_with_its_history)
{
	struct found f;
	struct cbuf k = { 0 }, v = { 0 };
	struct cur2 c = { 1, 1, 1, 12345, 1, 0, 0, "alice", "mallory" };
	struct fver fv = { 6, 0, 0, "wrong" };

	make_store();
	key2_cur(&k, "7.4", "owner");
	cur2_encode(&v, &c);
	cr_expect_eq(damage_db("cur", k.p, k.n, v.p, v.n, &f), STORE_DAMAGED);
	expect_found(&f, "cur/7.4 owner: its value, revision or origin is not the one its newest "
	             "entry (#1) wrote");
	expect_found(&f, "cur/7.4 owner: its writer or time is not that of its newest entry (#1)");
	cbuf_free(&k);
	cbuf_free(&v);
	/* a field state whose id names another field */
	key2_cur(&k, "6.1", "owner");
	c.value = "x";
	cur2_encode(&v, &c);
	cr_expect_eq(damage_db("cur", k.p, k.n, v.p, v.n, &f), STORE_DAMAGED);
	expect_found(&f, "cur/6.1 owner: its field id 1 names another field");
	cbuf_free(&k);
	cbuf_free(&v);
	/* an undo that does not give back the value from before the change */
	key2_fhist(&k, 2, 6);
	fver_encode(&v, 6, &fv);
	cr_expect_eq(damage_db("fhist", k.p, k.n, v.p, v.n, &f), STORE_DAMAGED);
	expect_found(&f, "hist/#6: an undo must give back the value, revision and origin from "
	             "before #2");
	cbuf_free(&k);
	cbuf_free(&v);
}

Test(store_verify, history_with_a_gap)
{
	struct found f;
	struct cbuf k = { 0 };

	make_store();
	key2_hist(&k, 4);
	cr_expect_eq(damage_db("hist", k.p, k.n, NULL, SIZE_MAX, &f), STORE_DAMAGED);
	expect_found(&f, "hist/#5: the history jumps from #3 to #5: entries are missing");
	cbuf_free(&k);
}

/* The time index names an older entry than the newest. */
Test(store_verify, wrong_time_index)
{
	struct found f;
	struct cbuf k = { 0 }, v = { 0 };
	struct store *st;
	uint64_t root, n;
	unsigned depth;

	make_store();
	st = open_db(0);
	cr_assert_eq(store_db_info(st, "time", &root, &depth, &n), STORE_OK);
	store_close(st);
	cr_expect_gt(n, 0);
	cbuf_ou(&k, (uint64_t)time(NULL) + 100000);
	cbuf_ou(&v, 3);
	cr_expect_eq(damage_db("time", k.p, k.n, v.p, v.n, &f), STORE_DAMAGED);
	expect_found(&f, "time: holds ");
	expect_found(&f, " times; the history's times give ");
	cbuf_free(&k);
	cbuf_free(&v);
}

Test(store_verify, unknown_key_and_schema)
{
	struct found f;

	make_store();
	cr_expect_eq(damage_and_verify("z/what", 6, "", 0, &f), STORE_DAMAGED);
	expect_found(&f, "z/what: a key this prmwb does not know");
	cr_expect_eq(damage_and_verify("m/seq", 5, "\0\0\0\0\0\0\0\7", 8, &f), STORE_DAMAGED);
	expect_found(&f, "m/seq: must be \"schema version 2\"");
	cr_expect_eq(damage_db("aux", "Zq", 2, "", 0, &f), STORE_DAMAGED);
	expect_found(&f, "aux/Zq: a key this prmwb does not know");
	cr_expect_eq(damage_and_verify("m/schema", 8, "7", 1, &f), STORE_DAMAGED);
	expect_found(&f, "m/schema: is not a schema version this prmwb reads (1 or 2)");
}

/* Page damage: found by reading the file, without LMDB (which would
 * fault); a symbolic link is never followed. */
Test(store_verify, damaged_pages_and_links)
{
	struct found f = { 0 };
	char data[500], link[500], *err = NULL;
	int fd;
	long ps = sysconf(_SC_PAGESIZE);
	struct stat s;
	enum store_rc rc;

	make_store();
	snprintf(data, sizeof data, "%s/data.mdb", tmp_db);
	cr_assert_eq(stat(data, &s), 0);
	/* garbage over every page after the meta pages: no LMDB read survives */
	fd = open(data, O_WRONLY);
	cr_assert_geq(fd, 0);
	for (off_t off = 2 * ps; off < s.st_size; off += 512)
		cr_assert_eq(pwrite(fd, "\xff\x7f\xff\x7f\xff\x7f\xff\x7f\xff\x7f\xff\x7f\xff\x7f"
		                    "\xff\x7f", 16, off), 16);
	close(fd);
	rc = store_verify(tmp_db, collect, &f, NULL, &err);
	cr_expect_eq(rc, STORE_DAMAGED, "%s", f.text);
	expect_found(&f, "page ");
	cr_expect_null(err);
	/* cut short: named as such */
	cr_assert_eq(truncate(data, 3 * ps), 0);
	memset(&f, 0, sizeof f);
	cr_expect_eq(store_verify(tmp_db, collect, &f, NULL, &err), STORE_DAMAGED);
	expect_found(&f, "the file was cut short");
	/* a link instead of data.mdb: reported, not followed */
	snprintf(link, sizeof link, "%s/elsewhere", tmp_dir);
	cr_assert_eq(rename(data, link), 0);
	cr_assert_eq(symlink(link, data), 0);
	memset(&f, 0, sizeof f);
	cr_expect_eq(store_verify(tmp_db, collect, &f, NULL, &err), STORE_INVALID);
	expect_found(&f, "is a symbolic link");
	free(err);
}
