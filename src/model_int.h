/* model_int.h - inside the model loader: the split between XML reading
 * (model_xml.c, the only file that sees libxml2) and the rest (model.c:
 * semantic checks, look-ups, freeing). Not for other modules. */
#ifndef PRMWB_MODEL_INT_H
#define PRMWB_MODEL_INT_H

#include <stdbool.h>
#include <stddef.h>
#include "model.h"

/* Where parts of a model were in its file, for semantic error messages.
 * Arrays parallel the model's; all owned, freed by model_lines_free(). */
struct model_lines {
	long *category;          /* per category: line of <category> */
	long *purpose;           /* per process: line of <purpose> */
	long **outcome;          /* per process, per outcome */
	long **relation;         /* per process, per relation */
	size_t n_processes;      /* length of purpose/outcome/relation */
};

/* Parse buf (len bytes, len <= PRM_MAX_FILE_BYTES) safely, validate it with
 * the embedded RELAX NG schema and build the model. Returns NULL with the
 * reasons in diag ("NAME:LINE: ..."). On success *lines holds the locations
 * (caller frees with model_lines_free). No semantic checks here. */
struct prm_model *model_xml_read(const char *buf, size_t len, const char *name,
                                 struct diag *diag, struct model_lines *lines);

/* For tests: parse buf like model_xml_read(), then give the two verdicts on
 * it separately: *schema_ok from the RELAX NG schema (libxml2's messages in
 * schema), and the structural checker's messages in checker (none: it finds
 * the document valid). They must agree. Returns -1 if buf could not be
 * parsed or validated (reason in schema), else 0. */
int model_xml_verdicts(const char *buf, size_t len, const char *name,
                       bool *schema_ok, struct diag *schema, struct diag *checker);

void model_lines_free(struct model_lines *l);

/* Copy of s with leading/trailing whitespace removed and inner runs of
 * whitespace (space, tab, CR, LF) folded to one space; NULL on OOM. */
char *model_text_norm(const char *s);

#endif
