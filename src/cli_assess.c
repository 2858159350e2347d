/* cli_assess.c - the assessment commands: profile and diff.
 *
 * The numbers come from assess.h and diff.h; this file only reads the
 * records and prints. On a terminal the profile is an aligned table that
 * fits the width, with a small bar per process and totals; piped it is
 * tab-separated with one header line, for scripts and spreadsheets. diff
 * likewise: aligned and grouped on a terminal, one tab-separated change a
 * line piped. Text from the model or a record is escaped either way. */
#include "config.h"
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess.h"
#include "diff.h"
#include "model.h"
#include "store.h"
#include "text.h"

/* Records as of a history seq. */
struct as_of {
	struct store *st;
	uint64_t seq;
};

static enum store_rc get_at(void *arg, const char *process, struct record *out)
{
	const struct as_of *a = arg;

	return store_get_at(a->st, process, a->seq, out);
}

/* No store yet: every record is empty. */
static enum store_rc get_empty(void *arg, const char *process, struct record *out)
{
	(void)arg;
	(void)process;
	memset(out, 0, sizeof *out);
	return STORE_OK;
}

static void *checked(void *p)
{
	if (!p) {
		cli_error("out of memory");
		exit(EXIT_USAGE);
	}
	return p;
}

static char *esc(const char *s)
{
	return checked(text_escape(s ? s : "", (size_t)-1, cli_esc_flags()));
}

/* ---- piped: tab-separated ----------------------------------------------- */

static void print_tsv(const struct prm_model *m, const struct assess_profile *pr)
{
	fputs("id\tname", stdout);
	for (size_t k = 0; k < ASSESS_N_PA; k++)
		printf("\t%s", assess_pa_field(k));
	fputs("\tlevel\ttarget\tgap\n", stdout);
	for (size_t i = 0; i < pr->n; i++) {
		const struct assess_row *r = &pr->rows[i];
		const struct prm_process *p = &m->processes[r->process];
		/* escaped without TEXT_KEEP_TABS: a tab in a name cannot split
		 * the row */
		char *id = esc(p->id), *name = esc(p->name);

		printf("%s\t%s", id, name);
		for (size_t k = 0; k < ASSESS_N_PA; k++)
			printf("\t%s", assess_rating_text(r->pa[k]));
		printf("\t%s\t", assess_level_text(r->level));
		if (r->target >= 0)
			printf("%d", r->target);
		putchar('\t');
		if (r->has_gap)
			printf("%d", r->gap);
		putchar('\n');
		free(id);
		free(name);
	}
}

/* ---- on a terminal: a table --------------------------------------------- */

#define CELL 3          /* a PA column: "1.1", "L+" */
#define NUM 3           /* level, target, gap columns: "n/a", "-5" */
#define BAR ASSESS_MAX_LEVEL

struct glyphs {
	const char *unrated, *reached, *short_of, *beyond, *ellipsis;
	int ellipsis_w;
};

/* Print s (escaped) to f in exactly w columns: cut with an ellipsis if
 * wider. */
static void put_cell(FILE *f, const char *s, int w, const struct glyphs *g)
{
	int sw = text_width(s, strlen(s)), used = 0;
	size_t fit;

	if (sw <= w) {
		fprintf(f, "%s%*s", s, w - sw, "");
		return;
	}
	if (w <= g->ellipsis_w) {
		fit = text_fit(s, strlen(s), w, &used);
		fprintf(f, "%.*s%*s", (int)fit, s, w - used, "");
		return;
	}
	fit = text_fit(s, strlen(s), w - g->ellipsis_w, &used);
	fprintf(f, "%.*s%s%*s", (int)fit, s, g->ellipsis, w - g->ellipsis_w - used, "");
}

/* A line of the table, written to f (an open_memstream), to stdout
 * without trailing blanks (an empty gap column or cell leaves some). */
static void end_line(FILE *f, char **buf, size_t *len)
{
	if (fclose(f) != 0 || !*buf) {
		cli_error("out of memory");
		exit(EXIT_USAGE);
	}
	while (*len > 0 && (*buf)[*len - 1] == ' ')
		(*len)--;
	printf("%.*s\n", (int)*len, *buf);
	free(*buf);
	*buf = NULL;
}

static FILE *start_line(char **buf, size_t *len)
{
	return checked(open_memstream(buf, len));
}

static int indent_of(const struct prm_process *p)
{
	return 2 * (p->depth > 0 ? p->depth : 0);
}

/* Names of the table, escaped, for common_lead(). */
struct names { char **v; size_t n; };

/* Bytes of the longest leading phrase of two or more words of name that
 * begins three or more of the names (0: none). Such a phrase says little
 * in a narrow column: "Information security" begins 7 of the 17 names of
 * ISO/IEC TS 27022. */
static size_t common_lead(const struct names *all, const char *name)
{
	size_t best = 0, words = 1;

	for (size_t end = 0; name[end]; end++) {
		size_t count = 0;

		if (name[end] != ' ')
			continue;
		if (++words < 3)        /* the phrase name[0, end) has words - 1 words */
			continue;
		for (size_t i = 0; i < all->n && count < 3; i++)
			count += strncmp(all->v[i], name, end) == 0 && all->v[i][end] == ' ';
		if (count >= 3)
			best = end;
	}
	return best;
}

/* The phrase name[0, lead) as its initials, then the rest:
 * "IS risk assessment". Malloc'd. */
static char *initialled(const char *name, size_t lead)
{
	char *out = checked(malloc(strlen(name) + 1)), *o = out;

	for (size_t i = 0; i < lead; i++) {
		if (i > 0 && name[i - 1] != ' ')
			continue;
		if (name[i] >= 'a' && name[i] <= 'z') {
			*o++ = (char)(name[i] - 'a' + 'A');
		} else {        /* the whole first character */
			size_t k = 1;

			while ((name[i + k] & 0xC0) == 0x80)
				k++;
			memcpy(o, name + i, k);
			o += k;
		}
	}
	strcpy(o, name + lead);
	return out;
}

/* The name as the table shows it in w columns, indented by depth: the
 * name if it fits, else the short name, else with a common leading phrase
 * as initials; put_cell() cuts what still does not fit. Malloc'd,
 * escaped. */
static char *shown_name(const struct names *all, const struct prm_process *p, int w)
{
	char *name = esc(p->name), *out;
	int room = w - indent_of(p);
	size_t lead;

	if (text_width(name, strlen(name)) > room && p->short_name) {
		free(name);
		name = esc(p->short_name);
	}
	if (text_width(name, strlen(name)) > room && (lead = common_lead(all, name)) > 0) {
		char *t = initialled(name, lead);

		free(name);
		name = t;
	}
	out = checked(text_printf("%*s%s", indent_of(p), "", name));
	free(name);
	return out;
}

/* Level reached, then what the target still wants, then the rest: a
 * glyph each, so that it reads without colour. */
static void put_bar(FILE *f, const struct assess_row *r, const struct glyphs *g)
{
	for (int k = 1; k <= BAR; k++)
		fputs(k <= r->level ? g->reached : k <= r->target ? g->short_of : g->beyond, f);
}

/* Items packed into lines of at most width columns, three spaces apart. */
static void put_packed(char *const *items, size_t n, int width)
{
	int col = 0;

	for (size_t i = 0; i < n; i++) {
		int w = text_width(items[i], strlen(items[i]));

		if (col > 0 && col + 3 + w > width) {
			putchar('\n');
			col = 0;
		}
		if (col > 0) {
			fputs("   ", stdout);
			col += 3;
		}
		fputs(items[i], stdout);
		col += w;
	}
	if (col > 0)
		putchar('\n');
}

static void print_totals(const struct assess_totals *t, int width)
{
	char *items[ASSESS_MAX_LEVEL + 4];
	size_t n = 0;

	for (int k = 0; k <= ASSESS_MAX_LEVEL; k++)
		items[n++] = checked(text_printf("level %d: %zu", k, t->at_level[k]));
	items[n++] = checked(text_printf("not assessed: %zu", t->not_assessed));
	items[n++] = checked(text_printf("below target: %zu", t->below_target));
	if (t->not_applicable)
		items[n++] = checked(text_printf("not applicable (left out): %zu",
		                                 t->not_applicable));
	put_packed(items, n, width);
	for (size_t i = 0; i < n; i++)
		free(items[i]);
}

static void print_table(const struct prm_model *m, const struct assess_profile *pr, int width)
{
	const struct glyphs g = text_locale_is_utf8()
		? (struct glyphs){ "\xc2\xb7", "\xe2\x96\x88", "\xe2\x96\x91", "\xc2\xb7",
		                   "\xe2\x80\xa6", 1 }
		: (struct glyphs){ ".", "#", "-", ".", "...", 3 };
	int id_w = 2, name_w = 7, room;
	bool bar = true;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;
	struct names names = { NULL, 0 };

	names.v = checked(calloc(pr->n + 1, sizeof *names.v));
	for (size_t i = 0; i < pr->n; i++) {
		const struct prm_process *p = &m->processes[pr->rows[i].process];
		char *id = esc(p->id), *name = esc(p->name);
		int iw = text_width(id, strlen(id));
		int nw = indent_of(p) + text_width(name, strlen(name));

		if (iw > id_w)
			id_w = iw;
		if (nw > name_w)
			name_w = nw;
		free(id);
		names.v[names.n++] = name;
	}
	/* id, two spaces, the name; a space and a cell per PA; two spaces,
	 * level, target and gap a space apart; a space and the bar */
	room = width - (id_w + 2 + ASSESS_N_PA * (1 + CELL) + 2 + 3 * NUM + 2 + 1 + BAR);
	if (room < 8) {         /* a narrow terminal: the bar goes first */
		bar = false;
		room += 1 + BAR;
	}
	if (room < 4)
		room = 4;
	if (name_w > room)
		name_w = room;

	f = start_line(&buf, &len);
	put_cell(f, "id", id_w, &g);
	fputs("  ", f);
	put_cell(f, "process", name_w, &g);
	for (size_t k = 0; k < ASSESS_N_PA; k++)
		fprintf(f, " %-*s", CELL, assess_pa_field(k) + 3);     /* "1.1" */
	fprintf(f, "  %*s %*s %*s", NUM, "lvl", NUM, "tgt", NUM, "gap");
	end_line(f, &buf, &len);

	for (size_t i = 0; i < pr->n; i++) {
		const struct assess_row *r = &pr->rows[i];
		const struct prm_process *p = &m->processes[r->process];
		char *id = esc(p->id), *name = shown_name(&names, p, name_w);
		char tgt[16] = "", gap[16] = "";

		f = start_line(&buf, &len);
		put_cell(f, id, id_w, &g);
		fputs("  ", f);
		put_cell(f, name, name_w, &g);
		for (size_t k = 0; k < ASSESS_N_PA; k++) {
			fputc(' ', f);
			put_cell(f, r->pa[k] ? assess_rating_text(r->pa[k]) : g.unrated, CELL, &g);
		}
		if (r->target >= 0)
			snprintf(tgt, sizeof tgt, "%d", r->target);
		if (r->has_gap)
			snprintf(gap, sizeof gap, "%d", r->gap);
		fprintf(f, "  %*s %*s %*s", NUM, assess_level_text(r->level), NUM, tgt, NUM, gap);
		if (bar && r->level >= 0) {
			fputc(' ', f);
			put_bar(f, r, &g);
		}
		end_line(f, &buf, &len);
		free(id);
		free(name);
	}
	putchar('\n');
	print_totals(&pr->totals, width);
	for (size_t i = 0; i < names.n; i++)
		free(names.v[i]);
	free(names.v);
}

int cmd_profile(struct cli *c, int argc, char **argv)
{
	struct prm_model *m;
	struct store *st;
	struct assess_profile pr;
	struct as_of at = { NULL, STORE_NOW };
	char *absent;
	const char *ref = NULL;
	size_t failed = 0;
	int rc = EXIT_USAGE, width;
	enum store_rc src;

	if (!cli_take_as_of(&argc, argv, &ref))
		return EXIT_USAGE;
	if (argc != 1) {
		cli_error("usage: prmwb profile [--as-of REF]   (no other arguments, not '%s')",
		          argv[1]);
		return EXIT_USAGE;
	}
	m = cli_model(c);
	if (!m)
		return EXIT_USAGE;
	st = cli_read_store(c, &rc, &absent);
	if (!st && !absent)
		return rc;
	free(absent);
	if (ref && (rc = cli_resolve_as_of(c, st, ref, &at.seq)) != EXIT_OK)
		return rc;
	at.st = st;
	/* Without --as-of: as of the newest entry when we start, so that a
	 * change committed while the records are read one by one (a bulk set
	 * of every process, say) does not show up half-way down the table. */
	if (st && !ref)
		at.seq = store_last_seq(st);
	src = !st ? assess_profile_read(m, get_empty, NULL, &pr, &failed)
	          : assess_profile_read(m, get_at, &at, &pr, &failed);
	if (src != STORE_OK) {
		char *what;

		if (!st) {
			cli_error("out of memory");
			return EXIT_USAGE;
		}
		what = text_printf("cannot read the record of %s",
		                   failed < m->n_processes ? m->processes[failed].id : "?");
		rc = cli_store_failed(st, src, what ? what : "cannot read a record");
		free(what);
		return rc;
	}
	width = cli_width();
	if (width > 0) {
		if (ref) {      /* piped, line 1 stays the header */
			char *r = esc(ref);

			printf("as of history #%llu (%s)\n", (unsigned long long)at.seq, r);
			free(r);
		}
		print_table(m, &pr, width);
	} else {
		print_tsv(m, &pr);
	}
	assess_profile_free(&pr);
	return EXIT_OK;
}

/* ---- diff ---------------------------------------------------------------- */

/* s for a tab-separated line, reversibly: backslash, tab, newline and
 * carriage return as \\, \t, \n, \r; any other C0 control and DEL as
 * \xHH, a C1 control as \u0080-\u009F, a byte that is not UTF-8 as
 * \xHH; everything else as it is. */
static void put_tsv(const char *s)
{
	size_t len = strlen(s);

	for (size_t i = 0; i < len;) {
		unsigned cp;
		size_t k = text_utf8_decode(s + i, len - i, &cp);

		if (k == 0) {
			printf("\\x%02x", (unsigned char)s[i]);
			i++;
			continue;
		}
		switch (cp) {
		case '\\': fputs("\\\\", stdout); break;
		case '\t': fputs("\\t", stdout); break;
		case '\n': fputs("\\n", stdout); break;
		case '\r': fputs("\\r", stdout); break;
		default:
			if (cp < 0x20 || cp == 0x7f)
				printf("\\x%02x", cp);
			else if (cp >= 0x80 && cp < 0xa0)
				printf("\\u%04X", cp);
			else
				fwrite(s + i, 1, k, stdout);
		}
		i += k;
	}
}

static void print_diff_tsv(const struct diff *d)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct diff_change *ch = &d->c[i];

		put_tsv(ch->id);
		putchar('\t');
		put_tsv(ch->field);
		putchar('\t');
		put_tsv(ch->old_value);
		putchar('\t');
		put_tsv(ch->new_value);
		putchar('\n');
	}
}

/* One side of a multi-line change, a line of it a line, after mark:
 * "    - first line". */
static void put_lines(const char *mark, const char *v)
{
	if (!v[0]) {
		printf("    %s (not set)\n", mark);
		return;
	}
	for (const char *line = v;;) {
		const char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);
		char *e = checked(text_escape(line, len, cli_esc_flags()));

		printf("    %s %s\n", mark, e);
		free(e);
		if (!nl)
			break;
		line = nl + 1;
	}
}

/* A one-line value on a terminal: escaped, "(not set)" if empty.
 * Malloc'd. */
static char *shown_value(const char *v)
{
	return v[0] ? esc(v) : checked(strdup("(not set)"));
}

static void print_diff_table(const struct prm_model *m, const struct diff *d)
{
	const char *arrow = text_locale_is_utf8() ? "\xe2\x86\x92" : "->";
	const char *last = NULL;
	int field_w = 0;

	for (size_t i = 0; i < d->n_level; i++) {
		const struct diff_change *ch = &d->c[i];
		char *id = esc(ch->id);

		printf("%s: level %s %s %s\n", id, ch->old_value, arrow, ch->new_value);
		free(id);
	}
	for (size_t i = d->n_level; i < d->n; i++) {
		char *f = esc(d->c[i].field);
		int w = text_width(f, strlen(f));

		if (w > field_w)
			field_w = w;
		free(f);
	}
	for (size_t i = d->n_level; i < d->n; i++) {
		const struct diff_change *ch = &d->c[i];
		char *f = esc(ch->field);

		if (!last || strcmp(last, ch->id) != 0) {
			char *id = esc(ch->id);

			if (i > 0)
				putchar('\n');
			if (ch->process < m->n_processes) {
				char *name = esc(m->processes[ch->process].name);

				printf("%s %s\n", id, name);
				free(name);
			} else {
				char *mid = esc(m->id);

				printf("%s (orphan: not in model %s)\n", id, mid);
				free(mid);
			}
			free(id);
			last = ch->id;
		}
		if (strchr(ch->old_value, '\n') || strchr(ch->new_value, '\n')) {
			/* several lines: each side as lines of its own, so that
			 * the reader sees every line */
			printf("  %s\n", f);
			put_lines("-", ch->old_value);
			put_lines("+", ch->new_value);
		} else {
			char *o = shown_value(ch->old_value), *n = shown_value(ch->new_value);

			printf("  %s%*s  %s %s %s\n", f, field_w - text_width(f, strlen(f)), "",
			       o, arrow, n);
			free(o);
			free(n);
		}
		free(f);
	}
}

int cmd_diff(struct cli *c, int argc, char **argv)
{
	struct prm_model *m;
	struct store *st;
	struct diff d;
	char *absent, *failed = NULL;
	uint64_t from = 0, to = 0;
	int rc = EXIT_USAGE;
	enum store_rc src;

	if (argc != 2 && argc != 3) {
		cli_error("usage: prmwb diff REF [REF2]   (REF2: now)");
		return EXIT_USAGE;
	}
	m = cli_model(c);
	if (!m)
		return EXIT_USAGE;
	st = cli_read_store(c, &rc, &absent);
	if (!st && !absent)
		return rc;
	free(absent);
	if ((rc = cli_resolve_ref(c, st, "diff", argv[1], &from)) != EXIT_OK)
		return rc;
	/* "now" is the newest entry when we start: a change committed
	 * meanwhile cannot show half-way through the comparison */
	if (argc == 3 && (rc = cli_resolve_ref(c, st, "diff", argv[2], &to)) != EXIT_OK)
		return rc;
	if (argc == 2 && st)
		to = store_last_seq(st);
	src = diff_read(m, st, from, to, &d, &failed);
	if (src != STORE_OK) {
		char *what = text_printf("cannot read the record of %s", failed ? failed : "?");

		free(failed);
		if (!st) {
			free(what);
			cli_error("out of memory");
			return EXIT_USAGE;
		}
		rc = cli_store_failed(st, src, what ? what : "cannot read a record");
		free(what);
		return rc;
	}
	if (cli_width() > 0) {
		char *r1 = esc(argv[1]), *r2 = esc(argc == 3 ? argv[2] : "now");

		printf("from history #%llu (%s) to #%llu (%s): ", (unsigned long long)from, r1,
		       (unsigned long long)to, r2);
		if (d.n == 0)
			printf("no differences\n");
		else
			printf("%zu level%s, %zu field%s of %zu process%s changed\n\n",
			       d.n_level, d.n_level == 1 ? "" : "s",
			       d.n - d.n_level, d.n - d.n_level == 1 ? "" : "s",
			       d.n_processes, d.n_processes == 1 ? "" : "es");
		free(r1);
		free(r2);
		print_diff_table(m, &d);
	} else {
		print_diff_tsv(&d);
	}
	diff_free(&d);
	return EXIT_OK;
}
