/* uuid.h - RFC 4122 UUIDs as text: version 5 (name-based, SHA-1) and checks.
 *
 * prmwb's exports name things with version 5 UUIDs made from a fixed
 * namespace and a name, so that the same thing gets the same UUID in every
 * export (prmwb-records(5), OSCAL). */
#ifndef PRMWB_UUID_H
#define PRMWB_UUID_H

#include <stdbool.h>

/* prmwb's namespace for version 5 UUIDs (documented in prmwb(1), EXPORT). */
#define UUID_PRMWB_NS "5b0c2d0e-8f3a-4c41-9d6e-2a7f1e4b9c38"

/* The version 5 UUID of name (NUL-terminated, UTF-8) in namespace ns (a
 * UUID as text): 36 lower-case characters and a NUL into out. False if ns
 * is not a UUID. */
bool uuid_v5(const char *ns, const char *name, char out[37]);
/* Whether s is a UUID as text: 8-4-4-4-12 hex digits (either case). */
bool uuid_is_text(const char *s);

#endif
