/* detail.h - the right pane's lines for one process and its record: the
 * model's text (purpose, outcomes, activities, ...), relations one can
 * follow, and the record's fields one can edit. No curses: lines are
 * escaped (safe for a terminal) and wrapped to the pane's width here, and
 * the screen code only draws them.
 *
 * The detail owns its lines; it borrows nothing after detail_build(). */
#ifndef PRMWB_TUI_DETAIL_H
#define PRMWB_TUI_DETAIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct prm_model;
struct record;

enum dl_kind {
	DL_BLANK, DL_TITLE, DL_HEADING, DL_TEXT,
	DL_RELATION,        /* selectable: target is a process index */
	DL_OUTCOME,         /* selectable: field is "outcome.N" */
	DL_FIELD,           /* selectable: field is a record field name */
	DL_META,            /* last change line */
};

struct dline {
	enum dl_kind kind;
	char *text;         /* owned, escaped, fits the width */
	int label;          /* columns at the start that are a label (drawn dim) */
	size_t target;      /* DL_RELATION: process index, else (size_t)-1 */
	char field[32];     /* DL_OUTCOME / DL_FIELD: field name */
	size_t head;        /* first line of the entry this line belongs to: its
	                     * own index, or (a wrapped value's further lines)
	                     * the index of the line they continue */
};

struct detail {
	struct dline *lines;
	size_t n, cap;
	size_t cursor;      /* the first line of the selected entry (a
	                     * selectable line and the lines that continue it),
	                     * or (size_t)-1 if none */
	size_t top;
	int height;
	int width;          /* columns the lines were built for */
	size_t process;     /* what was built, (size_t)-1 for none */
	bool orphan;        /* an orphan record was built (process is (size_t)-1) */
	bool read_only;     /* set by the caller before building: the record's
	                     * heading then offers no editing keys */
	char orphan_id[64]; /* and its process id, for keeping the cursor */
};

/* Text flags for text_escape: TEXT_ASCII in a non-UTF-8 locale. */
void detail_init(struct detail *d);
void detail_free(struct detail *d);

/* (Re)build the lines for process p with record rec (NULL: no record) at
 * width columns. If p is the process already shown, the cursor is kept (by
 * field/target) and so is the scroll, unless the width changed: then the
 * old scroll means other lines, and the view shows the top or, if the
 * cursor is further down, scrolls just enough to show it. Otherwise cursor
 * and scroll go to the top. Returns false on out-of-memory. */
bool detail_build(struct detail *d, const struct prm_model *m, size_t p,
                  const struct record *rec, int width, unsigned esc_flags);

/* (Re)build the lines for an orphan record: the record of a process id
 * that model (m->id) lacks, with a line saying so and its fields, all
 * read-only (nothing is selectable). Returns false on out-of-memory. */
bool detail_build_orphan(struct detail *d, const struct prm_model *m, const char *id,
                         const struct record *rec, int width, unsigned esc_flags);

/* Moving keeps the selection in sight: after any of these the selected
 * entry has a line in view, or nothing is selected (no selectable line is
 * in view). Every line can be reached: j/k go to the next selectable entry
 * within reach (in view or the line just past it), else scroll one line,
 * through a long value too; PgDn/PgUp move a page.
 *
 * A new height re-places the view as a new width does (see detail_build):
 * from the top, scrolled only as far as the cursor's line needs. */
void detail_set_height(struct detail *d, int height);
/* Rows shown now (the bottom may hold a longer message): the view keeps
 * its scroll and moves only as far as the selected entry needs to keep a
 * line in view. */
void detail_fit_view(struct detail *d, int height);
/* j/k: to the next selectable entry in reach in that direction, else
 * scroll one line. */
void detail_move(struct detail *d, int dir);
/* PgDn/PgUp: a page; at the end (start) the selection goes to the last
 * (first) entry in view. */
void detail_page(struct detail *d, int dir);
/* g/G: the top (end) of the pane, the first (last) entry in view selected. */
void detail_first(struct detail *d);
void detail_last(struct detail *d);
/* Cursor to the line of this field ("owner", "outcome.2"). */
bool detail_select_field(struct detail *d, const char *field);

const struct dline *detail_current(const struct detail *d);

/* A store time (UTC seconds) as the workbench shows it: in UTC whatever
 * TZ says, as the history is kept, marked Z like the CLI's ISO times:
 * "2026-11-27 17:19Z"; "-" if unknown. Writes at most size bytes. */
void detail_format_time(int64_t t, char *buf, size_t size);

/* Label shown for a record field ("Owner", "Review date"). */
const char *detail_field_label(const char *field);

#endif
