/* model_int.h - inside the model loader. Not for other modules.
 *
 *   model_xml.c    the only file that sees libxml2: a safe streaming (SAX)
 *                  parse that feeds the two below; RELAX NG for check
 *   model_shape.c  the format's structure, element by element, as the
 *                  schemas models/prm.rng and prm-2.rng state it
 *   model_build.c  the model built from the same events, in an arena
 *   model_tailor.c a tailoring file applied to the model it extends
 *   model.c        loading files, semantic checks, look-ups */
#ifndef PRMWB_MODEL_INT_H
#define PRMWB_MODEL_INT_H

#include <stdbool.h>
#include <stddef.h>
#include "arena.h"
#include "model.h"

#define PRM_NS1 "urn:prmwb:prm:1"
#define PRM_NS2 "urn:prmwb:prm:2"

/* ---- events of the streaming parse ---- */

/* An attribute as the parser gives it; value is not NUL-terminated. */
struct xattr {
	const char *name;
	const char *prefix;     /* NULL: no namespace (the format's attributes) */
	const char *value;
	size_t len;
};

/* What an element is, once the structural checker has placed it. */
enum el {
	EL_SKIP = 0,            /* unknown or misplaced: its subtree is ignored */
	EL_PRM, EL_TITLE, EL_SOURCE, EL_LICENCE, EL_DESCRIPTION,
	EL_RELATION_TYPES, EL_RELATION_TYPE,
	EL_CATEGORY, EL_SUMMARY, EL_PROCESS, EL_PURPOSE,
	EL_OUTCOMES, EL_OUTCOME, EL_ACTIVITIES, EL_ACTIVITY, EL_INPUTS, EL_INPUT,
	EL_OUTPUTS, EL_OUTPUT, EL_REFERENCES, EL_REFERENCE, EL_RELATIONS, EL_RELATION,
	/* tailoring (version 2, in a model that extends another) */
	EL_TAILOR_PROCESS, EL_TAILOR_CATEGORY,
	EL_ADD, EL_REPLACE,     /* inside either kind of <tailor> */
	EL_NAME, EL_SHORT,      /* texts inside <add>/<replace> */
};

/* Whether the text of elements of kind el is kept (text-only elements). */
bool el_has_text(enum el el);

/* ---- the structural checker (model_shape.c) ---- */

struct shape;

/* A checker for one document, version 1 or 2 (from the root's namespace);
 * problems go to diag (named name) when shape_finish() is called. NULL on
 * out-of-memory. */
struct shape *shape_new(const char *name, int version, struct diag *diag);
/* An element starts (line: where its start tag ends, like libxml2's node
 * lines); returns what it is, EL_SKIP if it does not belong there (the
 * problem is recorded) or is inside such an element. */
enum el shape_start(struct shape *s, const char *local, const char *uri,
                    const struct xattr *attrs, size_t n_attrs, long line);
/* Character data (any chunk of it) inside the current element. */
void shape_text(struct shape *s, const char *text, size_t len, long line);
void shape_end(struct shape *s);
/* Report the problems found to diag, in file order; returns how many
 * there were. Frees s. */
size_t shape_finish(struct shape *s);
/* Free without reporting. */
void shape_free(struct shape *s);

/* ---- building the model (model_build.c) ---- */

struct build;
struct tailoring;

/* A builder for one file; file is its index in the final model's files. */
struct build *build_new(const char *name, int version);
void build_start(struct build *b, enum el el, const struct xattr *attrs,
                 size_t n_attrs, long line);
void build_text(struct build *b, const char *text, size_t len);
void build_end(struct build *b, enum el el);
/* The model read (not yet checked or finished: see model_finish()), or
 * NULL on out-of-memory (message in diag). A model that extends another
 * also comes with its tailoring (model_tailor.c). Frees b. */
struct prm_model *build_finish(struct build *b, struct diag *diag,
                               struct tailoring **tailoring);
void build_free(struct build *b);

/* What a tailoring file asks for: the parts of its model it adds
 * (categories, processes, relation types: in the model build_finish()
 * returns) and the changes to the model it extends. Lives in that
 * model's arena. */
struct tailoring {
	char *extends;              /* extends="ID", or NULL */
	char *extends_file;         /* extends-file="PATH", or NULL */
	unsigned extends_line;      /* line of <prm> */
	struct tailor_op *ops; size_t n_ops;
	size_t *parents;            /* of the tailoring model's processes, as
	                             * model_finish() takes them */
};

enum tailor_what { TW_PROCESS, TW_CATEGORY };

/* One <tailor>: what it targets and, in file order, what it adds to it
 * and what it replaces. Processes it adds are in the tailoring model's
 * processes (their parent or category is named by target). */
struct tailor_op {
	enum tailor_what what;
	char *target;               /* process or category id */
	unsigned line;              /* of <tailor> */
	/* <add> */
	bool add;
	char *add_short, *add_summary;
	unsigned add_short_line, add_summary_line;
	struct prm_outcome *outcomes; size_t n_outcomes;
	struct prm_list activities, inputs, outputs;
	struct prm_reference *references; size_t n_references;
	struct prm_relation *relations; size_t n_relations;
	size_t first_process, n_processes;  /* added processes: a range of the
	                                     * tailoring model's top-level ones */
	/* <replace> */
	bool replace;
	char *name, *short_name, *summary, *purpose;
	unsigned name_line, short_line, summary_line, purpose_line;
	bool has_summary;           /* <summary> given (it may be empty: removed) */
	struct prm_outcome *new_texts; size_t n_new_texts;  /* number + text */
};

/* ---- finishing and checking (model.c) ---- */

/* Put the processes in model order (each category's, each process followed
 * by its sub-processes), set parent, children, depth and the categories'
 * lists, and build the look-up index. parent[i] is the index of process
 * i's parent in the array as given, or (size_t)-1. Processes keep their
 * relative order among siblings. False on out-of-memory. */
bool model_finish(struct prm_model *m, const size_t *parent);

/* The parents of a finished model's processes as model_finish() takes
 * them, in m's arena; NULL on out-of-memory. */
size_t *model_parents(struct prm_model *m);

/* Semantic checks of a finished model; problems to diag in file order.
 * Returns how many. */
size_t model_check(const struct prm_model *m, struct diag *diag);

/* ---- tailoring (model_tailor.c) ---- */

/* Apply tailoring t of model ext (the tailoring file, built but not
 * finished) to base (finished, freed by this call): returns the tailored
 * model (finished, not yet checked) or NULL with the conflicts in diag.
 * ext is freed too. */
struct prm_model *tailor_apply(struct prm_model *base, struct prm_model *ext,
                               const struct tailoring *t, struct diag *diag);

/* ---- reading XML (model_xml.c) ---- */

/* Parse buf (len bytes) safely, check its structure and build the model:
 * NULL with the reasons in diag ("NAME:LINE: ..."). With schema, also
 * validate it with the RELAX NG schema of its version. *tailoring is set
 * if the file extends another model. Not finished (unless it is a whole
 * model), not checked. own: NULL, or the caller's pointer to buf if it
 * came from malloc: then it may be freed early (*own set to NULL). */
struct prm_model *model_xml_read(const char *buf, size_t len, const char *name,
                                 bool schema, struct diag *diag,
                                 struct tailoring **tailoring, char **own);

/* For tests: the two verdicts on buf separately: *schema_ok from the RELAX
 * NG schema of its version (libxml2's messages in schema), and the
 * structural checker's messages in checker (none: it finds the document
 * valid). They must agree. Returns -1 if buf could not be parsed (reason
 * in schema), else 0. */
int model_xml_verdicts(const char *buf, size_t len, const char *name,
                       bool *schema_ok, struct diag *schema, struct diag *checker);


#endif
