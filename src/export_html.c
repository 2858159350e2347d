/* export_html.c - one self-contained HTML report for an auditor: a title
 * page, the capability profile as an inline SVG chart, a status overview
 * and every process with its purpose, outcomes, record and last change.
 * No script and no external resource (fonts, images, styles: all inline);
 * print styles lay it out on A4. Every text from the model or a record
 * goes through emit_html(). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "assess.h"
#include "emit.h"
#include "export_int.h"
#include "model.h"
#include "record.h"

static const char css[] =
":root{--ink:#1a202c;--muted:#5a6472;--line:#d5dae1;--bar:#2f6fb3;--target:#c2410c;"
"--soft:#f4f6f8}\n"
"*{box-sizing:border-box}\n"
"body{margin:0;color:var(--ink);background:#fff;font:15px/1.45 system-ui,-apple-system,"
"\"Segoe UI\",Roboto,\"DejaVu Sans\",sans-serif}\n"
"main{max-width:62rem;margin:0 auto;padding:1.5rem 1.25rem 3rem}\n"
"h1{font-size:1.9rem;margin:0 0 .2rem}h2{font-size:1.35rem;margin:2rem 0 .6rem;"
"padding-bottom:.2rem;border-bottom:2px solid var(--ink)}\n"
"h3{font-size:1.1rem;margin:1.6rem 0 .4rem;color:var(--muted);text-transform:uppercase;"
"letter-spacing:.04em}\n"
"h4{font-size:1.05rem;margin:0 0 .35rem}h4 .id{display:inline-block;min-width:3.2rem;"
"color:var(--bar)}\n"
".badge{display:inline-block;font-size:.75rem;font-weight:600;padding:.05rem .45rem;"
"margin-left:.5rem;border:1px solid var(--line);border-radius:3px;color:var(--muted);"
"vertical-align:middle;white-space:nowrap}\n"
".badge.na{color:#fff;background:var(--muted);border-color:var(--muted)}\n"
".badge.gap{color:var(--target);border-color:var(--target)}\n"
"nav.toc{margin:1.2rem 0 0;font-size:.95rem}nav.toc ol{margin:.2rem 0;padding-left:1.3rem}\n"
"a{color:var(--bar);text-decoration:none}\n"
".title{border-bottom:4px solid var(--bar);padding-bottom:1rem;margin-bottom:1rem}\n"
".sub{color:var(--muted);margin:0 0 1rem;font-size:1.1rem}\n"
"dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:0}\n"
"dl.meta dt{font-weight:600}dl.meta dd{margin:0;overflow-wrap:anywhere}\n"
".chart{width:100%;height:auto;max-width:60rem;display:block}\n"
".legend{color:var(--muted);font-size:.85rem;margin:.3rem 0 0}\n"
".legend i{display:inline-block;width:.9rem;height:.7rem;margin:0 .3rem 0 .8rem;"
"vertical-align:baseline}\n"
".legend i.target{width:.6rem;height:.6rem;margin-left:1rem;transform:rotate(45deg)}\n"
"table{border-collapse:collapse;width:100%;margin:.4rem 0 .8rem;font-size:.92rem}\n"
"th,td{border-bottom:1px solid var(--line);padding:.25rem .45rem;text-align:left;"
"vertical-align:top}\n"
"th{background:var(--soft);font-weight:600}\n"
"td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}\n"
"td.r{text-align:center;font-weight:600;width:4rem}\n"
"table.pa th,table.pa td{text-align:center;padding:.2rem .3rem;font-variant-numeric:"
"tabular-nums}\n"
"table.pa td{font-weight:600}table.pa th.sep,table.pa td.sep{border-left:2px solid var(--line)}\n"
".overview{display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));"
"gap:0 1.5rem;align-items:start}\n"
"article{border:1px solid var(--line);border-radius:6px;padding:.8rem 1rem;margin:.7rem 0;"
"break-inside:avoid}\n"
"article.sub{margin-left:1.5rem}\n"
".purpose{margin:.2rem 0 .6rem}\n"
"dl.record{display:grid;grid-template-columns:max-content 1fr;gap:.1rem .9rem;margin:.4rem 0}\n"
"dl.record dt{color:var(--muted)}dl.record dd{margin:0;white-space:pre-wrap;"
"overflow-wrap:anywhere}\n"
".lists{display:grid;grid-template-columns:repeat(auto-fit,minmax(15rem,1fr));gap:0 1.2rem;"
"font-size:.9rem}\n"
".lists ul{margin:.2rem 0 .5rem;padding-left:1.1rem}.lists b{display:block;margin-top:.3rem}\n"
".last{color:var(--muted);font-size:.85rem;margin:.4rem 0 0}\n"
".empty{color:var(--muted)}\n"
"@media print{@page{size:A4;margin:15mm 14mm 16mm}\n"
"body{font-size:9.5pt}main{max-width:none;padding:0}\n"
".title{break-after:page;border-bottom-width:3px;padding-top:30mm}\n"
"h1{font-size:22pt}h2{break-after:avoid}h3{break-after:avoid}\n"
"#overview{break-inside:avoid}\n"
"#processes{break-before:page}\n"
"article{border-color:#bbb;break-inside:auto}\n"
"h4,.purpose,dl.record dt{break-after:avoid}tr,table.pa,.lists li{break-inside:avoid}\n"
"table.pa{font-size:8pt}table.pa th{white-space:nowrap}\n"
"table.pa th,table.pa td{padding:.15rem .2rem}\n"
".chart,.legend i,h4 .id,.badge{-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
"nav.toc{display:none}}\n";

static void h(FILE *f, const char *s)
{
	emit_html(f, s ? s : "");
}

/* ---- the profile chart ------------------------------------------------ */

#define ROW 20          /* px per process */
#define LABEL 280       /* px for id and name */
#define UNIT 56         /* px per level */
#define TOP 26
#define RIGHT 96        /* "not assessed" and the gap */

static void chart(struct xctx *c, const struct assess_row *rows, size_t n)
{
	FILE *f = c->f;
	int width = LABEL + UNIT * ASSESS_MAX_LEVEL + RIGHT;
	int height = TOP + ROW * (int)n + 8;

	fprintf(f, "<svg class=\"chart\" viewBox=\"0 0 %d %d\" "
	        "width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"Capability level and target "
	        "per process\">\n", width, height, width, height);
	fprintf(f, "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"#fff\"/>\n", width, height);
	for (int k = 0; k <= ASSESS_MAX_LEVEL; k++) {
		int x = LABEL + UNIT * k;

		fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#d5dae1\"/>"
		        "<text x=\"%d\" y=\"16\" font-size=\"12\" text-anchor=\"middle\" "
		        "fill=\"#5a6472\" font-family=\"sans-serif\">%d</text>\n",
		        x, TOP - 4, x, height - 4, x, k);
	}
	for (size_t i = 0; i < n; i++) {
		const struct assess_row *r = &rows[i];
		const struct prm_process *p = &c->m->processes[r->process];
		int y = TOP + ROW * (int)i;

		if (i % 2 == 0)
			fprintf(f, "<rect x=\"0\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#f4f6f8\"/>\n",
			        y, width, ROW);
		fprintf(f, "<text x=\"%d\" y=\"%d\" font-size=\"12\" fill=\"#1a202c\" "
		        "font-family=\"sans-serif\"><tspan font-weight=\"bold\">",
		        6 + 12 * (p->depth > 0 ? p->depth : 0), y + 14);
		h(f, p->id);
		fputs("</tspan> ", f);
		h(f, prm_process_short(p));
		fputs("<title>", f);
		h(f, p->name);
		fputs("</title></text>\n", f);
		if (r->level > 0)
			fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"2\" "
			        "fill=\"#2f6fb3\"/>\n", LABEL, y + 4, UNIT * r->level, ROW - 8);
		if (r->target >= 0 && r->level != ASSESS_NA) {
			int x = LABEL + UNIT * r->target;

			fprintf(f, "<path d=\"M%d %dL%d %dL%d %dL%d %dZ\" fill=\"#c2410c\"/>\n",
			        x, y + 3, x + 6, y + ROW / 2, x, y + ROW - 3, x - 6, y + ROW / 2);
		}
		if (r->level < 0 || r->level == 0)
			fprintf(f, "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"#5a6472\" "
			        "font-family=\"sans-serif\">%s</text>\n", LABEL + 8, y + 14,
			        r->level == ASSESS_NA ? "not applicable" :
			        r->level == ASSESS_NOT_ASSESSED ? "not assessed" : "level 0");
		if (r->has_gap && r->gap > 0)
			fprintf(f, "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"#c2410c\" "
			        "font-family=\"sans-serif\">gap %d</text>\n",
			        LABEL + UNIT * ASSESS_MAX_LEVEL + 12, y + 14, r->gap);
	}
	fputs("</svg>\n<p class=\"legend\">Capability level (ISO/IEC 33020)<i style=\"background:"
	      "#2f6fb3\"></i>level reached<i class=\"target\" style=\"background:#c2410c\"></i>target"
	      "</p>\n", f);
}

/* ---- overview ----------------------------------------------------------- */

static void row_count(FILE *f, const char *what, size_t n)
{
	fprintf(f, "<tr><td>%s</td><td class=\"n\">%zu</td></tr>\n", what, n);
}

static void overview(struct xctx *c, const struct assess_row *rows, size_t n)
{
	FILE *f = c->f;
	struct assess_overview o;
	const struct field_def *status = record_field("status", NULL);

	assess_overview(rows, n, assess_day(c->gen_time), &o);
	fputs("<section id=\"overview\"><h2>Status overview</h2>\n<div class=\"overview\">\n"
	      "<table><thead><tr><th>Status</th><th class=\"n\">Processes</th></tr></thead>"
	      "<tbody>\n", f);
	for (size_t k = 0; status && status->choices[k]; k++)
		row_count(f, status->choices[k], o.by_status[k + 1]);
	row_count(f, "not set", o.by_status[0]);
	fputs("</tbody></table>\n<table><thead><tr><th>Capability</th><th class=\"n\">Processes"
	      "</th></tr></thead><tbody>\n", f);
	for (int k = 0; k <= ASSESS_MAX_LEVEL; k++) {
		char what[32];

		snprintf(what, sizeof what, "level %d", k);
		row_count(f, what, o.totals.at_level[k]);
	}
	row_count(f, "not assessed", o.totals.not_assessed);
	row_count(f, "below target", o.totals.below_target);
	fputs("</tbody></table>\n<table><thead><tr><th>Attention</th><th class=\"n\">Processes"
	      "</th></tr></thead><tbody>\n", f);
	row_count(f, "no owner", o.no_owner);
	row_count(f, "review date passed", o.review_passed);
	fprintf(f, "<tr><td>review due within %d days</td><td class=\"n\">%zu</td></tr>\n",
	        ASSESS_REVIEW_DUE_DAYS, o.review_due);
	row_count(f, "not applicable", o.not_applicable);
	fputs("</tbody></table>\n</div>\n<p class=\"legend\">Review dates are counted from the "
	      "generation date.</p></section>\n", f);
}

/* ---- processes ------------------------------------------------------------ */

static void list(FILE *f, const char *title, const struct prm_list *l)
{
	if (l->n == 0)
		return;
	fprintf(f, "<div><b>%s</b><ul>", title);
	for (size_t i = 0; i < l->n; i++) {
		fputs("<li>", f);
		h(f, l->items[i]);
		fputs("</li>", f);
	}
	fputs("</ul></div>\n", f);
}

static void dd(FILE *f, const char *label, const char *v)
{
	fputs("<dt>", f);
	h(f, label);
	fputs("</dt><dd>", f);
	if (v && *v)
		h(f, v);
	else
		fputs("<span class=\"empty\">&#8211;</span>", f);
	fputs("</dd>\n", f);
}

/* The assessment in one row: the nine PA ratings, then level, target and
 * gap (a column per capability level's first PA is set apart). */
static void pa_table(FILE *f, const struct xrecord *r, const struct assess_row *row)
{
	char buf[32];

	fputs("<table class=\"pa\"><thead><tr>", f);
	for (size_t k = 0; k < record_n_fields; k++) {
		const struct field_def *d = &record_fields[k];

		if (d->cap_level > 0) {
			fputs(k > 0 && record_fields[k - 1].cap_level != d->cap_level ?
			      "<th class=\"sep\">" : "<th>", f);
			h(f, d->label);
			fputs("</th>", f);
		}
	}
	fputs("<th class=\"sep\">Level</th><th>Target</th><th>Gap</th></tr></thead>\n<tbody><tr>", f);
	for (size_t k = 0; k < record_n_fields; k++) {
		const struct field_def *d = &record_fields[k];
		const struct field_value *fv;

		if (d->cap_level <= 0)
			continue;
		fv = record_get(&r->rec, d->name);
		fputs(k > 0 && record_fields[k - 1].cap_level != d->cap_level ?
		      "<td class=\"sep\">" : "<td>", f);
		h(f, fv && fv->value[0] ? fv->value : "-");
		fputs("</td>", f);
	}
	fputs("<td class=\"sep\">", f);
	h(f, assess_derived(row, "level", buf, sizeof buf));
	fputs("</td><td>", f);
	h(f, row->target >= 0 ? assess_level_text(row->target) : "-");
	fputs("</td><td>", f);
	h(f, row->has_gap ? assess_derived(row, "gap", buf, sizeof buf) : "");
	fputs("</td></tr></tbody></table>\n", f);
}

/* Fields shown in the assessment row rather than in the record's list. */
static bool in_pa_table(const struct field_def *d)
{
	return d->cap_level > 0 || d->kind == FIELD_DERIVED || strcmp(d->name, "target") == 0;
}

static void process(struct xctx *c, const char *id, const struct prm_process *p,
                    const struct xrecord *r, const struct assess_row *row)
{
	FILE *f = c->f;
	const struct field_value *st = record_get(&r->rec, "status");

	fprintf(f, "<article%s id=\"", p && p->depth > 0 ? " class=\"sub\"" : "");
	fputs(p ? "p-" : "orphan-", f);
	h(f, id);
	fputs("\"><h4><span class=\"id\">", f);
	h(f, id);
	fputs("</span> ", f);
	h(f, p ? p->name : "(orphan: not in the model; record kept)");
	/* What an auditor looks for first, at the heading. */
	if (!row->applicable) {
		fputs("<span class=\"badge na\">not applicable</span>", f);
	} else {
		if (st && st->value[0]) {
			fputs("<span class=\"badge\">", f);
			h(f, st->value);
			fputs("</span>", f);
		}
		if (row->has_gap && row->gap > 0)
			fprintf(f, "<span class=\"badge gap\">level %d, target %d</span>", row->level,
			        row->target);
	}
	fputs("</h4>\n", f);
	if (p) {
		fputs("<p class=\"purpose\">", f);
		h(f, p->purpose);
		fputs("</p>\n", f);
		if (p->n_outcomes) {
			fputs("<table class=\"outcomes\"><thead><tr><th class=\"n\">#</th><th>Outcome"
			      "</th><th>Rating</th></tr></thead><tbody>\n", f);
			for (size_t k = 0; k < p->n_outcomes; k++) {
				char name[32];
				const struct field_value *fv;

				snprintf(name, sizeof name, "outcome.%d", p->outcomes[k].number);
				fv = record_get(&r->rec, name);
				fprintf(f, "<tr><td class=\"n\">%d</td><td>", p->outcomes[k].number);
				h(f, p->outcomes[k].text);
				fputs("</td><td class=\"r\">", f);
				h(f, fv && fv->value[0] ? fv->value : "-");
				fputs("</td></tr>\n", f);
			}
			fputs("</tbody></table>\n", f);
		}
	}
	pa_table(f, r, row);
	fputs("<dl class=\"record\">\n", f);
	for (size_t k = 0; k < record_n_fields; k++) {
		const struct field_def *d = &record_fields[k];
		const struct field_value *fv;

		if (d->numbered || in_pa_table(d))
			continue;
		fv = record_get(&r->rec, d->name);
		dd(f, d->label, fv ? fv->value : "");
	}
	for (size_t k = 0; k < r->n; k++) {
		int n = 0;
		const struct field_def *d = record_field(r->f[k].name, &n);

		if (d && d->numbered && r->f[k].fv && (!p || !prm_process_outcome(p, n)))
			dd(f, r->f[k].name, r->f[k].fv->value);
	}
	fputs("</dl>\n", f);
	if (p && (p->activities.n || p->inputs.n || p->outputs.n)) {
		fputs("<div class=\"lists\">", f);
		list(f, "Activities", &p->activities);
		list(f, "Inputs", &p->inputs);
		list(f, "Outputs", &p->outputs);
		fputs("</div>\n", f);
	}
	fputs("<p class=\"last\">", f);
	if (r->rec.rev) {
		char when[32];

		emit_time(r->rec.time, when, sizeof when);
		fprintf(f, "Last change: #%llu, %s by ", (unsigned long long)r->rec.rev, when);
		h(f, r->rec.user);
	} else {
		fputs("No record yet.", f);
	}
	fputs("</p>\n</article>\n", f);
}

static void category(struct xctx *c, const struct prm_category *cat)
{
	fputs("<h3 id=\"cat-", c->f);
	h(c->f, cat->id);
	fputs("\">", c->f);
	h(c->f, cat->name);
	fputs("</h3>\n", c->f);
}

static void orphans(struct xctx *c)
{
	fputs("<h3 id=\"orphans\">Orphan records</h3>\n", c->f);
}

static const struct xsections sections = { category, orphans, process };

void export_html(struct xctx *c)
{
	FILE *f = c->f;
	const struct prm_model *m = c->m;
	struct assess_row *rows;
	const struct prm_process *p;
	size_t last_cat = (size_t)-1;
	char when[32];

	if (!xctx_rows(c, &rows, NULL))
		return;
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	      "<meta name=\"generator\" content=\"prmwb " PACKAGE_VERSION "\">\n<title>", f);
	h(f, m->title);
	fprintf(f, ": process records</title>\n<style>\n%s</style>\n</head>\n<body>\n<main>\n", css);
	fputs("<header class=\"title\">\n<h1>", f);
	h(f, m->title);
	fputs("</h1>\n<p class=\"sub\">Process records and capability profile</p>\n"
	      "<dl class=\"meta\">\n<dt>Model</dt><dd>", f);
	h(f, m->id);
	if (m->version) {
		fputs(", version ", f);
		h(f, m->version);
	}
	fputs("</dd>\n<dt>Store</dt><dd>", f);
	h(f, c->v.uuid[0] ? c->v.uuid : "(no UUID)");
	emit_time(c->v.time, when, sizeof when);
	fprintf(f, "</dd>\n<dt>As of</dt><dd>history entry #%llu, %s</dd>\n",
	        (unsigned long long)c->v.seq, c->v.seq ? when : "(no history)");
	if (c->v.seq) {
		/* The sequence the report is made from: an auditor can ask for
		 * the same entries again (prmwb log, export --as-of). */
		char first[32];

		emit_time(c->v.first_time, first, sizeof first);
		fprintf(f, "<dt>History</dt><dd>entries #1 to #%llu, %s to %s</dd>\n",
		        (unsigned long long)c->v.seq, first, when);
	}
	fprintf(f, "<dt>Generated</dt><dd>%s</dd>\n<dt>Processes</dt><dd>%zu", c->generated,
	        c->n_sel);
	if (c->n_orphans)
		fprintf(f, " and %zu orphan record%s", c->n_orphans, c->n_orphans == 1 ? "" : "s");
	fputs("</dd>\n</dl>\n", f);
	/* Links within the file only (no resource is ever fetched). */
	fputs("<nav class=\"toc\"><b>Contents</b><ol><li><a href=\"#profile\">Capability "
	      "profile</a></li><li><a href=\"#overview\">Status overview</a></li>", f);
	if (c->o->scope != EXPORT_PROFILE && c->n_sel + c->n_orphans) {
		fputs("<li><a href=\"#processes\">Processes</a><ol>", f);
		for (size_t i = 0; i < c->n_sel; i++) {
			p = &m->processes[c->sel[i]];
			if (p->category == last_cat)
				continue;
			last_cat = p->category;
			fputs("<li><a href=\"#cat-", f);
			h(f, m->categories[p->category].id);
			fputs("\">", f);
			h(f, m->categories[p->category].name);
			fputs("</a></li>", f);
		}
		if (c->n_orphans)
			fputs("<li><a href=\"#orphans\">Orphan records</a></li>", f);
		fputs("</ol></li>", f);
	}
	fputs("</ol></nav>\n</header>\n", f);
	fputs("<section id=\"profile\"><h2>Capability profile</h2>\n", f);
	chart(c, rows, c->n_sel);
	fputs("</section>\n", f);
	overview(c, rows, c->n_sel);
	if (c->o->scope != EXPORT_PROFILE) {
		fputs("<section id=\"processes\"><h2>Processes</h2>\n", f);
		xctx_sections(c, rows, &sections);
		fputs("</section>\n", f);
	} else {
		c->written = c->n_sel;
	}
	fputs("</main>\n</body>\n</html>\n", f);
	free(rows);
}
