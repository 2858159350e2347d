/* import.h - reading a records file (prmwb-records(5), XML or JSON) back
 * into a store: a three-way merge per field, or a restore of a whole
 * history into an empty store.
 *
 * The file is streamed (never held whole); each value is at most 64 KiB
 * and goes through record_validate() as `set` would take it. Everything is
 * read and checked before anything is written: a bad file gives
 * IMPORT_BAD with "FILE:LINE: ..." messages and the store is untouched.
 *
 * The merge (prmwb-records(5), MERGE): for each field the file has
 * written, with its origin O (store UUID and revision) and what it knows
 * (its known list: the newest change of each store it has taken in), and
 * the store's field with its origin S and what it knows (exchange.h):
 * the same origin, or O known to the store (the file is older): nothing
 * to do; S known to the file (the file is newer) or the field never
 * written here: take the file's value; otherwise both changed since they
 * last agreed: the same value is no conflict, a different one is. All
 * changes go in as one change set marked as an import with the file's
 * name and SHA-256, which `undo` takes back whole. */
#ifndef PRMWB_IMPORT_H
#define PRMWB_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store.h"

struct prm_model;

enum import_on_conflict {
	IMPORT_FAIL = 0,        /* a conflict: nothing written */
	IMPORT_KEEP_STORE,      /* keep the store's value */
	IMPORT_TAKE_FILE,       /* take the file's value */
};
/* "fail", "keep-store" (or "skip"), "take-file" (or "theirs"); false if
 * none of them. */
bool import_on_conflict_parse(const char *s, enum import_on_conflict *out);

struct import_opts {
	enum import_on_conflict on_conflict;
	bool dry_run;           /* decide and report, write nothing */
	bool restore;           /* the whole history into an empty store */
};

enum import_rc {
	IMPORT_OK = 0,
	IMPORT_BAD,             /* the file is not a records file of this model,
	                         * or a value is bad: report.errors */
	IMPORT_CONFLICT,        /* conflicts and IMPORT_FAIL: nothing written */
	IMPORT_REFUSED,         /* restore into a store that is not empty, or
	                         * a file without a history */
	IMPORT_STORE,           /* a store call failed: report.store_rc, err */
	IMPORT_IO,              /* the file cannot be read: err */
};

/* One field the import changes, or one conflict. */
struct import_change {
	char *process, *field;
	char *file_value;       /* the file's value (the one taken, if taken) */
	char *store_value;      /* the store's value now ("" if never set) */
	/* conflicts: the value both had (the newest of the store's history
	 * of the field that the file has taken in; "" if none), and who
	 * wrote the store's value, when */
	char *base_value;
	char *store_user;
	int64_t store_time;
	bool taken;             /* the file's value goes in */
};

struct import_report {
	char sha256[65];                /* of the file */
	char model[128];                /* the file's model id */
	size_t n_fields;                /* written fields in the file */
	struct import_change *changes;  /* fields that take the file's value */
	size_t n_changes;
	struct import_change *conflicts;
	size_t n_conflicts;
	char **notes;                   /* what the model lacks: "FILE:LINE: ..." */
	size_t n_notes;
	char **errors;                  /* IMPORT_BAD: "FILE:LINE: ..." */
	size_t n_errors;
	uint64_t set;                   /* the change set written (0: none) */
	size_t n_written;               /* history entries it wrote */
	uint64_t restored;              /* restore: entries restored */
	uint64_t restore_seq;           /* restore: the RESTORE entry */
	enum store_rc store_rc;         /* with IMPORT_STORE */
};
void import_report_free(struct import_report *r);

/* Import the records file path into st (opened for writing) for model m.
 * On IMPORT_STORE and IMPORT_IO *err (if not NULL) gets a malloc'd message.
 * rep is filled in every case; free it with import_report_free(). */
enum import_rc import_file(const struct prm_model *m, struct store *st, const char *path,
                           const struct import_opts *o, struct import_report *rep,
                           char **err);

#endif
