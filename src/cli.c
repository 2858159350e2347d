/* cli.c - what the commands share: lazy model/store, errors, width. */
#include "config.h"
#include "cli.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "diag.h"
#include "model.h"
#include "store.h"
#include "text.h"

void cli_error(const char *fmt, ...)
{
	va_list ap;
	char buf[4096];
	char *e;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	e = text_escape(buf, (size_t)-1, TEXT_KEEP_NEWLINES);
	fprintf(stderr, "prmwb: %s\n", e ? e : buf);
	free(e);
}

struct prm_model *cli_model(struct cli *c)
{
	struct diag d = DIAG_INIT;

	if (c->model)
		return c->model;
	c->model = prm_model_load_choice(c->model_path, &d);
	if (!c->model)
		diag_print(&d, stderr, "prmwb: ");
	diag_free(&d);
	return c->model;
}

struct store *cli_store(struct cli *c, bool write, int *rc)
{
	struct prm_model *m;
	char *path, *err = NULL;
	unsigned flags = 0;
	enum store_rc src;
	const char *const *ids;
	size_t n_ids;

	if (c->store)
		return c->store;
	m = cli_model(c);
	if (!m) {
		*rc = EXIT_USAGE;
		return NULL;
	}
	path = c->db_path ? strdup(c->db_path) : store_default_path();
	if (!path) {
		cli_error("cannot find a store directory: set --db or PRMWB_DB");
		*rc = EXIT_USAGE;
		return NULL;
	}
	if (c->read_only)
		flags |= STORE_OPEN_READONLY;
	if (c->force_model)
		flags |= STORE_OPEN_FORCE_MODEL;
	if (write)
		flags |= STORE_OPEN_CREATE;
	/* A tailored model opens the store of the model it extends. */
	ids = prm_model_lineage(m, &n_ids);
	src = store_open_lineage(path, ids, n_ids, flags, &c->store, &err);
	if (err) {
		cli_error("%s", err);
		free(err);
	}
	free(path);
	if (src != STORE_OK) {
		/* The house rule: a path that is not a store (or a store
		 * whose files are links, or damaged) is bad input; a missing
		 * store, another model's, no permission or an I/O failure is
		 * refused. */
		*rc = src == STORE_INVALID || src == STORE_DAMAGED ? EXIT_USAGE : EXIT_NOTFOUND;
		c->store = NULL;
		return NULL;
	}
	return c->store;
}

struct store *cli_write_store(struct cli *c, const char *nothing, int *rc)
{
	struct store *st;

	if (c->read_only && !c->store) {
		/* Not opened yet: say why nothing is written before store_open()
		 * could blame a missing store (it never creates one read-only). */
		char *path = c->db_path ? strdup(c->db_path) : store_default_path();

		cli_error("%s: the store is opened read-only (--read-only); %s",
		          path ? path : "store", nothing);
		free(path);
		*rc = EXIT_NOTFOUND;
		return NULL;
	}
	st = cli_store(c, true, rc);
	if (st && store_readonly(st)) {
		cli_error("%s: the store is open read-only; %s", store_path(st), nothing);
		*rc = EXIT_NOTFOUND;
		return NULL;
	}
	return st;
}

void cli_done(struct cli *c)
{
	if (c->store)
		store_close(c->store);
	c->store = NULL;
	if (c->model)
		prm_model_free(c->model);
	c->model = NULL;
}

struct store *cli_read_store(struct cli *c, int *rc, char **absent)
{
	char *path;

	*absent = NULL;
	if (c->store)
		return c->store;
	path = c->db_path ? strdup(c->db_path) : store_default_path();
	if (path && !store_exists(path)) {
		*absent = path;
		*rc = EXIT_OK;
		return NULL;
	}
	free(path);
	return cli_store(c, false, rc);
}

/* Damage is exit 2 and says what to do, as a fault inside the store does
 * (fatal.c); anything else exit 1. */
int cli_store_failed(struct store *st, int src, const char *what)
{
	const char *why = store_error(st);

	if (src == STORE_DAMAGED) {
		cli_error("the store in %s is damaged (%s: %s): run 'prmwb verify' for details; "
		          "restore it from a copy made with 'mdb_copy -c' (see prmwb(1), BACKUP)",
		          store_path(st), what, *why ? why : "a damaged page");
		return EXIT_USAGE;
	}
	cli_error("%s: %s: %s%s%s", store_path(st), what, store_strerror((enum store_rc)src),
	          *why ? ": " : "", why);
	return EXIT_NOTFOUND;
}

unsigned cli_esc_flags(void)
{
	return text_locale_is_utf8() ? 0 : TEXT_ASCII;
}

int cli_width(void)
{
	struct winsize ws;
	const char *cols;

	if (!isatty(STDOUT_FILENO))
		return 0;
	cols = getenv("COLUMNS");
	if (cols && atoi(cols) > 0)
		return atoi(cols);
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}
