/* draw.h - the workbench's layout and drawing: pane widths from the
 * terminal's size, the tree, the detail, the status and hint lines, the
 * line editor, and (through listview.h) the help and history views. Reads
 * the state, draws through screen.h; changes nothing but the layout fields
 * of struct app (and the list's scroll bound). */
#ifndef PRMWB_TUI_DRAW_H
#define PRMWB_TUI_DRAW_H

struct app;

/* Widths of the longest tree line and of the ids: call once after the
 * model is loaded (they bound the tree pane's width). */
void draw_measure_tree(struct app *a);
/* Pane sizes from the terminal's size; rebuilds the detail at its width. */
void draw_layout(struct app *a);
/* Draw the whole screen for the current mode and refresh the terminal. */
void draw_screen(struct app *a);

#endif
