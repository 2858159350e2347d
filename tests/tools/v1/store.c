/* store.c - process records and their history in LMDB (see store.h).
 *
 * LMDB is confined to this file; key and value bytes are codec.c's job
 * (the key layout is documented in codec.h and man/prmwb.1 FILES).
 *
 * Every change is one write transaction through write_txn(), which keeps
 * the operation's inputs (never LMDB pointers) so that on MDB_MAP_FULL it
 * can abort, double the map with no transaction active, and run the whole
 * operation again. Undo restores a field exactly as it was before the
 * change (value and revision), so a user's undos of several changes of one
 * field, and another user's change that was itself undone, do not count as
 * conflicts; the undo/redo entries themselves are appended to the history,
 * which is never rewritten. */
#include "config.h"
#include "store.h"
#include "store_internal.h"
#include "store_priv.h"

#include <errno.h>
#include <fcntl.h>
#include <lmdb.h>
#include <pwd.h>
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "codec.h"
#include "fatal.h"
#include "mdbcheck.h"
#include "record.h"
#include "text.h"

size_t store_initial_mapsize;

#define DEFAULT_MAPSIZE ((size_t)1 << 20)

/* Stores open in this process. LMDB's locks are POSIX record locks, which
 * a process loses on ANY close of the file: a second environment on the
 * same files, once closed, would drop the first one's locks, so another
 * process could think it alone and reset the lock table under a writer.
 * store_open() therefore refuses a second handle. Entries inherited across
 * fork() belong to the parent (pid differs) and do not count. */
static struct store *open_stores;

/* ---- small helpers ------------------------------------------------------ */

static void copy_str(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src ? src : "");
}

/* Codes of an LMDB call or of decoding that mean the file is damaged. A
 * value that cannot be decoded is reported as MDB_CORRUPTED too. */
static bool is_damage(int rc)
{
	return rc == MDB_CORRUPTED || rc == MDB_PAGE_NOTFOUND;
}

/* Record why a call failed (store_error()) and give its return code:
 * STORE_DAMAGED for damage, else STORE_ERROR. rc is an LMDB code or an
 * errno; the message keeps its reason (strerror for an errno). A message
 * set before for the same failure (damage() names the key) is kept. */
static enum store_rc fail(struct store *st, int rc)
{
	if (!st->err || !st->err[0]) {
		free(st->err);
		st->err = strdup(rc == EINVAL && st->pid != getpid() ?
		                 "the store was opened by the parent process (after fork())" :
		                 mdb_strerror(rc));
	}
	return is_damage(rc) ? STORE_DAMAGED : STORE_ERROR;
}

/* Note a value that cannot be decoded at key k; returns MDB_CORRUPTED. */
static int damage(struct store *st, const void *k, size_t klen, const char *what)
{
	char name[300];

	key_describe(k, klen, name, sizeof name);
	free(st->err);
	st->err = text_printf("%s: %s", name, what);
	return MDB_CORRUPTED;
}

static int damage_key(struct store *st, const struct cbuf *k, const char *what)
{
	return damage(st, k->p, k->n, what);
}

/* A call starts: forget the reason of the last failure. */
static void clear_err(struct store *st)
{
	if (st->err)
		st->err[0] = '\0';
}

static MDB_val mval(const struct cbuf *b)
{
	MDB_val v = { b->n, b->p };
	return v;
}

static bool has_prefix(const MDB_val *k, const struct cbuf *prefix)
{
	return k->mv_size >= prefix->n && memcmp(k->mv_data, prefix->p, prefix->n) == 0;
}

/* Begin a transaction, adopting a map another process has grown. A handle
 * inherited across fork() is refused: the environment is the parent's
 * (LMDB forbids using it in the child).
 *
 * From here to store_txn_end() the store's mapped pages are read: a fault in
 * between is a damaged file (fatal.h), reported as such, not a crash. */
int store_txn_begin(struct store *st, unsigned flags, MDB_txn **txn)
{
	int rc;

	*txn = NULL;
	if (st->pid != getpid())
		return EINVAL;
	fatal_store_enter(st->path);
	rc = mdb_txn_begin(st->env, NULL, flags, txn);

	if (rc == MDB_MAP_RESIZED) {
		rc = mdb_env_set_mapsize(st->env, 0);
		if (rc == 0)
			rc = mdb_txn_begin(st->env, NULL, flags, txn);
	}
	if (rc) {
		*txn = NULL;
		fatal_store_leave();
	}
	return rc;
}

/* Abort (or with commit, commit) a transaction store_txn_begin() began. */
int store_txn_end(MDB_txn *txn, bool commit)
{
	int rc = 0;

	if (!txn)
		return 0;
	if (commit)
		rc = mdb_txn_commit(txn);
	else
		mdb_txn_abort(txn);
	fatal_store_leave();
	return rc;
}

/* LMDB's assertions fire on pages that make no sense: a damaged file. */
static void on_lmdb_assert(MDB_env *env, const char *msg)
{
	(void)env;
	fatal_store_damaged(msg);
}

size_t store_mapsize(struct store *st)
{
	MDB_envinfo info;
	int rc;

	fatal_store_enter(st->path);
	rc = mdb_env_info(st->env, &info);
	fatal_store_leave();
	return rc ? 0 : info.me_mapsize;
}

/* Double the map; only called with no transaction active. */
static bool grow_map(struct store *st)
{
	size_t cur = store_mapsize(st), want;
	bool ok;

	if (cur == 0 || cur > SIZE_MAX / 2)
		return false;
	want = cur * 2;
	fatal_store_enter(st->path);
	ok = mdb_env_set_mapsize(st->env, want) == 0;
	fatal_store_leave();
	return ok;
}

/* A write transaction with one sticky LMDB error (knot's pattern): every
 * helper does nothing once mrc is set, so a chain of calls is checked once. */
struct wtx {
	struct store *st;
	MDB_txn *txn;
	int mrc;
	bool wrote;         /* a history entry was written (next_seq) */
	int64_t now;
	long pid;
};

static void w_put(struct wtx *w, const struct cbuf *k, const struct cbuf *v)
{
	MDB_val key, val;

	if (w->mrc)
		return;
	if (k->oom || v->oom) {
		w->mrc = ENOMEM;
		return;
	}
	key = mval(k);
	val = mval(v);
	w->mrc = mdb_put(w->txn, w->st->dbi, &key, &val, 0);
}

static void w_del(struct wtx *w, const struct cbuf *k)
{
	MDB_val key;
	int rc;

	if (w->mrc)
		return;
	if (k->oom) {
		w->mrc = ENOMEM;
		return;
	}
	key = mval(k);
	rc = mdb_del(w->txn, w->st->dbi, &key, NULL);
	if (rc && rc != MDB_NOTFOUND)
		w->mrc = rc;
}

/* Get a value in txn: 0, MDB_NOTFOUND or an error. */
static int t_get(MDB_txn *txn, MDB_dbi dbi, const struct cbuf *k, MDB_val *v)
{
	MDB_val key;

	if (k->oom)
		return ENOMEM;
	key = mval(k);
	return mdb_get(txn, dbi, &key, v);
}

/* Current state of a field; a field never set reads as rev 0, "". */
static int read_field(struct store *st, MDB_txn *txn, const char *process,
                      const char *field, struct field_state *f)
{
	struct cbuf k = { 0 };
	MDB_val v;
	int rc;

	key_field(&k, process, field);
	rc = t_get(txn, st->dbi, &k, &v);
	if (rc == MDB_NOTFOUND) {
		memset(f, 0, sizeof *f);
		f->user = strdup("");
		f->value = strdup("");
		rc = f->user && f->value ? 0 : ENOMEM;
	} else if (rc == 0 && !field_state_decode(v.mv_data, v.mv_size, f)) {
		rc = damage_key(st, &k, "the field's value cannot be decoded");
	}
	cbuf_free(&k);
	return rc;
}

/* History entry seq, which must exist (something refers to it). */
static int read_hist(struct store *st, MDB_txn *txn, uint64_t seq, struct hist_rec *h)
{
	struct cbuf k = { 0 };
	MDB_val v;
	int rc;

	key_hist(&k, seq);
	rc = t_get(txn, st->dbi, &k, &v);
	if (rc == MDB_NOTFOUND)
		rc = damage_key(st, &k, "missing, but referred to");
	else if (rc == 0 && !hist_decode(v.mv_data, v.mv_size, seq, h))
		rc = damage_key(st, &k, "the history entry cannot be decoded");
	cbuf_free(&k);
	return rc;
}

static int read_u64(struct store *st, MDB_txn *txn, const char *name, uint64_t *out)
{
	struct cbuf k = { 0 };
	MDB_val v;
	int rc;

	cbuf_bytes(&k, name, strlen(name));
	rc = t_get(txn, st->dbi, &k, &v);
	*out = 0;
	if (rc == MDB_NOTFOUND)
		rc = 0;
	else if (rc == 0 && v.mv_size != 8)
		rc = damage_key(st, &k, "not an 8-byte number");
	else if (rc == 0)
		*out = key_tail_u64(v.mv_data, 8);
	cbuf_free(&k);
	return rc;
}

/* Position cur on the last key that starts with prefix; MDB_NOTFOUND if
 * there is none. The upper bound is the prefix with its last byte + 1
 * (prefixes here end in '\0' or '/', never 0xFF). */
static int cursor_last(MDB_cursor *cur, const struct cbuf *prefix, MDB_val *k, MDB_val *v)
{
	struct cbuf up = { 0 };
	int rc;

	cbuf_bytes(&up, prefix->p, prefix->n);
	if (up.oom)
		return ENOMEM;
	up.p[up.n - 1]++;
	*k = mval(&up);
	rc = mdb_cursor_get(cur, k, v, MDB_SET_RANGE);
	if (rc == 0)
		rc = mdb_cursor_get(cur, k, v, MDB_PREV);
	else if (rc == MDB_NOTFOUND)
		rc = mdb_cursor_get(cur, k, v, MDB_LAST);
	cbuf_free(&up);
	if (rc == 0 && !has_prefix(k, prefix))
		rc = MDB_NOTFOUND;
	return rc;
}

/* Newest entry of a user's undo ('u') or redo ('R') stack. */
static int stack_top(struct wtx *w, char stack, uint64_t *seq, uint64_t *val)
{
	struct cbuf p = { 0 };
	MDB_cursor *cur;
	MDB_val k, v;
	int rc;

	key_stack(&p, stack, w->st->user, 0);
	if (p.oom)
		return ENOMEM;
	p.n -= 8;       /* "u/<user>\0" */
	rc = mdb_cursor_open(w->txn, w->st->dbi, &cur);
	if (rc == 0) {
		rc = cursor_last(cur, &p, &k, &v);
		if (rc == 0) {
			if (k.mv_size != p.n + 8 || (stack == 'R' && v.mv_size != 8))
				rc = damage(w->st, k.mv_data, k.mv_size, "a damaged undo/redo "
				            "stack entry");
			*seq = key_tail_u64(k.mv_data, k.mv_size);
			*val = v.mv_size == 8 ? key_tail_u64(v.mv_data, 8) : 0;
		}
		mdb_cursor_close(cur);
	}
	cbuf_free(&p);
	return rc;
}

/* Delete every key of the user's redo stack (a new change forgets it). */
static void clear_redo(struct wtx *w)
{
	struct cbuf p = { 0 };
	MDB_cursor *cur;
	MDB_val k, v;
	int rc;

	if (w->mrc)
		return;
	key_stack(&p, 'R', w->st->user, 0);
	if (p.oom) {
		w->mrc = ENOMEM;
		return;
	}
	p.n -= 8;
	rc = mdb_cursor_open(w->txn, w->st->dbi, &cur);
	if (rc) {
		w->mrc = rc;
		cbuf_free(&p);
		return;
	}
	k = mval(&p);
	rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE);
	while (rc == 0 && has_prefix(&k, &p)) {
		rc = mdb_cursor_del(cur, 0);
		if (rc)
			break;
		rc = mdb_cursor_get(cur, &k, &v, MDB_GET_CURRENT);
	}
	if (rc && rc != MDB_NOTFOUND)
		w->mrc = rc;
	mdb_cursor_close(cur);
	cbuf_free(&p);
}

/* Next history sequence number, written back as m/seq. */
static uint64_t next_seq(struct wtx *w)
{
	struct cbuf k = { 0 }, v = { 0 };
	uint64_t seq = 0;

	if (w->mrc)
		return 0;
	w->mrc = read_u64(w->st, w->txn, "m/seq", &seq);
	seq++;
	w->wrote = true;
	cbuf_bytes(&k, "m/seq", 5);
	cbuf_u64(&v, seq);
	w_put(w, &k, &v);
	cbuf_free(&k);
	cbuf_free(&v);
	return seq;
}

static void put_field(struct wtx *w, const char *process, const char *field,
                      const struct field_state *f)
{
	struct cbuf k = { 0 }, v = { 0 };

	key_field(&k, process, field);
	field_state_encode(&v, f);
	w_put(w, &k, &v);
	cbuf_free(&k);
	cbuf_free(&v);
}

/* Append history entry h (its e.seq set) and its process index key. */
static void put_hist(struct wtx *w, const struct hist_rec *h)
{
	struct cbuf k = { 0 }, v = { 0 }, e = { 0 };

	key_hist(&k, h->e.seq);
	hist_encode(&v, h);
	w_put(w, &k, &v);
	cbuf_free(&k);
	key_proc_hist(&k, h->e.process, h->e.seq);
	w_put(w, &k, &e);
	cbuf_free(&k);
	cbuf_free(&v);
}

static void put_stack(struct wtx *w, char stack, uint64_t seq, uint64_t val, bool with_val)
{
	struct cbuf k = { 0 }, v = { 0 };

	key_stack(&k, stack, w->st->user, seq);
	if (with_val)
		cbuf_u64(&v, val);
	w_put(w, &k, &v);
	cbuf_free(&k);
	cbuf_free(&v);
}

static void del_stack(struct wtx *w, char stack, uint64_t seq)
{
	struct cbuf k = { 0 };

	key_stack(&k, stack, w->st->user, seq);
	w_del(w, &k);
	cbuf_free(&k);
}

typedef enum store_rc (*txn_fn)(struct wtx *w, void *ctx);

static void put_model(struct wtx *w, const char *model)
{
	struct cbuf k = { 0 }, v = { 0 };

	cbuf_bytes(&k, "m/model", 7);
	cbuf_bytes(&v, model, strlen(model));
	w_put(w, &k, &v);
	cbuf_free(&k);
	cbuf_free(&v);
}

/* Run fn in one write transaction; on MDB_MAP_FULL grow and run it again
 * from its inputs. fn returns STORE_OK to commit, anything else to abort
 * (and that is returned); LMDB errors go in w->mrc. A pending rebind
 * (forced open) is written in the same transaction as the first change. */
static enum store_rc write_txn(struct store *st, txn_fn fn, void *ctx)
{
	clear_err(st);
	if (st->readonly)
		return STORE_READONLY;
	for (int attempt = 0; attempt < 40; attempt++) {
		struct wtx w = { .st = st, .now = (int64_t)time(NULL), .pid = (long)getpid() };
		enum store_rc src;
		int rc = store_txn_begin(st, 0, &w.txn);

		if (rc)
			return fail(st, rc);
		src = fn(&w, ctx);
		if (src == STORE_OK && w.mrc == 0 && w.wrote && st->rebind_to)
			put_model(&w, st->rebind_to);
		if (src == STORE_OK && w.mrc == 0) {
			rc = store_txn_end(w.txn, true);
			if (rc == 0) {
				if (w.wrote && st->rebind_to) {
					free(st->model);
					st->model = st->rebind_to;
					st->rebind_to = NULL;
				}
				return STORE_OK;
			}
			w.mrc = rc;
		} else {
			store_txn_end(w.txn, false);
		}
		if (w.mrc == MDB_MAP_FULL) {
			if (!grow_map(st))
				return fail(st, MDB_MAP_FULL);
			continue;
		}
		if (w.mrc)
			return fail(st, w.mrc);
		return src;
	}
	return fail(st, MDB_MAP_FULL);
}

/* ---- set ---------------------------------------------------------------- */

static bool is_no(const char *v)
{
	return strcmp(v, "no") == 0;
}

/* Fill info (if not NULL) with who made the change that keeps a field
 * (now cur) from being changed as asked, want being the revision it should
 * have: the author of the revision in effect when that change came after
 * want, else whoever wrote the field last (an undo that put it back). */
static int blame(struct wtx *w, const struct field_state *cur, uint64_t want,
                 struct store_change *info)
{
	struct hist_rec h;
	int rc;

	if (!info)
		return 0;
	info->why = STORE_WHY_CHANGED;
	info->rev = 0;
	copy_str(info->user, sizeof info->user, cur->user);
	info->time = cur->time;
	if (cur->rev == 0 || cur->rev <= want)
		return 0;
	rc = read_hist(w->st, w->txn, cur->rev, &h);
	if (rc)
		return rc;
	if (h.e.kind == HIST_SET) {
		copy_str(info->user, sizeof info->user, h.e.user);
		info->time = h.e.time;
		info->rev = cur->rev;
	}
	hist_free(&h);
	return 0;
}

/* Would writing value into field leave applicable=no without a
 * justification? If so fills info with the other field and who gave it
 * the value that blocks. */
static int check_justified(struct wtx *w, const char *process, const char *field,
                           const char *value, bool *bad, struct store_change *info)
{
	const char *other;
	struct field_state o;
	int rc;

	*bad = false;
	if (strcmp(field, "applicable") == 0 && is_no(value))
		other = "justification";
	else if (strcmp(field, "justification") == 0 && value[0] == '\0')
		other = "applicable";
	else
		return 0;
	rc = read_field(w->st, w->txn, process, other, &o);
	if (rc)
		return rc;
	if (other[0] == 'j' ? o.value[0] == '\0' : is_no(o.value)) {
		*bad = true;
		rc = blame(w, &o, 0, info);
		if (info) {
			info->why = STORE_WHY_JUSTIFICATION;
			info->needs_justification = true;
			copy_str(info->field, sizeof info->field, other);
		}
	}
	field_state_free(&o);
	return rc;
}

struct set_ctx {
	const char *process, *field, *value;
	uint64_t base_rev;
	struct store_change *info;
	uint64_t seq;       /* out */
};

static enum store_rc do_set(struct wtx *w, void *arg)
{
	struct set_ctx *c = arg;
	struct field_state cur, nf;
	struct hist_rec h;
	bool bad;
	enum store_rc src = STORE_OK;

	c->seq = 0;
	w->mrc = read_field(w->st, w->txn, c->process, c->field, &cur);
	if (w->mrc)
		return STORE_ERROR;
	if (c->base_rev != STORE_ANY_REV && cur.rev != c->base_rev) {
		w->mrc = blame(w, &cur, c->base_rev, c->info);
		src = w->mrc ? STORE_ERROR : STORE_CONFLICT;
		goto out;
	}
	w->mrc = check_justified(w, c->process, c->field, c->value, &bad, c->info);
	if (w->mrc || bad) {
		src = w->mrc ? STORE_ERROR : STORE_INVALID;
		goto out;
	}
	/* Unchanged, including clearing a field never set (it reads as ""):
	 * nothing to record, no undo step. */
	if (strcmp(cur.value, c->value) == 0)
		goto out;

	c->seq = next_seq(w);
	nf.rev = c->seq;
	nf.time = w->now;
	nf.user = w->st->user;
	nf.value = (char *)c->value;
	put_field(w, c->process, c->field, &nf);

	memset(&h, 0, sizeof h);
	h.e.seq = c->seq;
	h.e.time = w->now;
	h.e.user = w->st->user;
	h.e.pid = w->pid;
	h.e.kind = HIST_SET;
	h.e.process = (char *)c->process;
	h.e.field = (char *)c->field;
	h.e.old_value = cur.value;
	h.e.new_value = (char *)c->value;
	h.old_rev = cur.rev;
	h.new_rev = c->seq;
	put_hist(w, &h);
	put_stack(w, 'u', c->seq, 0, false);
	clear_redo(w);
out:
	field_state_free(&cur);
	return src;
}

static bool valid_process_id(const char *p)
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

static void info_init(struct store_change *info, const char *process, const char *field)
{
	if (!info)
		return;
	memset(info, 0, sizeof *info);
	copy_str(info->process, sizeof info->process, process);
	copy_str(info->field, sizeof info->field, field);
}

enum store_rc store_set(struct store *st, const char *process, const char *field,
                        const char *value, size_t n_outcomes, uint64_t base_rev,
                        struct store_change *info)
{
	struct set_ctx c = { process, field, NULL, base_rev, info, 0 };
	char *why = NULL, *norm;
	enum store_rc src;

	info_init(info, process, field);
	clear_err(st);
	if (!valid_process_id(process))
		return STORE_INVALID;
	norm = record_validate(field, value, n_outcomes, &why);
	free(why);
	if (!norm)
		return STORE_INVALID;
	c.value = norm;
	src = write_txn(st, do_set, &c);
	if (src == STORE_OK && info)
		info->seq = c.seq;
	free(norm);
	return src;
}

/* ---- undo / redo -------------------------------------------------------- */

struct undo_ctx {
	bool redo;
	bool named;             /* undo the change seq, not the newest */
	uint64_t seq;
	struct store_change *info;
	store_known_fn known;   /* NULL: every process may be changed */
	void *known_arg;
};

/* The newest UNDO entry of s's process that undid s (0: none found). */
static int find_undo_of(struct wtx *w, const struct hist_rec *s, uint64_t *undo)
{
	struct cbuf p = { 0 };
	MDB_cursor *cur;
	MDB_val k, v;
	int rc;

	*undo = 0;
	key_proc_hist(&p, s->e.process, 0);
	if (p.oom)
		return ENOMEM;
	p.n -= 8;
	rc = mdb_cursor_open(w->txn, w->st->dbi, &cur);
	if (rc) {
		cbuf_free(&p);
		return rc;
	}
	for (rc = cursor_last(cur, &p, &k, &v); rc == 0 && has_prefix(&k, &p);
	     rc = mdb_cursor_get(cur, &k, &v, MDB_PREV)) {
		uint64_t seq = key_tail_u64(k.mv_data, k.mv_size);
		struct hist_rec h;

		if (k.mv_size != p.n + 8) {
			rc = damage(w->st, k.mv_data, k.mv_size, "a damaged history index key");
			break;
		}
		if (seq <= s->e.seq)
			break;
		rc = read_hist(w->st, w->txn, seq, &h);
		if (rc)
			break;
		if (h.e.kind == HIST_UNDO && h.e.ref == s->e.seq)
			*undo = seq;
		hist_free(&h);
		if (*undo)
			break;
	}
	mdb_cursor_close(cur);
	cbuf_free(&p);
	return rc == MDB_NOTFOUND || rc == 0 ? 0 : rc;
}

/* For a named undo: read entry c->seq into s and check that it is one of
 * the caller's changes on the undo stack. STORE_OK, or STORE_NOTFOUND with
 * info saying why (then s is freed). */
static enum store_rc named_change(struct wtx *w, struct undo_ctx *c, struct hist_rec *s)
{
	struct store_change *info = c->info;
	struct cbuf k = { 0 };
	uint64_t last, undo;
	MDB_val v;

	w->mrc = read_u64(w->st, w->txn, "m/seq", &last);
	if (w->mrc)
		return STORE_ERROR;
	if (c->seq == 0 || c->seq > last) {
		if (info)
			info->ref = last;
		return STORE_NOTFOUND;
	}
	w->mrc = read_hist(w->st, w->txn, c->seq, s);
	if (w->mrc)
		return STORE_ERROR;
	if (info) {
		info_init(info, s->e.process, s->e.field);
		copy_str(info->user, sizeof info->user, s->e.user);
		info->time = s->e.time;
		info->ref = s->e.ref;
	}
	if (s->e.kind != HIST_SET) {
		if (info)
			info->why = STORE_WHY_NOT_A_CHANGE;
		goto refused;
	}
	if (strcmp(s->e.user, w->st->user) != 0) {
		if (info)
			info->why = STORE_WHY_NOT_OWN;
		goto refused;
	}
	key_stack(&k, 'u', w->st->user, c->seq);
	w->mrc = t_get(w->txn, w->st->dbi, &k, &v);
	cbuf_free(&k);
	if (w->mrc == 0)
		return STORE_OK;
	if (w->mrc != MDB_NOTFOUND) {
		hist_free(s);
		return STORE_ERROR;
	}
	w->mrc = find_undo_of(w, s, &undo);
	if (w->mrc) {
		hist_free(s);
		return STORE_ERROR;
	}
	if (info) {
		info->why = STORE_WHY_UNDONE;
		info->ref = undo;
	}
refused:
	hist_free(s);
	return STORE_NOTFOUND;
}

/* Undo: the user's newest SET S on the undo stack (or, named, the SET S
 * the caller names, which must be on the stack); the field must still be
 * as S left it (rev == S); it goes back to S's old value and old rev, S
 * leaves the undo stack and goes on top of the redo stack.
 * Redo: the newest key of the redo stack names S; the field must still be
 * as the undo left it (rev == S's old rev); it gets S's new value and
 * rev S again, and S goes back on the undo stack. */
static enum store_rc do_undo(struct wtx *w, void *arg)
{
	struct undo_ctx *c = arg;
	struct store_change *info = c->info;
	struct field_state cur, nf;
	struct hist_rec s, h;
	uint64_t key_seq = 0, val = 0, sseq, want_rev, seq;
	const char *value;
	bool bad;
	enum store_rc src = STORE_OK;

	if (c->named) {
		src = named_change(w, c, &s);
		if (src != STORE_OK)
			return src;
		sseq = key_seq = c->seq;
	} else {
		w->mrc = stack_top(w, c->redo ? 'R' : 'u', &key_seq, &val);
		if (w->mrc == MDB_NOTFOUND) {
			w->mrc = 0;
			return STORE_NOTFOUND;
		}
		if (w->mrc)
			return STORE_ERROR;
		sseq = c->redo ? val : key_seq;
		w->mrc = read_hist(w->st, w->txn, sseq, &s);
		if (w->mrc)
			return STORE_ERROR;
		info_init(info, s.e.process, s.e.field);
	}
	if (c->known && !c->known(s.e.process, c->known_arg)) {
		hist_free(&s);
		return STORE_ORPHAN;
	}
	w->mrc = read_field(w->st, w->txn, s.e.process, s.e.field, &cur);
	if (w->mrc) {
		hist_free(&s);
		return STORE_ERROR;
	}
	want_rev = c->redo ? s.old_rev : s.new_rev;
	if (cur.rev != want_rev) {
		w->mrc = blame(w, &cur, want_rev, info);
		src = w->mrc ? STORE_ERROR : STORE_CONFLICT;
		goto out;
	}
	value = c->redo ? s.e.new_value : s.e.old_value;
	w->mrc = check_justified(w, s.e.process, s.e.field, value, &bad, info);
	if (w->mrc || bad) {
		src = w->mrc ? STORE_ERROR : STORE_CONFLICT;
		goto out;
	}

	seq = next_seq(w);
	nf.rev = c->redo ? s.new_rev : s.old_rev;
	nf.time = w->now;
	nf.user = w->st->user;
	nf.value = (char *)value;
	put_field(w, s.e.process, s.e.field, &nf);

	memset(&h, 0, sizeof h);
	h.e.seq = seq;
	h.e.time = w->now;
	h.e.user = w->st->user;
	h.e.pid = w->pid;
	h.e.kind = c->redo ? HIST_REDO : HIST_UNDO;
	h.e.ref = sseq;
	h.e.process = s.e.process;
	h.e.field = s.e.field;
	h.e.old_value = cur.value;
	h.e.new_value = (char *)value;
	h.old_rev = cur.rev;
	h.new_rev = nf.rev;
	put_hist(w, &h);
	if (c->redo) {
		del_stack(w, 'R', key_seq);
		put_stack(w, 'u', sseq, 0, false);
	} else {
		del_stack(w, 'u', sseq);
		put_stack(w, 'R', seq, sseq, true);
	}
	if (info) {
		info_init(info, s.e.process, s.e.field);
		info->seq = seq;
	}
out:
	field_state_free(&cur);
	hist_free(&s);
	return src;
}

enum store_rc store_undo_known(struct store *st, store_known_fn known, void *arg,
                               struct store_change *info)
{
	struct undo_ctx c = { false, false, 0, info, known, arg };

	info_init(info, "", "");
	return write_txn(st, do_undo, &c);
}

enum store_rc store_redo_known(struct store *st, store_known_fn known, void *arg,
                               struct store_change *info)
{
	struct undo_ctx c = { true, false, 0, info, known, arg };

	info_init(info, "", "");
	return write_txn(st, do_undo, &c);
}

enum store_rc store_undo_seq(struct store *st, uint64_t seq, store_known_fn known,
                             void *arg, struct store_change *info)
{
	struct undo_ctx c = { false, true, seq, info, known, arg };

	info_init(info, "", "");
	return write_txn(st, do_undo, &c);
}

enum store_rc store_undo(struct store *st, struct store_change *info)
{
	return store_undo_known(st, NULL, NULL, info);
}

enum store_rc store_redo(struct store *st, struct store_change *info)
{
	return store_redo_known(st, NULL, NULL, info);
}

/* ---- bulk (benchmark hook) ---------------------------------------------- */

struct bulk_ctx {
	const char *process, *field;
	uint64_t from, n;
};

static enum store_rc do_bulk(struct wtx *w, void *arg)
{
	struct bulk_ctx *b = arg;

	for (uint64_t i = 0; i < b->n && !w->mrc; i++) {
		char value[64];
		struct set_ctx c = { b->process, b->field, value, STORE_ANY_REV, NULL, 0 };
		enum store_rc src;

		snprintf(value, sizeof value, "bulk %llu", (unsigned long long)(b->from + i));
		src = do_set(w, &c);
		if (src != STORE_OK)
			return src;
	}
	return STORE_OK;
}

enum store_rc store_bulk_set(struct store *st, const char *process,
                             const char *field, uint64_t n)
{
	const uint64_t chunk = 20000;

	for (uint64_t done = 0; done < n; done += chunk) {
		struct bulk_ctx b = { process, field, done, n - done < chunk ? n - done : chunk };
		enum store_rc src = write_txn(st, do_bulk, &b);

		if (src != STORE_OK)
			return src;
	}
	return STORE_OK;
}

/* ---- reading ------------------------------------------------------------ */

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

enum store_rc store_get(struct store *st, const char *process, struct record *out)
{
	struct cbuf p = { 0 };
	MDB_txn *txn = NULL;
	MDB_cursor *cur = NULL;
	MDB_val k, v;
	enum store_rc src = STORE_ERROR;
	int rc = ENOMEM;

	clear_err(st);
	memset(out, 0, sizeof *out);
	out->process = strdup(process ? process : "");
	out->user = strdup("");
	if (!out->process || !out->user)
		goto out;
	if (!valid_process_id(process)) {
		rc = EINVAL;
		goto out;
	}
	key_field_prefix(&p, process);
	if (p.oom || (rc = store_txn_begin(st, MDB_RDONLY, &txn)) != 0 ||
	    (rc = mdb_cursor_open(txn, st->dbi, &cur)) != 0)
		goto out;
	k = mval(&p);
	rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE);
	for (; rc == 0 && has_prefix(&k, &p); rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		struct field_state fs;
		struct field_value *fv, *nfields;
		size_t flen = k.mv_size - p.n;

		if (!field_state_decode(v.mv_data, v.mv_size, &fs)) {
			rc = damage(st, k.mv_data, k.mv_size, "the field's value cannot be decoded");
			goto out;
		}
		rc = ENOMEM;
		nfields = realloc(out->fields, (out->n_fields + 1) * sizeof *nfields);
		if (!nfields) {
			field_state_free(&fs);
			goto out;
		}
		out->fields = nfields;
		fv = &out->fields[out->n_fields];
		fv->field = strndup((const char *)k.mv_data + p.n, flen);
		fv->value = fs.value;
		fv->user = fs.user;
		fv->rev = fs.rev;
		fv->time = fs.time;
		out->n_fields++;
		if (!fv->field)
			goto out;
		if (fs.rev >= out->rev && fs.rev > 0) {
			char *u = strdup(fs.user);
			if (!u)
				goto out;
			free(out->user);
			out->user = u;
			out->rev = fs.rev;
			out->time = fs.time;
		}
	}
	if (rc != 0 && rc != MDB_NOTFOUND)
		goto out;
	/* The record's last change is its newest history entry, undo and
	 * redo included: an undo gives the field back its old rev (for the
	 * base-revision checks), so the fields alone would hide it. */
	if (out->n_fields) {
		struct hist_rec h;
		char *u;

		cbuf_free(&p);
		key_proc_hist(&p, process, 0);
		p.n -= 8;
		rc = ENOMEM;
		if (p.oom)
			goto out;
		rc = cursor_last(cur, &p, &k, &v);
		if (rc == 0) {
			if (k.mv_size != p.n + 8) {
				rc = damage(st, k.mv_data, k.mv_size, "a damaged history index key");
				goto out;
			}
			rc = read_hist(st, txn, key_tail_u64(k.mv_data, k.mv_size), &h);
			if (rc)
				goto out;
			u = strdup(h.e.user);
			if (u) {
				free(out->user);
				out->user = u;
				out->rev = h.e.seq;
				out->time = h.e.time;
			}
			hist_free(&h);
			rc = ENOMEM;
			if (!u)
				goto out;
		} else if (rc != MDB_NOTFOUND) {
			goto out;
		}
	}
	src = STORE_OK;
out:
	if (cur)
		mdb_cursor_close(cur);
	store_txn_end(txn, false);
	cbuf_free(&p);
	if (src != STORE_OK) {
		src = fail(st, rc);
		record_free(out);
		out->process = NULL;
	}
	return src;
}

enum store_rc store_list(struct store *st, char ***ids, size_t *n)
{
	MDB_txn *txn = NULL;
	MDB_cursor *cur = NULL;
	MDB_val k, v;
	char **list = NULL;
	size_t cnt = 0;
	enum store_rc src = STORE_ERROR;
	int rc;

	clear_err(st);
	*ids = NULL;
	*n = 0;
	if ((rc = store_txn_begin(st, MDB_RDONLY, &txn)) != 0 ||
	    (rc = mdb_cursor_open(txn, st->dbi, &cur)) != 0)
		goto out;
	k.mv_data = "r/";
	k.mv_size = 2;
	rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE);
	for (; rc == 0; rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		const char *kp = k.mv_data;
		const char *nul;
		char **nl;

		if (k.mv_size < 3 || memcmp(kp, "r/", 2) != 0)
			break;
		nul = memchr(kp + 2, '\0', k.mv_size - 2);
		if (!nul) {
			rc = damage(st, k.mv_data, k.mv_size, "a record key without a field name");
			goto out;
		}
		if (cnt && strlen(list[cnt - 1]) == (size_t)(nul - kp - 2) &&
		    memcmp(list[cnt - 1], kp + 2, (size_t)(nul - kp - 2)) == 0)
			continue;
		rc = ENOMEM;
		nl = realloc(list, (cnt + 1) * sizeof *nl);
		if (!nl)
			goto out;
		list = nl;
		list[cnt] = strndup(kp + 2, (size_t)(nul - kp - 2));
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
	store_txn_end(txn, false);
	return src == STORE_OK ? src : fail(st, rc);
}

enum store_rc store_log(struct store *st, const char *process, size_t limit,
                        store_log_fn fn, void *arg)
{
	struct cbuf p = { 0 };
	MDB_txn *txn = NULL;
	MDB_cursor *cur = NULL;
	MDB_val k, v;
	enum store_rc src = STORE_ERROR;
	size_t count = 0;
	int rc = ENOMEM;

	clear_err(st);
	if (process) {
		if (!valid_process_id(process))
			return STORE_OK;
		key_proc_hist(&p, process, 0);
		p.n -= 8;
	} else {
		cbuf_bytes(&p, "h/", 2);
	}
	if (p.oom || (rc = store_txn_begin(st, MDB_RDONLY, &txn)) != 0 ||
	    (rc = mdb_cursor_open(txn, st->dbi, &cur)) != 0)
		goto out;
	rc = cursor_last(cur, &p, &k, &v);
	for (; rc == 0 && has_prefix(&k, &p); rc = mdb_cursor_get(cur, &k, &v, MDB_PREV)) {
		struct hist_rec h;
		uint64_t seq;
		bool more;

		if (k.mv_size != p.n + 8) {
			rc = damage(st, k.mv_data, k.mv_size, process ? "a damaged history index key" :
			            "a damaged history key");
			goto out;
		}
		seq = key_tail_u64(k.mv_data, k.mv_size);
		if (process) {
			rc = read_hist(st, txn, seq, &h);
			if (rc)
				goto out;
		} else if (!hist_decode(v.mv_data, v.mv_size, seq, &h)) {
			rc = damage(st, k.mv_data, k.mv_size, "the history entry cannot be decoded");
			goto out;
		}
		/* fn works on copies: a fault in it is not the store's. */
		fatal_store_leave();
		more = fn(&h.e, arg);
		fatal_store_enter(st->path);
		hist_free(&h);
		if (!more || (limit && ++count >= limit))
			break;
	}
	if (rc == 0 || rc == MDB_NOTFOUND)
		src = STORE_OK;
out:
	if (cur)
		mdb_cursor_close(cur);
	store_txn_end(txn, false);
	cbuf_free(&p);
	return src == STORE_OK ? src : fail(st, rc);
}

uint64_t store_last_seq(struct store *st)
{
	MDB_txn *txn;
	uint64_t seq = 0;

	if (store_txn_begin(st, MDB_RDONLY, &txn))
		return 0;
	if (read_u64(st, txn, "m/seq", &seq))
		seq = 0;
	store_txn_end(txn, false);
	return seq;
}

uint64_t store_size(const struct store *st)
{
	MDB_envinfo info;
	MDB_stat stat;
	int rc;

	fatal_store_enter(st->path);
	rc = mdb_env_info(st->env, &info);
	if (rc == 0)
		rc = mdb_env_stat(st->env, &stat);
	fatal_store_leave();
	if (rc)
		return 0;
	return (uint64_t)(info.me_last_pgno + 1) * stat.ms_psize;
}

bool store_readonly(const struct store *st) { return st->readonly; }
const char *store_bound_model(const struct store *st) { return st->model; }
const char *store_path(const struct store *st) { return st->path; }
const char *store_user(const struct store *st) { return st->user; }

void store_set_user(struct store *st, const char *user)
{
	char *u = strdup(user ? user : "");

	if (u) {
		free(st->user);
		st->user = u;
	}
}

const char *store_error(const struct store *st)
{
	return st->err ? st->err : "";
}

const char *store_strerror(enum store_rc rc)
{
	switch (rc) {
	case STORE_OK: return "success";
	case STORE_NOTFOUND: return "not found";
	case STORE_INVALID: return "invalid field or value";
	case STORE_CONFLICT: return "changed by someone else in the meantime";
	case STORE_READONLY: return "the store is open read-only";
	case STORE_WRONG_MODEL: return "the store belongs to another model";
	case STORE_ORPHAN: return "the process is not in the model in use";
	case STORE_ERROR: return "storage error";
	case STORE_DAMAGED: return "the store is damaged";
	}
	return "unknown error";
}

/* ---- open / close ------------------------------------------------------- */

char *store_default_path(void)
{
	const char *e = getenv("PRMWB_DB");
	struct passwd *pw;

	if (e && *e)
		return strdup(e);
	e = getenv("XDG_DATA_HOME");
	if (e && e[0] == '/')   /* the XDG spec: relative values are ignored */
		return text_printf("%s/prmwb", e);
	e = getenv("HOME");
	if (!e || !*e) {
		pw = getpwuid(geteuid());
		e = pw ? pw->pw_dir : NULL;
	}
	if (!e || !*e)
		return NULL;
	return text_printf("%s/.local/share/prmwb", e);
}

bool store_exists(const char *dir)
{
	struct stat sd, sf;
	char *data;
	bool yes;

	if (stat(dir, &sd) != 0)
		return errno != ENOENT;
	if (!S_ISDIR(sd.st_mode))
		return true;    /* not a store: store_open() says so */
	data = text_printf("%s/data.mdb", dir);
	if (!data)
		return true;
	/* lstat: a link, even a dangling one, is for store_open() to refuse. */
	yes = lstat(data, &sf) == 0 || errno != ENOENT;
	free(data);
	return yes;
}

/* An errno from opening: a path that cannot name a store is bad input
 * (exit 2); anything else (permission, I/O, space) refuses (exit 1). */
static enum store_rc errno_rc(int en)
{
	return en == ENOTDIR || en == ENAMETOOLONG || en == ELOOP ?
		STORE_INVALID : STORE_ERROR;
}

/* mkdir -p for the parents of dir (mode 0700), then dir itself with mode. */
static int make_dirs(const char *dir, mode_t mode)
{
	char *p = strdup(dir);
	int rc = 0;

	if (!p)
		return ENOMEM;
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST) {
			rc = errno;
			break;
		}
		*s = '/';
	}
	if (rc == 0 && mkdir(p, mode) != 0 && errno != EEXIST)
		rc = errno;
	free(p);
	return rc;
}

/* A group-writable setgid directory is meant to be shared by a team. */
static bool shared_dir(const struct stat *s)
{
	return (s->st_mode & S_ISGID) && (s->st_mode & S_IWGRP);
}

/* Mode of a new store directory in a shared parent: setgid (files get the
 * team's group) and sticky (members cannot remove or replace each other's
 * data.mdb and lock.mdb). */
#define SHARED_DIR_MODE 03770

static char *parent_of(const char *dir)
{
	char *p = strdup(dir), *slash;

	if (!p)
		return NULL;
	while (strlen(p) > 1 && p[strlen(p) - 1] == '/')
		p[strlen(p) - 1] = '\0';
	slash = strrchr(p, '/');
	if (!slash)
		strcpy(p, ".");
	else if (slash == p)
		p[1] = '\0';
	else
		*slash = '\0';
	return p;
}

/* The OS user name, whole (malloc'd; NULL: out of memory). */
static char *os_user(void)
{
	struct passwd *pw = getpwuid(geteuid());

	if (pw && pw->pw_name && *pw->pw_name)
		return strdup(pw->pw_name);
	return text_printf("uid%lu", (unsigned long)geteuid());
}

static const char *file_kind(mode_t m)
{
	return S_ISDIR(m) ? "a directory" : S_ISFIFO(m) ? "a FIFO" : S_ISSOCK(m) ? "a socket" :
	       S_ISCHR(m) || S_ISBLK(m) ? "a device" : "not a regular file";
}

/* What a store's files must be, since LMDB opens them by name and follows
 * links: in a shared directory a member of the group could otherwise
 * point another member's prmwb at any file that member can write. So
 * data.mdb and lock.mdb must be regular files, not symbolic links, with
 * one hard link, and data.mdb not writable by others. Who owns them does not matter (stores
 * made by root, files of people who left the group). NULL if s is fine,
 * else a malloc'd reason. */
static char *bad_file(const char *path, const struct stat *s, bool data)
{
	if (S_ISLNK(s->st_mode))
		return text_printf("%s is a symbolic link; a store's files must be regular "
		                   "files (a link could make prmwb write into another file): "
		                   "remove the link, and restore the store from a copy if the "
		                   "link was not made by you", path);
	if (!S_ISREG(s->st_mode))
		return text_printf("%s is %s; a store's files must be regular files", path,
		                   file_kind(s->st_mode));
	/* A hard link is as good as a symbolic one where the system lets
	 * users link others' files (fs.protected_hardlinks=0). */
	if (s->st_nlink > 1)
		return text_printf("%s has %lu hard links; a store's files must have one (a "
		                   "link could make prmwb write into another file): copy the "
		                   "store with mdb_copy instead", path,
		                   (unsigned long)s->st_nlink);
	if (data && (s->st_mode & S_IWOTH))
		return text_printf("%s can be written by anyone (mode %04o), so anyone could "
		                   "change the records: take that away with 'chmod o-w %s'",
		                   path, (unsigned)(s->st_mode & 07777), path);
	return NULL;
}

/* lstat a store file: STORE_OK with *exists, or a refusal in *err. */
static enum store_rc check_file(const char *dir, const char *path, bool data,
                                struct stat *s, bool *exists, char **err)
{
	char *why;

	*exists = false;
	if (lstat(path, s) != 0) {
		int en = errno;

		if (en == ENOENT)
			return STORE_OK;
		*err = text_printf("cannot open store %s: %s: %s", dir, path, strerror(en));
		return errno_rc(en);
	}
	*exists = true;
	why = bad_file(path, s, data);
	if (!why)
		return STORE_OK;
	*err = text_printf("cannot open store %s: %s", dir, why);
	free(why);
	return STORE_INVALID;
}

/* A directory may become a store only if it holds nothing else (a lock
 * file aside, left by a first open that stopped): '--db /etc' must not
 * turn /etc into a store. Returns 0 and *other (malloc'd, NULL if none)
 * the first other entry, or an errno. */
static int other_entry(const char *dir, char **other)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int en = 0;

	*other = NULL;
	if (!d)
		return errno;
	errno = 0;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..") &&
		    strcmp(de->d_name, "lock.mdb")) {
			*other = strdup(de->d_name);
			if (!*other)
				en = ENOMEM;
			break;
		}
	}
	if (!de && errno)
		en = errno;
	closedir(d);
	return en;
}

/* LMDB maps lock.mdb after only ftruncate()-ing it, so on a full file
 * system its first write into the map dies of SIGBUS: allocate the file
 * first, to the size LMDB gives it ((readers - 1) * sizeof(MDB_reader) +
 * sizeof(MDB_txninfo), 64 and 192 bytes on Linux, rounded up to a page:
 * 8 KiB for the default 126 readers; a larger file only gives more reader
 * slots). Opened without following links. 0 or an errno. */
static int prealloc_lock(struct store *st, const char *lock, mode_t mode)
{
	unsigned readers = 126;
	long pg = sysconf(_SC_PAGESIZE);
	off_t need;
	struct stat s;
	int fd, rc;

	mdb_env_get_maxreaders(st->env, &readers);
	if (pg <= 0)
		pg = 4096;
	need = ((off_t)(readers ? readers - 1 : 0) * 64 + 192 + pg - 1) / pg * pg;
	fd = open(lock, O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, mode);
	if (fd < 0)
		return errno;
	rc = fstat(fd, &s) != 0 ? errno : !S_ISREG(s.st_mode) ? EINVAL : 0;
	if (rc) {
		close(fd);
		return rc;
	}
	rc = posix_fallocate(fd, 0, s.st_size > need ? s.st_size : need);
	/* Close before LMDB opens it: its locks are POSIX record locks, which
	 * any close() of the file in this process would drop. */
	close(fd);
	return rc == EOPNOTSUPP || rc == EINVAL ? 0 : rc;
}

/* The n lowest descriptors not open now: LMDB's next open() calls get
 * them (open() takes the lowest free one, and nothing else opens files
 * meanwhile: prmwb is one thread). -1 where there are fewer. */
static void free_fds(int *fds, int n)
{
	int k = 0;

	for (int fd = 0; k < n && fd < 1 << 20; fd++)
		if (fcntl(fd, F_GETFD) == -1 && errno == EBADF)
			fds[k++] = fd;
	while (k < n)
		fds[k++] = -1;
}

static bool same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/* After mdb_env_open(): LMDB opened the files by name, so one could have
 * been swapped for a link since check_file() looked. Every descriptor it
 * opened (among fds, free before) must be data.mdb or lock.mdb as they
 * are now, and those must still pass bad_file(); need_lock: LMDB must
 * have opened lock.mdb. NULL if all is well, else a malloc'd reason. */
static char *check_opened(struct store *st, const int *fds, int n, const char *data,
                          const char *lock, bool need_lock)
{
	struct stat sd, sl, sf;
	bool has_lock, lock_seen = false;
	int dfd = -1;
	char *why;

	if (lstat(data, &sd) != 0)
		return text_printf("%s disappeared while it was being opened", data);
	if ((why = bad_file(data, &sd, true)) != NULL)
		return why;
	has_lock = lstat(lock, &sl) == 0;
	if (has_lock && (why = bad_file(lock, &sl, false)) != NULL)
		return why;
	if (mdb_env_get_fd(st->env, &dfd) != 0 || dfd < 0 || fstat(dfd, &sf) != 0 ||
	    !same_file(&sf, &sd))
		return text_printf("%s was replaced while it was being opened", data);
	for (int i = 0; i < n; i++) {
		if (fds[i] < 0 || fstat(fds[i], &sf) != 0 || same_file(&sf, &sd))
			continue;
		if (has_lock && same_file(&sf, &sl)) {
			lock_seen = true;
			continue;
		}
		return text_printf("%s or %s was replaced while it was being opened", data, lock);
	}
	if (need_lock && !lock_seen)
		return text_printf("%s was replaced while it was being opened", lock);
	return NULL;
}

void (*store_open_hook)(const char *dir, bool opened);

/* Open the environment: 0 or an LMDB code (an errno included). A file
 * swapped for a link (check_opened, prealloc_lock) gives EXDEV, which
 * LMDB never returns here, with *why (malloc'd) saying which; a new
 * lock.mdb that cannot be allocated gives that errno, *why saying so. */
static int env_open(struct store *st, const char *data, const char *lock, bool create,
                    bool shared, unsigned flags, char **why)
{
	mode_t old = 0, mode = shared ? 0660 : 0600;
	int fds[4], rc = 0;
	bool had_lock;
	struct stat sl;

	*why = NULL;
	rc = mdb_env_create(&st->env);
	if (rc)
		return rc;
	mdb_env_set_assert(st->env, on_lmdb_assert);
	if (create)
		mdb_env_set_mapsize(st->env, store_initial_mapsize ?
		                    store_initial_mapsize : DEFAULT_MAPSIZE);
	/* In a shared directory the group must be able to write the files
	 * whatever the user's umask says about the group. */
	if (shared)
		old = umask(umask(0) & ~(mode_t)070);
	had_lock = lstat(lock, &sl) == 0;
	if (!(flags & MDB_NOLOCK)) {
		rc = prealloc_lock(st, lock, mode);
		if (rc == ELOOP || (rc == EINVAL && had_lock)) {
			*why = text_printf("%s was replaced by a link or another kind of file "
			                   "while it was being opened", lock);
			rc = EXDEV;
		} else if (rc && rc != EACCES && rc != EPERM && rc != EROFS && !had_lock) {
			/* Ours and unusable (no space): leave nothing behind. */
			unlink(lock);
			*why = text_printf("cannot allocate %s: %s", lock, strerror(rc));
		} else {
			rc = 0;         /* LMDB decides (read-only fallbacks) */
		}
	}
	if (rc == 0) {
		if (store_open_hook)
			store_open_hook(st->path, false);
		free_fds(fds, 4);
		fatal_store_enter(st->path);
		rc = mdb_env_open(st->env, st->path, flags, mode);
		fatal_store_leave();
		if (store_open_hook)
			store_open_hook(st->path, true);
		if (rc == 0) {
			*why = check_opened(st, fds, 4, data, lock,
			                    !(flags & (MDB_NOLOCK | MDB_RDONLY)));
			if (*why)
				rc = EXDEV;
		}
	}
	if (shared)
		umask(old);
	if (rc) {
		mdb_env_close(st->env);
		st->env = NULL;
	}
	return rc;
}

/* Initialise a new store: schema version and model. */
static enum store_rc do_init(struct wtx *w, void *arg)
{
	struct cbuf k = { 0 }, v = { 0 };
	char schema[16];

	snprintf(schema, sizeof schema, "%d", STORE_SCHEMA);
	cbuf_bytes(&k, "m/schema", 8);
	cbuf_bytes(&v, schema, strlen(schema));
	w_put(w, &k, &v);
	cbuf_free(&k);
	cbuf_free(&v);
	put_model(w, arg);
	return STORE_OK;
}

/* Reads schema and model id, initialises a new store (bound to ids[0]),
 * checks the model: a store bound to any of ids opens as it is. */
static enum store_rc check_meta(struct store *st, const char *const *ids, size_t n_ids,
                                unsigned flags, char **err)
{
	const char *model_id = ids[0];
	bool ours = false;
	MDB_txn *txn;
	MDB_val k, v;
	char schema[16] = "", model[128] = "";
	int rc;

	rc = store_txn_begin(st, MDB_RDONLY, &txn);
	if (rc == 0)
		rc = mdb_dbi_open(txn, NULL, 0, &st->dbi);
	if (rc == 0) {
		k.mv_data = "m/schema";
		k.mv_size = 8;
		rc = mdb_get(txn, st->dbi, &k, &v);
		if (rc == 0)
			snprintf(schema, sizeof schema, "%.*s",
			         (int)(v.mv_size < 15 ? v.mv_size : 15), (const char *)v.mv_data);
	}
	if (rc == 0 || rc == MDB_NOTFOUND) {
		k.mv_data = "m/model";
		k.mv_size = 7;
		rc = mdb_get(txn, st->dbi, &k, &v);
		if (rc == 0)
			snprintf(model, sizeof model, "%.*s",
			         (int)(v.mv_size < 127 ? v.mv_size : 127), (const char *)v.mv_data);
	}
	store_txn_end(txn, false);
	/* Only a key that is really absent means a new store: a read error
	 * must not make an existing store look empty and be initialised. */
	if (rc != 0 && rc != MDB_NOTFOUND) {
		if (is_damage(rc))
			*err = text_printf("the store in %s is damaged (%s): run 'prmwb verify' "
			                   "for details; restore it from a copy made with "
			                   "'mdb_copy -c' (see prmwb(1), BACKUP)", st->path,
			                   mdb_strerror(rc));
		else
			*err = text_printf("cannot open store %s: cannot read it: %s", st->path,
			                   mdb_strerror(rc));
		return is_damage(rc) ? STORE_DAMAGED : STORE_ERROR;
	}

	if (!schema[0]) {
		enum store_rc src;

		st->model = strdup(model_id);
		if (!st->model) {
			*err = strdup("out of memory");
			return STORE_ERROR;
		}
		if (st->readonly)
			return STORE_OK;        /* empty store: nothing to read */
		src = write_txn(st, do_init, (void *)model_id);
		if (src != STORE_OK) {
			*err = text_printf("cannot create store %s: cannot write its first "
			                   "transaction: %s", st->path, store_error(st));
			return src;
		}
		return STORE_OK;
	}
	if (atoi(schema) != STORE_SCHEMA) {
		*err = text_printf("%s: store has schema version %s; this prmwb reads "
		                 "version %d (use a matching prmwb)", st->path, schema,
		                 STORE_SCHEMA);
		return STORE_ERROR;
	}
	/* A model that extends the store's (a tailored one) uses its records
	 * as they are: the store stays bound to the model it extends. */
	for (size_t i = 0; i < n_ids && !ours; i++)
		ours = strcmp(model, ids[i]) == 0;
	if (!ours && !(flags & STORE_OPEN_FORCE_MODEL)) {
		*err = text_printf("%s: store belongs to model '%s', not '%s'; use "
		                 "--force-model to use it with this model anyway",
		                 st->path, model, model_id);
		return STORE_WRONG_MODEL;
	}
	/* Forced: only the first change written rebinds (write_txn). */
	st->model = strdup(model);
	if (!ours)
		st->rebind_to = strdup(model_id);
	if (!st->model || (!ours && !st->rebind_to)) {
		*err = strdup("out of memory");
		return STORE_ERROR;
	}
	return STORE_OK;
}

enum store_rc store_open(const char *dir, const char *model_id, unsigned flags,
                         struct store **out, char **err)
{
	return store_open_lineage(dir, &model_id, 1, flags, out, err);
}

enum store_rc store_open_lineage(const char *dir, const char *const *ids, size_t n_ids,
                                 unsigned flags, struct store **out, char **err)
{
	struct store *st;
	struct stat sd, sf, sl;
	char *data = NULL, *lock = NULL, *notice = NULL, *e = NULL, *why = NULL;
	bool create = false, shared = false, has_data = false, had_lock = false;
	enum store_rc src;
	int rc;

	*out = NULL;
	if (!err)
		err = &e;
	*err = NULL;
	st = calloc(1, sizeof *st);
	if (!st || !(st->path = strdup(dir)) || !(st->user = os_user())) {
		if (st)
			free(st->path);
		free(st);
		*err = strdup("out of memory");
		return STORE_ERROR;
	}
	st->readonly = flags & STORE_OPEN_READONLY;
	data = text_printf("%s/data.mdb", dir);
	lock = text_printf("%s/lock.mdb", dir);
	if (!data || !lock)
		goto oom;
	if (strlen(st->user) > STORE_MAX_USER) {
		*err = text_printf("cannot open store %s: the user name is %zu bytes long; a "
		                   "store records names of at most %d bytes, whole",
		                   dir, strlen(st->user), STORE_MAX_USER);
		src = STORE_ERROR;
		goto fail;
	}

	if (stat(dir, &sd) != 0) {
		struct stat sp;
		char *parent;

		if (errno != ENOENT || !(flags & STORE_OPEN_CREATE) || st->readonly) {
			int en = errno;

			*err = en == ENOENT ?
				text_printf("%s: no store here yet (it is created by the first 'prmwb set')", dir) :
				text_printf("cannot open store %s: %s", dir, strerror(en));
			src = en == ENOENT ? STORE_NOTFOUND : errno_rc(en);
			goto fail;
		}
		parent = parent_of(dir);
		shared = parent && stat(parent, &sp) == 0 && shared_dir(&sp);
		free(parent);
		rc = make_dirs(dir, shared ? SHARED_DIR_MODE : 0700);
		if (rc == 0 && shared)
			rc = chmod(dir, SHARED_DIR_MODE) ? errno : 0;
		if (rc) {
			*err = text_printf("cannot create store %s: %s", dir, strerror(rc));
			src = errno_rc(rc);
			goto fail;
		}
		create = true;
	} else if (!S_ISDIR(sd.st_mode)) {
		*err = text_printf("cannot open store %s: not a directory (a store is a "
		                   "directory)", dir);
		src = STORE_INVALID;
		goto fail;
	} else {
		shared = shared_dir(&sd);
		src = check_file(dir, data, true, &sf, &has_data, err);
		if (src == STORE_OK)
			src = check_file(dir, lock, false, &sl, &had_lock, err);
		if (src != STORE_OK)
			goto fail;
		if (!has_data) {
			char *other = NULL;

			if (!(flags & STORE_OPEN_CREATE) || st->readonly) {
				*err = text_printf("%s: no store here yet (it is created by the "
				                 "first 'prmwb set')", dir);
				src = STORE_NOTFOUND;
				goto fail;
			}
			rc = other_entry(dir, &other);
			if (rc || other) {
				*err = rc ? text_printf("cannot create store %s: %s", dir, strerror(rc)) :
					text_printf("cannot create store %s: the directory is not empty "
					            "(it holds '%s') and holds no store (no data.mdb); "
					            "a store needs a new or empty directory", dir, other);
				src = rc ? errno_rc(rc) : STORE_INVALID;
				free(other);
				goto fail;
			}
			create = true;
		}
	}

	st->pid = getpid();
	if (!create) {
		st->dev = sf.st_dev;
		st->ino = sf.st_ino;
		for (struct store *o = open_stores; o; o = o->next) {
			if (o->pid == st->pid && o->dev == st->dev && o->ino == st->ino) {
				*err = text_printf("cannot open store %s: it is already open in "
				                   "this process (LMDB allows one handle per "
				                   "process)", dir);
				src = STORE_ERROR;
				goto fail;
			}
		}
	}
	if (!st->readonly && (access(dir, W_OK) != 0 ||
	                      (!create && access(data, W_OK) != 0))) {
		st->readonly = true;
		notice = text_printf("%s: no write permission: store opened read-only", dir);
	}
	rc = env_open(st, data, lock, create, shared, st->readonly ? MDB_RDONLY : 0, &why);
	if ((rc == EACCES || rc == EROFS || rc == EPERM) && !st->readonly && !create) {
		st->readonly = true;
		free(notice);
		notice = text_printf("%s: %s: store opened read-only", dir,
		                   rc == EROFS ? "read-only file system" : "no write permission");
		free(why);
		rc = env_open(st, data, lock, false, shared, MDB_RDONLY, &why);
	}
	/* Readers normally register in lock.mdb; if even that cannot be written,
	 * read without the lock table (a concurrent writer could then disturb a
	 * long read; prmwb's reads are short). */
	if ((rc == EACCES || rc == EROFS || rc == EPERM) && st->readonly) {
		free(why);
		rc = env_open(st, data, lock, false, shared, MDB_RDONLY | MDB_NOLOCK, &why);
	}
	if (rc == EXDEV && why) {
		*err = text_printf("cannot open store %s: %s", dir, why);
		src = STORE_INVALID;
		goto fail;
	}
	if (rc == MDB_INVALID || rc == MDB_VERSION_MISMATCH) {
		/* Not a store: no process can use this data file, so the lock
		 * file the attempt made is nobody's; leave the directory as it
		 * was. (For other errors a lock.mdb may already serve others.) */
		if (!had_lock)
			unlink(lock);
		*err = text_printf("cannot open store %s: %s is %s (%s)", dir, data,
		                   rc == MDB_INVALID ? "not an LMDB store or is damaged" :
		                   "an LMDB store of another LMDB version",
		                   mdb_strerror(rc));
		src = STORE_INVALID;
		goto fail;
	}
	if (rc) {
		*err = why ? text_printf("cannot %s store %s: %s", create ? "create" : "open",
		                         dir, why) :
			text_printf("cannot %s store %s: %s", create ? "create" : "open",
			            dir, mdb_strerror(rc));
		src = rc > 0 ? errno_rc(rc) : STORE_ERROR;
		goto fail;
	}
	{
		int dead = 0;
		/* Reader slots of processes that were killed would pin old pages
		 * forever (the file only grows); clear them now. */
		mdb_reader_check(st->env, &dead);
	}
	if (create) {
		if (lstat(data, &sf) == 0) {
			st->dev = sf.st_dev;
			st->ino = sf.st_ino;
		}
	}
	src = flags & STORE_OPEN_RAW ? STORE_OK : check_meta(st, ids, n_ids, flags, err);
	if (src != STORE_OK)
		goto fail;
	st->next = open_stores;
	open_stores = st;
	free(data);
	free(lock);
	free(why);
	if (notice) {
		if (err == &e)
			free(notice);
		else
			*err = notice;
	}
	*out = st;
	return STORE_OK;
oom:
	*err = strdup("out of memory");
	src = STORE_ERROR;
fail:
	free(notice);
	free(data);
	free(lock);
	free(why);
	store_close(st);
	if (err == &e)
		free(e);
	return src;
}

void store_close(struct store *st)
{
	if (!st)
		return;
	for (struct store **o = &open_stores; *o; o = &(*o)->next) {
		if (*o == st) {
			*o = st->next;
			break;
		}
	}
	/* LMDB forbids any use of an environment in a forked child, closing
	 * included (it would tear down the parent's mapping state and lock
	 * bookkeeping): a child only frees our memory; the descriptors go at
	 * exit or exec. */
	if (st->env && st->pid == getpid())
		mdb_env_close(st->env);
	free(st->model);
	free(st->rebind_to);
	free(st->path);
	free(st->user);
	free(st->err);
	free(st);
}

/* ---- test hook (store_internal.h) ---------------------------------------- */

enum store_rc store_raw_set(struct store *st, const char *process,
                            const char *field, const char *value)
{
	struct set_ctx c = { process, field, value, STORE_ANY_REV, NULL, 0 };

	return write_txn(st, do_set, &c);
}

struct raw_ctx {
	struct cbuf k, v;
	bool del;
};

static enum store_rc do_raw_put(struct wtx *w, void *arg)
{
	struct raw_ctx *r = arg;

	if (r->del)
		w_del(w, &r->k);
	else
		w_put(w, &r->k, &r->v);
	return STORE_OK;
}

enum store_rc store_raw_put(struct store *st, const void *key, size_t klen,
                            const void *val, size_t vlen)
{
	struct raw_ctx r = { { 0 }, { 0 }, val == NULL };
	enum store_rc src;

	cbuf_bytes(&r.k, key, klen);
	if (val)
		cbuf_bytes(&r.v, val, vlen);
	src = write_txn(st, do_raw_put, &r);
	cbuf_free(&r.k);
	cbuf_free(&r.v);
	return src;
}
