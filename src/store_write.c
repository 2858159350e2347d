/* store_write.c - changes to a store: set, change sets, undo and redo,
 * baselines, restore (see store.h; the key layout is in codec.h).
 *
 * Every writer goes through write_entry(), which appends one history entry
 * and writes the version it gives its field (fhist, cur), and
 * finish_set(), which derives the undo and redo stacks and the undone
 * marks from a change set's entries. Live changes, a restore and the
 * upgrade from schema 1 use the same two, so the stacks a restore or an
 * upgrade builds are those the live changes would have built.
 *
 * Undo restores a field exactly as it was before the change (value,
 * revision, origin), so a user's undos of several changes of one field,
 * and another user's change that was itself undone, are not conflicts. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "codec.h"
#include "record.h"
#include "store.h"
#include "store_internal.h"
#include "store_priv.h"
#include "text.h"

static void copy_str(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src ? src : "");
}

static void info_init(struct store_change *info, const char *process, const char *field)
{
	if (!info)
		return;
	memset(info, 0, sizeof *info);
	copy_str(info->process, sizeof info->process, process);
	copy_str(info->field, sizeof info->field, field);
}

bool store_valid_process_id(const char *p)
{
	size_t n;

	if (!p || !*p)
		return false;
	n = strlen(p);
	if (n > STORE_MAX_ID)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)p[i] < 0x20 || p[i] == 0x7F)
			return false;
	return true;
}

/* A user name as the store records it: 1 to STORE_MAX_USER bytes, no
 * control characters. */
static bool valid_user(const char *u)
{
	size_t n = u ? strlen(u) : 0;

	if (n == 0 || n > STORE_MAX_USER)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)u[i] < 0x20 || u[i] == 0x7F)
			return false;
	return true;
}

bool store_baseline_name_ok(const char *name)
{
	size_t n = name ? strlen(name) : 0;

	if (n == 0 || n > STORE_MAX_BASELINE ||
	    !((name[0] >= 'A' && name[0] <= 'Z') || (name[0] >= 'a' && name[0] <= 'z')))
		return false;
	for (size_t i = 1; i < n; i++) {
		char c = name[i];

		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '-' || c == '_' || c == '.'))
			return false;
	}
	return true;
}

/* ---- interned ids ------------------------------------------------------- */

/* The newest id of the kind (aux prefix c: 'U', 'P', 'O'): 0 if none. */
static uint64_t last_id(struct wtx *w, char c)
{
	struct cbuf below = { 0 }, prefix = { 0 };
	MDB_cursor *cur;
	MDB_val k, v;
	uint64_t id = 0;
	char up = (char)(c + 1);
	int rc;

	if (w->mrc)
		return 0;
	cbuf_bytes(&below, &up, 1);
	cbuf_bytes(&prefix, &c, 1);
	rc = mdb_cursor_open(w->txn, w->st->db[DB_AUX], &cur);
	if (rc == 0) {
		rc = cursor_last_below(cur, &below, &prefix, &k, &v);
		if (rc == 0 && ou_get((const char *)k.mv_data + 1, k.mv_size - 1, &id) !=
		    k.mv_size - 1)
			rc = store_damage(w->st, DB_AUX, k.mv_data, k.mv_size, "a damaged id key");
		mdb_cursor_close(cur);
	}
	if (rc && rc != MDB_NOTFOUND)
		w->mrc = rc;
	cbuf_free(&below);
	cbuf_free(&prefix);
	return id;
}

uint64_t intern(struct wtx *w, char c, const char *name)
{
	struct cbuf k = { 0 }, v = { 0 };
	char up = (char)(c - 'a' + 'A');
	uint64_t id = 0;
	MDB_val val;
	int rc;

	if (w->mrc)
		return 0;
	key2_aux_name(&k, c, name);
	rc = t_get(w->st, w->txn, DB_AUX, &k, &val);
	if (rc == 0) {
		if (ou_get(val.mv_data, val.mv_size, &id) != val.mv_size || id == 0)
			w->mrc = store_damage(w->st, DB_AUX, k.p, k.n, "not an id");
	} else if (rc == MDB_NOTFOUND) {
		id = last_id(w, up) + 1;
		cbuf_ou(&v, id);
		w_put(w, DB_AUX, &k, &v, 0);
		cbuf_free(&k);
		cbuf_free(&v);
		key2_aux_id(&k, up, id);
		cbuf_bytes(&v, name, strlen(name));
		w_put(w, DB_AUX, &k, &v, 0);
	} else {
		w->mrc = rc;
	}
	cbuf_free(&k);
	cbuf_free(&v);
	return w->mrc ? 0 : id;
}

/* Id of user name if it has one (0: never wrote anything). */
static uint64_t user_id(struct wtx *w, const char *name)
{
	struct cbuf k = { 0 };
	uint64_t id = 0;
	MDB_val v;
	int rc;

	if (w->mrc)
		return 0;
	key2_aux_name(&k, 'u', name);
	rc = t_get(w->st, w->txn, DB_AUX, &k, &v);
	if (rc == 0 && (ou_get(v.mv_data, v.mv_size, &id) != v.mv_size || id == 0))
		rc = store_damage(w->st, DB_AUX, k.p, k.n, "not an id");
	if (rc && rc != MDB_NOTFOUND)
		w->mrc = rc;
	cbuf_free(&k);
	return id;
}

/* Origin id for a version made by entry seq that came from (uuid,
 * origin_rev): 0 when it is this store's own change (NULL, or our uuid
 * and our own revision). */
static uint64_t origin_id(struct wtx *w, const char *uuid, uint64_t origin_rev, uint64_t seq)
{
	if (!uuid || !*uuid || (strcmp(uuid, w->st->uuid) == 0 && origin_rev == seq))
		return 0;
	return intern(w, 'o', uuid);
}

/* ---- the history's end ------------------------------------------------------ */

static void load_end(struct wtx *w)
{
	MDB_cursor *cur;
	MDB_val k, v;
	uint64_t t = 0;
	int rc;

	if (w->have_end || w->mrc)
		return;
	w->mrc = read_last_seq(w->st, w->txn, &w->last_seq);
	if (w->mrc)
		return;
	rc = mdb_cursor_open(w->txn, w->st->db[DB_TIME], &cur);
	if (rc == 0) {
		rc = mdb_cursor_get(cur, &k, &v, MDB_LAST);
		if (rc == 0 && (ou_get(k.mv_data, k.mv_size, &t) != k.mv_size || t > INT64_MAX))
			rc = store_damage(w->st, DB_TIME, k.mv_data, k.mv_size, "not a time");
		mdb_cursor_close(cur);
	}
	if (rc == 0) {
		w->have_tmax = true;
		w->tmax = (int64_t)t;
	} else if (rc != MDB_NOTFOUND) {
		w->mrc = rc;
		return;
	}
	/* Times never go backwards: a clock set back gives the time of the
	 * entry before, so that a date names one point of the history. */
	w->time = w->have_tmax && w->tmax > w->now ? w->tmax : w->now;
	if (w->time < 0)
		w->time = 0;
	w->have_end = true;
}

static uint64_t next_seq(struct wtx *w)
{
	load_end(w);
	return w->mrc ? 0 : w->last_seq + 1;
}

/* ---- writing entries ---------------------------------------------------------- */

/* Field id of process/field, made if new; *c gets its state (c->pf 0:
 * never written). */
static uint64_t field_id(struct wtx *w, const char *process, const char *field, struct cur2 *c)
{
	struct cbuf k = { 0 }, v = { 0 };
	uint64_t id;
	int rc;

	memset(c, 0, sizeof *c);
	if (w->mrc)
		return 0;
	rc = read_cur(w->st, w->txn, process, field, c);
	if (rc == 0)
		return c->pf;
	memset(c, 0, sizeof *c);
	if (rc != MDB_NOTFOUND) {
		w->mrc = rc;
		return 0;
	}
	id = last_id(w, 'P') + 1;
	key2_aux_id(&k, 'P', id);
	cbuf_bytes(&v, process, strlen(process) + 1);
	cbuf_bytes(&v, field, strlen(field));
	w_put(w, DB_AUX, &k, &v, 0);
	cbuf_free(&k);
	cbuf_free(&v);
	return w->mrc ? 0 : id;
}

/* The time index: key the running maximum of the times, value the newest
 * entry up to it. */
static void put_time(struct wtx *w, int64_t t, uint64_t seq)
{
	struct cbuf k = { 0 }, v = { 0 };
	bool newer = !w->have_tmax || t > w->tmax;

	if (newer) {
		w->tmax = t;
		w->have_tmax = true;
	}
	cbuf_ou(&k, (uint64_t)w->tmax);
	cbuf_ou(&v, seq);
	w_put(w, DB_TIME, &k, &v, newer ? MDB_APPEND : 0);
	cbuf_free(&k);
	cbuf_free(&v);
}

void write_entry(struct wtx *w, const struct entry_in *e)
{
	struct cbuf k = { 0 }, v = { 0 };
	struct hist2 h;
	struct cur2 c;

	load_end(w);
	if (w->mrc)
		return;
	if (e->seq != w->last_seq + 1 || e->time < 0) {
		w->mrc = EINVAL;
		return;
	}
	memset(&h, 0, sizeof h);
	memset(&c, 0, sizeof c);
	h.kind = e->kind;
	h.flags = e->flags;
	h.time = e->time;
	h.pid = e->pid > 0 ? (uint64_t)e->pid : 0;
	h.user = e->user == w->st->user && w->uid ? w->uid : intern(w, 'u', e->user);
	if (e->user == w->st->user)
		w->uid = h.user;
	h.set = e->set;
	h.ref = e->ref;
	h.a = (char *)e->a;
	h.b = (char *)e->b;
	if (e->kind <= HIST_REDO)
		h.pf = field_id(w, e->process, e->field, &c);
	if (w->mrc) {
		cur2_free(&c);
		return;
	}
	key2_hist(&k, e->seq);
	hist2_encode(&v, e->seq, &h);
	w_put(w, DB_HIST, &k, &v, MDB_APPEND);
	cbuf_free(&k);
	cbuf_free(&v);
	put_time(w, e->time, e->seq);
	if (e->kind <= HIST_REDO) {
		struct fver f = { e->rev, e->origin, e->origin_rev, (char *)e->value };
		struct cur2 n = { h.pf, e->rev, e->seq, e->time, c.entries + 1, e->origin,
		                  e->origin_rev, (char *)e->user, (char *)e->value };

		key2_fhist(&k, h.pf, e->seq);
		fver_encode(&v, e->seq, &f);
		w_put(w, DB_FHIST, &k, &v, 0);
		cbuf_free(&k);
		cbuf_free(&v);
		key2_cur(&k, e->process, e->field);
		cur2_encode(&v, &n);
		w_put(w, DB_CUR, &k, &v, 0);
		cbuf_free(&k);
		cbuf_free(&v);
	} else if (e->kind == HIST_BASELINE) {
		key2_aux_name(&k, 'B', e->a);
		cbuf_ou(&v, e->seq);
		w_put(w, DB_AUX, &k, &v, 0);
		cbuf_free(&k);
		cbuf_free(&v);
	}
	cur2_free(&c);
	if (!w->mrc) {
		w->last_seq = e->seq;
		w->wrote = true;
	}
}

/* ---- stacks ------------------------------------------------------------------- */

static void put_key(struct wtx *w, int db, struct cbuf *k, const struct cbuf *v)
{
	struct cbuf empty = { 0 };

	w_put(w, db, k, v ? v : &empty, 0);
	cbuf_free(k);
}

static void del_key(struct wtx *w, int db, struct cbuf *k)
{
	w_del(w, db, k);
	cbuf_free(k);
}

/* Delete every key with this prefix in db. */
static void del_prefix(struct wtx *w, int db, const struct cbuf *p)
{
	MDB_cursor *cur;
	MDB_val k, v;
	int rc;

	if (w->mrc)
		return;
	if (p->oom) {
		w->mrc = ENOMEM;
		return;
	}
	rc = mdb_cursor_open(w->txn, w->st->db[db], &cur);
	if (rc) {
		w->mrc = rc;
		return;
	}
	k = store_mval(p);
	rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE);
	while (rc == 0 && store_has_prefix(&k, p)) {
		rc = mdb_cursor_del(cur, 0);
		if (rc)
			break;
		rc = mdb_cursor_get(cur, &k, &v, MDB_GET_CURRENT);
	}
	if (rc && rc != MDB_NOTFOUND)
		w->mrc = rc;
	mdb_cursor_close(cur);
}

/* aux 'D': the undo entry that undid SET entry e (0: not undone). */
static uint64_t undone_by(struct wtx *w, uint64_t e)
{
	struct cbuf k = { 0 };
	uint64_t u = 0;
	MDB_val v;
	int rc;

	if (w->mrc)
		return 0;
	key2_aux_id(&k, 'D', e);
	rc = t_get(w->st, w->txn, DB_AUX, &k, &v);
	if (rc == 0 && (ou_get(v.mv_data, v.mv_size, &u) != v.mv_size || u <= e))
		rc = store_damage(w->st, DB_AUX, k.p, k.n, "not the number of a later entry");
	if (rc && rc != MDB_NOTFOUND)
		w->mrc = rc;
	cbuf_free(&k);
	return w->mrc ? 0 : u;
}

/* Whether every SET entry of change set s is undone. */
static bool all_undone(struct wtx *w, uint64_t s)
{
	for (uint64_t seq = s; seq <= w->last_seq && !w->mrc; seq++) {
		struct hist2 h;

		w->mrc = read_hist2(w->st, w->txn, seq, &h);
		if (w->mrc)
			return false;
		hist2_free(&h);
		if (h.set != s)
			break;
		if (h.kind == HIST_SET && !undone_by(w, seq))
			return false;
	}
	return !w->mrc;
}

void finish_set(struct wtx *w, uint64_t set, uint64_t last)
{
	struct cbuf k = { 0 }, v = { 0 };
	struct hist2 first, h, r;
	uint64_t s = 0, uset = 0;

	if (w->mrc)
		return;
	w->mrc = read_hist2(w->st, w->txn, set, &first);
	if (w->mrc)
		return;
	hist2_free(&first);
	switch (first.kind) {
	case HIST_SET:
		key2_undo(&k, first.user, set);
		put_key(w, DB_UNDO, &k, NULL);
		/* A new change forgets what the user could redo. */
		cbuf_bytes(&k, "R", 1);
		cbuf_ou(&k, first.user);
		del_prefix(w, DB_AUX, &k);
		cbuf_free(&k);
		break;
	case HIST_UNDO:
		for (uint64_t seq = set; seq <= last && !w->mrc; seq++) {
			w->mrc = read_hist2(w->st, w->txn, seq, &h);
			if (w->mrc)
				break;
			hist2_free(&h);
			key2_aux_id(&k, 'D', h.ref);
			cbuf_ou(&v, seq);
			put_key(w, DB_AUX, &k, &v);
			cbuf_free(&v);
			if (!s && !(w->mrc = read_hist2(w->st, w->txn, h.ref, &r))) {
				hist2_free(&r);
				s = r.set;
			}
		}
		/* A whole undo takes the set off the stack even if some of its
		 * changes stay (--partial): they are undone one by one (undo N). */
		if (!(first.flags & HIST_F_NAMED) || all_undone(w, s)) {
			key2_undo(&k, first.user, s);
			del_key(w, DB_UNDO, &k);
		}
		key2_redo(&k, first.user, set);
		put_key(w, DB_AUX, &k, NULL);
		break;
	case HIST_REDO:
		for (uint64_t seq = set; seq <= last && !w->mrc; seq++) {
			w->mrc = read_hist2(w->st, w->txn, seq, &h);
			if (w->mrc)
				break;
			hist2_free(&h);
			if (!s) {
				uint64_t u = undone_by(w, h.ref);

				if (!w->mrc && !(w->mrc = read_hist2(w->st, w->txn, u, &r))) {
					hist2_free(&r);
					uset = r.set;
				}
				if (!w->mrc && !(w->mrc = read_hist2(w->st, w->txn, h.ref, &r))) {
					hist2_free(&r);
					s = r.set;
				}
			}
			key2_aux_id(&k, 'D', h.ref);
			del_key(w, DB_AUX, &k);
		}
		key2_redo(&k, first.user, uset);
		del_key(w, DB_AUX, &k);
		key2_undo(&k, first.user, s);
		put_key(w, DB_UNDO, &k, NULL);
		break;
	default:
		break;
	}
}

/* ---- conflicts ------------------------------------------------------------------ */

static bool is_no(const char *v)
{
	return strcmp(v, "no") == 0;
}

/* Fill info (if not NULL) with who made the change that keeps a field
 * (now c; NULL: never written) from being changed as asked, want being
 * the revision it should have: the author of the revision in effect when
 * that change came after want, else whoever wrote the field last (an undo
 * that put it back). */
static int blame(struct wtx *w, const struct cur2 *c, uint64_t want, struct store_change *info)
{
	struct hist2 h;
	char *u = NULL;
	int rc;

	if (!info)
		return 0;
	info->why = STORE_WHY_CHANGED;
	info->rev = 0;
	copy_str(info->user, sizeof info->user, c ? c->user : "");
	info->time = c ? c->time : 0;
	if (!c || c->rev == 0 || c->rev <= want)
		return 0;
	rc = read_hist2(w->st, w->txn, c->rev, &h);
	if (rc)
		return rc;
	hist2_free(&h);
	if (h.kind != HIST_SET)
		return 0;
	rc = aux_name(w->st, w->txn, 'U', h.user, &u, NULL);
	if (rc)
		return rc == MDB_NOTFOUND ? MDB_CORRUPTED : rc;
	copy_str(info->user, sizeof info->user, u);
	free(u);
	info->time = h.time;
	info->rev = c->rev;
	return 0;
}

/* Would process be left with applicable 'no' and no justification? Checked
 * on the state the transaction has written so far. edited_app/edited_just:
 * whether this operation changed the field. If so fills info (field: the
 * other field, user/time: who gave it the value that blocks). */
static int check_justified(struct wtx *w, const char *process, bool edited_app,
                           bool edited_just, bool *bad, struct store_change *info)
{
	struct cur2 app, just;
	bool has_app, has_just;
	int rc;

	*bad = false;
	rc = read_cur(w->st, w->txn, process, "applicable", &app);
	has_app = rc == 0;
	if (rc && rc != MDB_NOTFOUND)
		return rc;
	rc = read_cur(w->st, w->txn, process, "justification", &just);
	has_just = rc == 0;
	if (rc && rc != MDB_NOTFOUND) {
		if (has_app)
			cur2_free(&app);
		return rc;
	}
	rc = 0;
	if (has_app && is_no(app.value) && (!has_just || just.value[0] == '\0')) {
		*bad = true;
		if (info) {
			/* The field this operation did not change is the one to
			 * name (as for one change); both changed: the
			 * justification. */
			bool blame_app = edited_just && !edited_app;

			memset(info, 0, sizeof *info);
			copy_str(info->process, sizeof info->process, process);
			rc = blame(w, blame_app ? &app : has_just ? &just : NULL, 0, info);
			copy_str(info->field, sizeof info->field,
			         blame_app ? "applicable" : "justification");
			info->why = STORE_WHY_JUSTIFICATION;
			info->needs_justification = true;
		}
	}
	if (has_app)
		cur2_free(&app);
	if (has_just)
		cur2_free(&just);
	return rc;
}

/* ---- set, set_many ------------------------------------------------------------ */

struct many_ctx {
	const struct store_edit *edits;
	char **norm;            /* the values, normalised */
	size_t n;
	const struct store_set_opts *opts;
	bool raw;               /* store_raw_set: no validation */
	struct store_change *info;
	uint64_t set;           /* out */
	size_t changed;         /* out */
};

/* An edit and its place in the set, to find a field named twice by
 * sorting (an import names tens of thousands of fields: pairs would be
 * quadratic). */
struct edit_at { const struct store_edit *e; size_t i; };

static int edit_at_cmp(const void *pa, const void *pb)
{
	const struct edit_at *a = pa, *b = pb;
	int c = strcmp(a->e->process ? a->e->process : "", b->e->process ? b->e->process : "");

	if (c == 0)
		c = strcmp(a->e->field ? a->e->field : "", b->e->field ? b->e->field : "");
	if (c == 0)
		c = a->i < b->i ? -1 : a->i > b->i;
	return c;
}

/* The first edit (in the set's order) that names a field an earlier one
 * named; n if none, (size_t)-1 when out of memory. */
static size_t first_twice(const struct store_edit *edits, size_t n)
{
	struct edit_at *at = calloc(n ? n : 1, sizeof *at);
	size_t first = n;

	if (!at)
		return (size_t)-1;
	for (size_t i = 0; i < n; i++)
		at[i] = (struct edit_at){ &edits[i], i };
	qsort(at, n, sizeof *at, edit_at_cmp);
	for (size_t k = 1; k < n; k++)
		if (edit_at_cmp(&(struct edit_at){ at[k - 1].e, 0 }, &(struct edit_at){ at[k].e, 0 }) == 0 &&
		    at[k].i < first)
			first = at[k].i;
	free(at);
	return first;
}

/* A process of a set: the first edit naming it, and whether the set
 * changes its applicable or its justification. */
struct just_group { size_t first; bool app, just; };

static int just_group_cmp(const void *pa, const void *pb)
{
	const struct just_group *a = pa, *b = pb;

	return a->first < b->first ? -1 : a->first > b->first;
}

/* The processes of a set in the order it first names them (sorted, not
 * paired: an import names thousands). malloc'd, *n_out of them; NULL when
 * out of memory. */
static struct just_group *just_groups(const struct store_edit *edits, size_t n, size_t *n_out)
{
	struct edit_at *at = calloc(n ? n : 1, sizeof *at);
	struct just_group *g = calloc(n ? n : 1, sizeof *g);
	size_t k = 0;

	if (!at || !g) {
		free(at);
		free(g);
		return NULL;
	}
	for (size_t i = 0; i < n; i++)
		at[i] = (struct edit_at){ &edits[i], i };
	qsort(at, n, sizeof *at, edit_at_cmp);
	for (size_t i = 0; i < n; i++) {
		if (i == 0 || strcmp(at[i].e->process, at[i - 1].e->process) != 0)
			g[k++] = (struct just_group){ at[i].i, false, false };
		if (at[i].i < g[k - 1].first)
			g[k - 1].first = at[i].i;
		g[k - 1].app = g[k - 1].app || strcmp(at[i].e->field, "applicable") == 0;
		g[k - 1].just = g[k - 1].just || strcmp(at[i].e->field, "justification") == 0;
	}
	free(at);
	qsort(g, k, sizeof *g, just_group_cmp);
	*n_out = k;
	return g;
}

static enum store_rc do_set_many(struct wtx *w, void *arg)
{
	struct many_ctx *c = arg;
	struct cur2 *cur = calloc(c->n ? c->n : 1, sizeof *cur);
	bool *exists = calloc(c->n ? c->n : 1, sizeof *exists);
	enum store_rc src = STORE_OK;
	uint64_t seq, set = 0;

	c->set = 0;
	c->changed = 0;
	if (!cur || !exists) {
		w->mrc = ENOMEM;
		goto out;
	}
	for (size_t i = 0; i < c->n && !w->mrc; i++) {
		const struct store_edit *e = &c->edits[i];
		int rc = read_cur(w->st, w->txn, e->process, e->field, &cur[i]);

		if (rc == MDB_NOTFOUND) {
			memset(&cur[i], 0, sizeof cur[i]);
			continue;
		}
		if (rc) {
			w->mrc = rc;
			break;
		}
		exists[i] = true;
		if (e->base_rev != STORE_ANY_REV && cur[i].rev != e->base_rev) {
			info_init(c->info, e->process, e->field);
			w->mrc = blame(w, &cur[i], e->base_rev, c->info);
			src = STORE_CONFLICT;
			goto out;
		}
	}
	if (w->mrc)
		goto out;
	/* Stale base revisions of fields never written: they have rev 0. */
	for (size_t i = 0; i < c->n; i++) {
		const struct store_edit *e = &c->edits[i];

		if (!exists[i] && e->base_rev != STORE_ANY_REV && e->base_rev != 0) {
			info_init(c->info, e->process, e->field);
			if (c->info)
				c->info->why = STORE_WHY_CHANGED;
			src = STORE_CONFLICT;
			goto out;
		}
	}
	seq = next_seq(w);
	set = seq;
	for (size_t i = 0; i < c->n && !w->mrc; i++) {
		const struct store_edit *e = &c->edits[i];
		struct entry_in in;

		/* Unchanged, including clearing a field never set (it reads as
		 * ""): nothing to record. */
		if (strcmp(exists[i] ? cur[i].value : "", c->norm[i]) == 0)
			continue;
		memset(&in, 0, sizeof in);
		in.seq = seq;
		in.set = set;
		in.time = w->time;
		in.pid = w->pid;
		in.kind = HIST_SET;
		in.user = w->st->user;
		in.process = e->process;
		in.field = e->field;
		in.value = c->norm[i];
		in.rev = seq;
		in.origin = origin_id(w, e->origin, e->origin_rev, seq);
		in.origin_rev = in.origin ? e->origin_rev : 0;
		write_entry(w, &in);
		seq++;
		c->changed++;
	}
	if (w->mrc || !c->changed)
		goto out;
	if (c->opts && c->opts->kind == STORE_SET_IMPORT) {
		struct cbuf k = { 0 }, v = { 0 };
		struct setmark m = { STORE_SET_IMPORT, (char *)c->opts->file,
		                     (char *)c->opts->sha256 };

		key2_aux_id(&k, 'S', set);
		setmark_encode(&v, &m);
		put_key(w, DB_AUX, &k, &v);
		cbuf_free(&v);
	}
	/* applicable 'no' needs a justification, in the state the whole set
	 * leaves (so one set may give both). */
	if (!c->raw) {
		/* per process (in the order the set first names them), whether
		 * it sets applicable or justification */
		size_t n_groups = 0;
		struct just_group *g = just_groups(c->edits, c->n, &n_groups);

		if (!g)
			w->mrc = ENOMEM;
		for (size_t k = 0; g && k < n_groups && !w->mrc && src == STORE_OK; k++) {
			bool bad;

			if (!g[k].app && !g[k].just)
				continue;
			w->mrc = check_justified(w, c->edits[g[k].first].process, g[k].app, g[k].just,
			                         &bad, c->info);
			if (!w->mrc && bad)
				src = STORE_INVALID;
		}
		free(g);
	}
	if (src == STORE_OK)
		finish_set(w, set, seq - 1);
	c->set = set;
out:
	for (size_t i = 0; cur && i < c->n; i++)
		if (exists[i])
			cur2_free(&cur[i]);
	free(cur);
	free(exists);
	if (w->mrc)
		return STORE_ERROR;
	return src;
}

/* Validate every edit (process ids, fields, values, no field twice); the
 * normalised values in *norm (malloc'd array of malloc'd strings). */
static enum store_rc check_edits(const struct store_edit *edits, size_t n, bool raw,
                                 char ***norm, struct store_change *info)
{
	char **v = calloc(n ? n : 1, sizeof *v);
	size_t twice = first_twice(edits, n);

	*norm = v;
	if (!v || twice == (size_t)-1)
		return STORE_ERROR;
	for (size_t i = 0; i < n; i++) {
		const struct store_edit *e = &edits[i];
		char *why = NULL;

		info_init(info, e->process, e->field);
		if (!store_valid_process_id(e->process) || !e->field || !e->value ||
		    (e->origin && *e->origin && !uuid_text_ok(e->origin)))
			return STORE_INVALID;
		if (raw) {
			/* any field name: tests make what another tool could */
			if (!e->field[0] || strlen(e->value) > RECORD_MAX_VALUE)
				return STORE_INVALID;
			v[i] = strdup(e->value);
		} else {
			v[i] = record_validate(e->field, e->value, e->n_outcomes, &why);
			free(why);
			if (!v[i])
				return STORE_INVALID;
		}
		if (!v[i])
			return STORE_ERROR;
		/* The same field twice would make the set's result depend on
		 * its order. */
		if (i == twice) {
			if (info)
				info->why = STORE_WHY_TWICE;
			return STORE_INVALID;
		}
	}
	info_init(info, "", "");
	return STORE_OK;
}

static enum store_rc set_many(struct store *st, const struct store_edit *edits, size_t n,
                              const struct store_set_opts *opts, bool raw,
                              struct store_change *info, uint64_t *set_id, size_t *n_changed)
{
	struct many_ctx c = { edits, NULL, n, opts, raw, info, 0, 0 };
	enum store_rc src;

	store_clear_err(st);
	if (set_id)
		*set_id = 0;
	if (n_changed)
		*n_changed = 0;
	if (opts && opts->kind != STORE_SET_EDIT &&
	    (opts->kind != STORE_SET_IMPORT || !opts->file || !opts->sha256))
		return STORE_INVALID;
	src = check_edits(edits, n, raw, &c.norm, info);
	if (src == STORE_OK && st->readonly)
		src = STORE_READONLY;
	if (src == STORE_OK)
		src = store_write_txn(st, do_set_many, &c);
	if (src == STORE_OK) {
		if (set_id)
			*set_id = c.set;
		if (n_changed)
			*n_changed = c.changed;
	}
	for (size_t i = 0; c.norm && i < n; i++)
		free(c.norm[i]);
	free(c.norm);
	return src;
}

enum store_rc store_set_many(struct store *st, const struct store_edit *edits, size_t n,
                             const struct store_set_opts *opts, struct store_change *info,
                             uint64_t *set_id, size_t *n_changed)
{
	return set_many(st, edits, n, opts, false, info, set_id, n_changed);
}

enum store_rc store_set(struct store *st, const char *process, const char *field,
                        const char *value, size_t n_outcomes, uint64_t base_rev,
                        struct store_change *info)
{
	struct store_edit e = { process, field, value, n_outcomes, base_rev, NULL, 0 };
	uint64_t set = 0;
	enum store_rc src;

	info_init(info, process, field);
	src = set_many(st, &e, 1, NULL, false, info, &set, NULL);
	if (info) {
		if (src == STORE_OK || src == STORE_INVALID || src == STORE_ERROR ||
		    src == STORE_READONLY || src == STORE_DAMAGED) {
			if (!info->needs_justification) {
				copy_str(info->process, sizeof info->process, process);
				copy_str(info->field, sizeof info->field, field);
			}
		}
		info->seq = src == STORE_OK ? set : 0;
	}
	return src;
}

enum store_rc store_raw_set(struct store *st, const char *process,
                            const char *field, const char *value)
{
	struct store_edit e = { process, field, value, 9999, STORE_ANY_REV, NULL, 0 };

	return set_many(st, &e, 1, NULL, true, NULL, NULL, NULL);
}

/* ---- undo / redo ------------------------------------------------------------- */

struct undo_ctx {
	bool redo;
	bool partial;
	uint64_t named;         /* undo this SET entry alone (undo N) */
	store_known_fn known;   /* NULL: every process may be changed */
	void *known_arg;
	struct store_set_report *rep;
	struct store_change *info;      /* named: why it was refused */
};

/* One field a set undo/redo would change. */
struct step {
	uint64_t e;             /* the SET entry undone or redone */
	char *process, *field;
	struct fver to;         /* the version it gets */
	struct cur2 cur;        /* the field now */
	bool refused;
};

static void steps_free(struct step *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(s[i].process);
		free(s[i].field);
		fver_free(&s[i].to);
		cur2_free(&s[i].cur);
	}
	free(s);
}

static bool report_add(struct store_change **list, size_t *n, const struct store_change *c)
{
	struct store_change *nl = realloc(*list, (*n + 1) * sizeof *nl);

	if (!nl)
		return false;
	*list = nl;
	nl[(*n)++] = *c;
	return true;
}

void store_set_report_free(struct store_set_report *r)
{
	if (!r)
		return;
	free(r->done);
	free(r->refused);
	memset(r, 0, sizeof *r);
}

/* Newest key of the user's undo stack (or redo: aux 'R') -> the set. */
static int stack_top(struct wtx *w, uint64_t uid, bool redo, uint64_t *set)
{
	struct cbuf below = { 0 }, prefix = { 0 };
	MDB_cursor *cur;
	MDB_val k, v;
	uint64_t u = 0;
	size_t skip = redo ? 1 : 0, a;
	int rc;

	*set = 0;
	if (redo) {
		cbuf_bytes(&below, "R", 1);
		cbuf_bytes(&prefix, "R", 1);
	}
	cbuf_ou(&below, uid + 1);
	cbuf_ou(&prefix, uid);
	rc = mdb_cursor_open(w->txn, w->st->db[redo ? DB_AUX : DB_UNDO], &cur);
	if (rc == 0) {
		rc = cursor_last_below(cur, &below, &prefix, &k, &v);
		if (rc == 0) {
			a = ou_get((const char *)k.mv_data + skip, k.mv_size - skip, &u);
			if (!a || u != uid || ou_get((const char *)k.mv_data + skip + a,
			                             k.mv_size - skip - a, set) !=
			    k.mv_size - skip - a || *set == 0)
				rc = store_damage(w->st, redo ? DB_AUX : DB_UNDO, k.mv_data, k.mv_size,
				                  "a damaged undo/redo stack entry");
		}
		mdb_cursor_close(cur);
	}
	cbuf_free(&below);
	cbuf_free(&prefix);
	return rc;
}

/* process and field of field id pf. */
static int pf_name(struct wtx *w, uint64_t pf, char **process, char **field)
{
	char *s = NULL;
	size_t len = 0;
	int rc = aux_name(w->st, w->txn, 'P', pf, &s, &len);

	*process = *field = NULL;
	if (rc == MDB_NOTFOUND)
		return MDB_CORRUPTED;
	if (rc)
		return rc;
	*process = s;
	*field = strlen(s) < len ? strdup(s + strlen(s) + 1) : NULL;
	if (!*field) {
		free(s);
		*process = NULL;
		return strlen(s) < len ? ENOMEM : MDB_CORRUPTED;
	}
	return 0;
}

/* The steps of undoing change set s (or redoing undo set s). */
static int collect_steps(struct wtx *w, struct undo_ctx *c, uint64_t s, struct step **out,
                         size_t *n)
{
	struct step *st = NULL;
	int rc = 0;

	*out = NULL;
	*n = 0;
	load_end(w);
	if (w->mrc)
		return w->mrc;
	for (uint64_t seq = s; seq <= w->last_seq; seq++) {
		struct hist2 h;
		struct step *ns, *p;
		uint64_t e, at;

		rc = read_hist2(w->st, w->txn, seq, &h);
		if (rc)
			break;
		hist2_free(&h);
		if (h.set != s)
			break;
		if (c->redo ? h.kind != HIST_UNDO : h.kind != HIST_SET)
			continue;
		e = c->redo ? h.ref : seq;
		if (!c->redo && undone_by(w, e))
			continue;               /* undone already (undo N) */
		if (w->mrc) {
			rc = w->mrc;
			break;
		}
		ns = realloc(st, (*n + 1) * sizeof *ns);
		if (!ns) {
			rc = ENOMEM;
			break;
		}
		st = ns;
		p = &st[(*n)++];
		memset(p, 0, sizeof *p);
		p->e = e;
		rc = pf_name(w, h.pf, &p->process, &p->field);
		if (rc)
			break;
		/* undo: the version before e; redo: e's own */
		rc = read_fver_at(w->st, w->txn, NULL, h.pf, c->redo ? e : e - 1, &p->to, &at);
		if (rc == MDB_NOTFOUND && !c->redo) {
			memset(&p->to, 0, sizeof p->to);
			p->to.value = strdup("");
			rc = p->to.value ? 0 : ENOMEM;
		} else if (rc == MDB_NOTFOUND) {
			rc = MDB_CORRUPTED;
		}
		if (rc)
			break;
		rc = read_cur(w->st, w->txn, p->process, p->field, &p->cur);
		if (rc) {
			memset(&p->cur, 0, sizeof p->cur);
			if (rc == MDB_NOTFOUND)
				rc = MDB_CORRUPTED;
			break;
		}
		/* redo: the field must be as the undo (entry seq) left it */
		if (c->redo) {
			struct fver u;

			rc = read_fver_at(w->st, w->txn, NULL, h.pf, seq, &u, &at);
			if (rc)
				break;
			p->refused = p->cur.rev != u.rev;
			fver_free(&u);
		} else {
			p->refused = p->cur.rev != e;
		}
	}
	*out = st;
	return rc;
}

/* Fill a store_change for step p (done: the entry written; refused: why). */
static int describe_step(struct wtx *w, struct undo_ctx *c, const struct step *p,
                         uint64_t written, struct store_change *out)
{
	uint64_t want = c->redo ? 0 : p->e;

	info_init(out, p->process, p->field);
	out->ref = p->e;
	if (!p->refused) {
		out->seq = written;
		return 0;
	}
	if (c->known && !c->known(p->process, c->known_arg)) {
		out->why = STORE_WHY_ORPHAN;
		return 0;
	}
	if (c->redo) {
		/* want: the revision the undo gave it */
		struct fver u;
		uint64_t at;
		int rc = read_fver_at(w->st, w->txn, NULL, p->cur.pf, undone_by(w, p->e), &u, &at);

		if (rc)
			return rc;
		want = u.rev;
		fver_free(&u);
	}
	return blame(w, &p->cur, want, out);
}

static enum store_rc do_undo_set(struct wtx *w, void *arg)
{
	struct undo_ctx *c = arg;
	struct store_set_report *rep = c->rep;
	struct step *steps = NULL;
	size_t n = 0, n_ok = 0;
	uint64_t uid, s = 0, seq, first = 0;
	enum store_rc src = STORE_OK;
	bool bad;

	store_set_report_free(rep);
	uid = user_id(w, w->st->user);
	if (w->mrc)
		return STORE_ERROR;
	if (!uid)
		return STORE_NOTFOUND;
	w->uid = uid;
	w->mrc = stack_top(w, uid, c->redo, &s);
	if (w->mrc == MDB_NOTFOUND) {
		w->mrc = 0;
		return STORE_NOTFOUND;
	}
	if (w->mrc)
		return STORE_ERROR;
	rep->set = s;
	w->mrc = collect_steps(w, c, s, &steps, &n);
	if (w->mrc)
		goto out;
	rep->n_fields = n;
	for (size_t i = 0; i < n; i++) {
		struct step *p = &steps[i];

		if (c->known && !c->known(p->process, c->known_arg))
			p->refused = true;
		if (!p->refused)
			n_ok++;
	}
	if (n_ok < n) {
		bool orphan = false;

		for (size_t i = 0; i < n && !w->mrc; i++) {
			struct store_change ch;

			if (!steps[i].refused)
				continue;
			w->mrc = describe_step(w, c, &steps[i], 0, &ch);
			orphan = orphan || ch.why == STORE_WHY_ORPHAN;
			if (!w->mrc && !report_add(&rep->refused, &rep->n_refused, &ch))
				w->mrc = ENOMEM;
		}
		if (w->mrc)
			goto out;
		if (!c->partial || n_ok == 0) {
			src = !c->partial && orphan ? STORE_ORPHAN : STORE_CONFLICT;
			if (!c->partial && orphan)
				for (size_t i = 0; i < rep->n_refused; i++)
					if (rep->refused[i].why == STORE_WHY_ORPHAN) {
						struct store_change t = rep->refused[0];

						rep->refused[0] = rep->refused[i];
						rep->refused[i] = t;
						break;
					}
			goto out;
		}
	}
	if (n == 0) {
		/* Nothing of it left to undo: only a damaged stack gets here. */
		w->mrc = store_damage(w->st, c->redo ? DB_AUX : DB_UNDO, "", 0,
		                      "names a change set with nothing to undo or redo");
		goto out;
	}
	first = seq = next_seq(w);
	for (size_t i = 0; i < n && !w->mrc; i++) {
		struct step *p = &steps[i];
		struct entry_in in;
		struct store_change ch;

		if (p->refused)
			continue;
		memset(&in, 0, sizeof in);
		in.seq = seq;
		in.set = first;
		in.ref = p->e;
		in.time = w->time;
		in.pid = w->pid;
		in.kind = c->redo ? HIST_REDO : HIST_UNDO;
		in.user = w->st->user;
		in.process = p->process;
		in.field = p->field;
		in.value = p->to.value;
		in.rev = p->to.rev;
		in.origin = p->to.origin;
		in.origin_rev = p->to.origin_rev;
		write_entry(w, &in);
		info_init(&ch, p->process, p->field);
		ch.seq = seq;
		ch.ref = p->e;
		if (!report_add(&rep->done, &rep->n_done, &ch))
			w->mrc = ENOMEM;
		seq++;
	}
	/* The justification rule, on the state the set leaves. */
	for (size_t i = 0; i < n && !w->mrc && src == STORE_OK; i++) {
		bool app = false, just = false, seen = false;

		if (steps[i].refused)
			continue;
		for (size_t j = 0; j < n; j++) {
			if (steps[j].refused || strcmp(steps[j].process, steps[i].process))
				continue;
			seen = seen || j < i;
			app = app || strcmp(steps[j].field, "applicable") == 0;
			just = just || strcmp(steps[j].field, "justification") == 0;
		}
		if (seen || (!app && !just))
			continue;
		w->mrc = check_justified(w, steps[i].process, app, just, &bad, c->info);
		if (!w->mrc && bad) {
			struct store_change ch = *c->info;

			store_set_report_free(rep);
			rep->set = s;
			rep->n_fields = n;
			ch.why = STORE_WHY_JUSTIFICATION;
			if (!report_add(&rep->refused, &rep->n_refused, &ch))
				w->mrc = ENOMEM;
			src = STORE_CONFLICT;
		}
	}
	if (!w->mrc && src == STORE_OK) {
		finish_set(w, first, seq - 1);
		rep->written = first;
	}
out:
	steps_free(steps, n);
	if (w->mrc)
		return STORE_ERROR;
	return src;
}

/* Undo one named change of the caller's (undo N). */
static enum store_rc do_undo_named(struct wtx *w, void *arg)
{
	struct undo_ctx *c = arg;
	struct store_change *info = c->info;
	struct hist2 h;
	struct step p;
	struct entry_in in;
	char *user = NULL;
	uint64_t undone, at, seq;
	enum store_rc src = STORE_OK;
	bool bad;

	store_set_report_free(c->rep);
	load_end(w);
	if (w->mrc)
		return STORE_ERROR;
	if (c->named == 0 || c->named > w->last_seq) {
		if (info)
			info->ref = w->last_seq;
		return STORE_NOTFOUND;
	}
	w->mrc = read_hist2(w->st, w->txn, c->named, &h);
	if (w->mrc)
		return STORE_ERROR;
	hist2_free(&h);
	memset(&p, 0, sizeof p);
	p.e = c->named;
	w->mrc = aux_name(w->st, w->txn, 'U', h.user, &user, NULL);
	if (w->mrc == MDB_NOTFOUND)
		w->mrc = MDB_CORRUPTED;
	if (!w->mrc && h.kind <= HIST_REDO)
		w->mrc = pf_name(w, h.pf, &p.process, &p.field);
	if (w->mrc)
		goto out;
	if (info) {
		info_init(info, p.process, p.field);
		copy_str(info->user, sizeof info->user, user);
		info->time = h.time;
		info->ref = h.ref;
	}
	if (h.kind != HIST_SET) {
		if (info)
			info->why = STORE_WHY_NOT_A_CHANGE;
		src = STORE_NOTFOUND;
		goto out;
	}
	if (strcmp(user, w->st->user) != 0) {
		if (info)
			info->why = STORE_WHY_NOT_OWN;
		src = STORE_NOTFOUND;
		goto out;
	}
	undone = undone_by(w, c->named);
	if (w->mrc)
		goto out;
	if (undone) {
		if (info) {
			info->why = STORE_WHY_UNDONE;
			info->ref = undone;
		}
		src = STORE_NOTFOUND;
		goto out;
	}
	if (c->known && !c->known(p.process, c->known_arg)) {
		src = STORE_ORPHAN;
		goto out;
	}
	w->mrc = read_cur(w->st, w->txn, p.process, p.field, &p.cur);
	if (w->mrc) {
		memset(&p.cur, 0, sizeof p.cur);
		if (w->mrc == MDB_NOTFOUND)
			w->mrc = MDB_CORRUPTED;
		goto out;
	}
	if (p.cur.rev != c->named) {
		if (info)
			info_init(info, p.process, p.field);
		w->mrc = blame(w, &p.cur, c->named, info);
		src = STORE_CONFLICT;
		goto out;
	}
	w->mrc = read_fver_at(w->st, w->txn, NULL, h.pf, c->named - 1, &p.to, &at);
	if (w->mrc == MDB_NOTFOUND) {
		memset(&p.to, 0, sizeof p.to);
		p.to.value = strdup("");
		w->mrc = p.to.value ? 0 : ENOMEM;
	}
	if (w->mrc)
		goto out;
	seq = next_seq(w);
	memset(&in, 0, sizeof in);
	in.seq = seq;
	in.set = seq;
	in.ref = c->named;
	in.time = w->time;
	in.pid = w->pid;
	in.kind = HIST_UNDO;
	in.flags = HIST_F_NAMED;
	in.user = w->st->user;
	in.process = p.process;
	in.field = p.field;
	in.value = p.to.value;
	in.rev = p.to.rev;
	in.origin = p.to.origin;
	in.origin_rev = p.to.origin_rev;
	write_entry(w, &in);
	w->mrc = w->mrc ? w->mrc :
	         check_justified(w, p.process, strcmp(p.field, "applicable") == 0,
	                         strcmp(p.field, "justification") == 0, &bad, info);
	if (w->mrc)
		goto out;
	if (bad) {
		src = STORE_CONFLICT;
		goto out;
	}
	finish_set(w, seq, seq);
	if (info) {
		info_init(info, p.process, p.field);
		info->seq = seq;
	}
out:
	free(user);
	free(p.process);
	free(p.field);
	fver_free(&p.to);
	cur2_free(&p.cur);
	if (w->mrc)
		return STORE_ERROR;
	return src;
}

static enum store_rc undo_redo(struct store *st, struct undo_ctx *c)
{
	struct store_set_report dummy = { 0 };
	struct store_change ci;
	enum store_rc src;

	if (!c->rep)
		c->rep = &dummy;
	if (!c->info)
		c->info = &ci;
	memset(c->rep, 0, sizeof *c->rep);
	info_init(c->info, "", "");
	src = store_write_txn(st, c->named ? do_undo_named : do_undo_set, c);
	if (c->rep == &dummy)
		store_set_report_free(&dummy);
	return src;
}

enum store_rc store_undo_set(struct store *st, unsigned flags, store_known_fn known,
                             void *arg, struct store_set_report *rep)
{
	struct undo_ctx c = { false, flags & STORE_UNDO_PARTIAL, 0, known, arg, rep, NULL };

	return undo_redo(st, &c);
}

enum store_rc store_redo_set(struct store *st, unsigned flags, store_known_fn known,
                             void *arg, struct store_set_report *rep)
{
	struct undo_ctx c = { true, flags & STORE_UNDO_PARTIAL, 0, known, arg, rep, NULL };

	return undo_redo(st, &c);
}

/* The one-field report of a whole undo or redo (store_undo_known()). */
static enum store_rc one_field(struct store *st, bool redo, store_known_fn known, void *arg,
                               struct store_change *info)
{
	struct store_set_report rep = { 0 };
	struct store_change why;
	struct undo_ctx c = { redo, false, 0, known, arg, &rep, &why };
	enum store_rc src = undo_redo(st, &c);

	if (info) {
		if (src == STORE_OK && rep.n_done) {
			*info = rep.done[0];
			info->seq = rep.written;
		} else if (rep.n_refused) {
			*info = rep.refused[0];
		} else if (src != STORE_OK) {
			*info = why;
		}
	}
	store_set_report_free(&rep);
	return src;
}

enum store_rc store_undo_known(struct store *st, store_known_fn known, void *arg,
                               struct store_change *info)
{
	return one_field(st, false, known, arg, info);
}

enum store_rc store_redo_known(struct store *st, store_known_fn known, void *arg,
                               struct store_change *info)
{
	return one_field(st, true, known, arg, info);
}

enum store_rc store_undo(struct store *st, struct store_change *info)
{
	return store_undo_known(st, NULL, NULL, info);
}

enum store_rc store_redo(struct store *st, struct store_change *info)
{
	return store_redo_known(st, NULL, NULL, info);
}

enum store_rc store_undo_seq(struct store *st, uint64_t seq, store_known_fn known,
                             void *arg, struct store_change *info)
{
	struct undo_ctx c = { false, false, seq, known, arg, NULL, info };

	if (seq == 0) {
		/* no entry is #0 */
		info_init(info, "", "");
		if (info)
			info->ref = store_last_seq(st);
		return STORE_NOTFOUND;
	}
	return undo_redo(st, &c);
}

/* ---- baselines ---------------------------------------------------------------- */

struct baseline_ctx {
	const char *name, *note;
	struct store_change *info;
};

static enum store_rc do_baseline(struct wtx *w, void *arg)
{
	struct baseline_ctx *b = arg;
	struct cbuf k = { 0 };
	struct entry_in in;
	uint64_t seq, old = 0;
	MDB_val v;
	int rc;

	key2_aux_name(&k, 'B', b->name);
	rc = t_get(w->st, w->txn, DB_AUX, &k, &v);
	cbuf_free(&k);
	if (rc == 0) {
		if (b->info) {
			b->info->why = STORE_WHY_EXISTS;
			ou_get(v.mv_data, v.mv_size, &old);
			b->info->ref = old;
		}
		return STORE_CONFLICT;
	}
	if (rc != MDB_NOTFOUND) {
		w->mrc = rc;
		return STORE_ERROR;
	}
	seq = next_seq(w);
	memset(&in, 0, sizeof in);
	in.seq = seq;
	in.set = seq;
	in.time = w->time;
	in.pid = w->pid;
	in.kind = HIST_BASELINE;
	in.user = w->st->user;
	in.a = b->name;
	in.b = b->note;
	write_entry(w, &in);
	if (b->info)
		b->info->seq = seq;
	return w->mrc ? STORE_ERROR : STORE_OK;
}

enum store_rc store_baseline_create(struct store *st, const char *name, const char *note,
                                    struct store_change *info)
{
	struct baseline_ctx b = { name, note ? note : "", info };

	info_init(info, "", "");
	store_clear_err(st);
	if (!store_baseline_name_ok(name) || strlen(b.note) > RECORD_MAX_VALUE)
		return STORE_INVALID;
	return store_write_txn(st, do_baseline, &b);
}

/* ---- restore and upgrade: entries given whole --------------------------------- */

static enum store_rc bad_entry(char **why, uint64_t seq, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static enum store_rc bad_entry(char **why, uint64_t seq, const char *fmt, ...)
{
	va_list ap;
	char *what;

	va_start(ap, fmt);
	what = text_vprintf(fmt, ap);
	va_end(ap);
	free(*why);
	*why = text_printf("history entry #%llu: %s", (unsigned long long)seq,
	                   what ? what : "bad entry");
	free(what);
	return STORE_INVALID;
}

/* Check an UNDO or REDO entry e against the store (written up to e) and
 * give the version it writes in *to: the one the live operation would. */
static enum store_rc check_undo_entry(struct wtx *w, struct replay *r,
                                      const struct hist_entry *e, struct cur2 *cur,
                                      struct fver *to, char **why)
{
	struct hist2 s;
	char *user = NULL, *process = NULL, *field = NULL;
	uint64_t at, undone, want;
	enum store_rc src = STORE_OK;
	int rc;

	memset(to, 0, sizeof *to);
	memset(cur, 0, sizeof *cur);
	if (e->ref == 0 || e->ref >= e->seq)
		return bad_entry(why, e->seq, "refers to an entry that is not before it");
	w->mrc = read_hist2(w->st, w->txn, e->ref, &s);
	if (w->mrc)
		return STORE_ERROR;
	hist2_free(&s);
	if (s.kind == HIST_SET)
		w->mrc = pf_name(w, s.pf, &process, &field);
	if (!w->mrc)
		w->mrc = aux_name(w->st, w->txn, 'U', s.user, &user, NULL);
	if (w->mrc) {
		src = STORE_ERROR;
		goto out;
	}
	if (s.kind != HIST_SET || strcmp(process, e->process) || strcmp(field, e->field) ||
	    strcmp(user, e->user)) {
		src = bad_entry(why, e->seq, "is an undo or redo of an entry that is not a "
		                "change of %s %s by the same user", e->process, e->field);
		goto out;
	}
	if (r->undone_set && r->undone_set != s.set) {
		src = bad_entry(why, e->seq, "undoes or redoes changes of two change sets");
		goto out;
	}
	r->undone_set = s.set;
	undone = undone_by(w, e->ref);
	w->mrc = w->mrc ? w->mrc : read_cur(w->st, w->txn, e->process, e->field, cur);
	if (w->mrc) {
		memset(cur, 0, sizeof *cur);
		src = STORE_ERROR;
		goto out;
	}
	if (e->kind == HIST_UNDO) {
		if (undone) {
			src = bad_entry(why, e->seq, "undoes a change that is undone already");
			goto out;
		}
		want = e->ref;
		rc = read_fver_at(w->st, w->txn, NULL, s.pf, e->ref - 1, to, &at);
		if (rc == MDB_NOTFOUND) {
			to->value = strdup("");
			rc = to->value ? 0 : ENOMEM;
		}
	} else {
		struct fver u;

		if (!undone) {
			src = bad_entry(why, e->seq, "redoes a change that is not undone");
			goto out;
		}
		rc = read_fver_at(w->st, w->txn, NULL, s.pf, undone, &u, &at);
		want = u.rev;
		if (rc == 0)
			fver_free(&u);
		if (rc == 0)
			rc = read_fver_at(w->st, w->txn, NULL, s.pf, e->ref, to, &at);
		if (rc == MDB_NOTFOUND)
			rc = MDB_CORRUPTED;
	}
	if (rc) {
		w->mrc = rc;
		src = STORE_ERROR;
		goto out;
	}
	if (cur->rev != want) {
		src = bad_entry(why, e->seq, "an undo or redo of a field that was changed "
		                "since");
		goto out;
	}
	if (strcmp(to->value, e->new_value ? e->new_value : "") != 0)
		src = bad_entry(why, e->seq, "an undo or redo must give the field the value %s",
		                e->kind == HIST_UNDO ? "from before the change" : "of the change");
out:
	free(user);
	free(process);
	free(field);
	return src;
}

enum store_rc replay_end(struct wtx *w, struct replay *r)
{
	if (r->set)
		finish_set(w, r->set, r->last);
	r->set = r->last = 0;
	r->undone_set = 0;
	return w->mrc ? STORE_ERROR : STORE_OK;
}

enum store_rc replay_entry(struct wtx *w, struct replay *r, const struct hist_entry *e,
                           char **why)
{
	struct entry_in in;
	struct fver to;
	struct cur2 cur;
	uint64_t uid;
	enum store_rc src = STORE_OK;

	load_end(w);
	if (w->mrc)
		return STORE_ERROR;
	memset(&to, 0, sizeof to);
	memset(&cur, 0, sizeof cur);
	if (e->seq != w->last_seq + 1)
		return bad_entry(why, e->seq, "is out of order: the history must be numbered "
		                 "from #1 without gaps");
	if (e->kind > HIST_RESTORE || e->time < 0 || !valid_user(e->user))
		return bad_entry(why, e->seq, "has an unknown kind, a time before 1970 or a user "
		                 "name that is empty, too long or holds control characters");
	if (e->set != e->seq && (e->set != r->set || r->last + 1 != e->seq))
		return bad_entry(why, e->seq, "belongs to a change set that is not the entries "
		                 "just before it");
	if (e->set == e->seq) {
		src = replay_end(w, r);
		if (src != STORE_OK)
			return src;
	}
	uid = intern(w, 'u', e->user);
	if (w->mrc)
		return STORE_ERROR;
	if (e->set == e->seq) {
		r->set = e->seq;
		r->set_kind = e->kind;
		r->set_user = uid;
	} else if (e->kind != r->set_kind || uid != r->set_user || e->kind > HIST_REDO ||
	           e->named) {
		return bad_entry(why, e->seq, "differs in kind or user from its change set's "
		                 "first entry");
	}
	memset(&in, 0, sizeof in);
	in.seq = e->seq;
	in.set = e->set;
	in.ref = e->ref;
	in.time = e->time;
	in.pid = e->pid;
	in.kind = e->kind;
	in.flags = e->named ? HIST_F_NAMED : 0;
	in.user = e->user;
	if (e->named && e->kind != HIST_UNDO)
		return bad_entry(why, e->seq, "only an undo can be of one named change");
	if (e->kind <= HIST_REDO) {
		const char *v = e->new_value ? e->new_value : "";

		if (!store_valid_process_id(e->process) || !e->field || !record_field(e->field, NULL) ||
		    strlen(v) > RECORD_MAX_VALUE)
			return bad_entry(why, e->seq, "has a process id or field name that is not "
			                 "one (%s %s) or a value over 64 KiB", e->process, e->field);
		if (e->origin && *e->origin && !uuid_text_ok(e->origin))
			return bad_entry(why, e->seq, "has an origin that is not a UUID (%s)",
			                 e->origin);
		in.process = e->process;
		in.field = e->field;
		in.value = v;
		if (e->kind == HIST_SET) {
			in.rev = e->seq;
			in.origin = origin_id(w, e->origin, e->origin_rev, e->seq);
			in.origin_rev = in.origin ? e->origin_rev : 0;
		} else {
			src = check_undo_entry(w, r, e, &cur, &to, why);
			if (src == STORE_OK) {
				in.rev = to.rev;
				in.origin = to.origin;
				in.origin_rev = to.origin_rev;
			}
		}
	} else if (e->kind == HIST_BASELINE) {
		struct cbuf k = { 0 };
		MDB_val v;
		int rc;

		if (!store_baseline_name_ok(e->name))
			return bad_entry(why, e->seq, "names a baseline '%s', which is not a "
			                 "baseline name", e->name);
		key2_aux_name(&k, 'B', e->name);
		rc = t_get(w->st, w->txn, DB_AUX, &k, &v);
		cbuf_free(&k);
		if (rc == 0)
			return bad_entry(why, e->seq, "names baseline '%s' a second time", e->name);
		if (rc != MDB_NOTFOUND) {
			w->mrc = rc;
			return STORE_ERROR;
		}
		in.a = e->name;
		in.b = e->note ? e->note : "";
	} else if (e->kind == HIST_RESTORE) {
		in.a = e->file ? e->file : "";
		in.b = e->sha256 ? e->sha256 : "";
	}
	if (src == STORE_OK) {
		write_entry(w, &in);
		r->last = e->seq;
		if (e->set == e->seq && e->set_kind == STORE_SET_IMPORT && e->kind == HIST_SET) {
			struct cbuf k = { 0 }, v = { 0 };
			struct setmark m = { STORE_SET_IMPORT, (char *)(e->file ? e->file : ""),
			                     (char *)(e->sha256 ? e->sha256 : "") };

			key2_aux_id(&k, 'S', e->seq);
			setmark_encode(&v, &m);
			put_key(w, DB_AUX, &k, &v);
			cbuf_free(&v);
		}
	}
	fver_free(&to);
	if (cur.user)
		cur2_free(&cur);
	if (w->mrc)
		return STORE_ERROR;
	return src;
}

struct restore_ctx {
	const char *file, *sha256;
	store_restore_fn next;
	void *arg;
	char *why;
	struct store_change *info;
	uint64_t n;             /* out: entries restored */
};

static enum store_rc do_restore(struct wtx *w, void *arg)
{
	struct restore_ctx *c = arg;
	struct replay r = { 0 };
	struct entry_in in;
	enum store_rc src = STORE_OK;
	bool rewind = true;

	free(c->why);
	c->why = NULL;
	c->n = 0;
	load_end(w);
	if (w->mrc)
		return STORE_ERROR;
	if (w->last_seq != 0) {
		c->why = text_printf("the store is not empty (its history has %llu entries); a "
		                     "restore needs a new store",
		                     (unsigned long long)w->last_seq);
		return STORE_CONFLICT;
	}
	for (;;) {
		struct hist_entry e;
		char *err = NULL;
		int got;

		memset(&e, 0, sizeof e);
		got = c->next(c->arg, rewind, &e, &err);
		rewind = false;
		if (got < 0) {
			c->why = err ? err : strdup("the entries to restore could not be read");
			return STORE_INVALID;
		}
		free(err);
		if (got == 0)
			break;
		src = replay_entry(w, &r, &e, &c->why);
		if (src != STORE_OK)
			return src;
		c->n++;
	}
	src = replay_end(w, &r);
	if (src != STORE_OK)
		return src;
	/* The restore itself: the first entry this store records of its own. */
	memset(&in, 0, sizeof in);
	in.seq = next_seq(w);
	in.set = in.seq;
	in.time = w->have_tmax && w->tmax > w->now ? w->tmax : w->now;
	in.pid = w->pid;
	in.kind = HIST_RESTORE;
	in.user = w->st->user;
	in.a = c->file;
	in.b = c->sha256;
	write_entry(w, &in);
	if (c->info)
		c->info->seq = in.seq;
	return w->mrc ? STORE_ERROR : STORE_OK;
}

enum store_rc store_restore(struct store *st, const char *file, const char *sha256,
                            store_restore_fn next, void *arg, struct store_change *info,
                            char **why)
{
	struct restore_ctx c = { file ? file : "", sha256 ? sha256 : "", next, arg, NULL, info, 0 };
	enum store_rc src;

	info_init(info, "", "");
	if (why)
		*why = NULL;
	src = store_write_txn(st, do_restore, &c);
	if (why)
		*why = c.why;
	else
		free(c.why);
	return src;
}

/* ---- bulk (benchmark hook) --------------------------------------------------------- */

struct bulk_ctx {
	const char *process, *field;
	uint64_t from, n;
};

/* n changes of one field, as store_set would write them, but with the
 * field's state, the user's id and the time index written once. */
static enum store_rc do_bulk(struct wtx *w, void *arg)
{
	struct bulk_ctx *b = arg;
	struct cbuf k = { 0 }, v = { 0 }, r = { 0 };
	struct cur2 c, n;
	struct fver f;
	struct hist2 h;
	uint64_t seq, pf, uid;
	char value[64], prev[64];
	uint64_t written = 0;
	MDB_cursor *fc;
	unsigned fflags = 0, uflags = 0;
	MDB_val lk, lv;

	seq = next_seq(w);
	uid = intern(w, 'u', w->st->user);
	pf = field_id(w, b->process, b->field, &c);
	if (w->mrc)
		return STORE_ERROR;
	/* Append where the keys go last in their trees (one field, one user:
	 * the benchmark's store); else put them where they belong. */
	if (!(w->mrc = mdb_cursor_open(w->txn, w->st->db[DB_FHIST], &fc))) {
		uint64_t lpf = 0;

		if (mdb_cursor_get(fc, &lk, &lv, MDB_LAST) != 0 ||
		    (ou_get(lk.mv_data, lk.mv_size, &lpf) && lpf <= pf))
			fflags = MDB_APPEND;
		mdb_cursor_close(fc);
	}
	if (!w->mrc && !(w->mrc = mdb_cursor_open(w->txn, w->st->db[DB_UNDO], &fc))) {
		uint64_t lu = 0;

		if (mdb_cursor_get(fc, &lk, &lv, MDB_LAST) != 0 ||
		    (ou_get(lk.mv_data, lk.mv_size, &lu) && lu <= uid))
			uflags = MDB_APPEND;
		mdb_cursor_close(fc);
	}
	snprintf(prev, sizeof prev, "%s", c.pf ? c.value : "");
	memset(&h, 0, sizeof h);
	h.kind = HIST_SET;
	h.time = w->time;
	h.pid = (uint64_t)w->pid;
	h.user = uid;
	h.pf = pf;
	for (uint64_t i = 0; i < b->n && !w->mrc; i++, seq++) {
		snprintf(value, sizeof value, "bulk %llu", (unsigned long long)(b->from + i));
		if (strcmp(value, prev) == 0) {
			seq--;
			continue;
		}
		h.set = seq;
		key2_hist(&k, seq);
		hist2_encode(&v, seq, &h);
		w_put(w, DB_HIST, &k, &v, MDB_APPEND);
		k.n = v.n = 0;
		f = (struct fver){ seq, 0, 0, value };
		key2_fhist(&k, pf, seq);
		fver_encode(&v, seq, &f);
		w_put(w, DB_FHIST, &k, &v, fflags);
		k.n = v.n = 0;
		key2_undo(&k, uid, seq);
		w_put(w, DB_UNDO, &k, &r, uflags);
		k.n = 0;
		snprintf(prev, sizeof prev, "%s", value);
		w->last_seq = seq;
		c.entries++;
		written++;
	}
	if (!w->mrc && written) {
		n = (struct cur2){ pf, w->last_seq, w->last_seq, w->time, c.entries, 0, 0,
		                   w->st->user, prev };
		put_time(w, w->time, w->last_seq);
		key2_cur(&k, b->process, b->field);
		cur2_encode(&v, &n);
		w_put(w, DB_CUR, &k, &v, 0);
		k.n = 0;
		cbuf_bytes(&k, "R", 1);
		cbuf_ou(&k, uid);
		del_prefix(w, DB_AUX, &k);
		w->wrote = true;
	}
	if (c.pf)
		cur2_free(&c);
	cbuf_free(&k);
	cbuf_free(&v);
	return w->mrc ? STORE_ERROR : STORE_OK;
}

enum store_rc store_bulk_set(struct store *st, const char *process,
                             const char *field, uint64_t n)
{
	/* Big transactions: the benchmark's 10,000,000 entries in minutes. */
	const uint64_t chunk = 500000;

	if (!store_valid_process_id(process) || !record_field(field, NULL))
		return STORE_INVALID;
	for (uint64_t done = 0; done < n; done += chunk) {
		struct bulk_ctx b = { process, field, done, n - done < chunk ? n - done : chunk };
		enum store_rc src = store_write_txn(st, do_bulk, &b);

		if (src != STORE_OK)
			return src;
	}
	return STORE_OK;
}
