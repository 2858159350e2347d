/* edit.h - changes to the store from the workbench: the one-line editor
 * session on the status row (MODE_EDIT), the $VISUAL/$EDITOR round trip,
 * undo and redo. Every commit is one store_set/undo/redo with the base
 * revision the user saw: a conflicting change by another process is
 * reported, never overwritten. */
#ifndef PRMWB_TUI_EDIT_H
#define PRMWB_TUI_EDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct app;

/* The field 'e'/'E' acts on: the one selected in the detail pane, else the
 * one last worked on (borrowed from the state). */
const char *edit_target_field(struct app *a);
/* Open the line editor on field of the process looked at (MODE_EDIT), or
 * say why not (read-only, several lines, no process). */
void edit_start(struct app *a, const char *field);
/* A key in the line editor: Enter validates and commits, Esc cancels. */
void edit_key(struct app *a, int key);
/* E: edit a text field (else notes) in $VISUAL/$EDITOR/vi and commit it.
 * Text that cannot be saved is kept (a->pending) with the reason and the
 * revision it is based on; while it is, E reopens the editor on it,
 * whatever is selected. An editor that fails after changing the file, or
 * a signal while it runs, keeps what it wrote. When the field changed
 * since (a conflict), E shows theirs and yours and asks (a->prompt):
 * overwrite theirs, edit both in the editor (git-like markers), discard
 * yours, or decide later. */
void edit_external(struct app *a);
/* One key, one saved change (a rating in the profile view, r in the
 * detail pane): field of process p to value ("" clears it), checked
 * against base, the revision the user saw. The tree goes to p. If someone
 * changed the field since, nothing is written: the message shows theirs
 * and yours and asks (PROMPT_CONFLICT_RATE): o saves yours over theirs,
 * any other key keeps theirs. True if saved (or the value was already
 * that). */
bool edit_rate(struct app *a, size_t p, const char *field, const char *value, uint64_t base);
/* r in the detail pane: the outcome or PA under the cursor waits for a
 * rating key (PROMPT_RATE; the message says which keys, Esc cancels), or
 * the message says why not (no such line selected, read-only, orphan). */
void edit_rate_start(struct app *a);
/* A key while a question waits (PROMPT_CONFLICT_LINE, _E, _RATE, PROMPT_RATE). */
void edit_prompt_key(struct app *a, int key);
/* Put recovered text of field of process p, based on revision base, back:
 * into the line editor (line, one line) or as kept E text with $EDITOR
 * opened on it; a stale base asks first, as a conflict. from (taken): the
 * recovery file, removed once the text is saved or discarded. False (from
 * freed) if an edit or kept text is in the way. */
bool edit_restore(struct app *a, size_t p, const char *field, const char *text, uint64_t base,
                  bool line, char *from);
/* X: drop the kept text, with a message. */
void edit_discard(struct app *a);
/* What would be lost by quitting now (an open line edit, kept E text), as
 * "unsaved text for notes of 7.4" into buf; false if nothing. */
bool edit_unsaved(const struct app *a, char *buf, size_t size);
/* u / C-r: undo or redo the user's last change, with a message. */
void edit_undo_redo(struct app *a, bool redo);
/* Undo the caller's change #seq alone (the history view's u): refused,
 * with who and why, if that field changed since (store_undo_seq). */
void edit_undo_entry(struct app *a, uint64_t seq);

#endif
