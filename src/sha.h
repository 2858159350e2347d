/* sha.h - SHA-1 and SHA-256 (FIPS 180-4), streamed.
 *
 * SHA-1 only for version 5 UUIDs (RFC 4122 names it; not for security);
 * SHA-256 for what identifies a file (an import's record in the history)
 * and the content hash of OSCAL documents. No I/O, no allocation. */
#ifndef PRMWB_SHA_H
#define PRMWB_SHA_H

#include <stddef.h>
#include <stdint.h>

struct sha1 {
	uint32_t h[5];
	uint64_t len;           /* bytes hashed */
	unsigned char buf[64];
};

struct sha256 {
	uint32_t h[8];
	uint64_t len;
	unsigned char buf[64];
};

void sha1_init(struct sha1 *c);
void sha1_update(struct sha1 *c, const void *data, size_t n);
void sha1_final(struct sha1 *c, unsigned char out[20]);

void sha256_init(struct sha256 *c);
void sha256_update(struct sha256 *c, const void *data, size_t n);
void sha256_final(struct sha256 *c, unsigned char out[32]);
/* The digest as 64 lower-case hex digits and a NUL. */
void sha256_final_hex(struct sha256 *c, char out[65]);

#endif
