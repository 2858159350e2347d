/* store_verify.c - check a store without trusting it (store_verify(),
 * store.h). The file's structure first (mdbcheck.c, no LMDB), then the
 * keys through LMDB in the same snapshot, against what the history says:
 * here for a store of schema 1 (not upgraded yet: verify never writes),
 * in store_verify2.c for schema 2. */
#include "config.h"

#include <errno.h>
#include <lmdb.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "codec.h"
#include "mdbcheck.h"
#include "record.h"
#include "store.h"
#include "store_priv.h"
#include "store_verify2.h"
#include "text.h"

/* Interned strings (users, processes, "process\0field"): id by content. */
struct strtab {
	char **s;
	size_t *len;
	size_t n, cap;
	uint32_t *slot;         /* open addressing: id + 1, 0 empty */
	size_t nslot;
};

static uint64_t hash_bytes(const void *p, size_t n)
{
	const unsigned char *b = p;
	uint64_t h = 14695981039346656037u;     /* FNV-1a */

	for (size_t i = 0; i < n; i++) {
		h ^= b[i];
		h *= 1099511628211u;
	}
	return h;
}

static bool tab_grow(struct strtab *t)
{
	size_t nslot = t->nslot ? t->nslot * 2 : 1024;
	uint32_t *slot = calloc(nslot, sizeof *slot);

	if (!slot)
		return false;
	for (size_t i = 0; i < t->n; i++) {
		size_t j = hash_bytes(t->s[i], t->len[i]) & (nslot - 1);

		while (slot[j])
			j = (j + 1) & (nslot - 1);
		slot[j] = (uint32_t)i + 1;
	}
	free(t->slot);
	t->slot = slot;
	t->nslot = nslot;
	return true;
}

/* Id of the string (p, n); add: insert it if new. -1: not there, or out
 * of memory. */
static long tab_id(struct strtab *t, const void *p, size_t n, bool add)
{
	size_t j;

	if (!t->nslot && !tab_grow(t))
		return -1;
	j = hash_bytes(p, n) & (t->nslot - 1);
	for (; t->slot[j]; j = (j + 1) & (t->nslot - 1)) {
		size_t id = t->slot[j] - 1;

		if (t->len[id] == n && memcmp(t->s[id], p, n) == 0)
			return (long)id;
	}
	if (!add)
		return -1;
	if ((t->n + 1) * 2 > t->nslot) {
		if (!tab_grow(t))
			return -1;
		return tab_id(t, p, n, true);
	}
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 256;
		char **ns = realloc(t->s, cap * sizeof *ns);
		size_t *nl;

		if (!ns)
			return -1;
		t->s = ns;
		nl = realloc(t->len, cap * sizeof *nl);
		if (!nl)
			return -1;
		t->len = nl;
		t->cap = cap;
	}
	t->s[t->n] = malloc(n + 1);     /* NUL-terminated, for messages */
	if (!t->s[t->n])
		return -1;
	memcpy(t->s[t->n], p, n);
	t->s[t->n][n] = '\0';
	t->len[t->n] = n;
	t->slot[j] = (uint32_t)++t->n;
	return (long)(t->n - 1);
}

static void tab_free(struct strtab *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->s[i]);
	free(t->s);
	free(t->len);
	free(t->slot);
}

/* One history entry, by seq, as far as the cross-checks need it. */
struct ent {
	bool present;
	bool damaged;           /* there, but cannot be decoded (reported) */
	bool indexed;           /* x/ names it */
	bool on_undo;           /* u/ names it */
	bool in_redo;           /* R/ names it */
	bool undone;            /* a SET undone and not redone since */
	unsigned char kind;
	long user, process, pf;
	uint64_t ref, old_rev, new_rev, old_hash, new_hash, last_undo;
};

/* The state of one field ("process\0field") as its history leaves it. */
struct fstate {
	uint64_t rev, hash, last;
	int64_t time;
	long user;
	bool has_r;
};

struct vctx {
	struct store *st;
	MDB_txn *txn;
	store_problem_fn fn;
	void *arg;
	size_t problems;
	bool stop;
	struct strtab users, procs, pfs;
	struct ent *e;          /* e[seq], 1..n_e */
	uint64_t n_e, m_seq;
	uint64_t n_damaged;     /* entries that cannot be decoded */
	struct fstate *fs;      /* by pf id */
	size_t n_fs;
	struct redo_key { char *where, *user; uint64_t useq, sseq; } *redo;
	size_t n_redo;
	bool oom;
};

static void vproblem(struct vctx *v, const char *where, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void vproblem(struct vctx *v, const char *where, const char *fmt, ...)
{
	char what[600];
	va_list ap;

	v->problems++;
	if (v->stop)
		return;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	if (!v->fn(where, what, v->arg))
		v->stop = true;
}

static const char *kind_name(unsigned k)
{
	return k == HIST_SET ? "change" : k == HIST_UNDO ? "undo" : "redo";
}

static struct fstate *fstate_of(struct vctx *v, long pf)
{
	if (pf < 0)
		return NULL;
	if ((size_t)pf >= v->n_fs) {
		size_t n = ((size_t)pf + 1) * 2;
		struct fstate *nf = realloc(v->fs, n * sizeof *nf);

		if (!nf)
			return NULL;
		memset(nf + v->n_fs, 0, (n - v->n_fs) * sizeof *nf);
		v->fs = nf;
		v->n_fs = n;
	}
	return &v->fs[pf];
}

static long pf_id(struct vctx *v, const char *process, const char *field, bool add)
{
	size_t pn = strlen(process), fn = strlen(field);
	char *b = malloc(pn + fn + 1);
	long id;

	if (!b)
		return -1;
	memcpy(b, process, pn + 1);
	memcpy(b + pn + 1, field, fn);
	id = tab_id(&v->pfs, b, pn + 1 + fn, add);
	free(b);
	return id;
}

static bool name_ok(const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n == 0 || n > max)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7F)
			return false;
	return true;
}

/* h/<seq>: decode, check against the entries before it, remember it. */
static void check_hist(struct vctx *v, const MDB_val *k, const MDB_val *val, const char *where)
{
	struct hist_rec h;
	struct ent *e, *r = NULL;
	struct fstate *f;
	uint64_t seq, want;

	if (k->mv_size != 10) {
		vproblem(v, where, "a history key must be h/ and an 8-byte number");
		return;
	}
	seq = key_tail_u64(k->mv_data, k->mv_size);
	if (seq != v->n_e + 1)
		vproblem(v, where, "the history jumps from #%llu to #%llu: entries are missing",
		         (unsigned long long)v->n_e, (unsigned long long)seq);
	if (seq == 0 || seq > v->m_seq || seq > ((uint64_t)1 << 32)) {
		vproblem(v, where, "#%llu is beyond the newest history number m/seq (#%llu)",
		         (unsigned long long)seq, (unsigned long long)v->m_seq);
		return;
	}
	if (!hist_decode(val->mv_data, val->mv_size, seq, &h)) {
		vproblem(v, where, "the history entry cannot be decoded (%zu bytes)", val->mv_size);
		v->n_e = seq;
		v->e[seq].damaged = true;
		v->n_damaged++;
		return;
	}
	v->n_e = seq;
	e = &v->e[seq];
	memset(e, 0, sizeof *e);
	e->present = true;
	e->kind = (unsigned char)h.e.kind;
	e->ref = h.e.ref;
	e->old_rev = h.old_rev;
	e->new_rev = h.new_rev;
	e->old_hash = hash_bytes(h.e.old_value, strlen(h.e.old_value));
	e->new_hash = hash_bytes(h.e.new_value, strlen(h.e.new_value));
	e->user = tab_id(&v->users, h.e.user, strlen(h.e.user), true);
	e->process = tab_id(&v->procs, h.e.process, strlen(h.e.process), true);
	e->pf = pf_id(v, h.e.process, h.e.field, true);
	if (e->user < 0 || e->process < 0 || e->pf < 0 || !(f = fstate_of(v, e->pf))) {
		v->oom = true;
		goto out;
	}
	if (!name_ok(h.e.user, STORE_MAX_USER))
		vproblem(v, where, "the user name is empty, longer than %d bytes or holds "
		         "control characters", STORE_MAX_USER);
	if (!name_ok(h.e.process, STORE_MAX_ID))
		vproblem(v, where, "the process id is empty, longer than %d bytes or holds "
		         "control characters", STORE_MAX_ID);
	if (!record_field(h.e.field, NULL))
		vproblem(v, where, "field '%s' is not a field of a record", h.e.field);
	if (h.e.kind == HIST_SET) {
		if (h.new_rev != seq)
			vproblem(v, where, "a change must give its field revision #%llu, not #%llu",
			         (unsigned long long)seq, (unsigned long long)h.new_rev);
	} else {
		r = h.e.ref && h.e.ref < seq ? &v->e[h.e.ref] : NULL;
		if (!r || !r->present || r->kind != HIST_SET || r->pf != e->pf ||
		    r->user != e->user) {
			vproblem(v, where, "an %s of #%llu, which is not a change of %s %s by %s",
			         kind_name(h.e.kind), (unsigned long long)h.e.ref, h.e.process,
			         h.e.field, h.e.user);
			r = NULL;
		} else if (h.e.kind == HIST_UNDO) {
			if (r->undone)
				vproblem(v, where, "undoes #%llu, which was undone already",
				         (unsigned long long)h.e.ref);
			if (h.new_rev != r->old_rev || e->new_hash != r->old_hash)
				vproblem(v, where, "an undo must give back the value and revision from "
				         "before #%llu", (unsigned long long)h.e.ref);
			r->undone = true;
			r->last_undo = seq;
		} else {
			if (!r->undone)
				vproblem(v, where, "redoes #%llu, which was not undone",
				         (unsigned long long)h.e.ref);
			if (h.new_rev != h.e.ref || e->new_hash != r->new_hash)
				vproblem(v, where, "a redo must give back the value and revision of "
				         "#%llu", (unsigned long long)h.e.ref);
			r->undone = false;
		}
	}
	want = f->last ? f->rev : 0;
	if (h.old_rev != want || e->old_hash != (f->last ? f->hash : hash_bytes("", 0))) {
		if (f->last)
			vproblem(v, where, "does not follow from the previous %s of %s %s (#%llu): "
			         "its old value or revision differs", kind_name(v->e[f->last].kind),
			         h.e.process, h.e.field, (unsigned long long)f->last);
		else
			vproblem(v, where, "the first %s of %s %s must start from an empty field",
			         kind_name(h.e.kind), h.e.process, h.e.field);
	}
	f->rev = h.new_rev;
	f->hash = e->new_hash;
	f->time = h.e.time;
	f->user = e->user;
	f->last = seq;
out:
	hist_free(&h);
}

/* r/<process>\0<field>: the field's state must be what its history left. */
static void check_field(struct vctx *v, const MDB_val *k, const MDB_val *val,
                        const char *where, struct strtab *records)
{
	const char *kp = k->mv_data;
	const char *nul = k->mv_size > 2 ? memchr(kp + 2, '\0', k->mv_size - 2) : NULL;
	struct field_state fs;
	struct fstate *f;
	char *process, *field;
	long pf, user;

	if (!nul) {
		vproblem(v, where, "a record key must be r/, the process id, NUL and a field");
		return;
	}
	process = strndup(kp + 2, (size_t)(nul - kp - 2));
	field = strndup(nul + 1, k->mv_size - (size_t)(nul + 1 - kp));
	if (!process || !field) {
		v->oom = true;
		goto out;
	}
	if (tab_id(records, process, strlen(process), true) < 0)
		v->oom = true;
	pf = pf_id(v, process, field, false);
	f = pf >= 0 ? fstate_of(v, pf) : NULL;
	if (f)
		f->has_r = true;
	if (!field_state_decode(val->mv_data, val->mv_size, &fs)) {
		vproblem(v, where, "the field's value cannot be decoded (%zu bytes)", val->mv_size);
		goto out;
	}
	if (!f || !f->last) {
		if (!v->n_damaged)
			vproblem(v, where, "the field has a value but no history");
	} else {
		user = tab_id(&v->users, fs.user, strlen(fs.user), false);
		if (fs.rev != f->rev)
			vproblem(v, where, "has revision #%llu; its history (#%llu) says #%llu",
			         (unsigned long long)fs.rev, (unsigned long long)f->last,
			         (unsigned long long)f->rev);
		if (hash_bytes(fs.value, strlen(fs.value)) != f->hash)
			vproblem(v, where, "its value is not the one its last %s (#%llu) wrote",
			         kind_name(v->e[f->last].kind), (unsigned long long)f->last);
		if (user != f->user || fs.time != f->time)
			vproblem(v, where, "its writer or time is not that of its last %s (#%llu)",
			         kind_name(v->e[f->last].kind), (unsigned long long)f->last);
	}
	field_state_free(&fs);
out:
	free(process);
	free(field);
}

/* "<c>/<name>\0<u64>": the name's id (in t, not added) and the number. */
static bool split_key(const MDB_val *k, struct strtab *t, long *id, uint64_t *n)
{
	const char *kp = k->mv_data;
	const char *nul = k->mv_size > 10 ? memchr(kp + 2, '\0', k->mv_size - 2) : NULL;

	if (!nul || (size_t)(nul - kp) != k->mv_size - 9)
		return false;
	*id = tab_id(t, kp + 2, (size_t)(nul - kp - 2), false);
	*n = key_tail_u64(kp, k->mv_size);
	return true;
}

static struct ent *entry(struct vctx *v, uint64_t seq)
{
	return seq >= 1 && seq <= v->n_e && v->e[seq].present ? &v->e[seq] : NULL;
}

/* A key naming an entry that cannot be decoded: reported once, there. */
static bool names_damaged(const struct vctx *v, uint64_t seq)
{
	return seq >= 1 && seq <= v->n_e && v->e[seq].damaged;
}

static void check_index(struct vctx *v, const MDB_val *k, const MDB_val *val, const char *where)
{
	long proc;
	uint64_t seq;
	struct ent *e;

	if (!split_key(k, &v->procs, &proc, &seq)) {
		vproblem(v, where, "an index key must be x/, the process id, NUL and a number");
		return;
	}
	if (val->mv_size)
		vproblem(v, where, "an index key has an empty value, not %zu bytes", val->mv_size);
	if (names_damaged(v, seq))
		return;
	e = entry(v, seq);
	if (!e || e->process != proc) {
		vproblem(v, where, "names a history entry that is not there or is of another "
		         "process");
		return;
	}
	e->indexed = true;
}

static void check_undo(struct vctx *v, const MDB_val *k, const MDB_val *val, const char *where)
{
	long user;
	uint64_t seq;
	struct ent *e;

	if (!split_key(k, &v->users, &user, &seq)) {
		vproblem(v, where, "an undo stack key must be u/, the user, NUL and a number");
		return;
	}
	if (val->mv_size)
		vproblem(v, where, "an undo stack key has an empty value, not %zu bytes",
		         val->mv_size);
	if (names_damaged(v, seq))
		return;
	e = entry(v, seq);
	if (!e || e->kind != HIST_SET || e->user != user) {
		vproblem(v, where, "names a history entry that is not a change of this user");
		return;
	}
	if (e->undone)
		vproblem(v, where, "names a change that is undone");
	e->on_undo = true;
}

/* R/ keys come first in key order: kept until the history is read. */
static void keep_redo(struct vctx *v, const MDB_val *k, const MDB_val *val, const char *where)
{
	struct redo_key *nr, *r;
	const char *kp = k->mv_data;
	const char *nul = k->mv_size > 10 ? memchr(kp + 2, '\0', k->mv_size - 2) : NULL;

	if (!nul || (size_t)(nul - kp) != k->mv_size - 9 || val->mv_size != 8) {
		vproblem(v, where, "a redo stack key must be R/, the user, NUL and a number, "
		         "its value a number");
		return;
	}
	nr = realloc(v->redo, (v->n_redo + 1) * sizeof *nr);
	if (!nr) {
		v->oom = true;
		return;
	}
	v->redo = nr;
	r = &v->redo[v->n_redo];
	r->where = strdup(where);
	r->user = strndup(kp + 2, (size_t)(nul - kp - 2));
	r->useq = key_tail_u64(kp, k->mv_size);
	r->sseq = key_tail_u64(val->mv_data, 8);
	v->n_redo++;
	if (!r->where || !r->user)
		v->oom = true;
}

static void check_redos(struct vctx *v)
{
	for (size_t i = 0; i < v->n_redo && !v->stop; i++) {
		struct redo_key *r = &v->redo[i];
		long user = tab_id(&v->users, r->user, strlen(r->user), false);
		struct ent *u = entry(v, r->useq), *s = entry(v, r->sseq);

		if (names_damaged(v, r->useq) || names_damaged(v, r->sseq))
			continue;
		if (!u || u->kind != HIST_UNDO || u->ref != r->sseq || u->user != user) {
			vproblem(v, r->where, "must name an undo by this user of change #%llu",
			         (unsigned long long)r->sseq);
			continue;
		}
		if (!s || !s->undone || s->last_undo != r->useq) {
			vproblem(v, r->where, "change #%llu is not undone by #%llu any more",
			         (unsigned long long)r->sseq, (unsigned long long)r->useq);
			continue;
		}
		if (s->in_redo)
			vproblem(v, r->where, "change #%llu is on the redo stack twice",
			         (unsigned long long)r->sseq);
		s->in_redo = true;
	}
}

/* What only shows once every key was seen: entries without an index key,
 * changes in effect missing from their author's undo stack, fields whose
 * history has no r/ key. */
static void check_missing(struct vctx *v)
{
	char where[400];

	for (uint64_t seq = 1; seq <= v->n_e && !v->stop; seq++) {
		struct ent *e = &v->e[seq];

		if (!e->present)
			continue;
		snprintf(where, sizeof where, "h/#%llu", (unsigned long long)seq);
		if (!e->indexed)
			vproblem(v, where, "has no index key x/%s #%llu (log of the process misses "
			         "it)", v->procs.s[e->process], (unsigned long long)seq);
		if (e->kind == HIST_SET && !e->undone && !e->on_undo)
			vproblem(v, where, "a change in effect that is not on its author's undo "
			         "stack (u/%s #%llu)", v->users.s[e->user], (unsigned long long)seq);
	}
	for (size_t pf = 0; pf < v->pfs.n && !v->stop; pf++) {
		struct fstate *f = fstate_of(v, (long)pf);

		if (f && f->last && !f->has_r) {
			snprintf(where, sizeof where, "r/%s %.*s", v->pfs.s[pf],
			         (int)(v->pfs.len[pf] - strlen(v->pfs.s[pf]) - 1),
			         v->pfs.s[pf] + strlen(v->pfs.s[pf]) + 1);
			vproblem(v, where, "missing: the history has changes of this field "
			         "(newest #%llu)", (unsigned long long)f->last);
		}
	}
}

/* m/ keys of schema 1: the schema, a model id, the newest seq. */
static int check_meta_keys(struct vctx *v, struct store_verify_stats *stats)
{
	static const char *const names[] = { "m/schema", "m/model", "m/seq" };

	for (int i = 0; i < 3; i++) {
		MDB_val k = { strlen(names[i]), (void *)names[i] }, val;
		int rc = mdb_get(v->txn, v->st->dbi, &k, &val);

		if (rc == MDB_NOTFOUND) {
			if (i < 2)
				vproblem(v, names[i], "missing: every store has it");
			continue;
		}
		if (rc)
			return rc;
		if (i == 0) {
			char want[16];

			snprintf(want, sizeof want, "%d", STORE_SCHEMA_V1);
			if (val.mv_size != strlen(want) || memcmp(val.mv_data, want, val.mv_size))
				vproblem(v, names[i], "is not schema version %s", want);
		} else if (i == 1) {
			if (val.mv_size == 0 || val.mv_size >= sizeof stats->model ||
			    memchr(val.mv_data, '\0', val.mv_size))
				vproblem(v, names[i], "is not a model id (%zu bytes)", val.mv_size);
			else
				snprintf(stats->model, sizeof stats->model, "%.*s", (int)val.mv_size,
				         (const char *)val.mv_data);
		} else if (val.mv_size != 8) {
			vproblem(v, names[i], "is not an 8-byte number");
		} else {
			v->m_seq = key_tail_u64(val.mv_data, 8);
		}
	}
	return 0;
}

/* m/schema (into stats->schema; a problem if not 1 or 2) and m/model. */
static int read_schema_model(struct vctx *v, struct store_verify_stats *stats)
{
	MDB_val k = { 8, "m/schema" }, val;
	char buf[16];
	int rc = mdb_get(v->txn, v->st->dbi, &k, &val);

	if (rc == MDB_NOTFOUND) {
		vproblem(v, "m/schema", "missing: every store has it");
		return 0;
	}
	if (rc)
		return rc;
	snprintf(buf, sizeof buf, "%.*s", (int)(val.mv_size < 15 ? val.mv_size : 15),
	         (const char *)val.mv_data);
	stats->schema = strcmp(buf, "1") == 0 ? 1 : strcmp(buf, "2") == 0 ? 2 : 0;
	if (!stats->schema) {
		vproblem(v, "m/schema", "is not a schema version this prmwb reads (%d or %d)",
		         STORE_SCHEMA_V1, STORE_SCHEMA);
		return 0;
	}
	k.mv_data = "m/model";
	k.mv_size = 7;
	rc = mdb_get(v->txn, v->st->dbi, &k, &val);
	if (rc == MDB_NOTFOUND) {
		vproblem(v, "m/model", "missing: every store has it");
		return 0;
	}
	if (rc)
		return rc;
	if (val.mv_size == 0 || val.mv_size >= sizeof stats->model ||
	    memchr(val.mv_data, '\0', val.mv_size))
		vproblem(v, "m/model", "is not a model id (%zu bytes)", val.mv_size);
	else
		snprintf(stats->model, sizeof stats->model, "%.*s", (int)val.mv_size,
		         (const char *)val.mv_data);
	return 0;
}

/* A key's name in messages (mdbcheck_key_fn). */
static void name_key(const char *db, const void *key, size_t len, char *buf, size_t size)
{
	if (db) {
		for (int i = 0; i < DB_COUNT; i++) {
			if (strcmp(db, store_db_names[i]) == 0) {
				char k[300];

				key2_describe((enum store_db)i, key, len, k, sizeof k);
				snprintf(buf, size, "%s/%s", db, k);
				return;
			}
		}
	}
	key_describe(key, len, buf, size);
}

/* Walk every key in order (R/ < h/ < m/ < r/ < u/ < x/). */
static int check_keys(struct vctx *v, struct store_verify_stats *stats)
{
	struct strtab records = { 0 };
	MDB_cursor *cur;
	MDB_val k, val;
	int rc;

	if (v->m_seq > ((uint64_t)1 << 32)) {
		vproblem(v, "m/seq", "#%llu is not a plausible number of changes",
		         (unsigned long long)v->m_seq);
		v->m_seq = 0;
	}
	v->e = calloc(v->m_seq + 2, sizeof *v->e);
	if (!v->e)
		return ENOMEM;
	rc = mdb_cursor_open(v->txn, v->st->dbi, &cur);
	if (rc)
		return rc;
	for (rc = mdb_cursor_get(cur, &k, &val, MDB_FIRST); rc == 0 && !v->stop && !v->oom;
	     rc = mdb_cursor_get(cur, &k, &val, MDB_NEXT)) {
		const char *kp = k.mv_data;
		char where[400];
		char c = k.mv_size >= 2 && kp[1] == '/' ? kp[0] : '\0';

		stats->keys++;
		key_describe(k.mv_data, k.mv_size, where, sizeof where);
		if (c == 'R') {
			keep_redo(v, &k, &val, where);
		} else if (c == 'h') {
			check_hist(v, &k, &val, where);
			stats->history++;
		} else if (c == 'm') {
			if (strcmp(where, "m/schema") && strcmp(where, "m/model") &&
			    strcmp(where, "m/seq"))
				vproblem(v, where, "a key this prmwb does not know");
		} else if (c == 'r') {
			check_field(v, &k, &val, where, &records);
		} else if (c == 'u') {
			check_undo(v, &k, &val, where);
		} else if (c == 'x') {
			check_index(v, &k, &val, where);
		} else {
			vproblem(v, where, "a key this prmwb does not know");
		}
	}
	mdb_cursor_close(cur);
	stats->records = records.n;
	tab_free(&records);
	if (rc != 0 && rc != MDB_NOTFOUND)
		return rc;
	if (v->oom)
		return ENOMEM;
	if (!v->stop && v->n_e != v->m_seq) {
		char n[40];

		snprintf(n, sizeof n, "#%llu", (unsigned long long)v->n_e);
		vproblem(v, "m/seq", "says the newest history entry is #%llu; the history ends "
		         "at %s", (unsigned long long)v->m_seq, v->n_e ? n : "nothing");
	}
	check_redos(v);
	check_missing(v);
	return 0;
}

enum store_rc store_verify(const char *dir, store_problem_fn fn, void *arg,
                           struct store_verify_stats *stats, char **err)
{
	struct store_verify_stats dummy;
	struct mdbcheck_stats ms;
	struct store *st = NULL;
	struct vctx v;
	char *data, *open_err = NULL;
	size_t problems = 0;
	enum store_rc src;
	int en, rc = 0;

	*err = NULL;
	if (!stats)
		stats = &dummy;
	memset(stats, 0, sizeof *stats);
	if (!store_exists(dir)) {
		*err = text_printf("%s: no store here (nothing to verify)", dir);
		return STORE_NOTFOUND;
	}
	data = text_printf("%s/data.mdb", dir);
	if (!data) {
		*err = strdup("out of memory");
		return STORE_ERROR;
	}
	/* The environment is opened first (LMDB reads only the meta pages, with
	 * pread, then), so that a read transaction pins the snapshot that
	 * mdbcheck reads against writers; a file LMDB refuses is read by
	 * mdbcheck alone, to say what is wrong with it. */
	src = store_open(dir, "", STORE_OPEN_READONLY | STORE_OPEN_FORCE_MODEL | STORE_OPEN_RAW,
	                 &st, &open_err);
	if (src != STORE_OK)
		st = NULL;
	memset(&v, 0, sizeof v);
	v.st = st;
	v.fn = fn;
	v.arg = arg;
	for (int attempt = 0; attempt < 5; attempt++) {
		if (st) {
			rc = store_txn_begin(st, MDB_RDONLY, &v.txn);
			if (rc)
				break;
		}
		en = mdbcheck_file(data, fn, arg, name_key, &ms, &problems);
		/* Committed meanwhile (before our transaction had its snapshot):
		 * check the snapshot the transaction reads. */
		if (en || problems || !v.txn || ms.txnid == mdb_txn_id(v.txn))
			break;
		store_txn_end(v.txn, false);
		v.txn = NULL;
	}
	stats->pages = ms.pages;
	stats->free_pages = ms.free_pages;
	stats->page_size = ms.psize;
	stats->keys = ms.entries;
	if (rc) {
		*err = text_printf("%s: cannot read the store: %s", dir, mdb_strerror(rc));
		src = STORE_ERROR;
		goto out;
	}
	if (en == ELOOP || en == EINVAL) {
		fn(data, en == ELOOP ? "is a symbolic link; a store's files must be regular files" :
		   "is not a regular file", arg);
		src = STORE_INVALID;
		goto out;
	}
	if (en) {
		*err = text_printf("%s: cannot read %s: %s", dir, data, strerror(en));
		src = STORE_ERROR;
		goto out;
	}
	if (problems) {
		src = STORE_DAMAGED;
		goto out;
	}
	if (!st) {
		/* mdbcheck found the file sound, but the store did not open. */
		fn(dir, open_err ? open_err : store_strerror(src), arg);
		src = src == STORE_ERROR ? STORE_ERROR : STORE_INVALID;
		goto out;
	}
	rc = mdb_dbi_open(v.txn, NULL, 0, &st->dbi);
	if (rc == 0)
		rc = read_schema_model(&v, stats);
	if (rc == 0 && stats->schema == STORE_SCHEMA) {
		size_t p2 = 0;

		rc = verify_v2(st, v.txn, fn, arg, stats, &p2);
		v.problems += p2;
	} else if (rc == 0 && stats->schema == STORE_SCHEMA_V1) {
		rc = check_meta_keys(&v, stats);
		stats->keys = 0;
		if (rc == 0)
			rc = check_keys(&v, stats);
	}
	if (rc) {
		*err = text_printf("%s: cannot read the store: %s", dir, mdb_strerror(rc));
		src = STORE_ERROR;
	} else {
		src = v.problems ? STORE_DAMAGED : STORE_OK;
	}
out:
	store_txn_end(v.txn, false);
	store_close(st);
	for (size_t i = 0; i < v.n_redo; i++) {
		free(v.redo[i].where);
		free(v.redo[i].user);
	}
	free(v.redo);
	free(v.e);
	free(v.fs);
	tab_free(&v.users);
	tab_free(&v.procs);
	tab_free(&v.pfs);
	free(open_err);
	free(data);
	return src;
}
