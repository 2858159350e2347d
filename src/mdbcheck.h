/* mdbcheck.h - check the structure of an LMDB data file without LMDB.
 *
 * LMDB trusts its file: a damaged page makes it read through wild pointers
 * (SIGSEGV, SIGBUS on a truncated file, failed assertions). This reads
 * data.mdb with pread() instead, never maps it, and checks every bound
 * before it uses a number from the file: both meta pages, every page of
 * the main tree, of the named databases it lists and of the free list
 * (header, page number, type, node
 * offsets and sizes, key order, depth, overflow pages, page counts), and
 * that no page is used twice or both used and free. So the store can say
 * what is wrong, and open the file through LMDB only once it is sound.
 *
 * It knows the file format of LMDB 0.9 (data version 1) on the machine it
 * runs on (native byte order and word size, as LMDB writes it). */
#ifndef PRMWB_MDBCHECK_H
#define PRMWB_MDBCHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Called for each problem: where names the page (and a key near it), what
 * says what is wrong. Return false to stop checking. */
typedef bool (*mdbcheck_fn)(const char *where, const char *what, void *arg);

/* Writes a readable name of a key of the main tree (db NULL) or of the
 * named database db into buf (size > 0), for messages. NULL: the bytes,
 * escaped. */
typedef void (*mdbcheck_key_fn)(const char *db, const void *key, size_t len, char *buf,
                                size_t size);

struct mdbcheck_stats {
	uint64_t pages;         /* pages in use (meta pages included) */
	uint64_t free_pages;    /* pages listed in the free list */
	uint64_t entries;       /* keys of the main tree and the named databases */
	uint64_t psize;         /* page size */
	uint64_t txnid;         /* transaction of the meta page checked */
};

/* Check the data file at path. Returns 0 when the file could be read (the
 * number of problems reported is in *problems) or an errno when it could
 * not be opened or read at all (ELOOP for a symbolic link: never
 * followed; EINVAL for something that is not a regular file). */
int mdbcheck_file(const char *path, mdbcheck_fn fn, void *arg, mdbcheck_key_fn keyname,
                  struct mdbcheck_stats *stats, size_t *problems);

#endif
