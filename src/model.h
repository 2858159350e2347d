/* model.h - a process reference model (PRM) in memory, and loading it from XML.
 *
 * The model is read-only once loaded. All strings are UTF-8 exactly as the
 * file holds them (after XML unescaping, whitespace of text blocks trimmed);
 * they are NOT safe to print to a terminal: pass them through text_escape()
 * (text.h) first. Everything hangs off struct prm_model and is freed by
 * prm_model_free(). Callers never see libxml2. */
#ifndef PRMWB_MODEL_H
#define PRMWB_MODEL_H

#include <stddef.h>
#include "diag.h"

struct prm_reference {
	char *standard;     /* e.g. "ISO/IEC 27001:2022" */
	char *clause;       /* e.g. "6.1.2"; may be a range "5.19-5.23" or "Annex A 5.1" */
	char *note;         /* optional, NULL if absent */
};

struct prm_relation {
	char *type;         /* e.g. "provides-input-to", "triggers", "supports" */
	char *target;       /* id of another process in the same model */
	char *note;         /* optional, NULL if absent */
};

struct prm_outcome {
	int number;         /* 1-based, as written in the file (n="1") */
	char *text;
};

struct prm_list {           /* an ordered list of short texts */
	char **items;
	size_t n;
};

struct prm_process {
	char *id;           /* unique in the model, e.g. "7.4" */
	char *name;
	size_t category;    /* index into prm_model.categories */
	char *summary;      /* optional short description / context, NULL if absent */
	char *purpose;      /* never empty (semantic check) */
	struct prm_outcome *outcomes; size_t n_outcomes;
	struct prm_list activities;
	struct prm_list inputs;
	struct prm_list outputs;
	struct prm_reference *references; size_t n_references;
	struct prm_relation *relations; size_t n_relations;
	long line;          /* line of the <process> element in its file */
};

struct prm_category {
	char *id;           /* e.g. "management" */
	char *name;         /* e.g. "Management processes" */
	char *summary;      /* optional, NULL if absent */
	size_t *processes;  /* indices into prm_model.processes, in file order */
	size_t n_processes;
};

struct prm_model {
	char *id;           /* e.g. "iso27022": records in a store are bound to this */
	char *title;
	char *version;
	char *source;       /* what the model is based on */
	char *licence;      /* licence / copyright note */
	char *file;         /* where it came from: a path, or "<embedded>" */
	struct prm_category *categories; size_t n_categories;
	struct prm_process *processes; size_t n_processes;  /* categories' order */
};

/* Limits applied before and during parsing (hostile input). The file
 * size and element count admit a model of 20,000 processes (about 23 MB,
 * 440,000 elements); elements and attributes are counted before libxml2
 * sees the file (model_scan.h). */
#define PRM_MAX_FILE_BYTES  (64u * 1024u * 1024u)
#define PRM_MAX_ELEMENTS    1000000
#define PRM_MAX_ATTRS       32      /* per element; the format needs at most 3 */
#define PRM_MAX_DEPTH       32

/* Load and validate (RELAX NG schema + semantic checks) a model from a file.
 * Returns a new model the caller frees with prm_model_free(), or NULL with
 * every problem added to diag as "FILE:LINE: message". No network access,
 * no DTD or external entity is ever loaded. */
struct prm_model *prm_model_load_file(const char *path, struct diag *diag);

/* The same from memory; name is used in messages and as prm_model.file. */
struct prm_model *prm_model_load_memory(const char *buf, size_t len,
                                        const char *name, struct diag *diag);

/* The model embedded in the binary at build time (models/iso27022.xml). */
struct prm_model *prm_model_load_default(struct diag *diag);

/* The model the user asked for: path if not NULL, else $PRMWB_MODEL if set
 * and not empty, else the embedded default. */
struct prm_model *prm_model_load_choice(const char *path, struct diag *diag);

void prm_model_free(struct prm_model *model);

/* Process with this id, or NULL. Exact match. */
const struct prm_process *prm_model_find(const struct prm_model *model, const char *id);

/* Index of a process in model->processes, or (size_t)-1. */
size_t prm_model_index(const struct prm_model *model, const char *id);

/* Ids and names close to what the user typed (prefix, substring, small
 * edit distance), best first, at most max. Fills out[] with process
 * indices and returns how many. For "did you mean" messages. */
size_t prm_model_suggest(const struct prm_model *model, const char *typed,
                         size_t *out, size_t max);

/* The RELAX NG schema embedded in the binary (models/prm.rng), NUL-terminated. */
const char *prm_schema_text(size_t *len);

#endif
