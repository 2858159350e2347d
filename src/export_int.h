/* export_int.h - what the export writers share (export.c holds the
 * driver); not for other modules. */
#ifndef PRMWB_EXPORT_INT_H
#define PRMWB_EXPORT_INT_H

#include <stdbool.h>
#include <stdio.h>

#include "exchange.h"
#include "export.h"

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
/* The record of process (p NULL: an orphan); see xview_record(). */
bool xctx_record(struct xctx *c, const char *process, const struct prm_process *p,
                 bool full, bool with_known, struct xrecord *out);
/* The id of what sel/orphans entry i names (i < n_sel + n_orphans) and its
 * model process (NULL for an orphan). */
const char *xctx_id(const struct xctx *c, size_t i, const struct prm_process **p);

/* The writers (export_records.c, export_report.c, export_html.c,
 * export_oscal.c); each writes c->f and reports through c. */
void export_records(struct xctx *c, bool json);
void export_csv(struct xctx *c);
void export_markdown(struct xctx *c);
void export_html(struct xctx *c);
void export_oscal_catalog(struct xctx *c);
void export_oscal_ar(struct xctx *c);

#endif
