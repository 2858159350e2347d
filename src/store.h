/* store.h - process records and their history in an LMDB environment.
 *
 * A store is a directory holding one LMDB environment, bound to one model id,
 * with its own UUID. Every change (set, a change set of many fields, undo,
 * redo, a baseline) is exactly one LMDB write transaction that writes the
 * new values and appends history entries; the history is append-only,
 * numbered #1, #2, ... without gaps, and doubles as the audit trail. The
 * entries one action writes form one change set; undo and redo take whole
 * change sets. Undo/redo stacks are per OS user. Callers never see LMDB:
 * strings returned are copies they own unless said otherwise.
 *
 * History times are UTC seconds and never go backwards: an entry gets
 * max(now, the time of the newest entry before it), so that a date names
 * one point of the history (entries upgraded from schema 1 keep the times
 * they were recorded with; a date then means the newest entry such that
 * no entry up to it is later than the date).
 *
 * Every field's value records where it came from (its origin): the UUID
 * of the store where the change was made and that store's revision of it.
 * A change made here has this store's UUID and its own revision; an
 * import keeps the origin the file gives, so that a later merge can tell
 * the same value from the same origin apart from a different change.
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
/* Longest baseline name, in bytes. */
#define STORE_MAX_BASELINE 64
/* "Now" for the reads as of a history seq (store_get_at() ...). */
#define STORE_NOW UINT64_MAX

enum {
	STORE_OPEN_READONLY    = 1 << 0, /* never write, no writer lock */
	STORE_OPEN_FORCE_MODEL = 1 << 1, /* open a store of another model (see store_open) */
	STORE_OPEN_CREATE      = 1 << 2, /* create the directory/environment if missing */
};

/* Default store directory: $PRMWB_DB, else $XDG_DATA_HOME/prmwb, else
 * ~/.local/share/prmwb. Returns malloc'd path the caller frees. */
char *store_default_path(void);

/* Open the store in dir for model_id. A store of schema version 1 (an older
 * prmwb's) is upgraded in place to schema 2 when it can be written, in one
 * transaction (a crash leaves version 1 or 2, never a mix; another prmwb
 * opening it meanwhile waits and finds it upgraded; a damaged one is not
 * upgraded: STORE_DAMAGED). Read-only (STORE_OPEN_READONLY, or no write
 * permission) it is read through a schema-2 copy in a private temporary
 * directory under $TMPDIR (removed by store_close()): every read works, it
 * does not see later changes, store_uuid() is "" (the UUID is made by the
 * upgrade), and *err (if given) receives a notice saying so even on
 * STORE_OK. A store bound to another model gives
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
/* The store's UUID: 36 characters, lower-case, version 4, made when the
 * store was created or upgraded from schema 1 (owned by the store). ""
 * only for a schema-1 store read through a copy (see store_open). */
const char *store_uuid(const struct store *st);
/* Schema version of the store's files as this prmwb reads them (2). */
int store_schema(const struct store *st);

/* One field's value (now, or as of a history seq). */
struct field_value {
	char *field;        /* "owner", "outcome.2", ... */
	char *value;        /* never NULL; "" means not set */
	uint64_t rev;       /* history seq of the change whose value is in
	                     * effect (undo gives back the one before), 0: never
	                     * set or back to not set */
	int64_t time;       /* UTC seconds of the entry that last wrote the
	                     * field (a set, undo or redo) */
	char *user;         /* who wrote it last ("" if never set) */
	uint64_t last;      /* seq of that entry */
	/* Where the value came from: the store (UUID, 36 characters; "" for
	 * rev 0) and that store's revision of it. A change made here: this
	 * store's UUID and rev. */
	char origin[37];
	uint64_t origin_rev;
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
 * The caller frees it with record_free(). Cost: the process's fields only,
 * whatever the history's length. */
enum store_rc store_get(struct store *st, const char *process, struct record *out);
/* The record as it was right after history entry seq (STORE_NOW: now; 0:
 * before anything, an empty record): the fields that had been written by
 * then, each with its value, rev, origin and the time and user of the
 * entry that last wrote it by then; the record's rev, time and user are
 * those of its newest entry up to seq. Cost: one B-tree seek per field
 * for the value, one more for the writer, O(fields x log history). The
 * caller frees it with record_free(). */
enum store_rc store_get_at(struct store *st, const char *process, uint64_t seq,
                           struct record *out);
void record_free(struct record *r);
/* Field value in a record, or NULL if never set. */
const struct field_value *record_get(const struct record *r, const char *field);

/* Ids of every process that has a record, sorted. Caller frees each and
 * the array. */
enum store_rc store_list(struct store *st, char ***ids, size_t *n);
/* The same as of history entry seq: processes with a field written by
 * then. */
enum store_rc store_list_at(struct store *st, uint64_t seq, char ***ids, size_t *n);

/* Called for each field of each process in store_walk_fields(), in byte
 * order of process id, then of field name (orphans included: the store
 * does not know the model). f is valid only during the call. Return false
 * to stop. */
typedef bool (*store_field_fn)(const char *process, const struct field_value *f, void *arg);
/* Every field ever written of every process, as of seq (STORE_NOW: now),
 * streamed in one read transaction (one snapshot): for an export. Fields
 * not yet written at seq are left out. */
enum store_rc store_walk_fields(struct store *st, uint64_t seq, store_field_fn fn, void *arg);

/* Resolve a REF as users type it (--as-of) to a history seq (0: before the
 * first entry):
 *   - a baseline name (starts with a letter): the baseline's own entry;
 *   - digits, or '#' and digits: that seq, which must exist (0 allowed);
 *   - a UTC date or time YYYY-MM-DD, YYYY-MM-DDTHH:MMZ or
 *     YYYY-MM-DDTHH:MM:SSZ, naming a day, a minute or a second: the newest
 *     entry recorded by the end of it (a bare date: the end of that day);
 *     found through the time index in one B-tree seek. A time before the
 *     first entry gives 0, one after the last the last.
 * STORE_INVALID: not a REF (*err says what a REF is); STORE_NOTFOUND: no
 * such baseline or entry (*err says which there are). *err malloc'd. */
enum store_rc store_resolve_ref(struct store *st, const char *ref, uint64_t *seq, char **err);

#define STORE_ANY_REV UINT64_MAX

/* What kind of change set (struct store_set_opts, hist_entry.set_kind). */
enum store_set_kind {
	STORE_SET_EDIT = 0,     /* changes made here */
	STORE_SET_IMPORT = 1,   /* an import: file name and SHA-256 recorded */
};

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
	STORE_WHY_ORPHAN,        /* set undo/redo: the process is not in the
	                          * caller's model (store_known_fn said no) */
	STORE_WHY_TWICE,         /* set_many: the same field twice (process,
	                          * field name it) */
	STORE_WHY_EXISTS,        /* baseline_create: the name is taken (ref: its
	                          * entry) */
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
	uint64_t ref;       /* see enum store_why; in a set report: the change
	                     * undone or redone */
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

/* One field to set in store_set_many(). */
struct store_edit {
	const char *process, *field, *value;
	size_t n_outcomes;      /* bounds outcome.N, as for store_set */
	uint64_t base_rev;      /* as for store_set (STORE_ANY_REV: no check) */
	/* Where the value came from: NULL, this store's own change; else a
	 * UUID (36 characters) and that store's revision (an import). */
	const char *origin;
	uint64_t origin_rev;
};

struct store_set_opts {
	enum store_set_kind kind;
	const char *file;       /* IMPORT: the file's name, as given */
	const char *sha256;     /* IMPORT: its SHA-256, 64 hex digits */
};

/* Set many fields as one change set, in one transaction, all or nothing:
 * every edit is validated (process id, field, value through
 * record_validate(), origin a UUID), no field may come twice
 * (STORE_INVALID, info names the edit: why WHY_TWICE for a repeat), every
 * base revision checked (STORE_CONFLICT, info says who changed which
 * field), and the state the set leaves must give applicable 'no' a
 * justification (STORE_INVALID with info->needs_justification). Then one
 * history entry per field whose value changes (unchanged ones record
 * nothing), all with the change set id *set_id: the seq of its first entry
 * (0 and *n_changed 0 if nothing changed: nothing written). opts may be
 * NULL (an edit); IMPORT marks the set with the file and its SHA-256
 * (hist_entry.set_kind, .file, .sha256). The set goes on the caller's
 * undo stack; the caller's redo stack is cleared. set_id, n_changed and
 * info may be NULL. */
enum store_rc store_set_many(struct store *st, const struct store_edit *edits, size_t n,
                             const struct store_set_opts *opts, struct store_change *info,
                             uint64_t *set_id, size_t *n_changed);

/* Undo the calling user's newest change set not yet undone / redo the undo
 * done last, whole (store_undo_set() without STORE_UNDO_PARTIAL); info
 * names the first field undone (seq: the first entry written) or, refused,
 * the first field that blocks. STORE_NOTFOUND: nothing to undo/redo.
 * STORE_CONFLICT: someone changed a field of it since (info says who and
 * when), or the undo would leave applicable 'no' without a justification;
 * nothing written. A blocked newest change blocks only plain undo:
 * store_undo_seq() gets past it. */
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
 * back (to its value, revision and origin before the change), even if other
 * fields were written in the same change set. The undo goes on top of the
 * redo stack, so store_redo() re-applies it next; its change set leaves the
 * undo stack once none of its changes is in effect; the caller's other
 * change sets stay where they were on both stacks.
 * STORE_NOTFOUND: no entry seq (info->ref: the newest seq), or nothing to
 * undo there: another user's change (WHY_NOT_OWN, user and time say whose),
 * an undo or redo entry (WHY_NOT_A_CHANGE, ref: the entry it undid or
 * redid), already undone (WHY_UNDONE, ref: by which entry).
 * STORE_CONFLICT, STORE_ORPHAN: as store_undo_known(). Nothing is written
 * unless STORE_OK. */
enum store_rc store_undo_seq(struct store *st, uint64_t seq, store_known_fn known,
                             void *arg, struct store_change *info);

/* store_undo_set()/store_redo_set() flag: undo (redo) the fields nobody
 * changed since and report the rest, instead of refusing the whole set. */
#define STORE_UNDO_PARTIAL 1u

/* What a change-set undo or redo did. */
struct store_set_report {
	uint64_t set;           /* the change set undone (undo) or the undo set
	                         * redone (redo); 0 if there was none */
	uint64_t written;       /* the change set written (its first entry), 0:
	                         * nothing written */
	size_t n_fields;        /* fields of the set still to undo (redo): done
	                         * + refused + those a refusal kept from being
	                         * done */
	/* Fields undone/redone: process, field, seq (the entry written), ref
	 * (the change undone or redone). */
	struct store_change *done; size_t n_done;
	/* Fields refused: process, field, ref, and why (WHY_CHANGED with user,
	 * time, rev as for a conflict; WHY_ORPHAN; WHY_JUSTIFICATION with
	 * needs_justification). */
	struct store_change *refused; size_t n_refused;
};
void store_set_report_free(struct store_set_report *r);

/* Undo the caller's newest change set on the undo stack as a whole: one
 * undo entry per field, all one new change set (rep->written). Changes of
 * it already undone one by one (store_undo_seq) are skipped. If any field
 * was changed by someone since (or its process is unknown to the caller's
 * model, or the result would break the justification rule), nothing is
 * written and STORE_CONFLICT (STORE_ORPHAN for an unknown process) is
 * returned with every such field in rep->refused; with STORE_UNDO_PARTIAL
 * the other fields are undone (STORE_OK, the refused ones listed; if none
 * could be undone STORE_CONFLICT). Either way the set leaves the undo
 * stack (its refused fields can still be undone one by one: undo N) and
 * the undo goes on the redo stack. STORE_NOTFOUND: nothing to undo.
 * rep is filled in every case (free it with store_set_report_free()). */
enum store_rc store_undo_set(struct store *st, unsigned flags, store_known_fn known,
                             void *arg, struct store_set_report *rep);
/* Redo the undo the caller did last (a set undo, partial or whole, or an
 * undo N): the fields get the values of the changes again, as one new
 * change set, and the change set goes back on the undo stack. Refusals as
 * for store_undo_set(): a field changed since the undo blocks the whole
 * redo unless STORE_UNDO_PARTIAL. */
enum store_rc store_redo_set(struct store *st, unsigned flags, store_known_fn known,
                             void *arg, struct store_set_report *rep);

/* ---- baselines ---------------------------------------------------------- */

/* Whether name can name a baseline: 1 to STORE_MAX_BASELINE bytes, an
 * ASCII letter first, then letters, digits, '-', '_' or '.' (so that a
 * name is never read as a number or a date). */
bool store_baseline_name_ok(const char *name);
/* Name the current point of the history: a BASELINE history entry (who,
 * when; info->seq its seq), which changes no field. Names are unique and
 * never deleted or reused (the history is append-only): supersede a
 * baseline by creating a newer one with another name. STORE_INVALID: not
 * a name (store_baseline_name_ok) or a note over 64 KiB; STORE_CONFLICT:
 * the name is taken (info->why WHY_EXISTS, ref its entry). */
enum store_rc store_baseline_create(struct store *st, const char *name, const char *note,
                                    struct store_change *info);

struct store_baseline {
	char *name, *note, *user;
	uint64_t seq;           /* its history entry: as of a baseline means as
	                         * of this seq */
	int64_t time;
};
/* Every baseline, oldest first. Caller frees with store_baselines_free(). */
enum store_rc store_baselines(struct store *st, struct store_baseline **out, size_t *n);
void store_baselines_free(struct store_baseline *b, size_t n);

/* ---- history -------------------------------------------------------------- */

enum hist_kind {
	HIST_SET = 0,
	HIST_UNDO = 1,
	HIST_REDO = 2,
	HIST_BASELINE = 3,      /* a baseline was created (name, note) */
	HIST_RESTORE = 4,       /* the store was restored from a file (file,
	                         * sha256): the entries before it came from it */
};

struct hist_entry {
	uint64_t seq;
	int64_t time;       /* UTC seconds */
	char *user;
	long pid;
	enum hist_kind kind;
	uint64_t ref;       /* UNDO/REDO: seq of the entry undone/redone */
	char *process;      /* SET/UNDO/REDO; "" for the others */
	char *field;
	char *old_value;
	char *new_value;
	/* The change set: the seq of its first entry (seq itself for a
	 * change made alone). Entries of one set are consecutive. */
	uint64_t set;
	/* UNDO: of one change named by its number (undo N), not of a set. */
	bool named;
	/* The field's revision before and after (SET/UNDO/REDO). */
	uint64_t old_rev, new_rev;
	/* Where the new value came from (SET/UNDO/REDO): a store's UUID and
	 * its revision (struct field_value.origin). In store_restore() input:
	 * NULL or "" means a change of this store. */
	char *origin;
	uint64_t origin_rev;
	char *name, *note;          /* BASELINE */
	/* IMPORT sets (set_kind): the file and its SHA-256, on every entry of
	 * the set; RESTORE entries: the file restored. NULL otherwise. */
	enum store_set_kind set_kind;
	char *file, *sha256;
};

/* Called newest first; return false to stop. Entries are valid only during
 * the call (copy what you keep). */
typedef bool (*store_log_fn)(const struct hist_entry *e, void *arg);

/* Walk the history newest first, only entries of process if not NULL, at
 * most limit entries (0: all). Cost: O(log history) per entry (the old
 * value is the field's version before: one seek). */
enum store_rc store_log(struct store *st, const char *process, size_t limit,
                        store_log_fn fn, void *arg);
/* Number of history entries (of process if not NULL), without walking
 * them: O(fields of the process). */
enum store_rc store_log_count(struct store *st, const char *process, uint64_t *n);
/* Walk the history oldest first, entries from..to (to STORE_NOW: the
 * newest), in one read transaction, streamed (for an export of the whole
 * audit trail); fn as for store_log. One entry: from = to = its seq, one
 * B-tree seek (the workbench's whole entry). */
enum store_rc store_walk_history(struct store *st, uint64_t from, uint64_t to,
                                 store_log_fn fn, void *arg);

/* ---- restore ---------------------------------------------------------------- */

/* Gives the next history entry to restore in *e (its strings valid until
 * the next call): 1, 0 after the last, -1 on an error (*err: malloc'd
 * message). rewind: start again from the first entry (the first call, and
 * again if the transaction has to be run again after the map grew). */
typedef int (*store_restore_fn)(void *arg, bool rewind, struct hist_entry *e, char **err);
/* Restore a whole history into an empty store, in one transaction: the
 * entries keep their seq (1, 2, ... without gaps), time, user, pid, kind,
 * set, and origin; the store checks each as it would make it (an undo
 * must undo a change of the same user and field that is in effect and
 * give back the value from before it; a redo likewise; a change set's
 * entries are consecutive and of one kind and user; baseline names
 * unique) and derives the fields, the undo and redo stacks and the other
 * indexes from them, as if the changes had been made here. Values are
 * checked for size only (64 KiB), not validated again (older versions may
 * have allowed them). Then it records the restore itself as the next
 * entry (HIST_RESTORE: who, when, file, sha256), the first this store
 * makes of its own. Read from e: seq, time, user, pid, kind, ref, set,
 * named, process, field, new_value, origin, origin_rev, name, note, and
 * for the first entry of an IMPORT set set_kind, file, sha256 (RESTORE
 * entries: file, sha256); the rest is ignored.
 * STORE_CONFLICT: the store is not empty; STORE_INVALID: an entry is not
 * one the store could have made (*why names it). Nothing is written
 * unless STORE_OK (info->seq: the RESTORE entry). *why malloc'd or NULL. */
enum store_rc store_restore(struct store *st, const char *file, const char *sha256,
                            store_restore_fn next, void *arg, struct store_change *info,
                            char **why);

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
	int schema;             /* its schema version (1 or 2) */
	char uuid[37];          /* its UUID (schema 2) */
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
