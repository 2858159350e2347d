/* find.h - the workbench's incremental search: the next process (in model
 * order, wrapping) whose id, name, purpose or record text contains the
 * needle, case-insensitively. No curses. */
#ifndef PRMWB_TUI_FIND_H
#define PRMWB_TUI_FIND_H

#include <stdbool.h>
#include <stddef.h>

struct prm_model;

/* Does process p match? rec_text (may be NULL) holds per process the text
 * of its record (all values joined), or NULL entries. */
bool find_match(const struct prm_model *m, char *const *rec_text, size_t p,
                const char *needle);

/* First match starting at from (included if include_from) going dir
 * (+1/-1), wrapping around; *wrapped (if not NULL) says whether it wrapped.
 * Returns the process index or (size_t)-1 if nothing matches. */
size_t find_process(const struct prm_model *m, char *const *rec_text,
                    const char *needle, size_t from, int dir, bool include_from,
                    bool *wrapped);

#endif
