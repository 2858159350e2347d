/* cli_model.c - look-up commands: list, show, search, check.
 *
 * Two output modes. On a terminal (cli_width() > 0) text is wrapped to the
 * width for reading. Piped, nothing is wrapped and every item is one line,
 * so that grep, cut and awk work: list gives "ID<TAB>NAME" lines under
 * "# CATEGORY-ID: CATEGORY NAME" headings; search gives
 * "ID<TAB>NAME<TAB>FIELD" lines. Every text from the model is escaped. */
#include "config.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "diag.h"
#include "model.h"
#include "search.h"
#include "text.h"

#define MAX_SUGGEST 5

static unsigned esc_flags(void)
{
	return text_locale_is_utf8() ? 0 : TEXT_ASCII;
}

/* Escaped copy; never NULL (exits on out-of-memory, there is nothing
 * sensible to print then). */
static char *esc(const char *s)
{
	char *e = text_escape(s ? s : "", (size_t)-1, esc_flags());

	if (!e) {
		cli_error("out of memory");
		exit(EXIT_USAGE);
	}
	return e;
}

/* Print label + text; on a terminal wrap text to width, continuation
 * lines indented by indent spaces. Piped: one line. */
static void put_item(const char *label, const char *text, int indent, int width)
{
	char *e = esc(text);
	struct text_lines l = { 0 };
	int lw = text_width(label, strlen(label));
	int room = width - (lw > indent ? lw : indent);

	if (width <= 0 || room < 10 || !text_wrap(e, room, &l) || l.n == 0) {
		printf("%s%s\n", label, e);
	} else {
		printf("%s%s\n", label, l.line[0]);
		for (size_t i = 1; i < l.n; i++)
			printf("%*s%s\n", indent, "", l.line[i]);
	}
	text_lines_free(&l);
	free(e);
}

static int usage_error(const char *cmd, const char *what)
{
	cli_error("%s: %s", cmd, what);
	fputs("Try 'prmwb --help' for more information.\n", stderr);
	return EXIT_USAGE;
}

/* Parse a command's options: only -h/--help for most commands. Returns
 * -1 to go on, or an exit code. */
static int no_options(int argc, char **argv, const char *usage)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		if (opt == 'h') {
			printf("Usage: prmwb %s\n", usage);
			return EXIT_OK;
		}
		return usage_error(argv[0], "unknown option (see prmwb --help)");
	}
	return -1;
}

/* ---- list ---- */

static const struct prm_category *find_category(const struct prm_model *m,
                                                const char *want)
{
	for (size_t i = 0; i < m->n_categories; i++)
		if (strcasecmp(m->categories[i].id, want) == 0 ||
		    strcasecmp(m->categories[i].name, want) == 0)
			return &m->categories[i];
	return NULL;
}

static void unknown_category(const struct prm_model *m, const char *want)
{
	char buf[1024];
	size_t len = 0;

	cli_error("list: no category '%s' in model %s", want, m->id);
	buf[0] = '\0';
	for (size_t i = 0; i < m->n_categories; i++) {
		const struct prm_category *c = &m->categories[i];
		int n = snprintf(buf + len, sizeof buf - len, "%s%s (%s)",
		                 len ? ", " : "", c->id, c->name);

		if (n < 0 || (size_t)n >= sizeof buf - len)
			break;
		len += (size_t)n;
	}
	cli_error("categories: %s", buf);
}

static void list_category(const struct prm_model *m, const struct prm_category *c,
                          int width, int idw)
{
	char *cid = esc(c->id), *cname = esc(c->name);

	if (width > 0)
		printf("%s (%s)\n", cname, cid);
	else
		printf("# %s: %s\n", cid, cname);
	for (size_t k = 0; k < c->n_processes; k++) {
		const struct prm_process *p = &m->processes[c->processes[k]];
		char *id = esc(p->id);

		if (width > 0) {
			char label[128];
			snprintf(label, sizeof label, "  %-*s  ", idw, id);
			put_item(label, p->name, idw + 4, width);
		} else {
			char *name = esc(p->name);
			printf("%s\t%s\n", id, name);
			free(name);
		}
		free(id);
	}
	free(cid);
	free(cname);
}

int cmd_list(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "category", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *want = NULL;
	const struct prm_category *only = NULL;
	struct prm_model *m;
	int opt, width, idw = 0;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, "+c:h", opts, NULL)) != -1) {
		switch (opt) {
		case 'c': want = optarg; break;
		case 'h': puts("Usage: prmwb list [--category CATEGORY]"); return EXIT_OK;
		default:
			return usage_error("list", optopt == 'c' || (optind > 0 &&
			                   strcmp(argv[optind - 1], "--category") == 0)
			                   ? "--category needs a category id or name"
			                   : "unknown option (see prmwb --help)");
		}
	}
	if (optind < argc)
		return usage_error("list", "unexpected argument");
	m = cli_model(c);
	if (!m)
		return EXIT_USAGE;
	if (want) {
		only = find_category(m, want);
		if (!only) {
			unknown_category(m, want);
			return EXIT_NOTFOUND;
		}
	}
	width = cli_width();
	for (size_t i = 0; i < m->n_processes; i++) {
		int w = text_width(m->processes[i].id, strlen(m->processes[i].id));
		if (w > idw && w < 32)
			idw = w;
	}
	for (size_t i = 0; i < m->n_categories; i++) {
		if (only && only != &m->categories[i])
			continue;
		if (width > 0 && i > 0 && !only)
			putchar('\n');
		list_category(m, &m->categories[i], width, idw);
	}
	return EXIT_OK;
}

/* ---- show ---- */

static void suggest(const struct prm_model *m, const char *cmd, const char *typed)
{
	size_t idx[MAX_SUGGEST], n = prm_model_suggest(m, typed, idx, MAX_SUGGEST);
	char buf[2048];
	size_t len = 0;

	cli_error("%s: no process '%s' in model %s", cmd, typed, m->id);
	if (n == 0) {
		cli_error("'prmwb list' shows all processes");
		return;
	}
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		const struct prm_process *p = &m->processes[idx[i]];
		int k = snprintf(buf + len, sizeof buf - len, "%s%s (%s)",
		                 i == 0 ? "" : i + 1 == n ? " or " : ", ", p->id, p->name);

		if (k < 0 || (size_t)k >= sizeof buf - len)
			break;
		len += (size_t)k;
	}
	cli_error("did you mean %s?", buf);
}

static void show_list(const char *heading, const struct prm_list *l, int width)
{
	if (l->n == 0)
		return;
	printf("%s:\n", heading);
	for (size_t i = 0; i < l->n; i++)
		put_item("  - ", l->items[i], 4, width);
}

static void show_process(const struct prm_model *m, const struct prm_process *p,
                         int width)
{
	const struct prm_category *cat = &m->categories[p->category];
	char *id = esc(p->id);
	char label[160];

	snprintf(label, sizeof label, "%s  ", id);
	put_item(label, p->name, 2, width);
	{
		size_t n = strlen(cat->name) + strlen(cat->id) + 4;
		char *t = malloc(n);

		if (t) {
			snprintf(t, n, "%s (%s)", cat->name, cat->id);
			put_item("Category: ", t, 2, width);
			free(t);
		}
	}
	if (p->summary)
		put_item("Summary: ", p->summary, 2, width);
	put_item("Purpose: ", p->purpose, 2, width);
	printf("Outcomes:\n");
	for (size_t i = 0; i < p->n_outcomes; i++) {
		snprintf(label, sizeof label, "  %d. ", p->outcomes[i].number);
		put_item(label, p->outcomes[i].text, (int)strlen(label), width);
	}
	show_list("Activities", &p->activities, width);
	show_list("Inputs", &p->inputs, width);
	show_list("Outputs", &p->outputs, width);
	if (p->n_references)
		printf("References:\n");
	for (size_t i = 0; i < p->n_references; i++) {
		const struct prm_reference *r = &p->references[i];
		size_t n = strlen(r->standard) + strlen(r->clause) + (r->note ? strlen(r->note) : 0) + 8;
		char *t = malloc(n);

		if (!t)
			continue;
		snprintf(t, n, "%s %s%s%s", r->standard, r->clause, r->note ? ": " : "",
		         r->note ? r->note : "");
		put_item("  - ", t, 4, width);
		free(t);
	}
	if (p->n_relations)
		printf("Relations:\n");
	for (size_t i = 0; i < p->n_relations; i++) {
		const struct prm_relation *r = &p->relations[i];
		const struct prm_process *to = prm_model_find(m, r->target);
		const char *toname = to ? to->name : "?";
		size_t n = strlen(r->type) + strlen(r->target) + strlen(toname) +
		           (r->note ? strlen(r->note) : 0) + 16;
		char *t = malloc(n);

		if (!t)
			continue;
		snprintf(t, n, "%s %s (%s)%s%s", r->type, r->target, toname,
		         r->note ? ": " : "", r->note ? r->note : "");
		put_item("  - ", t, 4, width);
		free(t);
	}
	/* What other processes say about this one: the model holds it, so
	 * "everything the model says" includes it. */
	for (size_t i = 0, shown = 0; i < m->n_processes; i++) {
		const struct prm_process *q = &m->processes[i];

		for (size_t k = 0; k < q->n_relations; k++) {
			const struct prm_relation *r = &q->relations[k];
			size_t n;
			char *t;

			if (strcmp(r->target, p->id) != 0)
				continue;
			if (!shown++)
				printf("Related from:\n");
			n = strlen(q->id) + strlen(q->name) + strlen(r->type) + 16;
			t = malloc(n);
			if (!t)
				continue;
			snprintf(t, n, "%s (%s) %s this", q->id, q->name, r->type);
			put_item("  - ", t, 4, width);
			free(t);
		}
	}
	free(id);
}

int cmd_show(struct cli *c, int argc, char **argv)
{
	struct prm_model *m;
	const struct prm_process *p;
	int rc = no_options(argc, argv, "show ID");

	if (rc >= 0)
		return rc;
	if (optind >= argc)
		return usage_error("show", "missing process ID (try 'prmwb list')");
	if (optind + 1 < argc)
		return usage_error("show", "one process ID only");
	m = cli_model(c);
	if (!m)
		return EXIT_USAGE;
	p = prm_model_find(m, argv[optind]);
	if (!p) {
		suggest(m, "show", argv[optind]);
		return EXIT_NOTFOUND;
	}
	show_process(m, p, cli_width());
	return EXIT_OK;
}

/* ---- search ---- */

static const char *where_label(const struct prm_process *p, const char *s)
{
	if (s == p->id) return "id";
	if (s == p->name) return "name";
	if (s == p->purpose) return "purpose";
	if (s == p->summary) return "summary";
	for (size_t i = 0; i < p->n_outcomes; i++)
		if (s == p->outcomes[i].text) return "outcome";
	for (size_t i = 0; i < p->activities.n; i++)
		if (s == p->activities.items[i]) return "activity";
	for (size_t i = 0; i < p->inputs.n; i++)
		if (s == p->inputs.items[i]) return "input";
	for (size_t i = 0; i < p->outputs.n; i++)
		if (s == p->outputs.items[i]) return "output";
	for (size_t i = 0; i < p->n_references; i++)
		if (s == p->references[i].standard || s == p->references[i].clause ||
		    s == p->references[i].note) return "reference";
	return "relation";
}

/* A piece of s around the first word found in it, fitting width columns. */
static void put_snippet(const char *s, const char *const *words, size_t n_words,
                        int width)
{
	const char *at = NULL, *start;
	char *e;
	int used;
	size_t fit;

	for (size_t i = 0; i < n_words && !at; i++)
		at = text_casestr(s, words[i]);
	start = s;
	if (at && at - s > 30) {
		start = at - 25;
		while (start > s && *start != ' ')
			start--;
	}
	e = esc(start);
	fit = text_fit(e, strlen(e), width - 10, &used);
	printf("      %s%.*s%s\n", start > s ? "..." : "", (int)fit, e,
	       e[fit] ? "..." : "");
	free(e);
}

int cmd_search(struct cli *c, int argc, char **argv)
{
	struct prm_model *m;
	struct search_hit *hits;
	size_t n;
	int width, rc = no_options(argc, argv, "search WORD...");
	const char *const *words;

	if (rc >= 0)
		return rc;
	if (optind >= argc)
		return usage_error("search", "missing words to search for");
	m = cli_model(c);
	if (!m)
		return EXIT_USAGE;
	words = (const char *const *)argv + optind;
	n = search_model(m, words, (size_t)(argc - optind), &hits);
	if (n == 0) {
		cli_error("search: no process matches all of the words");
		return EXIT_NOTFOUND;
	}
	width = cli_width();
	for (size_t i = 0; i < n; i++) {
		const struct prm_process *p = &m->processes[hits[i].process];
		const char *where = where_label(p, hits[i].snippet);
		char *id = esc(p->id), *name = esc(p->name);

		if (width > 0) {
			printf("%-6s %s  [%s]\n", id, name, where);
			if (hits[i].where > SEARCH_NAME)
				put_snippet(hits[i].snippet, words, (size_t)(argc - optind), width);
		} else {
			printf("%s\t%s\t%s\n", id, name, where);
		}
		free(id);
		free(name);
	}
	free(hits);
	return EXIT_OK;
}

/* ---- check ---- */

int cmd_check(struct cli *c, int argc, char **argv)
{
	int rc = no_options(argc, argv, "check FILE...");

	(void)c;
	if (rc >= 0)
		return rc;
	if (optind >= argc)
		return usage_error("check", "missing model FILE to check");
	rc = EXIT_OK;
	for (int i = optind; i < argc; i++) {
		struct diag d = DIAG_INIT;
		struct prm_model *m = prm_model_check_file(argv[i], &d);

		if (m) {
			char *f = esc(argv[i]), *id = esc(m->id), *v = esc(m->version);
			printf("%s: ok: model %s version %s, %zu categories, %zu processes\n",
			       f, id, v, m->n_categories, m->n_processes);
			free(f);
			free(id);
			free(v);
			prm_model_free(m);
		} else {
			/* Compiler style, no "prmwb:" prefix: editors jump to FILE:LINE. */
			diag_print(&d, stderr, NULL);
			rc = EXIT_USAGE;
		}
		diag_free(&d);
	}
	return rc;
}
