/* export_int.h - what the export writers share (export.c holds the
 * driver); not for other modules. */
#ifndef PRMWB_EXPORT_INT_H
#define PRMWB_EXPORT_INT_H

#include <stdbool.h>
#include <stdio.h>

#include "exchange.h"
#include "export.h"

struct assess_row;
struct prm_category;
struct prm_model;
struct prm_process;

struct xctx {
	const struct prm_model *m;
	const struct export_opts *o;
	struct xview v;
	FILE *f;
	int64_t gen_time;
	char generated[32];         /* gen_time as RFC 3339 */
	/* what to write: model processes (indices, model order) and orphan
	 * ids (sorted) */
	size_t *sel;
	size_t n_sel;
	char **orphans;
	size_t n_orphans;
	/* outcome */
	enum export_rc rc;
	enum store_rc src;
	char *err;
	uint64_t done, total;
	size_t written;
};

/* Failures: set the code and message once (the first one stays). */
void xctx_fail(struct xctx *c, enum export_rc rc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void xctx_store_fail(struct xctx *c, enum store_rc src, const char *what);
/* One step done (a process, or history entries); false: stop. */
bool xctx_step(struct xctx *c, uint64_t steps);
/* Walk what c writes (sel, then orphans unless XWALK_MODEL_ONLY) as of
 * c's view: fn for each process with its record (xwalk_run(); XWALK_*
 * flags). Nothing is walked once c has failed; a failed read fails c
 * ("cannot read the record of ID"). count: each call writes a process,
 * which is counted (written) and a progress step (that may cancel).
 * False: the walk did not reach the end (c failed, or fn said stop). */
bool xctx_walk(struct xctx *c, unsigned flags, bool count, xwalk_fn fn, void *arg);
/* The assessment of each model process of c (rows[i] of sel[i]), and with
 * recs not NULL also its record (recs[i]); both arrays have n_sel + 1
 * entries, malloc'd: the caller frees them (and each recs[i] with
 * xrecord_free()). False: c failed (out of memory, a read), nothing to
 * free. */
bool xctx_rows(struct xctx *c, struct assess_row **rows, struct xrecord **recs);

/* How a report writes its process sections (Markdown, HTML). */
struct xsections {
	/* the heading before the first process of each category met */
	void (*category)(struct xctx *c, const struct prm_category *cat);
	/* the heading before the first orphan */
	void (*orphans)(struct xctx *c);
	/* a process (p NULL: an orphan) with its record and assessment */
	void (*process)(struct xctx *c, const char *id, const struct prm_process *p,
	                const struct xrecord *r, const struct assess_row *row);
};
/* Write a section for each process of c (xctx_walk() with count): rows
 * are those of xctx_rows(); an orphan's is worked out on the way. */
void xctx_sections(struct xctx *c, const struct assess_row *rows, const struct xsections *s);

/* The writers (export_records.c, export_report.c, export_html.c,
 * export_oscal.c); each writes c->f and reports through c. */
void export_records(struct xctx *c, bool json);
void export_csv(struct xctx *c);
void export_markdown(struct xctx *c);
void export_html(struct xctx *c);
void export_oscal_catalog(struct xctx *c);
void export_oscal_ar(struct xctx *c);

#endif
