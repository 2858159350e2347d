/* cli.h - the look-up and record commands of the command line.
 *
 * Each command gets the global options already parsed into struct cli and
 * its own argv (argv[0] is the command name); it returns an exit code:
 * 0 ok, 1 not found / refused, 2 usage or bad input. */
#ifndef PRMWB_CLI_H
#define PRMWB_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct prm_model;
struct prm_category;
struct store;

enum { EXIT_OK = 0, EXIT_NOTFOUND = 1, EXIT_USAGE = 2 };

struct cli {
	const char *model_path;     /* --model, NULL: $PRMWB_MODEL or embedded */
	const char *db_path;        /* --db, NULL: store_default_path() */
	bool read_only;             /* --read-only */
	bool force_model;           /* --force-model */
	struct prm_model *model;    /* loaded on demand by cli_model() */
	struct store *store;        /* opened on demand by cli_store() */
};

/* Load the chosen model once (printing errors to stderr); NULL on failure. */
struct prm_model *cli_model(struct cli *c);
/* Open the store once; write=true creates it if missing. On failure prints
 * the error and returns NULL with *rc set to the exit code to use. */
struct store *cli_store(struct cli *c, bool write, int *rc);
/* cli_store() for a change (creating a missing store): refused (NULL,
 * *rc exit 1) with "PATH: the store is opened read-only (--read-only);
 * NOTHING" before anything is opened, or "PATH: the store is open
 * read-only; NOTHING" when it cannot be written. nothing says what did not
 * happen ("nothing was changed"). */
struct store *cli_write_store(struct cli *c, const char *nothing, int *rc);
void cli_done(struct cli *c);
/* Open the store for reading. A store that does not exist yet reads as an
 * empty one: then NULL is returned with *absent set to its path (caller
 * frees) and nothing is created. On a real failure NULL with *absent NULL
 * and *rc set, the error printed. */
struct store *cli_read_store(struct cli *c, int *rc, char **absent);
/* A store call on st failed with src while doing what: print why (the
 * store's reason; damage says to run verify) and return the exit code:
 * 2 for damage, else 1. */
int cli_store_failed(struct store *st, int src, const char *what);
/* text_escape() flags for standard output: TEXT_ASCII outside UTF-8. */
unsigned cli_esc_flags(void);

/* Model look-ups (cli_model.c). */
int cmd_list(struct cli *c, int argc, char **argv);
int cmd_show(struct cli *c, int argc, char **argv);
int cmd_search(struct cli *c, int argc, char **argv);
int cmd_check(struct cli *c, int argc, char **argv);
/* The category with this id or name (any case), NULL if none; and the
 * message for none ("CMD: no category ...; categories: ..."). */
const struct prm_category *cli_find_category(const struct prm_model *m, const char *want);
void cli_unknown_category(const struct prm_model *m, const char *cmd, const char *want);

/* Records (cli_store.c). */
int cmd_set(struct cli *c, int argc, char **argv);
int cmd_get(struct cli *c, int argc, char **argv);
int cmd_undo(struct cli *c, int argc, char **argv);
int cmd_redo(struct cli *c, int argc, char **argv);
int cmd_log(struct cli *c, int argc, char **argv);
int cmd_status(struct cli *c, int argc, char **argv);
int cmd_verify(struct cli *c, int argc, char **argv);
int cmd_baseline(struct cli *c, int argc, char **argv);

/* --as-of REF, accepted anywhere after the command name by the commands
 * that read as of a point of the history: removes it from argv (argc
 * updated) into *ref (pointing into argv; NULL if absent). False, with the
 * message given, if REF is missing or given twice. */
bool cli_take_as_of(int *argc, char **argv, const char **ref);
/* Whether argv (a command's, before any "--") holds --as-of. */
bool cli_has_as_of(int argc, char **argv);
/* Resolve REF in st (NULL: no store yet) to a history seq, as
 * store_resolve_ref(); on failure prints why and returns the exit code
 * (2 not a REF, 1 no such baseline or entry), else EXIT_OK. */
int cli_resolve_as_of(struct cli *c, struct store *st, const char *ref, uint64_t *seq);
/* The same for a REF given otherwise (diff's): messages start with what
 * ("diff") instead of "--as-of". */
int cli_resolve_ref(struct cli *c, struct store *st, const char *what, const char *ref,
                    uint64_t *seq);

/* Assessment (cli_assess.c). */
int cmd_profile(struct cli *c, int argc, char **argv);
int cmd_diff(struct cli *c, int argc, char **argv);

/* Exchange (cli_exchange.c). */
int cmd_export(struct cli *c, int argc, char **argv);
int cmd_import(struct cli *c, int argc, char **argv);

/* The workbench (tui/app.c). */
int cmd_tui(struct cli *c, int argc, char **argv);

/* Print an error "prmwb: ..." to stderr, escaped. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Terminal width for wrapping stdout: columns of the tty, or 0 if stdout
 * is not a terminal (then output is not wrapped). */
int cli_width(void);

#endif
