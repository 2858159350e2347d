/* edit.h - changes to the store from the workbench: the one-line editor
 * session on the status row (MODE_EDIT), the $VISUAL/$EDITOR round trip,
 * undo and redo. Every commit is one store_set/undo/redo with the base
 * revision the user saw: a conflicting change by another process is
 * reported, never overwritten. */
#ifndef PRMWB_TUI_EDIT_H
#define PRMWB_TUI_EDIT_H

#include <stdbool.h>
#include <stddef.h>

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
 * Text that cannot be saved is kept (a->pending) with the reason; while it
 * is, E reopens the editor on it, whatever is selected. */
void edit_external(struct app *a);
/* X: drop the kept text, with a message. */
void edit_discard(struct app *a);
/* What would be lost by quitting now (an open line edit, kept E text), as
 * "unsaved text for notes of 7.4" into buf; false if nothing. */
bool edit_unsaved(const struct app *a, char *buf, size_t size);
/* u / C-r: undo or redo the user's last change, with a message. */
void edit_undo_redo(struct app *a, bool redo);

#endif
