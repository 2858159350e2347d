/* main.c - global options and command dispatch. */
#include "config.h"

#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fatal.h"
#include "record.h"
#include "text.h"

static const char usage_text[] =
"Usage: prmwb [OPTION]... [COMMAND [ARG]...]\n"
"Process reference model workbench: read an ISMS process reference model\n"
"(ISO/IEC TS 27022 by default) and keep a record per process.\n"
"\n"
"Without a command, opens the workbench (full-screen, ncurses; press ? there\n"
"for its keys; P there shows the profile, each cell rated with one key).\n"
"\n"
"Look-up commands:\n"
"  list [--category C]     one process a line (id, name; parent), grouped by category\n"
"  show ID                 everything the model says about a process\n"
"  search WORD...          processes matching all words, best first\n"
"  check FILE...           validate model files (RELAX NG schema, semantic checks)\n"
"\n"
"Record commands:\n"
"  set [--allow-empty] ID FIELD VALUE\n"
"                          set a field of a process record; VALUE '-' reads stdin\n"
"                          (empty stdin is refused unless --allow-empty; '' clears)\n"
"  set ID,ID... | --category C | --all  FIELD VALUE\n"
"                          set it in many processes as one change set\n"
"  get [--as-of REF] ID [FIELD]\n"
"                          print a record, or one field's raw value\n"
"  undo [--partial | N]    revert your most recent change set not yet undone\n"
"                          (--partial: the fields nobody changed since), or your\n"
"                          change number N (as log shows it: 12 or '#12')\n"
"  redo [--partial]        re-apply what you undid last\n"
"  log [ID] [--limit N]    history of changes, newest first, change sets grouped\n"
"  status [--as-of REF]    counts of processes by status, orphans, store path,\n"
"                          size and UUID\n"
"  baseline create NAME [--note TEXT] | baseline list\n"
"                          name the current point of the history (never deleted)\n"
"  verify                  check the store for damage (exit 0 sound, 2 damaged);\n"
"                          back it up with mdb_copy -c (prmwb(1), BACKUP)\n"
"\n"
"Assessment commands:\n"
"  profile [--as-of REF]   capability profile: per process the nine PA ratings,\n"
"                          level, target and gap (tab-separated when piped)\n"
"  diff REF [REF2]         every field that differs between two points of the\n"
"                          history (REF2: now), level changes first; piped:\n"
"                          ID<TAB>FIELD<TAB>OLD<TAB>NEW, level as field 'level',\n"
"                          values escaped \\\\ \\t \\n \\r \\xHH; exit 0 whether\n"
"                          or not anything differs\n"
"\n"
"Exchange commands (prmwb-records(5)):\n"
"  export [--format F] [--as-of REF] [--history] [--portable]\n"
"         [-o FILE [--force]] [ID...]\n"
"                          records (F: xml (default), json), a report (csv,\n"
"                          markdown, html) or OSCAL (oscal-catalog, oscal-ar);\n"
"                          the same store gives the same bytes; -o writes\n"
"                          atomically, an existing FILE only with --force\n"
"  import [--dry-run] [--on-conflict fail|keep-store|take-file] FILE\n"
"                          merge an xml/json export field by field (skip and\n"
"                          theirs mean keep-store and take-file); one change set\n"
"  import --restore [--dry-run] FILE\n"
"                          restore a --history export into an empty store\n"
"\n"
"REF (--as-of, for get, status, profile and export; diff's REFs): a baseline\n"
"  name, a history number (123 or '#123'), or a UTC date or time\n"
"  YYYY-MM-DD[THH:MM[:SS]Z] (a bare date: the end of that day).\n"
"\n";

/* After usage_text: the fields (from record.h's table), then this. */
static const char usage_tail[] =
"  A value is UTF-8 text of at most 64 KiB (65536 bytes). A rating is N (0-15 %),\n"
"  P (>15-50 %), L (>50-85 %) or F (>85-100 %), refined as P-, P+, L-, L+.\n"
"\n"
"Options:\n"
"  -m, --model FILE        load this model instead of the embedded default\n"
"  -d, --db DIR            use this store directory\n"
"  -r, --read-only         open the store read-only (no writer lock)\n"
"      --force-model       use a store that belongs to another model\n"
"  -h, --help              display this help and exit\n"
"  -V, --version           output version information and exit\n"
"\n"
"Environment: PRMWB_MODEL (model file), PRMWB_DB (store directory),\n"
"  XDG_DATA_HOME (default store is $XDG_DATA_HOME/prmwb or ~/.local/share/prmwb),\n"
"  VISUAL / EDITOR (multi-line fields in the workbench), NO_COLOR,\n"
"  XDG_STATE_HOME (unsaved workbench text after a signal is kept in\n"
"  $XDG_STATE_HOME/prmwb or ~/.local/state/prmwb).\n"
"\n"
"Exit status: 0 ok, 1 not found or refused, 2 usage error or bad input.\n"
"See prmwb(1), prmwb-model(5) and prmwb-records(5).\n";

/* "  name            help: a|b|c" for each field of the table, wrapped to
 * 79 columns under the help's column. */
static void usage_fields(void)
{
	enum { COL = 18, WIDTH = 79 };

	fputs("Fields (prmwb(1), RECORD COMMANDS, says more):\n", stdout);
	for (size_t i = 0; i < record_n_fields; i++) {
		const struct field_def *fd = &record_fields[i];
		struct text_lines l = { 0 };
		char *text, *choices = NULL;

		if (fd->choices && fd->cap_level == 0 && !fd->numbered) {
			size_t n = 0;

			for (size_t k = 0; fd->choices[k]; k++)
				n += strlen(fd->choices[k]) + 1;
			choices = calloc(1, n + 1);
			for (size_t k = 0; choices && fd->choices[k]; k++) {
				if (k)
					strcat(choices, "|");
				strcat(choices, fd->choices[k]);
			}
		}
		text = text_printf("%s%s%s%s", fd->help, choices ? ": " : "",
		                   choices ? choices : "",
		                   fd->kind == FIELD_DERIVED ? " (read-only)" :
		                   fd->kind == FIELD_LINE ? " (one line)" :
		                   fd->kind == FIELD_TEXT ? " (multi-line)" :
		                   fd->kind == FIELD_LIST ? ", one a line" :
		                   fd->cap_level || fd->numbered ? ": a rating" : "");
		if (text && text_wrap(text, WIDTH - COL, &l)) {
			for (size_t k = 0; k < l.n; k++)
				printf("  %-*s%s\n", COL - 2, k ? "" : record_field_syntax(fd), l.line[k]);
		}
		text_lines_free(&l);
		free(text);
		free(choices);
	}
}

static void usage_hint(void)
{
	fputs("Try 'prmwb --help' for more information.\n", stderr);
}

struct command {
	const char *name;
	int (*fn)(struct cli *, int, char **);
};

/* The commands that read as of a point of the history (--as-of REF). */
static const char *const as_of_commands[] = { "get", "status", "profile", "export" };

static bool takes_as_of(const char *name)
{
	for (size_t i = 0; i < sizeof as_of_commands / sizeof as_of_commands[0]; i++)
		if (strcmp(name, as_of_commands[i]) == 0)
			return true;
	return false;
}

static const struct command commands[] = {
	{ "list", cmd_list },
	{ "show", cmd_show },
	{ "search", cmd_search },
	{ "check", cmd_check },
	{ "set", cmd_set },
	{ "get", cmd_get },
	{ "undo", cmd_undo },
	{ "redo", cmd_redo },
	{ "log", cmd_log },
	{ "status", cmd_status },
	{ "verify", cmd_verify },
	{ "profile", cmd_profile },
	{ "diff", cmd_diff },
	{ "baseline", cmd_baseline },
	{ "export", cmd_export },
	{ "import", cmd_import },
	{ "tui", cmd_tui },
};

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "model", required_argument, NULL, 'm' },
		{ "db", required_argument, NULL, 'd' },
		{ "read-only", no_argument, NULL, 'r' },
		{ "force-model", no_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct cli c = { 0 };
	int opt, rc;

	fatal_init();
	setlocale(LC_ALL, "");
	opterr = 0; /* our own messages, named "prmwb" whatever argv[0] is */
	/* '+': stop at the command name; its options are its own. */
	while ((opt = getopt_long(argc, argv, "+:m:d:rhV", opts, NULL)) != -1) {
		switch (opt) {
		case 'm': c.model_path = optarg; break;
		case 'd': c.db_path = optarg; break;
		case 'r': c.read_only = true; break;
		case 'F': c.force_model = true; break;
		case 'h':
			fputs(usage_text, stdout);
			usage_fields();
			fputs(usage_tail, stdout);
			return fflush(stdout) == 0 ? EXIT_OK : EXIT_USAGE;
		case 'V':
			printf("prmwb %s\n"
			       "Copyright (c) 2026 the prmwb authors. License: MIT.\n"
			       "This is free software: you are free to change and redistribute it.\n",
			       PACKAGE_VERSION);
			return EXIT_OK;
		case ':':
			cli_error("option '%s' needs an argument", argv[optind - 1]);
			usage_hint();
			return EXIT_USAGE;
		default:
			if (optopt)
				cli_error("unknown option '-%c'", optopt);
			else
				cli_error("unknown option '%s'", argv[optind - 1]);
			usage_hint();
			return EXIT_USAGE;
		}
	}
	argc -= optind;
	argv += optind;
	if ((c.model_path && !*c.model_path) || (c.db_path && !*c.db_path)) {
		cli_error("--model and --db need a non-empty path");
		return EXIT_USAGE;
	}

	if (argc == 0) {
		static char *tui_argv[] = { "tui", NULL };
		rc = cmd_tui(&c, 1, tui_argv);
	} else {
		const struct command *cmd = NULL;

		for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
			if (strcmp(argv[0], commands[i].name) == 0)
				cmd = &commands[i];
		if (!cmd) {
			cli_error("unknown command '%s'", argv[0]);
			usage_hint();
			return EXIT_USAGE;
		}
		if (!takes_as_of(cmd->name) && cli_has_as_of(argc, argv)) {
			cli_error("--as-of: '%s' does not read as of a point of the history (get, "
			          "status, profile and export do; diff takes two REFs; changes are "
			          "always made now)", argv[0]);
			return EXIT_USAGE;
		}
		optind = 0; /* GNU getopt: reinitialise for the command's options */
		rc = cmd->fn(&c, argc, argv);
	}
	cli_done(&c);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("write error on standard output");
		rc = rc ? rc : EXIT_USAGE;
	}
	return rc;
}
