/* store.h - process records and their history in an LMDB environment.
 *
 * A store is a directory holding one LMDB environment, bound to one model id.
 * Every change (set, undo, redo) is exactly one LMDB write transaction that
 * writes the new value and appends a history entry; the history is
 * append-only and doubles as the audit trail. Undo/redo stacks are per OS
 * user. Callers never see LMDB: strings returned are copies they own.
 *
 * Not safe to share a struct store between threads. Across fork() a child
 * gets STORE_ERROR from every call on the parent's handle (store_close()
 * only frees it there) and opens its own. One handle per store per process:
 * a second store_open() of the same store fails until the first is closed. */
#ifndef PRMWB_STORE_H
#define PRMWB_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct store;

enum store_rc {
	STORE_OK = 0,
	STORE_NOTFOUND,     /* nothing there (no record, nothing to undo/redo) */
	STORE_INVALID,      /* bad field or value: nothing written; (open) the
	                     * path is not a store: not a directory, the data
	                     * file not an LMDB store */
	STORE_CONFLICT,     /* stale base revision, or undo would clobber another user's change */
	STORE_READONLY,     /* store opened read-only */
	STORE_WRONG_MODEL,  /* store belongs to another model (open) */
	STORE_ORPHAN,       /* undo/redo of a process the caller's model lacks */
	STORE_ERROR,        /* I/O or LMDB failure: nothing written; store_error()
	                     * says why (the errno's reason) */
	STORE_DAMAGED,      /* the store's file is damaged (a page or value LMDB
	                     * or the decoder rejects): nothing written;
	                     * store_error() names the key, store_verify() more */
};

/* Longest process id and OS user name the store records, in bytes. Names
 * are kept whole (keys, history, messages), never cut. */
#define STORE_MAX_ID 128
#define STORE_MAX_USER 256

enum {
	STORE_OPEN_READONLY    = 1 << 0, /* never write, no writer lock */
	STORE_OPEN_FORCE_MODEL = 1 << 1, /* open a store of another model (see store_open) */
	STORE_OPEN_CREATE      = 1 << 2, /* create the directory/environment if missing */
};

/* Default store directory: $PRMWB_DB, else $XDG_DATA_HOME/prmwb, else
 * ~/.local/share/prmwb. Returns malloc'd path the caller frees. */
char *store_default_path(void);

/* Open the store in dir for model_id. A store bound to another model gives
 * STORE_WRONG_MODEL unless STORE_OPEN_FORCE_MODEL: then it opens as it is
 * (opening and reading never change it) and the first change written
 * (set, undo, redo) rebinds it to model_id in the same transaction; see
 * store_bound_model(). On failure returns the code and, if
 * err is not NULL, a malloc'd message naming the path (caller frees).
 * Without STORE_OPEN_CREATE a missing store gives STORE_NOTFOUND. A store
 * that cannot be written is opened read-only and *err (if given) receives
 * a notice even on STORE_OK; check store_readonly(). */
enum store_rc store_open(const char *dir, const char *model_id, unsigned flags,
                         struct store **out, char **err);
/* store_open() for a model known by several ids: ids[0] is its own (a new
 * store is bound to it, a forced open rebinds to it), the others those of
 * the models it extends (prm_model.lineage). A store bound to any of them
 * opens without STORE_OPEN_FORCE_MODEL and stays bound as it is. n_ids >= 1. */
enum store_rc store_open_lineage(const char *dir, const char *const *ids, size_t n_ids,
                                 unsigned flags, struct store **out, char **err);
/* Whether dir holds a store. False only when it plainly does not (dir or
 * its data file missing); any other doubt gives true, so that store_open()
 * reports the real error. Creates nothing. */
bool store_exists(const char *dir);
void store_close(struct store *st);

bool store_readonly(const struct store *st);
const char *store_path(const struct store *st);   /* owned by the store */
/* The model id the store is bound to now (owned by the store): after a
 * forced open, the old one until the first change written rebinds it. */
const char *store_bound_model(const struct store *st);
const char *store_user(const struct store *st);   /* OS user name (getpwuid) */
/* For tests only: act as another user (at most STORE_MAX_USER bytes). */
void store_set_user(struct store *st, const char *user);
/* Why the last call on st gave STORE_ERROR or STORE_DAMAGED, e.g. "No space
 * left on device" or "h/#12: the value cannot be decoded" (owned by the
 * store, valid until the next call; "" if nothing failed). */
const char *store_error(const struct store *st);
/* Bytes used by the data file. */
uint64_t store_size(const struct store *st);
/* Sequence number of the newest history entry (0: none). Cheap: one read
 * transaction; the TUI polls it to notice other processes' commits. */
uint64_t store_last_seq(struct store *st);

/* One field's current value. */
struct field_value {
	char *field;        /* "owner", "outcome.2", ... */
	char *value;        /* never NULL; "" means not set */
	uint64_t rev;       /* history seq of the change that wrote it, 0: never set */
	int64_t time;       /* UTC seconds of that change */
	char *user;         /* who made it ("" if never set) */
};

/* A process record: all fields that were ever set, sorted by field name. */
struct record {
	char *process;      /* process id */
	struct field_value *fields; size_t n_fields;
	uint64_t rev;       /* the record's revision: seq of its newest history
	                     * entry (set, undo or redo), 0 if none */
	int64_t time;       /* and the time/user of that entry */
	char *user;
};

/* Read the record of a process (an empty record if nothing was set).
 * The caller frees it with record_free(). */
enum store_rc store_get(struct store *st, const char *process, struct record *out);
void record_free(struct record *r);
/* Field value in a record, or NULL if never set. */
const struct field_value *record_get(const struct record *r, const char *field);

/* Ids of every process that has a record, sorted. Caller frees each and
 * the array. */
enum store_rc store_list(struct store *st, char ***ids, size_t *n);

#define STORE_ANY_REV UINT64_MAX

/* Why a change was refused (struct store_change.why). */
enum store_why {
	STORE_WHY_NONE = 0,
	STORE_WHY_CHANGED,       /* CONFLICT: the field was changed since; user,
	                          * time and rev name the change that blocks */
	STORE_WHY_JUSTIFICATION, /* INVALID/CONFLICT: would leave applicable 'no'
	                          * without a justification (needs_justification) */
	STORE_WHY_NOT_OWN,       /* undo_seq: another user's change (user, time) */
	STORE_WHY_NOT_A_CHANGE,  /* undo_seq: an undo or redo entry (ref: of what) */
	STORE_WHY_UNDONE,        /* undo_seq: already undone (ref: by which entry,
	                          * 0 if not known) */
};

/* Information about a refused or done change, for messages. */
struct store_change {
	uint64_t seq;       /* history entry written (0 if none) */
	char process[STORE_MAX_ID + 1];
	char field[64];
	/* On CONFLICT: who made the change that blocks and when: the author of
	 * the revision in effect (rev) if that change came after, else whoever
	 * wrote the field last (an undo that put it back). On WHY_NOT_OWN:
	 * the change's author. */
	char user[STORE_MAX_USER + 1];
	int64_t time;
	uint64_t rev;       /* on CONFLICT: the change that blocks, when user and
	                     * time are its author's; 0 when they are those of
	                     * the undo that put the field back */
	uint64_t ref;       /* see enum store_why */
	enum store_why why;
	/* On INVALID/CONFLICT: refused because applicable would be 'no'
	 * without a justification (field then names the other field; user,
	 * time and rev say who set applicable 'no' or cleared the
	 * justification). */
	bool needs_justification;
};

/* Set a field (value already validated by record_validate(); it is validated
 * again here and STORE_INVALID returned if bad). base_rev is the revision of
 * the field the caller showed the user (field_value.rev, 0 if never set);
 * if the field changed since, STORE_CONFLICT and nothing is written.
 * STORE_ANY_REV skips the check. n_outcomes bounds outcome.N. Clears the
 * user's redo stack. On success info->seq is the new history seq. */
enum store_rc store_set(struct store *st, const char *process, const char *field,
                        const char *value, size_t n_outcomes, uint64_t base_rev,
                        struct store_change *info);

/* Undo the calling user's newest change not yet undone / redo the one undone
 * last. STORE_NOTFOUND: nothing to undo/redo. STORE_CONFLICT: someone changed
 * that field since (info says who and when), or the undo would leave
 * applicable 'no' without a justification; nothing written. A blocked
 * newest change blocks only plain undo: store_undo_seq() gets past it. */
enum store_rc store_undo(struct store *st, struct store_change *info);
enum store_rc store_redo(struct store *st, struct store_change *info);

/* Whether the caller's model has process (arg: the caller's). */
typedef bool (*store_known_fn)(const char *process, void *arg);
/* store_undo()/store_redo() that first ask known about the process of the
 * change to undo/redo: if it says no, STORE_ORPHAN with info->process and
 * info->field set, and nothing is written (no rebind either), since a
 * record the model does not show is read-only. known NULL: no check. */
enum store_rc store_undo_known(struct store *st, store_known_fn known, void *arg,
                               struct store_change *info);
enum store_rc store_redo_known(struct store *st, store_known_fn known, void *arg,
                               struct store_change *info);

/* Undo one named change of the caller's: the SET entry seq (as `log` shows
 * it, #seq), whether or not it is the newest. Only that entry's field goes
 * back (to its value and revision before the change), even if other fields
 * were written in the same action. It leaves the undo stack and goes on top
 * of the redo stack, so store_redo() re-applies it next; the caller's other
 * changes stay where they were on both stacks.
 * STORE_NOTFOUND: no entry seq (info->ref: the newest seq), or nothing to
 * undo there: another user's change (WHY_NOT_OWN, user and time say whose),
 * an undo or redo entry (WHY_NOT_A_CHANGE, ref: the entry it undid or
 * redid), already undone (WHY_UNDONE, ref: by which entry).
 * STORE_CONFLICT, STORE_ORPHAN: as store_undo_known(). Nothing is written
 * unless STORE_OK. */
enum store_rc store_undo_seq(struct store *st, uint64_t seq, store_known_fn known,
                             void *arg, struct store_change *info);

enum hist_kind { HIST_SET = 0, HIST_UNDO = 1, HIST_REDO = 2 };

struct hist_entry {
	uint64_t seq;
	int64_t time;       /* UTC seconds */
	char *user;
	long pid;
	enum hist_kind kind;
	uint64_t ref;       /* UNDO/REDO: seq of the entry undone/redone */
	char *process;
	char *field;
	char *old_value;
	char *new_value;
};

/* Called newest first; return false to stop. Entries are valid only during
 * the call (copy what you keep). */
typedef bool (*store_log_fn)(const struct hist_entry *e, void *arg);

/* Walk the history newest first, only entries of process if not NULL, at
 * most limit entries (0: all). */
enum store_rc store_log(struct store *st, const char *process, size_t limit,
                        store_log_fn fn, void *arg);

/* ---- verification (store_verify.c) --------------------------------------- */

/* Called for each problem store_verify() finds: where names the key
 * ("h/#12", "r/7.4 owner", "u/alice #3") or the page ("page 7 of the
 * records (near key x/7.4 #3)"), what says what is wrong. Return false to
 * stop. */
typedef bool (*store_problem_fn)(const char *where, const char *what, void *arg);

struct store_verify_stats {
	uint64_t pages, free_pages, page_size;  /* of data.mdb */
	uint64_t keys;          /* keys in the store */
	uint64_t history;       /* history entries */
	uint64_t records;       /* processes with a record */
	char model[128];        /* the model id it is bound to */
};

/* Check the store in dir without trusting it. First data.mdb itself, read
 * with bounds checks and never mapped (mdbcheck.h: meta pages, every page,
 * the free list); only if that is sound, every key and value through LMDB,
 * in one read transaction of the snapshot just checked: each value
 * decodes, the schema is known, the history runs #1..m/seq without gaps,
 * each undo/redo refers to a change of the same user and field, each
 * change follows from the field's previous one, and r/ (field revisions,
 * values, writers), x/ (history by process), u/ and R/ (undo and redo
 * stacks) agree with the history. Never writes, never faults on damage.
 * STORE_OK: no problem; STORE_DAMAGED: problems were reported through fn;
 * STORE_INVALID: a file is a link or not a regular file, or not an LMDB
 * file (reported through fn too); STORE_NOTFOUND: no store in dir;
 * STORE_ERROR: it could not be read (*err, malloc'd). stats may be NULL. */
enum store_rc store_verify(const char *dir, store_problem_fn fn, void *arg,
                           struct store_verify_stats *stats, char **err);

/* A message for a return code (static string). */
const char *store_strerror(enum store_rc rc);

#endif
