/* cli_exchange.c - export and import on the command line.
 *
 * export writes the store's records (or the model) in one of the formats
 * of export.h to standard output or, atomically, to a file; import reads a
 * records file back (import.h). Both leave the work to their modules and
 * only parse options, print and choose the exit status. */
#include "config.h"
#include "cli.h"

#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "exchange.h"
#include "export.h"
#include "import.h"
#include "model.h"
#include "store.h"
#include "text.h"

static void export_usage(void)
{
	cli_error("usage: prmwb export [--format F] [--as-of REF] [--history] [--portable] "
	          "[-o FILE [--force]] [ID...]   (F: %s)", export_format_list());
}

int cmd_export(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "force", no_argument, NULL, 'F' },
		{ "history", no_argument, NULL, 'H' },
		{ "portable", no_argument, NULL, 'P' },
		{ NULL, 0, NULL, 0 },
	};
	struct export_opts o = { .format = EXPORT_XML, .as_of = STORE_NOW };
	struct export_result res;
	const char *out = NULL, *ref = NULL;
	bool force = false;
	struct prm_model *m;
	struct store *st;
	char *absent = NULL, *err = NULL;
	enum export_rc erc;
	int opt, rc = EXIT_USAGE, sde;

	if (!cli_take_as_of(&argc, argv, &ref))
		return EXIT_USAGE;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "+:f:o:", opts, NULL)) != -1) {
		switch (opt) {
		case 'f':
			if (!export_format_parse(optarg, &o.format)) {
				cli_error("export: unknown format '%s'; formats are: %s", optarg,
				          export_format_list());
				return EXIT_USAGE;
			}
			break;
		case 'o': out = optarg; break;
		case 'F': force = true; break;
		case 'H': o.history = true; break;
		case 'P': o.portable = true; break;
		case ':':
			cli_error("export: option '%s' needs an argument", argv[optind - 1]);
			export_usage();
			return EXIT_USAGE;
		default:
			cli_error("export: unknown option '%s'", argv[optind - 1]);
			export_usage();
			return EXIT_USAGE;
		}
	}
	if ((o.history || o.portable) && o.format != EXPORT_XML && o.format != EXPORT_JSON) {
		cli_error("export: --history and --portable are for the records formats xml and "
		          "json, not %s", export_format_name(o.format));
		return EXIT_USAGE;
	}
	if (force && !out) {
		cli_error("export: --force goes with -o FILE");
		return EXIT_USAGE;
	}
	if (out && !*out) {
		cli_error("export: -o needs a file name");
		return EXIT_USAGE;
	}
	if (optind < argc) {
		o.scope = EXPORT_PROCESSES;
		o.ids = (const char *const *)argv + optind;
		o.n_ids = (size_t)(argc - optind);
	}
	sde = export_source_date_epoch(&o.time, &err);
	if (sde < 0) {
		cli_error("%s", err);
		free(err);
		return EXIT_USAGE;
	}
	o.has_time = sde > 0;
	m = cli_model(c);
	if (!m)
		return EXIT_USAGE;
	st = cli_read_store(c, &rc, &absent);
	if (!st && !absent)
		return rc;
	free(absent);
	if (ref && (rc = cli_resolve_as_of(c, st, ref, &o.as_of)) != EXIT_OK)
		return rc;
	if (out && strcmp(out, "-") != 0)
		erc = export_to_file(m, st, &o, out, force, &res, &err);
	else
		erc = export_write(m, st, &o, stdout, &res, &err);
	switch (erc) {
	case EXPORT_OK:
		rc = EXIT_OK;
		break;
	case EXPORT_STORE:
		rc = cli_store_failed(st, res.store_rc, err ? err : "cannot read the store");
		break;
	case EXPORT_NOTFOUND:
	case EXPORT_EXISTS:
	case EXPORT_UNWRITABLE:
	case EXPORT_CANCELLED:
		cli_error("export: %s", err ? err : "refused");
		rc = EXIT_NOTFOUND;
		break;
	case EXPORT_IO:
		cli_error("export: %s", err ? err : "write error");
		rc = EXIT_NOTFOUND;
		break;
	}
	free(err);
	return rc;
}

static void import_usage(void)
{
	cli_error("usage: prmwb import [--dry-run] [--on-conflict fail|keep-store|take-file] "
	          "FILE   or   prmwb import --restore [--dry-run] FILE");
}

/* A value on standard output, quoted and escaped. */
static void put_value(const char *s)
{
	char *e = text_escape(s, strlen(s), cli_esc_flags());

	printf("\"%s\"", e ? e : "?");
	free(e);
}

static void put_text(const char *s)
{
	char *e = text_escape(s, strlen(s), cli_esc_flags());

	fputs(e ? e : "?", stdout);
	free(e);
}

static void print_conflict(const struct import_change *k, enum import_on_conflict how)
{
	char t[32];

	emit_time(k->store_time, t, sizeof t);
	fputs("conflict: ", stdout);
	put_text(k->process);
	putchar(' ');
	put_text(k->field);
	fputs(": changed on both sides since they last agreed\n  both had: ", stdout);
	put_value(k->base_value);
	fputs("\n  store:    ", stdout);
	put_value(k->store_value);
	fputs(" (", stdout);
	put_text(k->store_user);
	printf(", %s)\n  file:     ", t);
	put_value(k->file_value);
	printf("\n  %s\n", how == IMPORT_FAIL ? "-> nothing imported (--on-conflict keep-store "
	       "or take-file decides)" : how == IMPORT_KEEP_STORE ? "-> the store's value stays"
	       : "-> the file's value is taken");
}

static int import_done(struct cli *c, struct store *st, const struct import_opts *op,
                       enum import_rc irc, struct import_report *r, char *err,
                       const char *file);

int cmd_import(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "dry-run", no_argument, NULL, 'n' },
		{ "on-conflict", required_argument, NULL, 'c' },
		{ "restore", no_argument, NULL, 'R' },
		{ NULL, 0, NULL, 0 },
	};
	struct import_opts o = { .on_conflict = IMPORT_FAIL };
	struct import_report rep;
	struct prm_model *m;
	struct store *st;
	char *err = NULL, *absent = NULL;
	enum import_rc irc;
	int opt, rc = EXIT_USAGE;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, "+:", opts, NULL)) != -1) {
		switch (opt) {
		case 'n': o.dry_run = true; break;
		case 'R': o.restore = true; break;
		case 'c':
			if (!import_on_conflict_parse(optarg, &o.on_conflict)) {
				cli_error("import: --on-conflict takes fail, keep-store (or skip) or "
				          "take-file (or theirs), not '%s'", optarg);
				return EXIT_USAGE;
			}
			break;
		case ':':
			cli_error("import: option '%s' needs an argument", argv[optind - 1]);
			import_usage();
			return EXIT_USAGE;
		default:
			cli_error("import: unknown option '%s'", argv[optind - 1]);
			import_usage();
			return EXIT_USAGE;
		}
	}
	if (optind + 1 != argc) {
		import_usage();
		return EXIT_USAGE;
	}
	m = cli_model(c);
	if (!m)
		return EXIT_USAGE;
	if (o.dry_run) {
		st = cli_read_store(c, &rc, &absent);
		if (!st && !absent)
			return rc;
		free(absent);
	} else {
		/* No store yet: check the file before creating one, so that a
		 * bad file leaves nothing behind. */
		const char *dir = c->db_path;
		char *def = dir ? NULL : store_default_path();

		if ((dir || def) && !store_exists(dir ? dir : def)) {
			struct import_opts dry = o;

			dry.dry_run = true;
			irc = import_file(m, NULL, argv[optind], &dry, &rep, &err);
			if (irc != IMPORT_OK) {
				free(def);
				return import_done(c, NULL, &o, irc, &rep, err, argv[optind]);
			}
			import_report_free(&rep);
			free(err);
			err = NULL;
		}
		free(def);
		st = cli_store(c, true, &rc);
		if (!st)
			return rc;
	}
	irc = import_file(m, st, argv[optind], &o, &rep, &err);
	return import_done(c, st, &o, irc, &rep, err, argv[optind]);
}

/* Print what import_file() did and give the exit status; frees rep and err. */
static int import_done(struct cli *c, struct store *st, const struct import_opts *op,
                       enum import_rc irc, struct import_report *r, char *err,
                       const char *file)
{
	const struct import_opts o = *op;
	struct import_report rep = *r;
	const char *verb;
	int rc = EXIT_USAGE;

	(void)c;
	for (size_t i = 0; i < rep.n_errors; i++)
		cli_error("%s", rep.errors[i]);
	for (size_t i = 0; i < rep.n_notes; i++)
		cli_error("note: %s", rep.notes[i]);
	verb = o.dry_run ? "would take" : "takes";
	if (irc == IMPORT_OK && o.restore) {
		if (o.dry_run)
			printf("restore: %s holds %" PRIu64 " history entries; the store is empty: "
			       "a restore would take them all\n", file, rep.restored);
		else
			printf("restored %" PRIu64 " history entries from %s (sha256 %s); the restore "
			       "is history #%" PRIu64 "\n", rep.restored, file, rep.sha256,
			       rep.restore_seq);
	} else if (irc == IMPORT_OK || irc == IMPORT_CONFLICT) {
		for (size_t i = 0; i < rep.n_changes; i++) {
			const struct import_change *k = &rep.changes[i];

			put_text(k->process);
			putchar(' ');
			put_text(k->field);
			putchar(' ');
			put_value(k->store_value);
			fputs(" -> ", stdout);
			put_value(k->file_value);
			putchar('\n');
		}
		for (size_t i = 0; i < rep.n_conflicts; i++)
			print_conflict(&rep.conflicts[i], o.on_conflict);
		if (irc == IMPORT_CONFLICT)
			cli_error("import: %zu conflict%s: nothing imported%s", rep.n_conflicts,
			          rep.n_conflicts == 1 ? "" : "s", o.dry_run ? " (dry run)" : "");
		else if (o.dry_run || rep.set == 0)
			printf("import%s: the store %s %zu change%s from %s (%zu field%s written in "
			       "it, %zu conflict%s)\n", o.dry_run ? " (dry run)" : "",
			       o.dry_run || rep.n_changes ? verb : "takes", rep.n_changes,
			       rep.n_changes == 1 ? "" : "s", file, rep.n_fields,
			       rep.n_fields == 1 ? "" : "s", rep.n_conflicts,
			       rep.n_conflicts == 1 ? "" : "s");
		else if (rep.n_written == 1)
			printf("imported 1 change from %s (sha256 %s) as history #%" PRIu64
			       ", one change set ('prmwb undo' takes it back)\n", file, rep.sha256,
			       rep.set);
		else
			printf("imported %zu changes from %s (sha256 %s) as history #%" PRIu64
			       "..#%" PRIu64 ", one change set ('prmwb undo' takes it back)\n",
			       rep.n_written, file, rep.sha256, rep.set, rep.set + rep.n_written - 1);
	}
	switch (irc) {
	case IMPORT_OK: rc = EXIT_OK; break;
	case IMPORT_CONFLICT: rc = EXIT_NOTFOUND; break;
	case IMPORT_BAD:
		if (rep.n_errors == 0)
			cli_error("import: %s", err ? err : "bad file");
		cli_error("import: nothing imported");
		rc = EXIT_USAGE;
		break;
	case IMPORT_REFUSED:
		cli_error("import: %s", err ? err : "refused");
		rc = EXIT_NOTFOUND;
		break;
	case IMPORT_STORE:
		rc = cli_store_failed(st, rep.store_rc, err ? err : "cannot import");
		break;
	case IMPORT_IO:
		cli_error("import: %s", err ? err : "cannot read the file");
		rc = EXIT_USAGE;
		break;
	}
	import_report_free(&rep);
	free(err);
	return rc;
}
