/* store_read.c - reading a store: records now and as of a point of the
 * history, lists, the history itself, REFs, baselines, walks for exports
 * (see store.h; the key layout is in codec.h).
 *
 * A record now is read from cur alone (one key per field, whatever the
 * history's length). A field as of seq S is the newest fhist key of the
 * field at or before S: one B-tree seek. The time index turns a date into
 * a seq with one seek too. Every read is one read transaction. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codec.h"
#include "fatal.h"
#include "store.h"
#include "store_priv.h"
#include "text.h"

/* ---- shared lookups (store_priv.h) ------------------------------------------ */

int read_last_seq(struct store *st, MDB_txn *txn, uint64_t *seq)
{
	MDB_cursor *cur;
	MDB_val k, v;
	int rc;

	*seq = 0;
	rc = mdb_cursor_open(txn, st->db[DB_HIST], &cur);
	if (rc)
		return rc;
	rc = mdb_cursor_get(cur, &k, &v, MDB_LAST);
	if (rc == 0 && ou_get(k.mv_data, k.mv_size, seq) != k.mv_size)
		rc = store_damage(st, DB_HIST, k.mv_data, k.mv_size, "not a history number");
	mdb_cursor_close(cur);
	return rc == MDB_NOTFOUND ? 0 : rc;
}

int aux_name(struct store *st, MDB_txn *txn, char c, uint64_t id, char **out, size_t *len)
{
	struct cbuf k = { 0 };
	MDB_val v;
	int rc;

	*out = NULL;
	key2_aux_id(&k, c, id);
	rc = t_get(st, txn, DB_AUX, &k, &v);
	if (rc == 0) {
		/* A field id names "process\0field": one NUL inside. */
		const char *nul = memchr(v.mv_data, '\0', v.mv_size);

		if (c == 'P' ? !nul || memchr(nul + 1, '\0', v.mv_size - (size_t)(nul + 1 -
		                                (const char *)v.mv_data)) : nul != NULL)
			rc = store_damage(st, DB_AUX, k.p, k.n, "not a name");
		else if (!(*out = malloc(v.mv_size + 1)))
			rc = ENOMEM;
		else {
			memcpy(*out, v.mv_data, v.mv_size);
			(*out)[v.mv_size] = '\0';
			if (len)
				*len = v.mv_size;
		}
	}
	cbuf_free(&k);
	return rc;
}

int read_cur(struct store *st, MDB_txn *txn, const char *process, const char *field,
             struct cur2 *c)
{
	struct cbuf k = { 0 };
	MDB_val v;
	int rc;

	memset(c, 0, sizeof *c);
	key2_cur(&k, process, field);
	rc = t_get(st, txn, DB_CUR, &k, &v);
	if (rc == 0 && !cur2_decode(v.mv_data, v.mv_size, c))
		rc = store_damage(st, DB_CUR, k.p, k.n, "the field's value cannot be decoded");
	cbuf_free(&k);
	return rc;
}

int read_hist2(struct store *st, MDB_txn *txn, uint64_t seq, struct hist2 *h)
{
	struct cbuf k = { 0 };
	MDB_val v;
	int rc;

	memset(h, 0, sizeof *h);
	key2_hist(&k, seq);
	rc = t_get(st, txn, DB_HIST, &k, &v);
	if (rc == MDB_NOTFOUND)
		rc = store_damage(st, DB_HIST, k.p, k.n, "missing, but referred to");
	else if (rc == 0 && !hist2_decode(v.mv_data, v.mv_size, seq, h))
		rc = store_damage(st, DB_HIST, k.p, k.n, "the history entry cannot be decoded");
	cbuf_free(&k);
	return rc;
}

int read_fver_at(struct store *st, MDB_txn *txn, MDB_cursor *cur, uint64_t pf, uint64_t seq,
                 struct fver *f, uint64_t *at)
{
	struct cbuf below = { 0 }, prefix = { 0 };
	MDB_cursor *own = NULL;
	MDB_val k, v;
	size_t a;
	int rc = 0;

	memset(f, 0, sizeof *f);
	*at = 0;
	if (!cur) {
		rc = mdb_cursor_open(txn, st->db[DB_FHIST], &own);
		cur = own;
	}
	cbuf_ou(&prefix, pf);
	if (seq == STORE_NOW)
		cbuf_ou(&below, pf + 1);
	else
		key2_fhist(&below, pf, seq + 1);
	if (rc == 0)
		rc = cursor_last_below(cur, &below, &prefix, &k, &v);
	if (rc == 0) {
		a = ou_get((const char *)k.mv_data + prefix.n, k.mv_size - prefix.n, at);
		if (a != k.mv_size - prefix.n || !fver_decode(v.mv_data, v.mv_size, *at, f))
			rc = store_damage(st, DB_FHIST, k.mv_data, k.mv_size,
			                  "the field's version cannot be decoded");
	}
	if (own)
		mdb_cursor_close(own);
	cbuf_free(&below);
	cbuf_free(&prefix);
	return rc;
}

int origin_text(struct store *st, MDB_txn *txn, uint64_t origin, char *buf)
{
	char *u = NULL;
	int rc;

	if (origin == 0) {
		snprintf(buf, 37, "%s", st->uuid);
		return 0;
	}
	rc = aux_name(st, txn, 'O', origin, &u, NULL);
	if (rc == 0 && !uuid_text_ok(u))
		rc = MDB_CORRUPTED;
	if (rc == MDB_NOTFOUND)
		rc = MDB_CORRUPTED;
	if (rc == 0)
		snprintf(buf, 37, "%s", u);
	free(u);
	return rc;
}

/* ---- small things ------------------------------------------------------------- */

const char *store_uuid(const struct store *st)
{
	return st->uuid;
}

int store_schema(const struct store *st)
{
	(void)st;
	return STORE_SCHEMA;
}

static int rbegin(struct store *st, MDB_txn **txn)
{
	store_clear_err(st);
	*txn = NULL;
	return store_txn_begin(st, MDB_RDONLY, txn);
}

uint64_t store_last_seq(struct store *st)
{
	MDB_txn *txn;
	uint64_t seq = 0;

	if (!st->have_dbs || store_txn_begin(st, MDB_RDONLY, &txn))
		return 0;
	if (read_last_seq(st, txn, &seq))
		seq = 0;
	store_txn_end(txn, false);
	return seq;
}

static void field_value_free(struct field_value *f)
{
	free(f->field);
	free(f->value);
	free(f->user);
}

void record_free(struct record *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n_fields; i++)
		field_value_free(&r->fields[i]);
	free(r->fields);
	free(r->process);
	free(r->user);
	memset(r, 0, sizeof *r);
}

const struct field_value *record_get(const struct record *r, const char *field)
{
	for (size_t i = 0; i < r->n_fields; i++)
		if (strcmp(r->fields[i].field, field) == 0)
			return &r->fields[i];
	return NULL;
}

/* ---- records ---------------------------------------------------------------------- */

/* The field of cur state c (now) or as of seq, into *fv (field name set by
 * the caller). MDB_NOTFOUND: not written by seq. */
static int field_at(struct store *st, MDB_txn *txn, MDB_cursor *fc, const struct cur2 *c,
                    uint64_t seq, struct field_value *fv)
{
	struct fver f;
	struct hist2 h;
	uint64_t at;
	int rc;

	if (seq == STORE_NOW || c->last <= seq) {
		fv->value = strdup(c->value);
		fv->user = strdup(c->user);
		fv->rev = c->rev;
		fv->time = c->time;
		fv->last = c->last;
		fv->origin_rev = c->origin ? c->origin_rev : c->rev;
		rc = fv->value && fv->user ? 0 : ENOMEM;
		if (rc == 0 && c->rev)
			rc = origin_text(st, txn, c->origin, fv->origin);
		return rc;
	}
	rc = read_fver_at(st, txn, fc, c->pf, seq, &f, &at);
	if (rc)
		return rc;
	fv->value = f.value;
	fv->rev = f.rev;
	fv->last = at;
	fv->origin_rev = f.origin ? f.origin_rev : f.rev;
	rc = f.rev ? origin_text(st, txn, f.origin, fv->origin) : 0;
	if (rc == 0)
		rc = read_hist2(st, txn, at, &h);
	if (rc == 0) {
		hist2_free(&h);
		fv->time = h.time;
		rc = aux_name(st, txn, 'U', h.user, &fv->user, NULL);
		if (rc == MDB_NOTFOUND)
			rc = MDB_CORRUPTED;
	}
	return rc;
}

static enum store_rc get_record(struct store *st, const char *process, uint64_t seq,
                                struct record *out)
{
	struct cbuf p = { 0 };
	MDB_txn *txn = NULL;
	MDB_cursor *cur = NULL, *fc = NULL;
	MDB_val k, v;
	enum store_rc src = STORE_ERROR;
	int rc = ENOMEM;

	store_clear_err(st);
	memset(out, 0, sizeof *out);
	out->process = strdup(process ? process : "");
	out->user = strdup("");
	if (!out->process || !out->user)
		goto out;
	if (!store_valid_process_id(process)) {
		rc = EINVAL;
		goto out;
	}
	if (!st->have_dbs || seq == 0)
		return STORE_OK;        /* nothing written yet */
	key2_cur(&p, process, "");
	if (p.oom || (rc = rbegin(st, &txn)) != 0 ||
	    (rc = mdb_cursor_open(txn, st->db[DB_CUR], &cur)) != 0 ||
	    (rc = mdb_cursor_open(txn, st->db[DB_FHIST], &fc)) != 0)
		goto out;
	k = store_mval(&p);
	rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE);
	for (; rc == 0 && store_has_prefix(&k, &p); rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		struct cur2 c;
		struct field_value fv, *nf;

		if (!cur2_decode(v.mv_data, v.mv_size, &c)) {
			rc = store_damage(st, DB_CUR, k.mv_data, k.mv_size,
			                  "the field's value cannot be decoded");
			goto out;
		}
		memset(&fv, 0, sizeof fv);
		fv.field = strndup((const char *)k.mv_data + p.n, k.mv_size - p.n);
		rc = fv.field ? field_at(st, txn, fc, &c, seq, &fv) : ENOMEM;
		cur2_free(&c);
		if (rc == MDB_NOTFOUND) {
			field_value_free(&fv);
			rc = 0;
			continue;
		}
		if (rc == 0 && !(nf = realloc(out->fields, (out->n_fields + 1) * sizeof *nf)))
			rc = ENOMEM;
		if (rc) {
			field_value_free(&fv);
			goto out;
		}
		out->fields = nf;
		out->fields[out->n_fields++] = fv;
		/* The record's last change is its newest entry, undo and redo
		 * included (an undo gives the field back its old rev). */
		if (fv.last > out->rev) {
			char *u = strdup(fv.user);

			if (!u) {
				rc = ENOMEM;
				goto out;
			}
			free(out->user);
			out->user = u;
			out->rev = fv.last;
			out->time = fv.time;
		}
	}
	if (rc == 0 || rc == MDB_NOTFOUND)
		src = STORE_OK;
out:
	if (cur)
		mdb_cursor_close(cur);
	if (fc)
		mdb_cursor_close(fc);
	store_txn_end(txn, false);
	cbuf_free(&p);
	if (src != STORE_OK) {
		src = store_fail(st, rc);
		record_free(out);
		out->process = NULL;
	}
	return src;
}

enum store_rc store_get(struct store *st, const char *process, struct record *out)
{
	return get_record(st, process, STORE_NOW, out);
}

enum store_rc store_get_at(struct store *st, const char *process, uint64_t seq,
                           struct record *out)
{
	return get_record(st, process, seq, out);
}

/* Whether field c had a version by seq. */
static int written_by(struct store *st, MDB_cursor *fc, const struct cur2 *c, uint64_t seq,
                      bool *yes)
{
	struct cbuf p = { 0 };
	MDB_val k, v;
	uint64_t first = 0;
	int rc;

	*yes = seq == STORE_NOW;
	if (*yes)
		return 0;
	cbuf_ou(&p, c->pf);
	if (p.oom)
		return ENOMEM;
	k = store_mval(&p);
	rc = mdb_cursor_get(fc, &k, &v, MDB_SET_RANGE);
	if (rc == 0 && store_has_prefix(&k, &p)) {
		if (ou_get((const char *)k.mv_data + p.n, k.mv_size - p.n, &first) !=
		    k.mv_size - p.n)
			rc = store_damage(st, DB_FHIST, k.mv_data, k.mv_size, "a damaged key");
		*yes = first <= seq;
	} else if (rc == MDB_NOTFOUND || rc == 0) {
		rc = store_damage(st, DB_CUR, "", 0, "a field without history");
	}
	cbuf_free(&p);
	return rc;
}

static enum store_rc list_at(struct store *st, uint64_t seq, char ***ids, size_t *n)
{
	MDB_txn *txn = NULL;
	MDB_cursor *cur = NULL, *fc = NULL;
	MDB_val k, v;
	char **list = NULL;
	size_t cnt = 0;
	enum store_rc src = STORE_ERROR;
	int rc;

	*ids = NULL;
	*n = 0;
	store_clear_err(st);
	if (!st->have_dbs || seq == 0)
		return STORE_OK;
	if ((rc = rbegin(st, &txn)) != 0 ||
	    (rc = mdb_cursor_open(txn, st->db[DB_CUR], &cur)) != 0 ||
	    (rc = mdb_cursor_open(txn, st->db[DB_FHIST], &fc)) != 0)
		goto out;
	for (rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST); rc == 0;
	     rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		const char *kp = k.mv_data;
		const char *nul = memchr(kp, '\0', k.mv_size);
		size_t plen = nul ? (size_t)(nul - kp) : 0;
		char **nl;
		bool yes = true;

		if (!nul || plen == 0) {
			rc = store_damage(st, DB_CUR, k.mv_data, k.mv_size,
			                  "a record key without a process or field");
			goto out;
		}
		if (cnt && strlen(list[cnt - 1]) == plen && memcmp(list[cnt - 1], kp, plen) == 0)
			continue;
		if (seq != STORE_NOW) {
			struct cur2 c;

			if (!cur2_decode(v.mv_data, v.mv_size, &c)) {
				rc = store_damage(st, DB_CUR, k.mv_data, k.mv_size,
				                  "the field's value cannot be decoded");
				goto out;
			}
			rc = written_by(st, fc, &c, seq, &yes);
			cur2_free(&c);
			if (rc)
				goto out;
			if (!yes)
				continue;
		}
		rc = ENOMEM;
		nl = realloc(list, (cnt + 1) * sizeof *nl);
		if (!nl)
			goto out;
		list = nl;
		list[cnt] = strndup(kp, plen);
		if (!list[cnt])
			goto out;
		cnt++;
	}
	if (rc == 0 || rc == MDB_NOTFOUND) {
		src = STORE_OK;
		*ids = list;
		*n = cnt;
		list = NULL;
	}
out:
	if (list) {
		for (size_t i = 0; i < cnt; i++)
			free(list[i]);
		free(list);
	}
	if (cur)
		mdb_cursor_close(cur);
	if (fc)
		mdb_cursor_close(fc);
	store_txn_end(txn, false);
	return src == STORE_OK ? src : store_fail(st, rc);
}

enum store_rc store_list(struct store *st, char ***ids, size_t *n)
{
	return list_at(st, STORE_NOW, ids, n);
}

enum store_rc store_list_at(struct store *st, uint64_t seq, char ***ids, size_t *n)
{
	return list_at(st, seq, ids, n);
}

struct walk_ctx {
	store_field_fn fn;
	void *arg;
};

enum store_rc store_walk_fields(struct store *st, uint64_t seq, store_field_fn fn, void *arg)
{
	MDB_txn *txn = NULL;
	MDB_cursor *cur = NULL, *fc = NULL;
	MDB_val k, v;
	enum store_rc src = STORE_ERROR;
	int rc;

	store_clear_err(st);
	if (!st->have_dbs || seq == 0)
		return STORE_OK;
	if ((rc = rbegin(st, &txn)) != 0 ||
	    (rc = mdb_cursor_open(txn, st->db[DB_CUR], &cur)) != 0 ||
	    (rc = mdb_cursor_open(txn, st->db[DB_FHIST], &fc)) != 0)
		goto out;
	for (rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST); rc == 0;
	     rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		const char *kp = k.mv_data;
		const char *nul = memchr(kp, '\0', k.mv_size);
		struct field_value fv;
		struct cur2 c;
		char *process;
		bool more;

		if (!nul || nul == kp || !cur2_decode(v.mv_data, v.mv_size, &c)) {
			rc = store_damage(st, DB_CUR, k.mv_data, k.mv_size,
			                  "the field's key or value cannot be decoded");
			goto out;
		}
		memset(&fv, 0, sizeof fv);
		process = strndup(kp, (size_t)(nul - kp));
		fv.field = strndup(nul + 1, k.mv_size - (size_t)(nul + 1 - kp));
		rc = process && fv.field ? field_at(st, txn, fc, &c, seq, &fv) : ENOMEM;
		cur2_free(&c);
		if (rc == MDB_NOTFOUND) {
			rc = 0;
			more = true;
		} else if (rc == 0) {
			/* fn works on copies: a fault in it is not the store's. */
			fatal_store_leave();
			more = fn(process, &fv, arg);
			fatal_store_enter(st->path);
		} else {
			more = false;
		}
		free(process);
		field_value_free(&fv);
		if (rc)
			goto out;
		if (!more)
			break;
	}
	if (rc == 0 || rc == MDB_NOTFOUND)
		src = STORE_OK;
out:
	if (cur)
		mdb_cursor_close(cur);
	if (fc)
		mdb_cursor_close(fc);
	store_txn_end(txn, false);
	return src == STORE_OK ? src : store_fail(st, rc);
}

/* ---- the history --------------------------------------------------------------- */

/* A history entry with its strings (owned). */
struct full {
	struct hist_entry e;
	char origin[37];
	char *pf;               /* "process\0field" */
};

static void full_free(struct full *f)
{
	free(f->e.user);
	free(f->pf);
	free(f->e.old_value);
	free(f->e.new_value);
	free(f->e.name);
	free(f->e.note);
	free(f->e.file);
	free(f->e.sha256);
	memset(f, 0, sizeof *f);
}

/* Fill f for entry seq (h decoded; its strings move into f). fc: a cursor
 * on fhist. */
static int load_full(struct store *st, MDB_txn *txn, MDB_cursor *fc, uint64_t seq,
                     struct hist2 *h, struct full *f)
{
	static char empty[] = "";
	int rc;

	memset(f, 0, sizeof *f);
	f->e.seq = seq;
	f->e.time = h->time;
	f->e.pid = (long)h->pid;
	f->e.kind = (enum hist_kind)h->kind;
	f->e.ref = h->ref;
	f->e.set = h->set;
	f->e.named = h->flags & HIST_F_NAMED;
	f->e.process = f->e.field = empty;
	f->e.origin = f->origin;
	if (h->kind == HIST_BASELINE) {
		f->e.name = h->a;
		f->e.note = h->b;
	} else if (h->kind == HIST_RESTORE) {
		f->e.file = h->a;
		f->e.sha256 = h->b;
	} else {
		free(h->a);
		free(h->b);
	}
	h->a = h->b = NULL;
	rc = aux_name(st, txn, 'U', h->user, &f->e.user, NULL);
	if (rc == MDB_NOTFOUND)
		rc = store_damage(st, DB_HIST, "", 0, "names a user that has no name");
	if (rc == 0 && h->kind <= HIST_REDO) {
		struct cbuf k = { 0 };
		struct fver nv, ov;
		MDB_val key, val;
		size_t plen;
		uint64_t at = 0;

		rc = aux_name(st, txn, 'P', h->pf, &f->pf, NULL);
		if (rc == MDB_NOTFOUND)
			rc = MDB_CORRUPTED;
		if (rc)
			return rc;
		plen = strlen(f->pf);
		f->e.process = f->pf;
		f->e.field = f->pf + plen + 1;
		key2_fhist(&k, h->pf, seq);
		key = store_mval(&k);
		rc = k.oom ? ENOMEM : mdb_cursor_get(fc, &key, &val, MDB_SET_KEY);
		if (rc == MDB_NOTFOUND)
			rc = store_damage(st, DB_FHIST, k.p, k.n, "missing: the history has the entry");
		else if (rc == 0 && !fver_decode(val.mv_data, val.mv_size, seq, &nv))
			rc = store_damage(st, DB_FHIST, k.p, k.n, "the field's version cannot be decoded");
		if (rc == 0) {
			f->e.new_value = nv.value;
			f->e.new_rev = nv.rev;
			f->e.origin_rev = nv.origin ? nv.origin_rev : nv.rev;
			rc = nv.rev ? origin_text(st, txn, nv.origin, f->origin) : 0;
		}
		if (rc == 0) {
			/* the old value: the field's version before */
			cbuf_free(&k);
			cbuf_ou(&k, h->pf);
			rc = mdb_cursor_get(fc, &key, &val, MDB_PREV);
			if (rc == 0 && store_has_prefix(&key, &k)) {
				if (ou_get((const char *)key.mv_data + k.n, key.mv_size - k.n, &at) !=
				    key.mv_size - k.n || !fver_decode(val.mv_data, val.mv_size, at, &ov))
					rc = store_damage(st, DB_FHIST, key.mv_data, key.mv_size,
					                  "the field's version cannot be decoded");
				else {
					f->e.old_value = ov.value;
					f->e.old_rev = ov.rev;
				}
			} else if (rc == 0 || rc == MDB_NOTFOUND) {
				rc = (f->e.old_value = strdup("")) ? 0 : ENOMEM;
			}
		}
		cbuf_free(&k);
		if (rc == 0 && h->kind == HIST_SET) {
			struct setmark m;

			cbuf_free(&k);
			key2_aux_id(&k, 'S', h->set);
			rc = t_get(st, txn, DB_AUX, &k, &val);
			if (rc == 0 && setmark_decode(val.mv_data, val.mv_size, &m)) {
				f->e.set_kind = (enum store_set_kind)m.kind;
				f->e.file = m.file;
				f->e.sha256 = m.sha256;
			} else if (rc == 0) {
				rc = store_damage(st, DB_AUX, k.p, k.n, "the set's mark cannot be decoded");
			} else if (rc == MDB_NOTFOUND) {
				rc = 0;
			}
			cbuf_free(&k);
		}
	}
	if (!f->e.old_value)
		f->e.old_value = strdup("");
	if (!f->e.new_value)
		f->e.new_value = strdup("");
	if (rc == 0 && (!f->e.old_value || !f->e.new_value))
		rc = ENOMEM;
	return rc;
}

/* Call fn on entry seq of hist (k, v: its key and value). */
static int emit(struct store *st, MDB_txn *txn, MDB_cursor *fc, const MDB_val *k,
                const MDB_val *v, uint64_t *seq, store_log_fn fn, void *arg, bool *more)
{
	struct hist2 h;
	struct full f;
	int rc;

	if (ou_get(k->mv_data, k->mv_size, seq) != k->mv_size)
		return store_damage(st, DB_HIST, k->mv_data, k->mv_size, "a damaged history key");
	if (!hist2_decode(v->mv_data, v->mv_size, *seq, &h))
		return store_damage(st, DB_HIST, k->mv_data, k->mv_size,
		                    "the history entry cannot be decoded");
	rc = load_full(st, txn, fc, *seq, &h, &f);
	hist2_free(&h);
	if (rc == 0) {
		/* fn works on copies: a fault in it is not the store's. */
		fatal_store_leave();
		*more = fn(&f.e, arg);
		fatal_store_enter(st->path);
	}
	full_free(&f);
	return rc;
}

/* One of a process's fields, in the newest-first merge of their histories. */
struct chain {
	uint64_t pf, next;      /* next: the newest entry not yet given, 0: done */
};

/* The entry before `before` in field pf's history (0: none). */
static int prev_in_field(struct store *st, MDB_cursor *fc, uint64_t pf, uint64_t before,
                         uint64_t *out)
{
	struct cbuf b = { 0 }, p = { 0 };
	MDB_val k, v;
	int rc;

	*out = 0;
	key2_fhist(&b, pf, before);
	cbuf_ou(&p, pf);
	rc = cursor_last_below(fc, &b, &p, &k, &v);
	if (rc == 0 && ou_get((const char *)k.mv_data + p.n, k.mv_size - p.n, out) !=
	    k.mv_size - p.n)
		rc = store_damage(st, DB_FHIST, k.mv_data, k.mv_size, "a damaged key");
	cbuf_free(&b);
	cbuf_free(&p);
	return rc == MDB_NOTFOUND ? 0 : rc;
}

static int log_process(struct store *st, MDB_txn *txn, const char *process, size_t limit,
                       store_log_fn fn, void *arg)
{
	struct cbuf p = { 0 }, hk = { 0 };
	MDB_cursor *cur = NULL, *fc = NULL;
	MDB_val k, v;
	struct chain *ch = NULL;
	size_t n = 0, count = 0;
	int rc;

	key2_cur(&p, process, "");
	if (p.oom)
		return ENOMEM;
	if ((rc = mdb_cursor_open(txn, st->db[DB_CUR], &cur)) != 0 ||
	    (rc = mdb_cursor_open(txn, st->db[DB_FHIST], &fc)) != 0)
		goto out;
	k = store_mval(&p);
	for (rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE); rc == 0 && store_has_prefix(&k, &p);
	     rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		struct cur2 c;
		struct chain *nc;

		if (!cur2_decode(v.mv_data, v.mv_size, &c)) {
			rc = store_damage(st, DB_CUR, k.mv_data, k.mv_size,
			                  "the field's value cannot be decoded");
			goto out;
		}
		cur2_free(&c);
		nc = realloc(ch, (n + 1) * sizeof *nc);
		if (!nc) {
			rc = ENOMEM;
			goto out;
		}
		ch = nc;
		ch[n].pf = c.pf;
		ch[n].next = c.last;
		n++;
	}
	if (rc != MDB_NOTFOUND && rc != 0)
		goto out;
	rc = 0;
	/* Newest first across the fields: at most a few dozen of them. */
	for (;;) {
		size_t best = n;
		MDB_val hv;
		uint64_t seq;
		bool more = true;

		for (size_t i = 0; i < n; i++)
			if (ch[i].next && (best == n || ch[i].next > ch[best].next))
				best = i;
		if (best == n)
			break;
		cbuf_free(&hk);
		key2_hist(&hk, ch[best].next);
		rc = t_get(st, txn, DB_HIST, &hk, &hv);
		if (rc == MDB_NOTFOUND)
			rc = store_damage(st, DB_HIST, hk.p, hk.n, "missing, but the field has it");
		if (rc == 0) {
			k = store_mval(&hk);
			rc = emit(st, txn, fc, &k, &hv, &seq, fn, arg, &more);
		}
		if (rc || !more || (limit && ++count >= limit))
			break;
		rc = prev_in_field(st, fc, ch[best].pf, ch[best].next, &ch[best].next);
		if (rc)
			break;
	}
out:
	free(ch);
	cbuf_free(&p);
	cbuf_free(&hk);
	if (cur)
		mdb_cursor_close(cur);
	if (fc)
		mdb_cursor_close(fc);
	return rc;
}

enum store_rc store_log(struct store *st, const char *process, size_t limit,
                        store_log_fn fn, void *arg)
{
	MDB_txn *txn = NULL;
	MDB_cursor *cur = NULL, *fc = NULL;
	MDB_val k, v;
	size_t count = 0;
	int rc;

	store_clear_err(st);
	if (!st->have_dbs || (process && !store_valid_process_id(process)))
		return STORE_OK;
	rc = rbegin(st, &txn);
	if (rc == 0 && process) {
		rc = log_process(st, txn, process, limit, fn, arg);
		goto out;
	}
	if (rc == 0)
		rc = mdb_cursor_open(txn, st->db[DB_HIST], &cur);
	if (rc == 0)
		rc = mdb_cursor_open(txn, st->db[DB_FHIST], &fc);
	if (rc)
		goto out;
	for (rc = mdb_cursor_get(cur, &k, &v, MDB_LAST); rc == 0;
	     rc = mdb_cursor_get(cur, &k, &v, MDB_PREV)) {
		uint64_t seq;
		bool more = true;

		rc = emit(st, txn, fc, &k, &v, &seq, fn, arg, &more);
		if (rc || !more || (limit && ++count >= limit))
			break;
	}
out:
	if (cur)
		mdb_cursor_close(cur);
	if (fc)
		mdb_cursor_close(fc);
	store_txn_end(txn, false);
	return rc == 0 || rc == MDB_NOTFOUND ? STORE_OK : store_fail(st, rc);
}

enum store_rc store_walk_history(struct store *st, uint64_t from, uint64_t to,
                                 store_log_fn fn, void *arg)
{
	struct cbuf start = { 0 };
	MDB_txn *txn = NULL;
	MDB_cursor *cur = NULL, *fc = NULL;
	MDB_val k, v;
	int rc;

	store_clear_err(st);
	if (!st->have_dbs)
		return STORE_OK;
	key2_hist(&start, from ? from : 1);
	rc = start.oom ? ENOMEM : rbegin(st, &txn);
	if (rc == 0)
		rc = mdb_cursor_open(txn, st->db[DB_HIST], &cur);
	if (rc == 0)
		rc = mdb_cursor_open(txn, st->db[DB_FHIST], &fc);
	if (rc == 0) {
		k = store_mval(&start);
		for (rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE); rc == 0;
		     rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
			uint64_t seq = 0;
			bool more = true;

			if (ou_get(k.mv_data, k.mv_size, &seq) == k.mv_size && seq > to)
				break;
			rc = emit(st, txn, fc, &k, &v, &seq, fn, arg, &more);
			if (rc || !more)
				break;
		}
	}
	if (cur)
		mdb_cursor_close(cur);
	if (fc)
		mdb_cursor_close(fc);
	store_txn_end(txn, false);
	cbuf_free(&start);
	return rc == 0 || rc == MDB_NOTFOUND ? STORE_OK : store_fail(st, rc);
}

enum store_rc store_log_count(struct store *st, const char *process, uint64_t *n)
{
	struct cbuf p = { 0 };
	MDB_txn *txn = NULL;
	MDB_cursor *cur = NULL;
	MDB_val k, v;
	int rc;

	*n = 0;
	store_clear_err(st);
	if (!st->have_dbs)
		return STORE_OK;
	if (!process) {
		*n = store_last_seq(st);
		return STORE_OK;
	}
	if (!store_valid_process_id(process))
		return STORE_OK;
	key2_cur(&p, process, "");
	rc = p.oom ? ENOMEM : rbegin(st, &txn);
	if (rc == 0)
		rc = mdb_cursor_open(txn, st->db[DB_CUR], &cur);
	if (rc == 0) {
		k = store_mval(&p);
		for (rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE);
		     rc == 0 && store_has_prefix(&k, &p); rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
			struct cur2 c;

			if (!cur2_decode(v.mv_data, v.mv_size, &c)) {
				rc = store_damage(st, DB_CUR, k.mv_data, k.mv_size,
				                  "the field's value cannot be decoded");
				break;
			}
			*n += c.entries;
			cur2_free(&c);
		}
	}
	if (cur)
		mdb_cursor_close(cur);
	store_txn_end(txn, false);
	cbuf_free(&p);
	return rc == 0 || rc == MDB_NOTFOUND ? STORE_OK : store_fail(st, rc);
}

/* ---- baselines ------------------------------------------------------------------------ */

static int by_seq(const void *a, const void *b)
{
	const struct store_baseline *x = a, *y = b;

	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void store_baselines_free(struct store_baseline *b, size_t n)
{
	for (size_t i = 0; b && i < n; i++) {
		free(b[i].name);
		free(b[i].note);
		free(b[i].user);
	}
	free(b);
}

enum store_rc store_baselines(struct store *st, struct store_baseline **out, size_t *n)
{
	struct cbuf p = { 0 };
	MDB_txn *txn = NULL;
	MDB_cursor *cur = NULL;
	MDB_val k, v;
	struct store_baseline *list = NULL;
	size_t cnt = 0;
	int rc;

	*out = NULL;
	*n = 0;
	store_clear_err(st);
	if (!st->have_dbs)
		return STORE_OK;
	cbuf_bytes(&p, "B", 1);
	rc = rbegin(st, &txn);
	if (rc == 0)
		rc = mdb_cursor_open(txn, st->db[DB_AUX], &cur);
	if (rc == 0) {
		k = store_mval(&p);
		for (rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE);
		     rc == 0 && store_has_prefix(&k, &p); rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
			struct store_baseline *nl, *b;
			struct hist2 h;
			uint64_t seq;

			if (ou_get(v.mv_data, v.mv_size, &seq) != v.mv_size) {
				rc = store_damage(st, DB_AUX, k.mv_data, k.mv_size, "not a history number");
				break;
			}
			rc = read_hist2(st, txn, seq, &h);
			if (rc)
				break;
			if (h.kind != HIST_BASELINE || !h.a || strlen(h.a) != k.mv_size - 1 ||
			    memcmp(h.a, (const char *)k.mv_data + 1, k.mv_size - 1)) {
				hist2_free(&h);
				rc = store_damage(st, DB_AUX, k.mv_data, k.mv_size,
				                  "names an entry that is not this baseline");
				break;
			}
			nl = realloc(list, (cnt + 1) * sizeof *nl);
			if (!nl) {
				hist2_free(&h);
				rc = ENOMEM;
				break;
			}
			list = nl;
			b = &list[cnt++];
			memset(b, 0, sizeof *b);
			b->name = h.a;
			b->note = h.b;
			b->seq = seq;
			b->time = h.time;
			rc = aux_name(st, txn, 'U', h.user, &b->user, NULL);
			if (rc) {
				rc = rc == MDB_NOTFOUND ? MDB_CORRUPTED : rc;
				break;
			}
		}
	}
	if (cur)
		mdb_cursor_close(cur);
	store_txn_end(txn, false);
	cbuf_free(&p);
	if (rc && rc != MDB_NOTFOUND) {
		store_baselines_free(list, cnt);
		return store_fail(st, rc);
	}
	if (cnt)
		qsort(list, cnt, sizeof *list, by_seq);
	*out = list;
	*n = cnt;
	return STORE_OK;
}

/* ---- REFs --------------------------------------------------------------------------------- */

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
 * days_from_civil). */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static bool digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return true;
}

/* YYYY-MM-DD[THH:MM[:SS]Z] as the UTC second that ends the day, minute or
 * second it names. */
static bool parse_when(const char *s, int64_t *end)
{
	size_t n = strlen(s);
	unsigned y, mo, d, h = 0, mi = 0, se = 0;
	static const unsigned mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int64_t span;

	if (n != 10 && n != 17 && n != 20)
		return false;
	if (!digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) || s[7] != '-' || !digits(s + 8, 2))
		return false;
	y = (unsigned)atoi(s);
	mo = (unsigned)atoi(s + 5);
	d = (unsigned)atoi(s + 8);
	if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] ||
	    (mo == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))))
		return false;
	span = 86400;
	if (n > 10) {
		if (s[10] != 'T' || !digits(s + 11, 2) || s[13] != ':' || !digits(s + 14, 2) ||
		    s[n - 1] != 'Z')
			return false;
		h = (unsigned)atoi(s + 11);
		mi = (unsigned)atoi(s + 14);
		span = 60;
		if (n == 20) {
			if (s[16] != ':' || !digits(s + 17, 2))
				return false;
			se = (unsigned)atoi(s + 17);
			span = 1;
		}
		if (h > 23 || mi > 59 || se > 59)
			return false;
	}
	*end = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se + span - 1;
	return true;
}

/* The newest entry recorded by time t (0: none). */
static int seq_by_time(struct store *st, MDB_txn *txn, int64_t t, uint64_t *seq)
{
	struct cbuf below = { 0 }, none = { 0 };
	MDB_cursor *cur;
	MDB_val k, v;
	int rc;

	*seq = 0;
	if (t < 0)
		return 0;
	cbuf_ou(&below, (uint64_t)t + 1);
	rc = mdb_cursor_open(txn, st->db[DB_TIME], &cur);
	if (rc == 0) {
		rc = cursor_last_below(cur, &below, &none, &k, &v);
		if (rc == 0 && ou_get(v.mv_data, v.mv_size, seq) != v.mv_size)
			rc = store_damage(st, DB_TIME, k.mv_data, k.mv_size, "not a history number");
		mdb_cursor_close(cur);
	}
	cbuf_free(&below);
	return rc == MDB_NOTFOUND ? 0 : rc;
}

static const char ref_help[] = "a REF is a baseline name (it starts with a letter), a "
	"history number (123, or '#123' quoted) or a UTC date or time "
	"(YYYY-MM-DD, YYYY-MM-DDTHH:MMZ or YYYY-MM-DDTHH:MM:SSZ)";

/* Names of the baselines, for a message ("a, b"; "none yet"). */
static char *baseline_names(struct store *st)
{
	struct store_baseline *b;
	size_t n;
	char *s = NULL;

	if (store_baselines(st, &b, &n) != STORE_OK)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		char *t = text_printf("%s%s%s", s ? s : "", s ? ", " : "", b[i].name);

		free(s);
		s = t;
		if (!s)
			break;
	}
	store_baselines_free(b, n);
	return s ? s : strdup("there are none yet");
}

enum store_rc store_resolve_ref(struct store *st, const char *ref, uint64_t *seq, char **err)
{
	MDB_txn *txn = NULL;
	uint64_t last = 0;
	int64_t t;
	int rc = 0;
	enum store_rc src = STORE_OK;
	const char *num = ref && ref[0] == '#' ? ref + 1 : ref;

	*seq = 0;
	*err = NULL;
	store_clear_err(st);
	if (!ref || !*ref) {
		*err = text_printf("an empty REF: %s", ref_help);
		return STORE_INVALID;
	}
	if (st->have_dbs) {
		rc = rbegin(st, &txn);
		if (rc == 0)
			rc = read_last_seq(st, txn, &last);
		if (rc)
			goto out;
	}
	if (isalpha((unsigned char)ref[0])) {
		struct cbuf k = { 0 };
		MDB_val v;
		char *names;

		if (!store_baseline_name_ok(ref)) {
			*err = text_printf("'%s' is not a baseline name (letters, digits, '-', '_' "
			                   "and '.', a letter first): %s", ref, ref_help);
			src = STORE_INVALID;
			goto out;
		}
		key2_aux_name(&k, 'B', ref);
		rc = txn ? t_get(st, txn, DB_AUX, &k, &v) : MDB_NOTFOUND;
		if (rc == 0 && ou_get(v.mv_data, v.mv_size, seq) != v.mv_size)
			rc = store_damage(st, DB_AUX, k.p, k.n, "not a history number");
		cbuf_free(&k);
		if (rc == MDB_NOTFOUND) {
			rc = 0;
			store_txn_end(txn, false);
			txn = NULL;
			names = baseline_names(st);
			*err = text_printf("no baseline '%s' (baselines: %s)", ref,
			                   names ? names : "?");
			free(names);
			src = STORE_NOTFOUND;
		}
		goto out;
	}
	if (*num && digits(num, strlen(num))) {
		errno = 0;
		*seq = strtoull(num, NULL, 10);
		if (errno || *seq > last) {
			*err = text_printf("no history entry #%s (the newest is #%llu)", num,
			                   (unsigned long long)last);
			*seq = 0;
			src = STORE_NOTFOUND;
		}
		goto out;
	}
	if (parse_when(ref, &t)) {
		if (txn)
			rc = seq_by_time(st, txn, t, seq);
		goto out;
	}
	*err = text_printf("'%s' is not a REF: %s", ref, ref_help);
	src = STORE_INVALID;
out:
	store_txn_end(txn, false);
	if (rc) {
		*seq = 0;
		free(*err);
		*err = NULL;
		return store_fail(st, rc);
	}
	return src;
}
