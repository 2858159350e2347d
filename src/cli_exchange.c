/* cli_exchange.c - export and import on the command line.
 *
 * export writes the store's records (or the model) in one of the formats
 * of export.h to standard output or, atomically, to a file; import reads a
 * records file back (import.h). Both leave the work to their modules and
 * only parse options, print and choose the exit status. */
#include "config.h"
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "exchange.h"
#include "export.h"
#include "model.h"
#include "store.h"
#include "text.h"

static void export_usage(void)
{
	cli_error("usage: prmwb export [--format F] [--history] [--portable] "
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
	const char *out = NULL;
	bool force = false;
	struct prm_model *m;
	struct store *st;
	char *absent = NULL, *err = NULL;
	enum export_rc erc;
	int opt, rc = EXIT_USAGE, sde;

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
