/* store_upgrade.c - schema 1 to schema 2 (store_priv.h: upgrade_v1()).
 *
 * The schema-1 history is replayed entry by entry through replay_entry(),
 * the code a restore uses: it checks each entry as the store would have
 * made it and derives the fields, the undo and redo stacks and the
 * indexes. Then what schema 1 kept beside its history (r/ field states,
 * u/ and R/ stacks, m/seq) must agree with what the replay derived, or the
 * store is damaged and is not upgraded (verify says more). In place, the
 * schema-1 keys go in the same transaction: all or nothing. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codec.h"
#include "store.h"
#include "store_internal.h"
#include "store_priv.h"
#include "text.h"

void (*store_upgrade_hook)(uint64_t step);

static const char *const v1_prefixes[] = { "h/", "r/", "x/", "u/", "R/" };

/* Call fn on every schema-1 key with prefix (2 bytes) in (txn, dbi). */
typedef int (*v1_key_fn)(struct wtx *w, const MDB_val *k, const MDB_val *v, void *arg);

static int each_v1(struct wtx *w, MDB_txn *txn, MDB_dbi dbi, const char *prefix, v1_key_fn fn,
                   void *arg)
{
	MDB_cursor *cur;
	MDB_val k = { 2, (void *)prefix }, v;
	int rc = mdb_cursor_open(txn, dbi, &cur);

	if (rc)
		return rc;
	for (rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE);
	     rc == 0 && k.mv_size >= 2 && memcmp(k.mv_data, prefix, 2) == 0;
	     rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		rc = fn(w, &k, &v, arg);
		if (rc)
			break;
	}
	mdb_cursor_close(cur);
	return rc == MDB_NOTFOUND ? 0 : rc;
}

struct up {
	struct replay r;
	char **why;
	enum store_rc src;
	uint64_t n;             /* keys seen */
};

static int why_damaged(struct up *u, const MDB_val *k, const char *what)
{
	char name[300];

	key_describe(k->mv_data, k->mv_size, name, sizeof name);
	free(*u->why);
	*u->why = text_printf("%s: %s", name, what);
	u->src = STORE_INVALID;
	return MDB_CORRUPTED;
}

static int replay_v1(struct wtx *w, const MDB_val *k, const MDB_val *v, void *arg)
{
	struct up *u = arg;
	struct hist_rec h;
	struct hist_entry e;
	uint64_t seq;
	char *why = NULL;
	enum store_rc src;

	if (k->mv_size != 10)
		return why_damaged(u, k, "a history key must be h/ and an 8-byte number");
	seq = key_tail_u64(k->mv_data, k->mv_size);
	if (!hist_decode(v->mv_data, v->mv_size, seq, &h))
		return why_damaged(u, k, "the history entry cannot be decoded");
	e = h.e;
	e.set = seq;
	e.named = false;
	e.origin = NULL;
	e.origin_rev = 0;
	e.set_kind = STORE_SET_EDIT;
	src = replay_entry(w, &u->r, &e, &why);
	hist_free(&h);
	u->n++;
	if (store_upgrade_hook)
		store_upgrade_hook(seq);
	if (src == STORE_INVALID) {
		MDB_val kk = *k;

		why_damaged(u, &kk, why ? why : "cannot be replayed");
		free(why);
		return MDB_CORRUPTED;
	}
	free(why);
	return w->mrc ? w->mrc : src == STORE_OK ? 0 : MDB_CORRUPTED;
}

/* r/<process>\0<field>: the field's state must be what the replay left. */
static int check_field(struct wtx *w, const MDB_val *k, const MDB_val *v, void *arg)
{
	struct up *u = arg;
	const char *kp = k->mv_data;
	const char *nul = k->mv_size > 2 ? memchr(kp + 2, '\0', k->mv_size - 2) : NULL;
	struct field_state fs;
	struct cur2 c;
	char *process, *field;
	int rc;

	if (!nul)
		return why_damaged(u, k, "a record key must be r/, the process id, NUL and a field");
	if (!field_state_decode(v->mv_data, v->mv_size, &fs))
		return why_damaged(u, k, "the field's value cannot be decoded");
	process = strndup(kp + 2, (size_t)(nul - kp - 2));
	field = strndup(nul + 1, k->mv_size - (size_t)(nul + 1 - kp));
	rc = process && field ? read_cur(w->st, w->txn, process, field, &c) : ENOMEM;
	if (rc == MDB_NOTFOUND)
		rc = why_damaged(u, k, "the field has a value but no history");
	else if (rc == 0) {
		if (c.rev != fs.rev || strcmp(c.value, fs.value) != 0 || strcmp(c.user, fs.user) ||
		    c.time != fs.time)
			rc = why_damaged(u, k, "the field's value, revision or writer is not the one "
			                 "its history gives");
		cur2_free(&c);
	}
	free(process);
	free(field);
	field_state_free(&fs);
	u->n++;
	return rc;
}

/* u/ and R/: the same key must be on the stack the replay built. */
static int check_stack(struct wtx *w, const MDB_val *k, const MDB_val *v, void *arg)
{
	struct up *u = arg;
	const char *kp = k->mv_data;
	const char *nul = k->mv_size > 10 ? memchr(kp + 2, '\0', k->mv_size - 2) : NULL;
	struct cbuf name = { 0 }, key = { 0 };
	uint64_t uid = 0, seq;
	MDB_val val;
	int rc;

	if (!nul || (size_t)(nul - kp) != k->mv_size - 9)
		return why_damaged(u, k, "a stack key must be the user, NUL and a number");
	seq = key_tail_u64(kp, k->mv_size);
	key2_aux_name(&name, 'u', "");
	cbuf_bytes(&name, kp + 2, (size_t)(nul - kp - 2));
	rc = t_get(w->st, w->txn, DB_AUX, &name, &val);
	if (rc == 0 && ou_get(val.mv_data, val.mv_size, &uid) != val.mv_size)
		rc = MDB_CORRUPTED;
	if (rc == 0) {
		if (kp[0] == 'u')
			key2_undo(&key, uid, seq);
		else
			key2_redo(&key, uid, seq);
		rc = t_get(w->st, w->txn, kp[0] == 'u' ? DB_UNDO : DB_AUX, &key, &val);
	}
	if (rc == 0 && kp[0] == 'R' && (v->mv_size != 8))
		rc = MDB_NOTFOUND;
	if (rc == MDB_NOTFOUND)
		rc = why_damaged(u, k, kp[0] == 'u' ? "is on the undo stack, but its history says "
		                 "it is not" : "is on the redo stack, but its history says it is not");
	cbuf_free(&name);
	cbuf_free(&key);
	u->n++;
	return rc;
}

/* Keys of a database, or of aux with prefix c (0: all). */
static int count_keys(struct wtx *w, int db, char c, uint64_t *n)
{
	MDB_cursor *cur;
	MDB_val k, v;
	int rc;

	*n = 0;
	if (!c) {
		MDB_stat s;

		rc = mdb_stat(w->txn, w->st->db[db], &s);
		*n = s.ms_entries;
		return rc;
	}
	rc = mdb_cursor_open(w->txn, w->st->db[db], &cur);
	if (rc)
		return rc;
	k.mv_data = &c;
	k.mv_size = 1;
	for (rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE);
	     rc == 0 && k.mv_size >= 1 && ((const char *)k.mv_data)[0] == c;
	     rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT))
		(*n)++;
	mdb_cursor_close(cur);
	return rc == MDB_NOTFOUND ? 0 : rc;
}

static int delete_v1(struct wtx *w, MDB_dbi dbi, const char *prefix)
{
	MDB_cursor *cur;
	MDB_val k = { 2, (void *)prefix }, v;
	int rc = mdb_cursor_open(w->txn, dbi, &cur);

	if (rc)
		return rc;
	rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE);
	while (rc == 0 && k.mv_size >= 2 && memcmp(k.mv_data, prefix, 2) == 0) {
		rc = mdb_cursor_del(cur, 0);
		if (rc)
			break;
		rc = mdb_cursor_get(cur, &k, &v, MDB_GET_CURRENT);
	}
	mdb_cursor_close(cur);
	return rc == MDB_NOTFOUND ? 0 : rc;
}

enum store_rc upgrade_v1(struct wtx *w, MDB_txn *rtxn, MDB_dbi rdbi, char **why)
{
	struct up u = { { 0 }, why, STORE_OK, 0 };
	MDB_val k = { 5, "m/seq" }, v;
	uint64_t m_seq = 0, n;
	int rc;

	rc = mdb_get(rtxn, rdbi, &k, &v);
	if (rc == 0 && v.mv_size != 8) {
		why_damaged(&u, &k, "not an 8-byte number");
		return STORE_INVALID;
	}
	if (rc == 0)
		m_seq = key_tail_u64(v.mv_data, 8);
	else if (rc != MDB_NOTFOUND)
		goto fail;
	rc = each_v1(w, rtxn, rdbi, "h/", replay_v1, &u);
	if (rc == 0 && replay_end(w, &u.r) != STORE_OK)
		rc = w->mrc ? w->mrc : MDB_CORRUPTED;
	if (rc)
		goto fail;
	if (m_seq != w->last_seq) {
		why_damaged(&u, &k, "does not name the newest history entry");
		return STORE_INVALID;
	}
	/* What schema 1 kept beside the history must be what it gives. */
	u.n = 0;
	rc = each_v1(w, rtxn, rdbi, "r/", check_field, &u);
	if (rc == 0)
		rc = count_keys(w, DB_CUR, 0, &n);
	if (rc == 0 && n != u.n) {
		free(*why);
		*why = text_printf("r/: %llu fields have a value; the history gives %llu",
		                   (unsigned long long)u.n, (unsigned long long)n);
		return STORE_INVALID;
	}
	u.n = 0;
	if (rc == 0)
		rc = each_v1(w, rtxn, rdbi, "u/", check_stack, &u);
	if (rc == 0)
		rc = count_keys(w, DB_UNDO, 0, &n);
	if (rc == 0 && n != u.n) {
		free(*why);
		*why = text_printf("u/: %llu changes are on undo stacks; the history puts %llu there",
		                   (unsigned long long)u.n, (unsigned long long)n);
		return STORE_INVALID;
	}
	u.n = 0;
	if (rc == 0)
		rc = each_v1(w, rtxn, rdbi, "R/", check_stack, &u);
	if (rc == 0)
		rc = count_keys(w, DB_AUX, 'R', &n);
	if (rc == 0 && n != u.n) {
		free(*why);
		*why = text_printf("R/: %llu undos are on redo stacks; the history puts %llu there",
		                   (unsigned long long)u.n, (unsigned long long)n);
		return STORE_INVALID;
	}
	if (rc)
		goto fail;
	if (store_upgrade_hook)
		store_upgrade_hook(STORE_UPGRADE_CHECKED);
	if (rtxn == w->txn)
		for (size_t i = 0; i < sizeof v1_prefixes / sizeof v1_prefixes[0] && !rc; i++)
			rc = delete_v1(w, rdbi, v1_prefixes[i]);
	if (rc)
		goto fail;
	if (store_upgrade_hook)
		store_upgrade_hook(STORE_UPGRADE_DELETED);
	return STORE_OK;
fail:
	if (u.src == STORE_INVALID)
		return STORE_INVALID;
	if (!w->mrc)
		w->mrc = rc;
	return STORE_ERROR;
}
