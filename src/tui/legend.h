/* legend.h - what the tree's one-letter marks mean, made from record.h's
 * status list (so it cannot drift from the marks drawn): for the help
 * screen and the status line. No curses. */
#ifndef PRMWB_TUI_LEGEND_H
#define PRMWB_TUI_LEGEND_H

#include <stddef.h>

/* The status value a mark stands for ("planned"; "no status" for '-'),
 * or NULL if it is not a status mark. */
const char *legend_status(char mark);
/* "[p] planned" for a tree mark (record_status_mark), into buf. */
void legend_mark_line(char mark, char *buf, size_t size);
/* Help lines: a heading, then "[m]  meaning" for each status mark and the
 * tailoring mark "*" after an id; keycol as keys_help_lines. Caller frees
 * each and the array. */
char **legend_help_lines(int keycol, size_t *n);

#endif
