/* codec.h - keys and values of the store, as bytes (internal to the store).
 *
 * Key layout (one unnamed LMDB database; the prefix says what a key is;
 * integers are big-endian so byte order is numeric order):
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
 * Values are sequences of u64/i64 (8 bytes big-endian), u8 and strings
 * (u32 length + bytes, no NUL). Decoding checks every length: a damaged
 * value is reported, never read past. */
#ifndef PRMWB_CODEC_H
#define PRMWB_CODEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store.h"

#define STORE_SCHEMA 1

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

#endif
