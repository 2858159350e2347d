/* exchange.h - what export and import share: a store read at one point of
 * its history, each field with where its value came from (its origin) and
 * which changes it has taken in (what it knows), and the order in which
 * the exports list processes and fields.
 *
 * An origin is a change: the UUID of the store where it was made and that
 * store's revision of it ("UUID:REV"). A field's origin is the change whose
 * value it holds: for a value set here this store and the change's
 * revision, for an imported value the origin the file gave; a value an undo
 * or redo wrote counts as a change of this store at that entry (an undo is
 * news to a store that has the undone value). What a field knows is, for
 * every store, the newest of its changes in this store's history of the
 * field (a version vector): a change older than that has been seen and
 * replaced. prmwb-records(5) documents both; import.h decides with them.
 * Callers never see LMDB; the store is read through store.h. */
#ifndef PRMWB_EXCHANGE_H
#define PRMWB_EXCHANGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store.h"

struct prm_model;
struct prm_process;

/* A change: store UUID ("" and rev 0: none) and its revision there. */
struct xorigin {
	char uuid[37];
	uint64_t rev;
};
/* "UUID:REV" (lower-case UUID, REV 1 or more, no leading zero) into o;
 * false if s is not one. */
bool xorigin_parse(const char *s, size_t len, struct xorigin *o);
/* o as "UUID:REV" into buf (at least XORIGIN_TEXT bytes); "" for none. */
#define XORIGIN_TEXT 60
void xorigin_text(const struct xorigin *o, char *buf);
bool xorigin_none(const struct xorigin *o);
bool xorigin_eq(const struct xorigin *a, const struct xorigin *b);

/* What a field knows: per store UUID the newest revision, sorted by UUID,
 * one entry per store. */
struct xknown {
	struct xorigin *v;
	size_t n, cap;
};
/* Add o (kept if newer than what is known of its store); false on
 * out-of-memory. A none origin adds nothing. */
bool xknown_add(struct xknown *k, const struct xorigin *o);
/* Whether k holds o or a newer change of the same store; every k covers
 * none. */
bool xknown_covers(const struct xknown *k, const struct xorigin *o);
void xknown_free(struct xknown *k);

/* One field of a record as the exports write it. */
struct xfield {
	const char *name;           /* "owner", "outcome.3"; owned by rec */
	const struct field_value *fv;   /* the store's, NULL: never written */
	struct xorigin origin;      /* the change whose value it holds */
	struct xknown known;        /* with with_known only: from the
	                             * process's history up to the view */
};

/* A record read at the view's point, with its fields in export order. */
struct xrecord {
	struct record rec;          /* the store's (record_free()) */
	struct xfield *f;
	size_t n;
};
void xrecord_free(struct xrecord *r);
/* The field named name in r, or NULL. */
const struct xfield *xrecord_get(const struct xrecord *r, const char *name);

/* A store as of one point of its history (a history seq), read by the
 * exports and the import. st NULL: no store yet, every record empty. */
struct xview {
	struct store *st;
	uint64_t seq;               /* the point: every read is as of it */
	int64_t time;               /* time of entry seq (0: none) */
	int64_t first_time;         /* time of entry #1 (0: none) */
	char uuid[37];              /* the store's UUID ("" if it has none) */
};
/* A view of st as of history entry seq (STORE_NOW: its newest entry; 0:
 * before the first). STORE_NOTFOUND: seq is past the newest entry. */
enum store_rc xview_open(struct xview *v, struct store *st, uint64_t seq);

/* The record of process as of the view, its fields in export order (see
 * xfield_names()) for p (NULL: an orphan, stored fields only). full: also
 * every field of the table the record lacks (no fv), for the grid of the
 * records format. with_known: fill xfield.known from the process's
 * history. Free with xrecord_free(). */
enum store_rc xview_record(const struct xview *v, const char *process,
                           const struct prm_process *p, bool full, bool with_known,
                           struct xrecord *out);
/* Ids of the processes with a record as of the view, sorted (caller frees
 * each and the array). */
enum store_rc xview_ids(const struct xview *v, char ***ids, size_t *n);
/* Processes with a record as of the view that model m lacks, sorted by
 * id (orphans). Caller frees each and the array. */
enum store_rc xview_orphans(const struct xview *v, const struct prm_model *m,
                            char ***ids, size_t *n);

/* ---- walking records ------------------------------------------------------
 * The records of a list of processes as of a view, one at a time, each
 * read just before it is handed over (one record in memory at a time):
 * first model processes by index (the order given; the exports give
 * model order), then orphans by id (records of processes the model lacks;
 * sorted, as xview_orphans() gives them). */

enum {
	XWALK_MODEL_ONLY = 1 << 0,  /* leave the orphans out */
	XWALK_FULL       = 1 << 1,  /* model processes: every slot of the
	                             * table (xview_record()'s full); orphans
	                             * have stored fields only either way */
	XWALK_KNOWN      = 1 << 2,  /* fill xfield.known (with_known) */
};

/* What to walk; every pointer borrowed from the caller for the walk. */
struct xwalk {
	const struct xview *v;
	const struct prm_model *m;
	const size_t *sel;          /* indices into m->processes */
	size_t n_sel;
	char *const *orphans;       /* ids m lacks */
	size_t n_orphans;
	unsigned flags;             /* XWALK_* */
	const char *failed;         /* out: the id whose read failed (one of
	                             * m's or orphans'), NULL if none */
};

/* One process of a walk, as handed to the callback. */
struct xwalk_item {
	size_t i;                   /* its place: 0 .. n_sel + n_orphans - 1 */
	const char *id;             /* borrowed from m or orphans */
	const struct prm_process *p;    /* NULL: an orphan */
	size_t index;               /* p's index in m, (size_t)-1 for an orphan */
	bool first_orphan;          /* the walk's first orphan (a heading) */
	struct xrecord rec;         /* as of the view; the walker frees it
	                             * after the call. To keep it, copy the
	                             * struct and zero rec: it is then the
	                             * keeper's to xrecord_free(). */
};
/* Called for each process in turn; return false to stop the walk. */
typedef bool (*xwalk_fn)(void *arg, struct xwalk_item *it);

/* Walk w: fn for each process with its record. STORE_OK when every
 * process was handed over or fn stopped the walk; else the failed read's
 * code (w->failed names the process) and nothing more is handed over. */
enum store_rc xwalk_run(struct xwalk *w, xwalk_fn fn, void *arg);

/* The history up to the view's point, oldest first, streamed: fn as for
 * store_log() (entries valid during the call only). */
enum store_rc xview_history(const struct xview *v, store_log_fn fn, void *arg);

/* Field names of a record in export order: the table's (record.h)
 * fields that are stored (not derived), in table order, with outcome.N
 * for each outcome the model lists for p (p NULL: none) in number order;
 * then other outcome.N the record holds (a retired or unknown number),
 * ascending. Fills out with malloc'd names and returns how many (caller
 * frees each and the array), or (size_t)-1 on out-of-memory. With
 * all_slots false only names rec holds are listed. */
size_t xfield_names(const struct prm_process *p, const struct record *rec, bool all_slots,
                    char ***out);

void xstrv_free(char **v, size_t n);

#endif
