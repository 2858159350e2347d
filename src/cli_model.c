/* cli_model.c - look-up commands: list, show, search, check.
 *
 * Two output modes. On a terminal (cli_width() > 0) text is wrapped to the
 * width for reading. Piped, nothing is wrapped and every item is one line,
 * so that grep, cut and awk work: list gives "ID<TAB>NAME" lines under
 * "# CATEGORY-ID: CATEGORY NAME" headings ("ID<TAB>NAME<TAB>PARENT-ID" for
 * every process of a model that has sub-processes); search gives
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

const struct prm_category *cli_find_category(const struct prm_model *m, const char *want)
{
	for (size_t i = 0; i < m->n_categories; i++)
		if (strcasecmp(m->categories[i].id, want) == 0 ||
		    strcasecmp(m->categories[i].name, want) == 0)
			return &m->categories[i];
	return NULL;
}

void cli_unknown_category(const struct prm_model *m, const char *cmd, const char *want)
{
	char buf[1024];
	size_t len = 0;

	cli_error("%s: no category '%s' in model %s", cmd, want, m->id);
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

/* On a terminal sub-processes are indented under their parent (two
 * columns a level) and names line up; a name that would wrap gives way to
 * the process's short name, if it has one. Piped, a model with
 * sub-processes gets a third column, the parent's id (empty at the top). */
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
			char label[200];
			int indent = 2 * p->depth, lw;
			const char *name = p->name;

			snprintf(label, sizeof label, "  %*s%-*s  ", indent, "",
			         idw - indent > 0 ? idw - indent : 0, id);
			lw = text_width(label, strlen(label));
			if (p->short_name && text_width(p->name, strlen(p->name)) > width - lw)
				name = prm_process_short(p);
			put_item(label, name, lw, width);
		} else {
			char *name = esc(p->name);

			if (m->max_depth > 0) {
				char *parent = esc(p->parent ? p->parent->id : "");

				printf("%s\t%s\t%s\n", id, name, parent);
				free(parent);
			} else {
				printf("%s\t%s\n", id, name);
			}
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
		only = cli_find_category(m, want);
		if (!only) {
			cli_unknown_category(m, "list", want);
			return EXIT_NOTFOUND;
		}
	}
	width = cli_width();
	for (size_t i = 0; i < m->n_processes; i++) {
		int w = text_width(m->processes[i].id, strlen(m->processes[i].id)) +
		        2 * m->processes[i].depth;
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

/* " [added FILE:LINE]" or " [replaced FILE:LINE]" for what a tailoring
 * file added to or replaced in a process of the model it extends; "" for
 * the rest (and inside a process the tailoring added: all of it is). */
static bool marks_shown = true;

static const char *mark(const struct prm_model *m, struct prm_src s, char *buf, size_t size)
{
	char *f;

	if (s.how == PRM_BASE || !marks_shown) {
		buf[0] = '\0';
		return buf;
	}
	f = esc(prm_model_src_file(m, s));
	snprintf(buf, size, " [%s %s:%u]", s.how == PRM_ADDED ? "added" : "replaced", f,
	         s.line);
	free(f);
	return buf;
}

/* put_item() of text with its tailoring mark. */
static void put_marked(const struct prm_model *m, const char *label, const char *text,
                       struct prm_src s, int indent, int width)
{
	char mk[600], *t;

	mark(m, s, mk, sizeof mk);
	if (!*mk) {
		put_item(label, text, indent, width);
		return;
	}
	/* The mark is already escaped: escape the text alone, then join. */
	t = text_printf("%s%s", text ? text : "", mk);
	put_item(label, t ? t : text, indent, width);
	free(t);
}

static void show_list(const struct prm_model *m, const char *heading,
                      const struct prm_list *l, int width)
{
	if (l->n == 0)
		return;
	printf("%s:\n", heading);
	for (size_t i = 0; i < l->n; i++)
		put_marked(m, "  - ", l->items[i], l->srcs ? l->srcs[i] : (struct prm_src){ 0 },
		           4, width);
}

static char *reference_text(const struct prm_reference *r)
{
	return text_printf("%s %s%s%s", r->standard, r->clause, r->note ? ": " : "",
	                   r->note ? r->note : "");
}

/* A declared relation's wording starts a line: capitalise it. */
static char *capitalised(const char *s)
{
	char *c = strdup(s ? s : "");

	if (c && c[0] >= 'a' && c[0] <= 'z')
		c[0] = (char)(c[0] - 'a' + 'A');
	return c;
}

static void show_relations(const struct prm_model *m, const struct prm_process *p,
                           int width)
{
	size_t self = (size_t)(p - m->processes), n;
	struct prm_incoming *in;

	if (p->n_relations)
		printf("Relations:\n");
	for (size_t i = 0; i < p->n_relations; i++) {
		const struct prm_relation *r = &p->relations[i];
		const struct prm_process *to = prm_model_find(m, r->target);
		const struct prm_relation_type *rt = prm_model_relation_type(m, r->type);
		char *word = rt ? capitalised(rt->label) : strdup(r->type);
		char *t = text_printf("%s %s (%s)%s%s", word ? word : r->type, r->target,
		                      to ? to->name : "?", r->note ? ": " : "",
		                      r->note ? r->note : "");

		if (t)
			put_marked(m, "  - ", t, r->src, 4, width);
		free(t);
		free(word);
	}
	/* What other processes say about this one: the model holds it, so
	 * "everything the model says" includes it. A declared type reads
	 * from this end in its inverse wording. */
	n = prm_model_incoming(m, self, NULL, 0);
	if (!n)
		return;
	in = calloc(n, sizeof *in);
	if (!in)
		return;
	prm_model_incoming(m, self, in, n);
	printf("Related from:\n");
	for (size_t i = 0; i < n; i++) {
		const struct prm_process *q = &m->processes[in[i].from];
		const struct prm_relation *r = in[i].relation;
		char *t, *word = NULL;

		if (in[i].inverse) {
			word = capitalised(in[i].inverse);
			t = text_printf("%s %s (%s)%s%s", word ? word : in[i].inverse, q->id,
			                q->name, r->note ? ": " : "", r->note ? r->note : "");
		} else {
			t = text_printf("%s (%s) %s this", q->id, q->name, r->type);
		}
		if (t)
			put_marked(m, "  - ", t, r->src, 4, width);
		free(t);
		free(word);
	}
	free(in);
}

static void show_process(const struct prm_model *m, const struct prm_process *p,
                         int width)
{
	const struct prm_category *cat = &m->categories[p->category];
	char *id = esc(p->id), *t;
	char label[160];

	marks_shown = p->src.how != PRM_ADDED;
	snprintf(label, sizeof label, "%s  ", id);
	put_marked(m, label, p->name, p->name_src, 2, width);
	if (p->short_name)
		put_marked(m, "Short name: ", p->short_name, p->short_src, 2, width);
	t = text_printf("%s (%s)", cat->name, cat->id);
	if (t)
		put_item("Category: ", t, 2, width);
	free(t);
	if (p->parent) {
		t = text_printf("%s (%s)", p->parent->id, p->parent->name);
		if (t)
			put_item("Parent: ", t, 2, width);
		free(t);
	}
	if (p->src.how == PRM_ADDED) {
		char *f = esc(prm_model_src_file(m, p->src));

		printf("Tailored: added by %s:%u\n", f, p->src.line);
		free(f);
	} else if (p->tailored) {
		/* (each mark names its file: a chain may hold several) */
		printf("Tailored: changed (marked below)\n");
	}
	if (p->summary)
		put_marked(m, "Summary: ", p->summary, p->summary_src, 2, width);
	put_marked(m, "Purpose: ", p->purpose, p->purpose_src, 2, width);
	printf("Outcomes:\n");
	for (size_t i = 0; i < p->n_outcomes; i++) {
		const struct prm_outcome *o = &p->outcomes[i];
		int indent;

		snprintf(label, sizeof label, "  %d. ", o->number);
		indent = (int)strlen(label);
		put_marked(m, label, o->text, o->src, indent, width);
		/* The references the outcome serves, under its text. */
		for (size_t k = 0; k < o->n_references; k++) {
			t = reference_text(&o->references[k]);
			snprintf(label, sizeof label, "%*s- ", indent, "");
			if (t)
				put_item(label, t, indent + 2, width);
			free(t);
		}
	}
	show_list(m, "Activities", &p->activities, width);
	show_list(m, "Inputs", &p->inputs, width);
	show_list(m, "Outputs", &p->outputs, width);
	if (p->n_references)
		printf("References:\n");
	for (size_t i = 0; i < p->n_references; i++) {
		t = reference_text(&p->references[i]);
		if (t)
			put_marked(m, "  - ", t, p->references[i].src, 4, width);
		free(t);
	}
	show_relations(m, p, width);
	if (p->n_children)
		printf("Sub-processes:\n");
	for (size_t i = 0; i < p->n_children; i++) {
		const struct prm_process *c = &m->processes[p->children[i]];

		t = text_printf("%s %s", c->id, c->name);
		if (t)
			put_marked(m, "  - ", t, c->src, 4, width);
		free(t);
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

/* The text a hit's snippet is cut from: the field's own text; a reference
 * or a relation whole, as show prints it. malloc'd, or NULL. */
static char *hit_text(const struct prm_model *m, const struct search_hit *h)
{
	const struct prm_process *p = &m->processes[h->item];

	if (h->field == SEARCH_REFERENCE && h->index < p->n_references) {
		const struct prm_reference *r = &p->references[h->index];
		return text_printf("%s %s%s%s", r->standard, r->clause, r->note ? ": " : "",
		                   r->note ? r->note : "");
	}
	if (h->field == SEARCH_RELATION && h->index < p->n_relations) {
		const struct prm_relation *r = &p->relations[h->index];
		const struct prm_process *to = prm_model_find(m, r->target);
		return text_printf("%s %s (%s)%s%s", r->type, r->target, to ? to->name : "?",
		                   r->note ? ": " : "", r->note ? r->note : "");
	}
	return strdup(h->text ? h->text : "");
}

/* "ID     NAME  [FIELD]" in width columns: the name is cut if need be. */
static void put_hit_line(const char *id, const char *name, const char *field, int width)
{
	int idw = text_width(id, strlen(id)), pad = idw < 6 ? 6 - idw : 0;
	int room = width - idw - pad - 1 - 2 - 2 - (int)strlen(field);
	int nw = text_width(name, strlen(name));

	if (nw <= room || room < 2) {
		printf("%s%*s %s  [%s]\n", id, pad, "", name, field);
		return;
	}
	{
		bool ascii = esc_flags() & TEXT_ASCII;
		int mw = ascii ? 3 : 1;

		printf("%s%*s %.*s%s  [%s]\n", id, pad, "",
		       (int)text_fit(name, strlen(name), room > mw ? room - mw : 0, NULL), name,
		       ascii ? "..." : "\xe2\x80\xa6", field);
	}
}

int cmd_search(struct cli *c, int argc, char **argv)
{
	struct prm_model *m;
	struct search_index *ix;
	struct search_query *q;
	struct search_hit *hits = NULL;
	size_t n = 0;
	int width, rc = no_options(argc, argv, "search WORD...");

	if (rc >= 0)
		return rc;
	if (optind >= argc)
		return usage_error("search", "missing words to search for");
	m = cli_model(c);
	if (!m)
		return EXIT_USAGE;
	ix = search_index_new(m);
	q = search_query_new((const char *const *)argv + optind, (size_t)(argc - optind));
	if (!ix || !q) {
		search_query_free(q);
		search_index_free(ix);
		cli_error("out of memory");
		return EXIT_USAGE;
	}
	n = search_run(ix, q, &hits);
	if (n == 0) {
		search_query_free(q);
		search_index_free(ix);
		cli_error("search: no process matches all of the words");
		return EXIT_NOTFOUND;
	}
	width = cli_width();
	for (size_t i = 0; i < n; i++) {
		const struct prm_process *p = &m->processes[hits[i].item];
		const char *field = search_field_name(hits[i].field);
		char *id = esc(p->id), *name = esc(p->name);

		if (width > 0) {
			put_hit_line(id, name, field, width);
			if (hits[i].field > SEARCH_NAME) {
				char *t = hit_text(m, &hits[i]);
				char *snip = t ? search_snippet(t, q, width - 6, esc_flags()) : NULL;

				printf("      %s\n", snip ? snip : "");
				free(snip);
				free(t);
			}
		} else {
			printf("%s\t%s\t%s\n", id, name, field);
		}
		free(id);
		free(name);
	}
	free(hits);
	search_query_free(q);
	search_index_free(ix);
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
			char *base = m->n_lineage > 1 ? esc(m->lineage[1]) : NULL;

			printf("%s: ok: model %s version %s%s%s%s, %zu categories, %zu processes\n",
			       f, id, v, base ? " (extends " : "", base ? base : "",
			       base ? ")" : "", m->n_categories, m->n_processes);
			free(f);
			free(id);
			free(v);
			free(base);
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
