/* export_report.c - reports for people and spreadsheets: CSV (a row per
 * process) and Markdown (one document). Both are built from the same
 * records and the same derived values (assess.h) the profile shows. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "assess.h"
#include "emit.h"
#include "export_int.h"
#include "model.h"
#include "record.h"
#include "text.h"

/* ---- CSV ---------------------------------------------------------------- */

/* A column: a field of the table (outcome.N with its number), or one of
 * the model's texts. */
struct col {
	const struct field_def *def;    /* NULL: id, name or category */
	const char *name;               /* header */
	int outcome;
};

/* Whether a value of field def is data that cannot be a formula: a valid
 * value of an enum or date field (level and gap are ours). Anything else
 * is free text and neutralised if it starts like a formula. */
static bool free_text(const struct field_def *def, const char *name, const char *v)
{
	char *why = NULL, *norm;
	bool data;

	if (!def)
		return true;
	if (def->kind == FIELD_DERIVED)
		return false;
	if (def->kind != FIELD_ENUM && def->kind != FIELD_DATE)
		return true;
	norm = record_validate(name, v, PRM_MAX_OUTCOME, &why);
	data = norm && strcmp(norm, v) == 0;
	free(norm);
	free(why);
	return !data;
}

static void csv_cell(FILE *f, bool first, const struct field_def *def, const char *name,
                     const char *v)
{
	if (!first)
		putc(',', f);
	emit_csv(f, v ? v : "", free_text(def, name, v ? v : ""));
}

/* The highest outcome number of the rows: the model's and any stored. */
static bool outcome_max(void *arg, struct xwalk_item *it)
{
	int *max = arg;

	if (it->p && prm_process_outcome_max(it->p) > *max)
		*max = prm_process_outcome_max(it->p);
	for (size_t k = 0; k < it->rec.rec.n_fields; k++) {
		int n = 0;

		if (record_field(it->rec.rec.fields[k].field, &n) && n > *max)
			*max = n;
	}
	return true;
}

/* Whether the profile's CSV has a column of field d: capability levels,
 * target and gap only. */
static bool profile_col(const struct field_def *d)
{
	return d->cap_level || strcmp(d->name, "level") == 0 || strcmp(d->name, "target") == 0 ||
	       strcmp(d->name, "gap") == 0;
}

struct csv {
	struct xctx *c;
	bool profile;
	int max;
};

static bool csv_row(void *arg, struct xwalk_item *it)
{
	struct csv *w = arg;
	struct xctx *c = w->c;
	FILE *f = c->f;
	const struct prm_process *p = it->p;
	struct assess_row row;

	assess_row(c->m, it->index, &it->rec.rec, &row);
	csv_cell(f, true, NULL, "id", it->id);
	csv_cell(f, false, NULL, "name", p ? p->name : "");
	csv_cell(f, false, NULL, "category", p ? c->m->categories[p->category].id : "");
	for (size_t k = 0; k < record_n_fields; k++) {
		const struct field_def *d = &record_fields[k];
		const struct field_value *fv;

		if (w->profile && !profile_col(d))
			continue;
		if (d->kind == FIELD_DERIVED) {
			char buf[32];
			const char *v = assess_derived(&row, d->name, buf, sizeof buf);

			csv_cell(f, false, d, d->name, v ? v : "");
		} else if (!d->numbered) {
			fv = record_get(&it->rec.rec, d->name);
			csv_cell(f, false, d, d->name, fv ? fv->value : "");
		} else {
			for (int n = 1; n <= w->max; n++) {
				char name[32];

				snprintf(name, sizeof name, "%s.%d", d->name, n);
				fv = record_get(&it->rec.rec, name);
				csv_cell(f, false, d, name, fv ? fv->value : "");
			}
		}
	}
	fputs("\r\n", f);
	return true;
}

void export_csv(struct xctx *c)
{
	FILE *f = c->f;
	struct csv w = { .c = c, .profile = c->o->scope == EXPORT_PROFILE };

	if (!w.profile && !xctx_walk(c, 0, false, outcome_max, &w.max))
		return;
	fputs("id,name,category", f);
	for (size_t i = 0; i < record_n_fields; i++) {
		const struct field_def *d = &record_fields[i];

		if (w.profile && !profile_col(d))
			continue;
		if (!d->numbered)
			fprintf(f, ",%s", d->name);
		else
			for (int n = 1; n <= w.max; n++)
				fprintf(f, ",%s.%d", d->name, n);
	}
	fputs("\r\n", f);
	xctx_walk(c, 0, true, csv_row, &w);
}

/* ---- Markdown ----------------------------------------------------------- */

static void md(FILE *f, const char *s)
{
	emit_md(f, s ? s : "", 0);
}

static void md_cell(FILE *f, const char *s)
{
	emit_md(f, s && *s ? s : "-", EMIT_MD_TABLE);
}

static void md_profile(struct xctx *c, const struct assess_row *rows, size_t n)
{
	FILE *f = c->f;
	struct assess_totals t;

	fputs("## Capability profile\n\n| Process | Name |", f);
	for (size_t k = 0; k < ASSESS_N_PA; k++)
		fprintf(f, " %s |", assess_pa_field(k) + 3);
	fputs(" Level | Target | Gap |\n|---|---|", f);
	for (size_t k = 0; k < ASSESS_N_PA; k++)
		fputs(":-:|", f);
	fputs(":-:|:-:|:-:|\n", f);
	for (size_t i = 0; i < n; i++) {
		const struct prm_process *p = &c->m->processes[rows[i].process];
		char tgt[16] = "", gap[16] = "";

		fputs("| ", f);
		md_cell(f, p->id);
		fputs(" | ", f);
		md_cell(f, p->name);
		fputs(" |", f);
		for (size_t k = 0; k < ASSESS_N_PA; k++)
			fprintf(f, " %s |", rows[i].pa[k] ? assess_rating_text(rows[i].pa[k]) : "-");
		if (rows[i].target >= 0)
			snprintf(tgt, sizeof tgt, "%d", rows[i].target);
		if (rows[i].has_gap)
			snprintf(gap, sizeof gap, "%d", rows[i].gap);
		fprintf(f, " %s | %s | %s |\n", assess_level_text(rows[i].level), tgt[0] ? tgt : "-",
		        gap[0] ? gap : "-");
	}
	assess_totals(rows, n, &t);
	fputs("\nProcesses per level:", f);
	for (int k = 0; k <= ASSESS_MAX_LEVEL; k++)
		fprintf(f, " %d: %zu%s", k, t.at_level[k], k < ASSESS_MAX_LEVEL ? "," : ";");
	fprintf(f, " not assessed: %zu; below target: %zu; not applicable: %zu.\n\n",
	        t.not_assessed, t.below_target, t.not_applicable);
}

static void md_list(FILE *f, const char *title, const struct prm_list *l)
{
	if (l->n == 0)
		return;
	fprintf(f, "**%s**\n\n", title);
	for (size_t i = 0; i < l->n; i++) {
		fputs("- ", f);
		md(f, l->items[i]);
		putc('\n', f);
	}
	putc('\n', f);
}

static void md_value(FILE *f, const struct field_def *d, const char *label, const char *v)
{
	if (d && (d->kind == FIELD_TEXT || d->kind == FIELD_LIST) && strchr(v, '\n')) {
		fprintf(f, "- **%s:**\n", label);
		for (const char *s = v; *s;) {
			const char *nl = strchr(s, '\n');
			size_t n = nl ? (size_t)(nl - s) : strlen(s);
			char *line = strndup(s, n);

			fputs(d->kind == FIELD_LIST ? "  - " : "  > ", f);
			md(f, line ? line : "");
			putc('\n', f);
			free(line);
			s += n + (nl != NULL);
		}
		return;
	}
	fprintf(f, "- **%s:** ", label);
	md(f, v[0] ? v : "-");
	putc('\n', f);
}

static void md_process(struct xctx *c, const char *id, const struct prm_process *p,
                       const struct xrecord *r, const struct assess_row *row)
{
	FILE *f = c->f;
	char when[32];

	fputs(p ? (p->depth > 0 ? "#### " : "### ") : "### ", f);
	md(f, id);
	putc(' ', f);
	md(f, p ? p->name : "(orphan: not in the model; record kept)");
	fputs("\n\n", f);
	if (p) {
		md(f, p->purpose);
		fputs("\n\n", f);
		if (p->n_outcomes) {
			fputs("| Outcome | | Rating |\n|--:|---|:-:|\n", f);
			for (size_t k = 0; k < p->n_outcomes; k++) {
				char name[32];
				const struct field_value *fv;

				snprintf(name, sizeof name, "outcome.%d", p->outcomes[k].number);
				fv = record_get(&r->rec, name);
				fprintf(f, "| %d | ", p->outcomes[k].number);
				md_cell(f, p->outcomes[k].text);
				fputs(" | ", f);
				md_cell(f, fv ? fv->value : "");
				fputs(" |\n", f);
			}
			putc('\n', f);
		}
		md_list(f, "Activities", &p->activities);
		md_list(f, "Inputs", &p->inputs);
		md_list(f, "Outputs", &p->outputs);
	}
	fputs("**Record**\n\n", f);
	for (size_t k = 0; k < record_n_fields; k++) {
		const struct field_def *d = &record_fields[k];
		const struct field_value *fv;

		if (d->numbered || d->cap_level)
			continue;
		if (d->kind == FIELD_DERIVED) {
			char buf[32];
			const char *v = assess_derived(row, d->name, buf, sizeof buf);

			md_value(f, d, d->label, v ? v : "");
			continue;
		}
		fv = record_get(&r->rec, d->name);
		md_value(f, d, d->label, fv ? fv->value : "");
	}
	fputs("- **PA ratings:**", f);
	for (size_t k = 0; k < ASSESS_N_PA; k++)
		fprintf(f, " %s %s%s", assess_pa_field(k) + 3,
		        row->pa[k] ? assess_rating_text(row->pa[k]) : "-",
		        k + 1 < ASSESS_N_PA ? "," : "\n");
	/* outcome ratings the model does not list (retired numbers) */
	for (size_t k = 0; k < r->n; k++) {
		int n = 0;
		const struct field_def *d = record_field(r->f[k].name, &n);

		if (d && d->numbered && r->f[k].fv && (!p || !prm_process_outcome(p, n)))
			md_value(f, d, r->f[k].name, r->f[k].fv->value);
	}
	if (r->rec.rev) {
		emit_time(r->rec.time, when, sizeof when);
		fprintf(f, "\nLast change: #%llu, %s by ", (unsigned long long)r->rec.rev, when);
		md(f, r->rec.user);
		fputs("\n\n", f);
	} else {
		fputs("\nNo record yet.\n\n", f);
	}
}

static void md_category(struct xctx *c, const struct prm_category *cat)
{
	fputs("## ", c->f);
	md(c->f, cat->name);
	fputs("\n\n", c->f);
}

static void md_orphans(struct xctx *c)
{
	fputs("## Orphan records\n\nRecords of processes the model does not have.\n\n", c->f);
}

static const struct xsections md_sections = { md_category, md_orphans, md_process };

void export_markdown(struct xctx *c)
{
	FILE *f = c->f;
	const struct prm_model *m = c->m;
	struct assess_row *rows;
	char when[32];

	fputs("# ", f);
	md(f, m->title);
	fputs(": process records\n\n- Model: ", f);
	md(f, m->id);
	if (m->version) {
		fputs(", version ", f);
		md(f, m->version);
	}
	emit_time(c->v.time, when, sizeof when);
	fprintf(f, "\n- Store: %s%sas of history entry #%llu (%s)\n- Generated: %s\n\n",
	        c->v.uuid[0] ? c->v.uuid : "", c->v.uuid[0] ? ", " : "",
	        (unsigned long long)c->v.seq, when, c->generated);
	/* the profile needs every row first */
	if (!xctx_rows(c, &rows, NULL))
		return;
	if (c->n_sel)
		md_profile(c, rows, c->n_sel);
	if (c->o->scope != EXPORT_PROFILE)
		xctx_sections(c, rows, &md_sections);
	else
		c->written = c->n_sel;
	free(rows);
}
