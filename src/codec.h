/* codec.h - keys and values of the store, as bytes (internal to the store).
 *
 * Schema 2 (what prmwb writes). Named LMDB databases, so that each stream
 * that only grows (the history, the time index, the undo stacks) is
 * appended at the end of its own tree and fills its pages. Numbers in keys
 * are "ordered": one length byte (0-8) and that many big-endian bytes, no
 * leading zero byte, so that memcmp() order is numeric order (ou() below);
 * numbers in values are LEB128 varints, shortest form only; strings in
 * values are a varint length and the bytes (no NUL); a value that ends in a
 * string has no length for it (the rest of the value). Ids (users, fields,
 * origin stores) are interned: small numbers in place of names.
 *
 *   main (unnamed) database:
 *     m/schema                 -> "2"
 *     m/model                  -> model id the store belongs to
 *     m/uuid                   -> the store's UUID, 36 characters (version 4)
 *     m/seq                    -> "schema version 2": not an 8-byte number, so that
 *                                 a prmwb of schema 1 with the store open
 *                                 during the upgrade refuses to write
 *     m/upgraded               -> text: when and from which schema the store
 *                                 was upgraded, by whom, how many entries
 *     (and LMDB's records of the named databases below)
 *   hist:   ou(seq)            -> history entry: u8 kind | flags << 4,
 *                                 time, pid, user id, then by kind
 *                                 SET/UNDO/REDO: field id, seq - set,
 *                                 (UNDO/REDO: seq - ref);
 *                                 BASELINE: seq - set, str name, note;
 *                                 RESTORE: seq - set, str file, sha256
 *   fhist:  ou(field) ou(seq)  -> the field's version written by entry seq:
 *                                 varint (seq - rev) * 2 + has_origin,
 *                                 (origin store id, origin rev), value
 *   cur:    process \0 field   -> the field now: field id, rev, last (entry
 *                                 that last wrote it), time, entries (of its
 *                                 history), origin id (0: this store) and
 *                                 origin rev if not 0, str user, value
 *   time:   ou(time)           -> ou(seq): the newest entry whose time, or an
 *                                 earlier entry's, is that time (the running
 *                                 maximum; schema 2 writes times that never
 *                                 go backwards)
 *   undo:   ou(user) ou(set)   -> "": the user's undo stack (change sets)
 *   aux:    'U' ou(id)         -> user name;  'u' name -> ou(id)
 *           'P' ou(id)         -> process \0 field (field ids)
 *           'O' ou(id)         -> origin store UUID (36 characters);
 *           'o' uuid           -> ou(id)
 *           'R' ou(user) ou(set) -> "": the user's redo stack (undo sets)
 *           'D' ou(seq)        -> ou(undo seq): a change that is undone, and
 *                                 the undo entry that undid it
 *           'B' name           -> ou(seq): baselines
 *           'S' ou(set)        -> u8 kind, str file, sha256: a change set
 *                                 marked as an import
 *
 * Schema 1 (read to upgrade it, and by verify; still written by the test
 * tool tests/tools/v1/): one unnamed database, prefixes say what a key is,
 * integers are 8-byte big-endian:
 *
 *   m/schema                   -> decimal schema version ("1")
 *   m/model                    -> model id the store belongs to
 *   m/seq                      -> u64: newest history sequence number
 *   r/<process>\0<field>       -> field state {rev, time, user, value}
 *   h/<seq u64>                -> history entry (append-only audit trail)
 *   x/<process>\0<seq u64>     -> "" : index of history by process (log ID)
 *   u/<user>\0<seq u64>        -> "" : user's undo stack; seq is the SET entry
 *   R/<user>\0<useq u64>       -> u64 seq of the SET entry undone; useq is
 *                                 the UNDO entry, so the newest key is the
 *                                 change undone last
 *
 * Schema-1 values are sequences of u64/i64 (8 bytes big-endian), u8 and
 * strings (u32 length + bytes, no NUL). Decoding checks every length: a
 * damaged value is reported, never read past. */
#ifndef PRMWB_CODEC_H
#define PRMWB_CODEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store.h"

/* The schema this prmwb writes, and the one it upgrades from. */
#define STORE_SCHEMA 2
#define STORE_SCHEMA_V1 1

/* Growable byte buffer; a failed allocation sets oom and stops growing. */
struct cbuf {
	unsigned char *p;
	size_t n, cap;
	bool oom;
};

void cbuf_free(struct cbuf *b);
void cbuf_bytes(struct cbuf *b, const void *p, size_t n);
void cbuf_u8(struct cbuf *b, unsigned v);
void cbuf_u64(struct cbuf *b, uint64_t v);
void cbuf_str(struct cbuf *b, const char *s);   /* u32 length + bytes */

/* ---- schema 1 ------------------------------------------------------------- */

/* Keys (cbuf must be empty; check oom). */
void key_field(struct cbuf *k, const char *process, const char *field);
void key_field_prefix(struct cbuf *k, const char *process); /* "r/<process>\0" */
void key_hist(struct cbuf *k, uint64_t seq);
void key_proc_hist(struct cbuf *k, const char *process, uint64_t seq);
/* stack is 'u' (undo) or 'R' (redo). */
void key_stack(struct cbuf *k, char stack, const char *user, uint64_t seq);
/* The u64 at the end of a key (the last 8 bytes). */
uint64_t key_tail_u64(const void *key, size_t len);
/* A readable name of a key, for messages: "h/#12", "r/7.4 owner",
 * "x/7.4 #12", "u/alice #3", "R/alice #4", "m/seq"; control bytes and
 * anything unexpected as \xNN. Writes a NUL-terminated string of at most
 * size bytes (size > 0) into buf; the caller escapes it for a terminal. */
void key_describe(const void *key, size_t len, char *buf, size_t size);

/* The state of one field. */
struct field_state {
	uint64_t rev;       /* seq of the change whose value is in effect */
	int64_t time;       /* when the field was last written (set/undo/redo) */
	char *user;         /* and by whom */
	char *value;
};
void field_state_encode(struct cbuf *b, const struct field_state *f);
/* Returns false if the bytes are damaged; strings are malloc'd (or oom). */
bool field_state_decode(const void *p, size_t n, struct field_state *f);
void field_state_free(struct field_state *f);

/* A history entry plus the revisions it moved the field between, which
 * undo/redo need to restore the field exactly. */
struct hist_rec {
	struct hist_entry e;
	uint64_t old_rev, new_rev;
};
void hist_encode(struct cbuf *b, const struct hist_rec *h);
bool hist_decode(const void *p, size_t n, uint64_t seq, struct hist_rec *h);
void hist_free(struct hist_rec *h);

/* ---- schema 2 ------------------------------------------------------------- */

/* An ordered number (keys): one length byte, then that many big-endian
 * bytes, the first of them not 0. */
void cbuf_ou(struct cbuf *b, uint64_t v);
/* Read an ordered number from p (n bytes there): the bytes it takes, 0 if
 * they are not one (too short, or not the shortest form). */
size_t ou_get(const void *p, size_t n, uint64_t *v);
/* LEB128, shortest form (values). */
void cbuf_varint(struct cbuf *b, uint64_t v);
/* A string in a value: varint length and the bytes. */
void cbuf_vstr(struct cbuf *b, const char *s);

/* The named databases of schema 2. */
enum store_db { DB_HIST, DB_FHIST, DB_CUR, DB_TIME, DB_UNDO, DB_AUX, DB_COUNT };
/* Their names in the main database. */
extern const char *const store_db_names[DB_COUNT];

/* Flags of a history entry (the high nibble of its first byte). */
#define HIST_F_NAMED 0x1    /* UNDO: of one change named by its number, not of a set */

/* A history entry as stored (the field's values are in fhist). */
struct hist2 {
	unsigned kind;          /* enum hist_kind */
	unsigned flags;         /* HIST_F_* */
	int64_t time;           /* >= 0 */
	uint64_t pid;
	uint64_t user;          /* user id */
	uint64_t pf;            /* field id (SET/UNDO/REDO), 0 otherwise */
	uint64_t set;           /* change set: seq of its first entry */
	uint64_t ref;           /* UNDO/REDO: the SET entry */
	char *a, *b;            /* BASELINE: name, note; RESTORE: file, sha256;
	                         * NULL for the others (decode: malloc'd) */
};
void hist2_encode(struct cbuf *b, uint64_t seq, const struct hist2 *h);
/* False if the bytes are not an entry numbered seq (set or ref after seq,
 * unknown kind or flags, trailing bytes, not the shortest form). */
bool hist2_decode(const void *p, size_t n, uint64_t seq, struct hist2 *h);
void hist2_free(struct hist2 *h);

/* A version of a field (fhist value): what entry seq made the field. */
struct fver {
	uint64_t rev;           /* the field's revision (<= seq) */
	uint64_t origin;        /* origin store id; 0: this store (then the
	                         * origin revision is rev) */
	uint64_t origin_rev;
	char *value;            /* decode: malloc'd */
};
void fver_encode(struct cbuf *b, uint64_t seq, const struct fver *f);
bool fver_decode(const void *p, size_t n, uint64_t seq, struct fver *f);
void fver_free(struct fver *f);

/* A field now (cur value). */
struct cur2 {
	uint64_t pf, rev, last; /* field id; revision; entry that last wrote it */
	int64_t time;           /* of that entry */
	uint64_t entries;       /* history entries of the field */
	uint64_t origin, origin_rev;  /* as in struct fver */
	char *user;             /* who wrote it last; decode: malloc'd */
	char *value;
};
void cur2_encode(struct cbuf *b, const struct cur2 *c);
bool cur2_decode(const void *p, size_t n, struct cur2 *c);
void cur2_free(struct cur2 *c);

/* Keys of schema 2 (cbuf must be empty; check oom). */
void key2_hist(struct cbuf *k, uint64_t seq);
void key2_fhist(struct cbuf *k, uint64_t pf, uint64_t seq);
void key2_cur(struct cbuf *k, const char *process, const char *field);
void key2_undo(struct cbuf *k, uint64_t user, uint64_t set);
/* aux: c is 'U', 'P', 'O', 'D' or 'S' (a number) or 'R' (two). */
void key2_aux_id(struct cbuf *k, char c, uint64_t id);
void key2_aux_name(struct cbuf *k, char c, const char *name);   /* 'u', 'o', 'B' */
void key2_redo(struct cbuf *k, uint64_t user, uint64_t set);
/* A readable name of a key of database db, as key_describe(): "#12",
 * "7.4 owner", "field 3 #12", "user 2 set #7", "redo: user 2 set #9"... */
void key2_describe(enum store_db db, const void *key, size_t len, char *buf, size_t size);

/* A set mark ('S'): an import's file name and SHA-256 (64 hex digits). */
struct setmark {
	unsigned kind;          /* enum store_set_kind */
	char *file, *sha256;
};
void setmark_encode(struct cbuf *b, const struct setmark *m);
bool setmark_decode(const void *p, size_t n, struct setmark *m);
void setmark_free(struct setmark *m);

/* UUIDs as text: 36 characters, lower-case hex, version 4 or any other. */
bool uuid_text_ok(const char *s);

#endif
