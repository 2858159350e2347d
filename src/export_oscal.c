/* export_oscal.c - OSCAL 1.1.3 JSON: the model as a catalog, the records
 * as assessment results.
 *
 * Ids and UUIDs are the same on every export (prmwb(1), OSCAL):
 * - control id "prm-" + the process id, group id "cat-" + the category id,
 *   each with every character other than an ASCII letter, digit, '.' or
 *   '-' written as '_' and two hex digits per byte ("7.4" -> "prm-7.4");
 *   the statement part "prm-7.4_smt", outcome N "prm-7.4_smt.oN", the
 *   overview (summary) "prm-7.4_ovw", activities, inputs and outputs
 *   "prm-7.4_act", "_inp", "_out";
 * - version 5 UUIDs in namespace UUID_PRMWB_NS of the names
 *   "result:MODEL", "finding:MODEL:PROCESS",
 *   "observation:MODEL:PROCESS:evidence:N" (N the evidence line, from 1),
 *   "assessment-plan:MODEL"; the document's own UUID of
 *   "catalog:MODEL:SHA256" / "assessment-results:MODEL:SHA256", SHA256 the
 *   hash of the document's text after its uuid member, so it changes
 *   exactly when the content does;
 * - prmwb's own props, parts and link relations are in the namespace
 *   OSCAL_NS. */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "assess.h"
#include "emit.h"
#include "export_int.h"
#include "model.h"
#include "record.h"
#include "sha.h"
#include "text.h"
#include "uuid.h"

#define OSCAL_VERSION "1.1.3"
#define OSCAL_NS "urn:prmwb:oscal"

/* ---- a small pretty-printing JSON writer ------------------------------------ */

#define JW_DEPTH 32

struct jw {
	FILE *f;
	int depth;
	bool more[JW_DEPTH];        /* an item written at this depth */
};

static void jw_sep(struct jw *w, const char *key)
{
	FILE *f = w->f;

	if (w->depth > 0) {
		fputs(w->more[w->depth] ? ",\n" : "\n", f);
		w->more[w->depth] = true;
		fprintf(f, "%*s", 2 * w->depth, "");
	}
	if (key)
		fprintf(f, "\"%s\": ", key);
}

static void jw_open(struct jw *w, const char *key, char c)
{
	jw_sep(w, key);
	putc(c, w->f);
	if (w->depth + 1 < JW_DEPTH)
		w->depth++;
	w->more[w->depth] = false;
}

static void jw_close(struct jw *w, char c)
{
	bool any = w->more[w->depth];

	w->depth--;
	if (any)
		fprintf(w->f, "\n%*s", 2 * w->depth, "");
	putc(c, w->f);
}

static void jw_str(struct jw *w, const char *key, const char *v)
{
	jw_sep(w, key);
	emit_json(w->f, v ? v : "");
}

static void jw_raw(struct jw *w, const char *key, const char *v)
{
	jw_sep(w, key);
	fputs(v, w->f);
}

/* {"name": ..., "ns": ..., "value": ..., "class": ...} */
static void jw_prop(struct jw *w, const char *name, bool ns, const char *value,
                    const char *cls)
{
	if (!value || !*value)
		return;         /* OSCAL: a value is never empty */
	jw_open(w, NULL, '{');
	jw_str(w, "name", name);
	if (ns)
		jw_str(w, "ns", OSCAL_NS);
	jw_str(w, "value", value);
	if (cls)
		jw_str(w, "class", cls);
	jw_close(w, '}');
}

/* ---- ids and UUIDs ------------------------------------------------------------ */

/* prefix + s as an OSCAL token (see the top of the file); malloc'd. */
static char *token(const char *prefix, const char *s)
{
	size_t n = strlen(prefix), len = strlen(s);
	char *out = malloc(n + 3 * len + 1), *o;

	if (!out)
		return NULL;
	memcpy(out, prefix, n);
	o = out + n;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '.' || *p == '-') {
			*o++ = (char)*p;
		} else {
			sprintf(o, "_%02x", *p);
			o += 3;
		}
	}
	*o = '\0';
	return out;
}

static void uuid_of(char out[37], const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void uuid_of(char out[37], const char *fmt, ...)
{
	va_list ap;
	char *name;

	va_start(ap, fmt);
	name = text_vprintf(fmt, ap);
	va_end(ap);
	if (!name || !uuid_v5(UUID_PRMWB_NS, name, out))
		strcpy(out, "00000000-0000-5000-8000-000000000000");
	free(name);
}

/* Write {"ROOT": {"uuid": V5(KIND:MODEL:SHA256(rest)), rest}} where rest is
 * what body() writes (the members after uuid), held in memory to be
 * hashed first. */
static void document(struct xctx *c, const char *root,
                     void (*body)(struct xctx *c, struct jw *w))
{
	char *buf = NULL, hex[65], uuid[37];
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	FILE *out = c->f;
	struct jw w = { .f = mem, .depth = 2 };
	struct sha256 h;

	if (!mem) {
		xctx_fail(c, EXPORT_IO, "out of memory");
		return;
	}
	w.more[2] = true;       /* the uuid comes first */
	c->f = mem;
	body(c, &w);
	c->f = out;
	if (fclose(mem) != 0 || !buf) {
		free(buf);
		xctx_fail(c, EXPORT_IO, "out of memory");
		return;
	}
	if (c->rc == EXPORT_OK) {
		sha256_init(&h);
		sha256_update(&h, buf, len);
		sha256_final_hex(&h, hex);
		uuid_of(uuid, "%s:%s:%s", root, c->m->id, hex);
		fprintf(out, "{\n  \"%s\": {\n    \"uuid\": \"%s\"", root, uuid);
		fwrite(buf, 1, len, out);
		fputs("\n  }\n}\n", out);
	}
	free(buf);
}

static void metadata(struct xctx *c, struct jw *w, const char *title, const char *version)
{
	jw_open(w, "metadata", '{');
	jw_str(w, "title", title);
	jw_str(w, "last-modified", c->generated);
	jw_str(w, "version", version);
	jw_str(w, "oscal-version", OSCAL_VERSION);
	jw_open(w, "props", '[');
	jw_prop(w, "model-id", true, c->m->id, NULL);
	jw_prop(w, "model-version", true, c->m->version, NULL);
	jw_close(w, ']');
	if (c->m->licence || c->m->source) {
		char *r = text_printf("%s%s%s", c->m->source ? c->m->source : "",
		                      c->m->source && c->m->licence ? "\n\n" : "",
		                      c->m->licence ? c->m->licence : "");

		jw_str(w, "remarks", r ? r : "");
		free(r);
	}
	jw_close(w, '}');
}

/* ---- catalog ---------------------------------------------------------------- */

static void list_part(struct jw *w, const char *cid, const char *suffix, const char *name,
                      const struct prm_list *l)
{
	char *id;

	if (l->n == 0)
		return;
	id = text_printf("%s_%s", cid, suffix);
	jw_open(w, NULL, '{');
	jw_str(w, "id", id ? id : "");
	jw_str(w, "name", name);
	jw_str(w, "ns", OSCAL_NS);
	jw_open(w, "parts", '[');
	for (size_t i = 0; i < l->n; i++) {
		char *iid = text_printf("%s.%zu", id ? id : "", i + 1);

		jw_open(w, NULL, '{');
		jw_str(w, "id", iid ? iid : "");
		jw_str(w, "name", "item");
		jw_str(w, "prose", l->items[i]);
		jw_close(w, '}');
		free(iid);
	}
	jw_close(w, ']');
	jw_close(w, '}');
	free(id);
}

static void control(struct xctx *c, struct jw *w, const struct prm_process *p)
{
	const struct prm_model *m = c->m;
	char *cid = token("prm-", p->id), *sid = text_printf("%s_smt", cid ? cid : "");

	jw_open(w, NULL, '{');
	jw_str(w, "id", cid ? cid : "");
	jw_str(w, "class", "process");
	jw_str(w, "title", p->name);
	jw_open(w, "props", '[');
	jw_prop(w, "label", false, p->id, NULL);
	if (p->short_name)
		jw_prop(w, "short-name", true, p->short_name, NULL);
	for (size_t i = 0; i < p->n_references; i++) {
		const struct prm_reference *r = &p->references[i];
		char *v = text_printf("%s %s", r->standard, r->clause);

		jw_open(w, NULL, '{');
		jw_str(w, "name", "reference");
		jw_str(w, "ns", OSCAL_NS);
		jw_str(w, "value", v ? v : "");
		if (r->note)
			jw_str(w, "remarks", r->note);
		jw_close(w, '}');
		free(v);
	}
	jw_close(w, ']');
	if (p->n_relations) {
		jw_open(w, "links", '[');
		for (size_t i = 0; i < p->n_relations; i++) {
			const struct prm_relation *r = &p->relations[i];
			char *href = token("#prm-", r->target), *rel = token("", r->type);

			jw_open(w, NULL, '{');
			jw_str(w, "href", href ? href : "");
			/* a token must start with a letter or '_' */
			if (rel && ((rel[0] >= 'a' && rel[0] <= 'z') || (rel[0] >= 'A' && rel[0] <= 'Z')))
				jw_str(w, "rel", rel);
			jw_str(w, "text", prm_relation_label(m, r));
			jw_close(w, '}');
			free(href);
			free(rel);
		}
		jw_close(w, ']');
	}
	jw_open(w, "parts", '[');
	jw_open(w, NULL, '{');
	jw_str(w, "id", sid ? sid : "");
	jw_str(w, "name", "statement");
	jw_str(w, "prose", p->purpose);
	if (p->n_outcomes) {
		jw_open(w, "parts", '[');
		for (size_t i = 0; i < p->n_outcomes; i++) {
			char *oid = text_printf("%s.o%d", sid ? sid : "", p->outcomes[i].number);
			char label[32];

			snprintf(label, sizeof label, "o%d", p->outcomes[i].number);
			jw_open(w, NULL, '{');
			jw_str(w, "id", oid ? oid : "");
			jw_str(w, "name", "item");
			jw_open(w, "props", '[');
			jw_prop(w, "label", false, label, NULL);
			jw_close(w, ']');
			jw_str(w, "prose", p->outcomes[i].text);
			jw_close(w, '}');
			free(oid);
		}
		jw_close(w, ']');
	}
	jw_close(w, '}');
	if (p->summary) {
		char *id = text_printf("%s_ovw", cid ? cid : "");

		jw_open(w, NULL, '{');
		jw_str(w, "id", id ? id : "");
		jw_str(w, "name", "overview");
		jw_str(w, "prose", p->summary);
		jw_close(w, '}');
		free(id);
	}
	list_part(w, cid ? cid : "", "act", "activities", &p->activities);
	list_part(w, cid ? cid : "", "inp", "inputs", &p->inputs);
	list_part(w, cid ? cid : "", "out", "outputs", &p->outputs);
	jw_close(w, ']');
	if (p->n_children) {
		jw_open(w, "controls", '[');
		for (size_t i = 0; i < p->n_children; i++)
			control(c, w, &m->processes[p->children[i]]);
		jw_close(w, ']');
	}
	jw_close(w, '}');
	free(cid);
	free(sid);
}

static void catalog_body(struct xctx *c, struct jw *w)
{
	const struct prm_model *m = c->m;

	metadata(c, w, m->title, m->version ? m->version : "1");
	jw_open(w, "groups", '[');
	for (size_t g = 0; g < m->n_categories; g++) {
		const struct prm_category *cat = &m->categories[g];
		char *gid = token("cat-", cat->id);

		jw_open(w, NULL, '{');
		jw_str(w, "id", gid ? gid : "");
		jw_str(w, "class", "category");
		jw_str(w, "title", cat->name);
		if (cat->summary) {
			char *pid = text_printf("%s_ovw", gid ? gid : "");

			jw_open(w, "parts", '[');
			jw_open(w, NULL, '{');
			jw_str(w, "id", pid ? pid : "");
			jw_str(w, "name", "overview");
			jw_str(w, "prose", cat->summary);
			jw_close(w, '}');
			jw_close(w, ']');
			free(pid);
		}
		if (cat->n_processes) {
			jw_open(w, "controls", '[');
			for (size_t i = 0; i < cat->n_processes; i++) {
				const struct prm_process *p = &m->processes[cat->processes[i]];

				if (p->depth == 0)
					control(c, w, p);
				c->written++;
				if (!xctx_step(c, 1))
					break;
			}
			jw_close(w, ']');
		}
		jw_close(w, '}');
		free(gid);
	}
	jw_close(w, ']');
}

void export_oscal_catalog(struct xctx *c)
{
	/* the whole model: ids and orphans do not apply */
	c->total = c->m->n_processes;
	document(c, "catalog", catalog_body);
}

/* ---- assessment results --------------------------------------------------- */

/* Why the finding is (not) satisfied, an OSCAL token. */
static const char *reason(const struct assess_row *r, bool *satisfied)
{
	*satisfied = false;
	if (r->level == ASSESS_NA)
		return "not-applicable";
	if (r->level == ASSESS_NOT_ASSESSED)
		return "not-assessed";
	if (r->target < 0)
		return "no-target";
	if (r->level >= r->target) {
		*satisfied = true;
		return "meets-target";
	}
	return "below-target";
}

static void finding_props(struct jw *w, const struct assess_row *row, const struct xrecord *r)
{
	char buf[32];
	const struct field_value *st = record_get(&r->rec, "status");

	jw_open(w, "props", '[');
	jw_prop(w, "level", true, row->level == ASSESS_NA ? "not-applicable" :
	        row->level == ASSESS_NOT_ASSESSED ? "not-assessed" :
	        assess_level_text(row->level), "capability");
	if (row->target >= 0) {
		snprintf(buf, sizeof buf, "%d", row->target);
		jw_prop(w, "target", true, buf, "capability");
	}
	if (row->has_gap) {
		snprintf(buf, sizeof buf, "%d", row->gap);
		jw_prop(w, "gap", true, buf, "capability");
	}
	for (size_t k = 0; k < ASSESS_N_PA; k++)
		if (row->pa[k])
			jw_prop(w, assess_pa_field(k), true, assess_rating_text(row->pa[k]),
			        "process-attribute");
	for (size_t k = 0; k < r->n; k++)
		if (strncmp(r->f[k].name, "outcome.", 8) == 0 && r->f[k].fv && r->f[k].fv->value[0])
			jw_prop(w, r->f[k].name, true, r->f[k].fv->value, "outcome");
	if (st && st->value[0])
		jw_prop(w, "status", true, st->value, "record");
	jw_close(w, ']');
}

/* Evidence lines of a record (one observation each). */
static size_t evidence_lines(const struct xrecord *r, char ***out)
{
	const struct field_value *ev = record_get(&r->rec, "evidence");
	struct text_lines l = { 0 };
	size_t n = 0;

	*out = NULL;
	if (!ev || !ev->value[0])
		return 0;
	for (const char *s = ev->value; *s;) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);

		if (len) {
			if (l.n == l.cap) {
				size_t cap = l.cap ? 2 * l.cap : 8;
				char **v = realloc(l.line, cap * sizeof *v);

				if (!v)
					break;
				l.line = v;
				l.cap = cap;
			}
			l.line[l.n] = strndup(s, len);
			if (l.line[l.n])
				l.n++;
		}
		s += len + (nl != NULL);
	}
	*out = l.line;
	n = l.n;
	return n;
}

static void ar_body(struct xctx *c, struct jw *w)
{
	const struct prm_model *m = c->m;
	char uuid[37], first[32], last[32], seq[32], ap[37];
	char *title = text_printf("Capability assessment: %s", m->title);
	char *desc;
	struct xrecord *recs = NULL;
	struct assess_row *rows = NULL;
	size_t n_obs = 0;

	if (!title) {
		xctx_fail(c, EXPORT_IO, "out of memory");
		goto out;
	}
	if (!xctx_rows(c, &rows, &recs))
		goto out;
	snprintf(seq, sizeof seq, "%llu", (unsigned long long)c->v.seq);
	emit_time(c->v.first_time ? c->v.first_time : c->gen_time, first, sizeof first);
	emit_time(c->v.time ? c->v.time : c->gen_time, last, sizeof last);
	uuid_of(ap, "assessment-plan:%s", m->id);
	metadata(c, w, title, seq);
	jw_open(w, "import-ap", '{');
	{
		char href[40];

		snprintf(href, sizeof href, "#%s", ap);
		jw_str(w, "href", href);
	}
	jw_str(w, "remarks", "prmwb keeps no OSCAL assessment plan: this points to a resource "
	       "in back-matter that says how the assessment was made.");
	jw_close(w, '}');
	jw_open(w, "results", '[');
	jw_open(w, NULL, '{');
	uuid_of(uuid, "result:%s", m->id);
	jw_str(w, "uuid", uuid);
	jw_str(w, "title", title);
	desc = text_printf("Process capability after ISO/IEC 33020 for the processes of model %s, "
	                   "as recorded in prmwb store %s as of history entry #%s.", m->id,
	                   c->v.uuid[0] ? c->v.uuid : "(no UUID)", seq);
	jw_str(w, "description", desc ? desc : "");
	free(desc);
	jw_str(w, "start", first);
	jw_str(w, "end", last);
	jw_open(w, "props", '[');
	if (c->v.uuid[0])
		jw_prop(w, "store", true, c->v.uuid, NULL);
	jw_prop(w, "history-seq", true, seq, NULL);
	jw_close(w, ']');
	jw_open(w, "reviewed-controls", '{');
	jw_open(w, "control-selections", '[');
	jw_open(w, NULL, '{');
	if (c->o->scope == EXPORT_PROCESSES) {
		jw_open(w, "include-controls", '[');
		for (size_t i = 0; i < c->n_sel; i++) {
			char *cid = token("prm-", m->processes[c->sel[i]].id);

			jw_open(w, NULL, '{');
			jw_str(w, "control-id", cid ? cid : "");
			jw_close(w, '}');
			free(cid);
		}
		jw_close(w, ']');
	} else {
		jw_raw(w, "include-all", "{}");
	}
	jw_close(w, '}');
	jw_close(w, ']');
	jw_close(w, '}');
	/* observations: one per evidence line */
	for (size_t i = 0; i < c->n_sel; i++) {
		char **lines;
		size_t n = evidence_lines(&recs[i], &lines);
		const struct field_value *ev = record_get(&recs[i].rec, "evidence");
		char when[32];

		if (n && n_obs++ == 0)
			jw_open(w, "observations", '[');
		emit_time(ev ? ev->time : 0, when, sizeof when);
		for (size_t k = 0; k < n; k++) {
			uuid_of(uuid, "observation:%s:%s:evidence:%zu", m->id,
			        m->processes[c->sel[i]].id, k + 1);
			jw_open(w, NULL, '{');
			jw_str(w, "uuid", uuid);
			jw_str(w, "description", lines[k]);
			jw_raw(w, "methods", "[\"EXAMINE\"]");
			jw_str(w, "collected", when);
			jw_close(w, '}');
		}
		xstrv_free(lines, n);
	}
	if (n_obs)
		jw_close(w, ']');
	if (c->n_sel)
		jw_open(w, "findings", '[');
	for (size_t i = 0; i < c->n_sel; i++) {
		const struct prm_process *p = &m->processes[c->sel[i]];
		const struct assess_row *r = &rows[i];
		char *cid = token("prm-", p->id), *t, **lines;
		bool sat;
		const char *why = reason(r, &sat);
		size_t n = evidence_lines(&recs[i], &lines);

		uuid_of(uuid, "finding:%s:%s", m->id, p->id);
		jw_open(w, NULL, '{');
		jw_str(w, "uuid", uuid);
		t = text_printf("%s %s", p->id, p->name);
		jw_str(w, "title", t ? t : "");
		free(t);
		if (r->level == ASSESS_NA)
			t = text_printf("Not applicable.");
		else if (r->level == ASSESS_NOT_ASSESSED)
			t = text_printf("Not assessed (PA 1.1 not rated)%s.",
			                r->target >= 0 ? "" : "; no target level");
		else if (r->target < 0)
			t = text_printf("Capability level %d; no target level set.", r->level);
		else
			t = text_printf("Capability level %d of target %d.", r->level, r->target);
		jw_str(w, "description", t ? t : "");
		free(t);
		finding_props(w, r, &recs[i]);
		jw_open(w, "target", '{');
		jw_str(w, "type", "statement-id");
		t = text_printf("%s_smt", cid ? cid : "");
		jw_str(w, "target-id", t ? t : "");
		free(t);
		jw_open(w, "status", '{');
		jw_str(w, "state", sat ? "satisfied" : "not-satisfied");
		jw_str(w, "reason", why);
		jw_close(w, '}');
		jw_close(w, '}');
		if (n) {
			jw_open(w, "related-observations", '[');
			for (size_t k = 0; k < n; k++) {
				uuid_of(uuid, "observation:%s:%s:evidence:%zu", m->id, p->id, k + 1);
				jw_open(w, NULL, '{');
				jw_str(w, "observation-uuid", uuid);
				jw_close(w, '}');
			}
			jw_close(w, ']');
		}
		xstrv_free(lines, n);
		jw_close(w, '}');
		free(cid);
		c->written++;
		if (!xctx_step(c, 1))
			break;
	}
	if (c->n_sel)
		jw_close(w, ']');
	jw_close(w, '}');
	jw_close(w, ']');
	jw_open(w, "back-matter", '{');
	jw_open(w, "resources", '[');
	jw_open(w, NULL, '{');
	jw_str(w, "uuid", ap);
	jw_str(w, "title", "Assessment method");
	desc = text_printf("No OSCAL assessment plan. Each process of model %s is rated on the "
	                   "nine process attributes of ISO/IEC 33020 (N, P, L, F); its capability "
	                   "level follows from them and is compared with its target level. The "
	                   "controls are those of 'prmwb export --format oscal-catalog'.", m->id);
	jw_str(w, "description", desc ? desc : "");
	free(desc);
	jw_close(w, '}');
	jw_close(w, ']');
	jw_close(w, '}');
out:
	for (size_t i = 0; recs && i < c->n_sel; i++)
		xrecord_free(&recs[i]);
	free(recs);
	free(rows);
	free(title);
}

void export_oscal_ar(struct xctx *c)
{
	document(c, "assessment-results", ar_body);
}
