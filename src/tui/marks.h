/* marks.h - marked processes (t, T; mutt's tags) and the edit of a field
 * in all of them at once. With marks set, e edits the field in every
 * marked process: the line editor starts on their common value (empty if
 * they differ); Enter asks "Set status to planned for 5 marked processes?
 * y/n", and y writes them as one change set (store_set_many: one
 * transaction, each field checked against the revision it had when the
 * editor opened), which u undoes as a whole. Marks stay until T (or t on
 * each); a process the filter hides stays marked and is edited too (the
 * question says how many are hidden). Orphan records cannot be marked
 * (they are read-only); E and outcome ratings edit one process only. */
#ifndef PRMWB_TUI_MARKS_H
#define PRMWB_TUI_MARKS_H

#include <stdbool.h>
#include <stddef.h>

struct app;

/* t: mark the process looked at, or unmark it; on a category every
 * process of it in the tree (unmark them if all are marked); on the
 * model's row every process in the tree. In the tree the cursor then
 * moves on one row (as mutt does). */
void marks_toggle(struct app *a);
/* T: clear every mark. */
void marks_clear(struct app *a);
/* Whether process p is marked. */
bool marks_is(const struct app *a, size_t p);
/* "3 marked" for the status line, or "" without marks. */
void marks_status(const struct app *a, char *buf, size_t size);

/* e with marks set, on field: NULL (the message says why) if field cannot
 * be set in many processes (outcome ratings, derived fields, several
 * lines); else the editor's starting text (escaped; the caller frees it),
 * and the revisions the fields have now are kept for the commit. */
char *marks_edit_begin(struct app *a, const char *field);
/* Enter in that editor: the value is validated, then the question asked
 * (PROMPT_MARKS, in a->edit_why). */
void marks_edit_commit(struct app *a);
/* A key while the question waits: y writes, n or Esc goes back to the
 * editor. */
void marks_prompt_key(struct app *a, int key);
/* The editor closed: what marks_edit_begin kept is freed. */
void marks_edit_end(struct app *a);
/* At the end: marks and any edit state freed. */
void marks_free(struct app *a);

#endif
