/* export.c - the export driver: what to write, the generation time, and
 * writing a file atomically. The formats are in export_*.c. */
#include "config.h"
#include "export.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "assess.h"
#include "emit.h"
#include "export_int.h"
#include "model.h"
#include "text.h"

static const struct {
	const char *name, *ext;
} formats[EXPORT_N_FORMATS] = {
	[EXPORT_XML] = { "xml", "xml" },
	[EXPORT_JSON] = { "json", "json" },
	[EXPORT_CSV] = { "csv", "csv" },
	[EXPORT_MARKDOWN] = { "markdown", "md" },
	[EXPORT_HTML] = { "html", "html" },
	[EXPORT_OSCAL_CATALOG] = { "oscal-catalog", "json" },
	[EXPORT_OSCAL_AR] = { "oscal-ar", "json" },
};

const char *export_format_name(enum export_format f)
{
	return (unsigned)f < EXPORT_N_FORMATS ? formats[f].name : "?";
}

const char *export_format_ext(enum export_format f)
{
	return (unsigned)f < EXPORT_N_FORMATS ? formats[f].ext : "txt";
}

bool export_format_parse(const char *name, enum export_format *out)
{
	for (int i = 0; i < EXPORT_N_FORMATS; i++)
		if (strcmp(name, formats[i].name) == 0) {
			*out = (enum export_format)i;
			return true;
		}
	if (strcmp(name, "md") == 0) {
		*out = EXPORT_MARKDOWN;
		return true;
	}
	return false;
}

const char *export_format_list(void)
{
	return "xml, json, csv, markdown, html, oscal-catalog, oscal-ar";
}

int export_source_date_epoch(int64_t *t, char **err)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	int64_t v = 0;

	if (!s || !*s)
		return 0;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9' || v > 253402300799LL / 10) {
			if (err)
				*err = text_printf("SOURCE_DATE_EPOCH='%s' is not a time: use seconds "
				                   "since 1970-01-01 in decimal digits, up to "
				                   "253402300799 (9999-12-31)", s);
			return -1;
		}
		v = v * 10 + (*p - '0');
	}
	if (v > 253402300799LL) {
		if (err)
			*err = text_printf("SOURCE_DATE_EPOCH='%s' is after 9999-12-31", s);
		return -1;
	}
	*t = v;
	return 1;
}

/* ---- shared by the writers ----------------------------------------------- */

void xctx_fail(struct xctx *c, enum export_rc rc, const char *fmt, ...)
{
	va_list ap;

	if (c->rc != EXPORT_OK)
		return;
	c->rc = rc;
	va_start(ap, fmt);
	c->err = text_vprintf(fmt, ap);
	va_end(ap);
}

void xctx_store_fail(struct xctx *c, enum store_rc src, const char *what)
{
	if (c->rc != EXPORT_OK)
		return;
	c->src = src;
	xctx_fail(c, EXPORT_STORE, "%s", what);
}

bool xctx_step(struct xctx *c, uint64_t steps)
{
	c->done += steps;
	if (c->rc != EXPORT_OK)
		return false;
	if (c->o->progress && !c->o->progress(c->o->progress_arg, c->done, c->total)) {
		xctx_fail(c, EXPORT_CANCELLED, "export cancelled");
		return false;
	}
	return true;
}

struct walk {
	struct xctx *c;
	bool count;
	xwalk_fn fn;
	void *arg;
};

static bool walk_one(void *arg, struct xwalk_item *it)
{
	struct walk *w = arg;
	bool go;

	if (w->c->rc != EXPORT_OK)
		return false;
	go = w->fn(w->arg, it);
	if (!w->count)
		return go;
	w->c->written++;
	return xctx_step(w->c, 1) && go;
}

bool xctx_walk(struct xctx *c, unsigned flags, bool count, xwalk_fn fn, void *arg)
{
	struct xwalk x = {
		.v = &c->v, .m = c->m, .sel = c->sel, .n_sel = c->n_sel,
		.orphans = c->orphans, .n_orphans = c->n_orphans, .flags = flags,
	};
	struct walk w = { c, count, fn, arg };
	enum store_rc src = xwalk_run(&x, walk_one, &w);

	if (src != STORE_OK) {
		char *what = text_printf("cannot read the record of %s", x.failed);

		xctx_store_fail(c, src, what ? what : "cannot read a record");
		free(what);
	}
	return c->rc == EXPORT_OK && x.failed == NULL;
}

struct rows {
	const struct prm_model *m;
	struct assess_row *rows;
	struct xrecord *recs;
};

static bool row_one(void *arg, struct xwalk_item *it)
{
	struct rows *r = arg;

	assess_row(r->m, it->index, &it->rec.rec, &r->rows[it->i]);
	if (r->recs) {
		r->recs[it->i] = it->rec;
		memset(&it->rec, 0, sizeof it->rec);
	}
	return true;
}

bool xctx_rows(struct xctx *c, struct assess_row **rows, struct xrecord **recs)
{
	struct rows r = { c->m, calloc(c->n_sel + 1, sizeof *r.rows), NULL };

	if (recs)
		r.recs = calloc(c->n_sel + 1, sizeof *r.recs);
	if (!r.rows || (recs && !r.recs))
		xctx_fail(c, EXPORT_IO, "out of memory");
	if (c->rc != EXPORT_OK || !xctx_walk(c, XWALK_MODEL_ONLY, false, row_one, &r)) {
		for (size_t i = 0; r.recs && i < c->n_sel; i++)
			xrecord_free(&r.recs[i]);
		free(r.recs);
		free(r.rows);
		return false;
	}
	*rows = r.rows;
	if (recs)
		*recs = r.recs;
	return true;
}

struct sections {
	struct xctx *c;
	const struct assess_row *rows;
	const struct xsections *s;
	size_t last_cat;
};

static bool section_one(void *arg, struct xwalk_item *it)
{
	struct sections *w = arg;
	struct assess_row orow;

	if (it->p && it->p->category != w->last_cat) {
		w->last_cat = it->p->category;
		w->s->category(w->c, &w->c->m->categories[it->p->category]);
	} else if (it->first_orphan) {
		w->s->orphans(w->c);
	}
	if (!it->p)
		assess_row(w->c->m, (size_t)-1, &it->rec.rec, &orow);
	w->s->process(w->c, it->id, it->p, &it->rec, it->p ? &w->rows[it->i] : &orow);
	return true;
}

void xctx_sections(struct xctx *c, const struct assess_row *rows, const struct xsections *s)
{
	struct sections w = { c, rows, s, (size_t)-1 };

	xctx_walk(c, 0, true, section_one, &w);
}

/* ---- the driver -------------------------------------------------------------- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Fill sel and orphans from the scope. */
static bool select_processes(struct xctx *c)
{
	const struct prm_model *m = c->m;
	const struct export_opts *o = c->o;
	enum store_rc src;

	c->sel = calloc(m->n_processes ? m->n_processes : 1, sizeof *c->sel);
	if (!c->sel) {
		xctx_fail(c, EXPORT_IO, "out of memory");
		return false;
	}
	if (o->scope != EXPORT_PROCESSES) {
		for (size_t i = 0; i < m->n_processes; i++)
			c->sel[c->n_sel++] = i;
		src = xview_orphans(&c->v, m, &c->orphans, &c->n_orphans);
		if (src != STORE_OK) {
			xctx_store_fail(c, src, "cannot list the records");
			return false;
		}
		return true;
	}
	{
		bool *want = calloc(m->n_processes ? m->n_processes : 1, sizeof *want);
		char **ids = NULL;
		size_t n_ids = 0;

		if (!want) {
			xctx_fail(c, EXPORT_IO, "out of memory");
			return false;
		}
		src = xview_ids(&c->v, &ids, &n_ids);
		if (src != STORE_OK) {
			free(want);
			xctx_store_fail(c, src, "cannot list the records");
			return false;
		}
		c->orphans = calloc(o->n_ids ? o->n_ids : 1, sizeof *c->orphans);
		for (size_t k = 0; c->orphans && k < o->n_ids; k++) {
			size_t i = prm_model_index(m, o->ids[k]);
			bool stored = bsearch(&o->ids[k], ids, n_ids, sizeof *ids, cmp_str) != NULL;

			if (i != (size_t)-1) {
				want[i] = true;
			} else if (stored) {
				bool dup = false;

				for (size_t j = 0; j < c->n_orphans; j++)
					dup = dup || strcmp(c->orphans[j], o->ids[k]) == 0;
				if (!dup)
					c->orphans[c->n_orphans++] = strdup(o->ids[k]);
			} else {
				xctx_fail(c, EXPORT_NOTFOUND, "no process '%s' in model %s and no "
				          "record of it in the store", o->ids[k], m->id);
			}
		}
		xstrv_free(ids, n_ids);
		if (!c->orphans)
			xctx_fail(c, EXPORT_IO, "out of memory");
		for (size_t i = 0; i < m->n_processes; i++)
			if (want[i])
				c->sel[c->n_sel++] = i;
		free(want);
		if (c->orphans)
			qsort(c->orphans, c->n_orphans, sizeof *c->orphans, cmp_str);
		for (size_t j = 0; j < c->n_orphans; j++)
			if (!c->orphans[j])
				xctx_fail(c, EXPORT_IO, "out of memory");
		return c->rc == EXPORT_OK;
	}
}

enum export_rc export_write(const struct prm_model *m, struct store *st,
                            const struct export_opts *o, FILE *f,
                            struct export_result *res, char **err)
{
	struct xctx c = { .m = m, .o = o, .f = f };
	enum store_rc src;
	long start = ftell(f);

	if (err)
		*err = NULL;
	src = xview_open(&c.v, st, o->as_of);
	if (src != STORE_OK) {
		xctx_store_fail(&c, src, "cannot read the store");
		goto out;
	}
	c.gen_time = o->has_time ? o->time : c.v.time;
	emit_time(c.gen_time, c.generated, sizeof c.generated);
	if (!select_processes(&c))
		goto out;
	c.total = c.n_sel + c.n_orphans;
	if (o->history && (o->format == EXPORT_XML || o->format == EXPORT_JSON))
		c.total += c.v.seq;
	switch (o->format) {
	case EXPORT_XML: export_records(&c, false); break;
	case EXPORT_JSON: export_records(&c, true); break;
	case EXPORT_CSV: export_csv(&c); break;
	case EXPORT_MARKDOWN: export_markdown(&c); break;
	case EXPORT_HTML: export_html(&c); break;
	case EXPORT_OSCAL_CATALOG: export_oscal_catalog(&c); break;
	case EXPORT_OSCAL_AR: export_oscal_ar(&c); break;
	}
	if (c.rc == EXPORT_OK && (fflush(f) != 0 || ferror(f)))
		xctx_fail(&c, EXPORT_IO, "write error: %s", strerror(errno));
out:
	if (res) {
		long end = ftell(f);

		res->store_rc = c.src;
		res->seq = c.v.seq;
		res->bytes = start >= 0 && end >= start ? (uint64_t)(end - start) : 0;
		res->processes = c.written;
	}
	if (err && c.rc != EXPORT_OK)
		*err = c.err ? c.err : strdup("out of memory");
	else
		free(c.err);
	free(c.sel);
	xstrv_free(c.orphans, c.n_orphans);
	return c.rc;
}

enum export_rc export_to_file(const struct prm_model *m, struct store *st,
                              const struct export_opts *o, const char *path, bool force,
                              struct export_result *res, char **err)
{
	char *dup = strdup(path), *tmp = NULL;
	const char *dir;
	int fd = -1;
	FILE *f = NULL;
	enum export_rc rc;
	mode_t mask;
	struct stat sb;

	if (err)
		*err = NULL;
	if (!dup)
		goto oom;
	if (!force && lstat(path, &sb) == 0) {
		free(dup);
		if (err)
			*err = text_printf("%s exists; nothing written (--force replaces it)", path);
		return EXPORT_EXISTS;
	}
	dir = dirname(dup);
	tmp = text_printf("%s/.prmwb-export-XXXXXX", dir);
	if (!tmp)
		goto oom;
	fd = mkstemp(tmp);
	if (fd < 0) {
		if (err)
			*err = text_printf("cannot create a file in %s: %s", dir, strerror(errno));
		free(tmp);
		free(dup);
		return EXPORT_IO;
	}
	mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) != 0 || !(f = fdopen(fd, "w"))) {
		if (err)
			*err = text_printf("cannot write %s: %s", tmp, strerror(errno));
		rc = EXPORT_IO;
		goto fail;
	}
	fd = -1;
	rc = export_write(m, st, o, f, res, err);
	if (rc != EXPORT_OK)
		goto fail;
	if (fflush(f) != 0 || fsync(fileno(f)) != 0 || ferror(f)) {
		if (err)
			*err = text_printf("cannot write %s: %s", path, strerror(errno));
		rc = EXPORT_IO;
		goto fail;
	}
	if (fclose(f) != 0) {
		f = NULL;
		if (err)
			*err = text_printf("cannot write %s: %s", path, strerror(errno));
		rc = EXPORT_IO;
		goto fail;
	}
	f = NULL;
	/* Without force: link() fails if path appeared meanwhile, so an
	 * existing file is never replaced. */
	if (force ? rename(tmp, path) != 0 : link(tmp, path) != 0) {
		int e = errno;

		if (err)
			*err = e == EEXIST ? text_printf("%s exists; nothing written (--force "
			                                 "replaces it)", path)
			                   : text_printf("cannot write %s: %s", path, strerror(e));
		rc = e == EEXIST ? EXPORT_EXISTS : EXPORT_IO;
		goto fail;
	}
	if (!force)
		unlink(tmp);
	{       /* the rename itself is on disk once the directory is */
		int dfd = open(dir, O_RDONLY | O_DIRECTORY);

		if (dfd >= 0) {
			fsync(dfd);
			close(dfd);
		}
	}
	free(tmp);
	free(dup);
	return EXPORT_OK;
fail:
	if (f)
		fclose(f);
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	free(tmp);
	free(dup);
	return rc;
oom:
	free(dup);
	if (err)
		*err = strdup("out of memory");
	return EXPORT_IO;
}
