/* refusal.h - why the store refused an undo or redo, in words. One wording
 * for the command line and the workbench, so that both name the same
 * reason, the author of the blocking change and what to do next. */
#ifndef PRMWB_REFUSAL_H
#define PRMWB_REFUSAL_H

#include <stdint.h>

#include "store.h"

/* A sentence (no "prmwb:" prefix, not escaped) for an undo/redo that came
 * back rc (STORE_CONFLICT, or STORE_NOTFOUND of a named undo) with info.
 * verb is "undo" or "redo"; seq the history number of a named undo (0:
 * the newest change); hint (may be NULL) is added after a refusal of the
 * newest change that another user blocks, saying how to get past it.
 * Returns malloc'd text the caller frees, or NULL on out-of-memory. */
char *refusal_text(enum store_rc rc, const struct store_change *info,
                   const char *verb, uint64_t seq, const char *hint);

/* Why one field of a change set was not undone or redone (a line of a
 * report, no "prmwb:" prefix, not escaped): "7.4 owner (#12): changed
 * since by bob at TIME, #15". malloc'd; NULL on out-of-memory. */
char *refusal_field_text(const struct store_change *c);

/* A sentence for a change-set undo/redo refused as a whole (rc
 * STORE_CONFLICT or STORE_ORPHAN) with report rep of a set of more than one
 * field: the set, every field that blocks (who, when, which change), that
 * nothing was changed and how to get past it (--partial, undo N).
 * malloc'd; NULL on out-of-memory. */
char *refusal_set_text(enum store_rc rc, const struct store_set_report *rep, const char *verb);

/* A store time as the history shows it: "2026-11-27T17:19:02Z", "-" if unknown. */
void refusal_iso_time(int64_t t, char *buf, size_t size);

#endif
