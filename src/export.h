/* export.h - writing a store's records (and the model) in exchange and
 * report formats: prmwb-records(5) XML and JSON, CSV, Markdown, HTML,
 * OSCAL 1.1.3 catalog and assessment results.
 *
 * Exports are deterministic: the same store, point of history and options
 * give the same bytes. The only time written is the generation time,
 * which is SOURCE_DATE_EPOCH if set, else the time of the newest history
 * entry of the export (export_opts.time). Every text from the model or a
 * record is escaped for its format (emit.h). Reads go through exchange.h
 * (one point of the history: nothing a writer commits meanwhile shows).
 * For the command line (prmwb export) and the workbench's export key. */
#ifndef PRMWB_EXPORT_H
#define PRMWB_EXPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "exchange.h"
#include "store.h"

struct prm_model;

enum export_format {
	EXPORT_XML = 0,         /* prmwb-records(5), urn:prmwb:records:1 */
	EXPORT_JSON,            /* the same content in JSON */
	EXPORT_CSV,             /* RFC 4180, a row per process */
	EXPORT_MARKDOWN,        /* one document */
	EXPORT_HTML,            /* one self-contained report */
	EXPORT_OSCAL_CATALOG,   /* the model as an OSCAL catalog */
	EXPORT_OSCAL_AR,        /* the records as OSCAL assessment results */
};
#define EXPORT_N_FORMATS 7

/* Name as users type it ("xml", "oscal-ar"), and back; false if unknown. */
const char *export_format_name(enum export_format f);
bool export_format_parse(const char *name, enum export_format *out);
/* "xml, json, csv, markdown, html, oscal-catalog, oscal-ar" (static). */
const char *export_format_list(void);
/* The usual file name extension of a format ("xml", "md"). */
const char *export_format_ext(enum export_format f);

enum export_scope {
	EXPORT_ALL = 0,         /* every process of the model, then orphans */
	EXPORT_PROCESSES,       /* the processes named in ids (model order) */
	EXPORT_PROFILE,         /* reports: the profile only (no process
	                         * sections); other formats as EXPORT_ALL */
};

/* Called after each process written (and every 4096 history entries):
 * done of total steps. Return false to stop the export (EXPORT_CANCELLED). */
typedef bool (*export_progress_fn)(void *arg, uint64_t done, uint64_t total);

struct export_opts {
	enum export_format format;
	enum export_scope scope;
	const char *const *ids;     /* EXPORT_PROCESSES: process ids */
	size_t n_ids;
	uint64_t as_of;             /* a history seq, or STORE_NOW */
	bool history;               /* xml, json: the whole history too */
	bool portable;              /* xml, json: leave out what only this
	                             * store knows (prmwb-records(5)) */
	bool has_time;              /* time given (SOURCE_DATE_EPOCH) */
	int64_t time;
	export_progress_fn progress;
	void *progress_arg;
};

enum export_rc {
	EXPORT_OK = 0,
	EXPORT_NOTFOUND,        /* an id of ids is neither in the model nor
	                         * the store */
	EXPORT_EXISTS,          /* the file exists and force was not given */
	EXPORT_UNWRITABLE,      /* a value cannot be written in the format
	                         * without loss (XML: a control character) */
	EXPORT_IO,              /* writing failed (errno's reason in err) */
	EXPORT_STORE,           /* a store read failed (store_rc says how) */
	EXPORT_CANCELLED,       /* progress said stop */
};

struct export_result {
	enum store_rc store_rc;     /* with EXPORT_STORE */
	uint64_t seq;               /* the point of history exported */
	uint64_t bytes;             /* bytes written */
	size_t processes;           /* processes written */
};

/* Write the export of m's records in st (NULL: no store yet, all empty)
 * to f. On failure *err (if not NULL) gets a malloc'd message that names
 * what failed. res may be NULL. */
enum export_rc export_write(const struct prm_model *m, struct store *st,
                            const struct export_opts *o, FILE *f,
                            struct export_result *res, char **err);

/* export_write() into the file path, atomically: a temporary file in the
 * same directory, flushed to disk and renamed over path, so a reader sees
 * the old file or the whole new one, never a part. An existing path is
 * refused (EXPORT_EXISTS) unless force. The file gets mode 0666 less the
 * umask. On failure nothing is left behind. */
enum export_rc export_to_file(const struct prm_model *m, struct store *st,
                              const struct export_opts *o, const char *path, bool force,
                              struct export_result *res, char **err);

/* The generation time from SOURCE_DATE_EPOCH (decimal seconds since
 * 1970): 1 and *t if it is set, 0 if not set (or empty), -1 if it is not
 * a number (*err: malloc'd message). */
int export_source_date_epoch(int64_t *t, char **err);

#endif
