/* model.h - a process reference model (PRM) in memory, and loading it from XML.
 *
 * The model is read-only once loaded. All strings are UTF-8 exactly as the
 * file holds them (after XML unescaping, whitespace of text blocks trimmed);
 * they are NOT safe to print to a terminal: pass them through text_escape()
 * (text.h) first. Everything hangs off struct prm_model and is freed by
 * prm_model_free(). Callers never see libxml2.
 *
 * Two versions of the format (prmwb-model(5)), told apart by the root's
 * namespace: version 1 (urn:prmwb:prm:1) and version 2 (urn:prmwb:prm:2),
 * which adds sub-processes, declared relation types, short names,
 * references per outcome and tailoring (a model that extends another).
 * Both load into the same structures; what version 1 lacks stays empty. */
#ifndef PRMWB_MODEL_H
#define PRMWB_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include "diag.h"

/* Where an item comes from: which file (index into prm_model.files), which
 * line, and whether a tailoring file added it or replaced its text. */
enum prm_how { PRM_BASE = 0, PRM_ADDED, PRM_REPLACED };
struct prm_src {
	unsigned line;              /* 0: unknown */
	unsigned short file;        /* index into prm_model.files */
	unsigned char how;          /* enum prm_how */
};

struct prm_reference {
	char *standard;     /* e.g. "ISO/IEC 27001:2022" */
	char *clause;       /* e.g. "6.1.2"; may be a range "5.19-5.23" or "Annex A 5.1" */
	char *note;         /* optional, NULL if absent */
	struct prm_src src;
};

struct prm_relation {
	char *type;         /* e.g. "provides-input-to", "triggers", "supports" */
	char *target;       /* id of another process in the same model */
	char *note;         /* optional, NULL if absent */
	struct prm_src src;
};

/* A relation type declared by a version 2 model: how a relation of this
 * type reads from its source ("provides input to") and from its target
 * ("receives input from"). */
struct prm_relation_type {
	char *id;           /* e.g. "provides-input-to" */
	char *label;        /* e.g. "provides input to" */
	char *inverse;      /* e.g. "receives input from" */
	struct prm_src src;
};

struct prm_outcome {
	int number;         /* as written in the file (n="1"): stable, gaps allowed */
	char *text;
	struct prm_reference *references; size_t n_references;  /* version 2 */
	struct prm_src src;
};

struct prm_list {           /* an ordered list of short texts */
	char **items;
	size_t n;
	struct prm_src *srcs;   /* parallel to items; NULL in hand-built models */
};

struct prm_process {
	char *id;           /* unique in the model, e.g. "7.4" */
	char *name;
	size_t category;    /* index into prm_model.categories */
	char *summary;      /* optional short description / context, NULL if absent */
	char *purpose;      /* never empty (semantic check) */
	struct prm_outcome *outcomes; size_t n_outcomes;   /* file order */
	struct prm_list activities;
	struct prm_list inputs;
	struct prm_list outputs;
	struct prm_reference *references; size_t n_references;
	struct prm_relation *relations; size_t n_relations;
	long line;          /* line of the <process> element in its file */
	/* Version 2. A process may hold sub-processes: the flat array
	 * prm_model.processes lists every process, each followed by its
	 * sub-processes (depth first); these say how they nest. */
	char *short_name;   /* NULL if none: see prm_process_short() */
	struct prm_process *parent;     /* NULL: directly in its category */
	size_t *children; size_t n_children;  /* indices into prm_model.processes */
	int depth;          /* 0 in its category, 1 for a sub-process, ... */
	/* Tailoring: where the process and its texts come from. */
	struct prm_src src;                     /* the <process> element */
	struct prm_src name_src, short_src, summary_src, purpose_src;
	bool tailored;      /* added by a tailoring file, or anything in it added or replaced */
};

struct prm_category {
	char *id;           /* e.g. "management" */
	char *name;         /* e.g. "Management processes" */
	char *summary;      /* optional, NULL if absent */
	size_t *processes;  /* indices into prm_model.processes, in model order,
	                     * sub-processes included (depth first) */
	size_t n_processes;
	struct prm_src src, name_src, summary_src;
	bool tailored;      /* added by a tailoring file, or changed by one */
};

struct model_index;         /* look-up tables (model.c), NULL in hand-built models */
struct arena;

struct prm_model {
	char *id;           /* e.g. "iso27022": records in a store are bound to this */
	char *title;
	char *version;
	char *source;       /* what the model is based on */
	char *licence;      /* licence / copyright note */
	char *file;         /* where it came from: a path, or "<embedded>" */
	struct prm_category *categories; size_t n_categories;
	struct prm_process *processes; size_t n_processes;  /* categories' order */
	/* Version 2 */
	int format;         /* 1 or 2: the namespace of the file */
	struct prm_relation_type *relation_types; size_t n_relation_types;
	int max_depth;      /* deepest prm_process.depth */
	/* Tailoring: files in the order they were applied, the base model's
	 * first and this model's own (== file) last; one file if not tailored. */
	const char **files; size_t n_files;
	/* This model's id, then the id of the model it extends, and so on:
	 * a store bound to any of them holds records for this model. */
	const char **lineage; size_t n_lineage;
	/* private */
	const unsigned char *formats;   /* per file: 1 or 2 (NULL: format) */
	struct model_index *index;
	struct arena *arena;
};

/* Limits applied before and during parsing (hostile input). The file
 * size and element count admit a model of 20,000 processes (about 23 MB,
 * 440,000 elements); elements and attributes are counted before libxml2
 * sees the file (model_scan.h). */
#define PRM_MAX_FILE_BYTES  (64u * 1024u * 1024u)
#define PRM_MAX_ELEMENTS    1000000
#define PRM_MAX_ATTRS       32      /* per element; the format needs at most 3 */
#define PRM_MAX_DEPTH       32
/* The largest outcome number: the highest outcome.N a record takes. */
#define PRM_MAX_OUTCOME     9999
/* How many models a tailored model may be built on (extends chains). */
#define PRM_MAX_EXTENDS     16

/* Load and check a model from a file: structure (the format's rules, the
 * same as the RELAX NG schema's), then semantic checks. A model that extends
 * another has it loaded first (by id: a file ID.xml next to it, else the
 * embedded model; by path: relative to the file) and the result is the
 * tailored model. Returns a new model the caller frees with
 * prm_model_free(), or NULL with every problem added to diag as
 * "FILE:LINE: message". No network access, no DTD or external entity is
 * ever loaded. */
struct prm_model *prm_model_load_file(const char *path, struct diag *diag);

/* The same from memory; name is used in messages and as prm_model.file.
 * extends="ID" can only name the embedded model here, and extends-file is
 * refused (there is no directory to look in). */
struct prm_model *prm_model_load_memory(const char *buf, size_t len,
                                        const char *name, struct diag *diag);

/* prm_model_load_file() that also validates every file read (the file and
 * the ones it extends) with the RELAX NG schema of its version: what
 * `prmwb check` does. */
struct prm_model *prm_model_check_file(const char *path, struct diag *diag);

/* The model embedded in the binary at build time (models/iso27022.xml). */
struct prm_model *prm_model_load_default(struct diag *diag);

/* The model the user asked for: path if not NULL, else $PRMWB_MODEL if set
 * and not empty, else the embedded default. */
struct prm_model *prm_model_load_choice(const char *path, struct diag *diag);

/* Frees a model from one of the loaders above. */
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

/* The short name if the process has one, else its name: for places where
 * space is short. */
const char *prm_process_short(const struct prm_process *p);

/* The outcome numbered number, or NULL (numbers may have gaps). */
const struct prm_outcome *prm_process_outcome(const struct prm_process *p, int number);

/* The highest outcome number of the process (0: none). */
int prm_process_outcome_max(const struct prm_process *p);

/* The declared relation type with this id, or NULL (undeclared: a version
 * 1 model's free types). */
const struct prm_relation_type *prm_model_relation_type(const struct prm_model *model,
                                                        const char *id);

/* How relation r reads from its source: the declared label
 * ("provides input to"), or the type id itself if undeclared. */
const char *prm_relation_label(const struct prm_model *model, const struct prm_relation *r);

/* A relation seen from its target. */
struct prm_incoming {
	size_t from;                        /* index of the process declaring it */
	const struct prm_relation *relation;
	/* The declared inverse wording ("receives input from"): read as
	 * "<wording> <from>". NULL if the type is undeclared (version 1):
	 * then read "<from> <type> this". */
	const char *inverse;
};

/* The relations other processes declare with process (an index) as their
 * target, in model order: fills out[] with at most max and returns how
 * many there are in all (call with max 0 to count). */
size_t prm_model_incoming(const struct prm_model *model, size_t process,
                          struct prm_incoming *out, size_t max);

/* The ids a store's records for this model may be bound to: its own id
 * first, then those of the models it extends (just its own if it extends
 * none). For store_open_lineage(). */
const char *const *prm_model_lineage(const struct prm_model *model, size_t *n);

/* File name of an item's source (prm_src.file), for "FILE:LINE". */
const char *prm_model_src_file(const struct prm_model *model, struct prm_src src);

/* The RELAX NG schema embedded in the binary (models/prm.rng for version
 * 1, models/prm-2.rng for version 2), NUL-terminated; NULL for another
 * version. */
const char *prm_schema_text(int version, size_t *len);

#endif
