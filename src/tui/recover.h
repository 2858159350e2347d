/* recover.h - recovery files: text a user typed in the workbench and had
 * not saved when a signal ended it (SIGHUP from a dropped link, SIGTERM,
 * SIGINT), kept on disk so that the next start of the workbench on the same
 * store offers it. Plain files: no curses, no store.
 *
 * Where: recover_dir(), a directory of mode 0700 owned by the user. Each
 * file has mode 0600 and is written whole or not at all (a temporary name,
 * fsync, rename, fsync of the directory). Files are named
 * "recover-YYYYMMDDTHHMMSSZ-PID-N", so their names sort oldest first.
 *
 * Format, version 1: header lines "KEY VALUE" (values escaped: "\\" for a
 * backslash, "\n" for a line break, "\xNN" for any other control byte),
 * one empty line, then exactly `length` bytes of text:
 *
 *     prmwb-recovery 1
 *     store /srv/isms/prmwb
 *     model iso27022
 *     process 7.4
 *     field notes
 *     base 12
 *     editor external
 *     pid 4242
 *     time 1767225600
 *     user alice
 *     reason ended by SIGHUP while $EDITOR ran
 *     length 11
 *
 *     Typed text.
 *
 * Required: store (absolute), model, process, field (a record field), base
 * (the field's revision the text was based on; 0: never set), editor
 * ("line": the one-line editor, "external": $EDITOR), length. Unknown or
 * repeated keys, a bad number, a length that does not match the bytes
 * that follow, a NUL byte in the text: the file is refused, never guessed. */
#ifndef PRMWB_TUI_RECOVER_H
#define PRMWB_TUI_RECOVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Largest text a recovery file may hold (reading; writing any size). */
#define RECOVER_MAX_TEXT (16u * 1024u * 1024u)

enum recover_editor { RECOVER_LINE, RECOVER_EXTERNAL };

struct recovery {
	char *store;        /* the store, as recover_store_key() gives it */
	char *model;        /* model id */
	char *process;      /* process id */
	char *field;        /* "owner", "notes", "outcome.2", ... */
	uint64_t base;      /* revision of the field the text was based on */
	enum recover_editor editor;
	long pid;           /* the process that wrote it (0: unknown) */
	int64_t time;       /* when, UTC seconds (0: unknown) */
	char *user;         /* who ("" if unknown) */
	char *reason;       /* why it was kept ("" if unknown) */
	char *text;         /* len bytes, NUL-terminated, no NUL inside */
	size_t len;
	char *path;         /* file read or written; NULL before */
};

/* The directory: $XDG_STATE_HOME/prmwb (an absolute XDG_STATE_HOME), else
 * $HOME/.local/state/prmwb (HOME unset: the password entry's). Malloc'd,
 * the caller frees; NULL if there is no home directory. Creates nothing. */
char *recover_dir(void);

/* The store path as recovery files name it: absolute, with symbolic links
 * resolved where it exists, so "--db db" and "--db $PWD/db" match.
 * Malloc'd, the caller frees; NULL on out-of-memory. */
char *recover_store_key(const char *db_path);

/* The file's bytes for r (header and text); *len gets their count.
 * Malloc'd, the caller frees; NULL on out-of-memory. */
char *recover_format(const struct recovery *r, size_t *len);

/* Parse a file's bytes into *out (zeroed first; free with recover_free,
 * also after a failure). On failure *err gets a malloc'd message naming
 * the line and what was expected (caller frees). */
bool recover_parse(const char *buf, size_t len, struct recovery *out, char **err);

/* Write r as a new file in dir, creating dir (and its missing parents)
 * with mode 0700. Refuses a dir that is a symbolic link, not a directory,
 * not the user's, or open to others. On success r->path is set (malloc'd,
 * freed by recover_free). On failure *err gets a malloc'd message. */
bool recover_write(const char *dir, struct recovery *r, char **err);

/* Read one file: it must be a regular file (not a link), the user's, mode
 * without group/other bits, at most RECOVER_MAX_TEXT plus its header.
 * out->path is set. On failure *err gets a malloc'd message. */
bool recover_read(const char *path, struct recovery *out, char **err);

/* The recoveries in dir for store (a recover_store_key), oldest first:
 * *out (an array of *n; free with recover_list_free). A missing dir is
 * none. Files that cannot be read or are refused are skipped and counted
 * in *n_refused, the first one's message in *refused (malloc'd, or NULL;
 * caller frees). Returns false, with *err, if dir itself is refused (a
 * link, not the user's, open to others) or cannot be read. */
bool recover_list(const char *dir, const char *store, struct recovery **out, size_t *n,
                  size_t *n_refused, char **refused, char **err);
void recover_list_free(struct recovery *v, size_t n);

/* The state directory's plain helpers, for recovery files and the last
 * position (lastpos.h) alike. */
/* dir is a private directory of the user's (not a link, mode without
 * group/other bits); with create, made first (mode 0700, parents too).
 * False with a malloc'd *err naming what is wrong. */
bool recover_private_dir(const char *dir, bool create, char **err);
/* Write dir/name (mode 0600) whole or not at all: a temporary name,
 * fsync, rename, fsync of the directory. False with a malloc'd *err. */
bool recover_put_file(const char *dir, const char *name, const char *data, size_t len,
                      char **err);
/* The bytes of path (NUL-terminated, *len of them) if it is a regular
 * file of the user's, mode without group/other bits, at most max bytes;
 * what ("recovery file") names the kind in messages. NULL with a
 * malloc'd *err otherwise. Caller frees. */
char *recover_slurp(const char *path, const char *what, size_t max, size_t *len, char **err);

/* Delete the file r was read from or written to. False (errno set) if it
 * could not be removed; a file already gone counts as removed. */
bool recover_remove(const struct recovery *r);

/* Free what r holds (not r itself) and zero it. */
void recover_free(struct recovery *r);

#endif
