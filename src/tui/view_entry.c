/* view_entry.c - one history entry shown whole (Enter in the history):
 * its head, then the value before and after, every line of them, escaped
 * with their line breaks, wrapped to the width and scrollable. Read again
 * from the store: the history's lines hold the values cut. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "text.h"
#include "tui/app_int.h"
#include "tui/keys.h"
#include "tui/listview.h"
#include "tui/screen.h"
#include "tui/view.h"

struct entry {
	char *text;             /* escaped, line breaks kept; value lines after a tab */
	size_t top;             /* its first row on screen */
};

struct find_entry { struct app *a; uint64_t seq; char *text; bool oom; };

/* v escaped with its line breaks, each line after a tab. */
static char *value_lines(const struct app *a, const char *v)
{
	char *e = text_escape(v, (size_t)-1, a->esc | TEXT_KEEP_NEWLINES), *out, *o;
	size_t lines = 1;

	if (!e)
		return NULL;
	if (!e[0]) {
		free(e);
		return strdup("\t(empty)");
	}
	for (const char *p = e; *p; p++)
		lines += *p == '\n';
	out = o = malloc(strlen(e) + lines + 1);
	if (out) {
		*o++ = '\t';
		for (const char *p = e; *p; p++) {
			*o++ = *p;
			if (*p == '\n')
				*o++ = '\t';
		}
		*o = '\0';
	}
	free(e);
	return out;
}

/* The entry whole: its head, then the value before and after. */
static bool whole_entry(const struct hist_entry *e, void *arg)
{
	struct find_entry *f = arg;
	char *head, *old_v, *new_v;

	if (e->seq > f->seq)
		return true;
	if (e->seq < f->seq)
		return false;           /* newest first: it is not there */
	head = history_entry_head(f->a, e);
	old_v = value_lines(f->a, e->old_value);
	new_v = value_lines(f->a, e->new_value);
	f->text = head && old_v && new_v ?
	          text_printf("%s\n\nBefore:\n%s\n\nAfter:\n%s", head, old_v, new_v) : NULL;
	f->oom = !f->text;
	free(head);
	free(old_v);
	free(new_v);
	return false;
}

/* arg: the entry's sequence number (uint64_t *). */
static bool entry_open(struct app *a, struct view *view, void *arg)
{
	struct find_entry f = { a, *(const uint64_t *)arg, NULL, false };
	struct entry *en;

	if (!a->st || !app_store_ok(a, store_log(a->st, NULL, 0, whole_entry, &f)) || !f.text) {
		free(f.text);
		app_message(a, true, f.oom ? "out of memory" : "history entry #%llu cannot be read",
		            (unsigned long long)f.seq);
		return false;
	}
	en = calloc(1, sizeof *en);
	if (!en) {
		free(f.text);
		app_message(a, true, "out of memory");
		return false;
	}
	en->text = f.text;
	view->state = en;
	return true;
}

static void entry_close(struct app *a, struct view *view)
{
	struct entry *en = view->state;

	(void)a;
	free(en->text);
	free(en);
	view->state = NULL;
}

/* Append row (owned; NULL: out of memory) to rows. */
static bool push_row(struct text_lines *rows, char *row)
{
	if (row && rows->n == rows->cap) {
		size_t cap = rows->cap ? rows->cap * 2 : 64;
		char **p = realloc(rows->line, cap * sizeof *p);

		if (!p) {
			free(row);
			return false;
		}
		rows->line = p;
		rows->cap = cap;
	}
	if (!row)
		return false;
	rows->line[rows->n++] = row;
	return true;
}

/* The rows of the entry at width columns: lines wrapped, value lines
 * indented by 2 and by their own indent. Appends to rows. */
static bool whole_rows(const struct entry *en, int width, struct text_lines *rows)
{
	char *copy = strdup(en->text);
	bool ok = copy != NULL;

	for (char *line = copy; ok && line;) {
		char *nl = strchr(line, '\n');
		bool value = line[0] == '\t';
		int lead = 0, indent;
		struct text_lines tl = { 0 };

		if (nl)
			*nl = '\0';
		if (value)
			line++;
		while (value && line[lead] == ' ')
			lead++;
		if (!line[lead])
			lead = 0;
		indent = value ? 2 + lead : 0;
		if (indent > width / 2)
			indent = width / 2;
		ok = text_wrap(line + lead, width - indent, &tl);
		for (size_t i = 0; ok && i < tl.n; i++)
			ok = push_row(rows, text_printf("%*s%s", indent, "", tl.line[i]));
		text_lines_free(&tl);
		line = nl ? nl + 1 : NULL;
	}
	free(copy);
	return ok;
}

/* Scroll; q, Esc, Enter, h: back to the history. */
static enum view_key_result entry_key(struct app *a, struct view *view, int key, enum request r)
{
	struct entry *en = view->state;
	struct text_lines rows = { 0 };
	size_t h = list_rows(a), max;

	a->msg[0] = '\0';
	if (key == TK_ESC || r == REQ_QUIT || r == REQ_ENTER || r == REQ_BACK)
		return VIEW_KEY_CLOSE;
	whole_rows(en, a->cols, &rows);
	max = rows.n > h ? rows.n - h : 0;
	text_lines_free(&rows);
	switch (r) {
	case REQ_MOVE_DOWN: en->top++; break;
	case REQ_MOVE_UP: if (en->top) en->top--; break;
	case REQ_PAGE_DOWN: en->top += h; break;
	case REQ_PAGE_UP: en->top = en->top > h ? en->top - h : 0; break;
	case REQ_FIRST: en->top = 0; break;
	case REQ_LAST: en->top = max; break;
	default: break;
	}
	if (en->top > max)
		en->top = max;
	return VIEW_KEY_DONE;
}

static const char *entry_title(struct app *a, struct view *view)
{
	struct view *below = view_below(a, view);

	return below && below->ops->title ? below->ops->title(a, below) : "";
}

static void entry_draw(struct app *a, struct view *view)
{
	struct entry *en = view->state;
	struct text_lines rows = { 0 };
	size_t h = list_rows(a), max;
	char hint[160];

	/* The history's title stays above (it counts what comes in). */
	list_draw_title(a, entry_title(a, view), "");
	if (!whole_rows(en, a->cols, &rows)) {
		text_lines_free(&rows);
		screen_put(1, 0, a->cols, "out of memory", SA_ERROR, true);
		return;
	}
	max = rows.n > h ? rows.n - h : 0;
	if (en->top > max)          /* after a resize */
		en->top = max;
	for (size_t y = 0; y < h && en->top + y < rows.n; y++)
		screen_put_cut((int)y + 1, 0, a->cols, rows.line[en->top + y], SA_NORMAL,
		               a->utf8 ? "…" : "~");
	if (rows.n > h)
		snprintf(hint, sizeof hint, "%zu-%zu/%zu  j/k/PgDn/PgUp  q/Esc/Enter: back",
		         en->top + 1, en->top + h, rows.n);
	else
		snprintf(hint, sizeof hint, "q/Esc/Enter: back to the history");
	screen_put(a->rows - 1, 0, a->cols, hint, SA_HINT, true);
	text_lines_free(&rows);
}


const struct view_ops view_entry_ops = {
	.name = "entry",
	.open = entry_open,
	.close = entry_close,
	.draw = entry_draw,
	.key = entry_key,
	.title = entry_title,
};
