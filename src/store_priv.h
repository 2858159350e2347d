/* store_priv.h - the store's insides, shared by its modules only: store.c
 * (open, close, transactions), store_write.c (changes), store_read.c
 * (reads, as-of, walks), store_upgrade.c (schema 1 to 2) and
 * store_verify.c. LMDB stays behind these; everything else uses store.h. */
#ifndef PRMWB_STORE_PRIV_H
#define PRMWB_STORE_PRIV_H

#include <lmdb.h>
#include <stdbool.h>
#include <sys/types.h>

#include "codec.h"
#include "store.h"

struct store {
	MDB_env *env;
	MDB_dbi dbi;            /* the main (unnamed) database */
	MDB_dbi db[DB_COUNT];   /* schema 2's named databases (enum store_db) */
	bool have_dbs;          /* db[] are open */
	char *path;
	char *user;             /* whole, at most STORE_MAX_USER bytes */
	char *err;              /* why the last call failed (store_error) */
	bool readonly;
	/* The model the store is bound to (m/model), and with
	 * STORE_OPEN_FORCE_MODEL the one to rebind it to (NULL: none pending).
	 * Opening never writes the binding: the first transaction that writes
	 * a history entry does, so a forced read leaves the store as it was. */
	char *model;
	char *rebind_to;
	char uuid[37];          /* m/uuid; "" for a view of a schema-1 store */
	/* A schema-1 store opened read-only is read through a schema-2 copy
	 * made in a private temporary directory (removed at close). */
	char *view_dir;
	pid_t pid;              /* the process that opened it */
	dev_t dev;              /* data.mdb, to find a second open of it */
	ino_t ino;
	struct store *next;     /* open_stores */
};

/* store_open() flag for store_verify(): open the environment only, read
 * no record (not even the schema): a damaged file is read by mdbcheck
 * first, and LMDB walks it only once that found it sound. */
#define STORE_OPEN_RAW (1u << 30)

/* Begin a transaction on st (adopting a map another process grew). From
 * here to store_txn_end() the store's mapped pages are read: a fault in
 * between is a damaged store (fatal.h). 0 or an LMDB code. */
int store_txn_begin(struct store *st, unsigned flags, MDB_txn **txn);
/* Abort it, or with commit commit it (0 or an LMDB code). txn NULL: no-op. */
int store_txn_end(MDB_txn *txn, bool commit);

/* Open schema 2's named databases in txn into st->db (create: make them,
 * in a write transaction). 0 or an LMDB code (MDB_NOTFOUND: one is
 * missing). */
int store_open_dbs(struct store *st, MDB_txn *txn, bool create);

/* ---- errors (store.c) ----------------------------------------------------- */

bool store_is_damage(int rc);
/* Record why a call failed and give its code: STORE_DAMAGED for damage,
 * else STORE_ERROR (rc: an LMDB code or an errno). */
enum store_rc store_fail(struct store *st, int rc);
/* Note a value that cannot be decoded at key k of database db (-1: the
 * main one); returns MDB_CORRUPTED. */
int store_damage(struct store *st, int db, const void *k, size_t klen, const char *what);
void store_clear_err(struct store *st);

/* ---- a write transaction (store.c) ----------------------------------------- */

/* One sticky LMDB error (knot's pattern): every helper does nothing once
 * mrc is set, so a chain of calls is checked once. */
struct wtx {
	struct store *st;
	MDB_txn *txn;
	int mrc;
	bool wrote;             /* a history entry was written */
	int64_t now;            /* time(NULL) at the start */
	long pid;
	/* The history's end, read on first use (next_seq): */
	bool have_end;
	uint64_t last_seq;      /* newest entry written (so far) */
	int64_t tmax;           /* the time index's newest key (running max) */
	bool have_tmax;
	int64_t time;           /* the time of this transaction's entries */
	uint64_t uid;           /* the caller's user id, 0: not looked up */
	/* bulk building (store_bulk_set): append even where keys are not the
	 * last, not needed; kept false */
};

typedef enum store_rc (*txn_fn)(struct wtx *w, void *ctx);
/* Run fn in one write transaction; on MDB_MAP_FULL grow the map and run it
 * again from its inputs. STORE_OK commits, anything else aborts. */
enum store_rc store_write_txn(struct store *st, txn_fn fn, void *ctx);

MDB_val store_mval(const struct cbuf *b);
bool store_has_prefix(const MDB_val *k, const struct cbuf *prefix);
void w_put(struct wtx *w, int db, const struct cbuf *k, const struct cbuf *v, unsigned flags);
void w_del(struct wtx *w, int db, const struct cbuf *k);
/* Get in txn from database db (-1: main): 0, MDB_NOTFOUND or an error. */
int t_get(struct store *st, MDB_txn *txn, int db, const struct cbuf *k, MDB_val *v);
MDB_dbi store_dbi(const struct store *st, int db);
/* Position cur on the last key below the key `below` (exclusive) that
 * starts with prefix; MDB_NOTFOUND if none. */
int cursor_last_below(MDB_cursor *cur, const struct cbuf *below, const struct cbuf *prefix,
                      MDB_val *k, MDB_val *v);

/* A process id as the store records it: 1 to STORE_MAX_ID bytes, no
 * control characters. */
bool store_valid_process_id(const char *p);

/* ---- schema 2 reads shared by the modules (store_read.c) ------------------ */

/* Name of an interned id: user ('U'), field ('P': "process\0field", *len
 * set), origin ('O'). 0, MDB_NOTFOUND or an error; *out malloc'd. */
int aux_name(struct store *st, MDB_txn *txn, char c, uint64_t id, char **out, size_t *len);
/* A field's current state (cur); MDB_NOTFOUND if never written. */
int read_cur(struct store *st, MDB_txn *txn, const char *process, const char *field,
             struct cur2 *c);
/* History entry seq (must exist: MDB_CORRUPTED if not). */
int read_hist2(struct store *st, MDB_txn *txn, uint64_t seq, struct hist2 *h);
/* The version of field pf in effect at seq (the newest fhist entry <= seq):
 * 0 with *at its entry's seq, MDB_NOTFOUND if the field had none then. */
int read_fver_at(struct store *st, MDB_txn *txn, MDB_cursor *cur, uint64_t pf, uint64_t seq,
                 struct fver *f, uint64_t *at);
/* Newest history seq (0: none). */
int read_last_seq(struct store *st, MDB_txn *txn, uint64_t *seq);
/* Origin (uuid text, 37 bytes with NUL) of a version: its origin store, or
 * this store's own for origin 0. */
int origin_text(struct store *st, MDB_txn *txn, uint64_t origin, char *buf);

/* ---- writing entries (store_write.c), for writes, restore, upgrade -------- */

/* One history entry to write, with the version it gives its field. */
struct entry_in {
	uint64_t seq, set, ref;
	int64_t time;
	long pid;
	enum hist_kind kind;
	unsigned flags;         /* HIST_F_* */
	const char *user;
	const char *process, *field, *value;    /* SET/UNDO/REDO */
	uint64_t rev;           /* the field's new revision */
	uint64_t origin;        /* origin store id (0: this store) */
	uint64_t origin_rev;
	const char *a, *b;      /* BASELINE: name, note; RESTORE: file, sha256 */
};
/* Write e (e->seq must be after every entry) and update cur, fhist, time. */
void write_entry(struct wtx *w, const struct entry_in *e);
/* After the entries [set, last] of one change set were written: the undo
 * and redo stacks and the undone marks follow from them (the same rules
 * for every writer: live changes, restore, upgrade). */
void finish_set(struct wtx *w, uint64_t set, uint64_t last);
/* Id of a name in aux (user 'u'/'U', origin 'o'/'O'), made if new. */
uint64_t intern(struct wtx *w, char c, const char *name);
/* Restore/upgrade: check and write one entry given whole (e->kind, e->ref,
 * e->value as the history says) and, at a set's end, finish it. STORE_OK,
 * STORE_INVALID (why: malloc'd reason) or an error in w->mrc. */
struct replay {
	uint64_t set, last;     /* the change set being written */
	unsigned set_kind;      /* its entries' kind */
	uint64_t set_user;      /* and user id */
	uint64_t undone_set;    /* UNDO/REDO sets: the set whose entries they name */
};
enum store_rc replay_entry(struct wtx *w, struct replay *r, const struct hist_entry *e,
                           char **why);
enum store_rc replay_end(struct wtx *w, struct replay *r);

/* Upgrade (store_upgrade.c): convert the schema-1 store read through
 * (rtxn, the main database rdbi) into schema 2 written by w (in place when
 * rtxn is w->txn: then the schema-1 keys are deleted). *why: malloc'd. */
enum store_rc upgrade_v1(struct wtx *w, MDB_txn *rtxn, MDB_dbi rdbi, char **why);

/* New UUID (version 4) as text into buf (37 bytes). False if no random
 * bytes could be had. */
bool store_new_uuid(char *buf);

#endif
