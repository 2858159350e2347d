/* model_scan.h - a first, linear look at a model's raw bytes, before any
 * XML parser sees them.
 *
 * Some well-formed files are cheap to write and ruinous to parse: libxml2
 * 2.9 checks each attribute of a start tag against all the ones before it
 * (80,000 attributes on one element take 10 s, 300,000 over 300 s), and a
 * file of millions of tiny elements costs seconds and hundreds of MB. This
 * scan counts elements and the attributes of each start tag in one pass
 * over the bytes, skipping comments, CDATA sections, processing
 * instructions, declarations (DOCTYPE) and quoted attribute values, and
 * refuses a file over PRM_MAX_ELEMENTS or PRM_MAX_ATTRS (model.h).
 *
 * It is no XML parser and does not judge well-formedness: whatever it does
 * not understand it passes on, and the parser reports it. It only ever
 * counts at least as many attributes as a parser could read from a tag:
 * every '=' outside a quoted value counts, and a quoted value ends at a
 * '<' (which no attribute value may hold), so no markup hides in one. */
#ifndef PRMWB_MODEL_SCAN_H
#define PRMWB_MODEL_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include "diag.h"

/* What the scan found in a file it accepted. */
struct model_scan_stats {
	size_t elements;         /* start tags (empty-element tags included) */
	size_t max_attrs;        /* most attributes on one start tag */
};

/* Scan buf (len bytes, need not be NUL-terminated). Returns true if it is
 * within the limits (and fills *stats if not NULL); otherwise false with
 * one line "NAME:LINE: ..." in diag naming the element and the limit. */
bool model_scan(const char *buf, size_t len, const char *name,
                struct diag *diag, struct model_scan_stats *stats);

#endif
