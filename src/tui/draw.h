/* draw.h - the screen's layout and the pieces views share: the message
 * lines at the bottom and the line editor on a row. Each view draws
 * itself (view.h); this draws the screen for the top view, or says that
 * the terminal is too small. Reads the state, draws through screen.h. */
#ifndef PRMWB_TUI_DRAW_H
#define PRMWB_TUI_DRAW_H

#include <stdbool.h>

#include "tui/screen.h"

struct app;

/* The terminal's size (a->rows, a->cols, a->too_small); every view lays
 * itself out for it. */
void draw_layout(struct app *a);
/* Draw the whole screen for the top view and refresh the terminal. */
void draw_screen(struct app *a);
/* A message at the bottom of the screen, wrapped so it can be read whole
 * (what is above moves up); a message longer than the bottom may take
 * ends in a cut marker. Returns the lines used (>= 1); with draw false it
 * only counts them. */
int draw_message(struct app *a, const char *msg, enum scr_attr at, bool draw);
/* The line editor a->le on row y after prompt (escaped). The prompt takes
 * at most half the width and always ends in its ": "; text scrolled out on
 * the left is marked. Places the terminal cursor. */
void draw_editor(struct app *a, int y, const char *prompt);

#endif
