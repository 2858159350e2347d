/* diff.h - what changed in the records between two points of the history.
 *
 * For `prmwb diff REF [REF2]`: every field whose value differs between two
 * history seqs, and every process whose derived capability level differs
 * (assess.h), in the order the command prints them. The records are read
 * as of each seq through the store's per-field index (store_get_at(),
 * store_list_at()), so the cost grows with the records' size times the log
 * of the history's length, never with the history itself. No printing. */
#ifndef PRMWB_DIFF_H
#define PRMWB_DIFF_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"

struct prm_model;

/* One difference. A level change has field "level" and old/new as
 * assess_level_text() gives them ("0"-"5", "-" not assessed, "n/a"). A
 * field not set (never written, or cleared) is "". */
struct diff_change {
	size_t process;     /* index into model->processes; (size_t)-1: an
	                     * orphan (a record the model lacks) */
	char *id;           /* the process id */
	char *field;
	char *old_value, *new_value;
};

/* The differences, in print order: every level change first (model order,
 * orphans after in byte order of id), then every field change grouped by
 * process in the same order; within a process the fields in the order of
 * record_fields (get's order), outcome.N by number, then any field the
 * table does not know, by name. */
struct diff {
	struct diff_change *c; size_t n;
	size_t n_level;     /* c[0 .. n_level) are the level changes */
	size_t n_processes; /* processes with at least one change */
};

/* Compare the records of st as of history seq from with those as of seq to
 * (either may be 0, before anything; STORE_NOW reads the store as it is
 * now, but a fixed seq -- store_last_seq() -- gives a comparison that a
 * concurrent writer cannot change half-way). st NULL: no store yet, no
 * differences. Every process of m and every orphan record at either point
 * is compared. Returns STORE_OK with *out filled (free with diff_free()),
 * or the store's error (then *failed, if not NULL, is a malloc'd id of the
 * process whose record could not be read, or NULL; *out is empty), or
 * STORE_ERROR on out-of-memory. */
enum store_rc diff_read(const struct prm_model *m, struct store *st, uint64_t from,
                        uint64_t to, struct diff *out, char **failed);
void diff_free(struct diff *d);

#endif
