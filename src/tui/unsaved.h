/* unsaved.h - what the user typed and has not saved, across sessions.
 *
 * When a signal (SIGHUP from a dropped link, SIGTERM, SIGINT) or a lost
 * terminal ends the workbench, the text of an open line edit and the text
 * kept after E could not save it are written to recovery files
 * (recover.h), by the main loop after it ended (the handler only sets a
 * flag). The next start of the workbench on the same store offers each
 * file in turn: restore it into the editor, discard it, or decide later;
 * nothing is dropped without the user's choice. */
#ifndef PRMWB_TUI_UNSAVED_H
#define PRMWB_TUI_UNSAVED_H

#include <stddef.h>

struct app;

/* At start-up: read the recovery files of this store (a->store_key) into
 * a->recov; a refused file or directory, or a read-only store, is said in
 * the message. */
void unsaved_load(struct app *a);
/* When the user is free (no edit, no kept text, no question, no message
 * left to read), ask about the next recovery file (PROMPT_RECOVER). */
void unsaved_offer(struct app *a);
/* A key while PROMPT_RECOVER waits: r restores, d discards, Esc: later. */
void unsaved_prompt_key(struct app *a, int key);

/* The workbench ends by a signal or a lost terminal (why: "SIGHUP",
 * "the terminal was lost"): write the recovery files. Returns the lines
 * to show on stderr once the terminal is restored (each malloc'd, and the
 * array; the caller frees), their count in *n. */
char **unsaved_save(struct app *a, const char *why, size_t *n);
/* The user quit over unsaved text knowingly (q twice): the recovery files
 * that text came from go too. */
void unsaved_quit(struct app *a);

#endif
