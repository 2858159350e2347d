/* view_help.c - the help view (?, F1): every key of the main view and of
 * the line editor, made from their key tables, and what the tree's marks
 * mean (legend.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/app_int.h"
#include "tui/keys.h"
#include "tui/legend.h"
#include "tui/lineedit.h"
#include "tui/listview.h"
#include "tui/ratekeys.h"
#include "tui/view.h"

#define KEYCOL 20

/* Append the n lines of part (taken, freed) to v at *k; with blank,
 * after an empty line and heading (if not NULL). */
static void append(char **v, size_t *k, char **part, size_t n, bool blank, const char *heading)
{
	char *b = blank ? strdup("") : NULL, *h = blank && heading ? strdup(heading) : NULL;

	if (b)
		v[(*k)++] = b;
	if (h)
		v[(*k)++] = h;
	for (size_t i = 0; i < n; i++)
		v[(*k)++] = part[i];
	free(part);
}

static bool help_open(struct app *a, struct view *view, void *arg)
{
	struct listview *l = calloc(1, sizeof *l);
	size_t nm = 0, ne = 0, nl = 0, nr = 0, k = 0;
	char **main_keys = keys_help_lines(KEYCOL, &nm);
	char **ed_keys = le_help_lines(KEYCOL, &ne);
	char **legend = legend_help_lines(KEYCOL, &nl);
	char **rate_keys = rate_help_lines(KEYCOL, true, &nr);
	char **v = calloc(nm + ne + nl + nr + 10, sizeof *v);

	(void)arg;
	if (!l || !v) {
		for (size_t i = 0; i < nm; i++) free(main_keys[i]);
		for (size_t i = 0; i < ne; i++) free(ed_keys[i]);
		for (size_t i = 0; i < nl; i++) free(legend[i]);
		for (size_t i = 0; i < nr; i++) free(rate_keys[i]);
		free(rate_keys);
		free(main_keys);
		free(ed_keys);
		free(legend);
		free(l);
		free(v);
		app_message(a, true, "out of memory");
		return false;
	}
	append(v, &k, main_keys, nm, false, NULL);
	append(v, &k, ed_keys, ne, true, "In the editor (e) and the prompts (/ search, : go to):");
	append(v, &k, rate_keys, nr, true, "In the profile (P); the rating keys also after r in the detail pane:");
	append(v, &k, legend, nl, true, NULL);
	list_take(l, v, k);
	snprintf(l->title, sizeof l->title, " prmwb %s - keys", PACKAGE_VERSION);
	view->state = l;
	return true;
}

static void help_close(struct app *a, struct view *view)
{
	(void)a;
	list_free(view->state);
	free(view->state);
	view->state = NULL;
}

static void help_draw(struct app *a, struct view *view)
{
	struct listview *l = view->state;

	list_clamp(a, l);   /* after a resize */
	list_draw(a, l, "j/k, PgUp/PgDn: scroll  q/Esc/?: back");
}

static enum view_key_result help_key(struct app *a, struct view *view, int key, enum request r)
{
	if (key == TK_ESC || r == REQ_QUIT || r == REQ_HELP)
		return VIEW_KEY_CLOSE;
	list_move(a, view->state, r);
	return VIEW_KEY_DONE;
}

static const char *help_title(struct app *a, struct view *view)
{
	(void)a;
	return ((struct listview *)view->state)->title;
}

const struct view_ops view_help_ops = {
	.name = "help",
	.open_req = REQ_HELP,
	.open = help_open,
	.close = help_close,
	.draw = help_draw,
	.key = help_key,
	.title = help_title,
};
