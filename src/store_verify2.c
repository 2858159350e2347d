/* store_verify2.c - store_verify() of a schema-2 store (store.h): every key
 * of every database decodes, and what the history says agrees with
 * everything derived from it: the fields' versions (fhist), the fields now
 * (cur), the time index, the undo and redo stacks and undone marks (as the
 * change sets' entries give them, by the rules of store_write.c's
 * finish_set()), baselines and set marks, the interned names.
 *
 * Memory: one byte per history entry and a little per field, user and
 * undone change; the rest is looked up through LMDB in the one read
 * transaction. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codec.h"
#include "record.h"
#include "store.h"
#include "store_priv.h"
#include "store_verify2.h"
#include "text.h"

/* Per history entry. */
enum {
	E_PRESENT = 1,          /* decoded */
	E_START = 2,            /* the first entry of its change set */
	E_ON_U = 4,             /* (set start) the set is on its user's undo stack */
	E_ON_R = 8,             /* (set start) the undo set is on the redo stack */
	E_UNDONE = 16,          /* a SET entry that is undone */
	E_SET = 32,             /* kind SET */
};

/* u64 -> u64, open addressing (key 0 is never used: no entry #0). */
struct map {
	uint64_t *k, *v;
	size_t n, cap;
};

static bool map_put(struct map *m, uint64_t k, uint64_t v)
{
	if ((m->n + 1) * 2 > m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 1024;
		uint64_t *nk = calloc(cap, sizeof *nk), *nv = calloc(cap, sizeof *nv);

		if (!nk || !nv) {
			free(nk);
			free(nv);
			return false;
		}
		for (size_t i = 0; i < m->cap; i++) {
			size_t j;

			if (!m->k[i])
				continue;
			for (j = (m->k[i] * 0x9E3779B97F4A7C15u) & (cap - 1); nk[j]; j = (j + 1) & (cap - 1))
				;
			nk[j] = m->k[i];
			nv[j] = m->v[i];
		}
		free(m->k);
		free(m->v);
		m->k = nk;
		m->v = nv;
		m->cap = cap;
	}
	for (size_t j = (k * 0x9E3779B97F4A7C15u) & (m->cap - 1);; j = (j + 1) & (m->cap - 1)) {
		if (m->k[j] == k) {
			m->v[j] = v;
			return true;
		}
		if (!m->k[j]) {
			m->k[j] = k;
			m->v[j] = v;
			m->n++;
			return true;
		}
	}
}

static uint64_t map_get(const struct map *m, uint64_t k)
{
	if (!m->cap)
		return 0;
	for (size_t j = (k * 0x9E3779B97F4A7C15u) & (m->cap - 1); m->k[j]; j = (j + 1) & (m->cap - 1))
		if (m->k[j] == k)
			return m->v[j];
	return 0;
}

/* Per interned id (users, fields, origins): present, and per field its
 * history's count and newest entry. */
struct ids {
	unsigned char *have;    /* by id: 1 'X' key, 2 reverse key too */
	uint64_t *count, *newest;
	size_t cap;
};

struct v2 {
	struct store *st;
	MDB_txn *txn;
	store_problem_fn fn;
	void *arg;
	size_t problems;
	bool stop, oom;
	unsigned char *e;       /* by seq, 1..n */
	uint64_t n;             /* newest entry */
	struct ids users, pfs, origins;
	uint64_t *lastset;      /* by user id: the newest SET set */
	size_t n_lastset;
	struct map lastundo;    /* undone SET entry -> the undo that undid it */
	uint64_t undone;        /* entries undone */
	uint64_t n_bl, n_marks, n_dkeys, n_ukeys, n_rkeys;
	uint64_t baselines, changes;    /* entries of these kinds */
	uint64_t times;         /* distinct running maxima of the times */
	char *last_process;     /* cur: the process of the key before */
	uint64_t processes;
};

static void problem(struct v2 *v, const char *where, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void problem(struct v2 *v, const char *where, const char *fmt, ...)
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

static void where_of(enum store_db db, const void *k, size_t n, char *buf, size_t size)
{
	char name[300];

	key2_describe(db, k, n, name, sizeof name);
	snprintf(buf, size, "%s/%s", store_db_names[db], name);
}

static void where_seq(uint64_t seq, char *buf, size_t size)
{
	snprintf(buf, size, "hist/#%llu", (unsigned long long)seq);
}

static bool ids_grow(struct ids *t, uint64_t id)
{
	if (id >= t->cap) {
		size_t cap = (size_t)id * 2 + 16;
		unsigned char *h = realloc(t->have, cap);
		uint64_t *c = realloc(t->count, cap * sizeof *c);
		uint64_t *nw = c ? realloc(t->newest, cap * sizeof *nw) : NULL;

		if (h)
			t->have = h;
		if (c)
			t->count = c;
		if (nw)
			t->newest = nw;
		if (!h || !c || !nw)
			return false;
		memset(t->have + t->cap, 0, cap - t->cap);
		memset(t->count + t->cap, 0, (cap - t->cap) * sizeof *c);
		memset(t->newest + t->cap, 0, (cap - t->cap) * sizeof *nw);
		t->cap = cap;
	}
	return true;
}

static void ids_free(struct ids *t)
{
	free(t->have);
	free(t->count);
	free(t->newest);
}

static bool have(const struct ids *t, uint64_t id)
{
	return id && id < t->cap && t->have[id];
}

/* ---- aux -------------------------------------------------------------------------- */

static bool text_ok(const void *p, size_t n, size_t max)
{
	const unsigned char *s = p;

	if (n == 0 || n > max)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < 0x20 || s[i] == 0x7F)
			return false;
	return true;
}

/* An id key ('U', 'P', 'O') and its name; then the reverse ('u', 'o'). */
static void aux_key(struct v2 *v, const MDB_val *k, const MDB_val *val, const char *where)
{
	const unsigned char *kp = k->mv_data;
	uint64_t id = 0, a = 0, b = 0;
	size_t x, y;
	struct ids *t;

	switch (kp[0]) {
	case 'U': case 'P': case 'O':
		t = kp[0] == 'U' ? &v->users : kp[0] == 'P' ? &v->pfs : &v->origins;
		if (ou_get(kp + 1, k->mv_size - 1, &id) != k->mv_size - 1 || id == 0) {
			problem(v, where, "an id key must be a letter and a number");
			return;
		}
		if (kp[0] == 'U' && !text_ok(val->mv_data, val->mv_size, STORE_MAX_USER))
			problem(v, where, "the user name is empty, longer than %d bytes or holds "
			        "control characters", STORE_MAX_USER);
		if (kp[0] == 'O') {
			char u[40];

			snprintf(u, sizeof u, "%.*s", (int)(val->mv_size < 39 ? val->mv_size : 39),
			         (const char *)val->mv_data);
			if (val->mv_size != 36 || !uuid_text_ok(u))
				problem(v, where, "an origin must be a UUID (36 characters)");
		}
		if (kp[0] == 'P') {
			const char *s = val->mv_data;
			const char *nul = memchr(s, '\0', val->mv_size);
			char *field = nul ? strndup(nul + 1, val->mv_size - (size_t)(nul + 1 - s)) : NULL;

			if (!nul || !text_ok(s, (size_t)(nul - s), STORE_MAX_ID) || !field ||
			    strlen(field) != val->mv_size - (size_t)(nul + 1 - s) ||
			    !record_field(field, NULL))
				problem(v, where, "must name a process and a field of a record");
			free(field);
		}
		if (!ids_grow(t, id)) {
			v->oom = true;
			return;
		}
		t->have[id] |= 1;
		return;
	case 'u': case 'o': {
		struct cbuf r = { 0 };
		MDB_val rv;
		int rc;

		if (ou_get(val->mv_data, val->mv_size, &id) != val->mv_size || id == 0) {
			problem(v, where, "its value must be an id");
			return;
		}
		key2_aux_id(&r, kp[0] == 'u' ? 'U' : 'O', id);
		rc = t_get(v->st, v->txn, DB_AUX, &r, &rv);
		cbuf_free(&r);
		if (rc == 0 && (rv.mv_size != k->mv_size - 1 ||
		                memcmp(rv.mv_data, kp + 1, rv.mv_size))) {
			problem(v, where, "names id %llu, whose name is another",
			        (unsigned long long)id);
			return;
		}
		if (rc) {
			problem(v, where, "names id %llu, which has no name", (unsigned long long)id);
			return;
		}
		t = kp[0] == 'u' ? &v->users : &v->origins;
		if (ids_grow(t, id))
			t->have[id] |= 2;
		else
			v->oom = true;
		return;
	}
	case 'R':
		x = ou_get(kp + 1, k->mv_size - 1, &a);
		y = x ? ou_get(kp + 1 + x, k->mv_size - 1 - x, &b) : 0;
		if (!x || !y || x + y != k->mv_size - 1 || val->mv_size) {
			problem(v, where, "a redo stack key must be R, a user id and a number, with "
			        "no value");
			return;
		}
		v->n_rkeys++;
		if (b > v->n || !(v->e[b] & E_ON_R) || (a < v->n_lastset && b < v->lastset[a]))
			problem(v, where, "names #%llu, which is not an undo on this user's redo stack "
			        "as the history gives it", (unsigned long long)b);
		else {
			struct hist2 h;

			if (read_hist2(v->st, v->txn, b, &h) == 0) {
				hist2_free(&h);
				if (h.user != a)
					problem(v, where, "names an undo of another user");
			}
		}
		return;
	case 'D':
		if (ou_get(kp + 1, k->mv_size - 1, &a) != k->mv_size - 1 ||
		    ou_get(val->mv_data, val->mv_size, &b) != val->mv_size) {
			problem(v, where, "an undone mark must be D and a number, its value a number");
			return;
		}
		v->n_dkeys++;
		if (a > v->n || !(v->e[a] & E_UNDONE) || map_get(&v->lastundo, a) != b)
			problem(v, where, "says #%llu was undone by #%llu; the history says %s",
			        (unsigned long long)a, (unsigned long long)b,
			        a <= v->n && (v->e[a] & E_UNDONE) ? "by another undo" : "it is in effect");
		return;
	case 'B': {
		struct hist2 h;
		char name[STORE_MAX_BASELINE + 1];

		snprintf(name, sizeof name, "%.*s", (int)(k->mv_size - 1 < STORE_MAX_BASELINE ?
		         k->mv_size - 1 : STORE_MAX_BASELINE), (const char *)kp + 1);
		if (k->mv_size - 1 > STORE_MAX_BASELINE || !store_baseline_name_ok(name) ||
		    ou_get(val->mv_data, val->mv_size, &a) != val->mv_size) {
			problem(v, where, "a baseline key must be B and a baseline name, its value "
			        "a number");
			return;
		}
		v->n_bl++;
		if (a == 0 || a > v->n || read_hist2(v->st, v->txn, a, &h) != 0) {
			problem(v, where, "names #%llu, which is not in the history",
			        (unsigned long long)a);
			return;
		}
		if (h.kind != HIST_BASELINE || !h.a || strcmp(h.a, name))
			problem(v, where, "names #%llu, which is not the entry that made this baseline",
			        (unsigned long long)a);
		hist2_free(&h);
		return;
	}
	case 'S': {
		struct setmark m;

		if (ou_get(kp + 1, k->mv_size - 1, &a) != k->mv_size - 1 ||
		    !setmark_decode(val->mv_data, val->mv_size, &m)) {
			problem(v, where, "a set mark cannot be decoded");
			return;
		}
		setmark_free(&m);
		v->n_marks++;
		if (a == 0 || a > v->n || !(v->e[a] & E_START) || !(v->e[a] & E_SET))
			problem(v, where, "marks #%llu, which does not start a change set of changes",
			        (unsigned long long)a);
		return;
	}
	default:
		problem(v, where, "a key this prmwb does not know");
	}
}

/* The aux ids first (the history refers to them), the rest after. */
static int walk_aux(struct v2 *v, bool ids)
{
	MDB_cursor *cur;
	MDB_val k, val;
	int rc = mdb_cursor_open(v->txn, v->st->db[DB_AUX], &cur);

	if (rc)
		return rc;
	for (rc = mdb_cursor_get(cur, &k, &val, MDB_FIRST); rc == 0 && !v->stop && !v->oom;
	     rc = mdb_cursor_get(cur, &k, &val, MDB_NEXT)) {
		char where[400];
		char c = k.mv_size ? ((const char *)k.mv_data)[0] : 0;
		bool is_id = c == 'U' || c == 'P' || c == 'O' || c == 'u' || c == 'o';

		if (is_id != ids)
			continue;
		where_of(DB_AUX, k.mv_data, k.mv_size, where, sizeof where);
		if (!k.mv_size) {
			problem(v, where, "an empty key");
			continue;
		}
		aux_key(v, &k, &val, where);
	}
	mdb_cursor_close(cur);
	return rc == MDB_NOTFOUND ? 0 : rc;
}

/* ---- the history ------------------------------------------------------------------ */

/* The version of pf that entry seq wrote (exact key). */
static int version_at(struct v2 *v, uint64_t pf, uint64_t seq, struct fver *f)
{
	struct cbuf k = { 0 };
	MDB_val val;
	int rc;

	memset(f, 0, sizeof *f);
	key2_fhist(&k, pf, seq);
	rc = t_get(v->st, v->txn, DB_FHIST, &k, &val);
	if (rc == 0 && !fver_decode(val.mv_data, val.mv_size, seq, f))
		rc = MDB_CORRUPTED;
	cbuf_free(&k);
	return rc;
}

/* The version before entry seq (none: rev 0, ""). */
static int version_before(struct v2 *v, uint64_t pf, uint64_t seq, struct fver *f)
{
	uint64_t at;
	int rc = read_fver_at(v->st, v->txn, NULL, pf, seq - 1, f, &at);

	if (rc == MDB_NOTFOUND) {
		memset(f, 0, sizeof *f);
		f->value = strdup("");
		rc = f->value ? 0 : ENOMEM;
	}
	return rc;
}

static bool same_version(const struct fver *a, const struct fver *b)
{
	return a->rev == b->rev && a->origin == b->origin &&
	       (!a->origin || a->origin_rev == b->origin_rev) && strcmp(a->value, b->value) == 0;
}

/* A change set ends (first..last): its effect on the stacks. */
static void end_set(struct v2 *v, uint64_t first, uint64_t last)
{
	struct hist2 h0;
	uint64_t s = 0, uset = 0;
	char where[64];

	if (!first || read_hist2(v->st, v->txn, first, &h0) != 0)
		return;
	hist2_free(&h0);
	where_seq(first, where, sizeof where);
	if (h0.kind == HIST_SET) {
		if (h0.user >= v->n_lastset) {
			size_t n = (size_t)h0.user * 2 + 8;
			uint64_t *nl = realloc(v->lastset, n * sizeof *nl);

			if (!nl) {
				v->oom = true;
				return;
			}
			memset(nl + v->n_lastset, 0, (n - v->n_lastset) * sizeof *nl);
			v->lastset = nl;
			v->n_lastset = n;
		}
		v->e[first] |= E_ON_U;
		v->lastset[h0.user] = first;
		return;
	}
	if (h0.kind != HIST_UNDO && h0.kind != HIST_REDO)
		return;
	for (uint64_t seq = first; seq <= last; seq++) {
		struct hist2 h, r;

		if (!(v->e[seq] & E_PRESENT) || read_hist2(v->st, v->txn, seq, &h) != 0)
			return;
		hist2_free(&h);
		if (read_hist2(v->st, v->txn, h.ref, &r) != 0)
			return;
		hist2_free(&r);
		if (s && r.set != s) {
			problem(v, where, "undoes or redoes changes of more than one change set");
			return;
		}
		s = r.set;
		if (h.kind == HIST_UNDO) {
			v->e[h.ref] |= E_UNDONE;
			if (!map_put(&v->lastundo, h.ref, seq))
				v->oom = true;
		} else {
			uint64_t u = map_get(&v->lastundo, h.ref);
			struct hist2 uh;

			if (!(v->e[h.ref] & E_UNDONE) || !u || read_hist2(v->st, v->txn, u, &uh)) {
				problem(v, where, "redoes #%llu, which is not undone",
				        (unsigned long long)h.ref);
				continue;
			}
			hist2_free(&uh);
			if (uset && uh.set != uset)
				problem(v, where, "redoes changes undone by more than one undo");
			uset = uh.set;
			v->e[h.ref] &= (unsigned char)~E_UNDONE;
		}
	}
	if (h0.kind == HIST_UNDO) {
		bool all = true;

		if (!(h0.flags & HIST_F_NAMED) && !(v->e[s] & E_ON_U))
			problem(v, where, "undoes change set #%llu as a whole, which was not on the "
			        "undo stack", (unsigned long long)s);
		for (uint64_t e = s; all && e <= v->n && (e == s || !(v->e[e] & E_START)); e++)
			if ((v->e[e] & E_SET) && !(v->e[e] & E_UNDONE))
				all = false;
		if (!(h0.flags & HIST_F_NAMED) || all)
			v->e[s] &= (unsigned char)~E_ON_U;
		v->e[first] |= E_ON_R;
	} else {
		if (!uset || !(v->e[uset] & E_ON_R) ||
		    (h0.user < v->n_lastset && uset < v->lastset[h0.user]))
			problem(v, where, "redoes undo #%llu, which was not on the redo stack",
			        (unsigned long long)uset);
		if (uset)
			v->e[uset] &= (unsigned char)~E_ON_R;
		v->e[s] |= E_ON_U;
	}
}

/* UNDO/REDO entry h (seq): refers to a change of the same field and user
 * and gives back the right version; the field was as it should be. */
static void check_undo(struct v2 *v, uint64_t seq, const struct hist2 *h, const struct fver *f,
                       const char *where)
{
	struct hist2 r;
	struct fver want, before;
	uint64_t u;

	if (read_hist2(v->st, v->txn, h->ref, &r) != 0) {
		problem(v, where, "refers to #%llu, which cannot be read", (unsigned long long)h->ref);
		return;
	}
	hist2_free(&r);
	if (r.kind != HIST_SET || r.pf != h->pf || r.user != h->user) {
		problem(v, where, "an %s of #%llu, which is not a change of the same field by the "
		        "same user", h->kind == HIST_UNDO ? "undo" : "redo",
		        (unsigned long long)h->ref);
		return;
	}
	if (h->kind == HIST_UNDO && (v->e[h->ref] & E_UNDONE))
		problem(v, where, "undoes #%llu, which was undone already", (unsigned long long)h->ref);
	if (h->kind == HIST_REDO && !(v->e[h->ref] & E_UNDONE))
		problem(v, where, "redoes #%llu, which was not undone", (unsigned long long)h->ref);
	/* what it gives back */
	if ((h->kind == HIST_UNDO ? version_before(v, h->pf, h->ref, &want) :
	     version_at(v, h->pf, h->ref, &want)) != 0) {
		problem(v, where, "the version it gives back cannot be read");
		return;
	}
	if (!same_version(f, &want))
		problem(v, where, "an %s must give back the value, revision and origin %s #%llu",
		        h->kind == HIST_UNDO ? "undo" : "redo",
		        h->kind == HIST_UNDO ? "from before" : "of", (unsigned long long)h->ref);
	/* the field was as the change (undo) or the undo (redo) left it */
	u = h->kind == HIST_REDO ? map_get(&v->lastundo, h->ref) : 0;
	if (version_before(v, h->pf, seq, &before) == 0) {
		struct fver left;

		if (h->kind == HIST_UNDO && before.rev != h->ref)
			problem(v, where, "undoes #%llu of a field that was changed since",
			        (unsigned long long)h->ref);
		if (h->kind == HIST_REDO && u && version_at(v, h->pf, u, &left) == 0) {
			if (before.rev != left.rev)
				problem(v, where, "redoes #%llu of a field that was changed since its undo",
				        (unsigned long long)h->ref);
			fver_free(&left);
		}
		fver_free(&before);
	}
	fver_free(&want);
}

static void check_entry(struct v2 *v, const MDB_val *k, const MDB_val *val, uint64_t *set_first,
                        int64_t *tmax, bool *have_t)
{
	char where[400];
	uint64_t seq = 0;
	struct hist2 h;
	struct fver f;

	where_of(DB_HIST, k->mv_data, k->mv_size, where, sizeof where);
	if (ou_get(k->mv_data, k->mv_size, &seq) != k->mv_size || seq == 0) {
		problem(v, where, "a history key must be a number from 1");
		return;
	}
	if (seq != v->n + 1) {
		problem(v, where, "the history jumps from #%llu to #%llu: entries are missing",
		        (unsigned long long)v->n, (unsigned long long)seq);
		return;
	}
	v->n = seq;
	if (!hist2_decode(val->mv_data, val->mv_size, seq, &h)) {
		problem(v, where, "the history entry cannot be decoded (%zu bytes)", val->mv_size);
		return;
	}
	v->e[seq] = E_PRESENT | (h.set == seq ? E_START : 0) | (h.kind == HIST_SET ? E_SET : 0);
	if (!have(&v->users, h.user))
		problem(v, where, "names user id %llu, which has no name", (unsigned long long)h.user);
	if (h.kind <= HIST_REDO && !have(&v->pfs, h.pf))
		problem(v, where, "names field id %llu, which has no name", (unsigned long long)h.pf);
	/* the change set: consecutive, one kind, one user */
	if (h.set != seq) {
		struct hist2 p;

		if (*set_first != h.set || read_hist2(v->st, v->txn, seq - 1, &p) != 0) {
			problem(v, where, "belongs to change set #%llu, which is not the entries just "
			        "before it", (unsigned long long)h.set);
		} else {
			hist2_free(&p);
			if (p.kind != h.kind || p.user != h.user || h.kind > HIST_REDO ||
			    (h.flags & HIST_F_NAMED) || (p.flags & HIST_F_NAMED))
				problem(v, where, "differs in kind or user from its change set #%llu",
				        (unsigned long long)h.set);
		}
	} else {
		end_set(v, *set_first, seq - 1);
		*set_first = seq;
	}
	/* the time index: its keys are the running maximum */
	if (!*have_t || h.time > *tmax) {
		if (*have_t && seq > 1) {
			struct cbuf tk = { 0 };
			MDB_val tv;
			uint64_t s = 0;

			cbuf_ou(&tk, (uint64_t)*tmax);
			if (t_get(v->st, v->txn, DB_TIME, &tk, &tv) != 0 ||
			    ou_get(tv.mv_data, tv.mv_size, &s) != tv.mv_size || s != seq - 1)
				problem(v, "time", "time %lld should name #%llu, the newest entry up to it",
				        (long long)*tmax, (unsigned long long)(seq - 1));
			cbuf_free(&tk);
		}
		*tmax = h.time;
		*have_t = true;
		v->times++;
	}
	if (h.kind == HIST_BASELINE)
		v->baselines++;
	if (h.kind <= HIST_REDO)
		v->changes++;
	if (h.kind == HIST_BASELINE) {
		struct cbuf bk = { 0 };
		MDB_val bv;
		uint64_t s = 0;

		if (!store_baseline_name_ok(h.a))
			problem(v, where, "a baseline with a name that is not one");
		key2_aux_name(&bk, 'B', h.a ? h.a : "");
		if (t_get(v->st, v->txn, DB_AUX, &bk, &bv) != 0 ||
		    ou_get(bv.mv_data, bv.mv_size, &s) != bv.mv_size || s != seq)
			problem(v, where, "baseline '%s' has no key B naming this entry", h.a ? h.a : "");
		cbuf_free(&bk);
	}
	if (h.kind <= HIST_REDO && have(&v->pfs, h.pf)) {
		if (version_at(v, h.pf, seq, &f) != 0) {
			problem(v, where, "has no version of its field (fhist/field %llu #%llu), or "
			        "one that cannot be decoded", (unsigned long long)h.pf,
			        (unsigned long long)seq);
		} else {
			if (f.origin && !have(&v->origins, f.origin))
				problem(v, where, "its value comes from origin id %llu, which has no UUID",
				        (unsigned long long)f.origin);
			if (h.kind == HIST_SET && f.rev != seq)
				problem(v, where, "a change must give its field revision #%llu, not #%llu",
				        (unsigned long long)seq, (unsigned long long)f.rev);
			if (h.kind != HIST_SET)
				check_undo(v, seq, &h, &f, where);
			if (strlen(f.value) > RECORD_MAX_VALUE)
				problem(v, where, "its value is over 64 KiB");
			fver_free(&f);
		}
		v->pfs.count[h.pf]++;
		v->pfs.newest[h.pf] = seq;
	}
	hist2_free(&h);
}

/* cur: each field now is its newest version, with its writer. */
static void check_cur(struct v2 *v, const MDB_val *k, const MDB_val *val, uint64_t *n_cur)
{
	char where[400];
	const char *kp = k->mv_data;
	const char *nul = memchr(kp, '\0', k->mv_size);
	struct cur2 c;
	struct fver f;
	struct hist2 h;
	char *name = NULL, *user = NULL;
	size_t len = 0;

	where_of(DB_CUR, kp, k->mv_size, where, sizeof where);
	(*n_cur)++;
	if (!nul) {
		problem(v, where, "a field key must be the process id, NUL and a field");
		return;
	}
	if (!cur2_decode(val->mv_data, val->mv_size, &c)) {
		problem(v, where, "the field's value cannot be decoded (%zu bytes)", val->mv_size);
		return;
	}
	if (!v->last_process || strcmp(v->last_process, kp) != 0) {
		free(v->last_process);
		v->last_process = strdup(kp);
		v->processes++;
	}
	if (!have(&v->pfs, c.pf) || aux_name(v->st, v->txn, 'P', c.pf, &name, &len) != 0 ||
	    len != k->mv_size || memcmp(name, kp, len)) {
		problem(v, where, "its field id %llu names another field", (unsigned long long)c.pf);
		goto out;
	}
	if (v->pfs.newest[c.pf] == 0) {
		problem(v, where, "the field has a value but no history");
		goto out;
	}
	if (c.last != v->pfs.newest[c.pf] || c.entries != v->pfs.count[c.pf])
		problem(v, where, "says its newest entry is #%llu of %llu; the history says #%llu "
		        "of %llu", (unsigned long long)c.last, (unsigned long long)c.entries,
		        (unsigned long long)v->pfs.newest[c.pf],
		        (unsigned long long)v->pfs.count[c.pf]);
	if (version_at(v, c.pf, v->pfs.newest[c.pf], &f) == 0) {
		struct fver now = { c.rev, c.origin, c.origin_rev, c.value };

		if (!same_version(&now, &f))
			problem(v, where, "its value, revision or origin is not the one its newest "
			        "entry (#%llu) wrote", (unsigned long long)v->pfs.newest[c.pf]);
		fver_free(&f);
	}
	if (read_hist2(v->st, v->txn, v->pfs.newest[c.pf], &h) == 0) {
		hist2_free(&h);
		if (aux_name(v->st, v->txn, 'U', h.user, &user, NULL) != 0 || strcmp(user, c.user) ||
		    h.time != c.time)
			problem(v, where, "its writer or time is not that of its newest entry (#%llu)",
			        (unsigned long long)v->pfs.newest[c.pf]);
	}
out:
	free(name);
	free(user);
	cur2_free(&c);
}

static void check_undo_key(struct v2 *v, const MDB_val *k, const MDB_val *val)
{
	char where[400];
	uint64_t u = 0, s = 0;
	size_t x = ou_get(k->mv_data, k->mv_size, &u);
	size_t y = x ? ou_get((const char *)k->mv_data + x, k->mv_size - x, &s) : 0;
	struct hist2 h;

	where_of(DB_UNDO, k->mv_data, k->mv_size, where, sizeof where);
	v->n_ukeys++;
	if (!x || !y || x + y != k->mv_size || val->mv_size) {
		problem(v, where, "an undo stack key must be a user id and a number, with no value");
		return;
	}
	if (s == 0 || s > v->n || !(v->e[s] & E_ON_U)) {
		problem(v, where, "names #%llu, which is not a change set on the undo stack as the "
		        "history gives it", (unsigned long long)s);
		return;
	}
	if (read_hist2(v->st, v->txn, s, &h) == 0) {
		hist2_free(&h);
		if (h.user != u)
			problem(v, where, "names a change set of another user");
	}
}

/* Every key of db through fn; returns an LMDB code. */
static int walk_db(struct v2 *v, enum store_db db,
                   void (*fn)(struct v2 *, const MDB_val *, const MDB_val *, void *), void *arg)
{
	MDB_cursor *cur;
	MDB_val k, val;
	int rc = mdb_cursor_open(v->txn, v->st->db[db], &cur);

	if (rc)
		return rc;
	for (rc = mdb_cursor_get(cur, &k, &val, MDB_FIRST); rc == 0 && !v->stop && !v->oom;
	     rc = mdb_cursor_get(cur, &k, &val, MDB_NEXT))
		fn(v, &k, &val, arg);
	mdb_cursor_close(cur);
	return rc == MDB_NOTFOUND ? 0 : rc;
}

static void cur_fn(struct v2 *v, const MDB_val *k, const MDB_val *val, void *arg)
{
	check_cur(v, k, val, arg);
}

static void undo_fn(struct v2 *v, const MDB_val *k, const MDB_val *val, void *arg)
{
	(void)arg;
	check_undo_key(v, k, val);
}

struct counts {
	uint64_t time_keys;
	int64_t tmax;
};

static void time_fn(struct v2 *v, const MDB_val *k, const MDB_val *val, void *arg)
{
	struct counts *c = arg;
	uint64_t t = 0, s = 0;
	char where[400];

	c->time_keys++;
	if (ou_get(k->mv_data, k->mv_size, &t) != k->mv_size ||
	    ou_get(val->mv_data, val->mv_size, &s) != val->mv_size || s == 0 || s > v->n) {
		where_of(DB_TIME, k->mv_data, k->mv_size, where, sizeof where);
		problem(v, where, "a time key must be a time, its value the number of an entry");
	}
}

/* Metadata keys of the main database, and the databases listed. */
static int check_main(struct v2 *v, struct store_verify_stats *stats)
{
	MDB_cursor *cur;
	MDB_val k, val;
	bool seen_uuid = false;
	int rc = mdb_cursor_open(v->txn, v->st->dbi, &cur);

	if (rc)
		return rc;
	for (rc = mdb_cursor_get(cur, &k, &val, MDB_FIRST); rc == 0;
	     rc = mdb_cursor_get(cur, &k, &val, MDB_NEXT)) {
		char where[300];
		bool db = false;

		key_describe(k.mv_data, k.mv_size, where, sizeof where);
		for (int i = 0; i < DB_COUNT; i++)
			db = db || (strlen(store_db_names[i]) == k.mv_size &&
			            memcmp(store_db_names[i], k.mv_data, k.mv_size) == 0);
		if (db)
			continue;
		if (strcmp(where, "m/uuid") == 0) {
			char u[40];

			snprintf(u, sizeof u, "%.*s", (int)(val.mv_size < 39 ? val.mv_size : 39),
			         (const char *)val.mv_data);
			seen_uuid = true;
			if (val.mv_size != 36 || !uuid_text_ok(u))
				problem(v, where, "is not a UUID (36 characters)");
			else
				memcpy(stats->uuid, u, sizeof stats->uuid);
		} else if (strcmp(where, "m/seq") == 0) {
			if (val.mv_size != 16 || memcmp(val.mv_data, "schema version 2", 16))
				problem(v, where, "must be \"schema version 2\" (so that a prmwb of "
				        "schema 1 refuses to write)");
		} else if (strcmp(where, "m/upgraded") && strcmp(where, "m/schema") &&
		           strcmp(where, "m/model")) {
			problem(v, where, "a key this prmwb does not know");
		}
	}
	mdb_cursor_close(cur);
	if (!seen_uuid)
		problem(v, "m/uuid", "missing: every store of schema 2 has one");
	return rc == MDB_NOTFOUND ? 0 : rc;
}

int verify_v2(struct store *st, MDB_txn *txn, store_problem_fn fn, void *arg,
              struct store_verify_stats *stats, size_t *problems)
{
	struct v2 v;
	struct counts cnt = { 0, 0 };
	MDB_stat ms;
	MDB_cursor *cur;
	MDB_val k, val;
	uint64_t n_cur = 0, set_first = 0, undone = 0, on_u = 0, on_r = 0;
	int64_t tmax = 0;
	bool have_t = false;
	int rc;

	memset(&v, 0, sizeof v);
	v.st = st;
	v.txn = txn;
	v.fn = fn;
	v.arg = arg;
	for (int i = 0; i < DB_COUNT; i++) {
		rc = mdb_dbi_open(txn, store_db_names[i], 0, &st->db[i]);
		if (rc == MDB_NOTFOUND) {
			problem(&v, store_db_names[i], "missing: a store of schema 2 has this database");
			*problems = v.problems;
			return 0;
		}
		if (rc)
			return rc;
	}
	rc = check_main(&v, stats);
	if (rc == 0)
		rc = mdb_stat(txn, st->db[DB_HIST], &ms);
	if (rc)
		goto out;
	if (ms.ms_entries > ((uint64_t)1 << 34)) {
		problem(&v, "hist", "holds %llu entries: not a plausible number",
		        (unsigned long long)ms.ms_entries);
		goto out;
	}
	v.e = calloc(ms.ms_entries + 2, 1);
	if (!v.e) {
		rc = ENOMEM;
		goto out;
	}
	rc = walk_aux(&v, true);
	if (rc)
		goto out;
	for (size_t i = 1; i < v.users.cap; i++)
		if (v.users.have[i] == 1)
			problem(&v, "aux", "user %zu has no key u naming it", i);
	for (size_t i = 1; i < v.origins.cap; i++)
		if (v.origins.have[i] == 1)
			problem(&v, "aux", "origin %zu has no key o naming it", i);
	/* the history, in order */
	rc = mdb_cursor_open(txn, st->db[DB_HIST], &cur);
	if (rc)
		goto out;
	for (rc = mdb_cursor_get(cur, &k, &val, MDB_FIRST); rc == 0 && !v.stop && !v.oom;
	     rc = mdb_cursor_get(cur, &k, &val, MDB_NEXT)) {
		if (v.n >= ms.ms_entries) {
			problem(&v, "hist", "holds more keys than LMDB counts");
			break;
		}
		check_entry(&v, &k, &val, &set_first, &tmax, &have_t);
	}
	mdb_cursor_close(cur);
	if (rc && rc != MDB_NOTFOUND)
		goto out;
	rc = 0;
	end_set(&v, set_first, v.n);
	stats->history = v.n;
	if (have_t) {
		struct cbuf tk = { 0 };
		MDB_val tv;
		uint64_t s = 0;

		cbuf_ou(&tk, (uint64_t)tmax);
		if (t_get(st, txn, DB_TIME, &tk, &tv) != 0 ||
		    ou_get(tv.mv_data, tv.mv_size, &s) != tv.mv_size || s != v.n)
			problem(&v, "time", "time %lld should name #%llu, the newest entry",
			        (long long)tmax, (unsigned long long)v.n);
		cbuf_free(&tk);
	}
	/* what is derived from it */
	rc = walk_db(&v, DB_CUR, cur_fn, &n_cur);
	if (rc == 0)
		rc = walk_db(&v, DB_UNDO, undo_fn, NULL);
	if (rc == 0)
		rc = walk_aux(&v, false);
	if (rc == 0)
		rc = walk_db(&v, DB_TIME, time_fn, &cnt);
	if (rc)
		goto out;
	for (uint64_t seq = 1; seq <= v.n; seq++) {
		if (v.e[seq] & E_UNDONE)
			undone++;
		if (v.e[seq] & E_ON_U)
			on_u++;
		if (v.e[seq] & E_ON_R) {
			struct hist2 h;

			if (read_hist2(st, txn, seq, &h) == 0) {
				hist2_free(&h);
				if (h.user >= v.n_lastset || seq > v.lastset[h.user])
					on_r++;
			}
		}
	}
	if (!v.stop && undone != v.n_dkeys)
		problem(&v, "aux", "%llu changes are marked undone (D); the history undid %llu",
		        (unsigned long long)v.n_dkeys, (unsigned long long)undone);
	if (!v.stop && on_u != v.n_ukeys)
		problem(&v, "undo", "%llu change sets are on undo stacks; the history puts %llu there",
		        (unsigned long long)v.n_ukeys, (unsigned long long)on_u);
	if (!v.stop && on_r != v.n_rkeys)
		problem(&v, "aux", "%llu undos are on redo stacks (R); the history puts %llu there",
		        (unsigned long long)v.n_rkeys, (unsigned long long)on_r);
	stats->records = v.processes;
	if (!v.stop && cnt.time_keys != v.times)
		problem(&v, "time", "holds %llu times; the history's times give %llu",
		        (unsigned long long)cnt.time_keys, (unsigned long long)v.times);
	if (!v.stop && v.baselines != v.n_bl)
		problem(&v, "aux", "%llu baselines have a key B; the history made %llu",
		        (unsigned long long)v.n_bl, (unsigned long long)v.baselines);
	if (!v.stop && mdb_stat(txn, st->db[DB_FHIST], &ms) == 0 && ms.ms_entries != v.changes)
		problem(&v, "fhist", "holds %llu versions; the history wrote %llu",
		        (unsigned long long)ms.ms_entries, (unsigned long long)v.changes);
	{
		uint64_t fields = 0;

		for (size_t pf = 1; pf < v.pfs.cap; pf++)
			if (v.pfs.count[pf])
				fields++;
		if (!v.stop && fields != n_cur)
			problem(&v, "cur", "%llu fields have a state; the history has changes of %llu",
			        (unsigned long long)n_cur, (unsigned long long)fields);
	}
out:
	ids_free(&v.users);
	ids_free(&v.pfs);
	ids_free(&v.origins);
	free(v.lastset);
	free(v.last_process);
	free(v.lastundo.k);
	free(v.lastundo.v);
	free(v.e);
	*problems = v.problems;
	if (rc == 0 && v.oom)
		rc = ENOMEM;
	return rc;
}
