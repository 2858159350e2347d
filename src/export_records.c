/* export_records.c - prmwb-records(5): the records (and with --history the
 * whole history) as XML or JSON, laid out for line-based tools.
 *
 * Each field is two lines: one that never changes ("which field") and one
 * with its value and where it came from. Every field of the table has its
 * slot for every process of the model, set or not, in model order and
 * field order, so a change is always a change of one line, with an
 * unchanging line before and after it: git merges changes of different
 * fields without a conflict (two changed lines next to each other would
 * be one). Values are one line (line breaks written as &#10; or \n). What
 * changes on every export (store, sequence, time) is on a line of its own
 * in the header, and --portable leaves it out, together with each field's
 * local revision, time and user, which only the exporting store knows. */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "export_int.h"
#include "model.h"
#include "text.h"

#define RECORDS_NS "urn:prmwb:records:1"

struct rw {
	struct xctx *c;
	bool json;
	bool first;             /* no element written yet in this list */
};

/* A text that the format cannot carry is refused (XML has no way to write
 * most C0 controls, neither format bytes that are not UTF-8). */
static bool writable(struct rw *w, const char *s, const char *process, const char *what)
{
	long at = w->json ? emit_json_unwritable(s) : emit_xml_unwritable(s);

	if (at < 0)
		return true;
	xctx_fail(w->c, EXPORT_UNWRITABLE, "%s %s: byte %ld is %s, which %s cannot hold; "
	          "nothing written%s", process, what, at + 1,
	          (unsigned char)s[at] < 0x20 ? "a control character" : "not UTF-8",
	          w->json ? "JSON" : "XML 1.0", w->json ? "" : " (--format json can)");
	return false;
}

/* name="value" (XML) or "name": "value" (JSON), after a separator. */
static void str_attr(struct rw *w, const char *name, const char *v)
{
	FILE *f = w->c->f;

	if (w->json) {
		fprintf(f, ", \"%s\": ", name);
		emit_json(f, v);
	} else {
		fprintf(f, " %s=\"", name);
		emit_xml(f, v);
		putc('"', f);
	}
}

static void num_attr(struct rw *w, const char *name, uint64_t v)
{
	if (w->json)
		fprintf(w->c->f, ", \"%s\": %" PRIu64, name, v);
	else
		fprintf(w->c->f, " %s=\"%" PRIu64 "\"", name, v);
}

static void header(struct rw *w)
{
	struct xctx *c = w->c;
	FILE *f = c->f;
	bool local = !c->o->portable;

	if (!writable(w, c->m->id, "model", "id") ||
	    !writable(w, c->m->version ? c->m->version : "", "model", "version"))
		return;
	if (w->json) {
		fputs("{\"prmwb-records\": 1, \"model\": ", f);
		emit_json(f, c->m->id);
		fputs(",\n", f);
		if (local) {
			fputc(' ', f);
			if (c->v.uuid[0]) {
				fputs("\"store\": ", f);
				emit_json(f, c->v.uuid);
				fputs(", ", f);
			}
			fprintf(f, "\"seq\": %" PRIu64 ", \"generated\": \"%s\", \"model-version\": ",
			        c->v.seq, c->generated);
			emit_json(f, c->m->version ? c->m->version : "");
			fputs(",\n", f);
		}
		fputs("\"fields\": [", f);
		return;
	}
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	      "<records xmlns=\"" RECORDS_NS "\" model=\"", f);
	emit_xml(f, c->m->id);
	fputs("\"\n", f);
	if (local) {
		if (c->v.uuid[0])
			fprintf(f, " store=\"%s\"", c->v.uuid);
		fprintf(f, " seq=\"%" PRIu64 "\" generated=\"%s\" model-version=\"", c->v.seq,
		        c->generated);
		emit_xml(f, c->m->version ? c->m->version : "");
		fputs("\"", f);
	}
	fputs(">\n", f);
}

static void field(struct rw *w, const char *process, const struct xfield *xf)
{
	FILE *f = w->c->f;
	const struct field_value *fv = xf->fv;
	char o[XORIGIN_TEXT];

	if (fv && (!writable(w, fv->value, process, xf->name) ||
	           !writable(w, fv->user, process, "user")))
		return;
	/* the line that never changes */
	if (w->json) {
		fputs(w->first ? "\n" : ",\n", f);
		fputs("{\"process\": ", f);
		emit_json(f, process);
		fputs(", \"field\": ", f);
		emit_json(f, xf->name);
		putc('\n', f);
	} else {
		fputs("<field process=\"", f);
		emit_xml(f, process);
		fprintf(f, "\" name=\"%s\"\n", xf->name);
	}
	w->first = false;
	/* the line with the value */
	if (!fv) {
		fputs(w->json ? "}" : "/>\n", f);
		return;
	}
	xorigin_text(&xf->origin, o);
	if (o[0])
		str_attr(w, "origin", o);
	if (xf->known.n > 0) {
		bool any = false;

		for (size_t i = 0; i < xf->known.n; i++) {
			const struct xorigin *k = &xf->known.v[i];

			if (strcmp(k->uuid, xf->origin.uuid) == 0 && k->rev == xf->origin.rev)
				continue;
			xorigin_text(k, o);
			if (w->json)
				fprintf(f, "%s\"%s\"", any ? ", " : ", \"known\": [", o);
			else
				fprintf(f, "%s%s", any ? " " : " known=\"", o);
			any = true;
		}
		if (any)
			fputs(w->json ? "]" : "\"", f);
	}
	if (!w->c->o->portable) {
		char t[32];

		emit_time(fv->time, t, sizeof t);
		num_attr(w, "rev", fv->rev);
		str_attr(w, "time", t);
		str_attr(w, "user", fv->user);
	}
	if (w->json) {
		str_attr(w, "value", fv->value);
		putc('}', f);
	} else if (fv->value[0]) {
		putc('>', f);
		emit_xml(f, fv->value);
		fputs("</field>\n", f);
	} else {
		fputs("/>\n", f);
	}
}

static bool process_fields(void *arg, struct xwalk_item *it)
{
	struct rw *w = arg;

	for (size_t i = 0; i < it->rec.n && w->c->rc == EXPORT_OK; i++)
		field(w, it->id, &it->rec.f[i]);
	return true;
}

static const char *kind_name(enum hist_kind k)
{
	switch (k) {
	case HIST_SET: return "set";
	case HIST_UNDO: return "undo";
	case HIST_REDO: return "redo";
	case HIST_BASELINE: return "baseline";
	case HIST_RESTORE: return "restore";
	}
	return "?";
}

static bool entry(const struct hist_entry *e, void *arg)
{
	struct rw *w = arg;
	struct xctx *c = w->c;
	FILE *f = c->f;
	char t[32], where[32];
	bool change = e->kind <= HIST_REDO;
	const char *value = change ? e->new_value : e->note;

	snprintf(where, sizeof where, "history entry #%" PRIu64, e->seq);
	if (!writable(w, e->user ? e->user : "", where, "user") ||
	    (change && (!writable(w, e->process, where, "process") ||
	                !writable(w, e->field, where, "field"))) ||
	    (e->name && !writable(w, e->name, where, "baseline name")) ||
	    (e->file && !writable(w, e->file, where, "file name")) ||
	    !writable(w, value ? value : "", where, change ? "value" : "note"))
		return false;
	emit_time(e->time, t, sizeof t);
	if (w->json) {
		fputs(w->first ? "\n" : ",\n", f);
		fprintf(f, "{\"seq\": %" PRIu64, e->seq);
	} else {
		fprintf(f, "<entry seq=\"%" PRIu64 "\"", e->seq);
	}
	w->first = false;
	str_attr(w, "kind", kind_name(e->kind));
	str_attr(w, "time", t);
	str_attr(w, "user", e->user ? e->user : "");
	num_attr(w, "pid", (uint64_t)(e->pid < 0 ? 0 : e->pid));
	if (change) {
		char o[XORIGIN_TEXT];

		if (e->set != e->seq)
			num_attr(w, "set", e->set);
		if (e->kind != HIST_SET)
			num_attr(w, "ref", e->ref);
		if (e->named)
			str_attr(w, "named", "1");
		str_attr(w, "process", e->process);
		str_attr(w, "field", e->field);
		/* every change's origin, its own store's too: a restore keeps
		 * them, so the restored store merges as the old one did */
		if (e->kind == HIST_SET && e->origin && e->origin[0] && e->origin_rev) {
			snprintf(o, sizeof o, "%s:%" PRIu64, e->origin, e->origin_rev);
			str_attr(w, "origin", o);
		}
	}
	if (e->kind == HIST_BASELINE && e->name)
		str_attr(w, "name", e->name);
	if ((e->kind == HIST_RESTORE || (e->set_kind == STORE_SET_IMPORT && e->set == e->seq)) &&
	    e->file) {
		if (e->kind == HIST_SET)
			str_attr(w, "import", "1");
		str_attr(w, "file", e->file);
		str_attr(w, "sha256", e->sha256 ? e->sha256 : "");
	}
	if (w->json) {
		str_attr(w, change ? "value" : "note", value ? value : "");
		putc('}', f);
	} else if (value && value[0]) {
		putc('>', f);
		emit_xml(f, value);
		fputs("</entry>\n", f);
	} else {
		fputs("/>\n", f);
	}
	if (e->seq % 4096 == 0 && !xctx_step(c, 4096))
		return false;
	return c->rc == EXPORT_OK;
}

void export_records(struct xctx *c, bool json)
{
	struct rw w = { .c = c, .json = json, .first = true };

	header(&w);
	if (!xctx_walk(c, XWALK_FULL | XWALK_KNOWN, true, process_fields, &w))
		return;
	if (json)
		fputs(w.first ? "]" : "\n]", c->f);
	if (c->o->history) {
		enum store_rc src;

		w.first = true;
		fputs(json ? ",\n\"history\": [" : "<history>\n", c->f);
		src = xview_history(&c->v, entry, &w);
		if (src != STORE_OK)
			xctx_store_fail(c, src, "cannot read the history");
		if (c->rc != EXPORT_OK)
			return;
		if (json)
			fputs(w.first ? "]" : "\n]", c->f);
		else
			fputs("</history>\n", c->f);
	}
	fputs(json ? "\n}\n" : "</records>\n", c->f);
}
