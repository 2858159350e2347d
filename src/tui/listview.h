/* listview.h - the full-screen list views of the workbench: the key help
 * (from the key table) and the history of a process or of the whole store
 * (newest first). The lines live in struct app (list, n_list), owned by
 * it; these functions fill, scroll, draw and free them. */
#ifndef PRMWB_TUI_LISTVIEW_H
#define PRMWB_TUI_LISTVIEW_H

#include <stdbool.h>

struct app;

/* Show the key help (MODE_HELP). */
void list_open_help(struct app *a);
/* Show the history (MODE_HISTORY): of the process looked at, or of the
 * whole store if all or no process is selected. */
void list_open_history(struct app *a, bool all);
/* A key in a list view: scroll, L toggles process/store, q/Esc back. */
void list_key(struct app *a, int key);
/* Draw the list with its title on top and hints at the bottom. */
void list_draw(struct app *a, const char *hints);
/* Free the lines (safe when none). */
void list_free(struct app *a);

/* In the history view: re-read it (another process committed), keeping
 * the scroll on the same entries. Elsewhere nothing. */
void list_refresh_history(struct app *a);

#endif
