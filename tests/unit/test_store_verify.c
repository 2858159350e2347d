/* Unit tests: store_verify() - a sound store passes; each kind of damage
 * to the keys (written with store_raw_put, as a broken disk or another tool
 * could leave them) is reported, naming the key; damage to data.mdb's
 * pages is reported by page without LMDB reading the file. */
#include "config.h"

#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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

/* A small store: two users, a change set, an undo, a redo, an undo. */
static void make_store(void)
{
	struct store *st = open_db(0);
	struct store_change info;

	store_set_user(st, "alice");
	cr_assert_eq(store_set(st, "7.4", "owner", "alice", 3, STORE_ANY_REV, NULL), STORE_OK);
	cr_assert_eq(store_set(st, "7.4", "status", "planned", 3, STORE_ANY_REV, NULL), STORE_OK);
	store_set_user(st, "bob");
	cr_assert_eq(store_set(st, "7.3", "notes", "a\nb", 3, STORE_ANY_REV, NULL), STORE_OK);
	cr_assert_eq(store_undo(st, &info), STORE_OK);          /* #4 undoes #3 */
	cr_assert_eq(store_redo(st, &info), STORE_OK);          /* #5 redoes #3 */
	store_set_user(st, "alice");
	cr_assert_eq(store_undo(st, &info), STORE_OK);          /* #6 undoes #2 */
	store_close(st);
}

/* Apply one raw put (vlen SIZE_MAX: delete) and verify. */
static enum store_rc damage_and_verify(const void *k, size_t klen, const void *v, size_t vlen,
                                       struct found *f)
{
	struct store *st = open_db(0);
	char *err = NULL;
	enum store_rc rc;

	cr_assert_eq(store_raw_put(st, k, klen, vlen == SIZE_MAX ? NULL : v,
	                           vlen == SIZE_MAX ? 0 : vlen), STORE_OK);
	store_close(st);
	memset(f, 0, sizeof *f);
	rc = store_verify(tmp_db, collect, f, NULL, &err);
	free(err);
	return rc;
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
	cr_expect_eq(stats.history, 6);
	cr_expect_eq(stats.records, 2);
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
	static const unsigned char bad[] = { 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1,
	                                     0, 0, 0, 0xff, 'a' };

	make_store();
	key_field(&k, "7.4", "owner");
	cr_expect_eq(damage_and_verify(k.p, k.n, bad, sizeof bad, &f), STORE_DAMAGED);
	expect_found(&f, "r/7.4 owner: the field's value cannot be decoded");
	cbuf_free(&k);
	key_hist(&k, 3);
	cr_expect_eq(damage_and_verify(k.p, k.n, "xy", 2, &f), STORE_DAMAGED);
	expect_found(&f, "h/#3: the history entry cannot be decoded");
	cbuf_free(&k);
}

Test(store_verify, missing_index_and_stack_keys)
{
	struct found f;
	struct cbuf k = { 0 };

	make_store();
	key_proc_hist(&k, "7.4", 1);
	cr_expect_eq(damage_and_verify(k.p, k.n, NULL, SIZE_MAX, &f), STORE_DAMAGED);
	expect_found(&f, "h/#1: has no index key x/7.4 #1");
	cbuf_free(&k);
	key_stack(&k, 'u', "bob", 3);
	cr_expect_eq(damage_and_verify(k.p, k.n, NULL, SIZE_MAX, &f), STORE_DAMAGED);
	expect_found(&f, "h/#3: a change in effect that is not on its author's undo stack "
	             "(u/bob #3)");
	cbuf_free(&k);
}

Test(store_verify, stacks_that_name_the_wrong_entries)
{
	struct found f;
	struct cbuf k = { 0 }, v = { 0 };

	make_store();
	key_stack(&k, 'u', "bob", 1);          /* #1 is alice's */
	cr_expect_eq(damage_and_verify(k.p, k.n, "", 0, &f), STORE_DAMAGED);
	expect_found(&f, "u/bob #1: names a history entry that is not a change of this user");
	cbuf_free(&k);
	key_stack(&k, 'R', "alice", 5);        /* #5 is bob's redo, not an undo */
	cbuf_u64(&v, 2);
	cr_expect_eq(damage_and_verify(k.p, k.n, v.p, v.n, &f), STORE_DAMAGED);
	expect_found(&f, "R/alice #5: must name an undo by this user of change #2");
	cbuf_free(&k);
	cbuf_free(&v);
}

Test(store_verify, field_that_disagrees_with_its_history)
{
	struct found f;
	struct cbuf k = { 0 }, v = { 0 };
	struct field_state fs = { 1, 12345, "alice", "mallory" };

	make_store();
	key_field(&k, "7.4", "owner");
	field_state_encode(&v, &fs);
	cr_expect_eq(damage_and_verify(k.p, k.n, v.p, v.n, &f), STORE_DAMAGED);
	expect_found(&f, "r/7.4 owner: its value is not the one its last change (#1) wrote");
	expect_found(&f, "r/7.4 owner: its writer or time is not that of its last change (#1)");
	cbuf_free(&k);
	cbuf_free(&v);
	/* a field with no history at all */
	key_field(&k, "6.1", "owner");
	fs.value = "x";
	field_state_encode(&v, &fs);
	cr_expect_eq(damage_and_verify(k.p, k.n, v.p, v.n, &f), STORE_DAMAGED);
	expect_found(&f, "r/6.1 owner: the field has a value but no history");
	cbuf_free(&k);
	cbuf_free(&v);
}

Test(store_verify, history_with_a_gap_and_a_wrong_newest_number)
{
	struct found f;
	struct cbuf k = { 0 }, v = { 0 };

	make_store();
	key_hist(&k, 4);
	cr_expect_eq(damage_and_verify(k.p, k.n, NULL, SIZE_MAX, &f), STORE_DAMAGED);
	expect_found(&f, "h/#5: the history jumps from #3 to #5: entries are missing");
	cbuf_free(&k);
	cbuf_bytes(&k, "m/seq", 5);
	cbuf_u64(&v, 9);
	cr_expect_eq(damage_and_verify(k.p, k.n, v.p, v.n, &f), STORE_DAMAGED);
	expect_found(&f, "m/seq: says the newest history entry is #9; the history ends at #6");
	cbuf_free(&k);
	cbuf_free(&v);
}

Test(store_verify, unknown_key_and_schema)
{
	struct found f;

	make_store();
	cr_expect_eq(damage_and_verify("z/what", 6, "", 0, &f), STORE_DAMAGED);
	expect_found(&f, "z/what: a key this prmwb does not know");
	cr_expect_eq(damage_and_verify("m/schema", 8, "7", 1, &f), STORE_DAMAGED);
	expect_found(&f, "m/schema: is not schema version 1");
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
	expect_found(&f, "of the records");
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
