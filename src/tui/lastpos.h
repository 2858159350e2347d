/* lastpos.h - the process a user last looked at in the workbench, per
 * store: kept outside the store (it is nobody else's business and must
 * not be a history entry), in the user's state directory (recover_dir(),
 * $XDG_STATE_HOME/prmwb), one small private file per store, so that the
 * next start reopens where the user left. No curses.
 *
 * File: "last-" and 16 hex digits of a hash of the store key
 * (recover_store_key), mode 0600 in a directory of mode 0700, written
 * whole or not at all (recover_put_file):
 *
 *     prmwb-last 1
 *     store /srv/isms/prmwb
 *     process 7.4
 *
 * Values escaped as in recovery files ("\\" for a backslash, "\xNN" for a
 * control byte). A missing, unreadable, refused (a link, another user's,
 * open to others) or garbled file, or one naming another store (a hash
 * collision), is as if there were none: the workbench starts at the
 * top, as on a first start. */
#ifndef PRMWB_TUI_LASTPOS_H
#define PRMWB_TUI_LASTPOS_H

#include <stdbool.h>

/* The largest file read (a store path and an id are far smaller). */
#define LASTPOS_MAX_BYTES 16384

/* The file's name in dir for store (a recover_store_key). Malloc'd. */
char *lastpos_path(const char *dir, const char *store);
/* The id last looked at in store, or NULL if none is known (see above).
 * Malloc'd, the caller frees. */
char *lastpos_read(const char *dir, const char *store);
/* Remember id for store: dir is created (0700) if missing. False with a
 * malloc'd *err if the directory is refused or the file cannot be written. */
bool lastpos_write(const char *dir, const char *store, const char *id, char **err);

#endif
